"""Party rule families (issue 16, parties right): one test per example line of fixtures/corpus/signings.parties.jsonl.

Each line: {"text", "signings": [{parties_a, parties_b, count, object}], "rule", "kind": positive|negative, "why"};
only the fields a line gives are compared, signings in text order. A negative line shows where its rule must not
fire (what the text gives without it), so every rule has both kinds.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from zhnews.pipeline import extract_text

LINES = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "signings.parties.jsonl"


def _rows() -> list[dict]:
    return [json.loads(line) for line in LINES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _found(text: str) -> list[dict]:
    return [
        {"parties_a": [p.text for p in s.parties_a], "parties_b": [p.text for p in s.parties_b],
         "count": s.count, "object": s.object}
        for r in extract_text(text, date="2020-06-15") for s in r.signings
    ]


def test_every_rule_has_both_kinds() -> None:
    kinds = Counter((row["rule"], row["kind"]) for row in _rows())
    rules = {rule for rule, _ in kinds}
    assert rules and all(kinds[(rule, "positive")] >= 1 and kinds[(rule, "negative")] >= 1 for rule in rules)


@pytest.mark.parametrize("row", _rows(), ids=lambda row: f"{row['rule']}-{row['kind']}-{row['text'][:12]}")
def test_party_line(row: dict) -> None:
    found = _found(row["text"])
    assert len(found) == len(row["signings"]), (row["why"], found)
    for gold, got in zip(row["signings"], found):
        for key, value in gold.items():
            assert got[key] == value, (row["why"], key, got)


def test_party_spans_point_into_the_text() -> None:
    """The new rules build spans by hand (glued pieces, a body past its place): each must still be the text
    it points at (none of these lines has an expanded abbreviation)."""
    checked = 0
    for row in _rows():
        for r in extract_text(row["text"], date="2020-06-15"):
            for s in r.signings:
                for p in (*s.parties_a, *s.parties_b):
                    assert p.mention is not None and row["text"][p.mention.start:p.mention.end] == p.text, (row["text"], p)
                    checked += 1
    assert checked >= 20


def test_pronoun_signer_is_carried_from_its_sentence() -> None:
    text = "刘晓燕回到家乡。2019年，她与东风农机公司签订了租赁协议。"
    s = next(s for r in extract_text(text, date="2020-06-15") for s in r.signings)
    person = s.parties_a[0]
    assert person.text == "刘晓燕" and person.carried and text[person.mention.start:person.mention.end] == "刘晓燕"
