"""Compiled inner loops of the name tagger: emission sums, Viterbi and forward-backward.

Why compiled (numba): these loops visit every character and label pair; in Python or as numpy
calls per character they cost more than the rest of the pipeline together (measured: the tagger
ran at ~120k chars/s through python-crfsuite's string attributes, ~185k with numpy per step).
The functions are plain loops over arrays so they read like the textbook algorithms.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def emission_scores(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """rows: (templates, n) row numbers into weights (row 0 is all zeros); returns (n, labels)."""
    n_templates, n = rows.shape
    labels = weights.shape[1]
    out = np.zeros((n, labels))
    for t in range(n_templates):
        for i in range(n):
            r = rows[t, i]
            if r:
                for y in range(labels):
                    out[i, y] += weights[r, y]
    return out


@njit(cache=True)
def viterbi(scores: np.ndarray, starts: np.ndarray, ends: np.ndarray, trans: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Best label per position, each sentence [starts[k], ends[k]) decoded on its own."""
    n, labels = scores.shape
    path = np.zeros(n, dtype=np.int64)
    delta = np.empty(labels)
    nxt = np.empty(labels)
    back = np.zeros((n, labels), dtype=np.int64)
    for k in range(starts.shape[0]):
        s, e = starts[k], ends[k]
        for y in range(labels):
            delta[y] = scores[s, y]
        for t in range(s + 1, e):
            for y in range(labels):
                best = -np.inf
                arg = 0
                for x in range(labels):
                    v = delta[x] + trans[x, y]
                    if v > best:
                        best = v
                        arg = x
                nxt[y] = best + scores[t, y]
                back[t, y] = arg
            for y in range(labels):
                delta[y] = nxt[y]
        y = 0
        best = -np.inf
        for x in range(labels):
            if delta[x] > best:
                best = delta[x]
                y = x
        path[e - 1] = y
        for t in range(e - 1, s, -1):
            y = back[t, y]
            path[t - 1] = y
    return path


@njit(cache=True)
def path_marginals(scores: np.ndarray, starts: np.ndarray, ends: np.ndarray, trans: np.ndarray,
                   path: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """The posterior probability of each position's path label (scaled forward-backward).

    Shifting a position's scores by a constant leaves the marginals unchanged, so each row is
    shifted to its maximum before exp: nothing overflows."""
    n, labels = scores.shape
    out = np.ones(n)
    m = np.exp(trans)
    for k in range(starts.shape[0]):
        s, e = starts[k], ends[k]
        size = e - s
        emit = np.empty((size, labels))
        for t in range(size):
            top = scores[s + t, 0]
            for y in range(1, labels):
                if scores[s + t, y] > top:
                    top = scores[s + t, y]
            for y in range(labels):
                emit[t, y] = np.exp(scores[s + t, y] - top)
        alpha = np.empty((size, labels))
        scale = np.empty(size)
        total = 0.0
        for y in range(labels):
            alpha[0, y] = emit[0, y]
            total += emit[0, y]
        scale[0] = total
        for y in range(labels):
            alpha[0, y] /= total
        for t in range(1, size):
            total = 0.0
            for y in range(labels):
                acc = 0.0
                for x in range(labels):
                    acc += alpha[t - 1, x] * m[x, y]
                alpha[t, y] = acc * emit[t, y]
                total += alpha[t, y]
            scale[t] = total
            for y in range(labels):
                alpha[t, y] /= total
        beta = np.ones((size, labels))
        for t in range(size - 2, -1, -1):
            for x in range(labels):
                acc = 0.0
                for y in range(labels):
                    acc += m[x, y] * emit[t + 1, y] * beta[t + 1, y]
                beta[t, x] = acc / scale[t + 1]
        for t in range(size):
            norm = 0.0
            for y in range(labels):
                norm += alpha[t, y] * beta[t, y]
            out[s + t] = alpha[t, path[s + t]] * beta[t, path[s + t]] / norm
    return out


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@njit(cache=True)
def build_hash(keys: np.ndarray, rows: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """An open-addressing table (2**bits slots, linear probing) from distinct keys to rows (> 0)."""
    size = 1 << bits
    slot_keys = np.zeros(size, dtype=np.uint64)
    slot_rows = np.zeros(size, dtype=np.int64)
    shift = np.uint64(64 - bits)
    mask = np.uint64(size - 1)
    for i in range(keys.shape[0]):
        h = (keys[i] * _GOLDEN) >> shift
        while slot_rows[h] != 0:
            h = (h + np.uint64(1)) & mask
        slot_keys[h] = keys[i]
        slot_rows[h] = rows[i]
    return slot_keys, slot_rows


@njit(cache=True)
def ngram_rows(codes: np.ndarray, n: int, base: int, offsets: np.ndarray, slot_keys: np.ndarray,
               slot_rows: np.ndarray, bits: np.ndarray, out: np.ndarray, first: int) -> None:  # pragma: no cover - compiled
    """For each template t (a row of offsets, -99 ending it) and position i, the row of the n-gram
    codes[base + i + o] for o in the offsets, from template t's hash table; written to out[first + t]."""
    for t in range(offsets.shape[0]):
        shift = np.uint64(64 - bits[t])
        mask = np.uint64((1 << bits[t]) - 1)
        for i in range(n):
            k = np.uint64(0)
            for j in range(offsets.shape[1]):
                o = offsets[t, j]
                if o == -99:
                    break
                k = (k << np.uint64(21)) | codes[base + i + o]
            h = (k * _GOLDEN) >> shift
            while True:
                r = slot_rows[t, h]
                if r == 0:
                    break
                if slot_keys[t, h] == k:
                    out[first + t, i] = r
                    break
                h = (h + np.uint64(1)) & mask
