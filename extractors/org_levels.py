"""A bare administrative level before a body every level has: 自治区党委, 区党委, 省邮政, 社区党委,
省卫健委. The article's context fixes which body is meant, so level + body is one ORG
(docs/annotation/entities.md §4); with a place right before the level it starts there
(内蒙古|自治区|民委).

Why a rule of its own: the suffix rule needs a proper name before the body and reads only
one-character levels glued to it (市|人大常委会); multi-character levels (自治区, 社区) and bodies no
suffix names (邮政) were lost. Word lists: gazetteers/orgs/bare_levels.txt, level_bodies.txt,
local_bodies.txt.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from pathlib import Path
from typing import Any

from zhnews.extractors.entity_lexicon import _automaton
from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.org_base import OrgCand
from zhnews.gazetteers.word_lists import read_word_list

_DIR = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs"
# Words before a level that make it a count or a pointer, not one body (各省, 全区, 该县, 两市).
_NOT_BEFORE = frozenset("各每全本该这那此两多几数诸某跨分等其外")
# Tags of a word before a level that make it part of a phrase (省|政府 after 三 is a count).
_COUNT_TAGS = frozenset({"m", "q", "mq", "r"})
# A community is named by the word before it (高地|社区|党委); these words before it name a kind of
# community, not one (城市社区, 基层社区).
_GENERIC_COMMUNITY = frozenset({"城市", "农村", "城乡", "基层", "街道", "所在", "当地", "本地", "周边", "附近", "新型",
                                "老旧", "居民", "村居", "镇村", "城镇", "乡村", "广大", "各个", "所有", "全国"})
# Tags of a community's own name written as a word before 社区.
_NAME_TAGS = frozenset({None, "n", "nz", "ns", "nr", "nrt", "j"})


def _words(name: str) -> frozenset[str]:
    return frozenset(read_word_list(_DIR / name))


@cache
def _tables() -> tuple[frozenset[str], tuple[int, ...], dict[str, int], Any]:
    """(bodies, body lengths longest first, level + body -> the level's length, a scanner finding
    every level + body in one pass)."""
    levels = _words("bare_levels.txt")
    bodies = _words("level_bodies.txt") | _words("local_bodies.txt")
    pairs = {lv + b: len(lv) for lv in levels for b in bodies}
    return bodies, tuple(sorted({len(b) for b in bodies}, reverse=True)), pairs, _automaton(pairs)


def _body_end(ctx: Ctx, at: int, bodies: frozenset[str], lengths: tuple[int, ...]) -> int | None:
    """End of the longest body starting at ``at`` that ends a word, or ends before a post glued to it
    (社区|党委书记, 省|人大代表: 代表 is a post, so 省人大 is kept); None when the body runs on into a longer
    word that is no post (省|政府采购)."""
    s = ctx.norm
    for n in lengths:
        if s[at:at + n] not in bodies:
            continue
        end = at + n
        if end >= len(s) or end in ctx.tok_at:
            return end
        k = bisect_right(ctx.starts, end - 1) - 1
        rest = ctx.tokens[k][end - ctx.starts[k]:]
        if rest in ctx.lex.title_set:
            return end
    return None


def level_bodies(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """One ORG per bare level word followed by a body. Speed: every level + body string is found in
    one scanner pass over the text; only those whose level starts a word are looked at."""
    bodies, lengths, pairs, scanner = _tables()
    s = ctx.norm
    gpe_start: dict[int, int] | None = None
    out: list[OrgCand] = []
    seen: set[int] = set()
    for last, n in scanner.iter(s):
        a = last + 1 - n
        k = ctx.tok_at.get(a)
        if k is None or a in seen:
            continue  # the level must start a word (区|党委, 区党委; not 地区|政府, 自治|区党委)
        seen.add(a)
        t = ctx.tokens[k]
        level_end = a + pairs[s[a:last + 1]]
        if a + len(t) < level_end:
            continue
        if k > 0:
            prev, tag = ctx.tokens[k - 1], ctx.tags[k - 1]
            if prev[-1] in _NOT_BEFORE or tag in _COUNT_TAGS or prev[-1].isdigit():
                continue
        end = _body_end(ctx, level_end, bodies, lengths)
        if end is None:
            continue
        if gpe_start is None:
            gpe_start = {h.end: h.start for h in ctx.places if h.label == "GPE"}
        if t == "社区" and k > 0 and ctx.tokens[k - 1] in _GENERIC_COMMUNITY:
            continue  # 城市|社区|党委: the body of a kind of community, not of one
        start = gpe_start.get(a, a)
        if start == a and t == "社区" and k > 0 and ctx.tags[k - 1] in _NAME_TAGS and \
                2 <= len(ctx.tokens[k - 1]) <= 4 and ctx.tokens[k - 1] not in _GENERIC_COMMUNITY and \
                all("\u4e00" <= c <= "\u9fff" for c in ctx.tokens[k - 1]):
            start = ctx.starts[k - 1]  # 高地|社区|党委: the community's name is part of the body's
        if not any(barriers[start:end]):
            out.append(OrgCand(start, end, "org.level_body", 0.7))
    return out
