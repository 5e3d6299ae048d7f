"""Entity extraction for the entity tests, every span checked against the text it came from."""

from __future__ import annotations

from zhnews.extractors.entities import extract_entities
from zhnews.extractors.types import EntityMatch
from tests.conftest import corpus_lines


def checked_entities(text: str) -> list[EntityMatch]:
    ents = extract_entities(text)
    for e in ents:
        assert text[e.start:e.end] == e.text
    return ents


def entity_spans(text: str) -> set[tuple[str, str]]:
    """(surface, label) of every entity."""
    return {(e.text, e.label) for e in checked_entities(text)}


def person_titles(text: str) -> dict[str, tuple[str, ...]]:
    """PERSON surface -> title chain."""
    return {e.text: tuple(e.titles) for e in checked_entities(text) if e.label == "PERSON"}



def entity_example_texts() -> list[str]:
    """The text of every line of the entity example files (fixtures/corpus/entities.*.jsonl), in file order:
    the speed tests compare a shortcut with the plain code on them."""
    return [row["text"] for _, _, row in corpus_lines("entities.*.jsonl") if isinstance(row.get("text"), str)
            and row["text"]]
