"""Issue 14, second round: organisation chains, short names and bylines as modern news writes them.

One positive and one negative case per rule family (more lines in fixtures/corpus/entities.*.jsonl):
bodies owned by a place or an organisation (org_chains.owned_bodies), a company's country arm,
short names that are a kind after a plural word, names the article declares, coordinated term
ordinals, listed bylines (people_bylines), and title chains holding a body or a periodical.
"""

from __future__ import annotations

from tests.entity_helpers import checked_entities as _ents, entity_spans as _spans, person_titles as _titles


# --- bodies owned by the name before them --------------------------------------------------------

def test_place_then_common_words_then_body_is_one_org() -> None:
    spans = _spans("向湖北省慈善总会捐款5000万元。")
    assert ("湖北省慈善总会", "ORG") in spans
    assert ("湖北省", "GPE") not in spans  # the outermost name wins
    assert ("江北区就业和人才中心", "ORG") in _spans("听说江北区就业和人才中心组织了一批重点企业。")


def test_unit_of_an_organisation_runs_to_the_last_unit() -> None:
    text = "北海市财政局预算科科长罗世伟介绍，从项目开始。"
    assert ("北海市财政局预算科", "ORG") in _spans(text)
    assert _titles(text)["罗世伟"] == ("北海市财政局预算科科长",)
    assert ("清华大学继续教育学院党委", "ORG") in _spans("清华大学继续教育学院党委副书记张文雪介绍。")


def test_owned_body_needs_a_body_not_a_word_or_a_place() -> None:
    # 社会 and 干部 end in a suffix character but are ordinary words; 莫斯科 is a place, not a unit
    assert not [e for e in _ents("中国经济社会发展稳中向好。") if e.label == "ORG"]
    assert not [e for e in _ents("李沧区兴华路街道老干部韩连德感慨地说。") if e.label == "ORG"]
    assert ("新华社莫斯科", "ORG") not in _spans("新华社莫斯科1月5日电")
    # two bodies of one place stay two
    spans = _spans("深圳市委市政府高度重视。")
    assert ("深圳市委市政府", "ORG") not in spans and ("深圳市委", "ORG") in spans


def test_company_country_arm_before_a_post() -> None:
    text = "英国石油公司中国董事长兼总裁杨筱萍说。"
    assert ("英国石油公司中国", "ORG") in _spans(text)
    assert ("中国", "GPE") not in _spans(text)
    # no post after the country: the company and the country stay apart
    spans = _spans("华为中国市场表现强劲。")
    assert ("华为", "ORG") in spans and ("华为中国", "ORG") not in spans


# --- short names -------------------------------------------------------------------------------

def test_bare_central_bank_is_an_org_but_not_after_a_plural() -> None:
    assert ("央行", "ORG") in _spans("央行决定下调金融机构存款准备金率。")
    assert not [e for e in _ents("各国央行纷纷降息。") if e.label == "ORG"]


def test_declared_short_name_the_dictionary_calls_a_place() -> None:
    text = "华侨城集团（简称“华侨城”）向湖北捐款。疫情发生以来，华侨城坚决落实党中央部署。"
    ents = _ents(text)
    assert [e.text for e in ents if e.label == "ORG"].count("华侨城") == 2
    assert not [e for e in ents if e.text == "华"]
    # a name not declared stays what the rules read
    assert not [e for e in _ents("他是一名华侨，住在城里。") if e.label == "ORG"]


def test_coordinated_term_ordinals_are_part_of_the_body() -> None:
    assert ("第七届、八届、九届民盟中央", "ORG") in _spans("第七届、八届、九届民盟中央主席。")
    spans = _spans("他在第一届、第二届会议上发言。")
    assert not [s for s in spans if s[1] == "ORG"]


# --- bylines ------------------------------------------------------------------------------------

def test_byline_list_with_commas_gives_each_name_the_role() -> None:
    titles = _titles("（本报记者黄超、左潇、戴林峰）")
    assert titles == {"黄超": ("记者",), "左潇": ("记者",), "戴林峰": ("记者",)}


def test_padded_byline_names_on_their_own_line() -> None:
    titles = _titles("下地\n本报记者  张  帆  杨文明\n春节期间，袁国洪没得闲。")
    assert titles["张  帆"] == ("记者",) and titles["杨文明"] == ("记者",)
    assert titles["袁国洪"] == ()


