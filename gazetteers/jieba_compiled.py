"""jieba.lcut(text, HMM=True), word for word, with its inner loops compiled (numba).

Why: jieba's pure-Python DAG, route and HMM loops were half of the whole pipeline's time (measured:
7.5 s of 15.7 s on 400 corpus articles). This module reads the same Tokenizer's word frequencies
(with our user words) and jieba's own HMM tables, and runs the same algorithm over code-point
arrays: the prefix DAG of dictionary words, the max-log-probability route (ties to the longer
word, as jieba's tuple max), and the BEMS Viterbi for runs of single characters that are not one
dictionary word. Scores are summed in jieba's order from the same float64 logs, so equal inputs
give equal floats and the same tie-breaks; tests compare the output with jieba's on the whole
corpus and on generated text.

Anything this does not reproduce falls back to jieba itself: HMM off, or jieba's global
"force split" words (set by add_word(word, freq=0)). It sits with the dictionary readers in
gazetteers/ because both the pipeline's segmenter and the extractors' own segmentation use it.
"""

from __future__ import annotations

import math
from itertools import accumulate
from typing import Any

import numpy as np
from numba import njit

from zhnews.gazetteers.trie_table import CODE_SPAN, build_table, child

from jieba import finalseg

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FD5  # jieba's Han range in both of its regexes
MIN_FLOAT = finalseg.MIN_FLOAT
STATES = "BEMS"  # index order = letter order, so "larger index" breaks ties as jieba's max does
PREV = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}  # jieba's PrevStatus
_PREV_OK = np.array([[y0 in PREV[y] for y in STATES] for y0 in STATES], dtype=np.bool_)  # [from, to]


@njit(cache=True, inline="always")
def _in_block(c: np.int64) -> bool:  # pragma: no cover - compiled
    """jieba's re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]."""
    if 0x4E00 <= c <= 0x9FD5 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122:
        return True
    return c == 43 or c == 35 or c == 38 or c == 46 or c == 95 or c == 37 or c == 45


@njit(cache=True, inline="always")
def _is_alnum(c: np.int64) -> bool:  # pragma: no cover - compiled
    return 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122


@njit(cache=True)
def _is_word(codes, s, e, keys, vals, has_freq) -> bool:  # pragma: no cover - compiled
    """jieba's `FREQ.get(buf)` is truthy."""
    node = np.int64(0)
    for i in range(s, e):
        node = child(keys, vals, node * CODE_SPAN + np.int64(codes[i]))
        if node < 0:
            return False
    return has_freq[node]


@njit(cache=True)
def _hmm_han(codes, s, e, emit, start, trans, out, n_out) -> int:  # pragma: no cover - compiled
    """finalseg.__cut on a run of Han characters: BEMS Viterbi, then its word-building loop."""
    n = e - s
    v = np.empty((n, 4))
    back = np.zeros((n, 4), dtype=np.int64)
    c0 = codes[s] - 0x4E00
    for y in range(4):
        v[0, y] = start[y] + emit[y, c0]
    for t in range(1, n):
        ct = codes[s + t] - 0x4E00
        for y in range(4):
            em = emit[y, ct]
            best = -np.inf
            arg = -1
            for y0 in range(4):  # PREV as a mask: trans is -inf where y0 cannot precede y
                if not _PREV_OK[y0, y]:
                    continue
                p = v[t - 1, y0] + trans[y0, y] + em
                if arg < 0 or p > best or (p == best and y0 > arg):
                    best = p
                    arg = y0
            v[t, y] = best
            back[t, y] = arg
    state = 1 if v[n - 1, 1] > v[n - 1, 3] else 3  # max over E, S; a tie goes to S
    path = np.empty(n, dtype=np.int64)
    path[n - 1] = state
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    begin = 0
    nexti = 0
    for i in range(n):
        pos = path[i]
        if pos == 0:  # B
            begin = i
        elif pos == 1:  # E
            out[n_out, 0] = s + begin
            out[n_out, 1] = s + i + 1
            n_out += 1
            nexti = i + 1
        elif pos == 3:  # S
            out[n_out, 0] = s + i
            out[n_out, 1] = s + i + 1
            n_out += 1
            nexti = i + 1
    if nexti < n:
        out[n_out, 0] = s + nexti
        out[n_out, 1] = e
        n_out += 1
    return n_out


@njit(cache=True)
def _hmm_cut(codes, s, e, emit, start, trans, out, n_out) -> int:  # pragma: no cover - compiled
    """finalseg.cut: Han runs through the HMM; other runs split as its re_skip
    ([a-zA-Z0-9]+(?:\\.\\d+)?%?) does, each match and each stretch between matches one token."""
    p = s
    while p < e:
        if 0x4E00 <= codes[p] <= 0x9FD5:
            q = p
            while q < e and 0x4E00 <= codes[q] <= 0x9FD5:
                q += 1
            n_out = _hmm_han(codes, p, q, emit, start, trans, out, n_out)
            p = q
            continue
        q = p
        while q < e and not (0x4E00 <= codes[q] <= 0x9FD5):
            q += 1
        r = p
        piece = p
        while r < q:
            if _is_alnum(codes[r]):
                if piece < r:
                    out[n_out, 0] = piece
                    out[n_out, 1] = r
                    n_out += 1
                m = r
                while m < q and _is_alnum(codes[m]):
                    m += 1
                if m + 1 < q and codes[m] == 46 and 48 <= codes[m + 1] <= 57:
                    m += 1
                    while m < q and 48 <= codes[m] <= 57:
                        m += 1
                if m < q and codes[m] == 37:
                    m += 1
                out[n_out, 0] = r
                out[n_out, 1] = m
                n_out += 1
                r = m
                piece = m
            else:
                r += 1
        if piece < q:
            out[n_out, 0] = piece
            out[n_out, 1] = q
            n_out += 1
        p = q
    return n_out


