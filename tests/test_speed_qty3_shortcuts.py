"""The speed shortcuts of issue 18 (third round) give what the full reads give (1至21至2…, 1.1.1.…).

subject_before skips its reads when one character stands between the previous quantity and the number; the test
turns the shortcut off (a _LINK_TAILS that holds every string) and compares both ways at every position of text
built to reach each branch (link words, 的, 占比, quotes, brackets, 由…增加到). The written range reads its
ends before its second unit; range texts pin that the result is the same as before."""

from __future__ import annotations

import itertools

import pytest

from zhnews.extractors import quantity_subjects
from zhnews.extractors.quantities import extract_quantities
from zhnews.extractors.quantity_subjects import subject_before


class _Everything:
    """A set holding every string: no text passes the shortcut's test, the full reads run."""

    def __contains__(self, item: object) -> bool:
        return True


_PREFIXES = ("", "产值由", "全国城镇登记失业率", "出口占", "“八二工程”", "指数（PMI）", "贷款余额较", "网络零售额同比增长")
_AMOUNTS = ("3亿元", "50%", "1.1", "21", "五个", "")
_BETWEEN = ("至", "为", "是", "达", "由", "的", "比", "、", "和", "，", ".", "”", "）", "A", "各", "增", "降", "占")
_TEXTS = tuple(f"{p}{a}{c}{b}" for p, a, c, b in itertools.product(_PREFIXES, _AMOUNTS, _BETWEEN, ("5", "5%", "12亿元")))


@pytest.mark.parametrize("prefix", _PREFIXES)
def test_one_character_shortcut_matches_the_full_reads(prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for t in _TEXTS if t.startswith(prefix)]
    cases = [(t, start) for t in texts for start in range(1, len(t))]
    fast = [subject_before(t, start, floor=start - 1) for t, start in cases]
    monkeypatch.setattr(quantity_subjects, "_LINK_TAILS", _Everything())
    full = [subject_before(t, start, floor=start - 1) for t, start in cases]
    assert fast == full


def test_the_comparison_sees_both_outcomes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the guard: one character after a quantity, the full reads find a subject (产值由3亿元为|5: 产值)
    and find none (1至|2); a comparison seeing only one outcome would prove little."""
    monkeypatch.setattr(quantity_subjects, "_LINK_TAILS", _Everything())
    full = [subject_before(t, s, floor=s - 1) for t in _TEXTS for s in range(1, len(t))]
    assert any(r is not None for r in full) and any(r is None for r in full)


def test_ranges_and_repeated_numbers() -> None:
    got = [(q.text, q.kind, q.value, q.low, q.high, q.subject) for q in extract_quantities("1至2" * 4)]
    assert got == [("1至21", "number", None, 1.0, 21.0, None), ("21", "number", 21.0, None, None, None),
                   ("21", "number", 21.0, None, None, None), ("2", "number", 2.0, None, None, None)]
    assert [(q.low, q.high, q.unit) for q in extract_quantities("气温零下5至零下10摄氏度，投资5-10万元")] == [
        (-10.0, -5.0, "摄氏度"), (50000.0, 100000.0, "元")]
    assert [q.value for q in extract_quantities("1." * 4)] == [1.1, 1.1]
