"""Issue 14: places as today's news writes them (guideline docs/annotation/entities.md §3.6, §5).

One test per rule family, each with cases that must be found and cases that must not; more lines in
fixtures/corpus/entities.{gpe,loc}*.jsonl. The sentences are written for the tests, not taken from
the annotated articles.
"""

from __future__ import annotations

import pytest

from tests.entity_helpers import checked_entities as _ents

PLACE = ("GPE", "LOC")


def _places(text: str) -> list[tuple[str, int]]:
    return [(e.text, e.start) for e in _ents(text) if e.label in PLACE]


def _place_texts(text: str) -> set[str]:
    return {t for t, _ in _places(text)}


# --- country abbreviations side by side, cut by the segmenter into one-character words -------------

@pytest.mark.parametrize("text, expect", [
    ("缅甸总统表示，这段经历深刻诠释了中缅同甘共苦的情谊。", {"中", "缅"}),
    ("这些工程见证了非中经济的共同发展。", {"非", "中"}),
    ("泰国榴莲大量输往日韩等地。", {"日", "韩"}),
    ("当地时间15日，中美第一阶段协议签署。", {"中", "美"}),
    ("两国领导人宣布将中巴新关系提升为全面战略伙伴关系。", {"中", "巴新"}),
])
def test_country_pairs(text: str, expect: set[str]) -> None:
    assert expect <= _place_texts(text)


@pytest.mark.parametrize("text, forbid", [
    ("央行2月3日以利率招标方式开展操作。", {"日", "以"}),
    ("她在高考中以高分考入大学。", {"中", "以"}),
    ("各美其美，美人之美，美美与共。", {"美"}),
    ("活动体验奥林匹克运动的新意与魅力。", {"新", "意"}),
    ("在以人民为中心的发展思想指引下，我们继续前进。", {"以"}),
])
def test_no_pair_in_ordinary_words(text: str, forbid: set[str]) -> None:
    assert not forbid & _place_texts(text)


# --- abbreviations of countries the article names in full (place_abbr_doc.tsv) -----------------------

def test_abbreviation_of_a_country_named_in_the_article() -> None:
    text = "卡塔尔埃米尔会见中方代表。近年来，中卡关系发展顺利，卡方愿同中方深化合作。"
    places = _places(text)
    assert ("卡", text.index("卡关系")) in places
    assert ("卡", text.index("卡方")) in places


def test_same_character_without_the_country_is_no_place() -> None:
    assert "卡" not in _place_texts("他用卡方检验分析了两组数据，卡方值很大。")


def test_zhong_wai_is_china_alone() -> None:
    text = "外交部举行中外媒体吹风会。"
    assert ("中", text.index("中外")) in _places(text)
    assert not _place_texts("他博览群书，通晓古今中外。")


# --- division short forms the gazetteer leaves out (黄石 for 黄石市), per article ---------------------------

def test_division_short_form_in_an_article_naming_the_division() -> None:
    text = "黄石市确诊病例下降。医疗队驻扎在黄石，与当地医院合作。"
    ents = [e for e in _ents(text) if e.text == "黄石" and e.label == "GPE"]
    assert ents and ents[0].kb_id == "CN-420200"


def test_division_short_form_after_its_province() -> None:
    assert "义乌" in _place_texts("外商纷纷来到浙江义乌采购小商品。")


def test_division_short_form_needs_the_article_to_say_so() -> None:
    assert "合作" not in _place_texts("中国合作伙伴遍布全球，双方合作寻找疫苗。")


# --- city nicknames and zone names without their zone word ------------------------------------------------

def test_city_nickname_in_an_article_on_the_city() -> None:
    text = "重庆的志愿者在山城老街里探寻古迹。"
    assert ("山城", text.index("山城")) in _places(text)


@pytest.mark.parametrize("text", ["志愿者在这座山城里探寻古迹。", "山城老街里游客很多。"])
def test_nickname_as_a_common_noun_or_without_its_city(text: str) -> None:
    assert "山城" not in _place_texts(text)


