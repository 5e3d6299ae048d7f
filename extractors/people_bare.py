"""Bare names from tokens, with no title before them (pass 2 of find_people, the fallback when the
name tagger is unavailable): dictionary names, a surname token with its given name, a surname glued
to a title after it (王先生), foreign runs before a cue; and names listed next to a found one
across 、 (李菊、王楠、杨影).

Why: without the tagger these rules are all that finds a name written without a title.
"""

from __future__ import annotations

from collections.abc import Callable

from zhnews.extractors.entity_text import Ctx, all_cjk, positions_of
from zhnews.extractors.people_base import (_NOT_NAME_END_DICT, _WEAK_SURNAMES, NAME_TAGS, PersonCand, _blocked,
                                           _good_given, _surname_len, chinese_end)
from zhnews.extractors.people_foreign import (_DOCTRINE, _DOCTRINE_RE, _continues_name, _dot_or_doctrine,
                                              foreign_end)
from zhnews.extractors.people_model import name_score
from zhnews.extractors.people_titles_after import _AFTER_SET, _speech_after, _title_after
from zhnews.extractors.people_titles_before import titles_before

# Last characters of surname-initial dictionary words that are not names (黎明村, 公开赛, 高素质).
_NOT_NAME_END = frozenset("村镇乡县市省区州山河湖江海港岛路街赛杯会队性主边式型族家者员们处所厂店馆院质")
# A three-character dictionary word tagged nr is a name when its given characters are name-like
# enough (sum of name-model ratios) and it does not end like a place or an event.
_DICT_NAME_MIN = 2.0
# Name-model score a bare surname-initial token needs (None: no gate).
_TOKEN_GATE: float | None = 0.0


def bare_token_names(ctx: Ctx, found: dict[int, PersonCand], add: Callable[[PersonCand], None]) -> None:
    """Bare names from tokens, at tokens no earlier rule took."""
    s = ctx.norm
    # The first characters of the tokens, one per token: C-level scans of it find the tokens
    # each rule below can fire on (speed: most tokens are none of these).
    firsts = "".join(map(s.__getitem__, ctx.starts))
    compound = ctx.lex.compound_surnames
    for ti in _person_token_candidates(ctx, firsts):
        tok = ctx.tokens[ti]
        tag = ctx.tags[ti]
        # speed: an ordinary dictionary word of two or more characters can only fire as a compound
        # surname, a surname glued to a title after it (王先生) or a doctrine (邓小平理论)
        if tag is not None and tag not in NAME_TAGS and len(tok) >= 2 and tok not in compound \
                and tok[1:] not in _AFTER_SET and tok[2:] not in _AFTER_SET and not tok.endswith(_DOCTRINE):
            continue
        c0 = tok[0]
        p = ctx.starts[ti]
        if p in found:
            continue
        if (tag == "nrfg" and len(tok) >= 2 or tag == "nrt" and len(tok) >= 3) and all_cjk(tok):
            if not _blocked(ctx, p, p + len(tok)):
                e = max(foreign_end(ctx, p), p + len(tok))
                add(PersonCand(p, e, "person.dict.foreign", 0.7, titles_before(ctx, p)))
            continue
        if _dot_or_doctrine(ctx, ti, add):
            continue
        if c0 in ctx.lex.translit and (tag is None or len(tok) == 1) and (p == 0 or not _continues_name(ctx, p)):
            e = foreign_end(ctx, p)
            if e >= p + 3 and not _blocked(ctx, p, e) and (_title_after(ctx, e) or _speech_after(ctx, e)):
                add(PersonCand(p, e, "person.foreign.run", 0.7, titles_before(ctx, p)))
                continue
        sl = _surname_len(ctx, p)
        if tag in NAME_TAGS and 2 <= len(tok) <= 5 and all_cjk(tok) and tok not in ctx.lex.person_stop \
                and not _blocked(ctx, p, p + len(tok)):
            if sl and len(tok) == sl + 2 and tag == "nr":
                # a three-character dictionary name (钱其琛, 黄宗江): the characters still decide
                # against dictionary junk tagged nr (高素质, 公开赛)
                gl = ctx.lex.given_llr
                if sum(gl.get(c, -6.0) for c in tok[sl:]) >= _DICT_NAME_MIN and tok[-1] not in _NOT_NAME_END_DICT:
                    add(PersonCand(p, p + len(tok), "person.dict.chinese", 0.8, titles_before(ctx, p)))
                    continue
            elif len(tok) >= 3 and all(c in ctx.lex.translit for c in tok):
                # a transliterated dictionary name (克林顿, 基里延科)
                e = max(foreign_end(ctx, p), p + len(tok))
                add(PersonCand(p, e, "person.dict.foreign", 0.7, titles_before(ctx, p)))
                continue
        if not sl:
            continue
        if sl < len(tok) and (tok[sl:] in _AFTER_SET or tag is None and tok[sl:] == "老") and tok[:sl] not in _WEAK_SURNAMES:
            add(PersonCand(p, p + sl, "person.surname.title_after", 0.7, titles_before(ctx, p)))
            continue
        if sl + 1 <= len(tok) <= sl + 2 and _good_given(tok[sl:]) and (tag is None or tag in ("nr", "nrfg")):
            if _blocked(ctx, p, p + len(tok)):
                continue
            conf = 0.7 if tag is None else (0.8 if len(tok) == sl + 2 else 0.6)
            if len(tok) == sl + 1 and not _speech_after(ctx, p + len(tok)) and \
                    not (tag is None and tok[-1] in ctx.lex.given_chars):
                continue  # two characters, a surname and one more, are a name only in context
            if tok[-1] in _NOT_NAME_END or (tag is not None and tok[-1] in _NOT_NAME_END_DICT):
                continue
            if _TOKEN_GATE is not None:
                sc = name_score(ctx, p, sl, p + len(tok), ctx.tok_at)
                if sc is None or sc < _TOKEN_GATE:
                    continue
            add(PersonCand(p, p + len(tok), "person.surname.token", conf, titles_before(ctx, p)))
        elif len(tok) == sl and tok not in _WEAK_SURNAMES:
            e = chinese_end(ctx, p, anchored=False)
            if e > p + sl and _speech_after(ctx, e) and not _blocked(ctx, p, e):
                add(PersonCand(p, e, "person.surname.context", 0.7, titles_before(ctx, p)))

