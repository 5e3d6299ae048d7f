"""Quantities with what they count: 大中专院校18所 -> 18 所 大中专院校; 20万人 -> 200000 人.

Span convention: the span runs from an approximation marker written before the numeral (近, 约, 超过)
through the unit to one written after it (以上, 左右), so ``近3000名`` and ``3000名左右`` are whole spans;
the subject is not part of the span. ``value`` is fully normalised (20万 -> 200000, 3亿元 -> 3e8 with
unit 元); percentages are in percent points whatever the writing (40%, 百分之四十, 四成 -> 40, unit %).

What is left out on purpose: numbers inside dates (extract_dates owns them), inside names, models, codes,
phone numbers and slogans (gazetteers/quantities/exclusions.tsv, short quoted slogans, 《titles》), ordinals
naming a session (第二届, ordinal_names.tsv), 一 + a classifier used as the article "a" (count_one_cues.tsv),
and Chinese numerals with no unit (一些, 统一 and friends are words, not numbers). Arabic numerals with no unit
are kind ``number``. The conventions (spans, units as written, 七成六 = 76 %, 一吨半 = 1.5 吨, 五元三毛 = 5.3 元,
comparisons in words as low/high) are those of docs/annotation/quantities.md; subjects are read by
extractors/quantity_subjects.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter

from zhnews.extractors.dates import extract_dates
from zhnews.extractors.numbers import (
    ARABIC, ARABIC_X, CN_CHARS, NUMERAL_RE, Numeral, big_suffix, close_spaces, parse_number, read_numeral,
)
from zhnews.extractors.quantity_exclusions import split_alternation
from zhnews.extractors.quantity_lists import carry_lists, clip_subjects, shared_units
from zhnews.extractors.quantity_subject_before import action_subject, adverb_after, after_event_verb, rank_start
from zhnews.extractors.quantity_subjects import link_follows, subject_after, subject_before, trim_verbs
from zhnews.extractors.types import DateMatch, QuantityMatch
from zhnews.gazetteers.quantities import Unit, alternation, load

_DATA = load()
_UNITS = _DATA.units
_UNIT_RE = re.compile(alternation(list(_UNITS)))
# 2分菜地: 分 is a land measure only before a word for land (land_units.tsv); _UNIT_RE never reads it alone.
_LAND_UNITS = {u: re.compile(alternation(list(nouns))) for u, nouns in _DATA.land_units}
_UNITS = {**_UNITS, **{u: Unit(u, "area", u) for u in _LAND_UNITS if u not in _UNITS}}
# 102.32点: index points, read only after a decimal (_level_unit); _UNIT_RE never reads 点 alone (3点 is a time).
_UNITS.setdefault("点", Unit("点", "number", "点"))
_LATIN_UNITS = frozenset(_DATA.latin_units)
_LATIN_UNIT_RE = re.compile(alternation(_DATA.latin_units))
_LETTER = re.compile(r"[A-Za-z]")
_APPROX_BEFORE_RE = re.compile(rf"(?:{alternation(_DATA.approx_before)})$")
_APPROX_WORD_RE = re.compile(rf"(?:{alternation(_DATA.approx_words)})$")
_APPROX_LAST = frozenset(w[-1] for w in _DATA.approx_before)
_APPROX_INSIDE = frozenset(_DATA.approx_inside)
_APPROX_AFTER_RE = re.compile(alternation(_DATA.approx_after))
_CONN_RE = re.compile(alternation(_DATA.connectors))


def _first_chars(words: Sequence[str]) -> frozenset[str] | None:
    """The characters a word of ``words`` starts with: where text holds none of them, the words' alternation
    cannot match and is not tried (a regex call per quantity saved, issue 18); None if a word is empty."""
    return None if any(not w for w in words) else frozenset(w[0] for w in words)


_APPROX_AFTER_FIRST = _first_chars(_DATA.approx_after)
_UNIT_FIRST = _first_chars(list(_DATA.units))  # the words of _UNIT_RE
_CONN_FIRST = _first_chars(_DATA.connectors)
_BETWEEN_CONN = _DATA.between_connectors
_BETWEEN_RE = re.compile(r"之间|间")
_COMPARE = _DATA.comparisons
_COMPARE_END_RE = re.compile(rf"(?:{alternation(list(_COMPARE))})$")
_COMPARE_LAST = frozenset(w[-1] for w in _COMPARE)  # 于: a cheap test before the search
_DIGIT = re.compile(r"[0-9０-９]")
_PREV_AMOUNT_RE = re.compile(r"(?<![0-9.])(?P<v>[0-9]+(?:\.[0-9]+)?)(?:%|％|个百分点)?[，,]$")
_COMPARE_NEXT_RE = re.compile(rf"(?:，|,)?(?:并且|而且|且|而|但|、)(?P<w>{alternation(list(_COMPARE))})")
# The lookahead lets most positions fail at once; every exclusion starts with one of these characters (“ for
# quoted event names). An ASCII character tries only the exclusions that can start with one, any other character
# only the rest (extractors/quantity_exclusions.py: the same matches; ~40% less time on digit-dense text, ~10% on news).
_EXCLUDE_FIRST_ASCII = r"0-9A-Za-z\-"
_EXCLUDE_FIRST_OTHER = rf"{CN_CHARS}“第上下长珠金双拾统唯同进工之千百三农峡亚川五八七十九万成数－"
_EXCLUDE_FIRST = rf"[{_EXCLUDE_FIRST_ASCII}{_EXCLUDE_FIRST_OTHER}]"
_EXCLUDE_RE = split_alternation([p for p, _ in _DATA.exclusions], _EXCLUDE_FIRST_ASCII, _EXCLUDE_FIRST_OTHER)
_QUOTED_RE = re.compile(r"[“\"「『‘]([^”\"」』’\n]{1,10})[”\"」』’]|《[^》\n]{0,80}》")
_CHEAP = re.compile(rf"[0-9０-９{CN_CHARS}半番]")
# Quotes around a bare amount are no label (section 8): 提升的“0.76”, 占比“17.6%”, 参观人数“第一”; “916”, “12345” stay codes.
_QUOTED_AMOUNT_RE = re.compile(r"[0-9]+[.．][0-9]+[%％]?|[0-9]+[%％]|第[一二三四五六七八九十]")
# 一 + these is mostly the article "a" (一项重要原则, 一份协议, 一条路子), not a count of one.
_ARTICLE_UNITS = frozenset({"种", "项", "份", "条", "颗", "套", "股", "片", "轮", "番", "幅", "批", "班", "趟"})
# Before 一 + measure word, these make it an article or a demonstrative (这一天, 作为一名, 是一个, 新一轮).
_ARTICLE_BEFORE = ("作为", "成为", "这", "那", "哪", "新", "另", "是", "成", "为", "如", "像", "同", "每", "打开")
# A cue of two characters or more may stand one verb before 一 (至少配|一名中医师, 只有剩|一个); a one-character
# cue (只, 仅, 各) must touch it.
_ONE_CUE_RE = re.compile(rf"(?:(?:{alternation([c for c in _DATA.count_one_cues if len(c) > 1])})"
                         rf"[\u4e00-\u9fff]?|{alternation(_DATA.count_one_cues)})$")
_SLASH_RE = re.compile(r"(?<![0-9./／])([0-9]{1,4})$")
_SLASH_N_RE = re.compile(r"[0-9]{1,4}(?![0-9./／])")

_PERCENT_WORD_RE = re.compile(rf"(?:百分之|千分之)(?P<n>{ARABIC_X}|[{CN_CHARS}点點]+)")
# 三成, 6成, 8.5成, 八点五成 (+ 半: 八成半; + a digit: 七成六 = 76%). Matched backwards from each 成.
_CHENG_NUM_RE = re.compile(
    r"(?:[一二两兩三四五六七八九十]{1,2}(?:[点點][一二三四五六七八九])?|[0-9０-９]{1,2}(?:[.．][0-9０-９])?|半)$"
)
_CHENG_NOT_AFTER = frozenset("本立为员功果绩就熟长都交品")
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_NUMERALISH = re.compile(rf"[{CN_CHARS}0-9０-９.．%％]")
# Discounts: 八折 = 80%, 75折 = 75%, 三八折 = 38%, 9.9折 = 99% (not 一波三折, 七折八扣, 折合, 折叠).
_ZHE_NUM_RE = re.compile(
    r"(?:[一二两兩三四五六七八九]{1,2}|[一二三四五六七八九][点點][一二三四五六七八九]"
    r"|[1-9１-９][0-9０-９]?(?:[.．][0-9０-９])?)$"
)
_ZHE_NOT_BEFORE = frozenset("波七百曲转挫周")
_ZHE_NOT_AFTER = frozenset("合算叠旧返腾射服扣衷中")
_URL_RE = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")
_ORDINAL_RE = re.compile(rf"第(?P<n>{ARABIC}|[{CN_CHARS}]+)")
_ORDINAL_NAME_UNITS = _DATA.ordinal_name_units
_ORDINAL_HEAD_RE = re.compile(rf"[\u4e00-\u9fff“”\"A-Za-z（）()]{{0,16}}?(?:{alternation(_DATA.ordinal_name_heads)})")
_FRACTION_D_RE = re.compile(rf"(?:{ARABIC}|[{CN_CHARS}]+)$")
_FRACTION_N_RE = re.compile(rf"{ARABIC}|[{CN_CHARS}点]+")
# 翻两番 -> span 两番, value 2, unit 番 (the number of doublings as written); 翻番 alone is one doubling.
_FAN_RE = re.compile(r"翻了?(?P<n>[一两二三四五1-5])?番")
_VAGUE_RE = re.compile(r"(?P<a>数|几|上|成)(?P<n>[十百千万亿]+)(?P<in>[余多])?")
# Kinds whose subject is the measured thing before the number first (全国城镇登记失业率为3.62%).
_MEASURE_KINDS = frozenset({"percent", "number", "multiple"})
# Bare 一 before these is an article or an idiom (一头雾水, 一口气), not a count.
_WEAK_ONE = frozenset("头口门片层段节块间对首笔期届道起股身阵番下手眼")
_BARE = _DATA.bare_counts  # 三大主攻方向, 中美两国, 京津冀三地
_AFTER_CN_FIRST = frozenset(u[0] for u in _UNITS) | _APPROX_INSIDE | frozenset("至到-—–~～－") | frozenset(_BARE)
# After a share these begin a predicate (贫困户100%|通生活用电), not the thing measured.
# 1000个|亿元以上技改项目: a size per item after the count (two mentions, section 7), not 1000 亿元.
_PER_ITEM_RE = re.compile(r"[亿万]元?(?:以上|以下)[\u4e00-\u9fff]")
_NUMERAL_LAST = frozenset("0123456789十百千万一二三四五六七八九两")
_VERB_WORDS = _DATA.verbs | _DATA.action_nouns
_ONE_CHAR_VERBS = frozenset("通用是为有达在到让使把被将向给来去按归作居")
# Before a duration these make it a time frame (未来25年|总发电量, 9月份一个月|减费, 他一天|至少走三四圈).
_TIME_FRAME_BEFORE = ("过去", "未来", "月份", "他", "她", "我", "每天", "今后")
# A duration's before-phrase starting with these is an adverbial (在北京打拼|10多年), not a subject.
_ADVERBIAL_FIRST = frozenset("在已正将曾从于到")
# A count's subject is read backwards (大中专院校18所) only when the quantity closes a clause.
_CLAUSE_END = frozenset("，,。、；;：:！!？?）)（(”\n 和与及")
_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_ARABIC_ONLY_UNITS = frozenset({"方", "度", "级", "平方", "立方", "集", "眼", "孔", "票", "章"})
# 一吨半 = 1.5 吨, 两米半 = 2.5 米, 三年半 = 3.5 年: 半 after a measure (not after a count: 一个半 is 个 + 半小时).
_HALF_KINDS = frozenset({"duration", "weight", "length", "area", "volume", "money", "other"})
_HALF_WORDS = _DATA.half_words
# 半年, 半小时, 半个月, 半斤: 半 alone before a measure is 0.5 (not 上半年, 一半, 大半, 多半, 过半).
_HALF_UNITS = [u for u, x in _UNITS.items()
               if x.kind in ("duration", "weight", "length", "area", "volume") and not _LETTER.search(u)]
_HALF_ALONE_RE = re.compile(rf"(?<![{CN_CHARS}0-9上下前后大多过一折对减夜个])半(?P<u>{alternation(_HALF_UNITS)})")
# Money in parts (money_parts.tsv): 五元三毛, 3元5角, 三角五分, 五毛钱, 三块五.
_MONEY_PARTS = _DATA.money_parts
_PART_DIGIT = rf"[{''.join(_CN_DIGIT_VALUE)}两0-9]"
_MONEY_TAIL_RE = re.compile(rf"(?P<j>{_PART_DIGIT})(?P<ju>[角毛])(?:(?P<f>{_PART_DIGIT})分)?钱?|(?P<f2>{_PART_DIGIT})分钱?")
_MONEY_ALONE_RE = re.compile(
    rf"(?<![{CN_CHARS}0-9])(?P<j>{_PART_DIGIT})(?P<ju>[角毛])(?:(?P<f>{_PART_DIGIT})分钱?|钱)"
)
_KUAI_TAIL_RE = re.compile(rf"(?P<j>{_PART_DIGIT})(?![\u4e00-\u9fff0-9A-Za-z.．])|(?P<j2>{_PART_DIGIT})(?=钱)")
# 7∶3 (the ratio sign, not a colon: 10:30 is a clock time): one mention, kind other, value 7/3.
_RATIO_RE = re.compile(r"(?<![0-9.])(?P<a>[0-9]+(?:\.[0-9]+)?)∶(?P<b>[0-9]+(?:\.[0-9]+)?)(?![0-9])")
_YEARISH = re.compile(r"(?:19|20)[0-9]{2}")
_TIME_AFTER_RE = re.compile(rf"[多余]?(?:{alternation(_DATA.time_after)})")
_ONE_YEAR_BEFORE_RE = re.compile(rf"(?:{alternation(_DATA.time_before_one_year)})$")
_ANNIVERSARY_RE = re.compile(rf"(?:{alternation(_DATA.anniversary_before)})$")
# 前五位, 前三名, 前五大: a rank range written out is a count with 前 in the span (not 目前3家, 此前5名).
_RANK_BEFORE_NOT = ("目前", "此前", "以前", "之前", "当前", "提前", "日前", "年前", "先前", "从前", "空前")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CURRENCY_BEFORE = ("人民币", "港币", "澳门币")
_ONE_HALF_RE = re.compile(rf"(?<![{CN_CHARS}0-9])一半(?![导岛径])")
_ADMIN_LEVELS = frozenset("省市县区乡镇村")
# 一 + classifier right before the end of a clause, after its noun (泵站一座，), is a count, not the article "a".
_ONE_CLOSES_RE = re.compile(r"[，,。；;！!？?）)]|$")
# 其中的一个。, 表扬了我一句。, 跑一趟，, 每到一处，: no counted noun before (a pronoun, a particle or a verb)
_ONE_CLOSES_NOT_AFTER = frozenset("的了着过是为有我你他她它们跑送转坐拆升到掉处上理走做看说去回漏吃喝写读买卖查问找等试用拿")
# Not counts when they close a clause: 一家 (a family), 成熟一批，, 仅此一项，, 死路一条, 空无一人, 大干一场, 一架又一架.
_ONE_CLOSES_NOT_UNITS = frozenset("家批项条人场种番片股架")
_PER_ONE_RE = re.compile(r"[0-9.]+[多余]?[万亿]?(?:元|块|吨|公斤|斤|千克|克)(?![的级])")
_REPEAT_UNITS = frozenset("次回趟遍")
# 10的15次方, 2的十次方: matched backwards from each 次方 (bounded: linear on hostile text, issue 18).
# The base never starts inside a numeral run (九千九百九十九的30次方 is not 百九十九的30次方).
_POWER_RE = re.compile(rf"(?<![0-9.{CN_CHARS}])(?P<b>[0-9]{{1,4}}(?:[.][0-9]{{1,4}})?|[{CN_CHARS}]{{1,12}})的(?P<x>-?[0-9]{{1,2}}|[{CN_CHARS}]{{1,3}})$")
_GENERIC_ONE_UNITS = frozenset("个位名家户种项所只条件")
# Before a bare 2019 these make it an amount (指数为2019，), not a year standing alone.
_YEAR_LINKS = frozenset("为是达到至和与及或约近超、-—~～0123456789.")
# 千亿, 百万, 万亿: a magnitude written without a digit before it (千亿级, not 三级, 两级)
_MAGNITUDE_ONLY_RE = re.compile(r"[十百千万亿]{2,3}")
_MAGNITUDE_CHARS = frozenset("万亿萬億")  # 7万农民, 14亿人口: a bare number with these counts
_FEW = frozenset("二两三四五六七八九十")
_ADMIN_RUN_RE = re.compile(r"[省市县区乡镇村、]{2,9}$")
_CJK_DIGIT = re.compile(r"[0-9０-９一二三四五六七八九]")
_PEOPLE_RE = re.compile(r"人次?(?:以上|以下|左右|多|余)?$")
_YEAR_MONTHS_RE = re.compile(r"零?(?P<m>[一二两三四五六七八九十]{1,2}|[0-9]{1,2})个月")
# After a bare number these start a clause, not a counted noun (附件1和2|请扫描, 4|至14世纪).
_STOP_AFTER_START = re.compile(rf"(?:{alternation(list(_DATA.stops_after))}|[请至到点路的])")
# 一千二百三十四万五千六百七十八亿 is 16; with markers and spaces read through, 40 is ample (issue 18: linear time).
_LONGEST_NUMERAL = 40
# Units that may close a compound unit after / or 一 (元/吨, 架次/天, 微克/立方米, 1500元一平方米).
_PER_KINDS = frozenset({"duration", "area", "weight", "volume", "length", "count"})
_CENTS_AFTER_RE = re.compile(r"[/／](?:千瓦时|度|kWh)|钱")
# 二 (not 两) before these is a label: 二期工程, 白河二组, 二次革命, 二层, 二号隧道, 富二代 (二个, 二人 still count).
_TWO_LABEL_UNITS = frozenset({"期", "组", "次", "层", "号", "代", "线", "类", "级", "等", "届", "批", "轮", "档", "栋", "区"})
_PER_MEASURE_KINDS = frozenset({"weight", "length", "area", "volume"})
_PER_ENERGY = frozenset({"千瓦时", "兆瓦时", "度", "kWh"})  # 每千瓦时约0.667元, 0.5元/度: prices of energy


def _ending_at(text: str, literal: str, pattern: re.Pattern[str], width: int):
    """(start, pos, numeral) for each ``literal`` at pos with ``pattern`` (ending in $) right before it."""
    pos = text.find(literal)
    while pos != -1:
        m = pattern.search(text, max(0, pos - width), pos) if pos else None
        if m:
            yield m.start(), pos, m.group()
        pos = text.find(literal, pos + 1)


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
        self.bits[s:e] = _ONES[e - s] if e - s < 64 else b"\x01" * (e - s)


_ONES = tuple(b"\x01" * n for n in range(64))  # built once: most spans are short (no bytes made per claim)


@lru_cache(maxsize=8)
def _blocked(text: str, date_spans: tuple[tuple[int, int], ...] | None = None) -> tuple[tuple[int, int], ...]:
    """Spans whose numerals are dates, names or slogans (the dates' spans given by a caller that has
    them: finding dates again cost ~5% of the pipeline)."""
    spans = list(date_spans) if date_spans is not None else [(d.start, d.end) for d in extract_dates(text)]
    spans += [(m.start(), m.end()) for m in _EXCLUDE_RE.finditer(text) if m.end() > m.start()]
    spans += [(m.start(), m.end()) for m in _URL_RE.finditer(text)]  # %28, 2020 inside a web address
    for m in _QUOTED_RE.finditer(text):
        inner = m.group(1)
        if inner is None or _CHEAP.search(inner) and not _QUOTED_AMOUNT_RE.fullmatch(inner):
            spans.append((m.start(), m.end()))
    return tuple(spans)


def _approx_before(text: str, start: int) -> tuple[int, str | None]:
    """A marker written right before the numeral (近, 约, 最高不超过: stacked markers are taken together),
    unless it ends a word (签约9个, 最近3年: approx_words.tsv)."""
    s = start
    for _ in range(3):
        if text[s - 1:s] not in _APPROX_LAST:
            break
        m = _APPROX_BEFORE_RE.search(text, max(0, s - 4), s)
        if not m or _APPROX_WORD_RE.search(text, max(0, m.end() - 4), m.end()) and \
                _APPROX_WORD_RE.search(text, max(0, m.end() - 4), m.end()).start() < m.start():
            break
        s = m.start()
    return (s, text[s:start]) if s < start else (start, None)


def _unit_at(text: str, pos: int, chinese: bool, bare_one: bool) -> tuple[str | None, int]:
    """The unit written at pos, or (None, pos); 个多月 reads as 个月 with 多 inside. Units in Latin letters
    (168cm, 70 kg) only after Arabic digits, one space allowed, and never before another letter (5min)."""
    m = _UNIT_RE.match(text, pos) if _UNIT_FIRST is None or text[pos:pos + 1] in _UNIT_FIRST else None
    if m is None and not chinese and text.startswith(" ", pos):
        m = _LATIN_UNIT_RE.match(text, pos + 1)
    if not m:
        land = _LAND_UNITS.get(text[pos:pos + 1])
        if land is not None and land.match(text, pos + 1):
            return text[pos], pos + 1  # 2分|菜地
        return None, pos
    unit = m.group()
    if unit in _LATIN_UNITS and (chinese or _LETTER.match(text, m.end())) or _UNITS[unit].kind == "none":
        return None, pos  # 5min, 三m; 14亿人口 (人口 is a noun, units.tsv kind none)
    if chinese and unit in _ARABIC_ONLY_UNITS:
        return None, pos
    if bare_one and unit in _WEAK_ONE:
        return None, pos
    return unit, m.end()


_LEVEL_UNITS = ("级", "度", "点")  # what _level_unit reads (a look-up before the call: most numbers have none)


def _level_unit(text: str, ns: int, upos: int, chinese: bool, numeral: str) -> str | None:
    """Measure words that count only in one setting (docs/annotation/quantities.md section 6): administrative
    levels after the list of them (市县两级, 省市县三级: 级, a count), repeated actions (两度会晤: 度, a count;
    not 一度 "once", not 30度), index points after a decimal (指数为102.32点: 点, kind number)."""
    nxt = text[upos:upos + 1]
    few = numeral in _FEW  # 两级, 三度; not 千亿级 (a magnitude), 百度 (a name)
    if few and nxt == "级" and text[ns - 1:ns] in _ADMIN_LEVELS:
        return "级"
    if few and nxt == "度" and _CJK.match(text, upos + 1) and text[upos + 1] not in _NUMERAL_LAST:
        return "度"
    if not chinese and nxt == "点" and "." in numeral and not _CJK_DIGIT.match(text, upos + 1):
        return "点"
    return None


_POINT_WORDS = _DATA.point_words  # point_words.tsv by role (decision 47)
_POINT_NOUN_RE = re.compile(alternation(list(_POINT_WORDS["noun"])))


def _points(text: str, ns: int, upos: int, numeral: str, value: float) -> str | None:
    """What N点 is (decision 47): "count" before a noun it counts or after 以下/这 (分享3点体会, 做到以下3点),
    "index" after an index word or past 24 (上涨10点, 收于3000点), "clock" for any other 0-24 after an Arabic
    numeral (每天8点出门: a time of day, a date); None leaves it as before (一点, 两点之间, 102.32点)."""
    if _POINT_NOUN_RE.match(text, upos + 1) or text.endswith(_POINT_WORDS["lead"], max(0, ns - 2), ns):
        return "count"
    if _DIGIT.search(numeral) is None or value != int(value) or "." in numeral:
        return None
    if any(word in text[max(0, ns - 5):ns] for word in _POINT_WORDS["index"]) \
            or value > 24 and not _CJK.match(text, upos + 1):
        return "index"
    return "clock" if value <= 24 else None


def _point_subject(text: str, e: int, points: str, subject: tuple[int, int] | None) -> tuple[int, int] | None:
    """N点's subject: the listed noun after it (提出三点|希望, a noun jieba reads as a verb); none for points
    counted bare (以下3点); index points keep the measured thing without the index verb (沪指|收报|3000点)."""
    noun = _POINT_NOUN_RE.match(text, e)
    if noun:
        return e, noun.end()
    if points == "count" or subject is None:
        return None
    s, end = subject
    for word in _POINT_WORDS["index"]:
        if text.endswith(word, s, end):
            end -= len(word)
            break
    return (s, end) if end - s >= 2 else None


def _range_ends(text: str, ns: int, num: Numeral, value: float, num2: Numeral, below2: bool,
                above2: bool) -> tuple[float, float] | None:
    """(low, high) of a written range from its two numerals, units aside (5-10万 is 5万 to 10万; 零下 turns an
    end negative); None when low is not below high (21至21), no range."""
    lo = value
    if big_suffix(num.text) == 1.0:
        mult = big_suffix(num2.text)
        if mult > 1 and lo * mult <= num2.value:
            lo *= mult
    hi = -num2.value if below2 else num2.value
    if below2 and lo > hi:
        lo, hi = hi, lo  # 零下5至零下10摄氏度: [-10, -5]
    elif text.startswith("零下", ns) and hi > 0 and not above2:
        lo, hi = -hi, lo  # 零下10—30摄氏度: both ends below zero, [-30, -10]
    return (lo, hi) if lo < hi else None


def _connector_at(text: str, pos: int) -> re.Match[str] | None:
    """The range connector (至, 到, -) written at pos, if any."""
    if _CONN_FIRST is not None and text[pos:pos + 1] not in _CONN_FIRST:
        return None
    return _CONN_RE.match(text, pos)


def _is_article(text: str, ns: int, unit: str, upos: int) -> bool:
    """一 + measure word used as "a" (一项重要原则, 作为一名, 这一天, 新一轮, 一个传统乡村), doubled (一个个,
    一批批) or in 一年比一年; such a 一 counts nothing and is left out. 一 + a count classifier counts only
    after a cue of count_one_cues.tsv (只有一个孩子, 至少一名) or in a list (两所中学、一个补习班)."""
    if text.startswith(unit, upos) or text.startswith("比一" + unit, upos):
        return True  # 一个个历史瞬间, 一年比一年多
    if text[ns - 1:ns] == "比" and text.startswith(unit, upos - len(unit)) and text.endswith(unit, 0, ns - 1):
        return True  # the second 一年 of 一年比一年
    if text.endswith(_ARTICLE_BEFORE, max(0, ns - 2), ns):
        return True
    if text[ns - 1:ns] == "各":
        return False  # “A”“B”各一项: one each is a count (section 10, #34)
    if _UNITS[unit].kind != "count":
        return False  # 一斤, 一元, 一年: a measure is a quantity
    if _ONE_CLOSES_RE.match(text, upos) and text[ns - 1:ns] not in _ONE_CLOSES_NOT_AFTER and _CJK.match(text, ns - 1) \
            and unit not in _ONE_CLOSES_NOT_UNITS and not text.endswith(("最后", "其中", "此"), 0, ns) \
            and text[ns - 2:ns] not in _VERB_WORDS:
        return False  # 新建泵站一座，抽水房一间: 一 + classifier closing a clause after its noun counts it (一家 is a family)
    if _DIGIT.match(text, upos) and unit not in _GENERIC_ONE_UNITS and _PER_ONE_RE.match(text, upos):
        return False  # 一车30吨瓜菜, 一盒3409元: a load or a price per one (not 一台8000多元的农用车, 一支136人的队伍)
    if unit in _REPEAT_UNITS and text.find("每", max(0, ns - 5), ns) != -1:
        return False  # 每周一次, 每季度进行一次: a frequency counts
    if unit in _ARTICLE_UNITS:
        return True
    return not (_ONE_CUE_RE.search(text, max(0, ns - 4), ns) or text[ns - 1:ns] == "、" and not _one_list(text, ns))


def _one_list(text: str, ns: int) -> bool:
    """一个展览、一份备忘、|一场演出: a list whose previous item is itself 一 + a measure word is parallel
    articles, not counts (两所中学、|一个补习班 counts)."""
    cut = max(text.rfind(c, max(0, ns - 12), ns - 1) for c in "、，,“：:（(") + 1
    return text[cut:cut + 1] == "一" and cut > max(0, ns - 12)


def _kind(unit: str | None) -> str:
    return _UNITS[unit].kind if unit else "number"


def _norm_unit(unit: str | None) -> str | None:
    return _UNITS[unit].norm if unit else None


def _clean(v: float | None) -> float | None:
    """2.03亿 is 203000000, not 202999999.99999997: 12 significant digits are more than any news number has.
    A whole number below 1e12 already has at most 12 digits (most values: the formatting is skipped)."""
    if v is None:
        return None
    if -1e12 < v < 1e12 and v == int(v):
        return float(v)
    return _twelve_digits(v)


@lru_cache(maxsize=4096)
def _twelve_digits(v: float) -> float:
    """Cached: formatting and reading back cost about three cache look-ups, and span-dense text repeats a few
    values (1.1.1.1…, issue 18)."""
    return float(f"{v:.12g}")


def _make(text: str, s: int, e: int, kind: str, value: float | None, rule: str, conf: float, *,
          low: float | None = None, high: float | None = None, approx: str | None = None,
          unit: str | None = None, subject: tuple[int, int] | None = None,
          low_inclusive: bool | None = None, high_inclusive: bool | None = None) -> QuantityMatch:
    if low is not None and low_inclusive is None:
        low_inclusive = True  # 3至5个: a written range holds both ends
    if high is not None and high_inclusive is None:
        high_inclusive = True
    ss, se = subject if subject else (None, None)
    if value is not None:
        value = _clean(value)
    if low is not None:
        low, high = _clean(low), _clean(high)
    elif high is not None:
        high = _clean(high)
    return QuantityMatch(s, e, text[s:e], kind, value, rule, conf, low, high, approx, unit,
                         text[ss:se] if subject else None, ss, se, low_inclusive, high_inclusive)


def _subject(text: str, s: int, e: int, kind: str, blocked: _Mask, taken: _Mask, *, bare_one: bool = False,
             direct_only: bool = False) -> tuple[int, int] | None:
    """The subject span by kind: counted nouns after the classifier first (S1), measured things before the
    number first (S2) for shares, multiples and bare numbers; an ordinal's is the ranked thing after it; a
    duration's is the activity after 的 (为期8天的|短期学习交流) or a thing linked before (通关时间缩短到2小时)."""
    hit = blocked.hit
    floor = taken.bits.rfind(1, s - 40 if s > 40 else 0, s) + 1  # the previous quantity bounds S2 (max() costs more)
    if kind == "ordinal":  # 第一艘|集装箱船; 新中国成立|70周年
        if text.endswith(("周年", "年"), s, e):  # 联合国成立|75周年|活动: whose anniversary, before what follows
            return after_event_verb(text, trim_verbs(text, subject_before(text, s, floor=floor, link_needed=True))) \
                or subject_after(text, e, hit)
        after = subject_after(text, e, hit)
        rank = rank_start(text, s) if after is None else None
        ranked = subject_before(text, rank, floor=floor) if rank is not None and rank > floor else None
        if ranked is not None and any(c in _NUMERAL_LAST for c in text[ranked[0] - 1:ranked[1]]):
            ranked = None  # 连续两年|位列全国第一, 189个国家和地区中|排名: amounts read later, no ranked thing
        return ranked or after
    if text.startswith("的", e) and kind != "duration" and not _CHEAP.match(text, s) and text[s] not in "几数上前第每约":
        bound = subject_before(text, s, floor=floor)  # 费率|高于16%的省份, 年销量近3000万辆的较高水平
        if bound is not None:
            return bound
    if kind in _MEASURE_KINDS:
        if text.startswith("的", e):  # 三分之一的学生, 2/3以上的土地
            return subject_after(text, e, hit, via_de=True) or subject_before(text, s, floor=floor)
        read_after = "\u4e00" <= text[e:e + 1] <= "\u9fff" and text[e] not in _ONE_CHAR_VERBS  # _CJK, no call
        after = subject_after(text, e, hit) if read_after else None  # 超过60%|人口, 1/3以上|贸易, 国家7|部委
        if after:
            return after
        before = subject_before(text, s, floor=floor)
        if before is not None or text[e:e + 1] in _ONE_CHAR_VERBS:
            return before  # 六成|归村集体: a one-character verb after a share starts its predicate
        return after if read_after else subject_after(text, e, hit)  # read once (issue 18: 1至21至2…)
    clause_end = e >= len(text) or text[e] in _CLAUSE_END  # read by durations and counts only
    if kind == "duration":  # 为期8天的|短期学习交流, 7年|时间, 协同发展|5年, 通关时间缩短到|2小时
        after = subject_after(text, e, hit, via_de=True, relative=False)
        if after is not None and after[0] == e and text[e] in _ONE_CHAR_VERBS:
            after = None  # 连续12年|居全国前列: a one-character verb starts the predicate
        if text.startswith("的", e):
            after = _activity_after(text, e + 1, after)
        if not text.startswith(("的", "时间"), e) and adverb_after(text, after):
            return None  # 提前一年|基本实现, 7个月|顺利贯通: an adverb, the duration measures nothing named
        frame = s == 0 or text[s - 1] in _CLAUSE_END or text.endswith(_TIME_FRAME_BEFORE, 0, s)
        if after and frame and not text.startswith(("的", "时间"), e) and "岁" not in text[s:e]:
            after = None  # 5年|过去, 一天|办结, 未来25年|总发电量: a time frame before the predicate (an age is none)
        if after:
            return after
        if not clause_end:  # 增速|连续|12年|居全国前列, 总运动时间|控制在|30—40分钟|即可: only a linked thing
            if text.startswith(("以来", "来", "内", "间", "里", "中"), e):
                return None  # 6个月以来: a time frame
            return subject_before(text, s, floor=floor, link_needed=True)
        before = subject_before(text, s, floor=floor)  # 协同发展|5年, 重污染天数|49天
        if before and text[before[0]] in _ADVERBIAL_FIRST and not subject_before(text, s, floor=floor, link_needed=True):
            return None  # 在北京中关村打拼|10多年, 已在乡镇工作|8年: an adverbial, not what lasts
        return before
    after = subject_after(text, e, hit, via_de=not direct_only)
    if after and _PEOPLE_RE.search(text, s, e) and not text.startswith("的", e):
        after = None  # 6人|受重伤, 数百万人|流离失所: 人 names the counted; what follows is what they do
    if after or bare_one and not (clause_end and kind == "count") or direct_only:
        return after  # a bare 一 takes no noun before it, unless it closes the clause (泵站|一座，)
    if kind == "count" and not clause_end and not link_follows(text, e):
        return None  # 800户|申报…, 约50人|死亡: the counted ones act; the place before them is no subject
    return subject_before(text, s, floor=floor)


