"""What every person rule shares: the candidate type, the shape of a Chinese name (surname, given
characters), the spans a place or a stop word blocks, and the word lists of gazetteers/people/.

Why a module of its own: the title, foreign-name, bare-name and model rules all ask these same
questions, and none of them should import another rule to ask them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from zhnews.extractors.entity_text import PUNCT, Ctx, is_cjk

# Characters that almost never end a Chinese given name but often start the next word.
_NOT_GIVEN = frozenset("的了是在和与及等也都就将把被从对向为说年月日个们这那其各并而或于以中上下里后前时")
# Surnames that are far more often function words when written alone (由李菊 is 由 + 李菊).
_WEAK_SURNAMES = frozenset("由于和向从对将把被为与以在同及而但且或若如因自经过据按比给有是这那就都也还又")
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})  # jieba dictionary tags of person names
# Last characters of dictionary words (some tagged nr by mistake) that are no name: 杜鹃花, 公开赛.
_NOT_NAME_END_DICT = frozenset("村镇乡县市省区州赛杯会队性型式质花树书法室")
# Dictionary tags of words that are never a name closed by punctuation after a title (强调, 表示).
_VERBISH_TAGS = frozenset({"v", "vd", "vn", "a", "ad", "d", "c", "p", "i", "l"})
# ... and common nouns: a title word glued before a noun closed by punctuation (居民公约, 农民周刊》,
# 运动员班车, 同志纪念馆、) is no titled name; on tune2 no titled name was such a dictionary noun
_NOT_NAME_RUN_TAGS = _VERBISH_TAGS | {"n", "an"}


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class PersonCand:
    start: int
    end: int
    rule: str
    confidence: float
    titles: tuple[str, ...] = ()


def _surname_len(ctx: Ctx, p: int) -> int:
    s = ctx.norm
    if s[p:p + 2] in ctx.lex.compound_surnames:
        return 2
    if p < len(s) and s[p] in ctx.lex.surnames:
        return 1
    return 0


def _good_given(chars: str) -> bool:
    return bool(chars) and all(is_cjk(c) and c not in _NOT_GIVEN for c in chars)


def _blocked(ctx: Ctx, start: int, end: int, loose: bool = False) -> bool:
    """A stop word, or a gazetteer place covers part of the span (``loose``: only a place that
    is the whole span or runs past it, since a name closed by punctuation beats a partial place)."""
    name = ctx.norm[start:end]
    if name in ctx.lex.person_stop:
        return True
    if loose:
        return _place_beyond(ctx, start, end) or all(ctx.place_mask[start:end])
    return any(ctx.place_mask[start:end])


def _place_beyond(ctx: Ctx, start: int, end: int) -> bool:
    return end < len(ctx.place_mask) and ctx.place_mask[end - 1] == 1 and ctx.place_mask[end] == 1


def chinese_end(ctx: Ctx, p: int, anchored: bool) -> int:
    """End of a Chinese name starting at p, or p. ``anchored``: a title or role is right before."""
    s = ctx.norm
    sl = _surname_len(ctx, p)
    if not sl:
        return p
    # A name closed by a separator right after it (记者 涂燕 实习生; 副主任唐卫东,).
    if anchored:
        run = p
        while run < len(s) and run - p < sl + 2 and is_cjk(s[run]):
            run += 1
        if run - p >= sl + 1 and (run == len(s) or s[run] in PUNCT) and _good_given(s[p + sl:run]):
            if s[p:run] not in ctx.lex.title_set and not _place_beyond(ctx, p, run) \
                    and ctx.lex.pos.get(s[p:run]) not in _NOT_NAME_RUN_TAGS:  # 总书记强调, ; 居民公约》: no name
                return run
    ti = ctx.tok_at.get(p)
    if ti is None:
        return p
    tok = ctx.tokens[ti]
    tag = ctx.tags[ti]
    if sl + 1 <= len(tok) <= sl + 2 and _good_given(tok[sl:]):
        if tag is None or tag in NAME_TAGS or (anchored and tag == "ns"):  # 总统普京: jieba tags it ns
            return p + len(tok)
        return p
    if len(tok) == sl and ti + 1 < len(ctx.tokens):
        nxt = ctx.tokens[ti + 1]
        ntag = ctx.tags[ti + 1]
        if len(nxt) == 2 and _good_given(nxt) and (ntag is None or ntag in NAME_TAGS or anchored):
            return p + sl + 2
        if len(nxt) >= 1 and _good_given(nxt[0]):
            if len(nxt) == 1 and ti + 2 < len(ctx.tokens):
                nn = ctx.tokens[ti + 2]
                if len(nn) == 1 and _good_given(nn) and ctx.tags[ti + 2] is None:
                    return p + sl + 2
            if len(nxt) == 1 or anchored:
                return p + sl + 1
    return p


_WORD_LISTS: dict[str, tuple[str, ...]] = {}


def _word_list(name: str) -> tuple[str, ...]:
    """A one-word-a-line list of gazetteers/people/, longest first, read once."""
    hit = _WORD_LISTS.get(name)
    if hit is None:
        from zhnews.extractors.entity_lexicon import DATA_DIR

        lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        words = {w.strip() for w in lines if w.strip() and not w.startswith("#")}
        hit = _WORD_LISTS[name] = tuple(sorted(words, key=len, reverse=True))
    return hit


def _token_ending_at(ctx: Ctx, end: int) -> int | None:
    """Index of the token holding position end - 1 (None before the first token)."""
    i = bisect.bisect_right(ctx.starts, end - 1) - 1
    if i < 0:
        return None
    return i