@njit(cache=True)
def _flush(codes, s, e, keys, vals, has_freq, emit, start, trans, out, n_out) -> int:  # pragma: no cover - compiled
    """__cut_DAG's buffer of single-character route steps."""
    if e - s == 1 or _is_word(codes, s, e, keys, vals, has_freq):
        for i in range(s, e):
            out[n_out, 0] = i
            out[n_out, 1] = i + 1
            n_out += 1
        return n_out
    return _hmm_cut(codes, s, e, emit, start, trans, out, n_out)


@njit(cache=True)
def _cut_block(codes, a, b, keys, vals, has_freq, logfreq, logtotal, emit, start, trans, out, n_out) -> int:  # pragma: no cover - compiled
    """__cut_DAG on one block: get_DAG and calc fused, then the walk along the route."""
    score = np.zeros(b - a + 1)
    nxt = np.empty(b - a, dtype=np.int64)
    for k in range(b - 1, a - 1, -1):
        best = 0.0
        arg = -1
        node = np.int64(0)
        i = k
        while i < b:
            node = child(keys, vals, node * CODE_SPAN + np.int64(codes[i]))
            if node < 0:
                break
            if has_freq[node]:
                p = logfreq[node] - logtotal + score[i + 1 - a]
                if arg < 0 or p >= best:  # i grows, so >= keeps jieba's tie to the larger x
                    best = p
                    arg = i
            i += 1
        if arg < 0:  # DAG[k] = [k]: log(FREQ.get(char) or 1) = 0
            best = 0.0 - logtotal + score[k + 1 - a]
            arg = k
        score[k - a] = best
        nxt[k - a] = arg
    x = a
    buf = -1
    while x < b:
        y = nxt[x - a] + 1
        if y - x == 1:
            if buf < 0:
                buf = x
        else:
            if buf >= 0:
                n_out = _flush(codes, buf, x, keys, vals, has_freq, emit, start, trans, out, n_out)
                buf = -1
            out[n_out, 0] = x
            out[n_out, 1] = y
            n_out += 1
        x = y
    if buf >= 0:
        n_out = _flush(codes, buf, b, keys, vals, has_freq, emit, start, trans, out, n_out)
    return n_out


@njit(cache=True)
def cut_spans(codes, keys, vals, has_freq, logfreq, logtotal, emit, start, trans) -> np.ndarray:  # pragma: no cover - compiled
    """(start, end) of every token of jieba.cut(text, HMM=True), in order."""
    n = codes.shape[0]
    out = np.empty((2 * n + 1, 2), dtype=np.int64)
    n_out = 0
    i = 0
    while i < n:
        c = np.int64(codes[i])
        if not _in_block(c):  # re_skip_default: "\r\n" is one token, anything else one character
            j = i + 2 if (c == 13 and i + 1 < n and codes[i + 1] == 10) else i + 1
            out[n_out, 0] = i
            out[n_out, 1] = j
            n_out += 1
            i = j
            continue
        j = i
        while j < n and _in_block(np.int64(codes[j])):
            j += 1
        n_out = _cut_block(codes, i, j, keys, vals, has_freq, logfreq, logtotal, emit, start, trans, out, n_out)
        i = j
    return out[:n_out]


@njit(cache=True)
def joined(codes, spans) -> np.ndarray:  # pragma: no cover - compiled
    """The spans' code points with a 0 between spans: decoded and split at C level, this gives the
    words several times faster than one slice of the text per word."""
    n = spans.shape[0]
    size = n - 1 if n else 0
    for t in range(n):
        size += spans[t, 1] - spans[t, 0]
    out = np.empty(size, dtype=np.uint32)
    p = 0
    for t in range(n):
        if t:
            out[p] = 0
            p += 1
        for i in range(spans[t, 0], spans[t, 1]):
            out[p] = codes[i]
            p += 1
    return out


@njit(cache=True)
def span_nodes(codes, spans, keys, vals) -> np.ndarray:  # pragma: no cover - compiled
    """The trie node of each span's text, -1 where the text is no key of the dictionary."""
    n = spans.shape[0]
    out = np.empty(n, dtype=np.int64)
    for t in range(n):
        node = np.int64(0)
        for i in range(spans[t, 0], spans[t, 1]):
            node = child(keys, vals, node * CODE_SPAN + np.int64(codes[i]))
            if node < 0:
                break
        out[t] = node
    return out


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def split_spans(text: str, codes: np.ndarray, spans: np.ndarray) -> list[str]:
    """``[text[s:e] for s, e in spans]``, built at C level (joined); text holding a NUL is sliced."""
    if "\x00" in text:
        return [text[s:e] for s, e in zip(spans[:, 0].tolist(), spans[:, 1].tolist())]
    return joined(codes, spans).tobytes().decode("utf-32-le", "surrogatepass").split("\x00")


