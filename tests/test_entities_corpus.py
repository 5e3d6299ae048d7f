"""One test per line of fixtures/corpus/entities.<label>.jsonl and entities.<label>.negative.jsonl, and of
the modern sets entities.<label>.modern.jsonl / .modern.negative.jsonl (people, titles and places as today's
news writes them, issue 14; written for the tests, not taken from the annotated articles).

Positive line: {"text", "expect": [{"text", "titles"?, "kb_id"?, "kb"?}], "known_gap"?}: each
expected surface is found with the file's label (and the titles / link when given).
Negative line: {"text", "forbid"?}: no entity of the label with a forbidden surface, or, without
"forbid", no entity of the label at all. "known_gap": true marks a case kept as a strict xfail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zhnews.extractors.entities import extract_entities

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
LABELS = {"person": "PERSON", "org": "ORG", "gpe": "GPE", "loc": "LOC"}
MODERN = ("person", "gpe", "loc")  # labels with a modern set


def _paths(negative: bool) -> list[tuple[str, Path]]:
    tail = ".negative.jsonl" if negative else ".jsonl"
    return [(label, CORPUS / f"entities.{key}{tail}") for key, label in LABELS.items()] + \
        [(LABELS[key], CORPUS / f"entities.{key}.modern{tail}") for key in MODERN]


def _cases(negative: bool) -> list[Any]:
    out = []
    for label, path in _paths(negative):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            marks = [pytest.mark.xfail(strict=True, reason="known gap")] if case.get("known_gap") else []
            out.append(pytest.param(label, case, id=f"{path.name}:{n}", marks=marks))
    return out


def _check_spans(text: str) -> list[Any]:
    ents = extract_entities(text)
    for e in ents:
        assert text[e.start:e.end] == e.text
    return ents


@pytest.mark.parametrize(("label", "case"), _cases(negative=False))
def test_positive(label: str, case: dict[str, Any]) -> None:
    ents = _check_spans(case["text"])
    for want in case["expect"]:
        hits = [e for e in ents if e.label == label and e.text == want["text"]]
        assert hits, (want["text"], [(e.text, e.label) for e in ents])
        if "titles" in want:
            assert any(list(e.titles) == want["titles"] for e in hits), [e.titles for e in hits]
        if "kb_id" in want:
            assert any(e.kb_id == want["kb_id"] for e in hits), [e.kb_id for e in hits]
        if want.get("kb"):
            assert all(e.kb_id for e in hits), [e.kb_id for e in hits]


@pytest.mark.parametrize(("label", "case"), _cases(negative=True))
def test_negative(label: str, case: dict[str, Any]) -> None:
    ents = [e for e in _check_spans(case["text"]) if e.label == label]
    forbid = case.get("forbid")
    if forbid is None:
        assert not ents, [(e.text, e.rule) for e in ents]
    else:
        assert not [e for e in ents if e.text in forbid], [(e.text, e.rule) for e in ents]
