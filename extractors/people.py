"""People: Chinese names (surname rule, title context, bylines), transliterated foreign names, titles.

Why rules: a title right before a name ("副区长宋文", "记者 涂燕") is the strongest signal news
text gives, and the surname list plus jieba's unknown-word (HMM) tokens find most bare names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass

from zhnews.extractors.entity_text import PUNCT, Ctx, is_cjk, is_latin, positions_of

# Characters that almost never end a Chinese given name but often start the next word.
_NOT_GIVEN = frozenset("的了是在和与及等也都就将把被从对向为说年月日个们这那其各并而或于以中上下里后前时")
# Surnames that are far more often function words when written alone (由李菊 is 由 + 李菊).
_WEAK_SURNAMES = frozenset("由于和向从对将把被为与以在同及而但且或若如因自经过据按比给有是这那就都也还又")
# Titles written after a name: 克林顿总统, 李素芝院长, 吴先生.
_AFTER_TITLES = ("总统", "总理", "首相", "主席", "总书记", "委员长", "议长", "院长", "局长", "部长", "厅长", "市长",
                 "省长", "县长", "书记", "主任", "校长", "所长", "厂长", "经理", "董事长", "教授", "博士", "先生",
                 "女士", "小姐", "夫人", "大夫", "医生", "老师", "师傅", "同志", "将军", "上将", "中将", "少将",
                 "大使", "外长", "国王", "天皇", "女王", "亲王", "王子", "司令", "政委", "老人", "一行", "等人")
_AFTER_SET = frozenset(_AFTER_TITLES)
_AFTER_FIRST = frozenset(w[0] for w in _AFTER_TITLES) | {"老"}
_DOCTRINE = ("主义", "理论", "思想", "文选", "选集", "著作")
assert all(len(w) == 2 for w in _DOCTRINE)
# every start of a doctrine word, overlapping ones included (文选集)
_DOCTRINE_RE = re.compile("(?=" + "|".join(_DOCTRINE) + ")")
_AFTER_LENGTHS = tuple(sorted({len(w) for w in _AFTER_TITLES}, reverse=True))
# Last characters of surname-initial dictionary words that are not names (黎明村, 公开赛, 高素质).
_NOT_NAME_END = frozenset("村镇乡县市省区州山河湖江海港岛路街赛杯会队性主边式型族家者员们处所厂店馆院质")
# Words after a bare name that make it a person (沈金强宣布, 张智奎代表).
_SPEECH = ("表示", "说", "指出", "认为", "强调", "介绍", "宣布", "代表", "出席", "主持", "会见", "会晤",
           "致辞", "讲话", "透露", "告诉", "回忆", "称", "等人", "同志", "先生", "女士", "一行", "率团", "说道")
_SPEECH_SET = frozenset(_SPEECH)
_SPEECH_LENGTHS = tuple(sorted({len(w) for w in _SPEECH}, reverse=True))
_TITLE_STOP_TAGS = frozenset({"p", "c", "u", "r", "y", "e", "o", "uj", "ul", "uz", "ud", "ug", "uv"})
_TITLE_SEP = frozenset(",、。;:!?“”\"'‘’《》〈〉【】「」\n\r\t")
_BYLINE_ROLES = ("本报记者", "特约记者", "见习记者", "首席记者", "摄影记者", "记者", "实习生", "通讯员", "摄影", "特约通讯员")
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})  # jieba dictionary tags of person names
# A three-character dictionary word tagged nr is a name when its given characters are name-like
# enough (sum of name-model ratios) and it does not end like a place or an event.
_DICT_NAME_MIN = 2.0
# Name-model score a bare surname-initial token needs (None: no gate).
_TOKEN_GATE: float | None = 0.0
_NOT_NAME_END_DICT = frozenset("村镇乡县市省区州赛杯会队性型式质花树书法室")


@dataclass(frozen=True, slots=True)
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


def title_end_at(ctx: Ctx, p: int) -> int:
    """Length of a title word ending exactly at p (0 if none)."""
    s, titles = ctx.norm, ctx.lex.title_set
    if p == 0 or s[p - 1] not in ctx.lex.title_last:
        return 0
    for n in (5, 4, 3, 2):
        if p - n >= 0 and s[p - n:p] in titles:
            return n
    return 0


def _name_token(ctx: Ctx, i: int) -> bool:
    """A token that can be part of a transliterated name: one character, unknown to the
    dictionary, tagged as a foreign name, or made only of transliteration characters."""
    tok = ctx.tokens[i]
    if not all(is_cjk(c) for c in tok) or ctx.place_mask[ctx.starts[i]]:
        return False
    if len(tok) == 1:
        return tok not in _NOT_GIVEN
    return ctx.tags[i] is None or ctx.tags[i] in ("nrt", "nrfg") or all(c in ctx.lex.translit for c in tok)


def _part_end(ctx: Ctx, p: int, limit: int = 6) -> int:
    """End of one part of a foreign name starting at token start p (at least its first token)."""
    i = ctx.tok_at.get(p)
    e = p
    while i is not None and i < len(ctx.tokens) and _name_token(ctx, i) and e - p < limit:
        tok = ctx.tokens[i]
        if len(tok) == 1 and e > p and tok not in ctx.lex.translit:
            break
        e += len(tok)
        i += 1
    return e


def foreign_end(ctx: Ctx, p: int) -> int:
    """End of a transliterated name starting at p (吉哈德·马鲁利姆, 何塞·米格尔·因苏尔萨), or p."""
    s = ctx.norm
    e = _part_end(ctx, p)
    if e == p:
        return p
    parts = 1
    while e < len(s) - 1 and s[e] in "·—" and is_cjk(s[e + 1]):
        e2 = _part_end(ctx, e + 1)
        if e2 == e + 1:
            break
        e = e2
        parts += 1
    if parts >= 2:
        return e
    run = s[p:e]
    if len(run) >= 3 and all(c in ctx.lex.translit for c in run) and run not in ctx.lex.pos:
        return e
    return p


def _foreign_start(ctx: Ctx, dot: int) -> int:
    """Start of the first part of a dotted name whose dot is at ``dot``: walk left over tokens."""
    i = _token_ending_at(ctx, dot)
    start = dot
    while i is not None and i >= 0 and ctx.starts[i] + len(ctx.tokens[i]) == start and _name_token(ctx, i) \
            and dot - ctx.starts[i] <= 6 and not title_end_at(ctx, start):
        start = ctx.starts[i]
        i -= 1
    return start


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
            if s[p:run] not in ctx.lex.title_set and not _place_beyond(ctx, p, run):
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


def titles_before(ctx: Ctx, p: int) -> tuple[str, ...]:
    """Title chain written right before position p, in order (A、B、C宋文 -> (A, B, C))."""
    s = ctx.norm
    out: list[str] = []
    end = p
    if end > 0 and s[end - 1] == " ":
        end -= 1
    while end > 0:
        if not title_end_at(ctx, end):
            break
        start = _title_start(ctx, end)
        if start >= end:
            break
        out.insert(0, ctx.text[start:end])
        if start > 0 and s[start - 1] == "、":
            end = start - 1
            continue
        break
    return tuple(out)


def titles_after(ctx: Ctx, end: int) -> tuple[str, ...]:
    """A title written right after the name (习近平主席, 陈木胜导演, 王涛主任): the longest title word
    starting at ``end`` that is whole words (主任医师, not 主任 of 主任医师; 书记处 is no title)."""
    s = ctx.norm
    if end >= len(s) or end not in ctx.tok_at:
        return ()
    for n in (5, 4, 3, 2):
        word = s[end:end + n]
        if len(word) == n and word in ctx.lex.titles_after and (end + n == len(s) or end + n in ctx.tok_at):
            return (ctx.text[end:end + n],)
    return ()


_JOINS = frozenset({"和", "与", "及"})
_BYLINE_IN_BRACKETS = re.compile(r"\([^()]*(记者|通讯员|实习生|摄影)[^()]*\)")


def _joins_one_name(ctx: Ctx, i: int, end: int) -> bool:
    """和/与 at token i inside one organisation's name (国家发展和改革委员会主任, 中国劳动和社会保障科学研究院):
    what follows it, up to the title, already holds an organisation suffix, and no name comes before it."""
    if ctx.tokens[i] not in _JOINS or i == 0 or ctx.tags[i - 1] in NAME_TAGS or not is_cjk(ctx.tokens[i - 1][-1]):
        return False
    j = i + 1
    while j < len(ctx.tokens) and ctx.starts[j] < end - 1:
        if ctx.tokens[j] in ctx.lex.org_suffixes and ctx.starts[j] + len(ctx.tokens[j]) < end:
            return True
        j += 1
    return False


def _title_start(ctx: Ctx, end: int) -> int:
    """Walk back over tokens until a separator, a breaker word or a function word."""
    s = ctx.norm
    # token index of the token ending at `end`
    i = _token_ending_at(ctx, end)
    start = end
    if i is not None and ctx.starts[i] + len(ctx.tokens[i]) > end and ctx.starts[i] < end:
        # a word across the title's end is a segmentation slip (主任|何立峰 cut as 主|任何|立峰): its part
        # before the name belongs to the title, whatever the word's tag
        start = ctx.starts[i]
        i -= 1
    while i is not None and i >= 0:
        tok = ctx.tokens[i]
        if any(c in _TITLE_SEP for c in tok):
            break
        if tok.isspace() and not (i > 0 and is_latin(ctx.tokens[i - 1].strip())):
            break
        if (tok in ctx.lex.title_breakers or ctx.tags[i] in _TITLE_STOP_TAGS) and not _joins_one_name(ctx, i, end):
            break
        if end - ctx.starts[i] > 40:
            break
        start = ctx.starts[i]
        i -= 1
    # never start on a space, a closing bracket or an unclosed opening one (本报讯(记者)
    while start < end and s[start] in " )":
        start += 1
    opened = s.rfind("(", start, end)
    if opened >= 0 and s.find(")", opened, end) < 0:
        start = opened + 1
    # a byline in brackets before the title is not part of it: (记者王迪)国务院总理李克强
    for match in _BYLINE_IN_BRACKETS.finditer(s, start, end):
        start = match.end()
    return start


def _token_ending_at(ctx: Ctx, end: int) -> int | None:
    import bisect

    i = bisect.bisect_right(ctx.starts, end - 1) - 1
    if i < 0:
        return None
    return i


def find_people(ctx: Ctx, bare: bool = True) -> list[PersonCand]:
    """People by rule. ``bare=False`` keeps only titles, bylines, dots, doctrines and titles after
    a name: what extractors/entities.py merges with the name tagger (the bare-name rules are its
    fallback when the tagger is unavailable)."""
    s = ctx.norm
    n = len(s)
    found: dict[int, PersonCand] = {}

    def add(c: PersonCand) -> None:
        old = found.get(c.start)
        if old is None or (c.confidence, c.end - c.start) > (old.confidence, old.end - old.start):
            found[c.start] = c

    # 1. Title- or role-anchored names: at every token start right after a title word.
    # speed: a C-level scan for title-final characters, kept where a token starts right after one
    for p in _title_ends(ctx):
        q = p + 1 if s[p:p + 1] == " " else p
        tl = title_end_at(ctx, p)
        if not tl:
            continue
        if q != p and q >= n:
            continue
        e = foreign_end(ctx, q)
        rule = "person.title.foreign"
        if e == q or ctx.place_mask[q]:
            e = chinese_end(ctx, q, anchored=True)
            rule = "person.title.chinese"
        if e > q and not _blocked(ctx, q, e, loose=True):
            add(PersonCand(q, e, rule, 0.9, titles_before(ctx, q)))
            # A byline lists several names after one role: 记者 涂燕 张强 龚毅.
            if s[p - tl:p] in _BYLINE_ROLES or s[p - tl:p].endswith("记者"):
                _byline_more(ctx, e, add, found[q].titles)

    if not bare:
        # with the name tagger: only the structural rules it cannot replace
        for ti, tok in enumerate(ctx.tokens):
            if (tok == "·" or tok.endswith(_DOCTRINE)) and ctx.starts[ti] not in found:
                _dot_or_doctrine(ctx, ti, add)
        _titles_after_names(ctx, found, add)
        return sorted(found.values(), key=lambda c: c.start)

    # 2. Bare names from tokens.
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
        if (tag == "nrfg" and len(tok) >= 2 or tag == "nrt" and len(tok) >= 3) and all(is_cjk(c) for c in tok):
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
        if tag in NAME_TAGS and 2 <= len(tok) <= 5 and all(is_cjk(c) for c in tok) and tok not in ctx.lex.person_stop \
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
    # 3. A title written after the name.
    _titles_after_names(ctx, found, add)
    # 4. Lists: a name next to a found name across 、 is a name too (李菊、王楠、杨影).
    _list_neighbours(ctx, found, add)
    # 5. The character model: bare names the token rules missed (杨力/舟说, 郑咏是, 邝日容的).
    _model_names(ctx, found, add)
    return sorted(found.values(), key=lambda c: c.start)


def _titles_after_names(ctx: Ctx, found: dict[int, PersonCand], add: Callable[[PersonCand], None]) -> None:
    """A title written after the name: 克林顿总统, 李素芝院长, 吴先生, 江总书记."""
    for ti in _after_title_tokens(ctx):
        cand = _name_before(ctx, ti)
        if cand is not None and cand[0] not in found and not _blocked(ctx, *cand, loose=True):
            add(PersonCand(cand[0], cand[1], "person.title_after", 0.75, titles_before(ctx, cand[0])))


def _dot_or_doctrine(ctx: Ctx, ti: int, add: Callable[[PersonCand], None]) -> bool:
    """A transliterated name around a dot (吉哈德·马鲁利姆) or before 主义/理论 (马克思主义):
    True when token ti is one of these (whether or not a name was added)."""
    tok = ctx.tokens[ti]
    p = ctx.starts[ti]
    if tok == "·":
        if p > 0:
            st = _foreign_start(ctx, p)
            if st < p:
                e = foreign_end(ctx, st)
                if e > p + 1 and not _blocked(ctx, st, e):
                    add(PersonCand(st, e, "person.foreign.dot", 0.85, titles_before(ctx, st)))
        return True
    if len(tok) >= 4 and tok.endswith(_DOCTRINE) and ctx.tag_of(tok[:-2]) in NAME_TAGS and len(tok) - 2 >= 2:
        add(PersonCand(p, p + len(tok) - 2, "person.doctrine", 0.8))  # 马克思主义, 邓小平理论
        return True
    return False


def _title_ends(ctx: Ctx) -> list[int]:
    """Token starts right after a title of two to five characters (where title_end_at is not 0),
    in order: one C-level Aho-Corasick pass instead of a check at every token."""
    ac = ctx.lex.title_ac
    if ac is None:
        return []
    tok_at = ctx.tok_at
    return sorted({end + 1 for end, n in ac.iter(ctx.norm) if 2 <= n <= 5 and end + 1 in tok_at})


_AFTER_AC: Any = None


def _after_title_tokens(ctx: Ctx) -> list[int]:
    """Indices (never the first) of the tokens a title written after a name starts on (where
    _title_after is not 0), in order: one C-level Aho-Corasick pass."""
    global _AFTER_AC
    if _AFTER_AC is None:
        from zhnews.extractors.entity_lexicon import _automaton

        _AFTER_AC = _automaton(_AFTER_TITLES)
    tok_at = ctx.tok_at
    return sorted({k for k in (tok_at.get(end + 1 - n) for end, n in _AFTER_AC.iter(ctx.norm)) if k})


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


def _name_before(ctx: Ctx, ti: int) -> tuple[int, int] | None:
    """The name ending right before token ti: a foreign run, a Chinese name or a lone surname."""
    s = ctx.norm
    e = ctx.starts[ti]
    prev = ctx.tokens[ti - 1]
    p = ctx.starts[ti - 1]
    if not all(is_cjk(c) for c in prev):
        return None
    # a lone surname: 吴先生, 江总书记 (the character before it must not be part of a word)
    if len(prev) == 1 and _surname_len(ctx, p) == 1 and prev not in _WEAK_SURNAMES \
            and (p == 0 or not is_cjk(s[p - 1]) or len(ctx.tokens[ti - 2]) >= 2):
        if prev not in _NOT_GIVEN:
            return p, e
    sl = _surname_len(ctx, p)
    if sl and sl + 1 <= len(prev) <= sl + 2 and _good_given(prev[sl:]) and ctx.tags[ti - 1] in (None, "nr", "nrfg", "nrt"):
        return p, e
    if len(prev) >= 2 and all(c in ctx.lex.translit for c in prev) and ctx.tags[ti - 1] in (None, "nr", "nrt", "nrfg", "ns"):
        start = p
        k = ti - 2
        while k >= 0 and len(ctx.tokens[k]) == 1 and ctx.tokens[k] in ctx.lex.translit and e - ctx.starts[k] <= 6:
            start = ctx.starts[k]
            k -= 1
        return start, e
    # surname + one-character tokens: 李/素芝 handled above; 姚/保国
    if ti >= 2 and len(prev) <= 2 and _surname_len(ctx, ctx.starts[ti - 2]) == len(ctx.tokens[ti - 2]) \
            and _good_given(prev) and ctx.tags[ti - 1] in (None, "nr", "nrfg"):
        return ctx.starts[ti - 2], e
    return None


def _list_neighbours(ctx: Ctx, found: dict[int, PersonCand], add: Callable[[PersonCand], None]) -> None:
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


def _continues_name(ctx: Ctx, p: int) -> bool:
    """The character before p is part of a name already (a run does not start mid-name)."""
    i = _token_ending_at(ctx, p)
    return i is not None and i >= 0 and _name_token(ctx, i) and len(ctx.tokens[i]) == 1 and ctx.tokens[i] in ctx.lex.translit


def _title_after(ctx: Ctx, e: int) -> int:
    """Length of a title word written right after a name (克林顿总统, 吴先生, 朱老), or 0."""
    s = ctx.norm
    if s[e:e + 1] not in _AFTER_FIRST:
        return 0
    for n in _AFTER_LENGTHS:
        if s[e:e + n] in _AFTER_SET:
            return n
    return 0


def person_cue_after(ctx: Ctx, e: int) -> bool:
    """A title or a verb of speech right after position e (克林顿总统, 扎加洛说): what follows a
    person, not a place."""
    s = ctx.norm
    return _title_after(ctx, e) > 0 or any(s[e:e + n] in _SPEECH_SET for n in _SPEECH_LENGTHS)


def _speech_after(ctx: Ctx, e: int) -> bool:
    s = ctx.norm
    return (e < len(s) and s[e] in ",、") or any(s[e:e + n] in _SPEECH_SET for n in _SPEECH_LENGTHS)


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
    import bisect

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
    import bisect

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
