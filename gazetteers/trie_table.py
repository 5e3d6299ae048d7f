"""The trie-edge hash table both compiled dictionary walks use: jieba's DAG over its dictionary
(gazetteers/jieba_compiled.py) and the gazetteers' word scanner (gazetteers/matcher.py).

An edge is keyed ``parent node * CODE_SPAN + code point``; the table is open addressing with linear
probing (-1 = empty), so a child is found in about one array read instead of a search over a node's
children. Compiled with numba; the values keep the dtype they are built from.
"""

from __future__ import annotations

import numpy as np
from numba import njit

CODE_SPAN = 0x110000  # edge key = parent node * CODE_SPAN + code point


@njit(cache=True, inline="always")
def slot(key: np.int64, mask: np.int64) -> np.int64:  # pragma: no cover - compiled
    return np.int64((np.uint64(key) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(20)) & mask


@njit(cache=True)
def build_table(keys_in: np.ndarray, vals_in: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """(keys, values) of a table of ``size`` slots (a power of two, about twice the edges)."""
    keys = np.full(size, -1, dtype=np.int64)
    vals = np.zeros(size, dtype=vals_in.dtype)
    mask = size - 1
    for i in range(keys_in.shape[0]):
        h = slot(keys_in[i], mask)
        while keys[h] != -1:
            h = (h + 1) & mask
        keys[h] = keys_in[i]
        vals[h] = vals_in[i]
    return keys, vals


@njit(cache=True, inline="always")
def child(keys: np.ndarray, vals: np.ndarray, key: np.int64) -> np.int64:  # pragma: no cover - compiled
    """The node an edge key leads to, or -1."""
    mask = keys.shape[0] - 1
    h = slot(key, mask)
    while True:
        k = keys[h]
        if k == key:
            return np.int64(vals[h])
        if k == -1:
            return np.int64(-1)
        h = (h + 1) & mask
