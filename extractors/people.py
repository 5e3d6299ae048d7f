"""People: Chinese names (surname rule, title context, bylines), transliterated foreign names, titles.

Why rules: a title right before a name ("副区长宋文", "记者 涂燕") is the strongest signal news
text gives, and the surname list plus jieba's unknown-word (HMM) tokens find most bare names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass

from zhnews.extractors.entity_text import PUNCT, Ctx, is_cjk, is_latin, positions_of
from zhnews.extractors.people_bylines import byline_names

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
# Dictionary tags of words that are never a name closed by punctuation after a title (强调, 表示).
_VERBISH_TAGS = frozenset({"v", "vd", "vn", "a", "ad", "d", "c", "p", "i", "l"})


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
    if p >= 4 and s[p - 2:p] == "之一":
        inner = title_end_at(ctx, p - 2)  # 创始人之一, 负责人之一: one of the posts is the title
        return inner + 2 if inner else 0
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
            if s[p:run] not in ctx.lex.title_set and not _place_beyond(ctx, p, run) \
                    and ctx.lex.pos.get(s[p:run]) not in _VERBISH_TAGS:  # 总书记强调, : a verb, no name
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


def titles_before(ctx: Ctx, p: int, floor: int = 0) -> tuple[str, ...]:
    """Title chain written right before position p, in order (A、B、C宋文 -> (A, B, C)); nothing of it
    before ``floor`` (the end of the person before: 早报记者朱楠实习生李四 gives 李四 only 实习生)."""
    s = ctx.norm
    out: list[str] = []
    end = p
    if end > 0 and s[end - 1] == " ":
        end -= 1
    elif end > 0 and s[end - 1] == ":" and _credit_before(ctx, end - 1):
        end -= 1  # 参与记者:田颖, 本版制图:蔡华伟
    while end > floor:
        if not title_end_at(ctx, end):
            break
        start = max(_title_start(ctx, end), floor)
        # 尼泊尔工业、商业与供应部长: a 、 inside one body's name (the item holds a 和/与/及 and the
        # part before the 、 ends in no title) is no chain separator
        while start - 1 > floor and s[start - 1] == "、" and not title_end_at(ctx, start - 1) \
                and any(c in _JOINS for c in s[start:end]):
            before = max(_title_start(ctx, start - 1), floor)
            if before >= start - 1:
                break
            start = before
        if start >= end:
            break
        if not out:
            start = _after_deictic(s, start, end)
        out.insert(0, ctx.text[start:end])
        sep = start - 1
        k = _token_ending_at(ctx, start)
        if k is not None and k > 0 and ctx.starts[k] + len(ctx.tokens[k]) == start and ctx.tokens[k] in _descriptive():
            sep = ctx.starts[k] - 1  # 经理、老党员刘涛: the chain goes on across 老
        if sep > floor and (s[sep] == "、" or s[sep] == "," and _chain_before_comma(ctx, sep, floor)):
            end = sep
            continue
        break
    return tuple(out)


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


def surname_only_end(ctx: Ctx, start: int, end: int) -> int:
    """End of the person when a kinship or address word follows the surname (张大妈, 温阿姨, 龚哥,
    习爷爷 name 张, 温, 龚, 习: guideline §6), else ``end``. Only where the span is the surname plus
    that word, or stops inside it."""
    s = ctx.norm
    words = _word_list("person_address_words.txt")
    firsts = _ADDRESS_FIRST.get(words)
    if firsts is None:
        firsts = _ADDRESS_FIRST[words] = frozenset(w[0] for w in words)
    # speed: most spans have no address character after their first one or two characters
    if end - start < 2 or s[start + 1] not in firsts and s[start + 2:start + 3] not in firsts:
        return end
    sl = _surname_len(ctx, start)
    if not sl or end - start <= sl:
        return end
    for w in words:
        if s.startswith(w, start + sl) and start + sl + len(w) >= end:
            return start + sl
    return end


_ADDRESS_FIRST: dict[tuple[str, ...], frozenset[str]] = {}


def addressed_surnames(ctx: Ctx) -> list[int]:
    """Surnames written before a kinship or address word of two characters (温阿姨, 习爷爷, 张大妈),
    the surname a word of its own: each is a person, the surname alone."""
    s = ctx.norm
    words = _word_list("person_address_words.txt")
    rx = _ADDRESS_RE.get(words)
    if rx is None:  # one C-level pass: a surname-like character before any two-character word
        rx = _ADDRESS_RE[words] = re.compile("(?=(.)(?:" + "|".join(re.escape(w) for w in words if len(w) >= 2) + "))")
    out: list[int] = []
    for m in rx.finditer(s):
        q = m.start()
        if s[q] in ctx.lex.surnames and s[q] not in _WEAK_SURNAMES and not ctx.place_mask[q] and q in ctx.tok_at:
            out.append(q)
    return out


_ADDRESS_RE: dict[tuple[str, ...], "re.Pattern[str]"] = {}


_JAPAN = ("日本", "日方", "东京", "日企", "大阪")
_JP_RE: dict[tuple[str, ...], "re.Pattern[str]"] = {}


def japanese_names(ctx: Ctx) -> list[tuple[int, int]]:
    """Japanese names (中村哲也, 小林富雄, 广野美代子) in a text that mentions Japan: a listed family
    name on a word start, then one to three given characters up to punctuation, a verb of speech, a
    title or a word a name is often glued to (也对, 在), two given characters tried first. Chinese rules
    read 中村 as a village and 小林 as a nickname."""
    s = ctx.norm
    if not any(w in s for w in _JAPAN):
        return []
    names = _word_list("surnames_japanese.txt")
    rx = _JP_RE.get(names)
    if rx is None:
        rx = _JP_RE[names] = re.compile("|".join(map(re.escape, names)))
    out: list[tuple[int, int]] = []
    n = len(s)
    for m in rx.finditer(s):
        p, q = m.start(), m.end()
        if not (p == 0 or p in ctx.tok_at or not is_cjk(s[p - 1]) or title_end_at(ctx, p)):
            continue
        for e in (q + 2, q + 3, q + 1):  # two given characters are the most common (哲也, 富雄; 美代子)
            if e > n or not all(is_cjk(c) and c not in _NOT_JP_GIVEN for c in s[q:e]):
                continue
            if e == n or s[e] in PUNCT or s[e] in _JP_GLUE or _speech_after(ctx, e) or _title_after(ctx, e):
                if s[p:e] not in ctx.lex.pos and s[q:e] not in ctx.lex.title_set:
                    out.append((p, e))
                break
    return out


# Characters never in a Japanese given name (也 is: 哲也, 达也).
_NOT_JP_GIVEN = frozenset("的了是在和与及等说对向为把被从将就都这那其各并而或于以中上下里后前时年月日个们")
# Characters a Japanese name is often glued to on its right (哲也对, 美代子在).
_JP_GLUE = frozenset("对向和与同在是的也曾将")


def nickname_spans(ctx: Ctx) -> list[tuple[int, int]]:
    """Fixed nicknames (小罗, C罗) written as whole words: one person each, not a surname."""
    s, out = ctx.norm, []
    for w in _word_list("person_nicknames.txt"):
        p = s.find(w)
        while p >= 0:
            e = p + len(w)
            # a word of its own on the left; on the right anything but more of a foreign name (小罗斯福)
            if (p == 0 or p in ctx.tok_at or not is_cjk(s[p - 1])) and (e == len(s) or s[e] not in ctx.lex.translit):
                out.append((p, e))
            p = s.find(w, p + 1)
    return out


_DESCRIPTIVE: frozenset[str] | None = None


def _descriptive() -> frozenset[str]:
    """gazetteers/people/titles_descriptive.txt, read once."""
    global _DESCRIPTIVE
    if _DESCRIPTIVE is None:
        from zhnews.extractors.entity_lexicon import DATA_DIR

        lines = (DATA_DIR / "titles_descriptive.txt").read_text(encoding="utf-8").splitlines()
        _DESCRIPTIVE = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return _DESCRIPTIVE


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


def _foreign_titled_end(ctx: Ctx, q: int) -> int:
    """End of a short name of any characters (通伦, 敦, 布拉索昆) right after a title whose chain
    names a foreign country (老挝总理, 泰国外长), closed by punctuation, a verb of speech or a title
    after it; else q. Such names follow no Chinese surname rule and are often new to the dictionary."""
    s = ctx.norm
    e = q
    while e < len(s) and e - q < 4 and is_cjk(s[e]) and s[e] not in _NOT_GIVEN:
        e += 1
        if e - q >= 1 and (e == len(s) or s[e] in PUNCT or _speech_after(ctx, e) or _title_after(ctx, e)):
            break
    if e == q or not (e == len(s) or s[e] in PUNCT or _speech_after(ctx, e) or _title_after(ctx, e)):
        return q
    if ctx.place_mask[q] or s[q:e] in ctx.lex.title_set or ctx.lex.pos.get(s[q:e]) not in (None, "nr", "nrt", "nrfg", "ns"):
        return q
    k = ctx.tok_at.get(q)
    while k is not None and k < len(ctx.tokens) and ctx.starts[k] < e:
        tok = ctx.tokens[k]
        if len(tok) > 1 and ctx.tags[k] not in (None, "nr", "nrt", "nrfg", "ns"):
            return q  # 代表双方签字: ordinary words, not a name
        k += 1
    if k is None or (k < len(ctx.tokens) and ctx.starts[k] != e):
        return q
    chain = titles_before(ctx, q)
    if not chain:
        return q
    first = q - sum(map(len, chain)) - len(chain)  # where the chain starts (a separator or a space more)
    k = bisect.bisect_left([h.start for h in ctx.places], first)
    for h in ctx.places[k:]:
        if h.start >= q:
            break
        if h.start >= first and h.label == "GPE" and h.canonical in ctx.lex.country_names and h.canonical not in _HOME:
            return e
    return q


_HOME = frozenset({"中国", "中华人民共和国"})
# Title words that are also verbs or address words: what follows them is no name of their own.
_NOT_BEFORE_FOREIGN = frozenset({"代表", "先生", "女士", "同志", "老师", "师傅"})


def _credit_before(ctx: Ctx, end: int) -> bool:
    """A byline or credit role ends at ``end`` (written before a colon: 记者:, 制图:)."""
    n = title_end_at(ctx, end)
    return bool(n) and ctx.norm[end - n:end].endswith(_CREDIT_ROLES)


def _after_deictic(s: str, start: int, end: int) -> int:
    """本报 / 本版 / 本台 before a byline role point at the paper itself: not part of the title."""
    for word in _DEICTIC:
        if s.startswith(word, start) and start + len(word) < end:
            return start + len(word)
    return start


def _chain_before_comma(ctx: Ctx, comma: int, floor: int) -> bool:
    """A chain goes on across a comma only when what is before it is a title that itself starts
    after a separator (浙江省人大代表,浙江双环…董事长吴长鸿), never after a verb (王五是公司经理,副经理李四)."""
    if not title_end_at(ctx, comma):
        return False
    start = _title_start(ctx, comma)
    return floor <= start < comma and (start == 0 or ctx.norm[start - 1] in _TITLE_SEP)


def titles_after(ctx: Ctx, end: int, limit: int | None = None) -> tuple[str, ...]:
    """Titles written right after the name (习近平主席, 陈木胜导演, 王涛主任, 张工代表说): the longest title
    word starting at ``end`` that is whole words (主任医师, not 主任 of 主任医师; 书记处 is no title), and
    further ones across 、 (本扬总书记、国家主席) that end before ``limit`` (the next person)."""
    s = ctx.norm
    limit = len(s) + 1 if limit is None else limit
    if s[end:end + 1] == "(":
        # the post in brackets right after the name: 张某(某报副总编辑) -> 某报副总编辑, brackets out
        close = s.find(")", end, end + 32)
        if close > end + 2 and close < limit and title_end_at(ctx, close) and _title_start(ctx, close) == end + 1:
            return (ctx.text[end + 1:close],)
        return ()
    out: list[str] = []
    n = _after_word(ctx, end, limit)
    while n:
        out.append(ctx.text[end:end + n])
        end += n
        if s[end:end + 1] != "、":
            break
        n = _after_word(ctx, end + 1, limit)
        if n and end + 1 + n < len(s) and is_cjk(s[end + 1 + n]) and end + 1 + n not in ctx.tok_at:
            break
        end += 1
    return tuple(out)


def _after_word(ctx: Ctx, end: int, limit: int) -> int:
    """Length of the title word written after a name at ``end`` (0 if none): whole words only;
    代表 only where the sentence goes on as a deputy's does (张工代表介绍, not 张三代表公司发言)."""
    s = ctx.norm
    if end >= len(s):
        return 0
    glued_end = -1
    if end not in ctx.tok_at:
        # 陈老师 as one word: the title glued to a surname counts when it closes that word
        i = bisect.bisect_right(ctx.starts, end) - 1
        if i < 0 or ctx.starts[i] >= end:
            return 0
        glued_end = ctx.starts[i] + len(ctx.tokens[i])
    for n in (5, 4, 3, 2):
        word = s[end:end + n]
        if len(word) != n or end + n >= limit or not (end + n == len(s) or end + n in ctx.tok_at):
            continue
        if glued_end >= 0 and end + n != glued_end:
            continue
        if word in ctx.lex.titles_after:
            return n
        if word == "代表" and (end + n == len(s) or s[end + n] in PUNCT or _deputy_goes_on(s, end + n)):
            return n
    return 0


