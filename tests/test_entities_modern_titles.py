"""Titles of people as modern news writes them (issue 14, item 3; guideline docs/annotation/entities.md §6-7).

Each test states one rule family: titles before and after the name, chains (with bodies inside,
across 、 and commas), shared titles, chains that stop at another person, bylines and credits,
and the names themselves (副总封屹, 小罗; 贝蒂斯 / 迪士尼 / 华山松 are no people).
"""

from __future__ import annotations

import pytest

from zhnews.extractors.entities import extract_entities
from zhnews.extractors.types import EntityMatch

from tests.entity_helpers import person_titles as _people


def _labels(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in extract_entities(text)]


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("导演陈木胜在发布会上介绍了影片。", "陈木胜", ("导演",)),
    ("这部电影由陈木胜导演执导。", "陈木胜", ("导演",)),
    ("王涛主任介绍了有关情况。", "王涛", ("主任",)),
    ("刘建华代表说，要把民生实事办好。", "刘建华", ("代表",)),
])
def test_title_before_or_after_the_name(text: str, name: str, titles: tuple[str, ...]) -> None:
    assert _people(text).get(name) == titles


def test_deputy_as_a_verb_is_no_title() -> None:
    """代表 after a name is a title only where the sentence goes on as a deputy's does."""
    assert _people("李志强代表公司在大会上发言。").get("李志强", ()) == ()


def test_titles_after_the_name_chain_across_the_list_mark() -> None:
    people = _people("通伦转达对本扬总书记、国家主席的问候。")
    assert people.get("本扬") == ("总书记", "国家主席")


def test_title_after_stops_before_the_next_person() -> None:
    people = _people("王涛主任、副主任李晓峰出席会议。")
    assert people.get("王涛") == ("主任",)
    assert people.get("李晓峰") == ("副主任",)


def test_chain_with_organisations_inside() -> None:
    text = "永川区委常委、区政府副区长宋文出席会议。"
    assert _people(text)["宋文"] == ("永川区委常委", "区政府副区长")
    labels = _labels(text)
    assert ("永川区委", "ORG") in labels and ("区政府", "ORG") in labels  # titles do not swallow the bodies


def test_list_mark_inside_one_body_name_is_no_chain() -> None:
    """工业、商业与供应部 is one ministry: the 、 does not split the title."""
    assert _people("尼泊尔工业、商业与供应部长亚达夫说，两国合作前景广阔。")["亚达夫"] == ("尼泊尔工业、商业与供应部长",)


@pytest.mark.parametrize(("text", "name", "title"), [
    ("省卫生和计划生育委员会主任张立新告诉记者。", "张立新", "省卫生和计划生育委员会主任"),
    ("希捷公司全球磁头及硬盘运营高级副总裁庄明发表示感谢。", "庄明发", "希捷公司全球磁头及硬盘运营高级副总裁"),
    ("中国(海南)改革发展研究院经济所所长匡正明认为，消费潜力巨大。", "匡正明", "中国(海南)改革发展研究院经济所所长"),
    ("江苏苏州某银行职员王丽华告诉记者。", "王丽华", "江苏苏州某银行职员"),
    ("五洲传播中心“有熊猫”全球青年文化推广计划负责人白云帆说。", "白云帆", "五洲传播中心“有熊猫”全球青年文化推广计划负责人"),
])
def test_body_names_inside_a_title_keep_their_joins_brackets_and_quotes(text: str, name: str, title: str) -> None:
    assert _people(text)[name] == (title,)


def test_chain_goes_on_across_a_comma_only_after_a_title() -> None:
    text = "浙江省人大代表，浙江双环传动机械股份有限公司董事长、总经理吴长江告诉记者。"
    assert _people(text)["吴长江"] == ("浙江省人大代表", "浙江双环传动机械股份有限公司董事长", "总经理")
    # a predicate before the comma is no title: only the title after it
    assert _people("王五是公司经理，副经理李红梅说。").get("李红梅") == ("副经理",)


def test_shared_title_for_a_list_of_names() -> None:
    people = _people("副市长王建国、李红梅出席活动。")
    assert people["王建国"] == ("副市长",)
    assert people["李红梅"] == ("副市长",)


