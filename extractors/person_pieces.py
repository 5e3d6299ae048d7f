"""A title-anchored name the tagger cut into pieces (赖 + 红宇 after 区委书记, 露口洋 + 介 before 告诉):
the rule read from the title sees the whole name, so it replaces the pieces.

Why: the tagger reads characters, not the title before them; a name new to it (赖红宇, 露口洋介) comes
out as a surname and a given name, or cut short. The title rule knows where the name starts and, by the
punctuation or verb of speech after it, where it ends.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from zhnews.extractors.entity_text import PUNCT, Ctx
from zhnews.extractors.people import PersonCand, person_cue_after
from zhnews.extractors.tagger import TaggedName

__all__ = ["rule_joins_tagged"]

# The most characters an anchored foreign name may add to the tagged piece at its start (露口洋 + 介).
MAX_ADDED = 2


def rule_joins_tagged(ctx: Ctx, c: PersonCand, tagged: Sequence[TaggedName]) -> bool:
    """Every tagged person overlapping the rule's name lies inside it, one starts where it starts,
    and either the pieces tile the name exactly (赖 + 红宇 = 赖红宇, title.chinese) or a transliterated
    name (title.foreign) adds at most ``MAX_ADDED`` characters before punctuation or a verb of speech."""
    # speed: the tagged names are in text order, so only those from the one before c.start are read
    k = max(bisect.bisect_left(tagged, c.start, key=lambda t: t.start) - 1, 0)
    inside: list[TaggedName] = []
    for i in range(k, len(tagged)):  # (an index walk: tagged[k:] would copy the tail at every call)
        t = tagged[i]
        if t.start >= c.end:
            break
        if t.label == "PER" and c.start < t.end:
            inside.append(t)
    if not inside or any(t.start < c.start or t.end > c.end for t in inside):
        return False
    if inside[0].start != c.start or (len(inside) == 1 and inside[0].end == c.end):
        return False
    if c.rule == "person.title.chinese":
        return len(inside) >= 2 and inside[-1].end == c.end and all(
            a.end == b.start for a, b in zip(inside, inside[1:]))
    if c.rule == "person.title.foreign":
        s = ctx.norm
        closed = c.end == len(s) or s[c.end] in PUNCT or person_cue_after(ctx, c.end)
        # (nothing added when the tagged piece already stands before a verb of speech: 威勒|说)
        return len(inside) == 1 and c.end - inside[0].end <= MAX_ADDED and closed \
            and not person_cue_after(ctx, inside[0].end)
    return False