# What follows a deputy's name and 代表 (王耕捷代表充满信心, 张工代表介绍), not the verb 代表 (to represent).
_DEPUTY_NEXT = ("说", "表示", "介绍", "认为", "指出", "建议", "提出", "坦言", "告诉", "充满", "对", "也", "还",
                "则", "就", "谈", "称", "强调", "呼吁", "发言", "透露", "表达", "回忆", "感慨", "直言")


def _deputy_goes_on(s: str, p: int) -> bool:
    return s.startswith(_DEPUTY_NEXT, p)


_JOINS = frozenset({"和", "与", "及"})
# Dictionary tags of the words a 和/与/及 joins inside one body's or post's name (fields, trades).
_FIELD_TAGS = frozenset({"n", "vn", "an", "l", "nz", "j", "b"})
# Roles a byline or credit writes before a colon and the name(s): 参与记者:田颖、沈忠浩; 本版制图:蔡华伟.
_CREDIT_ROLES = ("记者", "通讯员", "实习生", "摄影", "制图", "设计", "编辑", "美编", "插图", "绘图", "撰稿", "摄像")
# Words that point at the paper itself before a byline role (本报记者 -> 记者, 综合本报记者 -> 记者).
_DEICTIC = ("综合本报", "本报", "本版", "本台", "本刊", "本网")
_BYLINE_IN_BRACKETS = re.compile(r"\([^()]*(记者|通讯员|实习生|摄影)[^()]*\)")


