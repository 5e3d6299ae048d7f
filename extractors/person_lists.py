"""Names in a list of names: 刘晓庆、丛珊、盖克、姜文; 习近平、李克强、栗战书、汪洋. An item written between
list marks right after a found person is a person too when the list around it is one of names.

Why: the tagger reads each name on its own, and a name new to it (丛珊, 盖克) or cut by the
segmenter (栗|战书) is missed even where the list leaves no other reading. The rule reads only the
neighbours of found people, so its cost is a few steps per listed person.
"""

from __future__ import annotations

from collections.abc import Sequence

from zhnews.extractors.entity_text import Ctx, is_cjk
from zhnews.extractors.people import PersonCand
from zhnews.extractors.people_base import _good_given as good_given
from zhnews.extractors.people_base import _surname_len as surname_len

__all__ = ["list_members"]

# Dictionary tags of a word that is no name, whatever list it stands in (发展 v, 美丽 a, 一些 m).
_NOT_NAME_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "m", "q", "mq", "p", "c", "u", "uj", "r", "t", "f",
                            "s", "l", "i", "y", "e", "o", "z", "n", "j", "nz"})
# How sure a found person must be to vouch for the items next to it (the tagger's guesses at place
# and product names in a list, 常营 0.54, 黄花干 0.71, are not).
MIN_ANCHOR = 0.9
_END_OF_LIST = frozenset("等,。;:)”!?\n")
MAX_ITEM = 4


def list_members(ctx: Ctx, people: Sequence[PersonCand], taken: bytearray) -> list[PersonCand]:
    """Items of 2-4 characters, a surname and a given name, written between 、 right after a surely
    found person, where the next item is one too, or the list already holds two of them before the
    item (the third of a list of names: 刘晓庆、丛珊、盖克)."""
    s = ctx.norm
    if "、" not in s:
        return []
    sure = [c for c in people if c.confidence >= MIN_ANCHOR]
    starts = {c.start for c in sure}
    ends = {c.end: c.start for c in sure}
    taken_starts = {c.start for c in people}
    out: list[PersonCand] = []
    queue = sorted(sure, key=lambda c: c.start)
    k = 0
    while k < len(queue):
        c = queue[k]
        k += 1
        q = c.end + 1
        if s[c.end:q] != "、":
            continue
        e = q
        while e < len(s) and e - q <= MAX_ITEM and is_cjk(s[e]) and s[e] not in "、等":
            e += 1
        if not 2 <= e - q <= MAX_ITEM or e >= len(s) or any(taken[q:e]) or q in taken_starts:
            continue
        nxt = s[e]
        long_list = c.start > 0 and s[c.start - 1] == "、" and (c.start - 1) in ends
        if not ((nxt == "、" and (e + 1 in starts or long_list)) or (nxt in _END_OF_LIST and long_list)):
            continue
        item = s[q:e]
        sl = surname_len(ctx, q)
        if not sl or not good_given(item[sl:]) or any(ctx.place_mask[q:e]) or item in ctx.lex.person_stop \
                or item in ctx.lex.title_set or ctx.lex.pos.get(item) in _NOT_NAME_TAGS:
            continue  # a name: a surname and a given name (丛珊, 栗战书), no word or place
        found = PersonCand(q, e, "person.list", MIN_ANCHOR)
        out.append(found)
        starts.add(q)
        ends[e] = q
        taken[q:e] = b"\x01" * (e - q)
        queue.insert(k, found)  # the item may be the neighbour of the next one (丛珊、盖克)
    return out
