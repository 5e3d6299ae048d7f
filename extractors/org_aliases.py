"""Short names of organisations within one article: a company is named once in full and then by a
shorter name (江苏恒立液压股份有限公司 ... 恒立液压; 罗森（北京）有限公司 ... 罗森), or by the name declared
in brackets (巨石埃及玻璃纤维股份有限公司（简称巨石埃及）). The later mentions look like a person or a
place to the rules that see one sentence (罗森 reads as a transliterated name), so they are found
here from the article's own organisations, after the overlaps are resolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from operator import add
from pathlib import Path
from typing import Protocol, TypeVar

from zhnews.extractors.entity_text import Ctx, is_cjk

_DATA = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "company_stems.tsv"
# (简称X), (以下简称“X”), (下称X): a name the article declares for what comes before the bracket
_DECLARED = re.compile(r"\((?:以下)?(?:简称|下称)(?:为)?[:]?[\"“]?([^()\"“”,、。:;\s]{2,12}?)[\"”]?\)")
# A bracketed place inside a company's name (罗森(北京)有限公司): not part of its short name.
_BRACKET = re.compile(r"\([^()]{1,8}\)")
# Mentions found only from a short name: rules whose entities such a mention may replace. Rule-
# anchored people (a title, a byline) and listed organisations are never replaced.
_REPLACEABLE = ("person.tagger", "place.")
_MAX_NAMES = 40
# Tags of dictionary words that are ordinary vocabulary, never a company's short name alone.
_WORD_TAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "d", "m", "q", "r", "p", "c", "u", "f", "t", "i", "l",
                        "ns", "s", "b", "z"})


class _Ent(Protocol):
    start: int
    end: int
    label: str
    rule: str


E = TypeVar("E", bound=_Ent)


@cache
def _endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(legal forms, lines of business), longest first."""
    legal: list[str] = []
    trade: list[str] = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("ending\t"):
            continue
        word, kind = line.split("\t")[:2]
        (legal if kind == "legal" else trade).append(word)
    return tuple(sorted(legal, key=len, reverse=True)), tuple(sorted(trade, key=len, reverse=True))


_PLACE_ENDS = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "alias_place_ends.txt"


@cache
def _place_end_labels() -> dict[str, str]:
    """gazetteers/orgs/alias_place_ends.txt: zone heads -> the label of the place they name."""
    rows = [x.split("\t") for x in _PLACE_ENDS.read_text(encoding="utf-8").splitlines()
            if x.strip() and not x.startswith("#") and not x.startswith("end\t")]
    return {r[0]: r[1] for r in rows}


@cache
def _place_ends() -> tuple[str, ...]:
    return tuple(sorted(_place_end_labels(), key=len, reverse=True))


def _place_rule(name: str) -> str | None:
    """``place.alias.gpe`` / ``place.alias.loc`` for a short name that names a zone (西港特区), else None."""
    ends = _place_ends()
    end = next((e for e in ends if name.endswith(e)), None) if name.endswith(ends) else None
    return None if end is None else "place.alias." + _place_end_labels()[end].lower()


def alias_label(rule: str) -> str:
    """The label of an entity with_aliases makes under ``rule``: a zone's short name is a place."""
    return rule.rsplit(".", 1)[1].upper() if rule.startswith("place.alias.") else "ORG"


def _strip(name: str, endings: tuple[str, ...]) -> str:
    for e in endings:
        if len(name) > len(e) + 1 and name.endswith(e):
            return name[: -len(e)]
    return name


def _stems(ctx: Ctx, start: int, end: int, place_end: dict[int, int],
           memo: dict[tuple[str, int], frozenset[str]]) -> frozenset[str]:
    """Short names of the organisation at [start, end): legal form, leading places and a line of
    business taken off, in that order; each step's result is a candidate. ``place_end``: start ->
    end of the gazetteer places. ``memo``: what the name's own characters decide, per (name, places'
    length), so a company named at every sentence is stemmed once (issue 18); only the start is read per mention."""
    s = ctx.norm
    # leading places: the chain of gazetteer places from the name's start (江苏, 山东, 北京市朝阳区)
    p = start
    while p in place_end and place_end[p] < end:
        p = place_end[p]
    key = (s[start:end], p - start)
    stems = memo.get(key)
    if stems is None:
        stems = memo[key] = _name_stems(ctx, *key)
    if stems and not _clean_start(ctx, start):
        return frozenset()  # one whose start is uncertain
    return stems