def _joins_one_name(ctx: Ctx, i: int, end: int) -> bool:
    """和/与 at token i inside one organisation's name (国家发展和改革委员会主任, 中国劳动和社会保障科学研究院):
    what follows it, up to the title, already holds an organisation suffix, and no name comes before it."""
    if ctx.tokens[i] not in _JOINS or i == 0 or ctx.tags[i - 1] in NAME_TAGS or not is_cjk(ctx.tokens[i - 1][-1]):
        return False
    j = i + 1
    while j < len(ctx.tokens) and ctx.starts[j] < end - 1:
        tok = ctx.tokens[j]
        if (tok in ctx.lex.org_suffixes or (len(tok) >= 3 and tok.endswith(ctx.lex.org_suffixes_by_len))) \
                and ctx.starts[j] + len(tok) < end:
            return True  # 研究与|信息中心|主任: a body name ends before the post
        if any(tok[:n] in ctx.lex.org_suffixes and tok[n:] in ctx.lex.title_set for n in (2, 3) if len(tok) > n):
            return True  # 贸易商和出口商协会主席: the body (协会) is glued to the post
        j += 1
    # two fields or trades joined inside a body's or a post's name: 卫生和计划生育局, 磁头及硬盘运营,
    # 商业与供应部长, 病毒学和免疫学教授 (never a title, a place or a name on either side)
    left, right = ctx.tokens[i - 1], ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else ""
    # (the right word may hold the post's start: 经济和|能源部长, the ministry fused with 部长)
    return ctx.tags[i - 1] in _FIELD_TAGS and ctx.tags[i + 1] in _FIELD_TAGS and left not in ctx.lex.title_set \
        and right not in ctx.lex.title_set and (ctx.starts[i + 1] + len(right) < end or (
            ctx.starts[i + 1] + len(right) == end and len(right) > title_end_at(ctx, end) > 0
            and right[:-1].endswith(tuple(w for w in ctx.lex.org_suffixes if len(w) == 1))))