def test_each_title_its_own_in_a_list_of_titled_people() -> None:
    people = _people("习近平主席、李克强总理出席会议。")
    assert people["习近平"] == ("主席",)
    assert people["李克强"] == ("总理",)


def test_title_stops_at_another_person() -> None:
    people = _people("早报记者朱楠实习生李晓红报道")
    assert people["朱楠"] == ("早报记者",)
    assert people["李晓红"] == ("实习生",)
    people = _people("外交部副部长罗照辉介绍国家主席习近平即将出访。")
    assert people["罗照辉"] == ("外交部副部长",)
    assert people["习近平"] == ("国家主席",)


def test_title_stops_at_a_date() -> None:
    people = _people("国家主席习近平5月20日晚同缅甸总统温敏通电话。")
    assert people["习近平"] == ("国家主席",)
    assert people["温敏"] == ("缅甸总统",)


@pytest.mark.parametrize(("text", "expected"), [
    ("本报讯（记者王小明 实习生赵丽 通讯员陈刚）昨天，", {"王小明": ("记者",), "赵丽": ("实习生",), "陈刚": ("通讯员",)}),
    ("本报记者 张伟 特约通讯员 刘强", {"张伟": ("记者",), "刘强": ("特约通讯员",)}),
    ("（本报记者张烁、邝西曦、丁怡婷）", {"张烁": ("记者",), "邝西曦": ("记者",), "丁怡婷": ("记者",)}),
    ("（综合本报记者王昊男、魏薇报道）", {"王昊男": ("记者",), "魏薇": ("记者",)}),
    ("（参与记者：田颖、沈忠浩）", {"田颖": ("记者",), "沈忠浩": ("记者",)}),
    ("本版制图：蔡华伟", {"蔡华伟": ("制图",)}),
    ("本报记者 王 沛\n济南偏北，黄河两岸。", {"王 沛": ("记者",)}),
    ("图为新落成的文化广场。晨报记者 欧阳明 摄", {"欧阳明": ("晨报记者",)}),
])
def test_bylines_each_role_its_own(text: str, expected: dict[str, tuple[str, ...]]) -> None:
    people = _people(text)
    for name, titles in expected.items():
        assert people.get(name) == titles, (name, people)


def test_byline_intern_and_correspondent_never_get_reporter() -> None:
    people = _people("本报讯（记者王小明 实习生赵丽 通讯员陈刚）")
    assert "记者" not in people["赵丽"] and "记者" not in people["陈刚"]


def test_colon_after_reporter_in_an_interview_is_no_byline() -> None:
    assert "你们" not in "".join(_people("记者：你们今年的目标是什么？"))


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("75岁的尼泊尔资深媒体人德文德拉曾撰写大量文章。", "德文德拉", ("媒体人",)),
    ("中铁四局二公司经理、老党员刘海涛为大伙鼓劲。", "刘海涛", ("中铁四局二公司经理", "党员")),
    ("北京大学原校长，中国共产党的优秀党员丁石孙。", "丁石孙", ("党员",)),
    ("青年舞蹈家饶子龙是广场舞专家。", "饶子龙", ("舞蹈家",)),
    ("县里派来的干部正在耐心地教贫困户王大明如何操作。", "王大明", ("贫困户",)),
])
def test_descriptive_words_and_verbs_stay_out_of_titles(text: str, name: str, titles: tuple[str, ...]) -> None:
    assert _people(text).get(name) == titles


def test_surname_glued_to_the_title_by_the_segmenter() -> None:
    """董事长江涛 is cut 董事/长江/涛 by jieba: the name is still 江涛."""
    assert _people("雄安分公司董事长江涛说。")["江涛"] == ("雄安分公司董事长",)


def test_short_foreign_names_after_a_foreign_title() -> None:
    people = _people("习近平会见老挝总理通伦。泰国外长敦表示，合作前景广阔。")
    assert people["通伦"] == ("老挝总理",)
    assert people["敦"] == ("泰国外长",)
    # no name is made of ordinary words after a title
    assert "双方签字" not in _people("柬埔寨副首相布拉索昆代表双方签字。")


def test_vice_president_short_title() -> None:
    people = _people("华为副总封屹表示，今年销量增长。")
    assert "封屹" in people and people["封屹"][-1].endswith("副总")


