"""What a quantity counts or measures, as a span of the text (docs/annotation/quantities.md section 7).

S1, after: the noun phrase right after the classifier, up to its head (150多所|高等院校, 2000多名|员工|乘坐班车).
S2, before: the measured thing before the number, across the link words of subject_links.tsv
(全国城镇登记失业率|为|3.62%, 网络零售额|同比增长|77.6%), or A of A占B的N% (B when A is not written).

Both read at most a short run of characters and stop at the stop words of subject_stops.tsv and at verbs
(verbs.tsv), unless the stop or verb sits inside a noun of subject_nouns.tsv (高等院校, 对象, 流动性). The
loops here walk one such run (at most ``SUBJECT_MAX`` characters) per quantity, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from zhnews.gazetteers.quantities import alternation, load

_DATA = load()
SUBJECT_MAX = 14
_VERBS = _DATA.verbs
_NOUNS = _DATA.subject_nouns
_STOP_AFTER_RE = re.compile(alternation(_DATA.stops_after))
_STOP_BEFORE_RE = re.compile(rf"(?:{alternation(_DATA.stops_before)})$")
_STOP_ANY_RE = re.compile(alternation(_DATA.stops_before))
_LINK_END_RE = re.compile(rf"(?:{alternation(_DATA.subject_links)})$")
_LINK_START_RE = re.compile(rf"(?:{alternation([w for w in _DATA.subject_links if len(w) > 1])})")
_RUN_AFTER_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_RUN_BEFORE_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.]+$")
# Digits in a run before the number end it unless Latin letters touch them (PM2.5浓度, 5G基站 stay whole).
_BARE_DIGITS_RE = re.compile(r"(?<![A-Za-z0-9.])[0-9.]+(?![A-Za-z0-9.])")
# What a date leaves at the start of the run once its digits are cut off (2018年|全区…).
_DATE_TAIL_RE = re.compile(r"(?:年底|年初|年末|年度|年来|年间|月份|月底|月初|季度|年|月|日|号)")
_SHARE_RE = re.compile(r"(?:占据|占到|占了|占)")
_SHARE_TAIL_RE = re.compile(r"(?:占据|占到|占了|占)[\u4e00-\u9fffA-Za-z]{1,6}$")
_OPEN_BRACKET_RE = re.compile(r"[（(][^（()）]{1,12}[）)]$")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?、（）()“”\"《》\n]")
# Stop words that may still begin an after-subject: 6所在永职教高校 counts 在永职教高校.
_LEADING_OK = frozenset({"在", "同", "相关", "代表", "共同", "联合"})
_JOINERS = frozenset({"和", "与", "及", "以及", "或"})
# A verb followed by one of these is the start of a noun (开发区, 建设者), not a predicate.
_NOUN_TAILS = frozenset("区者员商人家品机器所站点厂院局会类业费量率性型式")
# After a verb these make it a predicate (递交了, 折射出, 纳入到, 增加到), not a noun modifier.
_VERB_COMPLEMENTS = frozenset("了着过出到给入进向于为成起至")
_KEEP_ZHONG = ("高中", "初中", "华中", "集中", "空中", "心中")

Span = tuple[int, int]


# (back, length) of the nouns that may hold position i: they start at i - back and run past i.
_COVER = tuple((d, n) for d in range(5) for n in range(2, 6) if n > d)


def _inside_noun(run: str, i: int, size: int) -> bool:
    """Whether run[i:i+size] (a stop word or a verb) lies inside a longer noun of subject_nouns.tsv."""
    last = len(run)
    for d, n in _COVER:
        j = i - d
        if j >= 0 and j + n <= last and (d or n > size) and run[j:j + n] in _NOUNS:
            return True
    return False


def _after_run(text: str, pos: int, blocked: Callable[[int, int], bool]) -> str:
    """The run of Chinese and Latin letters at pos; a model name the exclusions masked (新舟60) is part of it."""
    end = pos
    for _ in range(3):
        m = _RUN_AFTER_RE.match(text, end)
        if not m:
            break
        end = m.end()
        d = end
        while d < len(text) and text[d] in "0123456789":
            d += 1
        if d == end or not blocked(end, d):
            break
        end = d
    return text[pos:end]


def subject_after(text: str, pos: int, blocked: Callable[[int, int], bool], *, via_de: bool = False) -> Span | None:
    """S1: the noun phrase right after a quantity (via_de: also after 的, as in 1000余元的|返家路费)."""
    if via_de and text.startswith("的", pos):
        pos += 1
    whole = _after_run(text, pos, blocked)
    if not whole:
        return None
    n = _counted_length(whole[:SUBJECT_MAX + 10])
    return _tidy(pos, whole[:n]) if n else None


@lru_cache(maxsize=8192)
def _counted_length(whole: str) -> int:
    """How many characters of the run after a quantity name what it counts (0: none). Pure and called
    with the same runs over and over (个项目, 名学生), so cached."""
    run = whole[:SUBJECT_MAX]
    lead = _STOP_AFTER_RE.match(run)
    if lead and lead.group() not in _LEADING_OK and not _inside_noun(run, 0, len(lead.group())):
        return 0  # 18所, 以及…: nothing counted after the unit
    if (run[:2] in _VERBS and run[2:3] not in _NOUN_TAILS or _LINK_START_RE.match(run)) and not _inside_noun(run, 0, 2):
        return 0  # 约50人|死亡, 54个|减至8个: a predicate follows, nothing is named
    n = _cut_after(whole, run)
    if n and run[:2] in _VERBS and (n >= 6 or whole[2:3] in _VERB_COMPLEMENTS):
        return 0  # 9555户|申报农村危房改造项目, 6000元|增加到: a verb phrase, not what is counted
    return n


def _cut_after(whole: str, run: str) -> int:
    """How much of run is the counted noun phrase: up to the first stop word or verb outside a noun."""
    stops = {m.start(): m for m in _STOP_AFTER_RE.finditer(run, 1)}
    for i in range(1, len(run)):
        st = stops.get(i)
        if st and not _inside_noun(run, i, len(st.group())):
            rest = whole[st.end():]
            if st.group() in _JOINERS and 0 < len(rest) <= 3:
                return len(run)  # 20多个国家和地区: a short coordinated subject
            return i
        if i >= 1 and run[i:i + 2] in _VERBS and run[i + 2:i + 3] not in _NOUN_TAILS \
                and not _inside_noun(run, i, 2) \
                and _predicate(whole, i + 2, first=i == 1, chain=run[i - 2:i] in _VERBS):
            return i  # 100家企业|参展, 2000多名员工|乘坐班车或私家车到厂: a verb ends what is counted
    return len(run)


def _predicate(whole: str, after: int, *, first: bool = False, chain: bool = False) -> bool:
    """Whether the verb ending at ``after`` is a predicate: it ends the run (四个字|组成), takes a complement
    (递交了) or a stop word (志愿者|报名参加), or a stop follows within a few characters (乘坐班车|或…). A verb
    with a noun after it and nothing more modifies that noun (智能制造项目), so do verbs in a row (联动创新案例)."""
    if after >= len(whole) or whole[after] in _VERB_COMPLEMENTS or _STOP_AFTER_RE.match(whole, after):
        return True
    if whole[after:after + 2] in _VERBS:
        return _predicate(whole, after + 2, chain=True)
    if first or chain:
        return False
    return _STOP_AFTER_RE.search(whole, after, after + 8) is not None


def _tidy(start: int, subject: str) -> Span | None:
    """每亩|500元 is a rate, not what is counted; 两次|风洞实验中 counts 风洞实验 (a trailing 中 is "in")."""
    subject = subject.removesuffix("的")  # 180多个|国家和地区的|500多个港口
    if not subject or subject.startswith("每"):
        return None
    if len(subject) > 2 and subject[-1] == "中" and not subject.endswith(_KEEP_ZHONG):
        subject = subject[:-1]
    return start, start + len(subject)


def _strip_links(text: str, end: int) -> tuple[int, bool]:
    """Take the link words (为, 同比增长, 能) off the text before end; whether any was taken."""
    linked = False
    for _ in range(4):
        m = _LINK_END_RE.search(text, max(0, end - 6), end)
        if not m:
            break
        if m.end() - m.start() == 1 and _ends_noun(text, end):
            break  # 产能|100万吨, 功能: the character ends a noun, it is no link
        end, linked = m.start(), True
    return end, linked


def _ends_noun(text: str, end: int) -> bool:
    return any(text[end - n:end] in _NOUNS for n in range(2, 5) if end - n >= 0)


def subject_before(text: str, start: int, *, floor: int = 0, cut_verbs: bool = True,
                   link_needed: bool = False) -> Span | None:
    """S2: the measured thing before a quantity starting at ``start``, across link words; None across a comma.

    ``floor``: where the previous quantity ends (三项|社会保险基金总收入4.17万亿元 reads no further back);
    right after one, X由A增加到B gives B the subject of A (地区生产总值由434.44亿元增加到|1134亿元).
    ``link_needed``: only a subject joined by a link word (货物通关时间缩短到2小时, not 打拼10多年)."""
    end, linked = _strip_links(text, start)
    if end <= floor:
        return _from_to(text, end, floor) if linked and end == floor and floor else None
    if link_needed and not linked:
        return None
    if text[end - 1] in "）)":  # 采购经理人指数（PMI）跌至49.5: the note in brackets is no subject
        op = _OPEN_BRACKET_RE.search(text, max(floor, end - 14), end)
        if op:
            end = op.start()
    if text[end - 1] == "的":
        share = _share(text, end - 1)
        return share if share is not None else _from_to(text, end - 1, floor)
    share = _SHARE_TAIL_RE.search(text, max(floor, end - 8), end)
    if share:  # 四大家电产量占全国|1/5: A占B N%
        return _share(text, end, at=share)
    found = _noun_before(text, end, cut_verbs=cut_verbs and not linked, floor=floor)
    if found and text[found[1] - 2:found[1]] in _VERBS and not _ends_noun(text, found[1]):
        return None  # 个人仍需支付|3万多元, 已在乡镇工作|8年: what ends in a verb is no measured thing
    return found


_FROM_RE = re.compile(r"(?:由|从)[^，,。；;：:！？\n由从]{0,22}$")


def _from_to(text: str, end: int, floor: int) -> Span | None:
    """X由A增加到B, X从2018年的A增加到B: the X before 由/从 is what A and B measure."""
    m = _FROM_RE.search(text, max(0, end - 23), end)
    if not m or m.start() == 0:
        return None
    return _noun_before(text, m.start(), cut_verbs=False, floor=0)


def _share(text: str, de: int, at: re.Match[str] | None = None) -> Span | None:
    """A占B的N%, A占B N%: A, the thing before 占 in the clause; B (without 的) when A is not written."""
    lo = max(0, de - 20)
    brk = None
    for brk in _CLAUSE_BREAK.finditer(text, lo, de):
        pass
    lo = brk.end() if brk else lo
    share = None
    if at is not None:
        share = _SHARE_RE.match(text, at.start())
    else:
        for share in _SHARE_RE.finditer(text, lo, de):
            pass
    if share is None:
        return None
    a = _noun_before(text, share.start(), cut_verbs=True) if share.start() > lo else None
    if a is not None:
        return a
    b_start, b_end = share.end(), de
    return (b_start, b_end) if b_end - b_start >= 2 else None


def _noun_before(text: str, end: int, *, cut_verbs: bool, floor: int = 0) -> Span | None:
    m = _RUN_BEFORE_RE.search(text, max(floor, end - SUBJECT_MAX - 6), end)
    if not m:
        return None
    n = _measured_length(m.group(), cut_verbs)
    return (end - n, end) if n else None


@lru_cache(maxsize=8192)
def _measured_length(run: str, cut_verbs: bool) -> int:
    """How many characters at the end of run name the measured thing (0: none); pure, so cached."""
    digits = None
    for digits in _BARE_DIGITS_RE.finditer(run):
        pass
    if digits is not None:
        cut = digits.end()
        tail = _DATE_TAIL_RE.match(run, cut)
        if tail:
            cut = tail.end()
        run = run[cut:]
    cut = 0
    for st in _STOP_ANY_RE.finditer(run, 0, len(run) - 1):  # the last stop word before the head
        if st.end() > cut and not _inside_noun(run, st.start(), st.end() - st.start()):
            cut = st.end()
    if cut_verbs:
        for i in range(len(run) - 1, max(cut, 2) - 1, -1):  # a verb after it: 招募|志愿者3000名
            if run[i - 2:i] in _VERBS and run[i] not in _NOUN_TAILS and not _inside_noun(run, i - 2, 2):
                cut = i
                break
    subject = run[cut:][-SUBJECT_MAX:]
    if not subject or _STOP_BEFORE_RE.search(subject):
        return 0
    if len(subject) < 2 or subject in _VERBS:
        return 0  # 对象 cut to 象, 意向成交|711亿美元: no noun, or a bare verb, is not what is measured
    return len(subject)