def _title_start(ctx: Ctx, end: int) -> int:
    """Walk back over tokens until a separator, a breaker word or a function word."""
    s = ctx.norm
    if s[end - 2:end] == "之一" and end >= 4 and title_end_at(ctx, end - 2):
        return _title_start(ctx, end - 2)  # 服务总队的创始人之一: the post's start
    # token index of the token ending at `end`
    i = _token_ending_at(ctx, end)
    start = end
    if i is not None and ctx.starts[i] + len(ctx.tokens[i]) > end and ctx.starts[i] < end:
        # a word across the title's end is a segmentation slip (主任|何立峰 cut as 主|任何|立峰): its part
        # before the name belongs to the title, whatever the word's tag
        start = ctx.starts[i]
        i -= 1
    desc = _descriptive()
    while i is not None and i >= 0:
        tok = ctx.tokens[i]
        if tok == "》" and i + 1 < len(ctx.tokens) and ctx.starts[i + 1] < end:
            # a periodical's name before its post: 《柳叶刀》主编 (the marks are part of the title)
            k = i - 1
            while k >= 0 and i - k <= 6 and ctx.tokens[k] != "《" and not any(c in _TITLE_SEP for c in ctx.tokens[k]):
                k -= 1
            if k < 0 or ctx.tokens[k] != "《" or k == i - 1:
                break
            start = ctx.starts[k]
            i = k - 1
            continue
        if tok == "”":
            # a quoted name inside the title: 五洲传播中心“有熊猫”全球青年文化推广计划负责人
            k = _quoted_inside(ctx, i)
            if k < 0 or end - ctx.starts[k] > 40:
                break
            start = ctx.starts[k]
            i = k - 1
            continue
        if any(c in _TITLE_SEP for c in tok):
            break
        if tok.isspace() and not (i > 0 and is_latin(ctx.tokens[i - 1].strip())):
            break
        if (ctx.tags[i] is None or tok[0] in _DATE_FIRST) and _date_or_slip(ctx, i):
            break  # 国家主席习近平5月20日晚同缅甸总统: a date, or a word glued to 同, ends the title
        if (tok in ctx.lex.title_breakers or ctx.tags[i] in _TITLE_STOP_TAGS) and not _joins_one_name(ctx, i, end) \
                and not _unit_word(ctx, i) or tok in desc \
                or "=" + tok in desc and ctx.starts[i] + len(tok) == end - title_end_at(ctx, end):
            break
        if end - ctx.starts[i] > 40:
            break
        start = ctx.starts[i]
        i -= 1
    # a descriptive word glued to the role in one token is no part of it (优秀党员, 老党员 -> 党员)
    k = ctx.tok_at.get(start)
    if k is not None and ctx.starts[k] + len(ctx.tokens[k]) == end:
        tok = ctx.tokens[k]
        for w in _descriptive():
            if tok.startswith(w) and tok[len(w):] in ctx.lex.title_set:
                start += len(w)
                break
    # never start on a space, a closing bracket or an unclosed opening one (本报讯(记者)
    while start < end and s[start] in " )":
        start += 1
    opened = s.rfind("(", start, end)
    if opened >= 0 and s.find(")", opened, end) < 0:
        start = opened + 1
    # nor before a closing bracket whose opening one is not in it: (记者王迪、王海林)国家主席习近平
    closed = s.rfind(")", start, end)
    if closed >= 0 and s.rfind("(", start, closed) < 0:
        start = closed + 1
    # a byline in brackets before the title is not part of it: (记者王迪)国务院总理李克强
    for match in _BYLINE_IN_BRACKETS.finditer(s, start, end):
        start = match.end()
    return start


