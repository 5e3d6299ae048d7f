"""A person named by something other than surname + given name: fixed nicknames (小罗, C罗) and a
surname before a kinship or address word (张大妈, 温阿姨, 习爷爷: the surname alone is the person).

Why: these read as ordinary words or as a name one character too long to every other rule.
"""

from __future__ import annotations

import re

from zhnews.extractors.entity_text import Ctx, is_cjk
from zhnews.extractors.people_base import _WEAK_SURNAMES, _surname_len, _word_list


def surname_only_end(ctx: Ctx, start: int, end: int) -> int:
    """End of the person when a kinship or address word follows the surname (张大妈, 温阿姨, 龚哥,
    习爷爷 name 张, 温, 龚, 习: guideline §6), else ``end``. Only where the span is the surname plus
    that word, or stops inside it."""
    s = ctx.norm
    words = _word_list("person_address_words.txt")
    firsts = _ADDRESS_FIRST.get(words)
    if firsts is None:
        firsts = _ADDRESS_FIRST[words] = frozenset(w[0] for w in words)
    # speed: most spans have no address character after their first one or two characters
    if end - start < 2 or s[start + 1] not in firsts and s[start + 2:start + 3] not in firsts:
        return end
    sl = _surname_len(ctx, start)
    if not sl or end - start <= sl:
        return end
    for w in words:
        if s.startswith(w, start + sl) and start + sl + len(w) >= end:
            return start + sl
    return end


_ADDRESS_FIRST: dict[tuple[str, ...], frozenset[str]] = {}


def addressed_surnames(ctx: Ctx) -> list[int]:
    """Surnames written before a kinship or address word of two characters (温阿姨, 习爷爷, 张大妈),
    the surname a word of its own: each is a person, the surname alone."""
    s = ctx.norm
    words = _word_list("person_address_words.txt")
    rx = _ADDRESS_RE.get(words)
    if rx is None:  # one C-level pass: a surname-like character before any two-character word
        rx = _ADDRESS_RE[words] = re.compile("(?=(.)(?:" + "|".join(re.escape(w) for w in words if len(w) >= 2) + "))")
    out: list[int] = []
    for m in rx.finditer(s):
        q = m.start()
        if s[q] in ctx.lex.surnames and s[q] not in _WEAK_SURNAMES and not ctx.place_mask[q] and q in ctx.tok_at:
            out.append(q)
    return out


_ADDRESS_RE: dict[tuple[str, ...], "re.Pattern[str]"] = {}


def nickname_spans(ctx: Ctx) -> list[tuple[int, int]]:
    """Fixed nicknames (小罗, C罗) written as whole words: one person each, not a surname."""
    s, out = ctx.norm, []
    for w in _word_list("person_nicknames.txt"):
        p = s.find(w)
        while p >= 0:
            e = p + len(w)
            # a word of its own on the left; on the right anything but more of a foreign name (小罗斯福)
            if (p == 0 or p in ctx.tok_at or not is_cjk(s[p - 1])) and (e == len(s) or s[e] not in ctx.lex.translit):
                out.append((p, e))
            p = s.find(w, p + 1)
    return out
