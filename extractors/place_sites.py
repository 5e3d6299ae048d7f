"""Named sites, routes and landmarks (LOC): a name, optional generic words, and a site head.

龙坞水库, 穿山港区, 义乌国际商贸城, 森村二号隧道, 13号公路, 静湖. The heads and the generic words
are data (gazetteers/places/site_heads.tsv, site_modifiers.txt). Hubs (airports, ports, stations,
border crossings) keep the city they are named after (北京大兴国际机场, 义乌站); before another site a
place is its own GPE when a name of the site's own follows it (三明 / 大坂现代物流园), and inside when
only generic words do (guideline §5). Found from the heads (one regex pass), walking left over at
most a few words, so the cost stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zhnews.extractors.entity_text import Ctx, all_cjk

_DIR = Path(__file__).resolve().parents[1] / "gazetteers" / "places"
# Tags of a word that can be (part of) a site's own name: unknown words and name words.
_NAME_TAGS = frozenset({None, "ns", "nz", "nr", "nrt", "j"})
# A word the segmenter glued from a function character and a name (和阳德) is no name.
_FUNCTION_FIRST = frozenset("和与及在到从向对把被将让给的是为于伫反一二两三四五六七八九十几多各每本该")
# Words that only describe a site (老旧小区, 深水港, 海港遗址, 天文台站): no name of one.
_GENERIC_NAMES = frozenset({"老旧", "深水港", "海港", "人工", "天文台", "台站", "野外", "新建", "老城", "城市", "农村",
                            "乡村", "城乡", "周边", "附近", "当地", "沿海", "内河", "出站", "进站", "车站", "海滨"})
# Function characters the segmenter glues onto the name after them (对|塞林港, 伫|放鹤亭, 在|…): cut off.
_GLUED_FIRST = frozenset("对在和与及到从向于伫往赴")
_MUNICIPALITIES = frozenset({"CN-110000", "CN-120000", "CN-310000", "CN-500000"})
# Heads after which a two-character noun right before them is the site's name (思源小区).
_HEADS_FOR_NOUNS = frozenset({"小区", "公园", "隧道", "水库", "广场", "礼堂"})
_DASHES = frozenset({"—", "-", "－", "–"})
_NUMBERED = re.compile("(?:[0-9]+|[一二三四五六七八九十]+)号")
_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Heads:
    kinds: dict[str, str]  # head -> hub | site | glued
    head_re: "re.Pattern[str]"
    modifiers: frozenset[str]


@cache
def _heads() -> _Heads:
    kinds: dict[str, str] = {}
    for line in (_DIR / "site_heads.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("head\t"):
            head, kind = line.split("\t")[:2]
            kinds[head] = kind
    mods = frozenset(w.strip() for w in (_DIR / "site_modifiers.txt").read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))
    pattern = "|".join(map(re.escape, sorted(kinds, key=len, reverse=True)))
    return _Heads(kinds, re.compile(pattern), mods)


@dataclass(frozen=True, slots=True)
class Site:
    start: int
    end: int


def find_sites(ctx: Ctx, place_ends: dict[int, tuple[int, str | None]], covered: bytearray) -> list[Site]:
    """Sites in the text, left to right, not overlapping. ``place_ends`` maps the end of each place
    found so far to (its start, its kb id): a place right before a site's words."""
    heads = _heads()
    s = ctx.norm
    n = len(s)
    toks, starts, tags, tok_at = ctx.tokens, ctx.starts, ctx.tags, ctx.tok_at
    out: list[Site] = []
    for m in heads.head_re.finditer(s):
        h, he = m.start(), m.end()
        if he < n and he not in tok_at:
            continue
        kind = heads.kinds[m.group()]
        has_name = False
        if h in tok_at:
            cur = h
            if kind == "glued":  # 云龙|湖: a one-character head as a word of its own, after a place word
                k = tok_at[h] - 1
                if k < 0 or ctx.tags[k] != "ns" or len(toks[k]) < 2 or starts[k] + len(toks[k]) != h \
                        or not all_cjk(toks[k]) or any(covered[starts[k]:h]) or toks[k] in _GENERIC_NAMES:
                    continue
                cur, has_name = starts[k], True
        else:
            # the head ends a word the segmenter does not know or reads as a place: 静湖, 苏赫纳港, 密云水库
            k = (tok_at.get(he) if he < n else len(toks)) or 0
            k -= 1
            tok = toks[k] if k >= 0 else ""
            if k < 0 or starts[k] + len(tok) != he or tags[k] not in (None, "ns", "nz") or len(tok) > 6 \
                    or not all_cjk(tok) or tok in _GENERIC_NAMES \
                    or tok[:h - starts[k]] in _GENERIC_NAMES or m.group() == "站":
                continue
            cur = starts[k]
            if tok[0] in _FUNCTION_FIRST:
                if he - cur < 4 or tok[1] in _FUNCTION_FIRST or tok[0] not in _GLUED_FIRST:
                    continue
                cur += 1  # 对|塞林港, 伫|放鹤亭: a character glued on from the word before
            if kind == "glued" and he - cur > 4:
                continue
            has_name = True
        if kind == "glued" and not has_name:
            continue  # 湖, 园 as words of their own: too common after ordinary words
        if kind == "glued":  # 静湖, 小南湖: the word is the whole name (云龙湖|小南湖 are two)
            start, has_place = cur, False
        else:
            start, has_name, has_place = _walk_left(ctx, cur, kind, has_name, place_ends, covered)
        if not (has_name or has_place) or he - start < 3 or any(covered[h:he]):
            continue
        while out and start <= out[-1].start:
            out.pop()  # 凡尔赛宫 | 凡尔赛宫花园: the longer site holds the shorter
        if out and out[-1].end > start:
            continue
        out.append(Site(start, he))
    return out


