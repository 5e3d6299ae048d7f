"""Character features for the learned name tagger, shared by training and tagging.

The model is only as good as the agreement between the features it was trained on and the
features it sees. This module defines them: the n-gram templates, the per-character class and
name-model buckets (`char_info`), the title ends. `char_features` spells them as CRFsuite
attribute strings (training, `scripts/train_tagger.py`); `extractors/tagger.py` computes the same
values as arrays, and tests/test_tagger.py checks the two agree through CRFsuite's own tagger.
Changing a template means retraining (`make tagger-model`); FEATURE_VERSION goes into the model's
metadata and is checked on load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from zhnews.extractors.entity_text import Ctx

FEATURE_VERSION = "1"

_PAD = "^^"
_PAD_END = "$$"
# CRFsuite's model dump (read back by extractors/tagger.py) is line-based: a line break inside an
# attribute breaks it, so line breaks are spelled as private-use characters (tagger.py maps them back).
LINE_BREAK_SPELLING = {"\n": "\ue00a", "\r": "\ue00d"}
_SPELL = str.maketrans(LINE_BREAK_SPELLING)


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


# Character n-gram templates: name -> offsets from the position (the padded text has two
# boundary characters, ^^ before and $$ after).
NGRAM_TEMPLATES: dict[str, tuple[int, ...]] = {
    "c": (0,), "l": (-1,), "r": (1,), "ll": (-2,), "rr": (2,),
    "lc": (-1, 0), "cr": (0, 1), "llc": (-2, -1), "crr": (1, 2), "lcr": (-1, 0, 1),
}
_CHAR_INFO: dict[int, dict[str, tuple[str, str]]] = {}


def char_info(lex: Any, chars: "Iterable[str]") -> dict[str, tuple[str, str]]:
    """(class letter, name-model buckets: the k and g templates) per character, cached per lexicon
    (they depend on nothing else); the returned table holds at least ``chars``."""
    cache = _CHAR_INFO.get(id(lex))
    if cache is None:
        cache = _CHAR_INFO[id(lex)] = {}
    missing = [ch for ch in chars if ch not in cache]
    if missing:
        compound_first = frozenset(x[0] for x in lex.compound_surnames)
        for ch in missing:
            cache[ch] = (_char_class(ch, lex.surnames, compound_first, lex.translit),
                         _llr_bucket(lex.given_llr.get(ch)) + _llr_bucket(lex.surname_llr.get(ch)))
    return cache


def char_features(ctx: Ctx) -> list[list[str]]:
    """One list of CRFsuite attribute strings per character of ``ctx.norm`` (training).

    Why these templates: the characters around a position (names are read from their neighbours:
    a title before, 说/表示 after), where the position sits in jieba's word and that word's
    dictionary tag (HMM-made words unknown to the dictionary are often names; common words like
    智慧 are not), whether a title ends right before it, whether a gazetteer place covers it, and
    how name-like the character is by the name model built from jieba's dictionary."""
    text = ctx.norm
    n = len(text)
    if not n:
        return []
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
    info = char_info(ctx.lex, set(text))
    padded = _PAD + (text.translate(_SPELL) if "\n" in text or "\r" in text else text) + _PAD_END
    cls = "^" + "".join([info[ch][0] for ch in text]) + "$"
    # speed: one list per template built by comprehension, zipped once; tests/test_tagger.py
    # checks this against the plain per-character definition
    columns = [[name + "=" + "".join(chars) for chars in zip(*(padded[2 + o:2 + o + n] for o in offsets))]
               for name, offsets in NGRAM_TEMPLATES.items()]
    columns += [
        ["k=" + x + y + z for x, y, z in zip(cls[0:n], cls[1:n + 1], cls[2:n + 2])],
        ["w=" + x + y for x, y in zip(word_pos, word_tag)], ["wp=" + x for x in word_pos],
        ["g=" + info[x][1] for x in text],
    ]
    out = list(map(list, zip(*columns)))
    mask = ctx.place_mask
    if mask and any(mask):
        for m in _ONES.finditer(mask):
            out[m.start()].append("place")
    for i in title_ends(text, ctx.lex):
        if i < n:
            out[i].append("title_before")
    return out


_ONES = re.compile(b"\x01")


def title_ends(text: str, lex: Any) -> list[int]:
    """Positions right after a title of two to five characters (each once, in order)."""
    ends: set[int] = set()
    if lex.title_ac is not None:
        for end, size in lex.title_ac.iter(text):
            if 2 <= size <= 5:
                ends.add(end + 1)
    else:  # pragma: no cover - the scanner exists whenever there are titles
        for i in range(1, len(text)):
            if any(text[i - size:i] in lex.title_set for size in (5, 4, 3, 2) if i - size >= 0):
                ends.add(i)
    return sorted(ends)


_SENTENCE = re.compile(r"[^。!?;\n]*(?:[。!?;\n]|$)")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Half-open sentence ranges covering ``text``: the tagger's sequences (a name never spans them)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
