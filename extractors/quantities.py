"""Quantities with what they count: 大中专院校18所 -> 18 所 大中专院校; 20万人 -> 200000 人.

Span convention: the span runs from an approximation marker written before the numeral (近, 约, 超过)
through the unit to one written after it (以上, 左右), so ``近3000名`` and ``3000名左右`` are whole spans;
the subject is not part of the span. ``value`` is fully normalised (20万 -> 200000, 3亿元 -> 3e8 with
unit 元); percentages are in percent points whatever the writing (40%, 百分之四十, 四成 -> 40, unit %).

What is left out on purpose: numbers inside dates (extract_dates owns them), inside names and slogans
(gazetteers/quantities/exclusions.tsv, short quoted slogans, 《titles》), and Chinese numerals with no
unit (一些, 统一 and friends are words, not numbers). Arabic numerals with no unit are kind ``number``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from zhnews.extractors.dates import extract_dates
from zhnews.extractors.numbers import (
    ARABIC, ARABIC_X, CN_CHARS, NUMERAL_RE, big_suffix, close_spaces, parse_number, read_numeral,
)
from zhnews.extractors.types import DateMatch, QuantityMatch
from zhnews.gazetteers.quantities import alternation, load

_DATA = load()
_UNITS = _DATA.units
_UNIT_RE = re.compile(alternation(list(_UNITS)))
_APPROX_BEFORE_RE = re.compile(rf"(?:{alternation(_DATA.approx_before)})$")
_APPROX_INSIDE = frozenset(_DATA.approx_inside)
_APPROX_AFTER_RE = re.compile(alternation(_DATA.approx_after))
_CONN_RE = re.compile(alternation(_DATA.connectors))
# The lookahead lets most positions fail at once; every exclusion starts with one of these characters.
_EXCLUDE_FIRST = rf"[0-9A-Za-z{CN_CHARS}第上下长珠金双拾统唯同进工之千百三农峡亚川五八七十九万]"
_EXCLUDE_RE = re.compile(rf"(?={_EXCLUDE_FIRST})(?:" + "|".join(f"(?:{p})" for p, _ in _DATA.exclusions) + ")")
_STOP_AFTER_RE = re.compile(alternation(_DATA.stops_after))
_STOP_BEFORE_RE = re.compile(rf"(?:{alternation(_DATA.stops_before)})$")
_QUOTED_RE = re.compile(r"[“\"「『‘]([^”\"」』’\n]{1,10})[”\"」』’]|《[^》\n]{0,80}》")
_CHEAP = re.compile(rf"[0-9０-９{CN_CHARS}]")
_SUBJECT_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_SUBJECT_MAX = 14
# Stop words that may still begin a subject: 6所在永职教高校 counts 在永职教高校.
_LEADING_OK = frozenset({"在", "同", "相关", "代表", "共同", "联合"})
_JOINERS = frozenset({"和", "与", "及", "以及"})
_VERBS = _DATA.verbs
# A verb followed by one of these is the start of a noun (开发区, 建设者), not a predicate.
_NOUN_TAILS = frozenset("区者员商人家品机器所站点厂院局会类业费量率性型式")
# After a verb these make it a predicate (递交了, 折射出, 纳入到, 增加到), not a noun modifier.
_VERB_COMPLEMENTS = frozenset("了着过出到给入进向于为成起至")
# 一 + these is mostly the article "a" (一项重要原则, 一份协议, 一条路子), not a count of one.
_ARTICLE_UNITS = frozenset({"种", "项", "份", "条", "颗", "套", "股", "片", "轮", "番", "幅", "批", "班", "趟"})
# Before 一 + measure word, these make it an article or a demonstrative (这一天, 作为一名, 是一个, 新一轮).
_ARTICLE_BEFORE = ("作为", "成为", "这", "那", "哪", "新", "另", "是", "成", "为", "如", "像", "同", "每", "打开")
_SLASH_RE = re.compile(r"(?<![0-9./／])([0-9]{1,4})$")
_SLASH_N_RE = re.compile(r"[0-9]{1,4}(?![0-9./／])")

_CN_SMALL_NUM = rf"[{CN_CHARS}]+"
_PERCENT_WORD_RE = re.compile(rf"(?:百分之|千分之)(?P<n>{ARABIC_X}|[{CN_CHARS}点點]+)")
# 三成, 6成, 8.5成, 八点五成 (+ 半: 八成半). Matched backwards from each 成, which is cheaper than a scan.
_CHENG_NUM_RE = re.compile(
    r"(?:[一二两兩三四五六七八九十]{1,2}(?:[点點][一二三四五六七八九])?|[0-9０-９]{1,2}(?:[.．][0-9０-９])?)$"
)
_CHENG_NOT_AFTER = frozenset("本立为员功果绩就熟长都交")
# Discounts: 八折 = 80%, 75折 = 75%, 三八折 = 38%, 9.9折 = 99% (not 一波三折, 七折八扣, 折合, 折叠).
_ZHE_NUM_RE = re.compile(
    r"(?:[一二两兩三四五六七八九]{1,2}|[一二三四五六七八九][点點][一二三四五六七八九]"
    r"|[1-9１-９][0-9０-９]?(?:[.．][0-9０-９])?)$"
)
_ZHE_NOT_BEFORE = frozenset("波七百曲转挫周")
_ZHE_NOT_AFTER = frozenset("合算叠旧返腾射服扣衷中")
_URL_RE = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")
_ORDINAL_RE = re.compile(rf"第(?P<n>{ARABIC}|[{CN_CHARS}]+)")
_FRACTION_D_RE = re.compile(rf"(?:{ARABIC}|[{CN_CHARS}]+)$")
_FRACTION_N_RE = re.compile(rf"{ARABIC}|[{CN_CHARS}点]+")
_FAN_RE = re.compile(r"翻(?P<n>[一两二三四])?番")
_VAGUE_RE = re.compile(r"(?P<a>数|几|上|成)(?P<n>[十百千万亿]+)(?P<in>[余多])?")
# Kinds whose subject is meaningful; a duration or a percentage has none of its own.
_SUBJECT_KINDS = frozenset({"count", "money", "area", "length", "weight", "volume", "other"})
# Bare 一 before these is an article or an idiom (一头雾水, 一口气), not a count.
_WEAK_ONE = frozenset("头口门片层段节块间对首笔期届道起股身阵番下手眼")
_AFTER_CN_FIRST = frozenset(u[0] for u in _UNITS) | _APPROX_INSIDE | frozenset("至到-—–~～－")
# A subject is read backwards (大中专院校18所) only when the quantity closes a clause.
_CLAUSE_END = frozenset("，,。、；;：:！!？?）)”\n 和与及")
_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_ARABIC_ONLY_UNITS = frozenset({"方", "度", "级", "平方", "立方", "集", "眼", "孔", "票", "章"})


def _ending_at(text: str, literal: str, pattern: re.Pattern[str], width: int):
    """(start, pos, numeral) for each ``literal`` at pos with ``pattern`` (ending in $) right before it."""
    pos = text.find(literal)
    while pos != -1:
        m = pattern.search(text, max(0, pos - width), pos) if pos else None
        if m:
            yield m.start(), pos, m.group()
        pos = text.find(literal, pos + 1)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


class _Mask:
    """Character positions already claimed; O(span) checks instead of scanning every span."""

    __slots__ = ("bits",)

    def __init__(self, n: int, spans: tuple[tuple[int, int], ...] = ()) -> None:
        self.bits = bytearray(n)
        for a, b in spans:
            self.bits[a:b] = b"\x01" * (b - a)

    def hit(self, s: int, e: int) -> bool:
        return self.bits.find(1, s, e) != -1

    def add(self, s: int, e: int) -> None:
        self.bits[s:e] = b"\x01" * (e - s)


@lru_cache(maxsize=8)
def _blocked(text: str, date_spans: tuple[tuple[int, int], ...] | None = None) -> tuple[tuple[int, int], ...]:
    """Spans whose numerals are dates, names or slogans (the dates' spans given by a caller that has
    them: finding dates again cost ~5% of the pipeline)."""
    spans = list(date_spans) if date_spans is not None else [(d.start, d.end) for d in extract_dates(text)]
    spans += [(m.start(), m.end()) for m in _EXCLUDE_RE.finditer(text) if m.end() > m.start()]
    spans += [(m.start(), m.end()) for m in _URL_RE.finditer(text)]  # %28, 2020 inside a web address
    for m in _QUOTED_RE.finditer(text):
        inner = m.group(1)
        if inner is None or _CHEAP.search(inner):
            spans.append((m.start(), m.end()))
    return tuple(spans)


def _subject_after(text: str, pos: int) -> str | None:
    m = _SUBJECT_CHARS.match(text, pos)
    if not m:
        return None
    whole = m.group()
    run = whole[:_SUBJECT_MAX]
    lead = _STOP_AFTER_RE.match(run)
    if lead and lead.group() not in _LEADING_OK:
        return None  # 18所, 以及…: nothing counted after the unit
    subject = _subject_after_run(whole, run)
    if subject and subject[:2] in _VERBS and (len(subject) >= 6 or whole[2:3] in _VERB_COMPLEMENTS):
        return None  # 9555户|申报农村危房改造项目, 6000元|增加到: a verb phrase, not what is counted
    return subject


def _subject_after_run(whole: str, run: str) -> str | None:
    for i in range(1, len(run)):
        st = _STOP_AFTER_RE.match(run, i)
        if st:
            rest = whole[st.end():]
            if st.group() in _JOINERS and 0 < len(rest) <= 3:
                return run  # 20多个国家和地区: a short coordinated subject
            return run[:i]
        if i >= 2 and run[i:i + 2] in _VERBS and (
            i + 2 == len(whole) or _STOP_AFTER_RE.match(whole, i + 2) or whole[i + 2:i + 3] in _VERB_COMPLEMENTS
        ):
            return run[:i]  # 100家企业参展, 270名人才递交了…: a verb that ends the phrase is not counted
    return run


_KEEP_ZHONG = ("高中", "初中", "华中", "集中", "空中", "心中")


def _tidy_subject(subject: str | None) -> str | None:
    """每亩|500元 is a rate, not what is counted; 两次|风洞实验中 counts 风洞实验 (a trailing 中 is "in")."""
    if not subject or subject.startswith("每"):
        return None
    if len(subject) > 2 and subject[-1] == "中" and not subject.endswith(_KEEP_ZHONG):
        subject = subject[:-1]
    return subject


def _subject_before(text: str, start: int) -> str | None:
    lo = max(0, start - _SUBJECT_MAX - 4)
    chunk = text[lo:start]
    m = re.search(r"[\u4e00-\u9fffA-Za-z]+$", chunk)
    if not m:
        return None
    run = m.group()
    cut = 0
    for i in range(len(run) - 1, 0, -1):
        if _STOP_BEFORE_RE.search(run[:i]):
            cut = i
            break
        if i >= 2 and run[i - 2:i] in _VERBS and run[i] not in _NOUN_TAILS:
            cut = i  # 招募|志愿者3000名
            break
    subject = run[cut:][-_SUBJECT_MAX:]
    if not subject or _STOP_BEFORE_RE.search(subject):
        return None
    if len(subject) < 2 or subject in _VERBS:
        return None  # 对象 cut to 象, 意向成交|711亿美元: no noun, or a bare verb, is not what is counted
    return subject


def _approx_before(text: str, start: int) -> tuple[int, str | None]:
    m = _APPROX_BEFORE_RE.search(text, max(0, start - 4), start)
    if m:
        return m.start(), m.group()
    return start, None


def _unit_at(text: str, pos: int, chinese: bool, bare_one: bool) -> tuple[str | None, int]:
    """The unit written at pos, or (None, pos); 个多月 reads as 个月 with 多 inside."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return None, pos
    unit = m.group()
    if chinese and unit in _ARABIC_ONLY_UNITS:
        return None, pos
    if bare_one and unit in _WEAK_ONE:
        return None, pos
    return unit, m.end()


