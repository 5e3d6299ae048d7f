"""Compiled inner loops of the name tagger: emission sums, Viterbi, forward-backward and the names read off the path.

Why compiled (numba): these loops visit every character and label pair; in Python or as numpy
calls per character they cost more than the rest of the pipeline together (measured: the tagger
ran at ~120k chars/s through python-crfsuite's string attributes, ~185k with numpy per step).
The functions are plain loops over arrays so they read like the textbook algorithms.
"""

from __future__ import annotations

import numpy as np
from numba import njit


_EMISSION_BLOCK = 4096  # positions: 4096 x ~13 labels x 8 bytes of scores fit a core's cache


@njit(cache=True)
def emission_scores(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """rows: (templates, n) row numbers into weights (row 0 is all zeros); returns (n, labels)."""
    n_templates, n = rows.shape
    labels = weights.shape[1]
    out = np.zeros((n, labels))
    # a block of positions at a time, every template over the block: the block's scores stay in cache (one pass
    # over all of a long text's scores per template cost twice as much, issue 18), and a short text is one
    # block; each score sums its templates in the same order either way, so the sums are the same
    for block in range(0, n, _EMISSION_BLOCK):
        block_rows = rows[:, block:block + _EMISSION_BLOCK]
        block_out = out[block:block + _EMISSION_BLOCK]
        for t in range(n_templates):
            for i in range(block_rows.shape[1]):
                r = block_rows[t, i]
                if r:
                    for y in range(labels):
                        block_out[i, y] += weights[r, y]
    return out


@njit(cache=True)
def viterbi(scores: np.ndarray, starts: np.ndarray, ends: np.ndarray, trans: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """Best label per position, each sentence [starts[k], ends[k]) decoded on its own."""
    n, labels = scores.shape
    path = np.zeros(n, dtype=np.int64)
    delta = np.empty(labels)
    nxt = np.empty(labels)
    back = np.empty((n, labels), dtype=np.int64)  # every row read is written first (a sentence's first is never read)
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
                   path: np.ndarray, outside: int = -1) -> np.ndarray:  # pragma: no cover - compiled
    """The posterior probability of each position's path label (scaled forward-backward).

    Shifting a position's scores by a constant leaves the marginals unchanged, so each row is
    shifted to its maximum before exp: nothing overflows. ``outside``: when a label, only the
    positions with another label are wanted (named_spans): the others keep 1.0, and the backward
    pass stops at a sentence's first wanted position (speed: a fifth of the marginals' time)."""
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
        first = 0
        if outside >= 0:
            while first < size and path[s + first] == outside:
                first += 1
        beta = np.ones((size, labels))
        for t in range(size - 2, first - 1, -1):
            for x in range(labels):
                acc = 0.0
                for y in range(labels):
                    acc += m[x, y] * emit[t + 1, y] * beta[t + 1, y]
                beta[t, x] = acc / scale[t + 1]
        for t in range(first, size):
            if path[s + t] == outside:
                continue
            norm = 0.0
            for y in range(labels):
                norm += alpha[t, y] * beta[t, y]
            out[s + t] = alpha[t, path[s + t]] * beta[t, path[s + t]] / norm
    return out


# Label heads for named_spans: what each label's first letter says of its position in a name.
HEAD_OTHER, HEAD_B, HEAD_I, HEAD_E, HEAD_S = 0, 1, 2, 3, 4


@njit(cache=True)
def sentence_spans(codes: np.ndarray, terminators: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """Starts and ends of the sentences of a non-empty text given as code points: each ends after a
    terminator or at the text's end, none is empty (crf_features.sentence_bounds, without a
    regex match object per sentence)."""
    n = codes.shape[0]
    # speed: a character above the highest terminator (every CJK ideograph) is none, one comparison;
    # comparing each character with every terminator cost 4x more
    top = 0
    for t in terminators:
        top = max(top, t)
    is_end = np.zeros(n, dtype=np.bool_)
    count = 0
    for i in range(n):
        if codes[i] > top:
            continue
        for t in terminators:
            if codes[i] == t:
                is_end[i] = True
                count += 1
                break
    if not is_end[n - 1]:
        is_end[n - 1] = True  # the last sentence ends with the text
        count += 1
    starts = np.empty(count, dtype=np.int64)
    ends = np.empty(count, dtype=np.int64)
    k = 0
    start = 0
    for i in range(n):
        if is_end[i]:
            starts[k] = start
            ends[k] = i + 1
            start = i + 1
            k += 1
    return starts, ends


@njit(cache=True)
def named_spans(all_scores: np.ndarray, first: int, size: int, starts: np.ndarray, ends: np.ndarray,
                trans: np.ndarray, outside: int, heads: np.ndarray,
                kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """The names on one model's best path: (start, end, kind) rows and the lowest marginal of each
    name's tags. The model's scores are columns first .. first + size of ``all_scores``.

    One compiled call per model: reading the path in Python (one step per tagged character) cost
    as much as the Viterbi pass. ``heads``: HEAD_* per label; ``kinds``: the name type per label
    (B-PER and E-PER share one), so an E closes the span its own type's B opened. A sentence start
    or an outside label ends any open span."""
    scores = np.ascontiguousarray(all_scores[:, first:first + size])
    path = viterbi(scores, starts, ends, trans)
    busy = np.zeros(starts.shape[0], dtype=np.bool_)
    for k in range(starts.shape[0]):
        for i in range(starts[k], ends[k]):
            if path[i] != outside:
                busy[k] = True
                break
    busy_starts, busy_ends = starts[busy], ends[busy]
    conf = path_marginals(scores, busy_starts, busy_ends, trans, path, outside)
    rows = np.empty((scores.shape[0], 3), dtype=np.int64)
    lows = np.empty(scores.shape[0])
    count = 0
    for k in range(busy_starts.shape[0]):
        begin = -1
        for i in range(busy_starts[k], busy_ends[k]):
            y = path[i]
            head = heads[y]
            if y == outside:
                begin = -1
            elif head == HEAD_S:
                rows[count, 0], rows[count, 1], rows[count, 2] = i, i + 1, kinds[y]
                lows[count] = conf[i]
                count += 1
                begin = -1
            elif head == HEAD_B:
                begin = i
            elif head == HEAD_E and begin >= 0 and kinds[path[begin]] == kinds[y]:
                low = conf[begin]
                for j in range(begin + 1, i + 1):
                    if conf[j] < low:
                        low = conf[j]
                rows[count, 0], rows[count, 1], rows[count, 2] = begin, i + 1, kinds[y]
                lows[count] = low
                count += 1
                begin = -1
            elif head != HEAD_I:
                begin = -1
    return rows[:count], lows[:count]


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
                k = (k << np.uint64(21)) | np.uint64(codes[base + i + o])
            h = (k * _GOLDEN) >> shift
            while True:
                r = slot_rows[t, h]
                if r == 0:
                    break
                if slot_keys[t, h] == k:
                    out[first + t, i] = r
                    break
                h = (h + np.uint64(1)) & mask


@njit(cache=True)
def word_template_rows(lengths: np.ndarray, tag_ids: np.ndarray, word_rows: np.ndarray, word_pos_rows: np.ndarray,
                       out: np.ndarray, first: int) -> None:  # pragma: no cover - compiled
    """The word templates: each character's place in its jieba word (columns S B M E of
    word_rows) with the word's tag (out[first]) and alone (out[first + 1])."""
    i = 0
    for k in range(lengths.shape[0]):
        size = lengths[k]
        for offset in range(size):
            if i >= out.shape[1]:  # words longer than the text: never from build_ctx, but no overrun
                return
            if size == 1:
                p = 0
            elif offset == 0:
                p = 1
            elif offset == size - 1:
                p = 3
            else:
                p = 2
            out[first, i] = word_rows[tag_ids[k], p]
            out[first + 1, i] = word_pos_rows[p]
            i += 1


@njit(cache=True)
def feature_rows(padded: np.ndarray, char_offsets: np.ndarray, char_keys: np.ndarray, char_rows: np.ndarray,
                 char_bits: np.ndarray, class_offsets: np.ndarray, class_keys: np.ndarray, class_rows: np.ndarray,
                 class_bits: np.ndarray, class_lut: np.ndarray, g_lut: np.ndarray, lengths: np.ndarray,
                 tag_ids: np.ndarray, word_rows_: np.ndarray, word_pos_rows: np.ndarray, place_mask: np.ndarray,
                 place_row: int, titles: np.ndarray, title_row: int) -> np.ndarray:  # pragma: no cover - compiled
    """Every template's weight row at every position, (templates, n), 0 where a feature is unseen:
    padded holds "^^" + text + "$$" as code points. One call instead of a dozen small numpy steps
    (their fixed costs were a third of the tagger's time on a short sentence)."""
    n = padded.shape[0] - 4
    last = char_offsets.shape[0]
    rows = np.zeros((last + 6, n), dtype=np.int64)
    ngram_rows(padded, n, 2, char_offsets, char_keys, char_rows, char_bits, rows, 0)
    cls = np.empty(n + 2, dtype=np.uint32)
    cls[0] = 94  # ^
    cls[n + 1] = 36  # $
    for i in range(n):
        cls[i + 1] = class_lut[padded[i + 2]]
        rows[last + 3, i] = g_lut[padded[i + 2]]
    ngram_rows(cls, n, 1, class_offsets, class_keys, class_rows, class_bits, rows, last)
    word_template_rows(lengths, tag_ids, word_rows_, word_pos_rows, rows, last + 1)
    if place_row:
        for i in range(place_mask.shape[0]):
            if place_mask[i] == 1:
                rows[last + 4, i] = place_row
    if title_row:
        for i in titles:
            if i < n:
                rows[last + 5, i] = title_row
    return rows
