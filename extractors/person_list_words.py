"""Words, not people, in a list: 获得感、幸福感、安全感; 开放、包容、普惠、平衡; 编钟、马头琴、南音;
木棉花、火焰花、朱蕉花. The name tagger reads each item on its own and takes a rare word for a name
(jieba's dictionary even tags 马头琴 and 幸福感 nr); the list around it says it is one of a series of
things.

Rule: an untitled person from the tagger (or a list neighbour) written as an item between list marks
is dropped when no neighbouring item is a person and a neighbour is an ordinary dictionary word
(包容 v, 桂花 n) or is built like it (the same first or last character: 获得感 / 幸福感, 黄花干 / 黄花饼).
Lists of names are untouched: there the neighbours are people, and a person the tagger is sure of stays. Cost: a few character steps per
listed, untitled person.
"""

from __future__ import annotations

from collections.abc import Sequence

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.people import PersonCand
from zhnews.extractors.person_lists import MIN_ANCHOR  # a person the tagger is this sure of (刘晓庆 1.0) stays

__all__ = ["list_words"]

# Dictionary tags of a neighbouring item that makes the series one of things (发展 v, 桂花 n). Not ns or nz:
# jieba tags rare names ns (丛珊) and a list of people may hold a place (王伟、北京、李强).
_WORD_TAGS = frozenset({"v", "vn", "a", "ad", "an", "d", "n", "l", "i", "z"})
# Rules whose untitled people a list of things can overrule (not titles, bylines, dotted names).
_RULES = frozenset({"person.tagger", "person.list"})
_ITEM_END = frozenset("、,，。;；:：()（）“”!?！？\n 等和与及")
MAX_ITEM = 6


def _item_after(s: str, q: int) -> str:
    e = q
    while e < len(s) and e - q <= MAX_ITEM and s[e] not in _ITEM_END:
        e += 1
    return s[q:e] if e < len(s) and s[e] in "、等和与及,，。;；" or e == len(s) else ""


def _item_before(s: str, e: int) -> str:
    q = e
    while q > 0 and e - q <= MAX_ITEM and s[q - 1] not in _ITEM_END:
        q -= 1
    return s[q:e] if q == 0 or s[q - 1] in "、,，:：" or q < e and s[q - 1] in "“ \n" else ""


def list_words(ctx: Ctx, people: Sequence[PersonCand]) -> set[int]:
    """Indices into ``people`` of untitled listed items that are words of a list of things."""
    s = ctx.norm
    if "、" not in s:
        return set()
    starts = {c.start for c in people}
    ends = {c.end for c in people}
    pos = ctx.lex.pos
    out: set[int] = set()
    for k, c in enumerate(people):
        if c.rule not in _RULES or c.titles or c.confidence >= MIN_ANCHOR:
            continue
        before = s[c.start - 1] == "、" if c.start else False
        after = s[c.end:c.end + 1] == "、"
        if not (before or after):
            continue
        x = s[c.start:c.end]
        neighbours = []
        if before:
            if c.start - 1 in ends:
                continue  # a person before it: a list of names
            neighbours.append(_item_before(s, c.start - 1))
        if after:
            if c.end + 1 in starts:
                continue
            neighbours.append(_item_after(s, c.end + 1))
        for y in neighbours:
            if len(y) < 2 or y == x:
                continue
            if pos.get(y) in _WORD_TAGS or len(x) >= 2 and (y[-1] == x[-1] or y[0] == x[0] and len(y) == len(x)):
                out.add(k)
                break
    return out