def _is_article(text: str, ns: int, unit: str, upos: int) -> bool:
    """一 + measure word used as "a" (一项重要原则, 作为一名, 这一天, 新一轮), doubled (一个个, 一批批) or
    in 一年比一年; such a 一 counts nothing and is left out."""
    if text.startswith(unit, upos) or text.startswith("比一" + unit, upos):
        return True  # 一个个历史瞬间, 一年比一年多
    if text[ns - 1:ns] == "比" and text.startswith(unit, upos - len(unit)) and text.endswith(unit, 0, ns - 1):
        return True  # the second 一年 of 一年比一年
    if any(text.endswith(w, max(0, ns - len(w)), ns) for w in _ARTICLE_BEFORE):
        return True
    return _UNITS[unit].kind == "count" and unit in _ARTICLE_UNITS


def _kind(unit: str | None) -> str:
    return _UNITS[unit].kind if unit else "number"


def _norm_unit(unit: str | None) -> str | None:
    return _UNITS[unit].norm if unit else None


def _make(text: str, s: int, e: int, kind: str, value: float | None, rule: str, conf: float, *,
          low: float | None = None, high: float | None = None, approx: str | None = None,
          unit: str | None = None, subject: str | None = None) -> QuantityMatch:
    return QuantityMatch(s, e, text[s:e], kind, value, rule, conf, low=low, high=high, approx=approx,
                         unit=unit, subject=subject)