@pytest.mark.parametrize("text, zone", [
    ("第二十六届农高会在杨凌农业高新技术产业示范区举办。", "杨凌农业高新技术产业示范区"),
    ("在海南博鳌乐城国际医疗旅游先行区，患者可以用上新药。", "博鳌乐城国际医疗旅游先行区"),
])
def test_zone_with_generic_words_before_its_zone_word(text: str, zone: str) -> None:
    assert (zone, "GPE") in {(e.text, e.label) for e in _ents(text)}


def test_zone_word_after_generic_words_only_is_no_zone() -> None:
    assert not {"技术开发区", "新技术开发区"} & _place_texts("朝鲜将在部分地区建设新技术开发区。")


def test_zone_name_without_its_zone_word() -> None:
    text = "雄安新区建设提速，天津代表团到雄安学习考察。"
    assert ("雄安", text.index("雄安学习")) in _places(text)


# --- names with an administrative suffix: foreign districts, villages, communities ---------------------------

@pytest.mark.parametrize("text, name", [
    ("记者前往朝鲜两江道三池渊郡采访。", "三池渊郡"),
    ("据了解，爱知县的一家公司也参加了展会。", "爱知县"),
    ("他家住北京朝阳区金台里社区。", "金台里社区"),
    ("日本名古屋市的一家企业也参加了展会。", "名古屋市"),
    ("新商店成为平壤市东部最大的商场。", "平壤市"),
    ("仅临沭街道一地就推广配方田6万亩。", "临沭街道"),
])
def test_name_with_administrative_suffix(text: str, name: str) -> None:
    assert name in _place_texts(text)


@pytest.mark.parametrize("text, forbid", [
    ("全市勇担工业强市主战场使命。", {"工业强市"}),
    ("物流园区复工，为义乌市场开市提供保障。", {"义乌市"}),
    ("实现贫困地区县级医院与北京三甲医院联网。", {"贫困地区县"}),
    ("她来自陕西安康汉滨区县河镇。", {"汉滨区县"}),
    ("演出队到各乡镇村开展慰问演出。", {"各乡镇", "各乡镇村"}),
])
def test_no_suffix_place_in_descriptions(text: str, forbid: set[str]) -> None:
    assert not forbid & _place_texts(text)


# --- named sites, landmarks and hubs -------------------------------------------------------------------------

@pytest.mark.parametrize("text, site", [
    ("游客们在龙坞水库大堤上看风景。", "龙坞水库"),
    ("她又来到义乌国际商贸城挑选商品。", "义乌国际商贸城"),
    ("森村二号隧道顺利贯通。", "森村二号隧道"),
    ("沿着13号公路一路向北。", "13号公路"),
    ("距北京大兴国际机场仅40公里。", "北京大兴国际机场"),
    ("荆州客运枢纽站附近流动人口多。", "荆州客运枢纽站"),
    ("值守点就设在思源小区门口。", "思源小区"),
])
def test_named_site_is_one_loc(text: str, site: str) -> None:
    assert (site, "LOC") in {(e.text, e.label) for e in _ents(text)}


def test_province_before_a_station_is_its_own_place() -> None:
    spans = {(e.text, e.label) for e in _ents("集装箱列车从浙江义乌站驶出。")}
    assert ("浙江", "GPE") in spans and ("义乌站", "LOC") in spans


def test_place_before_a_named_site_is_its_own_place() -> None:
    spans = {(e.text, e.label) for e in _ents("三明大坂现代物流园正式开园。")}
    assert ("三明", "GPE") in spans and ("大坂现代物流园", "LOC") in spans


@pytest.mark.parametrize("text, forbid", [
    ("加快补齐老旧小区在卫生防疫方面的短板。", {"老旧小区"}),
    ("推动沿海港口转型升级。", {"沿海港口"}),
    ("科学院在线开放天文台站和野外台站。", {"天文台站"}),
    ("园区采取“一区多园”模式建设。", {"一区多园"}),
])
def test_generic_words_before_a_site_head_are_no_site(text: str, forbid: set[str]) -> None:
    assert not forbid & _place_texts(text)


# --- routes named by the cities they join, with their sections ------------------------------------------------

