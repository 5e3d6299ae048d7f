"""A name the text itself uses as a place is a place at its bare mentions too: after
杨凌农业高新技术产业示范区, 杨凌将为学员订制课程 is the district (杨凌 looks like 杨 + a given name).
A name with an administrative suffix glued to it is a place too (波特兰市, 胡胡伊省).

Only untitled people, only where a place found by the place rules (a zone, a place suffix) starts
with the exact name and goes on, and never where the name is titled anywhere in the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from zhnews.extractors.entity_text import Ctx

__all__ = ["names_used_as_places", "people_glued_to_a_suffix"]


class _Span(Protocol):
    start: int
    end: int
    label: str
    rule: str
    titles: tuple[str, ...]


def names_used_as_places(ctx: Ctx, chosen: Sequence[_Span]) -> set[str]:
    """Texts of untitled people that a found administrative place (GPE) of the same text starts
    with: the text calls them places."""
    s = ctx.norm
    people = [c for c in chosen if c.label == "PERSON"]
    if not people:
        return set()
    titled = {s[c.start:c.end] for c in people if c.titles}
    bare = {s[c.start:c.end] for c in people if not c.titles and c.end - c.start >= 2} - titled
    if not bare:
        return set()
    out: set[str] = set()
    for c in chosen:
        if c.label != "GPE" or not c.rule.startswith("place.") or c.rule == "place.tagger":
            continue
        name = s[c.start:c.end]
        for n in range(2, min(5, len(name) - 1) + 1):
            if name[:n] in bare:
                out.add(name[:n])
    return out


# Administrative suffixes that never end a person's given name and, glued after a name, make it a
# place: 波特兰市 (tagged as one person), 胡胡伊|省 (the person before the suffix).
_SUFFIXES = frozenset("省市县")
# Words those suffixes start that follow a person: posts (张三市长, 县委书记) and ordinary words (市民, 市场).
_AFTER_NAME_WORDS = ("省长", "省委", "市长", "市委", "县长", "县委", "市民", "市场", "县城", "省份")


def people_glued_to_a_suffix(ctx: Ctx, chosen: Sequence[_Span]) -> dict[int, int]:
    """Index -> end of the place, for untitled people of two characters or more that are a place
    with an administrative suffix: ending in it (波特兰市) or followed directly by it (胡胡伊省南美),
    where the suffix starts no post or word (张三市长 is a person)."""
    s = ctx.norm
    out: dict[int, int] = {}
    taken = {c.start for c in chosen}
    for k, c in enumerate(chosen):
        if c.label != "PERSON" or c.titles or c.end - c.start < 2:
            continue
        if c.end - c.start >= 3 and s[c.end - 1] in _SUFFIXES and c.rule == "person.tagger":
            out[k] = c.end
        elif c.end < len(s) and s[c.end] in _SUFFIXES and c.end not in taken \
                and not s.startswith(_AFTER_NAME_WORDS, c.end) and (c.end + 1 == len(s) or c.end + 1 in ctx.tok_at):
            out[k] = c.end + 1
    return out
