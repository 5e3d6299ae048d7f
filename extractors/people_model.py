"""The character name model: scores surname + one or two characters anywhere a surname is, for the
bare names the token rules miss (杨力/舟说, 郑咏是, 邝日容的).

Why: jieba cuts unknown names in many ways; the model reads characters (see
scripts/build_name_model.py), with bonuses for a title before and a cue after the name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from zhnews.extractors.entity_text import Ctx, is_cjk
from zhnews.extractors.people_base import _NOT_GIVEN, _NOT_NAME_END_DICT, _WEAK_SURNAMES, NAME_TAGS, PersonCand
from zhnews.extractors.people_titles_after import _speech_after, _title_after
from zhnews.extractors.people_titles_before import title_end_at, titles_before

# Scores of the character name model (see scripts/build_name_model.py); tuned as a whole, on
# behaviour: a listed surname plus name-like characters in a plausible place in the sentence.
_M_THRESHOLD = 5.0
_M_ONE_GIVEN = -1.0  # surname + one character is rarer and collides with ordinary words
_M_TITLE = 3.0
_M_CUE_AFTER = 2.0
_M_DICT_WORD = -5.0  # the span is an ordinary dictionary word (文明, 桂林, 胜利)
_M_GLUED = -1.0  # a boundary falls inside a token
_M_MAX_BONUS = 1.0 + _M_TITLE + _M_CUE_AFTER  # a dictionary name, titled, with a cue after it
_M_BOUND = _M_THRESHOLD - 1e-6  # float sums in another order may differ in the last bits


def name_score(ctx: Ctx, p: int, sl: int, e: int, ends: "set[int] | dict[int, int]") -> float | None:
    """Model score of the Chinese name s[p:e] (surname of length sl), or None when impossible:
    a given character that never ends a name, a span that is an ordinary word, a right edge
    inside a known word (卫冕冠|军)."""
    s = ctx.norm
    lex = ctx.lex
    gl = lex.given_llr
    score = lex.surname_llr.get(s[p:p + sl], 0.0)
    for c in s[p + sl:e]:
        if not is_cjk(c) or c in _NOT_GIVEN:
            return None
        score += gl.get(c, -6.0)
    if e - p - sl == 1:
        score += _M_ONE_GIVEN
    word = s[p:e]
    if word in lex.person_stop or word in lex.title_set:
        return None
    titled = p > 0 and p in ctx.tok_at and bool(title_end_at(ctx, p))
    cue = _speech_after(ctx, e) or bool(_title_after(ctx, e))
    tag = lex.pos.get(word)
    if tag is not None:
        if word[-1] in _NOT_NAME_END_DICT:
            return None  # 杜鹃花, 高素质: dictionary words the dictionary tags nr by mistake
        if not (tag in NAME_TAGS and len(word) >= 3) and not titled and not cue:
            return None  # 文明, 卫生兵: an ordinary word unless the sentence says otherwise
        score += 1.0 if tag in NAME_TAGS else _M_DICT_WORD
    if e not in ends:
        k = bisect.bisect_right(ctx.starts, e) - 1
        if ctx.tags[k] is not None:
            return None
        if s[e:ctx.starts[k] + len(ctx.tokens[k])] not in lex.pos:
            return None
        score += _M_GLUED
    if titled:
        score += _M_TITLE
    if cue:
        score += _M_CUE_AFTER
    return score


_MODEL_RE: dict[int, tuple[Any, "re.Pattern[str]"]] = {}


def _model_surname_re(lex: Any) -> "re.Pattern[str]":
    """First characters of surnames the model scores: a weak surname (由, 和, 是) only where it
    can start a compound surname, since alone it is never scored (speed: they are common)."""
    hit = _MODEL_RE.get(id(lex))
    if hit is not None and hit[0] is lex:
        return hit[1]
    # A single surname is scored only before a character that can be given (CJK, not 的/了/是):
    # name_score() gives up on both lengths otherwise. A compound's first character always is.
    single = sorted(c for c in lex.surnames if c not in _WEAK_SURNAMES)
    first = sorted({c[0] for c in lex.compound_surnames})
    given = "(?![" + "".join(sorted(_NOT_GIVEN)) + "])[\u4e00-\u9fff\u3400-\u4dbf]"
    parts = []
    if first:
        parts.append("[" + "".join(map(re.escape, first)) + "]")
    if single:
        parts.append("[" + "".join(map(re.escape, single)) + "](?=" + given + ")")
    rx = re.compile("|".join(parts) if parts else r"(?!x)x")
    _MODEL_RE[id(lex)] = (lex, rx)
    return rx


def _model_names(ctx: Ctx, found: dict[int, PersonCand], add: Callable[[PersonCand], None]) -> None:
    """Score surname + one or two characters at every surname position not inside a found name."""
    s = ctx.norm
    n = len(s)
    lex = ctx.lex
    if not lex.given_llr:
        return
    taken = bytearray(n)
    for c in found.values():
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    # token ends: tokens are contiguous, so every start but the first, and the end of the last
    ends = set(ctx.starts)
    ends.discard(0)
    if ctx.tokens:
        ends.add(ctx.starts[-1] + len(ctx.tokens[-1]))
    gl = lex.given_llr
    surname_llr = lex.surname_llr
    compound = lex.compound_surnames
    place_mask = ctx.place_mask
    tok_at = ctx.tok_at
    for m in _model_surname_re(lex).finditer(s):
        p = m.start()
        if taken[p] or place_mask[p]:
            continue
        if s[p:p + 2] in compound:
            sl = 2
        elif s[p] in _WEAK_SURNAMES:
            continue
        else:
            sl = 1
        # speed: an upper bound of both scores (every bonus taken, no penalty, left edge free);
        # below the threshold nothing can be added here, so the full scoring is skipped
        q = p + sl
        bound = surname_llr.get(s[p:q], 0.0) + _M_MAX_BONUS + gl.get(s[q:q + 1], -6.0)
        if bound + _M_ONE_GIVEN < _M_BOUND and bound + gl.get(s[q + 1:q + 2], -6.0) < _M_BOUND:
            continue
        # left boundary: a token start, or the rest of an unknown token is a word (客户王|永胜)
        left = 0.0
        if p not in tok_at:
            i = bisect.bisect_right(ctx.starts, p) - 1
            if i < 0 or ctx.tags[i] is not None or s[ctx.starts[i]:p] not in lex.pos:
                continue
            left = _M_GLUED
        # the same bound with the left edge's penalty, and the title bonus only where a title is
        # (name_score's ``titled``)
        slack = left if left == 0.0 and p > 0 and title_end_at(ctx, p) else left - _M_TITLE
        if bound + slack + _M_ONE_GIVEN < _M_BOUND and bound + slack + gl.get(s[q + 1:q + 2], -6.0) < _M_BOUND:
            continue
        best: tuple[float, int] | None = None
        for e in (p + sl + 1, p + sl + 2):
            if e > n or taken[e - 1] or ctx.place_mask[e - 1]:
                break
            score = name_score(ctx, p, sl, e, ends)
            if score is not None and (best is None or score + left > best[0]):
                best = (score + left, e)
        if best is not None and best[0] >= _M_THRESHOLD:
            add(PersonCand(p, best[1], "person.model", 0.6, titles_before(ctx, p)))