@pytest.mark.parametrize("text, route", [
    ("2017年底，石济高铁开通运营。", "石济高铁"),
    ("京台高速、京昆高速等通车运营。", "京昆高速"),
    ("2月13日，盐通铁路盐城段复工。", "盐通铁路盐城段"),
])
def test_city_route(text: str, route: str) -> None:
    assert (route, "LOC") in {(e.text, e.label) for e in _ents(text)}


@pytest.mark.parametrize("text", ["新线路开通高铁后，普通铁路客流下降。", "新建铁路将于年底完工。"])
def test_no_route_in_ordinary_words(text: str) -> None:
    assert not any(e.rule == "place.route" for e in _ents(text))


# --- regions, routes of history, celestial names, direction words ------------------------------------------------

def test_silk_roads_are_loc() -> None:
    spans = {(e.text, e.label) for e in _ents("这里是21世纪海上丝绸之路的重要节点，丝路海运航线不断加密。")}
    assert ("海上丝绸之路", "LOC") in spans and ("丝路", "LOC") in spans


def test_region_named_after_its_cities_is_cut() -> None:
    texts = [t for t, _ in _places("积极融入成渝地区双城经济圈建设。")]
    assert "成" in texts and "渝" in texts and "成渝地区双城经济圈" not in texts


def test_two_rivers_joined_by_a_dash_are_two() -> None:
    assert {"澜沧江", "湄公河"} <= _place_texts("澜沧江—湄公河合作外长会近日举行。")


@pytest.mark.parametrize("text, forbid", [
    ("嫦娥五号将执行月球采样返回任务，首台火星探测器择机发射。", {"月球", "火星"}),
    ("该园区是西部首个国家自主创新示范区。", {"西部"}),
    ("去年中西部地区利用外资快速增长。", {"中", "西", "中西部"}),
])
def test_not_places(text: str, forbid: set[str]) -> None:
    assert not forbid & _place_texts(text)


def test_foreign_city_from_the_gazetteer() -> None:
    ents = [e for e in _ents("电视节在法国南部海滨城市戛纳开幕。") if e.text == "戛纳"]
    assert ents and ents[0].label == "GPE" and ents[0].kb_id
    assert "滨城" not in _place_texts("电视节在法国南部海滨城市戛纳开幕。")


def test_state_full_name_after_the_country() -> None:
    texts = _place_texts("建交国有格林纳达、圭亚那合作共和国和特立尼达和多巴哥共和国。")
    assert {"圭亚那合作共和国", "特立尼达和多巴哥共和国"} <= texts
    assert "圭亚那" not in texts


def test_economic_zone_after_a_place() -> None:
    assert ("苏伊士运河经济区", "GPE") in {(e.text, e.label) for e in _ents("合作区成为苏伊士运河经济区的重要产业区。")}


@pytest.mark.parametrize("text, forbid", [
    ("两座大楼分别位于园区的西北角和东北角。", {"西北", "东北"}),
    ("车队从中心城区出发，一路向西北方向行进。", {"西北"}),
    ("游客从开罗老城区出发。", {"老城区"}),
    ("集装箱已运抵德班码头。", {"德班码头"}),
])
def test_directions_and_common_nouns_are_no_places(text: str, forbid: set[str]) -> None:
    assert not forbid & _place_texts(text)


def test_initials_of_places_named_in_the_article() -> None:
    text = "浙江淳安县和贵州剑河县结对帮扶，淳剑两地协作不断加深。"
    places = _places(text)
    assert ("淳", text.index("淳剑")) in places and ("剑", text.index("剑两")) in places


def test_initials_need_the_places_named() -> None:
    assert not {"淳", "剑"} & _place_texts("淳剑两地协作不断加深。")


def test_separatism_terms_name_the_place() -> None:
    text = "一些人公然鼓吹“港独”，遭到各界反对。"
    assert ("港", text.index("港独")) in _places(text)
    assert "台" not in _place_texts("这家平台独家播出了这部纪录片。")



# --- pairs read from the word after them (place_pair_contexts.txt) ----------------------------------