# The last cut: (words list returned, text, its code points, spans, the CompiledJieba), one slot replaced
# whole (threads at worst miss it). The entity rules read the words' dictionary tags from the trie nodes
# instead of one look-up per word in jieba's large dictionary (see last_cut).
_LAST_CUT: tuple | None = None


def last_cut(words: Any) -> tuple["CompiledJieba", np.ndarray] | None:
    """(the CompiledJieba, the spans) when ``words`` is the very list a compiled cut last returned and
    still has one word per span; None otherwise."""
    last = _LAST_CUT
    if last is None or last[0] is not words or len(words) != last[3].shape[0]:
        return None
    return last[4], last[3]


class CompiledJieba:
    """The compiled cut over one initialised jieba.Tokenizer; build it after every add_word."""

    def __init__(self, tokenizer: Any):
        tokenizer.check_initialized()
        self._tok = tokenizer
        self._build_trie(tokenizer.FREQ)
        self.logtotal = math.log(tokenizer.total)
        self._hmm_tables()

    def _build_trie(self, freq: dict[str, int]) -> None:
        """Trie nodes over FREQ's keys (jieba keeps every prefix of a word as a key, with 0 when the
        prefix is no word). A key whose prefix is missing is unreachable in jieba's walk too."""
        words = sorted(freq, key=len)
        if words and words[0] == "":
            words = words[1:]
        node_of = dict(zip(words, range(1, len(words) + 1)))
        node_of[""] = 0
        parents = [node_of.get(w[:-1], -1) for w in words]
        # node numbers stay those of `words`; a node whose parent is missing simply has no edge
        edge_keys = [p * CODE_SPAN + ord(w[-1]) for p, w in zip(parents, words) if p >= 0]
        edge_vals = [n for n, p in enumerate(parents, start=1) if p >= 0]
        counts = [freq[w] for w in words]
        has_freq = [False] + [bool(f) for f in counts]
        logfreq = [0.0] + [math.log(f) if f else 0.0 for f in counts]
        size = 1 << max(4, (2 * len(edge_keys)).bit_length())
        self.keys, self.vals = build_table(np.array(edge_keys, dtype=np.int64),
                                            np.array(edge_vals, dtype=np.int32), size)
        self.has_freq = np.array(has_freq, dtype=np.bool_)
        self.logfreq = np.array(logfreq, dtype=np.float64)

    def _hmm_tables(self) -> None:
        """jieba's BEMS model as arrays; a missing entry is its MIN_FLOAT, as in its dict.get."""
        self.start = np.array([finalseg.start_P[y] for y in STATES], dtype=np.float64)
        self.trans = np.array([[finalseg.trans_P[y0].get(y, MIN_FLOAT) for y in STATES] for y0 in STATES])
        self.emit = np.full((4, HAN_LAST - HAN_FIRST + 1), MIN_FLOAT)
        for row, y in enumerate(STATES):
            for char, p in finalseg.emit_P[y].items():
                if len(char) == 1 and HAN_FIRST <= ord(char) <= HAN_LAST:
                    self.emit[row, ord(char) - HAN_FIRST] = p

    def spans(self, text: str) -> np.ndarray:
        return self._spans(code_points(text))

    def _spans(self, codes: np.ndarray) -> np.ndarray:
        return cut_spans(codes, self.keys, self.vals, self.has_freq, self.logfreq, self.logtotal,
                         self.emit, self.start, self.trans)

    def nodes(self, codes: np.ndarray, spans: np.ndarray) -> np.ndarray:
        """The trie node of each span of ``codes`` (-1: no key); nodes number 0 .. node_count - 1."""
        return span_nodes(codes, spans, self.keys, self.vals)

    @property
    def node_count(self) -> int:
        return int(self.has_freq.shape[0])

    def cut(self, text: str) -> list[str]:
        global _LAST_CUT
        if finalseg.Force_Split_Words or not text:
            return self.cut_with_starts(text)[0]
        codes = code_points(text)
        spans = self._spans(codes)
        words = split_spans(text, codes, spans)
        _LAST_CUT = (words, text, codes, spans, self)
        return words

    def cut_with_starts(self, text: str) -> tuple[list[str], list[int]]:
        """The words and the offset each starts at (jieba's words never skip or overlap text)."""
        if finalseg.Force_Split_Words:  # global to jieba; rare: let jieba handle it
            words = self._tok.lcut(text, HMM=True)
            return words, [0, *accumulate(map(len, words[:-1]))] if words else []
        if not text:
            return [], []
        spans = self.spans(text)
        starts = spans[:, 0].tolist()
        return [text[s:e] for s, e in zip(starts, spans[:, 1].tolist())], starts
