"""Dates: corpus files drive one test per example; the sample page pins every date expression."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors.dates import extract_dates
from tests.conftest import SAMPLE_PAGE as SAMPLE, corpus_lines


def _positive() -> list:
    cases = []
    for stem, no, row in corpus_lines("dates*.jsonl"):
        if "negative" in stem:
            continue
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        for text in row["texts"]:
            cases.append(pytest.param(text, row.get("article_date"), row["expect"], id=f"{stem}:{no}:{text}", marks=marks))
    return cases


def _negative() -> list:
    cases = []
    for stem, no, row in corpus_lines("dates*.negative.jsonl"):
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        cases.append(pytest.param(row["text"], id=f"{stem}:{no}:{row['text']}", marks=marks))
    return cases


@pytest.mark.parametrize(("text", "article_date", "expect"), _positive())
def test_corpus(text: str, article_date: str | None, expect: dict) -> None:
    ds = extract_dates(text, article_date)
    for d in ds:
        assert text[d.start:d.end] == d.text
    assert len(ds) == 1, [d.text for d in ds]
    for key, want in expect.items():
        assert getattr(ds[0], key) == want, (key, getattr(ds[0], key), want)


@pytest.mark.parametrize("text", _negative())
def test_negative(text: str) -> None:
    assert [d.text for d in extract_dates(text)] == []


def test_sample_page_dates() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    got = [(d.text, d.value, d.end_value, d.relative) for d in extract_dates(text)]
    assert got == [
        ("是日上午10时15分", "XXXX-XX-XXT10:15", None, True),
        ("12月11日至12日", "XXXX-12-11", "XXXX-12-12", False),
        ("12月12日", "XXXX-12-12", None, False),
        ("当天", "XXXX-XX-XX", None, True),
        ("十二月十二日", "XXXX-12-12", None, False),
    ]


def test_relative_resolves_to_earlier_date_in_text() -> None:
    ds = extract_dates("12月12日，工坊成立。当天，双方签约。", "2023-12-13")
    assert ds[1].text == "当天" and ds[1].resolved == "2023-12-12"
    assert ds[0].value == "XXXX-12-12"  # the year stays out of value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二三四五六七八九十〇零0123456789年月日号时分点半上午下午晚至到-—今昨当天是前季度世纪代:", max_size=30))
def test_never_raises_and_spans_hold(text: str) -> None:
    for d in extract_dates(text, "2020-02-29"):
        assert text[d.start:d.end] == d.text