@pytest.mark.parametrize("text, expect", [
    ("罗照辉表示，中印同为发展中国家和新兴市场国家。", {"中", "印"}),
    ("两国元首引领下，中俄新时代全面战略协作伙伴关系不断深化。", {"中", "俄"}),
    ("缅甸领导人说，缅中永做好邻居、好朋友。", {"缅", "中"}),
    ("近年来，中埃塞全面战略合作伙伴关系不断发展。", {"中", "埃塞"}),
])
def test_country_pairs_before_a_pair_only_word(text: str, expect: set[str]) -> None:
    assert expect <= _place_texts(text)


@pytest.mark.parametrize("text", ["在这个过程中是否落实到位，要看群众。", "要在改革中全面推进各项工作。"])
def test_pair_only_words_never_make_one_abbreviation_a_place(text: str) -> None:
    assert "中" not in _place_texts(text)


# --- zones named by abbreviations or with generic words before the zone word ---------------------

@pytest.mark.parametrize("text, zone, label", [
    ("着力推进中缅边境经济合作区建设。", "中缅边境经济合作区", "LOC"),
    ("西哈努克港经济特区（以下简称西港特区）位于柬埔寨。西港特区已引入企业。", "西港特区", "GPE"),
    ("国务院批复设立广西百色重点开发开放试验区。", "百色重点开发开放试验区", "GPE"),
    ("百色试验区覆盖百色全域范围。", "百色试验区", "GPE"),
    ("新修订的《深圳经济特区文明行为条例》施行。", "深圳经济特区", "GPE"),
    ("龙邦边民互市贸易区已建成运营。", "龙邦边民互市贸易区", "LOC"),
])
def test_zone_is_one_place(text: str, zone: str, label: str) -> None:
    assert (zone, label) in {(e.text, e.label) for e in _ents(text)}


def test_two_regions_before_a_zone_word_stay_two() -> None:
    assert {"港", "澳"} <= _place_texts("港澳特区的发展离不开祖国。")


# --- regions of Africa and generic heads after a river ---------------------------------------------

def test_african_regions_are_one_loc() -> None:
    text = "目前撒哈拉以南非洲有五分之一人口营养不良，其中一半来自西非。"
    places = _place_texts(text)
    assert {"撒哈拉以南非洲", "西非"} <= places and not {"南非", "撒哈拉", "西", "非"} & places


def test_economic_belt_after_a_river_is_the_river() -> None:
    """Guideline decision 48: 长江经济带 → 长江 LOC (经济带, 流域 are generic heads)."""
    assert ("长江", "LOC") in {(e.text, e.label) for e in _ents("推动长江经济带发展是重大决策。")}
    assert "长江经济带" not in _place_texts("推动长江经济带发展是重大决策。")


@pytest.mark.parametrize("text, unit", [
    ("李沧区兴华路街道老干部韩连德说。", "兴华路街道"),
    ("科尔沁右翼前旗额尔格图镇北安嘎查，农民正开着拖拉机。", "北安嘎查"),
])
def test_unit_named_after_a_road_or_a_place_is_one_place(text: str, unit: str) -> None:
    ents = {e.text: e for e in _ents(text)}
    assert unit in ents and ents[unit].label == "GPE"
    assert ents[unit].kb_id is None  # not the city 北安 of the gazetteer


def test_road_with_a_house_number_takes_no_unit() -> None:
    assert "建国路88号" in _place_texts("他住在建国路88号社区旁。")


def test_county_short_form_ending_in_xin_when_the_dictionary_has_it_as_a_name() -> None:
    text = "医疗队赶到阳新。阳新是农业大县，阳新县籍烈士超过二十万名。"
    assert [t for t, _ in _places(text)].count("阳新") == 2
    assert "清新" not in _place_texts("清新区空气清新，风景优美。")


@pytest.mark.parametrize("text, char", [
    ("一些势力从事反华分裂活动。", "华"),
    ("江苏第一支援鄂医疗队的一百四十七人到了南京。", "鄂"),
])
def test_single_abbreviation_after_anti_or_aid(text: str, char: str) -> None:
    assert char in _place_texts(text)


@pytest.mark.parametrize("text", ["世界反法西斯战争胜利。", "他违反法规被处罚。"])
def test_anti_inside_other_words_names_no_place(text: str) -> None:
    assert not {"法", "中"} & _place_texts(text)
