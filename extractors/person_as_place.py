"""A name the text itself uses as a place is a place at its bare mentions too: after
杨凌农业高新技术产业示范区, 杨凌将为学员订制课程 is the district (杨凌 looks like 杨 + a given name).

Only untitled people, only where a place found by the place rules (a zone, a place suffix) starts
with the exact name and goes on, and never where the name is titled anywhere in the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from zhnews.extractors.entity_text import Ctx

__all__ = ["names_used_as_places"]


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
