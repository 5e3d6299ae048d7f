"""One test per line of fixtures/corpus/org_families/<family>.jsonl and <family>.negative.jsonl: the
organisation rule families of issue 14 (bare level + body, brand + trade, quoted and dash-joined
names, anchor words, units after a body, zone short names, facilities acting as institutions), each
with lines it must find and lines it must not.

Positive line: {"text", "expect": [{"text", "label"}]}: each surface is found with that label.
Negative line: {"text", "forbid": [...], "label"?}: no entity of the label (default ORG) has a
forbidden surface. "known_gap": true marks a case kept as a strict xfail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zhnews.extractors.entities import extract_entities

FAMILIES = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "org_families"


def _cases(negative: bool) -> list[Any]:
    out = []
    for path in sorted(FAMILIES.glob("*.jsonl")):
        if path.name.endswith(".negative.jsonl") != negative:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            marks = [pytest.mark.xfail(strict=True, reason="known gap")] if case.get("known_gap") else []
            out.append(pytest.param(case, id=f"{path.name}:{n}", marks=marks))
    return out


def _entities(text: str) -> list[Any]:
    ents = extract_entities(text)
    for e in ents:
        assert text[e.start:e.end] == e.text
    return ents


def test_every_family_has_positive_and_negative_lines() -> None:
    names = {p.name for p in FAMILIES.glob("*.jsonl")}
    families = {n.split(".")[0] for n in names}
    assert len(families) >= 8
    lacking = [f for f in families if f"{f}.jsonl" not in names and f"{f}.negative.jsonl" not in names]
    assert not lacking


@pytest.mark.parametrize("case", _cases(negative=False))
def test_positive(case: dict[str, Any]) -> None:
    ents = _entities(case["text"])
    for want in case["expect"]:
        assert any(e.text == want["text"] and e.label == want["label"] for e in ents), \
            (want, [(e.text, e.label, e.rule) for e in ents])


@pytest.mark.parametrize("case", _cases(negative=True))
def test_negative(case: dict[str, Any]) -> None:
    label = case.get("label", "ORG")
    bad = [(e.text, e.rule) for e in _entities(case["text"]) if e.label == label and e.text in case["forbid"]]
    assert not bad


def test_kind_modifiers_listed_once() -> None:
    """gazetteers/orgs/kind_modifiers.txt: a word listed twice is an editing slip (重点 was)."""
    from zhnews.extractors.org_suffix_rule import _kind_modifiers

    words = _kind_modifiers()
    assert len(words) == len(set(words)), sorted(w for w in set(words) if words.count(w) > 1)
