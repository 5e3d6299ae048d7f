"""QuantityMatch and DateMatch are plain (not frozen) dataclasses for speed (extractors/types.py): they must
still compare and hash by their fields, so sets and dicts of matches behave as the frozen ones did."""

from __future__ import annotations

from dataclasses import replace

from zhnews.extractors.types import DateMatch, QuantityMatch


def test_quantity_matches_compare_and_hash_by_fields() -> None:
    a = QuantityMatch(0, 2, "3个", "count", 3.0, "quantity.unit", 0.9, unit="个")
    b = QuantityMatch(0, 2, "3个", "count", 3.0, "quantity.unit", 0.9, unit="个")
    c = replace(a, subject="项目", subject_start=2, subject_end=4)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert c != a and c.subject == "项目" and a.subject is None  # replace makes a new match, a is unchanged


def test_date_matches_compare_and_hash_by_fields() -> None:
    a = DateMatch(0, 5, "1月31日", "XXXX-01-31", "date.md", 0.9)
    b = DateMatch(0, 5, "1月31日", "XXXX-01-31", "date.md", 0.9)
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert replace(a, relative=True) != a