def extract_quantities(text: str, dates: Sequence[DateMatch] | None = None) -> list[QuantityMatch]:
    """Every quantity in text, left to right; never raises (returns [] on failure).

    ``dates``: extract_dates(text) if the caller has it (numerals inside dates are not quantities).
    Spaces inside numerals (一百 五 十 个, 百 分之 五) are read through; spans keep them."""
    try:
        packed = close_spaces(text)
        if packed is None:
            return _extract(text, None if dates is None else tuple((d.start, d.end) for d in dates))
        closed, index = packed
        out = []
        for q in _extract(closed):
            s, e = index[q.start], index[q.end - 1] + 1
            out.append(replace(q, start=s, end=e, text=text[s:e]))
        return out
    except Exception:  # an extractor must not stop a batch; scripts/survey_quantities.py reports these
        return []


def _specials(text: str, blocked: _Mask, taken: _Mask, out: list[QuantityMatch]) -> None:
    """Forms that do not fit numeral+unit: 百分之四十, 三成, 第一, 三分之一, 翻两番, 上万."""

    def free(s: int, e: int) -> bool:
        return not blocked.hit(s, e) and not taken.hit(s, e)

    def add(q: QuantityMatch) -> None:
        out.append(q)
        taken.add(q.start, q.end)

    for m in _PERCENT_WORD_RE.finditer(text):
        if m.start() and text[m.start() - 1] in CN_CHARS + "0123456789０１２３４５６７８９":
            continue  # 五百分之二: a fraction (500ths), read below
        v = parse_number(m.group("n"))
        if v is not None and free(m.start(), m.end()):
            s, a = _approx_before(text, m.start())
            pv = v if m.group().startswith("百") else v / 10
            add(_make(text, s, m.end(), "percent", pv, "percent.word", 0.95, approx=a, unit="%"))
    for ms, pos, n in _ending_at(text, "成", _CHENG_NUM_RE, 4):
        if text[pos + 1:pos + 2] in _CHENG_NOT_AFTER and pos + 1 < len(text):
            continue
        half = text.startswith("半", pos + 1)
        me = pos + 2 if half else pos + 1
        v = parse_number(n)  # not 半成: 半成品 is a half-finished product
        if v is None or v > 10 or not free(ms, me):
            continue
        if ms and text[ms - 1] in CN_CHARS + "0123456789０１２３４５６７８９.．建完促达组形构变合收":
            continue
        if half:
            v += 0.5  # 三成半 = 35%
        s, a = _approx_before(text, ms)
        e = me
        am = _APPROX_AFTER_RE.match(text, e)
        if am and am.group() in ("以上", "左右", "多"):
            a, e = a or am.group(), am.end()
        add(_make(text, s, e, "percent", v * 10, "percent.cheng", 0.85, approx=a, unit="%"))
    for ms, pos, n in _ending_at(text, "折", _ZHE_NUM_RE, 4):
        after = text[pos + 1:pos + 3]
        if after[:1] in _ZHE_NOT_AFTER and after or after == "八扣":
            continue
        if ms and text[ms - 1] in CN_CHARS + "0123456789０１２３４５６７８９.．" or text[ms - 1:ms] in _ZHE_NOT_BEFORE:
            continue
        if not free(ms, pos + 1):
            continue
        if len(n) == 2 and n[0] in CN_CHARS and n[1] in CN_CHARS:
            v = parse_number(n[0])
            v2 = parse_number(n[1])
            v = None if v is None or v2 is None else v * 10 + v2  # 三八折 = 38%
        else:
            v = parse_number(n)
            if v is not None and v < 10:
                v *= 10  # 八折 = 80%, 9.9折 = 99%
        if v is None or not 0 < v < 100:
            continue
        add(_make(text, ms, pos + 1, "percent", round(v, 6), "percent.zhe", 0.8, unit="%"))
    for ds, pos, dtext in _ending_at(text, "分之", _FRACTION_D_RE, 16):
        mn = _FRACTION_N_RE.match(text, pos + 2)
        if not mn:
            continue
        d, n = parse_number(dtext), parse_number(mn.group())
        if d and n is not None and free(ds, mn.end()):
            add(_make(text, ds, mn.end(), "number", n / d, "number.fraction", 0.9))
    for ds, pos, dtext in _ending_at(text, "/", _SLASH_RE, 5):  # 1/3, 2/3 of ...
        mn = _SLASH_N_RE.match(text, pos + 1)
        if mn and int(mn.group()) > 0 and free(ds, mn.end()):
            add(_make(text, ds, mn.end(), "number", int(dtext) / int(mn.group()), "number.fraction", 0.8))
    for m in _FAN_RE.finditer(text):
        if free(m.start(), m.end()):
            k = parse_number(m.group("n")) if m.group("n") else 1.0
            add(_make(text, m.start(), m.end(), "multiple", 2.0 ** (k or 1.0), "multiple.fan", 0.85, unit="倍"))
    for m in _ORDINAL_RE.finditer(text):
        s, e = m.start(), m.end()
        num = read_numeral(text, m.start("n"), m.end("n"))
        if num is None or num.value is None or not free(s, e):
            continue
        chinese = not m.group("n")[0].isdigit()
        unit, e2 = _unit_at(text, e, chinese, False)
        add(_make(text, s, e2, "ordinal", num.value, "ordinal.di", 0.9, unit=_norm_unit(unit)))
    for m in _VAGUE_RE.finditer(text):
        s = m.start()
        if not free(s, m.end()) or (m.group("a") == "上" and m.group("n")[0] == "十"):
            continue
        if m.group("a") == "成" and not text.startswith("上", m.end()):
            continue
        e = m.end()
        unit, e2 = _unit_at(text, e, True, False)
        if unit is None and m.group("a") != "成":
            continue
        value = parse_number("一" + m.group("n")) if m.group("a") == "上" else None
        kind = _kind(unit)
        subject = _subject_after(text, e2) if kind in _SUBJECT_KINDS else None
        add(_make(text, s, e2, kind, value, "quantity.vague", 0.5, approx=m.group("a"),
                  unit=_norm_unit(unit), subject=subject))


