"""Railways and highways named by the first characters of the two cities they join (石济高铁 =
石家庄–济南, 盐通铁路 = 盐城–南通, 京昆高速), and a route's section (京台高速公路河北廊坊段, 盐通铁路盐城段):
one LOC each (guideline §5, decision 10), never cut into places."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from zhnews.extractors.entity_text import Ctx, is_cjk

ROUTE_WORDS = "城际铁路|城际|高速铁路|高速公路|高速|高铁|铁路|动车"
_TABLES: dict[str, "re.Pattern[str] | None"] = {}
# Dictionary tags a two-character route name may have: unknown, or a name / abbreviation word.
_NAME_TAGS = frozenset({None, "j", "ns"})  # (not nz: jieba tags 普通 nz)


def _city_route_re(gaz: Any, abbreviations: Iterable[str]) -> "re.Pattern[str] | None":
    """Two first characters of Chinese provinces or prefectures, or their one-character
    abbreviations (京), then a route word; per gazetteer."""
    key = str(getattr(gaz, "version", id(gaz)))
    if key not in _TABLES:
        chars = sorted({e.name[0] for e in gaz.entries.values()
                        if e.type in ("PROVINCE", "PREFECTURE") and e.id.startswith("CN-")} | set(abbreviations))
        _TABLES[key] = re.compile("([" + "".join(chars) + "]{2})(?:" + ROUTE_WORDS + ")") if chars else None
    return _TABLES[key]


def city_routes(ctx: Ctx, places: list[Any], roads: bytes, taken: bytes) -> list[tuple[int, int]]:
    """(start, end) of routes named by two cities' first characters, the section included. The two
    characters are a word of their own that no dictionary reads otherwise (开通高铁, 普通铁路 are not
    routes) and no place of their own (中国铁路 is the railway company's country)."""
    gaz = ctx.gaz
    if gaz is None or not hasattr(gaz, "entries"):
        return []
    try:
        pattern = _city_route_re(gaz, ctx.lex.place_abbr_kind)
    except Exception:  # a partial gazetteer must not break extraction
        return []
    if pattern is None:
        return []
    s = ctx.norm
    place_at = {(c.start, c.end) for c in places}
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(s):
        start, end = m.start(), m.end()
        name = m.group(1)
        if start not in ctx.tok_at or any(roads[start:end]) or any(taken[start:end]) \
                or ctx.lex.pos.get(name, None) not in _NAME_TAGS or (start, start + 2) in place_at:
            continue
        k = ctx.tok_at[start]
        if len(ctx.tokens[k]) > 2 and ctx.starts[k] + len(ctx.tokens[k]) > end:
            continue  # the two characters start a longer word
        out.append((start, route_section_end(ctx, end, places)))
    return out


def route_section_end(ctx: Ctx, end: int, places: list[Any]) -> int:
    """End of the route's section written after it (河北廊坊段, 盐城段, 玉磨段), or ``end``."""
    s = ctx.norm
    k = end
    by_start = None
    for _ in range(3):
        if by_start is None:
            by_start = {c.start: c.end for c in places if c.label in ("GPE", "LOC")}
        nxt = by_start.get(k)
        if nxt is None:
            break
        k = nxt
    if k == end and end + 2 < len(s) and is_cjk(s[end]) and is_cjk(s[end + 1]) and ctx.lex.pos.get(s[end:end + 2]) is None:
        k = end + 2  # 玉磨段: two abbreviations no dictionary knows
    if k > end and k < len(s) and s[k] == "段" and (k + 1 == len(s) or k + 1 in ctx.tok_at):
        return k + 1
    return end
