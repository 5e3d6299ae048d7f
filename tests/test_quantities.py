"""Quantities: corpus files drive one test per example; the sample page pins the user's facts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors.quantities import extract_quantities
from zhnews.extractors.types import QuantityMatch
from tests.conftest import SAMPLE_PAGE as SAMPLE, corpus_lines


def _positive() -> list:
    cases = []
    for stem, no, row in corpus_lines("quantities*.jsonl"):
        if "negative" in stem:
            continue
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        for item in row["texts"]:
            item = {"text": item} if isinstance(item, str) else item
            expect = dict(row["expect"]) | {k: v for k, v in item.items() if k not in ("text", "span")}
            cases.append(pytest.param(item["text"], item.get("span"), expect, id=f"{stem}:{no}:{item['text']}", marks=marks))
    return cases


def _negative() -> list:
    cases = []
    for stem, no, row in corpus_lines("quantities*.negative.jsonl"):
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        cases.append(pytest.param(row["text"], id=f"{stem}:{no}:{row['text']}", marks=marks))
    return cases


def _same(got: object, want: object) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, (int, float)):
        return abs(got - want) <= 1e-6 * max(1.0, abs(want))
    return got == want


def _check_spans(text: str, qs: list[QuantityMatch]) -> None:
    for q in qs:
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(("text", "span", "expect"), _positive())
def test_corpus(text: str, span: str | None, expect: dict) -> None:
    qs = extract_quantities(text)
    _check_spans(text, qs)
    assert len(qs) == 1, [q.text for q in qs]
    q = qs[0]
    for key, want in expect.items():
        assert _same(getattr(q, key), want), (key, getattr(q, key), want)
    if span is not None:
        assert q.text == span


@pytest.mark.parametrize("text", _negative())
def test_negative(text: str) -> None:
    assert [q.text for q in extract_quantities(text)] == []


# ---- the user's sample page ------------------------------------------------------------------------
SAMPLE_FACTS = [  # (span, value, unit, subject, approx), in page order
    ("6所", 6, "所", "在永职教高校", None),
    ("9个", 9, "个", "国际化合作项目", None),
    ("10个", 10, "个", "川渝自贸联动创新案例", None),
    ("10个", 10, "个", "重点项目", None),
    ("10个", 10, "个", "典型案例", None),
    ("10个", 10, "个", "重点项目", None),
    ("5家", 5, "家", "单位", None),
    ("18所", 18, "所", "大中专院校", None),
    ("20万人", 200000, "人", "在校学生", None),
    ("64个", 64, "个", "成员单位", None),
    ("18所", 18, "所", "院校", None),
    ("6个", 6, "个", "东盟国家", None),
    ("9所", 9, "所", "院校", None),
    ("20余所", 20, "所", "国外知名院校", "余"),
    ("53个", 53, "个", "国家职业标准", None),
    ("33门", 33, "门", "国际化课程", None),
    ("45个", 45, "个", "课程标准", None),
    ("6所", 6, "所", "在永职教高校", None),
    ("9个", 9, "个", "国际化合作项目", None),
]


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_page_counts(sample: str) -> None:
    qs = extract_quantities(sample)
    _check_spans(sample, qs)
    got = [(q.text, q.value, q.unit, q.subject, q.approx) for q in qs]
    assert got == SAMPLE_FACTS
    assert all(q.kind == "count" for q in qs)


@pytest.mark.parametrize("name", ["3+3", "2+2", "一号工程", "十项行动", "四个重大", "二级巡视员", "一带一路", "一站式", "一业一证", "上接1版"])
def test_sample_page_names_are_not_quantities(sample: str, name: str) -> None:
    """A number inside a name or slogan is deliberately left out."""
    at = sample.find(name)
    assert at >= 0
    for q in extract_quantities(sample):
        assert not (q.start < at + len(name) and at < q.end), q


def test_sample_page_every_number_is_placed(sample: str) -> None:
    """Every Arabic digit on the page is in a quantity, a date, or a deliberately excluded name."""
    from zhnews.extractors.dates import extract_dates

    covered = set()
    for m in extract_quantities(sample) + extract_dates(sample):
        covered.update(range(m.start, m.end))
    excluded = {"3+3", "2+2", "上接1版"}
    ex_pos = set()
    for name in excluded:
        at = sample.find(name)
        ex_pos.update(range(at, at + len(name)))
    stray = [i for i, c in enumerate(sample) if c.isdigit() and i not in covered and i not in ex_pos]
    assert stray == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二两三四五六七八九十百千万亿零〇点负多余几近约超过以上左右0123456789.,-—至个人所万元%年月日第“”《》+ 的和企业", max_size=30))
def test_never_raises_and_spans_hold(text: str) -> None:
    _check_spans(text, extract_quantities(text))


def test_odd_unicode() -> None:
    for text in ["", "\x00", "\ud800", "𠀀" * 5, "1" * 5000, "第" * 100, "万" * 100]:
        _check_spans(text, extract_quantities(text))


def test_dates_given_by_the_pipeline_change_nothing(sample: str) -> None:
    """The pipeline hands extract_quantities the dates it found (with the article's date); the result
    must equal finding them again inside, whatever the article date."""
    from zhnews.extractors.dates import extract_dates

    rows = corpus_lines("quantities*.jsonl") + corpus_lines("dates*.jsonl")
    texts = [sample] + [t for _, _, row in rows for t in row.get("texts", [row.get("text", "")])]
    assert len(texts) > 100
    for text in texts:
        assert extract_quantities(text, extract_dates(text, "2019-12-12")) == extract_quantities(text)
