"""Names that follow no Chinese surname rule: transliterated names (吉哈德·马鲁利姆, 克林顿), Japanese
names (中村哲也), a short name after a foreign country's title (老挝总理通伦), and the name before a
doctrine word (马克思主义, 邓小平理论), found by the same dot-and-doctrine scan.

Why: these are built from transliteration characters, dots and listed family names, not from the
surname list, and the Chinese rules misread them (中村 as a village, 小林 as a nickname).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from zhnews.extractors.entity_text import PUNCT, Ctx, all_cjk, is_cjk
from zhnews.extractors.people_base import (_NOT_GIVEN, NAME_TAGS, PersonCand, _blocked, _token_ending_at,
                                           _word_list)
from zhnews.extractors.people_titles_after import _speech_after, _title_after
from zhnews.extractors.people_titles_before import title_end_at, titles_before

# Doctrine and works words written after a name (马克思主义, 邓小平理论, 毛泽东选集).
_DOCTRINE = ("主义", "理论", "思想", "文选", "选集", "著作")
assert all(len(w) == 2 for w in _DOCTRINE)
# every start of a doctrine word, overlapping ones included (文选集)
_DOCTRINE_RE = re.compile("(?=" + "|".join(_DOCTRINE) + ")")
_DOT_OR_DOCTRINE_RE = re.compile("(?=·|" + "|".join(_DOCTRINE) + ")")  # lookahead: overlapping 文选集 too


def _name_token(ctx: Ctx, i: int) -> bool:
    """A token that can be part of a transliterated name: one character, unknown to the
    dictionary, tagged as a foreign name, or made only of transliteration characters."""
    tok = ctx.tokens[i]
    if not all_cjk(tok) or ctx.place_mask[ctx.starts[i]]:
        return False
    if len(tok) == 1:
        return tok not in _NOT_GIVEN
    return ctx.tags[i] is None or ctx.tags[i] in ("nrt", "nrfg") or all(c in ctx.lex.translit for c in tok)


def _part_end(ctx: Ctx, p: int, limit: int = 6) -> int:
    """End of one part of a foreign name starting at token start p (at least its first token)."""
    i = ctx.tok_at.get(p)
    e = p
    while i is not None and i < len(ctx.tokens) and _name_token(ctx, i) and e - p < limit:
        tok = ctx.tokens[i]
        if len(tok) == 1 and e > p and tok not in ctx.lex.translit:
            break
        e += len(tok)
        i += 1
    return e


# The most parts a joined foreign name has (玛丽亚·费尔南达·埃斯皮诺萨·加塞斯 has four): a longer chain is no one
# name, and walking it from every dot in it was quadratic (issue 18: 约翰·史密斯 repeated, 803 s/MB at 100 KB).
MAX_PARTS = 6


def foreign_end(ctx: Ctx, p: int) -> int:
    """End of a transliterated name starting at p (吉哈德·马鲁利姆, 何塞·米格尔·因苏尔萨), or p."""
    s = ctx.norm
    e = _part_end(ctx, p)
    if e == p:
        return p
    parts = 1
    while parts < MAX_PARTS and e < len(s) - 1 and s[e] in "·—" and is_cjk(s[e + 1]):
        e2 = _part_end(ctx, e + 1)
        if e2 == e + 1:
            e2 = _word_part_end(ctx, e + 1)  # 威廉—亚历山大: a part the dictionary knows as a place
        if e2 == e + 1:
            break
        e = e2
        parts += 1
    if parts >= 2:
        return e
    run = s[p:e]
    if len(run) >= 3 and all(c in ctx.lex.translit for c in run) and run not in ctx.lex.pos:
        return e
    return p


_PART_WORD_TAGS = frozenset({"ns", "nz", "nr", "nrt"})


def _word_part_end(ctx: Ctx, p: int) -> int:
    """End of a later part of a joined foreign name that is one known proper noun (亚历山大 tagged as a
    place after 威廉—), or p: after a dot or dash between characters the word is a name's part."""
    i = ctx.tok_at.get(p)
    if i is None:
        return p
    tok = ctx.tokens[i]
    if 2 <= len(tok) <= 5 and all_cjk(tok) and ctx.tags[i] in _PART_WORD_TAGS \
            and tok not in ctx.lex.title_set:
        return p + len(tok)
    return p


def _foreign_start(ctx: Ctx, dot: int) -> int:
    """Start of the first part of a dotted name whose dot is at ``dot``: walk left over tokens."""
    i = _token_ending_at(ctx, dot)
    start = dot
    while i is not None and i >= 0 and ctx.starts[i] + len(ctx.tokens[i]) == start and _name_token(ctx, i) \
            and dot - ctx.starts[i] <= 6 and not title_end_at(ctx, start):
        start = ctx.starts[i]
        i -= 1
    return start


_JAPAN = ("日本", "日方", "东京", "日企", "大阪")
_JP_RE: dict[tuple[str, ...], "re.Pattern[str]"] = {}


def japanese_names(ctx: Ctx) -> list[tuple[int, int]]:
    """Japanese names (中村哲也, 小林富雄, 广野美代子) in a text that mentions Japan: a listed family
    name on a word start, then one to three given characters up to punctuation, a verb of speech, a
    title or a word a name is often glued to (也对, 在), two given characters tried first. Chinese rules
    read 中村 as a village and 小林 as a nickname."""
    s = ctx.norm
    if not any(w in s for w in _JAPAN):
        return []
    names = _word_list("surnames_japanese.txt")
    rx = _JP_RE.get(names)
    if rx is None:
        rx = _JP_RE[names] = re.compile("|".join(map(re.escape, names)))
    out: list[tuple[int, int]] = []
    n = len(s)
    for m in rx.finditer(s):
        p, q = m.start(), m.end()
        if not (p == 0 or p in ctx.tok_at or not is_cjk(s[p - 1]) or title_end_at(ctx, p)):
            continue
        for e in (q + 2, q + 3, q + 1):  # two given characters are the most common (哲也, 富雄; 美代子)
            if e > n or not all(is_cjk(c) and c not in _NOT_JP_GIVEN for c in s[q:e]):
                continue
            if e == n or s[e] in PUNCT or s[e] in _JP_GLUE or _speech_after(ctx, e) or _title_after(ctx, e):
                if s[p:e] not in ctx.lex.pos and s[q:e] not in ctx.lex.title_set:
                    out.append((p, e))
                break
    return out


