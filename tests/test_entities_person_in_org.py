"""An organisation named after a person covers the name (outermost name wins, guideline §3.1), and
the person is not reported there; a person who leads, commands or studied at a body stays a person."""

from __future__ import annotations

import pytest

from zhnews.extractors.entities import extract_entities


def _spans(text: str) -> list[tuple[str, str]]:
    ents = extract_entities(text)
    for e in ents:
        assert text[e.start:e.end] == e.text
    return [(e.text, e.label) for e in ents]


@pytest.mark.parametrize(("text", "org", "person"), [
    ("他与焦裕禄干部学院的老师进行了座谈。", "焦裕禄干部学院", "焦裕禄"),
    ("德国罗伯特·科赫研究所发布了最新报告。", "德国罗伯特·科赫研究所", "罗伯特·科赫"),
    ("宋庆龄基金会向灾区捐赠物资。", "宋庆龄基金会", "宋庆龄"),
    ("他毕业于鲁迅文学院。", "鲁迅文学院", "鲁迅"),
    ("德国贝塔斯曼基金会发布研究报告。", "德国贝塔斯曼基金会", "贝塔斯曼"),
    ("孔子学院院长王某说，报名人数增加了。", "孔子学院", "孔子"),
])
def test_body_named_after_a_person(text: str, org: str, person: str) -> None:
    spans = _spans(text)
    assert (org, "ORG") in spans, spans
    assert (person, "PERSON") not in spans, spans


def test_facility_named_after_a_person_is_a_place_or_the_institution() -> None:
    """纪念馆 is a facility: LOC where it is a place, ORG where its post follows (§5)."""
    assert ("周恩来纪念馆", "LOC") in _spans("参观周恩来纪念馆的游客络绎不绝。")
    spans = _spans("乌菲兹美术馆馆长艾克·施密特表示，观众很多。")
    assert ("乌菲兹美术馆", "ORG") in spans, spans


def test_the_person_elsewhere_is_still_a_person() -> None:
    spans = _spans("与焦裕禄亲属、焦裕禄干部学院有关人员进行深入探讨。")
    assert ("焦裕禄", "PERSON") in spans and ("焦裕禄干部学院", "ORG") in spans, spans


@pytest.mark.parametrize(("text", "person"), [
    ("习近平总书记考察了中国科学院研究所。", "习近平"),  # a title between: not one name
    ("克林顿政府宣布新的制裁措施。", "克林顿"),  # a government the person leads
    ("金大中新政府上台后推出改革。", "金大中"),
    ("李明大学毕业后回到家乡工作。", "李明"),  # schooling, not a university named 李明
    ("王建国中学时就喜欢物理。", "王建国"),
    ("严彬旗下公司捐赠了物资。", "严彬"),  # the person's company
    ("严彬旗下华彬集团捐赠了物资。", "严彬"),  # a body with its own name
])
def test_person_before_a_body_stays_a_person(text: str, person: str) -> None:
    spans = _spans(text)
    assert (person, "PERSON") in spans, spans
    assert not [t for t, label in spans if label in ("ORG", "LOC") and person in t], spans


def test_a_post_of_the_person_after_a_bare_body_word() -> None:
    """张三公司董事长说: the company the person leads (the rule does not make it one named after him)."""
    from zhnews.extractors.entity_text import build_ctx
    from zhnews.extractors.entities import default_gazetteer
    from zhnews.extractors.people import PersonCand
    from zhnews.extractors.person_in_org import orgs_named_after_people

    text = "李建国公司董事长说，订单增加了。"
    ctx = build_ctx(text, None, default_gazetteer())
    assert orgs_named_after_people(ctx, [PersonCand(0, 3, "person.tagger", 0.99)]) == []
    text = "孔子学院院长王某说。"
    ctx = build_ctx(text, None, default_gazetteer())
    people = [PersonCand(0, 2, "person.tagger", 0.99), PersonCand(6, 7, "person.tagger", 0.99)]
    found = orgs_named_after_people(ctx, people)
    assert [(text[o.start:o.end], o.label, o.person) for o in found] == [("孔子学院", "ORG", 0)]
