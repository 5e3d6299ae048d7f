"""Where modern organisation names start and end (issue 14): a lone character jieba cut off the
first word, villages before a party branch, facilities after administrative places, and the names
that name no one body (a kind of company, a pair's count, a batch or a destination of a group)."""

from __future__ import annotations

import pytest

from tests.entity_helpers import entity_spans as _spans


@pytest.mark.parametrize("text, name", [
    ("降低企业成本意义重大。”中安信科技有限公司总裁王永生表示。", "中安信科技有限公司"),
    ("据了解，爱知县碧南市的丸繁制果公司还用土豆淀粉生产。", "丸繁制果公司"),
    ("再提供免费塑料购物袋。栃木县宇都宫市政府与市民团体联合行动。", "栃木县宇都宫市政府"),
])
def test_lone_first_character_is_inside(text: str, name: str) -> None:
    assert (name, "ORG") in _spans(text)


def test_lone_character_after_a_comma_that_starts_a_phrase_stays_out() -> None:
    got = _spans("教练说，前国家队队员也来了。")
    assert ("前国家队", "ORG") not in got


@pytest.mark.parametrize("text, name", [
    ("荆北村党支部书记杨凡说，村里的路修好了。", "荆北村党支部"),
    ("湖南省郴州市桂东县光明村党支部书记介绍了情况。", "湖南省郴州市桂东县光明村党支部"),
    ("四川省宜宾市文武社区村党总支书记说。", "四川省宜宾市文武社区村党总支"),
])
def test_village_party_branch_is_one_org(text: str, name: str) -> None:
    assert (name, "ORG") in _spans(text)


def test_no_village_named_no_branch() -> None:
    got = _spans("各村党支部书记都来了。")
    assert not any(label == "ORG" and "党支部" in t for t, label in got)


@pytest.mark.parametrize("text, name", [
    ("副司长周继红和戛纳电视节组委会主席出席开幕式。", "戛纳电视节组委会"),
    ("洛桑冬青奥会组委会已经与巴黎奥运会组委会签订了协议。", "巴黎奥运会组委会"),
    ("吉尔吉斯斯坦国家展团领队何国栋就在展台前。", "吉尔吉斯斯坦国家展团"),
    ("尼泊尔上诉法院前法官特里帕蒂表示欢迎。", "尼泊尔上诉法院"),
])
def test_place_glued_before_a_body(text: str, name: str) -> None:
    assert (name, "ORG") in _spans(text)


def test_facility_cuts_administrative_places_but_keeps_the_generic_rest() -> None:
    got = _spans("来到河南省兰考县东坝头镇张庄村文化广场，看望群众。")
    assert ("张庄村文化广场", "LOC") in got
    assert ("河南省", "GPE") in got and ("兰考县", "GPE") in got
    assert not any("河南省" in t and t != "河南省" for t, _ in got)


@pytest.mark.parametrize("text, name", [
    ("湖南省博物馆今天重新开放。", "湖南省博物馆"),  # generic rest: the place stays inside
    ("英国大英博物馆自3月18日闭馆。", "英国大英博物馆"),  # a country stays inside
    ("在北京大兴国际机场降落。", "北京大兴国际机场"),  # hubs keep their city
])
def test_facility_keeps_place_when_rest_is_generic_or_place_is_a_country(text: str, name: str) -> None:
    assert (name, "LOC") in _spans(text)


@pytest.mark.parametrize("text, bad", [
    ("李某与房地产开发有限公司签订了商品房买卖合同。", "房地产开发有限公司"),
    ("南美白对虾全都有，21家上下游公司紧密合作。", "上下游公司"),
    ("在华举行了中阿两国政府间会谈。", "阿两国政府"),
    ("江苏第一支援鄂医疗队的一百四十七人出发了。", "鄂医疗队"),
    ("中国和柬埔寨两国赴黎维和部队组织了扫雷作业。", "黎维和部队"),
    ("据了解，中国第十七批赴黎维和部队多功能工兵分队完成任务。", "中国第十七批赴黎维和部队"),
    ("中国正日益走近世界舞台中央。", "世界舞台中央"),
    ("在国际奥委会总部所在地瑞士洛桑开幕。", "国际奥委会总部"),
])
def test_names_that_name_no_one_body(text: str, bad: str) -> None:
    assert not any(t == bad for t, label in _spans(text) if label == "ORG")


@pytest.mark.parametrize("text, name", [
    ("全国电力公司和英国石油公司签约。", "全国电力公司"),
    ("民建中央主席出席会议。", "民建中央"),
    ("江苏援鄂医疗队抵达武汉。", "江苏援鄂医疗队"),
])
def test_named_bodies_kept(text: str, name: str) -> None:
    assert (name, "ORG") in _spans(text)


def test_kind_before_a_company_name_is_a_description() -> None:
    got = _spans("美国石油公司埃克森美孚计划在广东惠州建设化工综合体。")
    assert ("埃克森美孚", "ORG") in got and ("美国", "GPE") in got
    assert not any(label == "ORG" and t.startswith("美国") for t, label in got)


def test_named_company_before_a_name_is_kept() -> None:
    # a proper part (中安信) makes it a name, not a description
    assert ("中安信科技有限公司", "ORG") in _spans("中安信科技有限公司总裁王永生表示。")


def test_post_cut_by_the_segmenter_is_no_unit() -> None:
    got = _spans("农业农村部渔业渔政管理局副局长江开勇说。")
    assert ("农业农村部渔业渔政管理局", "ORG") in got
    assert not any(t.endswith("副局") for t, _ in got)
