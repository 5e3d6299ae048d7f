"""Character features for the learned name tagger, shared by training and tagging.

The model is only as good as the agreement between the features it was trained on and the
features it sees, so this module is the single definition: `feature_columns` computes each
template's values once; `char_features` spells them as CRFsuite attribute strings (training,
`scripts/train_tagger.py`) and `extractors/tagger.py` looks the same values up in the model's
weight tables. Changing a template means retraining (`make tagger-model`); FEATURE_VERSION goes
into the model's metadata and is checked on load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
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


# Character n-gram templates: name -> offsets from the position (the padded text has two
# boundary characters, ^^ before and $$ after).
NGRAM_TEMPLATES: dict[str, tuple[int, ...]] = {
    "c": (0,), "l": (-1,), "r": (1,), "ll": (-2,), "rr": (2,),
    "lc": (-1, 0), "cr": (0, 1), "llc": (-2, -1), "crr": (1, 2), "lcr": (-1, 0, 1),
}
# Attribute order per position: the n-grams, then these, then the flags that are only sometimes on.
OTHER_TEMPLATES = ("k", "w", "wp", "g")
FLAGS = ("place", "title_before")


@dataclass(slots=True)
class Columns:
    """Every template's value at every position of one text (n positions)."""

    padded: str  # ^^ + text + $$: the n-gram at position i and offsets o is padded[i + 2 + o] ...
    classes: str  # ^ + one class letter per character + $: k at i is classes[i:i + 3]
    word: list[str]  # w: the position in its jieba word (S/B/M/E) + the word's dictionary tag
    word_pos: list[str]  # wp: S/B/M/E
    char_g: dict[str, str]  # g per distinct character: name-model buckets of the character
    place: list[int]  # positions a gazetteer place covers
    title_before: list[int]  # positions right after a title of two to five characters


def ngram(padded: str, i: int, offsets: tuple[int, ...]) -> str:
    return "".join(padded[i + 2 + o] for o in offsets)


def feature_columns(ctx: Ctx) -> Columns:
    """Why these templates: the characters around a position (names are read from their
    neighbours: a title before, 说/表示 after), where the position sits in jieba's word and that
    word's dictionary tag (HMM-made words unknown to the dictionary are often names; common words
    like 智慧 are not), whether a title ends right before it, whether a gazetteer place covers it,
    and how name-like the character is by the name model built from jieba's dictionary."""
    text = ctx.norm
    n = len(text)
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
    distinct = set(text)
    info = char_info(lex, distinct)
    mask = ctx.place_mask
    return Columns(
        padded=_PAD + text + _PAD_END,
        classes="^" + "".join([info[ch][0] for ch in text]) + "$",
        word=[x + y for x, y in zip(word_pos, word_tag)],
        word_pos=word_pos,
        char_g={ch: info[ch][1] for ch in distinct},
        place=[m.start() for m in _ONES.finditer(mask)] if mask and any(mask) else [],
        title_before=[i for i in title_ends(text, lex) if i < n],
    )


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
    """One list of CRFsuite attribute strings per character of ``ctx.norm`` (training)."""
    n = len(ctx.norm)
    if not n:
        return []
    col = feature_columns(ctx)
    p = col.padded
    # speed: one list per template built by comprehension, zipped once; tests/test_tagger.py
    # checks this against the plain per-character definition
    ll, l, c, r, rr = p[0:n], p[1:n + 1], p[2:n + 2], p[3:n + 3], p[4:n + 4]
    cls = col.classes
    columns = (
        ["c=" + x for x in c], ["l=" + x for x in l], ["r=" + x for x in r], ["ll=" + x for x in ll],
        ["rr=" + x for x in rr],
        ["lc=" + x + y for x, y in zip(l, c)], ["cr=" + x + y for x, y in zip(c, r)],
        ["llc=" + x + y for x, y in zip(ll, l)], ["crr=" + x + y for x, y in zip(r, rr)],
        ["lcr=" + x + y + z for x, y, z in zip(l, c, r)],
        ["k=" + x + y + z for x, y, z in zip(cls[0:n], cls[1:n + 1], cls[2:n + 2])],
        ["w=" + x for x in col.word], ["wp=" + x for x in col.word_pos],
        ["g=" + col.char_g[x] for x in c],
    )
    out = list(map(list, zip(*columns)))
    for i in col.place:
        out[i].append("place")
    for i in col.title_before:
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
    else:  # pragma: no cover - pyahocorasick is a dependency
        for i in range(1, len(text)):
            if any(text[i - size:i] in lex.title_set for size in (5, 4, 3, 2) if i - size >= 0):
                ends.add(i)
    return sorted(ends)


_SENTENCE = re.compile(r"[^。!?;\n]*(?:[。!?;\n]|$)")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Half-open sentence ranges covering ``text``: the tagger's sequences (a name never spans them)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
