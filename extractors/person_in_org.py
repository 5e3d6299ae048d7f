"""Organisations named after a person: 焦裕禄干部学院, 孔子学院, 罗伯特·科赫研究所, 宋庆龄基金会.

A found person is a barrier no organisation name crosses (entities.py), which is right for
董事长张三 and 张三说 but loses the body named after someone: the outermost name wins
(docs/annotation/entities.md §3.1), so the person inside is no PERSON there. The exception is
narrow: the name is followed directly, with no punctuation, title or verb, by at most a few
ordinary nouns and a body suffix of the strong kind (gazetteers/people/org_suffixes.tsv).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zhnews.extractors.entity_text import Ctx, all_cjk, is_cjk
from zhnews.extractors.org_filters import acts_as_institution
from zhnews.extractors.people import PersonCand, titles_after

__all__ = ["PersonOrg", "orgs_named_after_people"]

# Suffix strengths that close a name after a person: a body (学院, 基金会) or a facility (纪念馆,
# labelled LOC by the news convention, like the organisation rules do).
_STRENGTHS = {"strong": "ORG", "facility": "LOC"}
# Kinds of body (the note column of the suffix table) a person leads or commands rather than
# gives a name to: 克林顿政府, 金大中新政府, 李四代表团, 张三办公室, a party committee, a team.
_LED_KINDS = frozenset({"government", "office", "delegation", "army", "team", "un", "court", "police", "congress",
                        "party"})
# Dictionary tags of the words allowed between the name and the suffix: ordinary nouns (干部 in
# 焦裕禄干部学院); a verb, a title, a function word, a proper noun (严彬旗下华彬集团: the body has
# its own name) or an unknown word ends it.
_GAP_TAGS = frozenset({"n", "vn", "an", "ng", "b"})
_ORGS_DIR = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs"


def _words(name: str) -> tuple[str, ...]:
    lines = (_ORGS_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


# Nouns of belonging: the body is the person's, not named after them (严彬旗下公司).
_BELONGING = frozenset(_words("person_org_belonging.txt"))
_MAX_GAP_WORDS = 2
# The honorific written between a name and the body or memorial named after the person.
_HONORIFIC = "同志"
_MAX_GAP_CHARS = 5
# How far after the name a suffix can end: the gap and the longest suffix (有限责任公司).
_LOOK = 12
# A school right after a name and then one of these is the person's schooling, not a school named
# after them: 李四大学毕业后, 张三中学时, 明伟杰高中毕业.
_SCHOOLING_AFTER = _words("person_org_schooling.txt")
_SCHOOL_KINDS = frozenset({"school", "university", "college"})
# A word holding the suffix that is a name of its own (华彬集团 tagged nz, 美术馆 nt is not one)
_PROPER_TAGS = frozenset({"nz", "ns", "nr", "nrt", "nrfg", "j"})


@dataclass(frozen=True, slots=True)
class PersonOrg:
    start: int
    end: int
    label: str  # ORG, or LOC for a facility
    person: int  # index of the covered person in the list given


def orgs_named_after_people(ctx: Ctx, people: Sequence[PersonCand]) -> list[PersonOrg]:
    """Bodies whose name holds one of ``people`` followed by a strong suffix."""
    out: list[PersonOrg] = []
    starts = frozenset(p.start for p in people)
    place_at_end: dict[int, int] | None = None  # made at the first body, once per text (issue 18)
    for k, p in enumerate(people):
        if p.titles:
            continue  # 院长李四: a titled name is a person
        found = _body_after(ctx, p, starts)
        if found is not None:
            end, label = found
            # a place before a body is inside it (§4); before a facility it is its own (§5)
            start = p.start
            if label == "ORG":
                if place_at_end is None:
                    place_at_end = _place_starts_by_end(ctx)
                start = _places_before(place_at_end, p.start)
            out.append(PersonOrg(start, end, label, k))
    return out


def _body_after(ctx: Ctx, p: PersonCand, starts: frozenset[int]) -> tuple[int, str] | None:
    """End and label of a body name that runs from the person to a strong suffix, if any."""
    s = ctx.norm
    last = ctx.lex.org_suffix_last
    if p.end >= len(s) or not is_cjk(s[p.end]) or not any(c in last for c in s[p.end:p.end + _LOOK]):
        return None  # punctuation, or no suffix near (speed: most names)
    after = p.end
    if s.startswith(_HONORIFIC, after) and after + len(_HONORIFIC) in ctx.tok_at:
        after += len(_HONORIFIC)  # 焦裕禄同志纪念馆: the honorific of a memorial's name, no post
    elif titles_after(ctx, p.end):
        return None  # 习近平总书记: a title after the name
    i = bisect.bisect_right(ctx.starts, after) - 1
    if i < 0:
        return None
    if ctx.starts[i] < after:
        # the name is glued into one word that goes on (宋庆龄基金会, 鲁迅文学院): the word itself
        # must be a dictionary organisation starting with the name and ending in a strong suffix
        tok = ctx.tokens[i]
        if after != p.end or ctx.starts[i] != p.start or ctx.tags[i] != "nt":
            return None
        hit = _strong_suffix(ctx, tok[p.end - p.start:])
        return (p.start + len(tok), hit[0]) if hit is not None else None
    gap_chars = 0
    for j in range(i, min(len(ctx.tokens), i + _MAX_GAP_WORDS + 1)):
        tok, tag = ctx.tokens[j], ctx.tags[j]
        hit = _strong_suffix(ctx, tok)
        if hit is not None and tok not in ctx.lex.title_set and (tok == hit[1] or tag not in _PROPER_TAGS):
            end = ctx.starts[j] + len(tok)
            bare = j == i and tok == hit[1]
            if bare and (_schooling(ctx, hit[1], end) or _post_of_name(ctx, end, starts)):
                return None  # 李四大学毕业后; 张三公司董事长说: the person's school or company
            if hit[0] == "LOC" and acts_as_institution(ctx, end):
                return end, "ORG"  # 塞拉维斯当代艺术博物馆馆长: the institution, not the place
            return end, hit[0]
        gap_chars += len(tok)
        if tag not in _GAP_TAGS or gap_chars > _MAX_GAP_CHARS or tok in ctx.lex.title_set or tok in _BELONGING \
                or not all_cjk(tok):
            return None
    return None


def _strong_suffix(ctx: Ctx, word: str) -> tuple[str, str] | None:
    """(label, suffix) when the longest suffix ``word`` ends in is a strong or facility one of a
    kind that can be named after someone."""
    if not word or word[-1] not in ctx.lex.org_suffix_last:
        return None
    table = ctx.lex.org_suffixes
    for suf in ctx.lex.org_suffixes_by_len:
        if word.endswith(suf):
            label = _STRENGTHS.get(table[suf])
            if label is None or ctx.lex.org_suffix_kinds.get(suf) in _LED_KINDS:
                return None
            return label, suf
    return None


def _schooling(ctx: Ctx, suffix: str, end: int) -> bool:
    """A school word right after the name, then a word of schooling: 李四大学毕业后."""
    return ctx.lex.org_suffix_kinds.get(suffix) in _SCHOOL_KINDS and ctx.norm.startswith(_SCHOOLING_AFTER, end)


def _post_of_name(ctx: Ctx, end: int, starts: frozenset[int]) -> bool:
    """A post right after a bare suffix with no person after it: the post is the person's own
    (张三公司董事长说); 孔子学院院长王某 names another person, so the body is named after 孔子."""
    s = ctx.norm
    titles = ctx.lex.title_set
    n = next((n for n in (5, 4, 3, 2) if s[end:end + n] in titles), 0)
    return bool(n) and end + n not in starts


def _place_starts_by_end(ctx: Ctx) -> dict[int, int]:
    """The start of the text's gazetteer places by their end (the last place listed at an end wins)."""
    return {h.end: h.start for h in ctx.places}


def _places_before(place_at_end: dict[int, int], start: int) -> int:
    """A place glued before the name is inside the body (德国贝塔斯曼基金会, §4 of the guideline),
    a chain of them too. ``place_at_end``: :func:`_place_starts_by_end` of the text."""
    while start in place_at_end and place_at_end[start] < start:
        start = place_at_end[start]
    return start