# After the activity a duration measures, the clause goes on with its predicate or ends (四天的救护|还是没能…).
_ACTIVITY_END_RE = re.compile(r"[，,。；;！!？?、）)”\n]|[让使还也都就是中里]")


def _activity_after(text: str, start: int, after: tuple[int, int] | None) -> tuple[int, int] | None:
    """A duration measures an activity, often a verb used as a noun (3天的全国|哀悼, 6年多的渔民|生活, 四天的|救护):
    a two-character verb right after the S1 phrase (or right after 的) heads it when the clause then ends or its
    predicate starts."""
    k = after[1] if after is not None else start
    if text[k:k + 2] in _VERB_WORDS and _ACTIVITY_END_RE.match(text, k + 2):
        return (after[0] if after is not None else start), k + 2
    return after


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
            sub = {}
            if q.subject_start is not None:
                ss, se = index[q.subject_start], index[q.subject_end - 1] + 1
                sub = {"subject_start": ss, "subject_end": se, "subject": text[ss:se]}
            out.append(replace(q, start=s, end=e, text=text[s:e], **sub))
        return out
    except Exception:  # an extractor must not stop a batch; scripts/survey_quantities.py reports these
        return []


def _approx_after(text: str, e: int, approx: str | None, *, bare: bool = False) -> tuple[int, str | None]:
    if _APPROX_AFTER_FIRST is not None and text[e:e + 1] not in _APPROX_AFTER_FIRST:
        return e, approx
    am = _APPROX_AFTER_RE.match(text, e)
    if am and am.group() == "上下" and _CJK.match(text, am.end()):
        return e, approx  # 21家上下游公司, 上下级: a word, not "about"
    if am and (not bare or am.group() in ("以上", "左右", "多", "余", "以下", "以内")):
        if not (am.group() == "多" and _UNIT_RE.match(text, am.end())):
            return am.end(), approx or am.group()
    return e, approx