_DATE_UNITS = ("年", "月", "日", "时", "点", "号")
_DATE_FIRST = frozenset("0123456789年月日时点号")
# Last characters of an unknown two-character word that is a slip of the segmenter over a function
# word (晚同, 并与): the title cannot go on over it.
_SLIP_LAST = frozenset("同和与向对为在给把被将从是")


def _date_or_slip(ctx: Ctx, i: int) -> bool:
    """Token i is a number of a date or time (5月, 20日: not 2020届学生, 48家集团), a date unit after one,
    or an unknown word ending in a function character."""
    tok = ctx.tokens[i]
    if tok.isascii() and tok.isdigit():
        nxt = ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else ""
        return nxt.startswith(_DATE_UNITS)
    if tok.startswith(_DATE_UNITS) and i > 0 and ctx.tokens[i - 1].isascii() and ctx.tokens[i - 1].isdigit():
        return True
    # 晚同 (晚 + 同), 地教 (耐心地 + 教): the unknown word holds a function character of the sentence
    return ctx.tags[i] is None and 2 <= len(tok) <= 3 and is_cjk(tok[0]) and (tok[-1] in _SLIP_LAST or tok[0] == "地")


def _quoted_inside(ctx: Ctx, close: int) -> int:
    """Index of the opening quote of the quoted name whose closing quote is token ``close``, when
    the quote is glued to a word of the title on both sides (中心“有熊猫”全球); else -1."""
    k = close - 1
    while k >= 0 and close - k <= 8:
        tok = ctx.tokens[k]
        if tok == "“":
            prev = k - 1
            if prev < 0 or not is_cjk(ctx.tokens[prev][-1]) or ctx.tokens[prev] in ctx.lex.title_breakers \
                    or ctx.tags[prev] in _TITLE_STOP_TAGS:
                return -1
            return k
        if not all(is_cjk(c) for c in tok):
            return -1  # a name is written in characters: “80后” is an epithet
        k -= 1
    return -1


