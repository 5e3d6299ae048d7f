"""老王, 小张 name the person by the surname (guideline §6); 小时, 老师, 的老叶 name nobody."""

from __future__ import annotations

import pytest

from zhnews.extractors.entities import extract_entities


def _people(text: str) -> list[tuple[int, str]]:
    return [(e.start, e.text) for e in extract_entities(text) if e.label == "PERSON"]


@pytest.mark.parametrize(("text", "want"), [
    ("原来老王家的厕所是简易木板搭建的。", (3, "王")),
    ("小张是某教育科技公司的一名普通员工。", (1, "张")),
    ("工作人员将笔录发给小张，他在微信中回复确认。", (10, "张")),
])
def test_surname_after_a_familiar_prefix(text: str, want: tuple[int, str]) -> None:
    assert want in _people(text), _people(text)


@pytest.mark.parametrize("text", [
    "一小时后，老师说要建成小康社会。",
    "及时摘取病害较重发黄的老叶，黄瓜自然能活过来。",
    "小马过河的故事大家都听过。",
])
def test_words_with_a_prefix_are_not_people(text: str) -> None:
    assert _people(text) == [], _people(text)