def _name_stems(ctx: Ctx, name: str, places: int) -> frozenset[str]:
    """_stems for a name whose leading places are its first ``places`` characters."""
    legal, trade = _endings()
    if not name.endswith(legal + trade):
        return frozenset()  # not a company's name (部队, 研究所)
    full = _BRACKET.sub("", name)
    body = _BRACKET.sub("", name[places:])
    no_legal = _strip(body, legal)
    short = _strip(no_legal, trade)
    if short == body:
        return frozenset()  # not a company's name (部队, 研究所)
    return frozenset(x for x in (full, no_legal, short) if _is_name(ctx, x))


# Words after which a name starts: punctuation, function words (在, 的, 与) and verbs (进入, 成立).
_BEFORE_NAME_TAGS = frozenset({"p", "c", "uj", "ul", "u", "v", "d", "r", "m", "t", "x"})


def _clean_start(ctx: Ctx, start: int) -> bool:
    """The organisation starts after a word that ends a phrase, not inside a word the name rules
    may have cut (人才|有价(山东)有限公司, 中|安信科技有限公司): a wrong start would spread."""
    if start == 0 or not is_cjk(ctx.norm[start - 1]):
        return True
    k = ctx.tok_at.get(start)
    if k is None or k == 0:
        return False
    prev, tag = ctx.tokens[k - 1], ctx.tags[k - 1]
    return len(prev) >= 2 and tag in _BEFORE_NAME_TAGS or prev in ("的", "在", "和", "与", "及", "向", "对", "从",
                                                                    "由", "把", "被", "给", "是", "为", "将")


def _is_name(ctx: Ctx, x: str, declared: bool = False) -> bool:
    """A short name is at least two characters of Chinese or Latin text and not an ordinary word
    or a place (中国, 发展). A name the article declares (简称“华侨城”) may be a word the dictionary
    tags as a place: the article says what it stands for."""
    if len(x) < 2 or not all(is_cjk(c) or c.isalnum() for c in x):
        return False
    if x in ctx.lex.country_names:
        return False
    tag = ctx.lex.pos.get(x)
    return tag not in _WORD_TAGS or (declared and tag in _DECLARED_OK_TAGS)


# Tags a declared short name may carry: a place-like or proper word (华侨城 is tagged ns).
_DECLARED_OK_TAGS = frozenset({"ns", "s"})


def with_aliases(ctx: Ctx, chosen: list[E], make: Callable[[int, int, str], E]) -> list[E]:
    """``chosen`` (sorted, non-overlapping) with the article's further mentions of its organisations'
    short names as ORG entities (``make(start, end, rule)``), replacing the tagger's people and the
    places found strictly inside them."""
    s = ctx.norm
    chosen = _companies_named_like_people(ctx, chosen, make)
    orgs = [c for c in chosen if c.label == "ORG"]
    listed = _listed_over_names(ctx, chosen)
    if not orgs or len(s) < 20:
        return _merge(chosen, listed, make) if listed else chosen
    names: set[str] = set()
    declared: list[tuple[int, int, str]] = []
    org_end = {c.end for c in orgs}
    if "简称" in s or "下称" in s:
        for m in _DECLARED.finditer(s):
            alias = m.group(1)
            if (m.start() in org_end or _strip(alias, _endings()[0]) != alias or _strip(alias, _endings()[1]) != alias) \
                    and _is_name(ctx, alias, declared=True):
                names.add(alias)
                declared.append((m.start(1), m.end(1), _place_rule(alias) or "org.alias"))
    place_end = {h.start: h.end for h in ctx.places}
    memo: dict[tuple[str, int], frozenset[str]] = {}
    for c in orgs:
        if c.end - c.start >= 3:
            names |= _stems(ctx, c.start, c.end, place_end, memo)
    if not names:
        return _merge(chosen, listed, make) if listed else chosen
    tok_ends = set(map(add, ctx.starts, map(len, ctx.tokens)))
    # a unit name right after a short name is the company's unit: 舍弗勒|大中华区培训中心
    unit_after = {c.start: c.end for c in orgs}
    spans: list[tuple[int, int, str]] = declared + listed
    # a bound: each name is one scan of the text, so an article of thousands of companies stays linear
    for name in sorted(names, key=len, reverse=True)[:_MAX_NAMES]:
        place = _place_rule(name)
        i = s.find(name)
        while i >= 0:
            j = i + len(name)
            if i in ctx.tok_at and (j in tok_ends or j == len(s)):
                spans.append((i, j, place) if place else (i, unit_after.get(j, j), "org.alias"))
            i = s.find(name, j)
    return _merge(chosen, spans, make)


