"""Character-level leftmost-longest matching over a pyahocorasick automaton.

pyahocorasick's own ``iter_long`` misses matches after a failed longer candidate (checked with a
randomised comparison against a brute-force scan), so the leftmost-longest selection is done here
from the complete ``iter`` output: linear in the text plus the number of raw matches.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")


class LongestMatcher(Generic[T]):
    """Finds leftmost-longest, non-overlapping occurrences of a fixed set of surfaces."""

    def __init__(self, surfaces: Mapping[str, T], checked: Collection[str] = ()) -> None:
        """``checked``: surfaces whose candidates go through ``accept`` in ``find`` (others never do)."""
        self._automaton = ahocorasick.Automaton()
        self._size = 0
        checked = frozenset(checked)
        for surface, payload in surfaces.items():
            if surface:
                self._automaton.add_word(surface, (len(surface), surface, payload, surface in checked))
                self._size += 1
        if self._size:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def find(
        self, text: str, accept: Callable[[int, int, T], bool] | None = None
    ) -> list[tuple[int, int, str, T]]:
        """(start, end, surface, payload) tuples, sorted by start, half-open offsets.

        ``accept(start, end, payload)`` can veto a ``checked`` candidate before the selection, so a vetoed
        long candidate does not hide a shorter or later one (弘扬中国: 扬中 vetoed, 中国 kept).
        """
        if not self._size or not text:
            return []
        longest: dict[int, tuple[int, str, T]] = {}
        for end_index, (length, surface, payload, check) in self._automaton.iter(text):
            start = end_index - length + 1
            if check and accept is not None and not accept(start, end_index + 1, payload):
                continue
            known = longest.get(start)
            if known is None or known[0] < length:
                longest[start] = (length, surface, payload)
        out: list[tuple[int, int, str, T]] = []
        pos = 0
        for start in sorted(longest):
            if start < pos:
                continue
            length, surface, payload = longest[start]
            out.append((start, start + length, surface, payload))
            pos = start + length
        return out


def brute_force_longest(surfaces: Iterable[str], text: str) -> list[tuple[int, int]]:
    """Reference implementation for tests: quadratic, obviously correct."""
    words = sorted(set(s for s in surfaces if s), key=len, reverse=True)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        hit = next((w for w in words if text.startswith(w, i)), None)
        if hit is None:
            i += 1
        else:
            out.append((i, i + len(hit)))
            i += len(hit)
    return out
