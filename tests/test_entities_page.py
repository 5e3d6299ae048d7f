"""The user's sample page: every person with the title chain as written, every signing party as ORG."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhnews.extractors.entities import extract_entities
from zhnews.extractors.types import EntityMatch

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "000_ebd6c998439410a8.txt"

PEOPLE = ["沈金强", "张智奎", "宋文", "常晓勇", "涂燕", "欧亚菲", "吴舸", "唐卫东", "张葵", "徐秀霞", "勾剑",
          "张强", "龚毅", "陈欣薇", "余继", "吉哈德·马鲁利姆", "本森·坎蒙", "安菲翁·斯里萨克", "林小雄", "袁卿予"]

TITLES = {
    "宋文": "永川区委常委、区政府副区长、永川高新区党工委书记",
    "吴舸": "四川省商务厅党组成员、中国(四川)自由贸易试验区工作办公室专职副主任",
    "唐卫东": "重庆市商务委党组成员、副主任、中国(重庆)自由贸易试验区工作办公室副主任",
    "张葵": "重庆市商务委二级巡视员",
    "徐秀霞": "永川区政府副区长、区新城建设党工委书记",
    "勾剑": "商务部驻成都特办经贸处副处长",
    "常晓勇": "永川区委副书记、区长",
    "余继": "永川高新区管委会职业教育发展中心主任",
    "吉哈德·马鲁利姆": "泰国格乐大学人文学院政治学系主任",
    "本森·坎蒙": "老挝职业教育发展研究院院长",
    "安菲翁·斯里萨克": "老挝职业教育发展研究院副院长",
    "林小雄": "马来西亚北吉隆坡学院院长兼创始人",
}

INSTITUTIONS = [
    "重庆水利电力职业技术学院", "重庆城市职业学院", "重庆财经职业学院", "重庆科创职业学院",
    "重庆智能工程职业学院", "重庆现代制造职业学院", "马来西亚留学服务中心(EMGS)", "老挝工贸部工贸研究院",
    "印尼日惹 PGRI 大学", "泰国西那瓦国际大学", "马来西亚英迪国际大学", "柬埔寨中科凯泽技术学院",
    "老挝职业教育发展研究院", "老挝铁道技术学院", "德国 GFM 教育集团",
]
OTHER_ORGS = ["重庆市商务委", "四川省商务厅", "永川区委", "区政府", "长城汽车", "爱奇艺", "达瓦(重庆)影像科技"]
NOT_PEOPLE = ["一带一路", "产城职创", "一带", "产城", "智库"]


def page_text() -> str:
    """The page as the pipeline hands it over: paragraphs split by a page break joined again.

    A break is a blank line inside a long paragraph that does not end a sentence (张\\n\\n葵).
    """
    raw = PAGE.read_text(encoding="utf-8")
    paras = raw.split("\n\n")
    out = [paras[0]]
    for para in paras[1:]:
        prev = out[-1]
        if len(prev.strip()) > 30 and prev and prev[-1] not in "。!?”)摄" and para[:1] not in ("", "\n"):
            out[-1] = prev + para
        else:
            out.append(para)
    return "\n\n".join(out)


@pytest.fixture(scope="module")
def ents() -> list[EntityMatch]:
    text = page_text()
    got = extract_entities(text)
    for e in got:
        assert text[e.start:e.end] == e.text
    return got


@pytest.mark.parametrize("name", PEOPLE)
def test_person_found(ents: list[EntityMatch], name: str) -> None:
    assert any(e.label == "PERSON" and e.text == name for e in ents), name


@pytest.mark.parametrize("name", sorted(TITLES))
def test_titles_as_written(ents: list[EntityMatch], name: str) -> None:
    chains = {"、".join(e.titles) for e in ents if e.label == "PERSON" and e.text == name and e.titles}
    assert TITLES[name] in chains, (name, chains)


@pytest.mark.parametrize("org", INSTITUTIONS + OTHER_ORGS)
def test_org_found(ents: list[EntityMatch], org: str) -> None:
    assert any(e.label == "ORG" and e.text == org for e in ents), org


@pytest.mark.parametrize("word", NOT_PEOPLE)
def test_not_people(ents: list[EntityMatch], word: str) -> None:
    assert not any(e.label == "PERSON" and e.text == word for e in ents)


def test_places_inside_orgs_are_not_entities(ents: list[EntityMatch]) -> None:
    orgs = [e for e in ents if e.label == "ORG"]
    for e in ents:
        if e.label in ("GPE", "LOC"):
            assert not any(o.start <= e.start and e.end <= o.end for o in orgs), e


def test_emgs_coreference(ents: list[EntityMatch]) -> None:
    keys = {e.text: e.coref_key for e in ents if "EMGS" in e.text}
    assert keys["马来西亚留学服务中心(EMGS)"] == keys["马来西亚教育全球服务中心(EMGS)"]


def test_repeated_person_shares_key(ents: list[EntityMatch]) -> None:
    keys = {e.coref_key for e in ents if e.text == "常晓勇"}
    assert len(keys) == 1 and sum(e.text == "常晓勇" for e in ents) >= 2


def test_chuanyu_is_two_linked_places(ents: list[EntityMatch]) -> None:
    text = page_text()
    i = text.index("川渝自贸协同开放示范区产业对接会在")
    pair = [e for e in ents if e.start in (i, i + 1) and e.end - e.start == 1]
    assert [e.text for e in pair] == ["川", "渝"]
    assert all(e.label == "GPE" and e.kb_id for e in pair)


def test_countries_linked(ents: list[EntityMatch]) -> None:
    laos = [e for e in ents if e.text == "老挝" and e.label == "GPE"]
    assert laos and all(e.kb_id == "ISO-LA" for e in laos)
