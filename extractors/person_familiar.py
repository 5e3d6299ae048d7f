"""老王, 小张: a surname after the familiar prefix 老 or 小 names the person by the surname alone
(guideline §6: 老张 → 张, 小王 → 王), where the sentence treats it as a name.

The tagger finds some (小王说) and converts them; jieba's dictionary knows others as nouns (小张 n)
or splits them (老|王家), so they were missed. Only common surnames (the name model's surname
score) count, and only before a word a name is glued to or punctuation: 小时, 小康, 老师 and
老马识途 are words, not people.
"""

from __future__ import annotations

import re

from zhnews.extractors.entity_text import Ctx, is_cjk
from zhnews.extractors.person_consistency import AFTER_NAME

__all__ = ["familiar_surnames"]

# How common a surname must be (log-likelihood ratio in the name model) to be read after 老/小.
MIN_SURNAME_SCORE = 0.7
_PAIR = re.compile("[老小](.)")
# After the pair: a possessive 家 (老王家的厕所) reads the person too.
_AFTER = AFTER_NAME | {"家"}


def familiar_surnames(ctx: Ctx) -> list[int]:
    """Offsets of surnames written after 老/小 as a familiar name of a person."""
    s = ctx.norm
    if "老" not in s and "小" not in s:
        return []
    scores = ctx.lex.surname_llr
    out: list[int] = []
    for m in _PAIR.finditer(s):
        p, q = m.start(), m.start(1)
        if scores.get(s[q], -9.0) < MIN_SURNAME_SCORE or q not in _surname_word(ctx, p):
            continue
        nxt = s[q + 1:q + 2]
        if nxt and is_cjk(nxt) and nxt not in _AFTER:
            continue  # 小马过河, 老黄牛, 小刘成: more word or name follows
        if nxt.isdigit():
            continue  # 光衰小于2%: a comparison before a number, not 小于 the person
        if ctx.place_mask[q] or s[p:q + 1] in ctx.lex.person_stop:
            continue
        if p > 0 and s[p - 1] == "的":
            continue  # 发黄的老叶: after 的, 老/小 is an adjective (old leaves), not a familiar name
        out.append(q)
    return out


def _surname_word(ctx: Ctx, p: int) -> tuple[int, ...]:
    """The surname offset after the prefix at ``p`` when the prefix starts a word (a token of its
    own, or 小张 as one token), else nothing (邓小平: 小 is inside a name)."""
    s = ctx.norm
    k = ctx.tok_at.get(p)
    if k is None and p > 0 and is_cjk(s[p - 1]):
        return ()
    if k is not None and len(ctx.tokens[k]) > 2:
        return ()  # 小张家口, 老王府井: a longer word
    return (p + 1,)