def _person_token_candidates(ctx: Ctx, firsts: str) -> list[int]:
    """Indices of tokens that start with a person-first character, are tagged as a name, or end
    with a doctrine word: exactly the tokens the bare-name rules look at, in order."""
    cand = {m.start() for m in ctx.lex.person_first_re.finditer(firsts)}
    for tg in NAME_TAGS:
        cand.update(positions_of(ctx.tags, tg))
    s = ctx.norm
    if _DOCTRINE_RE.search(s):
        n = len(s)
        last = len(ctx.tokens) - 1
        for m in _DOCTRINE_RE.finditer(s):
            e = m.start() + 2  # every doctrine word is two characters
            k = last if e == n else ctx.tok_at.get(e, 0) - 1
            if k >= 0 and ctx.tokens[k].endswith(_DOCTRINE):
                cand.add(k)
    return sorted(cand)


def _list_neighbours(ctx: Ctx, found: dict[int, PersonCand], add: Callable[[PersonCand], None]) -> None:
    """Lists: a name next to a found name across 、 is a name too (李菊、王楠、杨影), read outward."""
    s = ctx.norm
    queue = [c for c in found.values() if c.confidence >= 0.7]
    seen = set(found)
    while queue:
        c = queue.pop()
        # right neighbour: NAME、X or NAME(女,广西)、X
        after = c.end
        if s[after:after + 1] == "(":
            close = s.find(")", after, after + 14)
            after = close + 1 if close > 0 else after
        if s[after:after + 1] == "、":
            q = after + 1
            e = _list_item_end(ctx, q)
            if e and q not in seen:
                seen.add(q)
                new = PersonCand(q, e, "person.list", 0.7)
                add(new)
                queue.append(new)
        if c.start >= 2 and s[c.start - 1] == "、":
            end = c.start - 1
            if s[end - 1] == ")":
                open_ = s.rfind("(", max(0, end - 14), end)
                end = open_ if open_ > 0 else end
            st = end - 3 if end >= 3 and _surname_len(ctx, end - 3) and _list_item_end(ctx, end - 3) == end else end - 2
            if st >= 0 and st not in seen and _list_item_end(ctx, st) == end:
                seen.add(st)
                new = PersonCand(st, end, "person.list", 0.7)
                add(new)
                queue.append(new)


def _list_item_end(ctx: Ctx, q: int) -> int:
    """End of a 2-3 character Chinese name at q closed by a list separator, or 0."""
    s = ctx.norm
    sl = _surname_len(ctx, q)
    if not sl:
        return 0
    for n in (sl + 2, sl + 1):
        e = q + n
        if e <= len(s) and _good_given(s[q + sl:e]) and (e == len(s) or s[e] in "、,。;:()等和与") \
                and not _blocked(ctx, q, e) and s[q:e] not in ctx.lex.pos:
            return e
    return 0