def _extract(text: str, date_spans: tuple[tuple[int, int], ...] | None = None) -> list[QuantityMatch]:
    if not text or not _CHEAP.search(text):
        return []
    blocked = _Mask(len(text), _blocked(text, date_spans))
    out: list[QuantityMatch] = []
    taken = _Mask(len(text))
    _specials(text, blocked, taken, out)
    for m in NUMERAL_RE.finditer(text):
        ns, ne = m.start(), m.end()
        if ne - ns == 1 and text[ns] in CN_CHARS and (ne >= len(text) or text[ne] not in _AFTER_CN_FIRST):
            continue  # 一些, 统一: a lone Chinese numeral needs a unit (or 余/多) right after it
        if taken.hit(ns, ne) or blocked.hit(ns, ne):
            continue
        while ne > ns + 1 and text[ne - 1] in "多余几来":
            ne -= 1
        if ns and text[ns - 1] == "负":
            ns -= 1
        elif ns and text[ns - 1] in "-−－" and (ns < 2 or not (text[ns - 2].isdigit() or text[ns - 2] in CN_CHARS)):
            ns -= 1
        num = read_numeral(text, ns, ne)
        k = ns + 1
        while num is None and k < ne:  # 队伍3.28万: restart after a character that did not read
            num = read_numeral(text, k, ne)
            ns, k = k, k + 1
        if num is None or taken.hit(ns, ne):
            continue
        chinese = not any(c.isdigit() for c in num.text)
        if len(num.text) == 1 and num.text in _FINANCIAL:
            continue  # 队伍, 陆续, 拾起: a lone financial numeral is a word
        bare_one = num.text in ("一", "壹")
        # 28万千瓦: 千 belongs to the unit 千瓦, not to the numeral
        if ne - ns > 1 and text[ne - 1] in "千百":
            um = _UNIT_RE.match(text, ne - 1)
            if um and len(um.group()) > 1:
                num2 = read_numeral(text, ns, ne - 1)
                if num2 is not None:
                    num, ne = num2, ne - 1
        pos = ne
        approx = num.approx
        low, high, value = num.low, num.high, num.value
        rule = "quantity.range" if value is None else "quantity.unit"
        # inside marker: 20余所, 十多个
        if pos < len(text) and text[pos] in _APPROX_INSIDE and _UNIT_RE.match(text, pos + 1):
            approx = approx or text[pos]
            pos += 1
        unit, upos = _unit_at(text, pos, chinese, bare_one)
        if bare_one and unit is not None and _is_article(text, ns, unit, upos):
            taken.add(ns, upos)
            continue
        # 个多月, 个半小时: a marker inside a two-part unit
        if unit == "个" and upos < len(text) and text[upos] in "多半":
            u2, u2pos = _unit_at(text, upos + 1, chinese, bare_one)
            if u2 in ("月", "小时", "星期", "工作日"):
                approx = approx or text[upos]
                unit, upos = "个" + u2 if "个" + u2 in _UNITS else u2, u2pos
        # written range: 3至5年, 5-10万元, 3年至5年
        cm = _CONN_RE.match(text, upos)
        if cm and value is not None:
            m2 = NUMERAL_RE.match(text, cm.end())
            if m2 and not blocked.hit(m2.start(), m2.end()):
                num2 = read_numeral(text, m2.start(), m2.end())
                if num2 is not None and num2.value is not None:
                    pos2 = m2.end()
                    if pos2 < len(text) and text[pos2] in _APPROX_INSIDE and _UNIT_RE.match(text, pos2 + 1):
                        pos2 += 1
                    unit2, upos2 = _unit_at(text, pos2, False, False)
                    if unit is None or unit2 == unit:
                        lo = value
                        if big_suffix(num.text) == 1.0:
                            mult = big_suffix(num2.text)
                            if mult > 1 and lo * mult <= num2.value:
                                lo *= mult
                        if lo < num2.value and (unit2 is not None or not chinese):
                            low, high, value = lo, num2.value, None
                            unit, upos = unit2, upos2
                            rule = "quantity.range"
        if unit is None and chinese:
            continue  # 一些, 统一, 十分: Chinese numerals count only with a unit
        if unit is None and num.text.startswith("-") and ns and text[ns - 1].isdigit():
            continue
        s, before = _approx_before(text, ns)
        if before and ns > s and blocked.hit(s, ns):
            s, before = ns, None
        approx = before or approx
        e = upos
        am = _APPROX_AFTER_RE.match(text, e)
        if am and (unit is not None or am.group() in ("以上", "左右", "多", "余")):
            if not (am.group() == "多" and _UNIT_RE.match(text, am.end())):
                approx = approx or am.group()
                e = am.end()
        kind = _kind(unit)
        if kind == "percent" and unit == "‰" and value is not None:
            value, unit = value / 10, "%"
        subject = None
        if kind in _SUBJECT_KINDS:
            after = _subject_after(text, e)
            clause_end = e >= len(text) or text[e] in _CLAUSE_END
            subject = after if after else (_subject_before(text, s) if clause_end and not bare_one else None)
            subject = _tidy_subject(subject)
        conf = 0.9 if unit else 0.6
        if bare_one:
            conf = 0.6
        if unit is None:
            rule = "number.bare" if rule == "quantity.unit" else "number.range"
        out.append(_make(text, s, e, kind, value, rule, conf, low=low, high=high, approx=approx,
                         unit=_norm_unit(unit), subject=subject))
        taken.add(s, e)
    out.sort(key=lambda q: q.start)
    return out
