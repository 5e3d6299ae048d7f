"""Organisations found by a pattern of their own, outside the suffix rule: periodicals (《人民日报》,
《阳光》杂志), clubs (AC米兰), a place before a body every place has (深圳市消协), a company before a
post only companies have (中联重科|董事长), items listed before 等 + a kind (朗依制药、万生药业等),
and teams jieba glued to the next word (苏格兰|队之战).

Why: each has a shape of its own and a word list in gazetteers/orgs/; none ends in a suffix unit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

from zhnews.extractors.entity_text import Ctx, all_cjk, is_cjk, positions_of
from zhnews.extractors.org_base import OrgCand

# A periodical by its last word (…日报, …杂志, …新闻) or a post only a periodical has after it.
_PAPER_NAME = re.compile(r"[^《》\n]{1,10}(?:日报|晚报|时报|早报|商报|周报|邮报|都市报|青年报|文摘报|读书报|导报|杂志|周刊|画报|"
                         r"教徒报|生活报|新闻)$")
# 《title》 and the word that makes it a publisher: 《阳光》杂志, 《检察日报》社
_PERIODICAL = re.compile(r"《([^《》\n]{1,12})》(杂志社|杂志|报社|周刊|月刊|社(?![会区论员长]))?")


_CLUB_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "club_prefixes.txt"


@cache
def _club_prefix_re() -> "re.Pattern[str]":
    words = [x for x in _CLUB_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r") ?", re.IGNORECASE)


def _prefixed_clubs(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """AC米兰, ac米兰, FC巴塞罗那: a club's letters glued before a city name the club is named after."""
    s = ctx.norm
    out: list[OrgCand] = []
    pattern = _club_prefix_re()
    for h in ctx.places:  # speed: only the few characters before each place
        if h.start < 2 or not s[h.start - 1].isascii():
            continue
        lo = max(0, h.start - 5)
        m = next((m for m in pattern.finditer(s, lo, h.start) if m.end() == h.start), None)
        if m is not None and (m.start() == 0 or not s[m.start() - 1].isalpha() or not s[m.start() - 1].isascii()) \
                and not any(barriers[m.start():h.end]):
            out.append(OrgCand(m.start(), h.end, "org.club", 0.85))
    return out


_LOCAL_BODIES_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "local_bodies.txt"


# Heads of the places below a county that the gazetteer seldom lists (荆北村, 文武社区).
_VILLAGE_ENDS = ("村", "社区", "嘎查")
_VILLAGE_END_RE = re.compile("|".join(_VILLAGE_ENDS))
# Tags of a village's name written as a word of its own before 村 (光明|村, 文武|社区).
_VILLAGE_NAME_TAGS = frozenset({None, "n", "nr", "nz", "ns", "nrt", "j"})


