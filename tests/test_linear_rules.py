"""The linear forms of issue 18's rules give what the quadratic ones gave: each is checked here against
the plain loop it replaced, on random small inputs (their growth is tested in test_adversarial.py)."""

from __future__ import annotations

import random

import pytest

from zhnews.extractors import entity_text
from zhnews.extractors.entity_text import mentions_of
from zhnews.extractors.places import PlaceCand, _ZoneEdits


def _find_each(text: str, name: str) -> list[int]:
    """The old loop: str.find from the end of the last mention."""
    out = []
    p = text.find(name)
    while p >= 0:
        out.append(p)
        p = text.find(name, p + len(name))
    return out


@pytest.mark.parametrize("scan", [False, True], ids=["find_each", "one_scan"])
def test_mentions_of_is_find_from_the_last_mention(scan: bool, monkeypatch) -> None:
    if scan:  # the scan of all names at once, whatever their number
        monkeypatch.setattr(entity_text, "_FIND_EACH_MAX", -1)
    rnd = random.Random(7)
    letters = "哈张伟明李·"
    for _ in range(2000):
        text = "".join(rnd.choice(letters) for _ in range(rnd.randint(0, 40)))
        names = list(dict.fromkeys("".join(rnd.choice(letters) for _ in range(rnd.randint(1, 4)))
                                   for _ in range(rnd.randint(0, 30))))
        assert mentions_of(text, names) == {name: _find_each(text, name) for name in names}, (text, names)
    assert mentions_of("哈哈哈哈哈", ["哈哈"]) == {"哈哈": [0, 2]}  # mentions do not overlap


def test_zone_edits_filter_as_each_zone_did() -> None:
    """Applied once, the recorded zones drop what filtering ``out`` at each zone dropped, and keep its order."""
    rnd = random.Random(11)
    for _ in range(5000):
        out = []
        for _ in range(rnd.randint(0, 8)):
            start = rnd.randint(0, 15)
            out.append(PlaceCand(start, start + rnd.randint(0, 4), "GPE", "place.gazetteer", 0.9))
        expected, edits = list(out), _ZoneEdits()
        for k in range(rnd.randint(0, 5)):
            start = rnd.randint(0, 15)
            end = start + rnd.randint(0, 6)
            zone = PlaceCand(start, end + rnd.randint(0, 3), "LOC", f"place.zone{k}", 0.8)
            expected = [c for c in expected if not (start <= c.start and c.end <= end)] + [zone]
            edits.add(start, end, zone)
        edits.apply(out)
        assert out == expected
