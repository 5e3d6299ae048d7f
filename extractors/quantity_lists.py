"""Subjects carried over a list (docs/annotation/quantities.md section 7, Lists).

A、B、C分别为3个、5个和8个: the quantities joined by 、/和 after 分别 take the conjuncts before it, one each,
with a head they share (参保人数) taken off the last; one subject before 分别 goes to every member
(参保人数分别为9.56亿人、2.03亿人). When the conjuncts and the amounts do not pair up one to one, nothing changes.
Without 分别, amounts listed with 、 share a subject written once: after the last (沿江1公里、5公里、15公里|岸线)
or before the first count (贫困人口|有559户、2717人). Last, no subject may cover another quantity (clip_subjects).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from zhnews.extractors.quantity_subjects import noun_before
from zhnews.extractors.types import QuantityMatch
from zhnews.gazetteers.quantities import alternation, load

_JOIN = frozenset({"、", "和", "及", "与", "，"})
# Amounts listed with these share a subject written once, after the last or before the first.
_LIST_JOIN = frozenset({"、", "和", "及", "与", "或"})
_SHARE_JOIN = frozenset({"、", "和", "及", "与", "至", "到"})
_RESPECTIVELY_RE = re.compile(r"分别[^，,。；;：:！!？?\n]{0,6}$")
_CLAUSE_RE = re.compile(r"[，,。；;：:！!？?\n“”\"（）()《》]")
_CONJ_RE = re.compile(r"、|和|及|与")
_SENTENCE_RE = re.compile(r"[。；;：:！!？?\n“”\"（）()《》]")
_HEAD_RE = re.compile(rf"(?:{alternation(load().list_heads)})$")


def shared_units(text: str, found: Sequence[QuantityMatch]) -> list[QuantityMatch]:
    """1.14和2.79个百分点: a bare number joined to the next amount takes its unit and kind (section 10, #3);
    an amount written right before another one (8类18项服务) shares its subject."""
    out = list(found)
    for i in range(len(out) - 1, 0, -1):
        a, b = out[i - 1], out[i]
        if a.unit is None and a.rule == "number.bare" and b.unit is not None and a.value is not None \
                and text[a.end:b.start] in _SHARE_JOIN:
            out[i - 1] = a = replace(a, unit=b.unit, kind=b.kind, rule="quantity.shared_unit")
        if a.end == b.start and a.subject is None and b.subject is not None and a.kind == b.kind == "count":
            out[i - 1] = _with(text, a, (b.subject_start, b.subject_end))  # 8类|18项服务: both count 服务
        elif b.subject_start is not None and text[a.end:b.start] in _LIST_JOIN and a.kind == b.kind \
                and b.subject_start >= b.end and (a.subject_end is None or a.subject_end <= a.start):
            out[i - 1] = _with(text, a, (b.subject_start, b.subject_end))  # 沿江1公里、5公里、15公里|岸线
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a.subject_end is not None and b.subject is None and text[a.end:b.start] == "、" \
                and a.subject_end <= a.start and a.kind == b.kind == "count":  # the tests without a slice first
            out[i] = _with(text, b, (a.subject_start, a.subject_end))  # 贫困人口|有559户、2717人
    return out


def carry_lists(text: str, found: Sequence[QuantityMatch]) -> list[QuantityMatch]:
    """``found`` sorted by start; the same matches with list subjects filled in."""
    out = shared_units(text, found)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and text[out[j].end:out[j + 1].start] in _JOIN:
            j += 1
        if j > i and "分别" in text[max(0, out[i].start - 10):out[i].start]:
            out[i:j + 1] = _carry(text, out[i:j + 1], out[i - 1].end if i else 0)
        i = j + 1
    return out


def _carry(text: str, group: list[QuantityMatch], floor: int) -> list[QuantityMatch]:
    first = group[0]
    m = _RESPECTIVELY_RE.search(text, max(floor, first.start - 10), first.start)
    if m is None:
        return group
    end = m.start()
    brk = None
    for brk in _CLAUSE_RE.finditer(text, max(floor, end - 40), end):
        pass
    lo = brk.end() if brk else max(floor, end - 40)
    etc = text.find("等", lo, end)  # 甲、乙、丙等行业增加值: the conjuncts end at 等
    if etc != -1 and brk is not None and brk.group() in "，,":  # an enumeration closed by 等 may span commas
        by_commas = _by_commas(text, group, floor, end)
        if by_commas is not group:
            return by_commas
    cuts = list(_CONJ_RE.finditer(text, lo, etc if etc != -1 else end))
    if not cuts:  # one subject for all: 参保人数分别为9.56亿人、2.03亿人
        sub = noun_before(text, end, cut_verbs=True, floor=lo)
        return [_with(text, q, sub) for q in group] if sub else group
    if len(cuts) + 1 != len(group) or brk is None and lo > floor:
        return _by_commas(text, group, floor, end)
    spans: list[tuple[int, int]] = []
    start = lo
    for c in cuts:
        spans.append((start, c.start()))
        start = c.end()
    if etc != -1:
        spans.append((start, etc))
    else:
        head = _HEAD_RE.search(text, start, end)
        spans.append((start, head.start() if head and head.start() - start >= 2 else end))
    first = noun_before(text, spans[0][1], cut_verbs=True, floor=lo)
    if first is not None:
        spans[0] = first  # 2018年基本养老: the phrase, without what comes before it in the clause
    if any(e - s < 1 for s, e in spans):
        return group
    return [_with(text, q, sp) for q, sp in zip(group, spans)]


def _by_commas(text: str, group: list[QuantityMatch], floor: int, end: int) -> list[QuantityMatch]:
    """甲、乙业，丙业，丁、戊等行业增加值分别…: conjuncts that hold 、 themselves are set off by commas; the
    last ``len(group)`` pieces of the sentence before 分别 pair with the amounts."""
    brk = None
    for brk in _SENTENCE_RE.finditer(text, max(floor, end - 90), end):
        pass
    if brk is None and max(floor, end - 90) > floor:
        return group
    lo = brk.end() if brk else floor
    etc = text.find("等", lo, end)
    pieces = re.split(r"[，,]", text[lo:etc if etc != -1 else end])
    if len(pieces) < len(group) or len(group) < 2:
        return group
    spans, start = [], lo
    for piece in pieces:
        spans.append((start, start + len(piece)))
        start += len(piece) + 1
    spans = spans[-len(group):]
    first = noun_before(text, spans[0][1], cut_verbs=True, floor=spans[0][0])
    if first is not None and "、" not in text[spans[0][0]:spans[0][1]]:
        spans[0] = first
    if any(e - s < 1 or e - s > 20 for s, e in spans):
        return group
    return [_with(text, q, sp) for q, sp in zip(group, spans)]


def _with(text: str, q: QuantityMatch, span: tuple[int, int]) -> QuantityMatch:
    s, e = span
    return replace(q, subject=text[s:e], subject_start=s, subject_end=e)


def clip_subjects(text: str, found: Sequence[QuantityMatch]) -> list[QuantityMatch]:
    """A subject never covers another quantity (docs/annotation/quantities.md section 7): 空调四大|家电产量占全国1/5
    -> 家电产量. A subject before its amount starts after the last quantity inside it, one after ends before the
    first; the special forms (1/5, 三成) are read before plain numerals, so this is settled once all are read.
    ``found`` sorted by start."""
    out = list(found)
    starts = [q.start for q in out]
    for i, q in enumerate(out):
        if q.subject_start is None:
            continue
        s, e = q.subject_start, q.subject_end
        j = bisect_left(starts, s)
        if (j == len(out) or starts[j] >= e) and (j == 0 or out[j - 1] is q or out[j - 1].end <= s):
            continue  # speed (issue 18): by start, nothing after j starts inside the subject, nothing before ends in it
        inside = [p for p in out[max(0, j - 1):j + 8] if p is not q and p.start < e and p.end > s]
        if not inside:
            continue
        first = min(inside, key=lambda p: p.start)
        if e <= q.start or first.start <= s:
            s = max(p.end for p in inside)  # 四大|家电产量占全国1/5, 20幢|六层|标准厂房: after the inner amount
        else:
            e = first.start
        if e - s >= 2 and not any(p.start < e and p.end > s for p in inside):
            out[i] = _with(text, q, (s, e))
        else:
            out[i] = replace(q, subject=None, subject_start=None, subject_end=None)
    return out