def _specials(text: str, blocked: _Mask, taken: _Mask, out: list[QuantityMatch]) -> None:
    """Forms that do not fit numeral+unit: 百分之四十, 三成, 七成六, 九折, 第一, 三分之一, 翻两番, 上万, 半年,
    三角五分, 7∶3."""

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
            e, a = _approx_after(text, m.end(), a, bare=True)
            unit = "%" if m.group().startswith("百") else "‰"  # 千分之五 = 5 ‰, as written
            add(_make(text, s, e, "percent", v, "percent.word", 0.95, approx=a, unit=unit,
                      subject=_subject(text, s, e, "percent", blocked, taken)))
    for ms, pos, n in _ending_at(text, "成", _CHENG_NUM_RE, 4):
        if text[pos + 1:pos + 2] in _CHENG_NOT_AFTER and pos + 1 < len(text):
            continue
        if n == "半":
            if ms and text[ms - 1] in CN_CHARS + "0123456789大多过一":
                continue  # 一半成, 大半成: not 半成 = 5%
            v = 0.5
        else:
            v = parse_number(n)
        half = n != "半" and text.startswith("半", pos + 1)
        me = pos + 2 if half else pos + 1
        tenth = text[pos + 1:pos + 2]
        if n != "半" and not half and tenth in _CN_DIGIT_VALUE and tenth != "零" \
                and not _UNIT_RE.match(text, pos + 2) and not _NUMERALISH.match(text, pos + 2):
            me = pos + 2  # 七成六 = 76%
        if v is None or v > 10 or not free(ms, me):
            continue
        if ms and text[ms - 1] in CN_CHARS + "0123456789０１２３４５６７８９.．建完促达组形构变合收":
            continue
        if half:
            v += 0.5  # 三成半 = 35%
        elif me == pos + 2:
            v += _CN_DIGIT_VALUE[tenth] / 10
        s, a = _approx_before(text, ms)
        e, a = _approx_after(text, me, a, bare=True)
        add(_make(text, s, e, "percent", round(v * 10, 6), "percent.cheng", 0.85, approx=a, unit="%",
                  subject=_subject(text, s, e, "percent", blocked, taken)))
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
            v = None if v is None or v2 is None else v * 10 + v2  # 三八折 = 38%, 九九折 = 99%
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
            s, a = _approx_before(text, ds)
            e, a = _approx_after(text, mn.end(), a, bare=True)
            add(_make(text, s, e, "number", n / d, "number.fraction", 0.9, approx=a,
                      subject=_subject(text, s, e, "number", blocked, taken)))
    for ds, pos, dtext in _ending_at(text, "/", _SLASH_RE, 5):  # 1/3, 2/3 of ...
        mn = _SLASH_N_RE.match(text, pos + 1)
        if mn and int(mn.group()) > 0 and free(ds, mn.end()):
            s, a = _approx_before(text, ds)
            e, a = _approx_after(text, mn.end(), a, bare=True)
            add(_make(text, s, e, "number", int(dtext) / int(mn.group()), "number.fraction", 0.8, approx=a,
                      subject=_subject(text, s, e, "number", blocked, taken)))
    for ps, pos, _ in _ending_at(text, "次方", _POWER_RE, 20) if "次方" in text else ():
        m = _POWER_RE.search(text, ps, pos)  # 10的15次方赫兹 = 1e15 赫兹: a power written in words
        b, x = parse_number(m.group("b")), parse_number(m.group("x"))
        if b is not None and x is not None and abs(x) <= 30 and b != 0 and free(ps, pos + 2):
            unit, e = _unit_at(text, pos + 2, False, False)
            kind = _kind(unit)
            add(_make(text, ps, e, kind, _clean(float(b) ** x), "number.power", 0.8, unit=_norm_unit(unit),
                      subject=_subject(text, ps, e, kind, blocked, taken)))
    for m in _RATIO_RE.finditer(text) if "∶" in text else ():
        if free(m.start(), m.end()) and float(m.group("b")) > 0:
            floor = taken.bits.rfind(1, max(0, m.start() - 40), m.start()) + 1
            add(_make(text, m.start(), m.end(), "other", float(m.group("a")) / float(m.group("b")), "ratio", 0.8,
                      subject=subject_before(text, m.start(), floor=floor)))
    for m in _FAN_RE.finditer(text) if "番" in text else ():
        s = m.start("n") if m.group("n") else m.start()
        if free(s, m.end()):
            k = parse_number(m.group("n")) if m.group("n") else 1.0
            add(_make(text, s, m.end(), "multiple", k, "multiple.fan", 0.85, unit="番",
                      subject=subject_before(text, m.start())))
    for m in _ORDINAL_RE.finditer(text):
        s, e = m.start(), m.end()
        num = read_numeral(text, m.start("n"), m.end("n"))
        if num is None or num.value is None or not free(s, e):
            continue
        chinese = not m.group("n")[0].isdigit()
        unit, e2 = _unit_at(text, e, chinese, False)
        if unit in _ORDINAL_NAME_UNITS or unit in ("次", "期", "轮") and _ORDINAL_HEAD_RE.match(text, e2):
            taken.add(s, e2)  # 第二届高峰论坛, 第十二次集体学习: the ordinal is part of a name
            continue
        if text[s - 1:s] in ("项", "个") and text[s - 2:s - 1] in _NUMERAL_LAST:
            continue  # 创下3项第一: the firsts are what the count counts, no rank
        if unit is None and text.startswith("大", e):
            e2 = e + 1  # 世界第二大经济体
        add(_make(text, s, e2, "ordinal", num.value, "ordinal.di", 0.9, unit=_norm_unit(unit),
                  subject=_subject(text, s, e2, "ordinal", blocked, taken)))
    for m in _VAGUE_RE.finditer(text):
        s = m.start()
        if not free(s, m.end()) or (m.group("a") == "上" and m.group("n")[0] == "十"):
            continue
        if m.group("a") == "成" and not text.startswith("上", m.end()):
            continue
        e = m.end()
        unit, e2 = _unit_at(text, e, True, False)
        bare = unit is None and m.group("a") in ("上", "数") and m.group("n")[-1] in "万亿"
        if unit is None and m.group("a") != "成" and not bare:
            continue
        # 几百亩 -> 100, 数十万兰特 -> 100000, 上万人 -> 10000: the magnitude, the vague word in approx
        value = parse_number("一" + m.group("n")) if m.group("a") != "成" else None
        kind = _kind(unit) if unit else ("count" if bare else "number")
        if kind == "duration" and _TIME_AFTER_RE.match(text, e2):
            taken.add(s, e2)
            continue  # 几十年前: a point in time
        subject = _subject(text, s, e2, kind, blocked, taken, direct_only=bare)
        if bare and subject is None:
            continue  # 上万 alone: nothing says what
        add(_make(text, s, e2, kind, value, "quantity.vague", 0.5, approx=m.group("a"),
                  unit=_norm_unit(unit), subject=subject))
    for m in _HALF_ALONE_RE.finditer(text) if "半" in text else ():
        if free(m.start(), m.end()) and text[m.end():m.end() + 1] not in ("天", "夜"):
            unit = m.group("u")
            if _TIME_AFTER_RE.match(text, m.end()):
                taken.add(m.start(), m.end())
                continue  # 半年前: a point in time (a date)
            s, a = _approx_before(text, m.start())
            e, a = _approx_after(text, m.end(), a)
            add(_make(text, s, e, _kind(unit), 0.5, "quantity.half", 0.8, approx=a, unit=_norm_unit(unit),
                      subject=_subject(text, s, e, _kind(unit), blocked, taken)))
    for m in _ONE_HALF_RE.finditer(text) if "一半" in text else ():
        if free(m.start(), m.end()):  # 塌了一半的教学楼: a fraction, 0.5 (section 10, #29)
            s, a = _approx_before(text, m.start())
            e, a = _approx_after(text, m.end(), a, bare=True)
            add(_make(text, s, e, "number", 0.5, "number.fraction", 0.8, approx=a,
                      subject=_subject(text, s, e, "number", blocked, taken)))
    for m in _PER_ITEM_RE.finditer(text) if "以" in text else ():
        s, e = m.start(), m.end() - 1
        if text[s - 1:s] == "个" and text[s - 2:s - 1] in _NUMERAL_LAST and free(s, e):
            unit_end = s + 2 if text.startswith("元", s + 1) else s + 1
            add(_make(text, s, e, "money", 1e8 if text[s] == "亿" else 1e4, "money.per_item", 0.7,
                      approx=text[unit_end:e], unit="元", subject=subject_after(text, e, blocked.hit)))
    for m in _MONEY_ALONE_RE.finditer(text) if "角" in text or "毛" in text else ():
        if free(m.start(), m.end()):
            v = _part_value(m.group("j")) * _MONEY_PARTS[m.group("ju")]
            if m.group("f"):
                v += _part_value(m.group("f")) * _MONEY_PARTS["分"]
            add(_make(text, m.start(), m.end(), "money", round(v, 6), "money.parts", 0.8, unit="元"))


