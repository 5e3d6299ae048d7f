"""Subject boundaries kept apart from extractors/quantity_subjects.py so that module stays small
(docs/annotation/quantities.md section 7).

Before the number (S2):
- a comparison before the link (贷款余额|较年初|增加6600多亿元) names the reference, not the measured thing: the
  subject ends before 较/比, and is null when the clause starts there (，较年初增长近1100亿元); the phrase after a
  comparison word (高于|全国工业增加值增速|0.1个百分点) is a reference too;
- a verb with its object before the amount (银行发放|转贷款1000亿元): the object of the last verb is measured;
- a linked share names its measure whole (大班额占总班数比例|为|7.06%);
- an anniversary's subject starts after the last event verb (在庆祝|新中国成立70周年); a rank's ranked thing
  stands before the rank words (我国国内生产总值|稳居世界|第二位).
After the number (S1): a relative clause closed by 的 (90架|停靠廊桥的航班), a head after a quoted label
(3个“一带一路”|沿线国家), an adverb after a duration (提前一年|基本实现) is none.
Action counts (通话|20多次, 11次|获奖) take the action word next to the count.

Every function reads a bounded window (a few characters, or a run already cut to ``BEFORE_MAX`` or
``SUBJECT_MAX`` + 10), never the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from zhnews.gazetteers.quantities import alternation, load
from zhnews.gazetteers.quantities.subject_words import subject_words

_DATA = load()
# 比/较 starting a comparison: not inside 同比, 环比, 占比, 对比, 相比, 比例, 比重, 比较, 较高 …
_CMP_RE = re.compile(r"(?<![同环占对相正反无类好])比(?![例重赛较率值分拼从由为达是])|(?<![比相])较(?![高低大小多少好强快慢长短为之量])")
_CMP_REACH = 9
_CLAUSE_RE = re.compile(r"[，,。；;：:！!？?、（）()“”\"《》\n]")
_EVENT_RE = re.compile(alternation(sorted(_DATA.anniversary_verbs, key=len, reverse=True) or ["纪念"]))


def comparison_start(text: str, end: int, floor: int) -> int | None:
    """The position of 较/比 when the few characters before ``end`` are a comparison (较上月, 比年初, 比原来少),
    else None."""
    lo = max(floor, end - _CMP_REACH)
    found = None
    for found in _CMP_RE.finditer(text, lo, end):
        pass
    if found is None or found.end() >= end:
        return None  # 粮经作物比|从7∶3: 比 ending the phrase is a noun (ratio), with no reference after it
    if _CLAUSE_RE.search(text, found.end(), end):
        return None
    return found.start()


# Heads of bodies and places named by their function (调解工作室, 救助保护中心, 便民服务站).
_FUNCTION_HEADS = ("室", "中心", "站", "所", "馆", "院", "局", "处", "基地", "平台")


def object_start(run: str, cut: int, is_verb: Callable[[str, int], bool], measure: bool) -> int:
    """Where the object of the last verb in ``run[cut:]`` starts (计划实施|扶贫项目, 湖北地区复工复产重点企业提供|
    各类融资); ``cut`` when no verb leaves an object. The object is no bare verb (入股|分红 stays whole). A
    measure (``measure``: the run ends in 额, 率, 金 …) is often named with a verb inside (全国城镇登记失业率,
    累计成交额, 下载安装激活量): there only a verb that leaves four characters or more, not starting with another
    verb, is the main one (中央财政共投入|专项补助资金)."""
    best = cut
    for j in range(max(cut, len(run) - 14), len(run) - 3):
        if not is_verb(run, j):
            continue
        k = j + 2
        size = len(run) - k
        if size == 2 and is_verb(run, k):
            continue
        if measure and (size < 4 or is_verb(run, k)):
            continue
        if size <= 4 and run.endswith(_FUNCTION_HEADS):
            continue  # 人民调解|工作室, 救助保护|中心: a body named by what it does keeps the verb
        best = k
    return best


def after_event_verb(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """An anniversary's subject after the last event verb in it (庆祝新中国 -> 新中国)."""
    if span is None:
        return None
    s, e = span
    last = None
    for last in _EVENT_RE.finditer(text, s, e):
        pass
    if last is not None and e - last.end() >= 2:
        return last.end(), e
    return span


_ACTION_UNITS = frozenset({"次", "轮", "遍", "趟", "回", "度"})
_LINKS = frozenset(_DATA.subject_links)
_NOT_ACTION = _LINKS | frozenset(_DATA.stops_before) | frozenset(_DATA.stops_after)
_CJK_PAIR_RE = re.compile(r"(?![^\u4e00-\u9fff]|[一二两三四五六七八九十百千万亿几每])[\u4e00-\u9fff]{2}")