def _unit_word(ctx: Ctx, i: int) -> bool:
    """Token i is part of a body's name although its tag stops titles: 某 in 某银行职员, the unit
    所 (tagged as a conjunction) in 经济所所长."""
    tok = ctx.tokens[i]
    if i + 1 >= len(ctx.tokens) or not is_cjk(ctx.tokens[i + 1][0]):
        return False
    if tok[0] == "某":  # 某银行, 某报 (the dictionary tags 某报 as a pronoun)
        return True
    return len(tok) == 1 and tok in ctx.lex.org_suffixes and i > 0 and is_cjk(ctx.tokens[i - 1][-1]) \
        and ctx.tags[i - 1] not in _TITLE_STOP_TAGS and ctx.tokens[i - 1] not in ctx.lex.title_breakers


def _token_ending_at(ctx: Ctx, end: int) -> int | None:
    import bisect

    i = bisect.bisect_right(ctx.starts, end - 1) - 1
    if i < 0:
        return None
    return i


_DOT_OR_DOCTRINE_RE = re.compile("(?=·|" + "|".join(_DOCTRINE) + ")")  # lookahead: overlapping 文选集 too
assert all(len(w) == 2 for w in _DOCTRINE)


def _dot_or_doctrine_tokens(ctx: Ctx) -> list[int]:
    """Indices of the tokens that are a · or end with a doctrine word, in order (speed: a C-level scan
    of the text instead of a Python loop over every token)."""
    s, starts, tokens = ctx.norm, ctx.starts, ctx.tokens
    found: set[int] = set()
    for m in _DOT_OR_DOCTRINE_RE.finditer(s):
        p = m.start()
        ti = bisect.bisect_right(starts, p) - 1  # the token holding p
        if ti < 0:
            continue
        if s[p] == "·":
            if starts[ti] == p and tokens[ti] == "·":
                found.add(ti)
        elif starts[ti] + len(tokens[ti]) == p + 2:  # the token ends with the word at p
            found.add(ti)
    return sorted(found)


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
    title_ends, glued = _title_scan(ctx)
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

    for q, e, first in byline_names(ctx, _surname_len, _good_given):
        add(PersonCand(q, e, "person.byline", 0.95, titles_before(ctx, first)))

    for q, e in glued:
        if q not in found and not _blocked(ctx, q, e, loose=True):
            add(PersonCand(q, e, "person.title.chinese", 0.9, titles_before(ctx, q)))

    for q, e in nickname_spans(ctx):
        add(PersonCand(q, e, "person.nickname", 0.95, titles_before(ctx, q)))
    for q, e in japanese_names(ctx):
        add(PersonCand(q, e, "person.japanese", 0.92, titles_before(ctx, q)))
    for q in addressed_surnames(ctx):
        if q not in found:
            add(PersonCand(q, q + 1, "person.surname.address", 0.85))

    if not bare:
        # with the name tagger: only the structural rules it cannot replace
        for ti in _dot_or_doctrine_tokens(ctx):
            if ctx.starts[ti] not in found:
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