def _part_value(c: str) -> float:
    return float(_CN_DIGIT_VALUE.get(c, 2 if c == "两" else c) if not c.isdigit() or c in _CN_DIGIT_VALUE else c)


_START = attrgetter("start")


def _extract(text: str, date_spans: tuple[tuple[int, int], ...] | None = None) -> list[QuantityMatch]:
    if not text or not _CHEAP.search(text):
        return []
    blocked = _Mask(len(text), _blocked(text, date_spans))
    out: list[QuantityMatch] = []
    taken = _Mask(len(text))
    _specials(text, blocked, taken, out)
    taken_bits, blocked_bits = taken.bits, blocked.bits
    for m in NUMERAL_RE.finditer(text):
        ns, ne = m.span()
        if ne - ns == 1 and text[ns] in CN_CHARS and (ne >= len(text) or text[ne] not in _AFTER_CN_FIRST) \
                and not (text[ns - 1:ns] in _COMPARE_LAST and _COMPARE_END_RE.search(text, max(0, ns - 5), ns)):
            continue  # 一些, 统一: a lone Chinese numeral needs a unit (or 余/多) right after it
        if text[ns] == "零" and ne - ns == 1 and text[ne:ne + 1] in ("下", "上"):
            continue  # 零下5度, 零上10度: below or above zero, the sign of the numeral after it
        if taken_bits.find(1, ns, ne) != -1 or blocked_bits.find(1, ns, ne) != -1:
            continue
        while ne > ns + 1 and text[ne - 1] in "多余几来":
            ne -= 1
        if ns and text[ns - 1] == "负":
            ns -= 1
        elif ns and text[ns - 1] in "-−－" and (ns < 2 or not (text[ns - 2].isdigit() or text[ns - 2] in CN_CHARS)):
            ns -= 1
        if ne - ns > _LONGEST_NUMERAL:
            continue  # a run of digits (a code, noise): no numeral is that long, and reading it is quadratic
        num = read_numeral(text, ns, ne)
        if num is None:
            k, last = ns + 1, min(ne, ns + 3)
            while num is None and k < last:  # 队伍3.28万: restart after a character that did not read
                num = read_numeral(text, k, ne)
                ns, k = k, k + 1
            if num is None:
                continue
        if ns < m.start() and taken_bits.find(1, ns, m.start()) != -1:
            continue  # a sign taken in (负, -) was claimed; the rest, inside the match, was checked above
        if ns > 1 and text[ns - 2:ns] == "零下" and num.value is not None and num.value > 0:
            ns -= 2  # 零下5度 = -5 度, 零下十几摄氏度: below zero is a minus sign, inside the span like 负
            num = Numeral(ns, ne, text[ns:ne], -num.value, approx=num.approx)
        q = _read_quantity(text, ns, ne, num, blocked, taken)
        if q is None:
            continue
        if isinstance(q, tuple):  # an article 一 or a name: claimed, nothing emitted
            taken.add(*q)
            continue
        qs, qe = q.start, q.end
        if taken_bits.find(1, qs, qe) != -1:
            continue  # a marker or a unit reached into a quantity already read
        prev = out[-1] if out else None
        if prev is not None and prev.end == qs and q.kind == "money" and q.unit == "元" and prev.value == 1 \
                and prev.kind in _PER_MEASURE_KINDS and prev.text[:1] == "一" and prev.unit is not None:
            # 一斤4块多钱: a price with its measure written right before it is one mention, 元/斤 (section 2)
            q = replace(q, start=prev.start, text=text[prev.start:q.end], unit=f"元/{prev.unit}",
                        subject=prev.subject, subject_start=prev.subject_start, subject_end=prev.subject_end)
            out.pop()
            qs = q.start
        out.append(q)
        taken.add(qs, qe)
    out.sort(key=_START)
    return clip_subjects(text, carry_lists(text, out) if "分别" in text else shared_units(text, out))


