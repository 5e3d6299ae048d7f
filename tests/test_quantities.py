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
    ("两", 2, None, "地", None),  # 川渝两地: N地 counts places (docs/annotation/quantities.md section 6)
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


# ---- issue 15: the table of the issue, row by row ---------------------------------------------------
# (text, [(span, value, unit, subject, approx, low, high)]); a tuple of subjects accepts any of them.
ISSUE_15_ROWS = [
    ("现场共签约9个项目", [("9个", 9, "个", "项目", None, None, None)]),  # 约 belongs to 签约
    ("全市有150多所高等院校", [("150多所", 150, "所", "高等院校", "多", None, None)]),
    ("全国城镇登记失业率为3.62%", [("3.62%", 3.62, "%", "全国城镇登记失业率", None, None, None)]),
    ("科技成果转化的合同金额177.3亿元",
     [("177.3亿元", 17730000000, "元", ("科技成果转化的合同金额", "合同金额"), None, None, None)]),
    ("2000多名员工乘坐班车或私家车到厂", [("2000多名", 2000, "名", "员工", "多", None, None)]),
    ("他身高168cm，体重70kg", [("168cm", 168, "cm", "身高", None, None, None),
                              ("70kg", 70, "kg", "体重", None, None, None)]),
    ("引进2架新舟60飞机", [("2架", 2, "架", "新舟60飞机", None, None, None)]),  # 新舟60 is a model name
    ("坚持一个中国原则", []),
    ("同比增长三成", [("三成", 30, "%", None, None, None, None)]),
    ("打九折", [("九折", 90, "%", None, None, None, None)]),
    ("七成六", [("七成六", 76, "%", None, None, None, None)]),
    ("半成", [("半成", 5, "%", None, None, None, None)]),
    ("九九折", [("九九折", 99, "%", None, None, None, None)]),
    ("三分之一的学生", [("三分之一", 1 / 3, None, "学生", None, None, None)]),
    ("这个数字大于二十且小于等于三十五", [("大于二十且小于等于三十五", None, None, "这个数字", None, 20, 35)]),
    ("位于20和30之间", [("20和30之间", None, None, None, None, 20, 30)]),
]


@pytest.mark.parametrize(("text", "want"), ISSUE_15_ROWS, ids=[r[0] for r in ISSUE_15_ROWS])
def test_issue_15_table(text: str, want: list) -> None:
    qs = extract_quantities(text)
    _check_spans(text, qs)
    assert len(qs) == len(want), [q.text for q in qs]
    for q, (span, value, unit, subject, approx, low, high) in zip(qs, want):
        assert q.text == span
        assert _same(q.value, value) if value is not None else q.value is None
        assert (q.unit, q.approx) == (unit, approx)
        assert q.subject in (subject if isinstance(subject, tuple) else (subject,))
        assert (q.low, q.high) == (low, high)
        if q.subject is not None:  # the subject is a span of the text (for the schema bump of issue 15)
            assert text[q.subject_start:q.subject_end] == q.subject


@pytest.mark.parametrize(("text", "low", "high", "low_inclusive", "high_inclusive"), [
    ("这个数字大于二十且小于等于三十五", 20, 35, False, True),
    ("位于20和30之间", 20, 30, True, True),
    ("介于20与30之间", 20, 30, True, True),
    ("不低于60分", 60, None, True, None),
    ("小于5%", None, 5, None, False),
    ("大于等于18岁", 18, None, True, None),
    ("3至5个", 3, 5, True, True),
])
def test_comparisons_in_words_are_bounds(text: str, low, high, low_inclusive, high_inclusive) -> None:
    """The record holds low/high only (schema 1.0); whether a bound is open or closed is kept on
    QuantityMatch for the schema bump (docs/extraction.md, Quantities)."""
    [q] = extract_quantities(text)
    assert q.value is None and (q.low, q.high) == (low, high)
    assert (q.low_inclusive, q.high_inclusive) == (low_inclusive, high_inclusive)


def test_subject_spans_hold_with_spaces_closed() -> None:
    text = "共吸引一百 二 十家企业参展，全国城镇登记失业率为 百 分 之 五"
    for q in extract_quantities(text):
        assert text[q.start:q.end] == q.text
        if q.subject is not None:
            assert text[q.subject_start:q.subject_end] == q.subject