def action_subject(text: str, s: int, e: int, unit: str | None) -> tuple[int, int] | None:
    """An action count's subject (docs/annotation/quantities.md section 7, Action counts): the action word
    written right before the count (通话|20多次, 下载|近2万次), else right after it (共计11次|获奖, 有5次|驻足这里);
    None when the unit counts no action or no such word touches the count."""
    if unit not in _ACTION_UNITS:
        return None
    # the side that is a verb wins (元首|两度|会晤); else the word before (通话|20多次), then after (11次|获奖)
    order = (e, s - 2) if text[e:e + 2] in _DATA.verbs and text[max(0, s - 2):s] not in _DATA.verbs else (s - 2, e)
    for a in order:
        m = _CJK_PAIR_RE.match(text, a) if a >= 0 else None
        if m and (m.group() not in _LINKS if a == e else m.group() not in _NOT_ACTION
                  and m.group()[0] not in _NOT_ACTION and m.group()[1] not in _NOT_ACTION):
            return a, a + 2
    return None


_COMPARE_WORDS = tuple(sorted(_DATA.comparisons, key=len, reverse=True))


def reference_before(text: str, start: int, end: int | None = None) -> bool:
    """Whether the phrase at ``start`` is the reference of a comparison: a comparison word (高于, 低于, 不低于 …)
    stands right before it or opens it (高于|全国工业增加值增速|0.1个百分点), not what the amount measures."""
    if text.endswith(_COMPARE_WORDS, max(0, start - 4), start):
        return True
    return end is not None and text.startswith(_COMPARE_WORDS, start, end)


_RELATIVE_REACH = 16


def relative_head(pos: int, whole: str, counted: Callable[[str], int], stops: re.Pattern[str],
                  joiners: frozenset[str]) -> tuple[int, int] | None:
    """S1 when the run after the unit starts with a verb: a relative clause closed by 的 and the head noun after
    it (90架|停靠廊桥的航班, 347家|取得国外标准认证或注册的生产企业). None when the run starts with a stop word
    (6个月|以来的最低点), when the clause holds one other than a joiner (救护还是没能留住这头鲸的), when no 的
    comes soon or no noun follows."""
    if stops.match(whole):
        return None
    de = whole.find("的", 2, _RELATIVE_REACH)
    if de < 0 or de + 1 >= len(whole):
        return None
    if any(m.group() not in joiners for m in stops.finditer(whole, 1, de)):
        return None
    head = counted(whole[de + 1:de + 1 + 24])
    if head < 2 or "的" in whole[de + 1:de + 1 + head]:
        return None
    return pos, pos + de + 1 + head


def quoted_head(text: str, after: int, run: str, counted: Callable[[str], int]) -> tuple[int, int] | None:
    """After a quoted label, a noun written right after the closing quote is the head (3个“一带一路”|沿线国家,
    1162项“最多跑一次”|事项): the label only modifies it. A short word that the clause goes on after (“学生资助
    宣传大使”|返乡|开展…) is a predicate, not a head."""
    if not run:
        return None
    n = counted(run[:24])
    return (after, after + n) if n >= 3 or n == 2 and n == len(run) else None


def adverb_after(text: str, span: tuple[int, int] | None) -> bool:
    """Whether a short S1 after a duration is an adverb before the predicate (提前一年|基本|实现…, 7个月|顺利|贯通,
    70年|只|是): one character, or two with a verb right after them."""
    if span is None:
        return False
    s, e = span
    return e - s == 1 or e - s == 2 and (text[e:e + 2] in _DATA.verbs or text[e:e + 1] in "是为有在")


_SHARE_WORD_RE = re.compile(r"占(?!比)")


def share_phrase(text: str, end: int, floor: int,
                 noun_before: Callable[[str, int], tuple[int, int] | None]) -> tuple[int, int] | None:
    """A linked share names its measure whole (全国义务教育阶段大班额占总班数比例|为|7.06%, 校舍建设竣工面积占
    规划建设总面积的比例|达|98.34%): from A, the noun phrase before 占 in the clause, to ``end``."""
    lo = max(floor, end - 24)
    share = None
    for share in _SHARE_WORD_RE.finditer(text, lo, end):
        pass
    if share is None or end - share.end() < 2 or _CLAUSE_RE.search(text, share.end(), end):
        return None
    a = noun_before(text, share.start())
    return (a[0], end) if a is not None and a[1] == share.start() else None


