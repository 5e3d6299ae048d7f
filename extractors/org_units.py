"""The units the suffix rule walks over: tokens, with gazetteer hits overriding token boundaries, and
words that glue a body to a title cut apart (县委书记 -> 县委 + 书记, 能矿部长 -> 能矿部 + 长, 部副|部长).

Why: jieba's words do not end where names end; the organisation rules need units that do.
Speed matters here (one unit per token), hence the C-level scans and the end-offset index.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import add, itemgetter

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.org_base import _WORD_SUFFIXES, Unit, _absorbable, _suffix_of


def token_units(ctx: Ctx) -> list[Unit]:
    """Tokens, with gazetteer hits overriding token boundaries."""
    starts = ctx.starts
    ends = ctx.tok_ends  # speed: build_ctx's list (a context built by hand may not have it)
    if len(ends) != len(starts):
        ends = list(map(add, starts, map(len, ctx.tokens)))
    units: list[Unit] = list(zip(starts, ends, ctx.tokens, ctx.tags))
    if ctx.places or ctx.orgs:
        # Only the tokens a hit touches change: regroup those runs of tokens, keep the rest.
        ranges: list[list] = []  # [first token, last token, hits], merged where they share a token
        for h in sorted(ctx.places + ctx.orgs, key=lambda h: h.start):
            i0 = bisect_right(starts, h.start) - 1
            i1 = max(i0, bisect_right(starts, h.end - 1) - 1)
            if ranges and i0 <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], i1)
                ranges[-1][2].append(h)
            else:
                ranges.append([i0, i1, [h]])
        # one forward pass (a slice assignment per range moved the rest of the list each time: quadratic on a
        # text of many hits, issue 18); the ranges are sorted and disjoint, and _regroup reads no unit
        out: list[Unit] = []
        done = 0  # the units before this are in out
        for i0, i1, hits in ranges:
            out += units[done:i0]
            if i0 == i1 and len(hits) == 1 and hits[0].start == starts[i0] and hits[0].end == ends[i0]:
                out.append((starts[i0], ends[i0], ctx.tokens[i0], "GAZ"))  # the usual case: the hit is a token
            else:
                out += _regroup(ctx, starts[i0:i1 + 1], ends[i1], hits)
            done = i1 + 1
        out += units[done:]
        return out
    return units


def _split_deputy(ctx: Ctx, units: list[Unit]) -> list[Unit]:
    """部副|部长 -> 部 + 副部长's 副: jieba glues a ministry's last character to the 副 of the title
    after it (埃及规划与经济发展|部副|部长); the body must end at its suffix."""
    if "副" not in ctx.norm:
        return units
    titles = ctx.lex.title_set
    at_end = _end_index(units)
    split: list[int] = []
    p = ctx.norm.find("副")
    while p >= 0:  # speed: only the units ending in 副, found by str.find
        k = at_end.get(p + 1)
        if k is not None:
            t = units[k][2]
            if len(t) == 2 and t[0] in _WORD_SUFFIXES and k + 1 < len(units) and units[k + 1][2] in titles:
                split.append(k)
        p = ctx.norm.find("副", p + 1)
    if not split:
        return units
    out: list[Unit] = []  # one forward pass, as in token_units
    done = 0
    for k in sorted(split):
        a, b, t, _tag = units[k]
        out += units[done:k]
        out += ((a, a + 1, t[0], None), (a + 1, b, "副", "b"))
        done = k + 1
    out += units[done:]
    return out


def _regroup(ctx: Ctx, tok_starts: list[int], end: int, hits: list) -> list[Unit]:
    """Units of the tokens starting at ``tok_starts`` (ending at ``end``): a hit's edges cut,
    nothing cuts inside a hit."""
    cuts = set(tok_starts)
    cuts.add(end)
    inside: set[int] = set()
    for h in hits:
        cuts.add(h.start)
        cuts.add(h.end)
        inside.update(range(h.start + 1, h.end))
    bounds = sorted(c for c in cuts if c not in inside)
    gaz_at = {h.start: h for h in hits}
    pos = ctx.lex.pos
    out: list[Unit] = []
    for a, b in zip(bounds, bounds[1:]):
        text = ctx.norm[a:b]
        h = gaz_at.get(a)
        # a token's tag is the dictionary tag of its text
        out.append((a, b, text, "GAZ" if h is not None and h.end == b else pos.get(text)))
    return out


def _ending_in(units: list[Unit], char_re: "re.Pattern[str]", s: str) -> list[int]:
    """Indices of the units whose last character matches ``char_re``, in order (a C-level scan
    of the text instead of a Python loop over every unit)."""
    ends = [m.end() for m in char_re.finditer(s)]
    if not ends:
        return []  # speed: no end index built for nothing (issue 18: 1.1.1. ... has 250,000 units a MB and no suffix)
    get = _end_index(units).get
    return [k for k in map(get, ends) if k is not None]


_END_INDEX: tuple = (None, -1, {})  # (units, its length, end offset -> index), one slot


def _end_index(units: list[Unit]) -> dict[int, int]:
    """End offset -> index of the unit ending there.

    speed: asked three times per text for the same list (titles, deputies, suffixes); kept for the list
    itself (held, so its id cannot be reused) and its length (units are only changed in place by inserting:
    _split_deputy). One tuple, read and replaced whole, so threads never see a mix. Callers must not mutate it."""
    global _END_INDEX
    held, n, index = _END_INDEX
    if held is not units or n != len(units):
        index = dict(zip(map(itemgetter(1), units), range(len(units))))
        _END_INDEX = (units, len(units), index)
    return index


# 部长 = 部 + 长 in "委内瑞拉能矿部长": the organisation ends before the head's 长.
_HEAD_TITLES = frozenset("部长 局长 厅长 处长 科长 所长 院长 厂长 社长 馆长 站长 台长 行长 会长 团长 队长".split())
assert all(len(t) == 2 for t in _HEAD_TITLES)
# speed: the titles themselves, not a lookahead tried at every position (no title starts with 长, so
# the matches cannot overlap and start where the lookahead's would)
_HEAD_RE = re.compile("|".join(sorted(_HEAD_TITLES)))
assert not any(t.startswith("长") for t in _HEAD_TITLES)


def _split_titles(ctx: Ctx, units: list[Unit]) -> list[Unit]:
    """Split words that glue an organisation to a title: 县委书记 -> 县委 + 书记, 能矿部长 -> 能矿部 + 长."""
    titles = ctx.lex.title_set
    pos = ctx.lex.pos
    # speed: only a unit ending with a title of two or three characters, or with a head's title,
    # can be split: found by C-level scans of the text
    title_hits = [(end, n) for end, n in ctx.lex.title_ac.iter(ctx.norm) if n == 2 or n == 3] \
        if ctx.lex.title_ac is not None else []
    head_ends = [m.start() + 2 for m in _HEAD_RE.finditer(ctx.norm)]
    if not title_hits and not head_ends:
        return _split_deputy(ctx, units)  # speed: nothing to split, and no end index built for nothing
    at_end = _end_index(units)
    found: set[int] = set()
    for end, n in title_hits:
        k = at_end.get(end + 1)
        if k is not None and units[k][0] <= end - n:
            found.add(k)
    for end in head_ends:
        k = at_end.get(end)
        if k is not None:
            found.add(k)
    cands = sorted(found)
    split: dict[int, tuple[Unit, Unit]] = {}
    for k in cands:
        a, b, t, tag = units[k]
        if len(t) < 2:
            continue
        cut = 0
        if len(t) >= 3 and tag != "GAZ":
            for n in (3, 2):
                if len(t) > n and t[-n:] in titles and _suffix_of(ctx, t[:-n]):
                    cut = len(t) - n
                    break
        if not cut and t[-2:] in _HEAD_TITLES and k > 0 and (len(t) == 2 or t not in titles):  # 名誉会长: one post
            prev = split[k - 1][1] if k - 1 in split else units[k - 1]
            ptext = prev[2]
            if ptext[-1:] != t[-2] and not t[:-2].endswith(("副", "正", "总", "常务", "代", "前", "原")) \
                    and (len(t) > 2 or not ptext.endswith(("副", "正", "总", "前", "原"))) \
                    and (len(t) > 2 or _absorbable(ctx, ptext, prev[3])[0]):
                cut = len(t) - 1
        if cut:
            split[k] = ((a, a + cut, t[:cut], pos.get(t[:cut])), (a + cut, b, t[cut:], pos.get(t[cut:])))
    if not split:
        return _split_deputy(ctx, units)
    out: list[Unit] = []
    prev_k = 0
    for k in sorted(split):
        out.extend(units[prev_k:k])
        out.extend(split[k])
        prev_k = k + 1
    out.extend(units[prev_k:])
    return _split_deputy(ctx, out)


def _units_from(units: list[Unit], k: int, start: int) -> list[Unit]:
    """``[u for u in units[:k] if u[0] >= start]``, walking back from k: units are in text order, so
    this costs the units it returns, not k (issue 18: a long text of organisations was quadratic)."""
    j = k
    while j > 0 and units[j - 1][0] >= start:
        j -= 1
    return units[j:k]
