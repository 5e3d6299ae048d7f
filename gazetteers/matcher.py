"""Character-level matching of a fixed word list: every occurrence, or leftmost-longest.

Speed: a compiled walk (numba) down a trie of the words from every position of the text: the first
step from a direct table of the root's characters (most characters start no word: one array read),
the others from one open-addressing hash table of the trie's edges, as gazetteers/jieba_compiled.py
walks jieba's dictionary. pyahocorasick, used before, found a node's child by a linear search over
its children; measured on the corpus, the gazetteer's scan and the lexicon's title, organisation and
place scans were 3-5x slower that way. Only the matches come back to Python (tens per article); the
selection is done here, in Python, from the complete list.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Generic, TypeVar

import numpy as np
from numba import njit

from zhnews.gazetteers.trie_table import CODE_SPAN, build_table, child

T = TypeVar("T")


@njit(cache=True)
def _occurrences(codes: np.ndarray, keys: np.ndarray, vals: np.ndarray, word_of: np.ndarray, root: np.ndarray,
                 cap: int) -> tuple[np.ndarray, np.ndarray, int]:  # pragma: no cover - compiled
    """(start, word number) of every occurrence, by start, then by length: the first ``cap`` of them,
    and how many there are (more than ``cap``: call again with a larger one). ``root``: the node of
    each BMP character's edge from the root (-1: none), so most characters cost one array read.
    The output arrays are never reassigned in the loop (that made numba's reference counting the
    bottleneck)."""
    n = codes.shape[0]
    starts = np.empty(cap, dtype=np.int64)
    words = np.empty(cap, dtype=np.int64)
    count = 0
    for i in range(n):
        code = np.int64(codes[i])
        node = np.int64(root[code]) if code < 0x10000 else child(keys, vals, code)
        j = i + 1
        while node >= 0:
            w = word_of[node]
            if w >= 0:
                if count < cap:
                    starts[count] = i
                    words[count] = w
                count += 1
            if j >= n:
                break
            node = child(keys, vals, node * CODE_SPAN + np.int64(codes[j]))
            j += 1
    return starts, words, count


class _Trie:
    """The words' trie as arrays for :func:`_occurrences`; word numbers index ``words``."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words: list[str] = list(words)
        node_of: dict[str, int] = {"": 0}
        edge_keys: list[int] = []
        edge_vals: list[int] = []
        ends: list[tuple[int, int]] = []
        for number, word in enumerate(self.words):
            node = 0
            for k in range(1, len(word) + 1):
                prefix = word[:k]
                child = node_of.get(prefix)
                if child is None:
                    child = node_of[prefix] = len(node_of)
                    edge_keys.append(node * CODE_SPAN + ord(word[k - 1]))
                    edge_vals.append(child)
                node = child
            ends.append((node, number))
        word_of = np.full(len(node_of), -1, dtype=np.int64)
        for node, number in ends:
            word_of[node] = number
        root = np.full(0x10000, -1, dtype=np.int32)  # 256 KB
        for ch in {w[0] for w in self.words}:
            if ord(ch) < 0x10000:
                root[ord(ch)] = node_of[ch]
        size = 1 << max(4, (2 * len(edge_keys)).bit_length())
        self._keys, self._vals = build_table(np.array(edge_keys, dtype=np.int64),
                                              np.array(edge_vals, dtype=np.int64), size)
        self._word_of = word_of
        self._root = root

    def __len__(self) -> int:
        return len(self.words)

    def occurrences(self, text: str) -> tuple[list[int], list[int]]:
        """(starts, word numbers) of every occurrence in ``text``, by start, then by length."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cap = len(codes) + 16
        starts, numbers, count = _occurrences(codes, self._keys, self._vals, self._word_of, self._root, cap)
        if count > cap:  # more occurrences than characters: rare (words inside words inside words)
            starts, numbers, count = _occurrences(codes, self._keys, self._vals, self._word_of, self._root, count)
        return starts[:count].tolist(), numbers[:count].tolist()


class WordScanner:
    """Every occurrence of a fixed set of words: ``iter(text)`` gives (end index, value) like
    pyahocorasick's ``Automaton.iter`` (by end, the longer word first), as a list. The last text's
    result is kept: several rules scan the same text for the same words (titles: the tagger's
    features, people, organisations)."""

    def __init__(self, words: Mapping[str, Any]) -> None:
        pairs = [(w, v) for w, v in words.items() if w]
        self._trie = _Trie(w for w, _ in pairs)
        self._values = [v for _, v in pairs]
        self._lengths = [len(w) for w, _ in pairs]
        self._last: tuple[str, list[tuple[int, Any]]] | None = None

    def __len__(self) -> int:
        return len(self._trie)

    def iter(self, text: str) -> list[tuple[int, Any]]:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found: list[tuple[int, Any]] = []
        if len(self._trie) and text:
            starts, numbers = self._trie.occurrences(text)
            lengths = self._lengths
            values = self._values
            # by end, then longer (earlier start) first: the automaton's order
            ends = [s + lengths[w] - 1 for s, w in zip(starts, numbers)]
            order = sorted(range(len(ends)), key=ends.__getitem__)  # stable: starts ascend within an end
            found = [(ends[i], values[numbers[i]]) for i in order]
        self._last = (text, found)  # one tuple, replaced whole: threads at worst rescan
        return found


class LongestMatcher(Generic[T]):
    """Finds leftmost-longest, non-overlapping occurrences of a fixed set of surfaces."""

    def __init__(self, surfaces: Mapping[str, T], checked: Collection[str] = ()) -> None:
        """``checked``: surfaces whose candidates go through ``accept`` in ``find`` (others never do)."""
        checked = frozenset(checked)
        pairs = [(s, p) for s, p in surfaces.items() if s]
        self._trie = _Trie(s for s, _ in pairs)
        self._entries = [(len(s), s, p, s in checked) for s, p in pairs]

    def __len__(self) -> int:
        return len(self._trie)

    def find(
        self, text: str, accept: Callable[[int, int, T], bool] | None = None
    ) -> list[tuple[int, int, str, T]]:
        """(start, end, surface, payload) tuples, sorted by start, half-open offsets.

        ``accept(start, end, payload)`` can veto a ``checked`` candidate before the selection, so a vetoed
        long candidate does not hide a shorter or later one (弘扬中国: 扬中 vetoed, 中国 kept).
        """
        if not len(self._trie) or not text:
            return []
        starts, numbers = self._trie.occurrences(text)
        entries = self._entries
        longest: dict[int, tuple[int, str, T]] = {}
        for start, number in zip(starts, numbers):  # by start, then by length: the last accepted is the longest
            length, surface, payload, check = entries[number]
            if check and accept is not None and not accept(start, start + length, payload):
                continue
            longest[start] = (length, surface, payload)
        out: list[tuple[int, int, str, T]] = []
        pos = 0
        for start, (length, surface, payload) in longest.items():  # starts in ascending order
            if start < pos:
                continue
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
