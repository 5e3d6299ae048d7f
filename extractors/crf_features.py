"""Character features for the learned person tagger, shared by training and tagging.

The model is only as good as the agreement between the features it was trained on and the
features it sees, so this module is the single definition: `scripts/train_person_model.py`
and `extractors/person_model.py` both call `char_features`. Changing it means retraining
(`make person-model`); FEATURE_VERSION goes into the model's metadata and is checked on load.
"""

from __future__ import annotations

import re

from typing import Any

from extractors.entity_text import Ctx

FEATURE_VERSION = "1"

_PAD = "^^"
_PAD_END = "$$"


def _llr_bucket(value: float | None) -> str:
    if value is None:
        return "n"
    return str(max(-3, min(3, round(value))))


def _char_class(ch: str, surnames: frozenset[str], compound_first: frozenset[str],
                translit: frozenset[str]) -> str:
    if ch in surnames:
        return "s"
    if ch in compound_first:
        return "c"
    if ch in translit:
        return "t"
    if ch.isdigit():
        return "d"
    if ch.isascii() and ch.isalpha():
        return "a"
    if ch == "·":
        return "."
    if not ch.isalnum():
        return "p"
    return "-"


def char_features(ctx: Ctx) -> list[list[str]]:
    """One list of attribute strings per character of ``ctx.norm``.

    Why these: the characters around a position (names are read from their neighbours: a title
    before, 说/表示 after), where the position sits in jieba's word and that word's dictionary tag
    (HMM-made words unknown to the dictionary are often names; common words like 智慧 are not),
    whether a title ends right before it, whether a gazetteer place covers it, and how name-like
    the character is by the name model built from jieba's dictionary.
    """
    text = ctx.norm
    n = len(text)
    if not n:
        return []
    lex = ctx.lex
    word_pos = ["S"] * n
    word_tag = ["x"] * n
    for start, tok, tag in zip(ctx.starts, ctx.tokens, ctx.tags):
        size = len(tok)
        label = tag or "OOV"
        if size == 1:
            word_tag[start] = label
            continue
        word_pos[start:start + size] = ["B"] + ["M"] * (size - 2) + ["E"]
        word_tag[start:start + size] = [label] * size
    # speed: one list per feature template built by comprehension, zipped once (a loop per
    # character building each list was the tagger's main cost); tests/test_tagger.py checks this
    # against the plain per-character definition
    padded = _PAD + text + _PAD_END
    ll, l, c, r, rr = padded[0:n], padded[1:n + 1], padded[2:n + 2], padded[3:n + 3], padded[4:n + 4]
    compound_first = frozenset(x[0] for x in lex.compound_surnames)
    char_info = {ch: ("k" + _char_class(ch, lex.surnames, compound_first, lex.translit),
                      "g=" + _llr_bucket(lex.given_llr.get(ch)) + _llr_bucket(lex.surname_llr.get(ch)))
                 for ch in set(text)}
    cls = "^" + "".join(char_info[ch][0][1] for ch in text) + "$"
    columns = (
        ["c=" + x for x in c], ["l=" + x for x in l], ["r=" + x for x in r], ["ll=" + x for x in ll],
        ["rr=" + x for x in rr],
        ["lc=" + x + y for x, y in zip(l, c)], ["cr=" + x + y for x, y in zip(c, r)],
        ["llc=" + x + y for x, y in zip(ll, l)], ["crr=" + x + y for x, y in zip(r, rr)],
        ["lcr=" + x + y + z for x, y, z in zip(l, c, r)],
        ["k=" + x + y + z for x, y, z in zip(cls[0:n], cls[1:n + 1], cls[2:n + 2])],
        ["w=" + x + y for x, y in zip(word_pos, word_tag)], ["wp=" + x for x in word_pos],
        [char_info[x][1] for x in c],
    )
    out = list(map(list, zip(*columns)))
    mask = ctx.place_mask
    if mask and any(mask):
        for i in [m.start() for m in _ONES.finditer(mask)]:
            out[i].append("place")
    for i in _title_ends(text, lex):
        if i < n:
            out[i].append("title_before")
    return out


_ONES = re.compile(b"\x01")


def _title_ends(text: str, lex: Any) -> list[int]:
    """Positions right after a title of two to five characters (each once, in order)."""
    ends: set[int] = set()
    if lex.title_ac is not None:
        for end, size in lex.title_ac.iter(text):
            if 2 <= size <= 5:
                ends.add(end + 1)
    else:  # pragma: no cover - pyahocorasick is a dependency
        for i in range(1, len(text)):
            if any(text[i - size:i] in lex.title_set for size in (5, 4, 3, 2) if i - size >= 0):
                ends.add(i)
    return sorted(ends)


_SENTENCE = re.compile(r"[^。!?;\n]*(?:[。!?;\n]|$)")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Half-open sentence ranges covering ``text``: the tagger's sequences (a name never spans them)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
