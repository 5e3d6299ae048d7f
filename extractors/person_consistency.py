"""One name, one reading per text: a name the tagger finds again and again is a person at its
other mentions too, and pieces of it found elsewhere (明伟 or 明 + 伟杰 for 明伟杰) are the name.

The tagger reads each sentence on its own, so an unknown name (明伟杰, 维罗妮卡) is found at some
mentions, cut at others and missed at the rest; the text as a whole is surer than any sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from zhnews.extractors.entity_text import Ctx, is_cjk, is_name_char, mentions_of
from zhnews.extractors.people import PersonCand

__all__ = ["MIN_MENTIONS", "established_names", "is_mention", "pieces_of_names"]

# How many mentions the tagger must find of an untitled name for the text to count it as a person.
MIN_MENTIONS = 2
# Characters a name is often glued to by the segmenter on its right (通伦说, 耿哲用): still a boundary.
AFTER_NAME = frozenset("说表认指称对向和与同在是的也都就还把被将用等曾已又便则")


def established_names(ctx: Ctx, people: Sequence[PersonCand]) -> list[str]:
    """Names of two characters or more, unknown to the dictionary, the tagger found at
    ``MIN_MENTIONS`` mentions or more, first found first (the order decides between overlapping
    repeats)."""
    s = ctx.norm
    counts = Counter(s[c.start:c.end] for c in people if c.rule == "person.tagger" and c.end - c.start >= 2)
    if not counts or max(counts.values()) < MIN_MENTIONS:
        return []  # speed: most texts name nobody twice through the tagger alone
    # a dictionary word is no unknown name (马拉松, 毛竹林: jieba tags them nr by mistake, and the
    # tagger keeps finding them); names the dictionary knows are found by the tagger or a title
    names = [name for name, k in counts.items() if k >= MIN_MENTIONS and name not in ctx.lex.person_stop
             and name not in ctx.lex.pos and all(is_cjk(ch) or ch == "·" for ch in name)]
    longer = {s[c.start:c.end] for c in people if c.rule == "person.tagger" and c.end - c.start == 3}
    mentions = mentions_of(s, [name for name in names if len(name) == 2])
    out: dict[str, None] = {}  # an ordered set: a list's `in` made many names quadratic
    for name in names:
        out.update(dict.fromkeys(_completed(ctx, name, longer, mentions.get(name, ()))))
    return list(out)


# How many times a two-character name must be written, each time before the same character, for
# that character to be read as the end of the name (马生|才 thirteen times: the name is 马生才).
MIN_COMPLETE = 3
# Characters that follow a name in every mention for reasons of their own (张三家, 李四们).
_NOT_NAME_END = AFTER_NAME | frozenset("家们等一这那不没很所会要能给让去来到从为以及或但而并却了着过")


def _completed(ctx: Ctx, name: str, longer: set[str], starts: Sequence[int]) -> list[str]:
    """The names a two-character name the tagger found stands for: itself, or the three-character
    names it is cut from (马生 + 才 and 马生 + 禄 for the brothers 马生才 and 马生禄). A completion is one
    the tagger found whole at some mention, or a character that follows the name at three mentions or
    more, each time as a word of one character (马生|才|今年, not 王军|介绍), a CJK one that follows
    names for no reason of its own, the whole no dictionary word. ``starts``: the name's mentions."""
    if len(name) != 2:
        return [name]
    s = ctx.norm
    after: Counter[str] = Counter()
    free: Counter[str] = Counter()
    for p in starts:
        e = p + 2
        c = s[e] if e < len(s) else ""
        after[c] += 1
        k = ctx.tok_at.get(e)
        if k is None or len(ctx.tokens[k]) == 1:
            free[c] += 1
    done = [c for c in after if name + c in longer or (
        free[c] == after[c] >= MIN_COMPLETE and is_cjk(c) and c not in _NOT_NAME_END
        and name + c not in ctx.lex.pos and name + c not in ctx.lex.person_stop)]
    out = [name + c for c in done]
    if len(done) < len(after):
        out.append(name)  # other mentions are the two-character name itself
    return out


def is_mention(ctx: Ctx, p: int, e: int) -> bool:
    """``s[p:e]`` can be a mention of a name: on a word boundary (or before a word a name is glued
    to), not the tail of a transliteration, not inside a known place."""
    s = ctx.norm
    n = len(s)
    return (p == 0 or p in ctx.tok_at or not is_name_char(s[p - 1])) \
        and (e == n or e in ctx.tok_at or not is_name_char(s[e]) or s[e] in AFTER_NAME) \
        and not (p > 0 and s[p - 1] in ctx.lex.translit and p not in ctx.tok_at) \
        and not ctx.place_mask[p]


def pieces_of_names(ctx: Ctx, people: Sequence[PersonCand], names: Sequence[str]) -> set[int]:
    """Indices of people that are a proper part of a mention of one of ``names`` (明伟, 伟杰 in
    明伟杰), where nothing else crosses the mention's edges: the mention is the person."""
    s = ctx.norm
    order = sorted(range(len(people)), key=lambda k: people[k].start)
    # people by start, found by bisection: scanning all of them at every mention was quadratic in the
    # number of people (张伟、 x 100,000: 345 s per MB)
    firsts = [people[k].start for k in order]
    longest = max((pc.end - pc.start for pc in people), default=0)
    out: set[int] = set()
    mentions = mentions_of(s, names)
    for name in names:
        for p in mentions[name]:
            e = p + len(name)
            # a person crossing [p, e) starts before e and, being at most `longest` long, after p - longest
            lo, hi = bisect_left(firsts, p - longest + 1), bisect_left(firsts, e)
            inside = [order[i] for i in range(lo, hi) if p < people[order[i]].end]
            if inside and is_mention(ctx, p, e) and all(
                    p <= people[k].start and people[k].end <= e and people[k].end - people[k].start < e - p
                    and not people[k].titles for k in inside):
                out.update(inside)
    return out