def test_byline_shape_needs_names_up_to_the_line_end() -> None:
    assert not [e for e in _ents("记者走访、调研\n") if e.label == "PERSON"]
    assert not [e for e in _ents("本报记者  来到村里\n") if e.rule == "person.byline"]


# --- title chains -------------------------------------------------------------------------------

def test_title_chain_keeps_a_body_joined_by_and() -> None:
    assert _titles("德国经济和能源部长阿尔特迈尔表示，这是好消息。")["阿尔特迈尔"] == ("德国经济和能源部长",)
    text = "法国国际展望研究与信息中心主任塞巴斯蒂安·让认为，协议有利。"
    assert _titles(text)["塞巴斯蒂安·让"] == ("法国国际展望研究与信息中心主任",)


def test_title_chain_keeps_the_periodical_before_the_post() -> None:
    assert _titles("《柳叶刀》主编理查德·霍顿一语中的。")["理查德·霍顿"] == ("《柳叶刀》主编",)
    # a quoted title before a post that is not the periodical's: the chain stops at the mark
    assert _titles("他读了《红楼梦》，老师张三说。")["张三"] == ("老师",)


def test_periodical_named_by_its_editor_in_chief() -> None:
    assert ("柳叶刀", "ORG") in _spans("《柳叶刀》总编辑理查德·霍顿说。")
    assert not [e for e in _ents("《红楼梦》主编是谁？") if e.label == "ORG"]


def test_modern_roles_are_titles() -> None:
    assert _titles("浙江一家食品公司的办税员胡月红有些着急。")["胡月红"] == ("办税员",)
    assert _titles("劳动人事争议仲裁院的仲裁员吕爽发来视频邀请。")["吕爽"] == ("仲裁员",)


def test_fields_joined_inside_a_unit_after_the_body() -> None:
    text = "浙江省经济和信息化厅中小企业与民营经济发展处处长应云进告诉记者。"
    assert ("浙江省经济和信息化厅中小企业与民营经济发展处", "ORG") in _spans(text)
    # 与 between two bodies joins nothing: two organisations
    spans = _spans("中国国家广播电视总局与阿尔巴尼亚广播电视台签署协议。")
    assert {("中国国家广播电视总局", "ORG"), ("阿尔巴尼亚广播电视台", "ORG")} <= spans


def test_particle_suo_before_a_verb_is_no_institute() -> None:
    assert not [e for e in _ents("如十五大报告中所讲到的。") if e.text.endswith("所")]


def test_country_glued_to_a_strong_suffix_in_one_word() -> None:
    assert ("中国交响乐团", "ORG") in _spans("中国交响乐团与山西静乐县签署帮扶协议。")


def test_one_of_the_posts_and_a_title_glued_after_a_surname() -> None:
    assert _titles("服务总队的创始人之一吴元兵说。")["吴元兵"] == ("创始人之一",)
    assert not _titles("这是原因之一，张三说。").get("张三")
    assert _titles("陈振华是班主任，陈老师运用学到的方法。")["陈"] == ("老师",)


def test_listed_body_cut_out_of_a_longer_word_is_none() -> None:
    # 财政部|门: the departments of finance at every level, not the Ministry of Finance
    assert not [e for e in _ents("要求各级财政部门采取有力措施。") if e.label == "ORG"]
    assert ("财政部", "ORG") in _spans("财政部发布通知。")
    # a post after the body keeps it: 国会|议员
    assert ("老挝国会", "ORG") in _spans("老挝国会议员坎培表示，成果实实在在。")


def test_party_and_state_in_general_are_no_org() -> None:
    assert not [e for e in _ents("严重损害党和政府的形象。") if e.label == "ORG"]
    assert ("中国共产党", "ORG") in _spans("中国共产党领导人民取得胜利。")


def test_no_organisation_across_a_connector_and_a_second_name() -> None:
    # 与 then a proper name starts a second body; 同该 (jieba leaves it whole) is a connector and a pointer
    spans = _spans("苏州工业园区与博世集团签署合作协议。")
    assert ("博世集团", "ORG") in spans and not [s for s in spans if "与" in s[0]]
    assert not [e for e in _ents("北京同该出版社签约。") if "同该" in e.text]
    assert not [e for e in _ents("华为同该公司签约。") if "同该" in e.text]
    # fields joined inside one name stay one body
    assert ("江北区就业和人才中心", "ORG") in _spans("江北区就业和人才中心发布通知。")