@cache
def _local_bodies() -> tuple[frozenset[str], tuple[int, ...]]:
    words = frozenset(x for x in _LOCAL_BODIES_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#"))
    return words, tuple(sorted({len(w) for w in words}, reverse=True))


def _village_words(ctx: Ctx) -> list[int]:
    """Indices of the words ending in 村, 社区 or 嘎查, in order. speed: a C-level scan of the text for
    where those end, not a Python loop over every word."""
    n_tok, n = len(ctx.tokens), len(ctx.norm)
    out: list[int] = []
    for m in _VILLAGE_END_RE.finditer(ctx.norm):
        k = ctx.tok_at.get(m.end(), n_tok if m.end() == n else 0) - 1
        if k >= 0 and ctx.tokens[k].endswith(_VILLAGE_ENDS):
            out.append(k)
    return out


def _place_bodies(ctx: Ctx, barriers: bytearray, found: list[OrgCand]) -> list[OrgCand]:
    """A political place written right before a body every place has, or before a listed
    organisation (深圳市消协, 香港中联办, 日本央行): one ORG from the first place of the chain
    (黑龙江省邮政, 江苏南京市公安局). Only GPEs: a river or a region before a body names no owner."""
    s = ctx.norm
    words, lengths = _local_bodies()
    listed = {o.start: o.end for o in found if o.rule in ("org.list", "org.gazetteer")}
    gpe_end = {h.end: h.start for h in ctx.places if h.label == "GPE"}
    for k in _village_words(ctx):
        t = ctx.tokens[k]
        # a village or community the gazetteer does not list (荆北村|党支部, 光明|村|党支部)
        if not t.endswith(_VILLAGE_ENDS) or len(t) > 6:
            continue
        a = ctx.starts[k]
        e = a + len(t)
        if t in _VILLAGE_ENDS:
            if k == 0 or ctx.tags[k - 1] not in _VILLAGE_NAME_TAGS or not 2 <= len(ctx.tokens[k - 1]) <= 4:
                continue
            a = ctx.starts[k - 1]
        elif len(t) < 3:
            continue  # 农村, 各村: no village named
        if s[a] in "各每该本全这那此" or e in gpe_end:
            continue
        if all_cjk(s[a:e]) and any(s[e:e + n] in words for n in lengths):
            gpe_end[e] = a
    out: list[OrgCand] = []
    for e in sorted(gpe_end):
        end = listed.get(e)
        if end is None:
            body = next((s[e:e + n] for n in lengths if s[e:e + n] in words), None)
            if body is None:
                continue
            end = e + len(body)
            k = bisect_right(ctx.starts, end - 1) - 1  # the word holding the body's last character
            if ctx.starts[k] + len(ctx.tokens[k]) != end and ctx.starts[k] >= e:
                continue  # the body word runs on into a longer word: 邮政编码
        start = gpe_end[e]
        steps = 0
        while start in gpe_end and steps < 4:  # 江苏|南京市|公安局: the places chained before it
            start = gpe_end[start]
            steps += 1
        if not any(barriers[start:end]):
            out.append(OrgCand(start, end, "org.place_body", 0.75))
    return out


_COMPANY_TITLES_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "company_titles.txt"
# Tags of words a company's name is made of (unknown words, names, abbreviations, nouns).
_NAME_PART_TAGS = frozenset({None, "nz", "nt", "j", "n", "ng", "nr", "nrt", "eng", "ns", "GAZ"})
# Tags of words that mark a name's proper part: a company is not named by ordinary nouns alone
# (集团董事长, 公司总经理).
_PROPER_PART_TAGS = frozenset({None, "nz", "nt", "j", "eng"})


@cache
def _company_title_re() -> tuple["re.Pattern[str]", frozenset[str]]:
    """(the positions, the words a position may start with): the words are checked before each hit,
    not in the pattern, which keeps the pattern's first-character scan fast."""
    lines = [x for x in _COMPANY_TITLES_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    titles = sorted((x for x in lines if not x.startswith("+")), key=len, reverse=True)
    mods = frozenset(x[1:] for x in lines if x.startswith("+"))
    return re.compile("|".join(titles)), mods


def _before_company_titles(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """An unknown name right before a position only companies have is the company: 深之蓝|总经理,
    中联重科|董事长, 科大讯飞|高级副总裁. The name is one to three words from a phrase boundary (a
    punctuation mark, a verb, a function word) and holds a word no dictionary knows as ordinary."""
    s = ctx.norm
    out: list[OrgCand] = []
    surnames = ctx.lex.surnames
    pattern, mods = _company_title_re()
    for m in pattern.finditer(s):
        at = m.start() - 2 if s[max(0, m.start() - 2):m.start()] in mods else m.start()
        k = ctx.tok_at.get(at)
        if k is None or k == 0:
            continue
        first = k
        while first > 0 and k - first < 3:
            t, tag = ctx.tokens[first - 1], ctx.tags[first - 1]
            if tag not in _NAME_PART_TAGS or not all(is_cjk(c) or c.isalnum() for c in t) or \
                    t in ctx.lex.title_set or t in ctx.lex.org_breakers or \
                    (t[-1] in "兼、" and t[:-1] in ctx.lex.title_set):
                break  # 总裁兼|首席执行官: a position joined to the next one, not a name
            first -= 1
        if first == k:
            continue
        start, end = ctx.starts[first], at
        before = ctx.tags[first - 1] if first > 0 else "x"
        if first > 0 and before in _NAME_PART_TAGS and all_cjk(ctx.tokens[first - 1]):
            continue  # the name may start further left: its start is unknown
        name = s[start:end]
        parts = [ctx.tags[j] for j in range(first, k)]
        if any(barriers[start:end]) or not 2 <= len(name) <= 8 or not any(p in _PROPER_PART_TAGS for p in parts):
            continue
        if len(name) <= 3 and name[0] in surnames and all(p in (None, "nr") for p in parts):
            continue  # 马云董事长: a person and the title after the name
        if name in ctx.lex.country_names or all(p in ("ns", "GAZ") for p in parts):
            continue
        out.append(OrgCand(start, end, "org.company_title", 0.65))
    return out


_MAX_LIST_ITEMS = 12  # a bound: a list read back from each 等 stays linear on hostile input
_LIST_KINDS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "list_kinds.txt"


@cache
def _list_kind_re() -> "re.Pattern[str]":
    kinds = [x for x in _LIST_KINDS_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    # 等 + up to 12 characters with no punctuation + a kind word
    return re.compile(r"等(?:[^\s,、。;:!?()“”\"《》]{0,12}?)(?:" + "|".join(sorted(kinds, key=len, reverse=True)) + ")")


def _listed_kind(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """Names listed with 、 before 等 + a kind of organisation (朗依制药、万生药业、协和药厂等北京医药企业):
    each is an organisation. Items are read on words: names, unknown words and nouns, no verbs."""
    s = ctx.norm
    out: list[OrgCand] = []
    for m in _list_kind_re().finditer(s):
        end = m.start()
        k = ctx.tok_at.get(end)
        if k is None:
            continue
        items: list[tuple[int, int]] = []
        j = k  # tokens before index j are read, right to left
        while True:
            first = j
            while first > 0 and j - first < 4:
                t, tag = ctx.tokens[first - 1], ctx.tags[first - 1]
                inner_verb = tag in ("v", "vn") and first < j and first - 1 > 0 and ctx.tokens[first - 2] != "、"
                if (tag not in _NAME_PART_TAGS and not inner_verb) or not all(is_cjk(c) or c.isalnum() for c in t):
                    break
                first -= 1
            if first == j:
                break
            a, b = ctx.starts[first], ctx.starts[j - 1] + len(ctx.tokens[j - 1])
            tags = ctx.tags[first:j]
            proper = any(p in _PROPER_PART_TAGS for p in tags) or (len(tags) > 1 and "ns" in tags)
            if not proper or not 2 <= b - a <= 10:
                break
            items.append((a, b))
            if first == 0 or ctx.tokens[first - 1] != "、" or len(items) >= _MAX_LIST_ITEMS:
                break
            j = first - 1
        if len(items) < 2:
            continue
        for a, b in items:
            if not any(barriers[a:b]):
                out.append(OrgCand(a, b, "org.listed_kind", 0.6))
    return out


# A post only a periodical has, right after its bracketed name: 《柳叶刀》主编 names the journal.
_MEDIA_POST = re.compile("(?:副?总编辑|社长|编辑部)")


def _periodicals(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """Newspapers and magazines in the news convention: the name inside the brackets alone
    (《人民日报》 -> 人民日报), but brackets and all with the word that makes it a publisher
    (《阳光》杂志) or the country before it (美国《洛杉矶时报》)."""
    s = ctx.norm
    place_end = {h.end: h.start for h in ctx.places}
    out: list[OrgCand] = []
    for m in _PERIODICAL.finditer(s):
        named = _PAPER_NAME.match(m.group(1)) is not None or _MEDIA_POST.match(s, m.end()) is not None
        if not (named or m.group(2)):
            continue  # 《海洋环境保护法》: a title, not a publication
        start, end = (m.start(), m.end()) if m.group(2) else (m.start(1), m.end(1))
        before = place_end.get(m.start())
        if before is not None:
            start, end = before, m.end()
        if not any(barriers[start:end]):
            out.append(OrgCand(start, end, "org.newspaper", 0.75))
    return out


_TEAM = re.compile("(?:男|女)?队")


def _teams_glued(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """A place or brand right before 队/男队/女队 that jieba glued to the next word (苏格兰|队之战,
    健力宝|队同): the suffix rule never sees a unit ending in 队 there, so the team is read here."""
    out: list[OrgCand] = []
    s = ctx.norm
    heads = [(h.start, h.end) for h in ctx.places]
    # speed: the few nz/nt tokens found by C-level list scans, in text order, not a loop over every token
    named = sorted(positions_of(ctx.tags, "nz") + positions_of(ctx.tags, "nt"))
    heads += [(ctx.starts[i], ctx.starts[i] + len(ctx.tokens[i])) for i in named]
    for start, end in heads:
        m = _TEAM.match(s, end)
        if m is None or any(barriers[start:m.end()]):
            continue
        k = ctx.tok_at.get(end)
        if k is not None and ctx.tags[k] is None and len(ctx.tokens[k]) > m.end() - end:
            out.append(OrgCand(start, m.end(), "org.team", 0.7))
    return out