# Characters never in a Japanese given name (也 is: 哲也, 达也).
_NOT_JP_GIVEN = frozenset("的了是在和与及等说对向为把被从将就都这那其各并而或于以中上下里后前时年月日个们")
# Characters a Japanese name is often glued to on its right (哲也对, 美代子在).
_JP_GLUE = frozenset("对向和与同在是的也曾将")


def _foreign_titled_end(ctx: Ctx, q: int) -> int:
    """End of a short name of any characters (通伦, 敦, 布拉索昆) right after a title whose chain
    names a foreign country (老挝总理, 泰国外长), closed by punctuation, a verb of speech or a title
    after it; else q. Such names follow no Chinese surname rule and are often new to the dictionary."""
    s = ctx.norm
    e = q
    while e < len(s) and e - q < 4 and is_cjk(s[e]) and s[e] not in _NOT_GIVEN:
        e += 1
        if e - q >= 1 and (e == len(s) or s[e] in PUNCT or _speech_after(ctx, e) or _title_after(ctx, e)):
            break
    if e == q or not (e == len(s) or s[e] in PUNCT or _speech_after(ctx, e) or _title_after(ctx, e)):
        return q
    if ctx.place_mask[q] or s[q:e] in ctx.lex.title_set or ctx.lex.pos.get(s[q:e]) not in _FOREIGN_NAME_TAGS:
        return q
    k = ctx.tok_at.get(q)
    while k is not None and k < len(ctx.tokens) and ctx.starts[k] < e:
        tok = ctx.tokens[k]
        if len(tok) > 1 and ctx.tags[k] not in _FOREIGN_NAME_TAGS:
            return q  # 代表双方签字: ordinary words, not a name
        k += 1
    if k is None or (k < len(ctx.tokens) and ctx.starts[k] != e):
        return q
    chain = titles_before(ctx, q)
    if not chain:
        return q
    first = q - sum(map(len, chain)) - len(chain)  # where the chain starts (a separator or a space more)
    # the places from `first` on, found by bisection over the list itself (a list of every place's start, and
    # a copy of the tail, made at each titled name grew with the places times the names: issue 18)
    places = ctx.places
    for i in range(bisect.bisect_left(places, first, key=lambda h: h.start), len(places)):
        h = places[i]
        if h.start >= q:
            break
        if h.start >= first and h.label == "GPE" and h.canonical in ctx.lex.country_names and h.canonical not in _HOME:
            return e
    return q


_HOME = frozenset({"中国", "中华人民共和国"})
# Dictionary tags a foreign name after a foreign title may carry (nz: 奥利, a proper noun to jieba).
_FOREIGN_NAME_TAGS = frozenset({None, "nr", "nrt", "nrfg", "ns", "nz"})
# Title words that are also verbs or address words: what follows them is no name of their own.
_NOT_BEFORE_FOREIGN = frozenset({"代表", "先生", "女士", "同志", "老师", "师傅"})


def _dot_or_doctrine_tokens(ctx: Ctx) -> list[int]:
    """Indices of the tokens that are a · or end with a doctrine word, in order (speed: a C-level scan
    of the text instead of a Python loop over every token)."""
    s, starts, tokens = ctx.norm, ctx.starts, ctx.tokens
    found: set[int] = set()
    for m in _DOT_OR_DOCTRINE_RE.finditer(s):
        p = m.start()
        ti = bisect.bisect_right(starts, p) - 1  # the token holding p
        if ti < 0:
            continue
        if s[p] == "·":
            if starts[ti] == p and tokens[ti] == "·":
                found.add(ti)
        elif starts[ti] + len(tokens[ti]) == p + 2:  # the token ends with the word at p
            found.add(ti)
    return sorted(found)


def _dot_or_doctrine(ctx: Ctx, ti: int, add: Callable[[PersonCand], None]) -> bool:
    """A transliterated name around a dot (吉哈德·马鲁利姆) or before 主义/理论 (马克思主义):
    True when token ti is one of these (whether or not a name was added)."""
    tok = ctx.tokens[ti]
    p = ctx.starts[ti]
    if tok == "·":
        if p > 0:
            st = _foreign_start(ctx, p)
            if st < p:
                e = foreign_end(ctx, st)
                if e > p + 1 and not _blocked(ctx, st, e):
                    add(PersonCand(st, e, "person.foreign.dot", 0.85, titles_before(ctx, st)))
        return True
    if len(tok) >= 4 and tok.endswith(_DOCTRINE) and ctx.tag_of(tok[:-2]) in NAME_TAGS and len(tok) - 2 >= 2:
        add(PersonCand(p, p + len(tok) - 2, "person.doctrine", 0.8))  # 马克思主义, 邓小平理论
        return True
    return False


def _continues_name(ctx: Ctx, p: int) -> bool:
    """The character before p is part of a name already (a run does not start mid-name)."""
    i = _token_ending_at(ctx, p)
    return i is not None and i >= 0 and _name_token(ctx, i) and len(ctx.tokens[i]) == 1 and ctx.tokens[i] in ctx.lex.translit
