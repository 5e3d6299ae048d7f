"""Character features for the learned person tagger, shared by training and tagging.

The model is only as good as the agreement between the features it was trained on and the
features it sees, so this module is the single definition: `scripts/train_person_model.py`
and `extractors/person_model.py` both call `char_features`. Changing it means retraining
(`make person-model`); FEATURE_VERSION goes into the model's metadata and is checked on load.
"""

from __future__ import annotations

import re

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
    lex = ctx.lex
    surnames = lex.surnames
    compound_first = frozenset(s[0] for s in lex.compound_surnames)
    translit = lex.translit
    given = lex.given_llr
    sur_llr = lex.surname_llr
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
    classes = "".join(_char_class(c, surnames, compound_first, translit) for c in text)
    cls = "^" + classes + "$"
    padded = _PAD + text + _PAD_END
    mask = ctx.place_mask
    title_last = lex.title_last
    titles = lex.title_set
    out: list[list[str]] = []
    for i in range(n):
        j = i + 2
        c = padded[j]
        feats = [
            "c=" + c, "l=" + padded[j - 1], "r=" + padded[j + 1], "ll=" + padded[j - 2], "rr=" + padded[j + 2],
            "lc=" + padded[j - 1:j + 1], "cr=" + padded[j:j + 2], "llc=" + padded[j - 2:j],
            "crr=" + padded[j + 1:j + 3], "lcr=" + padded[j - 1:j + 2],
            "k=" + cls[i:i + 3],
            "w=" + word_pos[i] + word_tag[i], "wp=" + word_pos[i],
            "g=" + _llr_bucket(given.get(c)) + _llr_bucket(sur_llr.get(c)),
        ]
        if mask and mask[i]:
            feats.append("place")
        if i and text[i - 1] in title_last:
            for size in (5, 4, 3, 2):
                if i - size >= 0 and text[i - size:i] in titles:
                    feats.append("title_before")
                    break
        out.append(feats)
    return out


_SENTENCE = re.compile(r"[^。!?;\n]*(?:[。!?;\n]|$)")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Half-open sentence ranges covering ``text``: the tagger's sequences (a name never spans them)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
