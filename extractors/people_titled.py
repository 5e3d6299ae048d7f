"""Names anchored by a title or a byline role right before them (副区长宋文, 记者 涂燕 张强,
参与记者:田颖, 本报记者 王 沛, 老挝总理通伦): pass 1 of find_people.

Why: a title before a name is the strongest signal; this pass runs with and without the name
tagger, and the names it finds outrank the bare-name guesses.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from zhnews.extractors.entity_text import PUNCT, Ctx, is_cjk
from zhnews.extractors.people_base import PersonCand, _blocked, _good_given, _surname_len, chinese_end
from zhnews.extractors.people_foreign import _HOME, _NOT_BEFORE_FOREIGN, _foreign_titled_end, foreign_end
from zhnews.extractors.people_titles_before import _credit_before, title_end_at, titles_before

_BYLINE_ROLES = ("本报记者", "特约记者", "见习记者", "首席记者", "摄影记者", "记者", "实习生", "通讯员", "摄影", "特约通讯员")


def titled_names(ctx: Ctx, title_ends: list[int], bare: bool, found: dict[int, PersonCand],
                 add: Callable[[PersonCand], None]) -> None:
    """Title- or role-anchored names at every token start right after a title word (``title_ends``:
    from _title_scan); ``bare=False`` skips starts the tagger would drop anyway."""
    s = ctx.norm
    n = len(s)
    # ends of foreign countries' names: a short name of any characters may follow their titles
    foreign_ends = [h.end for h in ctx.places if h.label == "GPE" and h.canonical in ctx.lex.country_names
                    and h.canonical not in _HOME]
    for p in title_ends:
        q = p + 1 if s[p:p + 1] == " " else p
        tl = title_end_at(ctx, p)
        if not tl:
            continue
        colon = s[p:p + 1] == ":" and _credit_before(ctx, p)
        if colon:
            q = p + 1  # 参与记者:田颖、沈忠浩
        if q != p and q >= n:
            continue
        if q >= n or not is_cjk(s[q]) or not bare and s[q] in ctx.lex.not_name_first:
            continue  # speed: no name starts here (with the tagger, merge_people drops 记者曾去过 anyway)
        e = foreign_end(ctx, q)
        rule = "person.title.foreign"
        if e == q or ctx.place_mask[q]:
            e = chinese_end(ctx, q, anchored=True)
            rule = "person.title.chinese"
        if e == q and q == p + 1 and not colon:
            e = _padded_name_end(ctx, q)  # 本报记者 王 沛
        if e == q and foreign_ends and s[p - tl:p] not in _NOT_BEFORE_FOREIGN \
                and bisect.bisect_left(foreign_ends, q - 40) < bisect.bisect_right(foreign_ends, q):
            e = _foreign_titled_end(ctx, q)  # 老挝总理通伦。 泰国外长敦表示
            rule = "person.title.foreign"
        if colon and e < n and s[e] not in PUNCT:
            continue  # after 记者: an interview's question, not a byline's name
        if e > q and not _blocked(ctx, q, e, loose=True):
            add(PersonCand(q, e, rule, 0.9, titles_before(ctx, q)))
            # A byline lists several names after one role: 记者 涂燕 张强 龚毅.
            if s[p - tl:p] in _BYLINE_ROLES or s[p - tl:p].endswith("记者"):
                _byline_more(ctx, e, add, found[q].titles)


def _padded_name_end(ctx: Ctx, q: int) -> int:
    """End of a two-character byline name padded to three columns (王 沛, 王  沛) starting at q,
    closed by a line end or the text's end; else q."""
    s = ctx.norm
    k = q + 1
    while k < len(s) and k - q <= 2 and s[k] == " ":
        k += 1
    if k == q + 1 or k >= len(s) or s[q] not in ctx.lex.surnames or not _good_given(s[k]):
        return q
    if k + 1 == len(s) or s[k + 1] in "\n\r)":
        return k + 1
    return q


def _byline_more(ctx: Ctx, e: int, add: Callable[[PersonCand], None], titles: tuple[str, ...]) -> None:
    """Further space-separated names after the first one of a byline share its role."""
    s = ctx.norm
    while e < len(s) and s[e] == " ":
        q = e + 1
        end = q
        while end < len(s) and is_cjk(s[end]) and end - q < 4:
            end += 1
        name = s[q:end]
        if not (2 <= len(name) <= 4) or (end < len(s) and s[end] not in PUNCT) or not _surname_len(ctx, q):
            break
        if name in ctx.lex.title_set or name in ctx.lex.person_stop:
            break
        add(PersonCand(q, end, "person.byline", 0.85, titles))
        e = end
