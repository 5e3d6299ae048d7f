"""Issue 14: organisations, companies and places as today's news writes them.

Each example the issue lists behaves as written, and each new rule family has a positive and a
negative case (more lines in fixtures/corpus/entities.{org,gpe,loc}*.jsonl).
"""

from __future__ import annotations

import pytest

from tests.entity_helpers import checked_entities as _ents, entity_spans as _spans


# --- the examples -------------------------------------------------------------------------

def test_bank_branch_is_one_org() -> None:
    spans = _spans("光大银行长春分行行长王某表示，将加大信贷投放。")
    assert ("光大银行长春分行", "ORG") in spans
    assert not any(t == "长春" for t, _ in spans)


@pytest.mark.parametrize("club", ["AC米兰", "ac米兰"])
def test_club_letters_make_the_city_a_club(club: str) -> None:
    spans = _spans(f"{club}主场2比1击败对手。")
    assert (club, "ORG") in spans
    assert ("米兰", "GPE") not in spans


def test_listed_club_is_not_a_person() -> None:
    ents = _ents("贝蒂斯主场战平巴萨。")
    assert not [e for e in ents if e.label == "PERSON"]
    assert ("贝蒂斯", "ORG") in {(e.text, e.label) for e in ents}


def test_disney_is_an_organisation_not_a_person() -> None:
    ents = _ents("迪士尼宣布裁员。")
    assert not [e for e in ents if e.label == "PERSON"]
    assert ("迪士尼", "ORG") in {(e.text, e.label) for e in ents}


def test_jimei_family_has_no_america() -> None:
    ents = _ents("吉美家族的财富传承引人关注。")
    assert not [e for e in ents if e.label == "GPE"]


def test_province_country_pair_needs_context() -> None:
    # the same characters with a context word after them are two places
    spans = _spans("吉美关系持续升温。")
    assert ("吉", "GPE") in spans and ("美", "GPE") in spans


def test_road_is_one_loc_not_cut_into_places() -> None:
    spans = _spans("车辆沿环海西路向东行驶。")
    assert ("环海西路", "LOC") in spans
    assert not any(t == "海西" for t, _ in spans)


def test_address_keeps_admin_places_and_house_number() -> None:
    spans = _spans("公司位于北京市朝阳区建国路88号。")
    assert {("北京市", "GPE"), ("朝阳区", "GPE"), ("建国路88号", "LOC")} <= spans


@pytest.mark.parametrize("text", ["这条路很难走。", "走出一条新路。", "推进一带一路建设。", "集成电路设计企业增多。"])
def test_ordinary_road_words_are_no_road(text: str) -> None:
    assert not [e for e in _ents(text) if e.rule == "place.road"]


def test_pair_abbreviation_is_two_linked_countries() -> None:
    # one entity per character, each linked to its country (as 中美 is done)
    ents = [e for e in _ents("中尼友好关系不断发展。") if e.label == "GPE"]
    assert [(e.text, e.start, e.end, e.kb_id) for e in ents] == [("中", 0, 1, "ISO-CN"), ("尼", 1, 2, "ISO-NP")]


@pytest.mark.parametrize(("text", "zone"), [
    ("横琴新区发展迅速。", "横琴新区"),
    ("乌鲁木齐高新区企业数量增加。", "乌鲁木齐高新区"),
    ("天津自贸试验区率先推出改革举措。", "天津自贸试验区"),
])
def test_development_zones_are_gpe(text: str, zone: str) -> None:
    assert (zone, "GPE") in _spans(text)


def test_zone_after_a_province_keeps_the_province_apart() -> None:
    spans = _spans("重庆西永综合保税区里开工的企业不多。")
    assert ("重庆", "GPE") in spans and ("西永综合保税区", "GPE") in spans


def test_zone_word_after_a_demonstrative_is_no_zone() -> None:
    assert not [e for e in _ents("这些新区发展很快。") if e.label == "GPE"]


def test_body_of_a_zone_is_an_org_holding_it() -> None:
    assert ("横琴新区管委会", "ORG") in _spans("横琴新区管委会表示，将优化营商环境。")


# --- rule families --------------------------------------------------------------------------------

def test_dictionary_body_after_a_city() -> None:
    assert ("福州市民政局", "ORG") in _spans("福州市民政局局长王振松说。")


def test_bare_dictionary_body_is_no_org() -> None:
    assert not [e for e in _ents("将财政局、民政局等部门纳入小组。") if e.label == "ORG"]


@pytest.mark.parametrize("text,org", [
    ("由上海市文化和旅游局联合承办。", "上海市文化和旅游局"),
    ("埃及规划与经济发展部副部长表示。", "埃及规划与经济发展部"),
    ("尼泊尔工业、商业与供应部长亚达夫说。", "尼泊尔工业、商业与供应部"),
])
def test_fields_joined_inside_a_body_name(text: str, org: str) -> None:
    assert (org, "ORG") in _spans(text)


