"""One test per line of fixtures/corpus/entities.<label>.modern.jsonl and .modern.negative.jsonl:
people, their titles and places as today's news writes them (issue 14), in the format of
tests/test_entities_corpus.py. The sentences are written for the tests, not taken from the annotated
articles.

Positive line: {"text", "expect": [{"text", "titles"?, "kb_id"?}]}: each expected surface is found with
the file's label (and the titles / link when given). Negative line: {"text", "forbid"?}: no entity of
the label with a forbidden surface, or, without "forbid", no entity of the label at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.entity_helpers import checked_entities

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
LABELS = {"person": "PERSON", "gpe": "GPE", "loc": "LOC"}


def _cases(negative: bool) -> list[Any]:
    out = []
    for key, label in LABELS.items():
        path = CORPUS / f"entities.{key}.modern{'.negative' if negative else ''}.jsonl"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append(pytest.param(label, json.loads(line), id=f"{path.name}:{n}"))
    return out


@pytest.mark.parametrize(("label", "case"), _cases(negative=False))
def test_positive(label: str, case: dict[str, Any]) -> None:
    ents = checked_entities(case["text"])
    for want in case["expect"]:
        hits = [e for e in ents if e.label == label and e.text == want["text"]]
        assert hits, (want["text"], [(e.text, e.label) for e in ents])
        if "titles" in want:
            assert any(list(e.titles) == want["titles"] for e in hits), [e.titles for e in hits]
        if "kb_id" in want:
            assert any(e.kb_id == want["kb_id"] for e in hits), [e.kb_id for e in hits]


@pytest.mark.parametrize(("label", "case"), _cases(negative=True))
def test_negative(label: str, case: dict[str, Any]) -> None:
    ents = [e for e in checked_entities(case["text"]) if e.label == label]
    forbid = case.get("forbid")
    if forbid is None:
        assert not ents, [(e.text, e.rule) for e in ents]
    else:
        assert not [e for e in ents if e.text in forbid], [(e.text, e.rule) for e in ents]