def _read_quantity(text: str, ns: int, ne: int, num: Numeral, blocked: _Mask,
                   taken: _Mask) -> QuantityMatch | tuple[int, int] | None:
    """numeral + unit, with everything around it: markers, 半, money parts, compound units, ranges,
    comparisons, N大 / N国, bare magnitudes before a noun. None to skip, (start, end) to claim silently."""
    # an ASCII digit first settles it without the search (most numerals of span-dense text: 1.1.1.…)
    nt = num.text
    chinese = not "0" <= nt[:1] <= "9" and _DIGIT.search(nt) is None
    yearish = len(nt) == 4 and _YEARISH.fullmatch(nt) is not None  # a year has 4 digits: 1 regex call less
    if len(nt) == 1 and nt in _FINANCIAL:
        return None  # 队伍, 陆续, 拾起: a lone financial numeral is a word
    bare_one = nt in ("一", "壹")
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
    low_inc = high_inc = None
    rule = "quantity.range" if value is None else "quantity.unit"
    # inside marker: 20余所, 十多个
    if pos < len(text) and text[pos] in _APPROX_INSIDE and _UNIT_RE.match(text, pos + 1):
        approx = approx or text[pos]
        pos += 1
    unit, upos = _unit_at(text, pos, chinese, bare_one)
    level = None
    if unit is None and value is not None and not bare_one and text[upos:upos + 1] in _LEVEL_UNITS:
        level = _level_unit(text, ns, upos, chinese, num.text)
        if level is not None:
            unit, upos = level, upos + 1
    points = None
    if unit is None and value is not None and not bare_one and text.startswith("点", upos):
        points = _points(text, ns, upos, num.text, value)
        if points == "clock":
            return ns, upos + 1  # 每天8点出门, 已快12点: a time of day is a date, no quantity (section 8)
        if points is not None:
            unit, upos = "点", upos + 1
    magnitude_level = unit is None and chinese and value is not None and text.startswith("级", upos) \
        and _MAGNITUDE_ONLY_RE.fullmatch(num.text) is not None
    if magnitude_level:
        upos += 1  # 千亿级产业集群: a bare magnitude + 级 is a number, unit null (section 10, #14)
    elif unit is None and chinese and text[upos:upos + 1] not in _BARE and text[ns - 1:ns] not in _COMPARE_LAST \
            and not _connector_at(text, upos) and not text.startswith("华诞", upos):
        return None  # 一些, 统一, 十分: Chinese numerals count only with a unit (early, most of them)
    # 个多月, 个半小时: a marker inside a two-part unit (个半小时 = 1.5 小时)
    if unit == "个" and upos < len(text) and text[upos] in "多半":
        u2, u2pos = _unit_at(text, upos + 1, chinese, bare_one)
        if u2 in ("月", "小时", "星期", "工作日"):
            if text[upos] == "半" and value is not None:
                value += 0.5
            else:
                approx = approx or text[upos]
            unit, upos = "个" + u2 if "个" + u2 in _UNITS else u2, u2pos
    if bare_one and unit is not None and _is_article(text, ns, unit, upos):
        return ns, upos
    # 7.3个亿: money in 亿 with 元 left out
    if unit == "个" and value is not None and text[upos:upos + 1] in ("亿", "万") \
            and not _PER_ITEM_RE.match(text, upos):
        value *= 1e8 if text[upos] == "亿" else 1e4
        upos += 1
        unit = "元"
        if text.startswith("元", upos):
            upos += 1
    kind = "count" if level in ("级", "度") or points == "count" else "number" if level == "点" \
        else _UNITS[unit].kind if unit else "number"
    if unit is None and value is not None and text.startswith("分", upos) and _CENTS_AFTER_RE.match(text, upos + 1):
        value, unit, kind, upos = value / 100, "元", "money", upos + 1  # 3.4分/千瓦时, 5分钱: cents of 元 (section 6)
        upos += text.startswith("钱", upos)
    norm = _UNITS[unit].norm if unit else None
    if unit is not None:  # what a unit brings (a bare number, most of span-dense text, skips it all)
        if num.text == "二" and unit in _TWO_LABEL_UNITS and level is None:
            return ns, upos  # 二期工程, 白河二组, 二次革命, 二层以上, 森村二号, 富二代: a label (a count says 两)
        if num.text in ("百", "千", "万") and unit in ("年", "代") and pos == ne and num.approx is None \
                and _CJK.match(text, upos) and text[upos] not in "来以的前后间里内中多余":
            return ns, upos  # 百年风云, 百年大变局, 千年古城: a figure of speech (上百年, 几百年 are read as vague amounts)
        # 一吨半, 两米半, 三年半: 半 after a measure adds a half (not 两年半导体: half_words.tsv)
        if value is not None and kind in _HALF_KINDS and text.startswith("半", upos) \
                and text[upos:upos + 2] not in _HALF_WORDS and text[upos:upos + 3] not in _HALF_WORDS:
            value += 0.5
            upos += 1
        # 四年零八个月 = 4.6667 年: a duration in years and months is one mention in the larger unit (section 10, #19)
        if unit == "年" and value is not None and approx is None:
            ym = _YEAR_MONTHS_RE.match(text, upos)
            if ym:
                months = parse_number(ym.group("m"))
                if months is not None and 0 < months < 12:
                    value, upos = value + months / 12, ym.end()
        # 五元三毛, 3元5角, 三块五: money in parts is one amount in 元
        if kind == "money" and norm == "元" and value is not None:
            mt = _MONEY_TAIL_RE.match(text, upos)
            if mt and (mt.group("j") or mt.group("f2")):
                if mt.group("j"):
                    value += _part_value(mt.group("j")) * _MONEY_PARTS[mt.group("ju")]
                    if mt.group("f"):
                        value += _part_value(mt.group("f")) * _MONEY_PARTS["分"]
                else:
                    value += _part_value(mt.group("f2")) * _MONEY_PARTS["分"]
                value = round(value, 6)
                upos = mt.end()
        elif unit == "块" and value is not None and text.startswith("半", upos) and not _CJK.match(text, upos + 1):
            value, upos, kind, norm = value + 0.5, upos + 1, "money", "元"  # 一块半 = 1.5 元
        elif unit == "块" and value is not None and text[upos:upos + 2] in ("多钱", "来钱", "余钱"):
            approx, upos, kind, norm = approx or text[upos], upos + 2, "money", "元"  # 4块多钱 = about 4 元
        elif unit == "块" and value is not None:
            kt = _KUAI_TAIL_RE.match(text, upos)
            if kt:  # 三块五 = 3.5 元
                value = round(value + _part_value(kt.group("j") or kt.group("j2")) / 10, 6)
                upos, kind, norm = kt.end(), "money", "元"
        # compound units: 2万元/吨, 10.24架次/天, 96微克/立方米, 1500元一平方米
        if upos < len(text) and (text[upos] in "/／" or text[upos] == "一" and kind == "money"):
            per, ppos = _unit_at(text, upos + 1, False, False)
            if per is not None and (_UNITS[per].kind in _PER_KINDS or per in _PER_ENERGY and kind == "money") \
                    and not (per == "个" and text[ppos:ppos + 1] in "月小"):
                norm = f"{norm}/{_norm_unit(per)}"
                kind = "money" if kind == "money" else "other"
                upos = ppos
    # written range: 3至5年, 5-10万元, 3年至5年; 位于20和30之间 (和/与 only before 之间)
    between_end = None
    cm = _connector_at(text, upos)
    if cm and value is not None:
        below2 = text.startswith("零下", cm.end())  # 零下5至零下10摄氏度 (零上: above zero, the sign as written)
        above2 = text.startswith("零上", cm.end())
        m2 = NUMERAL_RE.match(text, cm.end() + 2 * (below2 or above2))
        if m2 and not blocked.hit(m2.start(), m2.end()):
            num2 = read_numeral(text, m2.start(), m2.end())
            # the ends first: where they make no range (21至21…), the second unit is never read
            ends = None if num2 is None or num2.value is None \
                else _range_ends(text, ns, num, value, num2, below2, above2)
            if ends is not None:
                pos2 = m2.end()
                if pos2 < len(text) and text[pos2] in _APPROX_INSIDE and _UNIT_RE.match(text, pos2 + 1):
                    pos2 += 1
                unit2, upos2 = _unit_at(text, pos2, _DIGIT.search(num2.text) is None, False)
                bm = _BETWEEN_RE.match(text, upos2)
                if cm.group() in _BETWEEN_CONN and not bm:
                    pass  # 3个和5个: two quantities, not a range
                elif (unit is None or unit2 == unit) and (unit2 is not None or not chinese or bm):
                    (low, high), value = ends, None
                    unit, upos = unit2, upos2
                    norm, kind = _norm_unit(unit), _kind(unit)
                    rule = "quantity.range"
                    if bm:
                        between_end = bm.end()
    # comparisons in words: 大于20 -> low 20 (open), 不低于60分 -> low 60; 大于二十且小于等于三十五 -> (20, 35]
    cmp = _COMPARE_END_RE.search(text, max(0, ns - 5), ns) \
        if value is not None and text[ns - 1:ns] in _COMPARE_LAST else None
    if cmp:
        ap = _APPROX_BEFORE_RE.search(text, max(0, ns - 5), ns)
        if ap and ap.start() < cmp.start():
            cmp = None  # 不少于4次: an approximation marker, not 少于
        else:
            prev = _PREV_AMOUNT_RE.search(text, max(0, cmp.start() - 16), cmp.start())
            if prev and float(prev.group("v")) != value:
                cmp = None  # 失业率为5.2%，低于|5.5%的预期目标: the amount before is compared with this value
                # (降到16%，低于16%的省份 compares nothing with itself: a range)
    cmp_end = None
    if cmp:
        side, inc = _COMPARE[cmp.group()]
        if side == "low":
            low, low_inc, value = num.value if value is None else value, inc, None
        else:
            high, high_inc, value = num.value if value is None else value, inc, None
        rule = "quantity.compare"
        nx = _COMPARE_NEXT_RE.match(text, upos)
        if nx:
            side2, inc2 = _COMPARE[nx.group("w")]
            m2 = NUMERAL_RE.match(text, nx.end())
            if side2 != side and m2 and not blocked.hit(m2.start(), m2.end()):
                num2 = read_numeral(text, m2.start(), m2.end())
                unit2, upos2 = _unit_at(text, m2.end(), _DIGIT.search(m2.group()) is None, False)
                if num2 is not None and num2.value is not None and (unit2 == unit or unit2 is None):
                    if side2 == "low":
                        low, low_inc = num2.value, inc2
                    else:
                        high, high_inc = num2.value, inc2
                    cmp_end = upos2
    # no classifier, still a count: 三大主攻方向, 中美两国, 7万农民 (docs/annotation/quantities.md section 6)
    bare = None
    if unit is None and value is not None and not cmp and text[upos:upos + 1] in _BARE \
            and value == int(value) and 2 <= value <= 99:
        not_next, in_span, after = _BARE[text[upos]]
        nxt = text[upos + 1:upos + 2]
        if (_CJK.match(nxt) if after else True) and (not nxt or nxt not in not_next) \
                and not blocked.hit(upos, upos + 1):
            bare = (upos + 1 if in_span else upos, after)
    if bare is None and unit is None and chinese and not cmp and between_end is None and not magnitude_level \
            and not text.startswith("华诞", upos):
        return None  # 一些, 统一, 十分: Chinese numerals count only with a unit (七十华诞 is an anniversary)
    if unit is None and num.text.startswith("-") and ns and text[ns - 1].isdigit():
        return None
    if yearish and unit is None and bare is None and not cmp \
            and (_CJK.match(text, upos) or text[upos:upos + 1] in ("“", "《", '"')) \
            and not _UNIT_RE.match(text, upos):
        return ns, upos  # 2019中国教育机器人大赛: a year naming an event, not a number
    if yearish and unit is None and bare is None and not cmp and rule == "quantity.unit" \
            and (upos >= len(text) or text[upos] in "，,。；;！!") and text[ns - 1:ns] not in _YEAR_LINKS:
        return ns, upos  # 展望2019，, 2019，是您七十华诞: a year standing alone, not a number
    if yearish and rule == "quantity.range" and unit is None:
        return None  # 2017—2018学年度
    if yearish and (unit in ("届", "级") or unit == "年" and value is not None
                                        and text[upos:upos + 1] not in ("多", "余", "来", "以", "之", "的", "历")):
        return ns, upos  # 2019届毕业生, 2018级本科生, 超过2018年春节档: years, not counts or durations
    if kind == "duration" and value is not None and _TIME_AFTER_RE.match(text, upos):
        return ns, upos  # 三年前, 两年后, 一周多前: a point in time (a date), not a duration
    if kind == "duration" and bare_one and unit in ("年", "天") and _ONE_YEAR_BEFORE_RE.search(text, max(0, ns - 3), ns):
        return ns, upos  # 新的一年, 关键一年, 去年5月的一天, 终有一天: a period of the calendar, a point
    if unit == "年" and value is not None and _ANNIVERSARY_RE.search(text, max(0, ns - 2), ns) \
            and not text.startswith(("来", "以来", "间", "里", "的", "多", "余"), upos):
        kind = "ordinal"  # 紫禁城建成600年: an anniversary, like 70周年
    s, before = (cmp.start(), None) if cmp else _approx_before(text, ns) if text[ns - 1:ns] in _APPROX_LAST \
        else (ns, None)  # no marker can end before ns: _approx_before would find none
    if before and ns > s and blocked.hit(s, ns):
        s, before = ns, None
    if s == ns and text[s - 1:s] == "前" and (bare is not None and bare[1] or unit in ("位", "名", "人")) \
            and not text.endswith(_RANK_BEFORE_NOT, 0, s):
        s -= 1  # 世界前五大海运公司, 居投诉量前五位
    # 罚金人民币3万元: a currency word written right before the number is inside the span (section 2)
    if kind == "money" and s == ns and text.endswith(_CURRENCY_BEFORE, max(0, s - 4), s):
        s -= next(len(w) for w in _CURRENCY_BEFORE if text.endswith(w, 0, s))
    # 每吨300元, 每千瓦时约0.667元: the denominator written before the amount (and before its marker)
    if kind == "money" and (s == ns or before) and "/" not in (norm or "") and text[max(0, s - 4):s - 1].find("每") != -1:
        pm = text.find("每", max(0, s - 4), s)
        if pm != -1:
            per, ppos = _unit_at(text, pm + 1, True, False)
            if per is not None and ppos == s and (_UNITS[per].kind in _PER_KINDS or per in _PER_ENERGY) \
                    and _UNITS[per].kind != "duration":  # 村均每年|约30万元: a time frame stays out (section 2)
                s, norm = pm, f"{norm}/{_norm_unit(per)}"
    approx = before or approx
    e = between_end or cmp_end or (bare[0] if bare else upos)
    if between_end is None and cmp_end is None and bare is None:
        e, approx = _approx_after(text, e, approx, bare=unit is None)
    conf = 0.9 if unit else 0.6
    if bare_one:
        conf = 0.6
    if bare is not None:
        kind, rule = "count", "count.bare"
        subject = subject_after(text, bare[0], blocked.hit) if bare[1] else (upos, upos + 1)
    else:
        if unit is None and value is not None and not cmp and not magnitude_level \
                and not _MAGNITUDE_CHARS.isdisjoint(num.text):
            kind, rule = "count", "count.bare"  # 7万农民, 14亿人口, 激活用户数达1.37亿: a magnitude counts
        subject = _subject(text, s, e, kind, blocked, taken, bare_one=bare_one)
        if subject is None or subject[1] <= s:  # 通话|20多次, 11次|获奖: an action count's action word
            subject = action_subject(text, s, e, unit) or subject
        if subject is None and text[s - 1:s] == "各":  # “A”“B”各一项: the nearest conjunct (section 10, #34)
            subject = subject_before(text, s - 1, floor=taken.bits.rfind(1, max(0, s - 40), s) + 1)
        if subject is None and level == "级":  # 省市县|三级|加强…: the levels listed before
            run = _ADMIN_RUN_RE.search(text, max(0, s - 9), s)
            subject = (run.start(), s) if run and text[run.start()] != "、" else None
        if points is not None:
            subject = _point_subject(text, e, points, subject)
    if unit is None and kind == "number" and rule == "quantity.unit" and (not chinese or text.startswith("华诞", e)) \
            and value is not None and value == int(value) and 2 <= value <= 999 and "." not in num.text and not yearish:
        if text.startswith("华诞", e):  # 献礼新中国|70华诞: an anniversary
            before = subject_before(text, s, floor=taken.bits.rfind(1, max(0, s - 40), s) + 1)
            kind, subject = "ordinal", after_event_verb(text, trim_verbs(text, before))
        elif subject is not None and subject[0] == e and not _STOP_AFTER_START.match(text, e):
            # 国家7部委, 上述8省市, 等7城市: a small number right before a collective noun counts it (section 6)
            kind, subject = "count", (e, min(subject[1], e + 2))
    if unit is None and rule == "quantity.unit":
        rule = "number.bare"
    elif unit is None and rule == "quantity.range":
        rule = "number.range"
    return _make(text, s, e, kind, value, rule, conf, low=low, high=high, approx=approx, unit=norm,
                 subject=subject, low_inclusive=low_inc, high_inclusive=high_inc)
