"""Numerals: the corpus in fixtures/corpus/numbers*.jsonl, plus cn2an as an independent writer."""

from __future__ import annotations

import json
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors.numbers import find_numbers, parse_number, parse_range

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
FIND_CORPUS = CORPUS / "numbers.find.jsonl"  # find_numbers over a sentence: spans and values


def _cases() -> list:
    cases = []
    for path in sorted(CORPUS.glob("numbers*.jsonl")):
        if path.name == FIND_CORPUS.name:
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
            for text in row["texts"]:
                cases.append(pytest.param(row, text, id=f"{path.stem}:{no}:{text}", marks=marks))
    return cases


@pytest.mark.parametrize(("row", "text"), _cases())
def test_corpus(row: dict, text: str) -> None:
    if "low" in row:
        assert parse_range(text) == (row["low"], row["high"])
        assert parse_number(text) is None  # 七八 is never 78
    elif row["value"] is None:
        assert parse_number(text) is None
    else:
        got = parse_number(text)
        assert got is not None and got == pytest.approx(row["value"], rel=1e-9)


def test_corpus_is_large_enough() -> None:
    assert len(_cases()) >= 150


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_reads_what_cn2an_writes(n: int) -> None:
    assert parse_number(cn2an.an2cn(n)) == n
    assert parse_number(cn2an.an2cn(n, "up")) == n  # financial numerals 壹贰叁
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimals_and_signs(n: int, frac: int) -> None:
    s = f"{n}.{frac:02d}"
    assert parse_number(s) == pytest.approx(float(s))
    assert parse_number("负" + s) == pytest.approx(-float(s))
    assert parse_number(s.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))) == pytest.approx(float(s))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二两三四五六七八九十百千万亿零〇点负多余几0123456789.,-个年", max_size=16))
def test_never_raises(s: str) -> None:
    parse_number(s)
    parse_range(s)
    for num in find_numbers(s):
        assert s[num.start:num.end] == num.text


def test_find_numbers_spans() -> None:
    text = "全区已有大中专院校18所、在校学生20万人，两三千人参加，气温负1.1度，投资5-10万元"
    found = [(n.text, n.value, n.low, n.high) for n in find_numbers(text)]
    assert found == [
        ("18", 18, None, None), ("20万", 200000, None, None), ("两三千", None, 2000, 3000),
        ("负1.1", -1.1, None, None), ("5", 5, None, None), ("10万", 100000, None, None),
    ]


def _find_cases() -> list:
    rows = [json.loads(line) for line in FIND_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(row, id=f"find:{no}:{row['text']}") for no, row in enumerate(rows, 1)]


@pytest.mark.parametrize("row", _find_cases())
def test_find_corpus(row: dict) -> None:
    found = find_numbers(row["text"], skip_words=row.get("skip_words", False))
    for n in found:
        assert row["text"][n.start:n.end] == n.text
    got = [(n.text, n.value) for n in found]
    want = [(t, pytest.approx(v, rel=1e-9)) for t, v in row["found"]]
    assert got == want


def test_collective_words_file_is_current() -> None:
    """collective_words.tsv (打造, 对接, 双手: not multipliers) is generated from jieba's dictionary."""
    from zhnews.gazetteers.quantities.build_collective_words import OUT, build

    assert OUT.read_text(encoding="utf-8") == build()


def test_spaces_are_closed_only_between_numeral_characters() -> None:
    from zhnews.extractors.numbers import close_spaces

    assert close_spaces("没有空格的一百五十二") is None
    assert close_spaces("2019 2020年") is None  # two digits stay apart
    assert close_spaces("七 八个") is None
    assert close_spaces("共 十个") is None  # 共 is no numeral character
    closed, index = close_spaces("一百 五 十 二人")
    assert closed == "一百五十二人" and [("一百 五 十 二人"[i]) for i in index[:-1]] == list(closed)