def test_nickname_is_one_person() -> None:
    people = _people("小罗在比赛中打进两球。")
    assert "小罗" in people and "罗" not in people


def test_surname_with_kinship_word_is_the_surname() -> None:
    people = _people("邻居张大妈患糖尿病多年。“保证温阿姨不愁吃、不愁穿。”")
    assert "张" in people and "温" in people
    assert "张大妈" not in people and "温阿姨" not in people
    assert people["张"] == ()


@pytest.mark.parametrize("text", ["贝蒂斯主场迎战皇马。", "上海迪士尼乐园今天开园。", "华山松是一种常绿乔木。",
                                  "山上长满华山松和油松。"])
def test_clubs_brands_and_trees_are_no_people(text: str) -> None:
    assert not _people(text)


def test_title_strings_are_as_written() -> None:
    """Every title is a substring of the text right before or after its person."""
    text = "中华全国总工会副主席张工代表介绍，国务委员兼外交部长王毅出席。"
    ents: list[EntityMatch] = [e for e in extract_entities(text) if e.label == "PERSON"]
    assert ents
    for e in ents:
        for t in e.titles:
            assert t in text


def test_other_mentions_of_a_titled_person_are_that_person() -> None:
    text = "习近平会见老挝总理通伦。通伦祝贺中方取得的成就。"
    found = [(e.text, tuple(e.titles)) for e in extract_entities(text) if e.label == "PERSON"]
    assert ("通伦", ("老挝总理",)) in found
    assert ("通伦", ()) in found  # the bare repeat: a person, and untitled where it is written


def test_a_bare_name_inside_a_title_is_no_floor() -> None:
    """Only a titled person ends the chain before it: a name inside a body's name does not."""
    people = _people("诺贝尔化学奖获得者、以色列理工学院教授谢赫特曼出席座谈会。")
    assert people.get("谢赫特曼") == ("诺贝尔化学奖获得者", "以色列理工学院教授")


@pytest.mark.parametrize(("text", "name"), [
    ("日本爱知工业大学经营学部教授小林富雄表示，日本社会各界正在行动。", "小林富雄"),
    ("日本丰岛公司八部五课课长中村哲也对本报记者说，环保意识增强了。", "中村哲也"),
    ("长期在日本从事餐饮业的广野美代子认为，农民很辛苦。", "广野美代子"),
])
def test_japanese_names_in_a_text_about_japan(text: str, name: str) -> None:
    assert name in _people(text)


def test_japanese_family_names_are_ordinary_words_elsewhere() -> None:
    assert not any(p.startswith(("中村", "小林")) for p in _people("中村的村民在小林里散步，说要修路。"))


def test_post_in_brackets_after_the_name() -> None:
    assert _people("张立新（某报副总编辑）说，")["张立新"] == ("某报副总编辑",)
    assert _people("王建国（右）与客人交谈。").get("王建国") == ()  # a picture caption's position is no post


def test_a_verb_after_a_title_is_no_name() -> None:
    """总书记强调, — 强 is a surname, but 强调 is a verb: no person, and 总书记 stays 习近平's."""
    people = _people("“习近平总书记强调，农业基础地位不能动摇。")
    assert "强调" not in people


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("局势迫使总统哈迪离开首都。", "哈迪", ("总统",)),
    ("经中央军委主席习近平批准，部队出发。", "习近平", ("中央军委主席",)),
    ("走廊里传来志愿者李夏的声音。", "李夏", ("志愿者",)),
])
def test_verbs_before_a_title_stay_out_of_it(text: str, name: str, titles: tuple[str, ...]) -> None:
    assert _people(text).get(name) == titles


def test_foreign_name_before_a_title_and_its_other_mentions() -> None:
    """奥利 is a proper noun (nz) to the dictionary: the title after it still makes it a person, and
    so are its later bare mentions."""
    text = "尼泊尔总统班达里同奥利总理举行会谈。奥利表示，两国是好邻居。"
    found = [(e.text, tuple(e.titles)) for e in extract_entities(text) if e.label == "PERSON"]
    assert ("奥利", ("总理",)) in found and found.count(("奥利", ())) == 1