# 稳居世界|第二位, 位列全国|第三, 历届|第一: the rank verb and the field ranked in, before an ordinal.
_RANK_RE = re.compile(r"(?:(?:稳居|位居|位列|名列|排名|排在|居于|跃居|升至|居|列)(?:世界|全球|全国|全省|全市|全区|同类)?|历届|历史)$")


def rank_start(text: str, start: int) -> int | None:
    """Where the rank words before an ordinal start (我国国内生产总值|稳居世界|第二位), or None: the ranked
    thing is the noun phrase before them."""
    m = _RANK_RE.search(text, max(0, start - 6), start) or _RANK_FIELD_RE.search(text, max(0, start - 16), start)
    if m is None:
        return None
    frame = _RANK_AMONG_RE.search(text, max(0, m.start() - 16), m.start())
    return frame.start() if frame else m.start()


# 位列|世界博物馆参观人数“|第一”: a two-character rank verb and a longer field, in the same clause.
_RANK_FIELD_RE = re.compile(r"(?:稳居|位居|位列|名列|排名|排在|居于|跃居)[^，,。；;：:！!？?、\n第0-9]{2,12}$")
# 该国|在189个国家和地区中|排名: the set ranked among is a frame, not the ranked thing.
_RANK_AMONG_RE = re.compile(r"在[^，,。；;：:！!？?\n在]{2,14}中$")


# 指数|去年12月|为102.32点, 失业率|2019年底|为5%: a time written between the measured thing and its link.
_DATE_BEFORE_RE = re.compile(
    r"(?:(?:去年|今年|明年|前年|上年)?(?:[0-9０-９]{1,4}(?:年|月|日|号)(?:底|初|末|份)?){1,3}|去年|今年|明年|前年|目前|当前)$"
)


def date_before(text: str, end: int, floor: int) -> int | None:
    """Where a time phrase right before ``end`` starts, when a noun stands before it; else None."""
    m = _DATE_BEFORE_RE.search(text, max(floor, end - 14), end)
    if m is None or m.start() <= floor or not "\u4e00" <= text[m.start() - 1] <= "\u9fff":
        return None
    return m.start()


_GIVERS = subject_words().givers
_BARE_MEASURE_TAILS = frozenset("额量数率")


def bare_measure(rest: str) -> bool:
    """Whether ``rest``, what is left after a verb, is a bare measure word (金额, 人数, 数量, 比例): the measure is
    then named with the verb inside (发放金额, 覆盖人数, 完成比例), so the verb is kept."""
    return len(rest) == 2 and (rest[-1] in _BARE_MEASURE_TAILS or rest in ("比例", "比重"))


def giver_object(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The object of a giving verb inside an S2 phrase (日均接待|顾客|达2万人次, 家发放|防贫保险金|共6880元): the
    verb names the action, its object is what the amount measures, even when a link word joins them (section 7).
    The first such verb wins (实现|销售收入); the object keeps two characters or more."""
    if span is None:
        return None
    s, e = span
    for i in range(s, e - 3):
        if text[i:i + 2] not in _GIVERS or text[i + 1:i + 3] in _DATA.verbs:
            continue  # 新建立|回收站: the giver's second character starts another verb
        k = i + 2 + (text[i + 2] == "了")
        if e - k < 2 or bare_measure(text[k:e]) or text[k] in "的到着过、，":
            return span
        return k, e
    return span


def given_object(run: str, lo: int, cut: int) -> int:
    """Where the measured thing starts in ``run`` once its verbs are cut at ``cut``: right after the first
    giving verb in ``run[lo:cut]`` when there is one (累计建成|易地扶贫搬迁安置住房, 协助企业申请|发明专利): its
    object is named whole, verbs inside it included (搬迁, 发明), not cut after the last verb."""
    if lo >= 2 and run[lo - 2:lo] in _GIVERS and lo < cut and _names_object(run, lo):
        return lo  # 累计建成|易地扶贫搬迁安置住房: a giving verb that is also a stop word already cut the run
    for i in range(lo, cut - 2):
        if run[i:i + 2] in _GIVERS and run[i + 1:i + 3] not in _DATA.verbs:
            k = i + 2 + (run[i + 2] == "了")
            return k if _names_object(run, k) else cut
    return cut


def _names_object(run: str, k: int) -> bool:
    """Whether ``run[k:]`` can be a giving verb's object: no bare verb (获得|折合) and no two verbs in a row
    (实现|搬迁入住|建档立卡贫困人口: a predicate follows the light verb, its object comes later)."""
    verbs = _DATA.verbs
    return run[k:] not in verbs and not (run[k:k + 2] in verbs and run[k + 2:k + 4] in verbs)