def test_generated_word_lists_are_current() -> None:
    """subject_nouns.tsv, half_words.tsv and verbs.tsv are generated from jieba's dictionary."""
    from zhnews.gazetteers.quantities import build_verbs, build_word_lists

    for name, build in build_word_lists.OUTPUTS.items():
        assert (build_word_lists.HERE / name).read_text(encoding="utf-8") == build(), name
    assert build_verbs.OUT.read_text(encoding="utf-8") == build_verbs.build()


def test_alternation_prefers_longer_words() -> None:
    import re

    from zhnews.gazetteers.quantities import alternation

    words = ["个", "个月", "个小时", "元", "元/吨", "%"]
    rx = re.compile(alternation(words))
    assert [rx.match(t).group() for t in ["个月份", "个小时候", "个人", "元/吨", "%以上"]] == [
        "个月", "个小时", "个", "元/吨", "%"]
    end = re.compile(rf"(?:{alternation(['约', '大约', '约为'])})$")
    assert end.search("大约").group() == "大约" and end.search("约为").group() == "约为"


@pytest.mark.parametrize(("text", "want"), [
    ("1秒之内传输约130块1TB硬盘的数据", [("1秒", 1, "秒"), ("约130块", 130, "块"), ("1TB", 1, "TB")]),
    ("一斤大米10元钱", [("一斤", 1, "斤"), ("10元钱", 10, "元")]),
    ("3个和5个", [("3个", 3, "个"), ("5个", 5, "个")]),  # 和 joins a range only before 之间
    ("地区生产总值由2010年的434.44亿元增加到1134亿元", [("434.44亿元", 43444000000, "元"), ("1134亿元", 113400000000, "元")]),
    ("一车30吨瓜菜", [("一车", 1, "车"), ("30吨", 30, "吨")]),  # 一 before a load per one counts
    ("提了一台8000多元的小农用车", [("8000多元", 8000, "元")]),  # ... but 一台 before a 的-modifier is "a"
    ("一支136人的队伍", [("136人", 136, "人")]),
    ("一斤4块多钱，", [("一斤4块多钱", 4, "元/斤")]),  # measure and price side by side: one mention
    ("两斤10元", [("两斤", 2, "斤"), ("10元", 10, "元")]),  # only 一 + a measure is "per"
])
def test_quantities_side_by_side(text: str, want: list) -> None:
    """Neighbours stay apart: 块 + 1TB is no 1.1 元, a unit after 和 is no range."""
    qs = extract_quantities(text)
    assert [(q.text, q.unit) for q in qs] == [(t, u) for t, _, u in want]
    assert all(_same(q.value, v) for q, (_, v, _) in zip(qs, want))


def test_from_to_gives_both_amounts_the_subject() -> None:
    """X由A增加到B: both A and B measure X (docs/annotation/quantities.md S2)."""
    qs = extract_quantities("地区生产总值由2010年的434.44亿元增加到1134亿元")
    assert [q.subject for q in qs] == ["地区生产总值", "地区生产总值"]


def test_kinds_are_record_kinds() -> None:
    """units.tsv kind ``none`` (人口, 年级: nouns that begin with a unit) never reaches a record."""
    from typing import get_args

    from zhnews.pipeline.records import QuantityKind

    allowed = set(get_args(QuantityKind))
    texts = ["拥有14亿人口的市场", "六年级学生", "国家7部委", "14亿人口"] + [
        t if isinstance(t, str) else t["text"] for _, _, row in corpus_lines("quantities.jsonl") for t in row["texts"]]
    for text in texts:
        assert {q.kind for q in extract_quantities(text)} <= allowed, text


@pytest.mark.parametrize("text,span,value", [("九千九百九十九的30次方", "九千九百九十九的30次方", 9999.0 ** 30),
                                             ("一百二十三的2次方是多少", "一百二十三的2次方", 123.0 ** 2),
                                             ("2的十次方等于1024", "2的十次方", 1024.0)])
def test_power_base_is_the_whole_numeral(text: str, span: str, value: float) -> None:
    """A power's base never starts inside a numeral run (not 百九十九的30次方)."""
    powers = [q for q in extract_quantities(text) if q.rule == "number.power"]
    assert [text[q.start:q.end] for q in powers] == [span]
    assert powers[0].value == pytest.approx(value)


def test_power_base_never_starts_inside_digits() -> None:
    text = "12345的2次方"
    assert not [q for q in extract_quantities(text) if q.rule == "number.power" and text[q.start:q.end] == "2345的2次方"]
