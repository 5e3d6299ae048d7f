"""Character-level leftmost-longest matching over a pyahocorasick automaton.

pyahocorasick's own ``iter_long`` misses matches after a failed longer candidate (checked with a
randomised comparison against a brute-force scan), so the leftmost-longest selection is done here
from the complete ``iter`` output: linear in the text plus the number of raw matches.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Generic, TypeVar

import ahocorasick
import numpy as np

T = TypeVar("T")

# Speed: pyahocorasick finds a node's child by a linear search, and the root has one child per distinct
# first character of the words (hundreds): every character of a text that starts no word scanned them all.
# So the text is first mapped to the words' own alphabet, every other character to one sentinel that is
# the root's first child (same length: offsets, and so the matches, are unchanged). Measured on the
# corpus: the gazetteer's scan 35% faster, the lexicon's title scan about twice as fast.
_SENTINEL = "\U0010fffe"  # a noncharacter; whatever the text holds there is mapped to it too
_NEVER = "\U0010ffff"  # never in a mapped text (mapped to the sentinel): the dummy word never matches
_BMP = 0x10000


class _Alphabet:
    """Maps a text to an alphabet (same length): characters outside it become the sentinel."""

    def __init__(self, chars: Iterable[str]) -> None:
        chars = set(chars)
        # astral characters in a word: keep the text as it is (correct, only not faster)
        self._lut: np.ndarray | None = None
        if chars and all(ord(c) < _BMP - 1 for c in chars):
            lut = np.full(_BMP, ord(_SENTINEL), dtype=np.uint32)
            lut[[ord(c) for c in chars]] = [ord(c) for c in chars]
            self._lut = lut  # 256 KB; astral characters are clipped to U+FFFF, which maps to the sentinel

    @property
    def maps(self) -> bool:
        return self._lut is not None

    def __call__(self, text: str) -> str:
        if self._lut is None:
            return text
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self._lut[np.minimum(cps, _BMP - 1)].tobytes().decode("utf-32-le", "surrogatepass")


def _automaton_for(words: Iterable[tuple[str, Any]]) -> tuple[ahocorasick.Automaton, _Alphabet, int]:
    """(automaton with the sentinel as the root's first child, the words' alphabet, number of words)."""
    pairs = list(words)
    alphabet = _Alphabet(c for word, _ in pairs for c in word)
    auto = ahocorasick.Automaton()
    if alphabet.maps:
        auto.add_word(_SENTINEL + _NEVER, None)  # first added: the root's first child
    for word, value in pairs:
        auto.add_word(word, value)
    auto.make_automaton()
    return auto, alphabet, len(pairs)


class WordScanner:
    """Every occurrence of a fixed set of words: ``iter(text)`` gives (end index, value) like
    pyahocorasick's ``Automaton.iter``, as a list. The last text's result is kept: several rules scan
    the same text for the same words (titles: the tagger's features, people, organisations)."""

    def __init__(self, words: Mapping[str, Any]) -> None:
        self._automaton, self._alphabet, self._size = _automaton_for((w, v) for w, v in words.items() if w)
        self._last: tuple[str, list[tuple[int, Any]]] | None = None

    def __len__(self) -> int:
        return self._size

    def iter(self, text: str) -> list[tuple[int, Any]]:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found = list(self._automaton.iter(self._alphabet(text))) if self._size and text else []
        self._last = (text, found)  # one tuple, replaced whole: threads at worst rescan
        return found


class LongestMatcher(Generic[T]):
    """Finds leftmost-longest, non-overlapping occurrences of a fixed set of surfaces."""

    def __init__(self, surfaces: Mapping[str, T], checked: Collection[str] = ()) -> None:
        """``checked``: surfaces whose candidates go through ``accept`` in ``find`` (others never do)."""
        checked = frozenset(checked)
        self._automaton, self._alphabet, self._size = _automaton_for(
            (surface, (len(surface), surface, payload, surface in checked)) for surface, payload in surfaces.items()
            if surface
        )

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
        for end_index, (length, surface, payload, check) in self._automaton.iter(self._alphabet(text)):
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