@pytest.mark.parametrize("text", ["企业和政府部门加强合作。", "党建工作与中心工作同频共振。"])
def test_conjunction_without_a_name_joins_nothing(text: str) -> None:
    assert not [e for e in _ents(text) if e.label == "ORG"]


def test_titles_between_bodies_are_not_joined() -> None:
    text = "曾任海军航空学校副政治委员、海军青岛防空司令部政治委员。"
    assert not [e for e in _ents(text) if e.label == "ORG" and "、" in e.text]


def test_museum_acting_is_an_org_visited_is_a_loc() -> None:
    assert ("梵蒂冈博物馆", "ORG") in _spans("梵蒂冈博物馆推出在线导览。")
    assert ("梵蒂冈博物馆", "LOC") in _spans("游客在梵蒂冈博物馆参观。")


def test_company_short_name_later_in_the_article() -> None:
    text = ("江苏恒立液压股份有限公司今年招收了一批职校生。恒立液压人事主管赵贤文说，"
            "公司将继续扩大招聘。目前恒立液压各个工厂已全面复工。")
    orgs = [e for e in _ents(text) if e.label == "ORG"]
    assert [e.text for e in orgs].count("恒立液压") == 2


def test_declared_short_name_is_an_org() -> None:
    text = "巨石埃及玻璃纤维股份有限公司（简称巨石埃及）年产20万吨玻璃纤维。记者进入巨石埃及的生产车间。"
    orgs = [e.text for e in _ents(text) if e.label == "ORG"]
    assert orgs.count("巨石埃及") == 2
    assert not [e for e in _ents(text) if e.text == "埃及"]


def test_short_names_need_a_company_name_first() -> None:
    # no company is named: a repeated transliterated name stays what it was
    text = "罗森一家住在北京。罗森说，他很喜欢这座城市。罗森的孩子在这里上学。"
    assert not [e for e in _ents(text) if e.label == "ORG"]


def test_funds_and_bare_kinds_are_no_org() -> None:
    text = "澜湄合作专项基金支持的项目达到35个，各国央行和商业银行纷纷降息，医疗队已出发。"
    assert not [e for e in _ents(text) if e.label == "ORG"]


def test_compressed_river_pair_is_two_locs() -> None:
    ents = [e for e in _ents("澜湄合作不断深化。") if e.label == "LOC"]
    assert [(e.text, e.canonical) for e in ents] == [("澜", "澜沧江"), ("湄", "湄公河")]


def test_media_and_customs_suffixes() -> None:
    spans = _spans("湖南卫视联合多家机构首发新节目，重庆海关出台支持措施。")
    assert ("湖南卫视", "ORG") in spans and ("重庆海关", "ORG") in spans


def test_route_named_by_abbreviations_is_one_loc() -> None:
    spans = _spans("京津城际实行月票制，京津冀协同发展。")
    assert ("京津城际", "LOC") in spans
    assert {("京", "GPE"), ("津", "GPE"), ("冀", "GPE")} <= spans  # the region itself is still split


def test_country_abbreviation_read_from_the_article() -> None:
    text = "尼泊尔举国欢欣鼓舞。尼方将同中方一道推进合作。"
    ents = [e for e in _ents(text) if e.text == "尼"]
    assert ents and all(e.label == "GPE" and e.canonical == "尼泊尔" for e in ents)
    # without the country named in full, 尼方 is no place
    assert not [e for e in _ents("尼方表示欢迎。") if e.text == "尼"]


def test_phrase_words_end_an_organisation_name() -> None:
    spans = _spans("严彬旗下华彬集团捐赠了物资，他同时获聘母校暨南大学副教授。")
    assert ("华彬集团", "ORG") in spans and ("暨南大学", "ORG") in spans


def test_listed_kind_after_deng() -> None:
    spans = _spans("其中达丰、英业达等大型笔记本电脑代工企业已复工。")
    assert {("达丰", "ORG"), ("英业达", "ORG")} <= spans
    assert not [e for e in _ents("推动改革、促进发展等工作。") if e.label == "ORG"]


def test_company_position_after_an_unknown_name() -> None:
    assert ("深之蓝", "ORG") in _spans("一见面，深之蓝总经理魏建仓就报喜。")
    assert not [e for e in _ents("马云董事长说，该公司总经理也来了。") if e.label == "ORG"]


def test_place_before_a_local_body() -> None:
    spans = _spans("深圳市消协发布数据，香港中联办表示欢迎。")
    assert {("深圳市消协", "ORG"), ("香港中联办", "ORG")} <= spans
    assert not [e for e in _ents("请填写邮政编码。") if e.label == "ORG"]


def test_party_committee_and_government_are_two_bodies() -> None:
    spans = _spans("深圳市委市政府高度重视。")
    assert {("深圳市委", "ORG"), ("市政府", "ORG")} <= spans