def _walk_left(ctx: Ctx, cur: int, kind: str, has_name: bool, place_ends: dict[int, tuple[int, str | None]],
               covered: bytearray) -> tuple[int, bool, bool]:
    """Start of the site whose head (or glued name) starts at ``cur``; whether it has a name of its
    own; whether a place is inside it."""
    toks, starts, tags, tok_at = ctx.tokens, ctx.starts, ctx.tags, ctx.tok_at
    modifiers = _heads().modifiers
    has_place = False
    k = tok_at.get(cur, 0) - 1
    words = 0
    while k >= 0 and words < _MAX_WORDS:
        place = place_ends.get(cur)
        if place is not None:
            p_start, kb = place
            if (kb or "").startswith("ISO-") or (has_place and (kb or "").endswith("0000") and kb not in _MUNICIPALITIES) \
                    or _user_entry(ctx, kb):
                break  # 中国|港 is no site named after a country; 浙江|义乌站 keeps only the city; a team's
                # own gazetteer name is kept as it is (茶山竹海|景区)
            if kind == "hub" or not has_name:
                cur, has_place = p_start, True  # 荆州|客运枢纽站, 密云|水库, 张庄村|文化广场
                if kind != "hub":
                    break
                k = tok_at.get(cur, 0) - 1
                words += 1
                continue
            break  # 三明 | 大坂现代物流园: the place is its own
        tok, tag = toks[k], tags[k]
        if starts[k] + len(tok) != cur or any(covered[starts[k]:cur]) or tok in _GENERIC_NAMES:
            break
        if tok in modifiers:
            cur = starts[k]
        elif _NUMBERED.fullmatch(tok):
            cur, has_name = starts[k], True  # 二号隧道, 13号公路
        elif tok == "号" and k > 0 and toks[k - 1].isdigit():
            k -= 1
            cur, has_name = starts[k], True
        elif tag in _NAME_TAGS and len(tok) <= 4 and all_cjk(tok) and tok[0] not in _FUNCTION_FIRST:
            cur, has_name = starts[k], True
        elif tag == "n" and words == 0 and kind == "site" and len(tok) == 2 and all_cjk(tok) \
                and tok not in _GENERIC_NAMES and len(ctx.norm[cur:cur + 2]) == 2 and ctx.norm[cur:cur + 2] in _HEADS_FOR_NOUNS:
            cur, has_name = starts[k], True  # 思源|小区, 意杨|产业科技园: a noun as the name right before the head
            break
        elif tag is None and 3 <= len(tok) <= 5 and all_cjk(tok) and tok[0] in _GLUED_FIRST \
                and tok[1] not in _FUNCTION_FIRST:
            cur, has_name = starts[k] + 1, True  # 对塞林港|遗址: the name without the glued 对
            break
        else:
            break
        k -= 1
        words += 1
    if has_name or has_place:
        cur = _dashed_name(ctx, cur, place_ends)
    return cur, has_name, has_place


def _dashed_name(ctx: Ctx, cur: int, place_ends: dict[int, tuple[int, str | None]]) -> int:
    """Start of a site name joined by a dash to the words before it: 滨海—中关村科技园."""
    k = ctx.tok_at.get(cur, 0) - 1
    if k < 1 or ctx.tokens[k] not in _DASHES:
        return cur
    dash = ctx.starts[k]
    place = place_ends.get(dash)
    if place is not None and not (place[1] or "").startswith("ISO-"):
        return place[0]
    prev, tag = ctx.tokens[k - 1], ctx.tags[k - 1]
    if tag in _NAME_TAGS and all_cjk(prev) and prev[0] not in _FUNCTION_FIRST:
        return ctx.starts[k - 1]
    return cur


def _user_entry(ctx: Ctx, kb: str | None) -> bool:
    """The place is an entry of the data team's own gazetteer (user files win over the rules)."""
    if not kb or ctx.gaz is None or not hasattr(ctx.gaz, "is_user"):
        return False
    try:
        return bool(ctx.gaz.is_user(kb))
    except Exception:  # a partial gazetteer must not break extraction
        return False
