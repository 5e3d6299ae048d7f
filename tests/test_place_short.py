"""place_short._table: the short-form table is cached per gazetteer and per tag table, since the tags
decide which short forms exist (阳新 nr is a short form, a word tagged otherwise is not)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhnews.extractors.place_short import _table


@dataclass
class _Entry:
    id: str
    name: str
    type: str = "COUNTY"
    aliases: tuple[str, ...] = ()


@dataclass
class _Gaz:
    entries: dict[str, _Entry] = field(default_factory=dict)
    version: str = "test-place-short"

    def lookup(self, name: str) -> list:
        return []


def test_table_follows_the_tags_it_is_given() -> None:
    gaz = _Gaz({"CN-1": _Entry("CN-1", "阳新县")})
    named, tagged_word = {"阳新": "nr"}, {"阳新": "a"}
    assert "阳新" in _table(gaz, named)[0]
    assert "阳新" not in _table(gaz, tagged_word)[0]  # not the table cached for the other tags
    assert "阳新" in _table(gaz, named)[0]