def _title_scan(ctx: Ctx) -> tuple[list[int], list[tuple[int, int]]]:
    """One C-level Aho-Corasick pass over the titles: the token starts right after a title (what
    _title_ends returns) and the names whose surname the segmenter glued to the title's last
    character (董事长江涛 cut as 董事/长江/涛, 副局长江开勇 as 副局/长江/开勇): the rest of that
    two-character word is the surname, the next one- or two-character word the given name."""
    ac = ctx.lex.title_ac
    if ac is None:
        return [], []
    s, tok_at = ctx.norm, ctx.tok_at
    ends: set[int] = set()
    glued: list[tuple[int, int]] = []
    for end, n in ac.iter(s):
        q = end + 1
        if s[q:q + 2] == "之一" and q + 2 in tok_at and 2 <= n <= 5:
            ends.add(q + 2)  # 创始人之一吴元兵
        if q in tok_at:
            if 2 <= n <= 5:
                ends.add(q)
            continue
        k = tok_at.get(end)
        if k is None or n < 2 or len(ctx.tokens[k]) != 2 or k + 1 >= len(ctx.tokens) \
                or s[q] not in ctx.lex.surnames or s[q] in _WEAK_SURNAMES:
            continue
        given = ctx.tokens[k + 1]
        e = q + 1 + len(given)
        if len(given) <= 2 and _good_given(given) and ctx.tags[k + 1] in (None, "nr", "nrfg") \
                and given not in ctx.lex.title_set and (e >= len(s) or e in tok_at):
            glued.append((q, e))
    return sorted(ends), glued


def _title_ends(ctx: Ctx) -> list[int]:
    """Token starts right after a title of two to five characters (where title_end_at is not 0),
    in order."""
    return _title_scan(ctx)[0]


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
