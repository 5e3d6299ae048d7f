"""A function word glued to a name by the segmenter: 向习近平主席 -> 习近平, 汪建已带领 -> 汪建,
吴努之女 -> 吴努, 韩飞用手机 -> 韩飞 (韩飞 named elsewhere, 韩飞用 once).

Why: the tagger reads the segmenter's word 向习 or 建已 as part of the name. The glued character is
cut off only where the text itself shows the shorter name: another mention of it in the document,
or a three-character name in jieba's dictionary (习近平). Names that merely start with 向 (向伟艺)
keep it. Cost: one set of the found names per document, a look-up per found person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.people import NAME_TAGS, PersonCand

__all__ = ["unglued"]

# Prepositions and conjunctions the segmenter glues before a name (向习|近平, 同温|敏).
_BEFORE = frozenset("向和与同对跟给被把让为在")
# Adverbs and particles it glues after one (汪建已|带领, 吴努之|女).
_AFTER = frozenset("已之将曾也就都还又才")
# How sure the tagger must be of the shorter name elsewhere for any glued last character to go
# (韩飞用|手机 where the tagger reads 韩飞 surely elsewhere).
SURE = 0.9
_RULES = frozenset({"person.tagger", "person.title.chinese", "person.repeat"})


def unglued(ctx: Ctx, people: Sequence[PersonCand]) -> list[PersonCand]:
    """``people`` with glued function characters cut off where the shorter name is attested."""
    s = ctx.norm
    names: set[str] | None = None
    once: Counter[str] = Counter()
    mentioned: set[str] = set()
    out: list[PersonCand] = []
    for c in people:
        size = c.end - c.start
        if c.rule in _RULES and size >= 3:
            if names is None:
                names = {s[p.start:p.end] for p in people}
                once = Counter(s[p.start:p.end] for p in people)
                # the tagger's own sure reading, not a title rule's cut (经济学院教授程大|为说)
                mentioned = {s[p.start:p.end] for p in people if p.rule == "person.tagger" and p.confidence >= SURE}
            pos = ctx.lex.pos
            head, tail = s[c.start + 1:c.end], s[c.start:c.end - 1]
            if s[c.start] in _BEFORE and (head in names or len(head) == 3 and pos.get(head) in NAME_TAGS):
                # the titles before the glued word were the ones of someone else (缅甸领导人向习近平主席)
                after = tuple(t for t in c.titles if s.startswith(t, c.end))
                c = PersonCand(c.start + 1, c.end, c.rule, c.confidence, after)
            elif tail in names and (s[c.end - 1] in _AFTER or not c.titles and once[s[c.start:c.end]] == 1
                                    and tail in mentioned):
                c = PersonCand(c.start, c.end - 1, c.rule, c.confidence, c.titles)
        out.append(c)
    return out
