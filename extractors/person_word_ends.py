"""Names that end like a building, site or thing: 黄鹤楼, 武侯祠, 武汉站, 罗家岙, 陈列馆, 梅花鹿, 幸福感.

Why: the name tagger, trained on 1998 text, reads a rare place or thing word whose first character
is a surname as a name, and jieba's dictionary even tags many of them nr. A person's given name does
not end with 楼, 站 or 感 (none in the annotated news does), so an untitled name ending with one is
not reported. Titled names are kept (the title says it is a person). The characters are data:
gazetteers/people/not_name_last.txt. Cost: one set look-up per found person.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.people import PersonCand
from zhnews.gazetteers.word_lists import read_word_list

__all__ = ["not_name_last", "word_ends"]

_DATA = Path(__file__).resolve().parent.parent / "gazetteers" / "people" / "not_name_last.txt"
# Rules whose untitled people the last character can overrule (not titles, bylines, dotted names).
_RULES = frozenset({"person.tagger", "person.list", "person.repeat"})


@lru_cache(maxsize=1)
def not_name_last() -> frozenset[str]:
    return frozenset(read_word_list(_DATA))


def word_ends(ctx: Ctx, people: Sequence[PersonCand]) -> set[int]:
    """Indices into ``people`` of untitled names of two or more characters ending like a word."""
    ends = not_name_last()
    s = ctx.norm
    return {k for k, c in enumerate(people)
            if c.rule in _RULES and not c.titles and c.end - c.start >= 2 and s[c.end - 1] in ends}
