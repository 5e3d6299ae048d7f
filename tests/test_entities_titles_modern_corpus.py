"""One test per line of fixtures/corpus/entities.titles.modern.jsonl and .negative.jsonl: title chains
before a name as today's news writes them (issue 14, families seen on test3): quotes signed with a
dash, verbs of writing or likening before the title, a quoted unit opening the chain, foreign heads
of state. The sentences are written for the tests, not taken from the annotated articles.

Positive line: {"text", "expect": [{"text", "titles"}]}: each person is found with that exact chain.
Negative line: {"text", "forbid"}: no person's title holds any of the forbidden strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.entity_helpers import checked_entities

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def _cases(name: str) -> list[Any]:
    path = CORPUS / name
    return [pytest.param(json.loads(line), id=f"{name}:{n}")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]


@pytest.mark.parametrize("case", _cases("entities.titles.modern.jsonl"))
def test_title_chain(case: dict[str, Any]) -> None:
    people = [e for e in checked_entities(case["text"]) if e.label == "PERSON"]
    for want in case["expect"]:
        hits = [e for e in people if e.text == want["text"]]
        assert hits, (want["text"], [(e.text, e.titles) for e in people])
        assert any(list(e.titles) == want["titles"] for e in hits), [e.titles for e in hits]


@pytest.mark.parametrize("case", _cases("entities.titles.modern.negative.jsonl"))
def test_title_never_holds(case: dict[str, Any]) -> None:
    people = [e for e in checked_entities(case["text"]) if e.label == "PERSON"]
    assert people, "the sentence names a person"
    bad = [(e.text, e.titles) for e in people if any(f in t for t in e.titles for f in case["forbid"])]
    assert not bad, bad