# A company's legal form right after a name, a bracketed place between (罗森(北京)有限公司).
_LEGAL_AFTER = re.compile(r"(?:\([^()\s]{1,6}\))?(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团|公司)")


def _companies_named_like_people(ctx: Ctx, chosen: list[E], make: Callable[[int, int, str], E]) -> list[E]:
    """A name the tagger read as a person, followed by a company's legal form, is the company's name
    (罗森(北京)有限公司: 罗森 reads as a transliterated person): the company replaces the person and
    the places after it. Rule-anchored people (a title, a byline) stay."""
    s = ctx.norm
    if "公司" not in s and "集团" not in s:
        return chosen
    out = list(chosen)
    spans: list[tuple[int, int, str]] = []
    for c in chosen:
        if c.rule == "person.tagger":
            m = _LEGAL_AFTER.match(s, c.end)
            if m is not None:
                spans.append((c.start, m.end(), "org.company"))
    return _merge(out, spans, make) if spans else chosen


def _listed_over_names(ctx: Ctx, chosen: Sequence[_Ent]) -> list[tuple[int, int, str]]:
    """Listed organisations (贝蒂斯, 迪士尼) that the name tagger read as a person or a place: a listed
    name is an organisation; the tagger only knows 1998 people's names."""
    names = ctx.lex.org_names
    s = ctx.norm
    return [(c.start, c.end, "org.list") for c in chosen
            if (c.rule == "person.tagger" or c.rule == "place.tagger") and s[c.start:c.end] in names]


def _merge(chosen: list[E], spans: Sequence[tuple[int, int, str]], make: Callable[[int, int, str], E]) -> list[E]:
    """Add each span (longest first) that no kept entity crosses or contains; the entities strictly
    inside it go if their rule may be replaced, else the span is dropped."""
    owner: dict[int, int] = {}
    for k, c in enumerate(chosen):
        for p in range(c.start, c.end):
            owner[p] = k
    dropped: set[int] = set()
    added: list[E] = []
    taken: set[int] = set()
    for a, b, rule in sorted(set(spans), key=lambda x: (x[0] - x[1], x[0], x[2])):
        first, last = owner.get(a), owner.get(b - 1)
        if first is not None and (chosen[first].start < a or chosen[first].label == "ORG" and chosen[first].end == b) \
                or last is not None and chosen[last].end > b:
            continue  # an entity crosses an end, or it is an organisation already: the loop below would say so (speed)
        if any(p in taken for p in range(a, b)):
            continue
        inside = {owner[p] for p in range(a, b) if p in owner}
        ok = True
        for k in inside:
            c = chosen[k]
            if c.start < a or c.end > b:
                ok = False  # crosses or holds the span: 中安信 inside 中安信科技有限公司
            elif c.label == "ORG" and (c.start, c.end) == (a, b):
                ok = False  # already an organisation
            elif c.label != "ORG" and not c.rule.startswith(_REPLACEABLE):
                ok = False
        if not ok:
            continue
        dropped |= inside
        taken.update(range(a, b))
        added.append(make(a, b, rule))
    if not added:
        return chosen
    out = [c for k, c in enumerate(chosen) if k not in dropped] + added
    out.sort(key=lambda c: c.start)
    return out
