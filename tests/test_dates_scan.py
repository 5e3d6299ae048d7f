"""The date scan's search for where the date pattern's lookahead holds must visit exactly the places the
earlier scan visited: a date's first character where _DATE_RE matches."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors import dates
from tests.conftest import FIXTURES


def _visited(text: str) -> list[int]:
    """Every position the search finds, searching again from each next character."""
    out: list[int] = []
    m = dates._DATE_START_RE.search(text, 0)
    while m is not None:
        out.append(m.start())
        m = dates._DATE_START_RE.search(text, m.start() + 1)
    return out


def _reference(text: str) -> list[int]:
    return [p for p in range(len(text)) if dates._DATE_FIRST.match(text, p) and dates._DATE_RE.match(text, p)]


def test_fixture_texts() -> None:
    texts = []
    for path in sorted((FIXTURES / "corpus").glob("*.jsonl")):
        texts.extend(json.loads(line).get("text") or "" for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    assert texts
    for text in texts:
        assert _visited(text) == _reference(text)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="0123456789〇零○一二十年月日号今天去前当同是本次翌上下明昨晚晨份时点半:，。中国", max_size=40))
def test_generated_text(text: str) -> None:
    assert _visited(text) == _reference(text)
