"""Bounded look-ups for the signing extractor, so one article costs time linear in its length.

Every trigger looks at a window of the text around it (``LEFT`` characters before, ``RIGHT`` after,
inside its sentence) and at the entities, quantities and dates of that window only, found by
bisection in lists sorted once per article. Article-wide look-backs (the event's place, the last
calendar date before a sentence) are precomputed once. Without this, 100 KB of 签约 took minutes
(issue 18): every trigger re-read the whole sentence and every entity of the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Generic, Sequence, TypeVar

from zhnews.extractors.types import DateMatch, EntityMatch, QuantityMatch

# what the parties, vetoes and count of a trigger may use: 117 characters is the farthest a gold
# trigger sits from its sentence's start on dev, so 200 leaves room
LEFT = 200
RIGHT = 200
LONGEST_SPAN = 80
# a building or body that hosts a signing ("在柬埔寨外交部举行"): a place even when no entity covers it
VENUE = re.compile(r"(?:部|厅|馆|中心|大厦|酒店|宾馆|会堂|宫|大学|学院)$")  # longer entities, quantities or dates are not expected; a span starting earlier is missed

T = TypeVar("T", EntityMatch, QuantityMatch, DateMatch)


class _Sorted(Generic[T]):
    """Spans sorted by start; ``between(lo, hi)`` gives those overlapping [lo, hi) in text order."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = sorted(items, key=attrgetter("start", "end"))
        self.starts = [x.start for x in self.items]

    def between(self, lo: int, hi: int) -> list[T]:
        i = bisect_left(self.starts, lo - LONGEST_SPAN)
        j = bisect_left(self.starts, hi)
        return [x for x in self.items[i:j] if x.end > lo]


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    place: str


class ArticleIndex:
    """The article's entities, quantities and dates, sorted once, with the article-wide facts precomputed."""

    def __init__(self, text: str, entities: Sequence[EntityMatch], quantities: Sequence[QuantityMatch],
                 dates: Sequence[DateMatch], event_place: re.Pattern, place_not: re.Pattern) -> None:
        self.text = text
        self.entities = _Sorted(entities)
        self.quantities = _Sorted(quantities)
        self.dates = _Sorted(dates)
        calendar = sorted((d for d in dates if not d.relative and re.search(r"[月日]", d.text)), key=lambda d: d.end)
        self._calendar = calendar
        self._calendar_ends = [d.end for d in calendar]
        places = {e.start: e.text for e in entities if e.label in ("GPE", "LOC")}
        hits = []
        for m in event_place.finditer(text):
            if m.start(1) in places:
                hits.append(PlaceHit(m.start(), m.end(), places[m.start(1)]))
            elif (2 <= len(m.group(1)) <= 4 or VENUE.search(m.group(1))) and not place_not.search(m.group(1)):
                hits.append(PlaceHit(m.start(), m.end(), m.group(1)))
        self._places = hits
        self._place_starts = [h.start for h in hits]

    def last_calendar_date(self, before: int) -> DateMatch | None:
        """The last date with a month or day ending at or before ``before`` (the article's event date)."""
        i = bisect_right(self._calendar_ends, before)
        return self._calendar[i - 1] if i else None

    def event_place(self, lo: int, hi: int) -> str | None:
        """The first "在X举行/召开/签约" place inside [lo, hi)."""
        i = bisect_left(self._place_starts, lo)
        if i < len(self._places) and self._places[i].end <= hi:
            return self._places[i].place
        return None


def window(s0: int, s1: int, t0: int, t1: int) -> tuple[int, int]:
    """The part of the sentence [s0, s1) a trigger at [t0, t1) may read."""
    return max(s0, t0 - LEFT), min(s1, t1 + RIGHT)
