"""Shortcuts for texts dense with numbers (issue 18: ``1.`` and ``1至2`` repeated) give what the long way gives.

Each shortcut is compared with the step it skips or reorders: the date scans with their gates opened, the
emission sums with a plain per-template sum, the review list with every quantity and date weighed.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors import dates
from zhnews.extractors.crf_decode import emission_scores
from zhnews.pipeline.assemble import extract_text
from zhnews.pipeline.site_review import SHOW_FROM, NameTally, RulePrecision, rank_review

_EVERYWHERE = re.compile("")  # a gate that always opens


def _gates_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_DATE_START_NEEDS", _EVERYWHERE)
    monkeypatch.setattr(dates, "_TIME_NEEDS", _EVERYWHERE)


DATE_TEXTS = [
    "1.1.1.1.", "1至21至2", "3个5个", "今天上午10时15分", "10:30开会", "昨晚8点半", "2023年12月12日至15日", "同一天",
    "当天下午3点", "12月11日至12日", "一九九八年", "是日", "翌日清晨6时", "5号", "第3日", "9点", "二十时",
    *sorted(dates._REL),
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_date_gates_drop_no_date(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    gated = dates._extract(text, "2024-03-01")
    _gates_open(monkeypatch)
    assert gated == dates._extract(text, "2024-03-01")


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="0123456789〇一二十年月日号今天去前当同是本次翌上下明昨晚晨份时点半:.至，。", max_size=40))
def test_date_gates_on_generated_text(text: str) -> None:
    gated = dates._extract(text, "2024-03-01")
    with pytest.MonkeyPatch.context() as mp:
        _gates_open(mp)
        assert gated == dates._extract(text, "2024-03-01")


def test_gates_hold_what_every_match_holds() -> None:
    """The reasons the gates are exact: a relative word ends in a gate character, a time holds 时, 点 or ':'."""
    assert all(dates._DATE_START_NEEDS.search(word) for word in dates._REL)
    for text in ("10时", "10点半", "10:30", "下午3时15分", "九点"):
        m = dates._TIME_ONLY_RE.search(text)
        assert m is not None and dates._TIME_NEEDS.search(m.group())


def test_emission_sums_are_the_per_template_sums() -> None:
    """Summed position by position, in the same template order: the same floating-point sums."""
    rng = np.random.default_rng(7)
    weights = rng.normal(size=(50, 13))
    weights[0] = 0.0  # row 0: a feature the model never saw
    rows = rng.integers(0, 50, size=(16, 300))
    rows[rows < 10] = 0
    expected = np.zeros((300, 13))
    for t in range(rows.shape[0]):
        expected += weights[rows[t]]
    assert np.array_equal(emission_scores(rows, weights), expected)


def _listed(records: list, precision: dict[str, RulePrecision]) -> list:
    names = NameTally()
    for r in records:
        names.add(r)
    return rank_review(records, names, precision)


def test_sure_quantities_are_left_out_unless_reviewers_measured_their_rule() -> None:
    records = extract_text("1.1.1.1.1至2，3个5个，12月12日。", "t.txt", page=False)
    sure = [q for q in records[0].quantities if 1.0 - q.confidence <= SHOW_FROM]
    assert sure, "the text must hold quantities the review list leaves out"
    assert not any(i.kind == "quantity" and (i.start, i.end) == (sure[0].start, sure[0].end)
                   for i in _listed(records, {}))
    measured = {sure[0].rule: RulePrecision(sure[0].rule, 0.2, 50)}  # reviewers found the rule mostly wrong
    assert any(i.kind == "quantity" and (i.start, i.end) == (sure[0].start, sure[0].end)
               for i in _listed(records, measured))