def test_long_byline_list_with_word_like_names() -> None:
    people = _people("（本报记者王海、李华、张强、田先进、刘新吾、巨云鹏）")
    assert all(people.get(n) == ("记者",) for n in ("田先进", "刘新吾", "巨云鹏")), people


def test_byline_list_needs_most_items_to_be_names() -> None:
    assert "先进" not in "".join(_people("（本报记者王海、先进、发展、改革）"))


def test_credit_after_this_issue() -> None:
    assert _people("（本报记者孙广勇）\n本期统筹：杨烁壁")["杨烁壁"] == ("统筹",)


def test_name_cut_short_by_the_tagger_at_every_mention() -> None:
    """马生|才 at every mention (才 is also an adverb), beside his brother 马生禄: both whole."""
    text = "弟弟马生禄说，哥哥马生才今年七十岁。马生禄说，马生才受伤后不能干重活。乡干部到马生才家核实情况。"
    names = [e.text for e in extract_entities(text) if e.label == "PERSON"]
    assert names.count("马生才") == 3 and "马生" not in names, names
    assert "王军介" not in _people("王军介绍，项目进展顺利。王军介绍说，要扩大规模。王军介绍了经验。")


@pytest.mark.parametrize(("text", "name", "titles"), [
    ("共青团重庆市沙坪坝区委书记赖红宇告诉记者，疫情防控中团员冲在前面。", "赖红宇", ("共青团重庆市沙坪坝区委书记",)),
    ("日本帝京大学经济学部教授露口洋介告诉本报记者，协议意义重大。", "露口洋介", ("日本帝京大学经济学部教授",)),
    ("13日在加德满都同尼泊尔总理奥利会谈。", "奥利", ("尼泊尔总理",)),
])
def test_title_anchored_name_the_tagger_cut_into_pieces(text: str, name: str, titles: tuple[str, ...]) -> None:
    assert _people(text).get(name) == titles, _people(text)


def test_a_verb_of_speech_after_a_foreign_name_stays_out() -> None:
    people = _people("德国罗伯特·科赫研究所主席洛塔尔·威勒说：“我们向中国同行致敬。”")
    assert "洛塔尔·威勒" in people and "洛塔尔·威勒说" not in people


def test_lao_before_a_body_name_stays_in_the_title() -> None:
    """老 is descriptive right before the role (老党员 → 党员), not at the start of a body's name
    (老中铁路有限公司, the Laos-China railway company)."""
    assert _people("他说：“老中铁路有限公司董事长鞠国江到场。”")["鞠国江"] == ("老中铁路有限公司董事长",)
    assert _people("村里的老支书王大明说。")["王大明"] == ("支书",)


def test_names_in_a_list_of_names() -> None:
    names = [e.text for e in extract_entities("祝希娟、陈冲、刘晓庆、丛珊、盖克、姜文、张瑜等演员参加了活动。")
             if e.label == "PERSON"]
    assert {"丛珊", "盖克"} <= set(names), names
    names = [e.text for e in extract_entities("习近平、李克强、栗战书、汪洋、王沪宁等领导同志参加。") if e.label == "PERSON"]
    assert "栗战书" in names, names


@pytest.mark.parametrize("text", ["张三、李四、发展、改革等议题。", "王五、赵六、北京、上海都派了人。", "王五、会议结束。"])
def test_words_and_places_in_a_list_after_names_are_no_people(text: str) -> None:
    assert not {"发展", "改革", "北京", "上海", "会议结束"} & set(_people(text))


@pytest.mark.parametrize("text, word", [
    ("大会通过了对《居民公约》的修订。", "公约"),
    ("赛事将取消运动员班车，鼓励公交出行。", "班车"),
])
def test_a_noun_after_a_title_word_is_no_name(text: str, word: str) -> None:
    assert word not in _people(text)


def test_memorial_named_after_a_comrade_is_one_site() -> None:
    ents = {(e.text, e.label) for e in extract_entities("演员们分别赴焦裕禄同志纪念馆、焦裕禄精神体验教育基地参观。")}
    assert ("焦裕禄同志纪念馆", "LOC") in ents and ("纪念馆", "PERSON") not in ents, ents
