"""Numeral is no longer a frozen dataclass (speed, extractors/numbers.py): it still compares and hashes by its
fields, as the frozen one did, so a set or dict of numerals behaves as before."""

from __future__ import annotations

from zhnews.extractors.numbers import Numeral, find_numbers, read_numeral


def test_numerals_compare_and_hash_by_their_fields() -> None:
    a, b = read_numeral("共21个", 1, 3), read_numeral("共21个", 1, 3)
    assert a is not b and a == b and hash(a) == hash(b)
    assert len({a, b, Numeral(1, 3, "21", 21.0)}) == 1
    assert a != read_numeral("共22个", 1, 3)


def test_read_numeral_fields() -> None:
    n = read_numeral("两三千人", 0, 3)
    assert (n.start, n.end, n.text, n.value, n.low, n.high) == (0, 3, "两三千", None, 2000.0, 3000.0)
    assert [(x.text, x.value) for x in find_numbers("增长3.5%，达1,200万")] == [("3.5", 3.5), ("1,200万", 12000000.0)]
