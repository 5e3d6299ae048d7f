"""Bylines that list several names after one role: 本报记者  张  帆  杨文明 (names padded with spaces to
a column, separated by spaces) and (本报记者黄超、左潇、戴林峰) (separated by 、). Every name is a
person with the role; a name the tagger does not know (左潇) still holds the list together.

Strict by shape: the whole run of names must close the line, a bracket or the text, so a role in
running text (记者王迪报道) reads nothing here. One regex scan per text; a few steps per byline.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from zhnews.extractors.entity_text import Ctx, is_cjk

_NAME = r"(?:[\u4e00-\u9fff] {1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff])|[\u4e00-\u9fff]{2,3})"
# matched at each role word found by str.find (a regex scan of every position was the cost)
_BYLINE = re.compile(rf"(?:记者|通讯员|实习生)(?: {{1,2}}|:)?({_NAME}(?:(?: {{1,2}}|、){_NAME}){{0,9}})(?=\n|\)|$)")
_ROLE_WORDS = ("记者", "通讯员", "实习生")
_SEP = re.compile(r" {1,2}|、")


def byline_names(ctx: Ctx, surname_len: Callable[[Ctx, int], int],
                 good_given: Callable[[str], bool]) -> list[tuple[int, int, int]]:
    """(start, end, where the role's title chain ends) of each name in a listed byline. Nothing if
    any item is no name."""
    s = ctx.norm
    out: list[tuple[int, int, int]] = []
    for m in _role_matches(s):
        items = _items(s, m.start(1), m.end(1))
        if len(items) < 2 and s[m.start(1) - 1] not in " :":
            continue  # one name glued to the role: the title rules read it
        anchor = m.start(1)
        while s[anchor - 2:anchor] == "  ":
            anchor -= 1  # 记者  张: the title chain is read across the padding (one space is read there)
        ok = [_is_name(ctx, a, b, surname_len, good_given) for a, b in items]
        if all(ok) or (len(items) >= _LONG_LIST and 3 * sum(ok) >= 2 * len(items)
                       and all(_loose_name(ctx, a, b, surname_len) for a, b in items)):
            out.extend((a, b, anchor) for a, b in items)
    return out


# A list this long, two thirds of it clear names, holds names only: an item whose given name is also a
# word (田先进, 刘新吾 in 本报记者…、田先进、魏薇、刘新吾) is a name there too.
_LONG_LIST = 4


def _loose_name(ctx: Ctx, a: int, b: int, surname_len: Callable[[Ctx, int], int]) -> bool:
    """Two or three characters, a surname first or no dictionary word (巨云鹏), no title, no listed
    non-name."""
    name = ctx.norm[a:b].replace(" ", "")
    return 2 <= len(name) <= 3 and (surname_len(ctx, a) > 0 or name not in ctx.lex.pos) \
        and name not in ctx.lex.title_set and name not in ctx.lex.person_stop


def _role_matches(s: str) -> list[re.Match[str]]:
    out = []
    for word in _ROLE_WORDS:
        p = s.find(word)
        while p >= 0:
            m = _BYLINE.match(s, p)
            if m is not None:
                out.append(m)
            p = s.find(word, p + len(word))
    return sorted(out, key=lambda m: m.start())


def _items(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of a run: split at 、 and at space runs, a padded name (张  帆) kept whole."""
    out: list[tuple[int, int]] = []
    p = start
    while p < end:
        q = p + 1
        while q < end and s[q] == " ":
            q += 1
        if q > p + 1 and q < end and (q + 1 == end or not is_cjk(s[q + 1])):
            out.append((p, q + 1))  # 张  帆: one character each side of the padding
            p = q + 1
        else:
            q = p
            while q < end and is_cjk(s[q]):
                q += 1
            out.append((p, q))
            p = q
        sep = _SEP.match(s, p, end)
        if sep is None:
            break
        p = sep.end()
    return out


def _is_name(ctx: Ctx, a: int, b: int, surname_len: Callable[[Ctx, int], int],
             good_given: Callable[[str], bool]) -> bool:
    name = ctx.norm[a:b].replace(" ", "")
    sl = surname_len(ctx, a)
    return 2 <= len(name) <= 4 and sl > 0 and good_given(name[sl:]) and name not in ctx.lex.title_set \
        and name not in ctx.lex.person_stop and ctx.lex.pos.get(name) in (None, "nr", "nrfg", "nrt")
