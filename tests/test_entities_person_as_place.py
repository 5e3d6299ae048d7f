"""A name the text itself uses as a place (杨凌农业高新技术产业示范区) is that place at its bare
mentions, not a person; a titled name stays a person (extractors/person_as_place.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zhnews.extractors.entities import default_gazetteer, extract_entities
from zhnews.extractors.entity_text import build_ctx
from zhnews.extractors.person_as_place import names_used_as_places

TEXT = "陕西省将基地选在杨凌农业高新技术产业示范区。杨凌将为学员订制课程，杨凌还在建设基地。"


def _span(start: int, end: int, label: str, rule: str, titles: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(start=start, end=end, label=label, rule=rule, titles=titles)


def test_bare_mentions_of_a_place_name_are_the_place() -> None:
    ents = [(e.text, e.label) for e in extract_entities(TEXT)]
    assert ("杨凌农业高新技术产业示范区", "GPE") in ents, ents
    assert ("杨凌", "PERSON") not in ents, ents
    assert ents.count(("杨凌", "GPE")) == 2, ents


def test_only_untitled_names_and_rule_places() -> None:
    ctx = build_ctx(TEXT, None, default_gazetteer())
    place = _span(8, 21, "GPE", "place.zone")
    bare = _span(22, 24, "PERSON", "person.tagger")
    assert names_used_as_places(ctx, [place, bare]) == {"杨凌"}
    titled = _span(33, 35, "PERSON", "person.tagger", ("书记",))
    assert names_used_as_places(ctx, [place, bare, titled]) == set()  # titled somewhere: a person
    assert names_used_as_places(ctx, [_span(8, 21, "GPE", "place.tagger"), bare]) == set()
    assert names_used_as_places(ctx, [_span(8, 21, "ORG", "org.suffix.strong"), bare]) == set()


@pytest.mark.parametrize(("text", "place"), [
    ("州长凯特·布朗26日晚在波特兰市出席华人春节晚宴。", "波特兰市"),
    ("中国电建承建的胡胡伊省南美最大的光伏电厂将交付。", "胡胡伊省"),
])
def test_name_with_an_administrative_suffix_is_a_place(text: str, place: str) -> None:
    labels = {(e.text, e.label) for e in extract_entities(text)}
    assert (place, "GPE") in labels, labels


def test_a_post_after_the_name_keeps_the_person() -> None:
    people = [e.text for e in extract_entities("张伟市长说，王芳县里的干部都来了。") if e.label == "PERSON"]
    assert "张伟" in people and "王芳" in people
