"""Subject rules of extractors/quantity_subject_before.py and the list carry of quantity_lists.py
(docs/annotation/quantities.md section 7); the corpus lines in fixtures/corpus/quantities.subjects.jsonl pin
one sentence each, these pin the helpers and the behaviours that take two mentions."""

from __future__ import annotations

import pytest

from zhnews.extractors.quantities import extract_quantities
from zhnews.extractors.quantity_subject_before import (
    action_subject, adverb_after, after_event_verb, comparison_start, object_start, reference_before,
)


def _subjects(text: str) -> list[tuple[str, str | None]]:
    out = []
    for q in extract_quantities(text):
        if q.subject is not None:
            assert text[q.subject_start:q.subject_end] == q.subject
        out.append((q.text, q.subject))
    return out


@pytest.mark.parametrize(("text", "cut"), [
    ("贷款余额较年初", 4),
    ("成交量较上月", 3),
    ("各项贷款比年初", 4),
])
def test_comparison_start_finds_the_reference(text: str, cut: int) -> None:
    assert comparison_start(text, len(text), 0) == cut


@pytest.mark.parametrize("text", ["大班额比例", "占比", "同比", "比较高", "粮经作物比从", "粮经作物比"])
def test_comparison_start_ignores_words_with_bi(text: str) -> None:
    assert comparison_start(text, len(text), 0) is None


def test_object_start_takes_the_last_verb_and_keeps_short_measures() -> None:
    verbs = {"发放", "购买", "登记"}

    def is_verb(run: str, i: int) -> bool:
        return run[i:i + 2] in verbs

    assert object_start("银行发放转贷款", 0, is_verb, False) == 4
    assert object_start("乘船旅客购买免税品", 0, is_verb, False) == 6
    assert object_start("全国城镇登记失业率", 0, is_verb, True) == 0  # a measure named with its verb
    assert object_start("全县人民登记工作室", 0, is_verb, False) == 0  # a body named by what it does


def test_after_event_verb_and_reference_and_adverb() -> None:
    text = "在庆祝新中国"
    assert after_event_verb(text, (0, len(text))) == (3, 6)
    assert after_event_verb("新中国", (0, 3)) == (0, 3)
    assert reference_before("高于全国增速", 2) and not reference_before("全国增速", 2)
    assert adverb_after("基本实现", (0, 2)) and not adverb_after("渔民生活", (0, 2))


def test_action_subject_only_for_action_units() -> None:
    text = "通话20多次。"
    assert action_subject(text, 2, 6, "次") == (0, 2)
    assert action_subject(text, 2, 6, "个") is None
    assert action_subject("一周不少于4次", 2, 7, "次") is None  # 一周 is a time frame, not an action


def test_list_subject_after_the_last_amount_goes_to_all() -> None:
    got = _subjects("划定沿江1公里、5公里、15公里岸线，")
    assert [s for _, s in got] == ["岸线", "岸线", "岸线"]


def test_list_subject_before_the_first_count_carries() -> None:
    got = _subjects("建档立卡贫困人口有559户、2717人。")
    assert got == [("559户", "建档立卡贫困人口"), ("2717人", "建档立卡贫困人口")]


def test_list_of_own_subjects_is_left_alone() -> None:
    got = _subjects("咱街道有两所中学、三个补习班。")
    assert got[0] == ("两所", "中学")


@pytest.mark.parametrize(("text", "span", "subject"), [
    ("工商银行境内人民币贷款余额较年初增加6600多亿元。", "6600多亿元", "工商银行境内人民币贷款余额"),
    ("乘船旅客购买免税品21.8万件。", "21.8万件", "免税品"),
    ("分行各项贷款比年初增加290亿元，同比增61亿元，", "61亿元", None),
    ("只是青海31个电站可辐射1622个贫困村。", "31个", "电站"),
])
def test_subjects_in_sentences(text: str, span: str, subject: str | None) -> None:
    assert (span, subject) in _subjects(text)


def test_subject_never_covers_another_quantity() -> None:
    got = _subjects("走进村里，20幢六层标准厂房的创业园映入眼帘。")
    assert got[0] == ("20幢", "标准厂房")
    for q in extract_quantities("当前，我国有乡村教师290多万人，40岁以下的青年教师近170万人，占58.3%。"):
        if q.subject_start is not None:
            assert "近" not in q.subject


def test_reference_of_a_comparison_is_no_subject() -> None:
    got = dict(_subjects("利润总额增长4.97%，高于机械工业平均水平1.14和2.79个百分点。"))
    assert got["1.14"] is None and got["2.79个百分点"] is None
    assert got["4.97%"] == "利润总额"


def test_counted_noun_ends_before_the_next_amounts_verb() -> None:
    """2.58万家企业|投放贷款5446亿元: the verb before the next amount and its object belong to that amount."""
    got = _subjects("工商银行已累计向重点领域2.58万家企业投放贷款5446亿元。")
    assert got == [("2.58万家", "企业"), ("5446亿元", "贷款")]


@pytest.mark.parametrize(("text", "span", "subject"), [
    ("我国有乡村教师290多万人。", "290多万人", "乡村教师"),  # 我国|有: the verb 'has'
    ("全市国有企业120家。", "120家", "全市国有企业"),  # 国有 stays a noun when no X国 stands before it
])
def test_you_after_a_country_is_the_verb(text: str, span: str, subject: str) -> None:
    assert (span, subject) in _subjects(text)


def test_duration_activity_stops_at_the_predicate() -> None:
    """6年多的渔民生活|让他…: the verb-noun 生活 heads the activity; what follows it is the predicate."""
    assert ("6年多", "渔民生活") in _subjects("王伏强说，6年多的渔民生活让他见识奇妙的海洋世界。")
    assert ("8天", "短期学习交流") in _subjects("参加为期8天的短期学习交流。")


# ---- how far a subject reaches (subject_modifiers.tsv); corpus lines: fixtures/corpus/quantities.subject_reach.jsonl

def test_modifier_before_de_is_told_from_a_noun() -> None:
    from zhnews.extractors.quantity_subjects import _is_modifier

    assert _is_modifier("黄色") and _is_modifier("相对完整") and _is_modifier("已开工") and _is_modifier("原汁原味")
    assert not _is_modifier("自然村") and not _is_modifier("村") and not _is_modifier("国家和地区")
    assert not _is_modifier("已")  # a lead alone modifies nothing


def test_modal_predicate_needs_a_modal_outside_a_word() -> None:
    from zhnews.extractors.quantity_subjects import _modal_predicate

    def ends(phrase: str) -> bool:
        return _modal_predicate(phrase, (0, len(phrase)))

    assert ends("每天能做") and ends("首期拟筹资") and ends("足足用了") and ends("还能再来")
    assert not ends("清洁能源") and not ends("市场需求") and not ends("展会面积") and not ends("月收入")


def test_subject_words_reject_a_bad_role(tmp_path, monkeypatch) -> None:
    from zhnews.gazetteers import quantities
    from zhnews.gazetteers.quantities import QuantityDataError, subject_words as words

    (tmp_path / "subject_modifiers.tsv").write_text("word\trole\n黄色\tcolour\n", encoding="utf-8")
    monkeypatch.setattr(quantities, "DATA_DIR", tmp_path)
    words.subject_words.cache_clear()
    try:
        with pytest.raises(QuantityDataError, match="bad role"):
            words.subject_words()
    finally:
        monkeypatch.undo()
        words.subject_words.cache_clear()
    assert "黄色" in words.subject_words().modifiers


def test_modifier_and_modal_rules_end_to_end() -> None:
    assert _subjects("两只黄色的检测手臂和14个自然村的风貌改造") == [("两只", "黄色的检测手臂"), ("14个", "自然村")]
    assert _subjects("我每天能做800多根") == [("800多根", None)]


def test_new_change_links_carry_the_subject_to_the_second_amount() -> None:
    assert _subjects("贷款额度由15万元提高至20万元") == [("15万元", "贷款额度"), ("20万元", "贷款额度")]
    assert _subjects("已有14个省份大班额比例控制在5%以内")[0] == ("14个", "省份")  # 个 counts 省份 (counted_heads.tsv)


# ---- giving verbs (subject_modifiers.tsv, giver); corpus lines: fixtures/corpus/quantities.subject_givers.jsonl

@pytest.mark.parametrize(("text", "subject"), [
    ("日均接待顾客", "顾客"),
    ("为她家发放了防贫保险金", "防贫保险金"),
    ("累计实现销售收入", "销售收入"),  # the first giving verb wins
])
def test_giver_object_cuts_the_giving_verb(text: str, subject: str) -> None:
    from zhnews.extractors.quantity_subject_before import giver_object
    s, e = giver_object(text, (0, len(text)))
    assert text[s:e] == subject


@pytest.mark.parametrize("text", ["全年发放金额", "新建立回收站", "全国新建、改扩建校舍", "全国城镇登记失业率", "提供的"])
def test_giver_object_keeps_measures_and_other_verbs(text: str) -> None:
    from zhnews.extractors.quantity_subject_before import giver_object
    assert giver_object(text, (0, len(text))) == (0, len(text))
    assert giver_object(text, None) is None


def test_giving_verb_cut_across_a_link_end_to_end() -> None:
    assert _subjects("日均接待顾客达2万人次，累计发放补贴共3亿元") == [("2万人次", "顾客"), ("3亿元", "补贴")]


@pytest.mark.parametrize(("run", "lo", "cut", "want"), [
    ("协助企业申请发明专利", 0, 8, 6),  # the first giving verb, not the last verb (发明)
    ("累计建成易地扶贫搬迁安置住房", 4, 14, 4),  # 建成 already cut the run as a stop word
    ("实现搬迁入住建档立卡贫困人口", 2, 6, 6),  # two verbs after the light verb: no object yet
    ("全国城镇登记失业率", 0, 0, 0),
])
def test_given_object_starts_after_the_giving_verb(run: str, lo: int, cut: int, want: int) -> None:
    from zhnews.extractors.quantity_subject_before import given_object
    assert given_object(run, lo, cut) == want


@pytest.mark.parametrize(("text", "ordinal", "ranked"), [
    ("故宫博物院位列世界博物馆参观人数“第一”。", "第一", "故宫博物院"),
    ("该国在189个国家和地区中排名第188位。", "第188位", "该国"),
    ("我国国内生产总值稳居世界第二位。", "第二位", "我国国内生产总值"),
])
def test_rank_verb_with_a_field_names_the_ranked_thing(text: str, ordinal: str, ranked: str) -> None:
    assert (ordinal, ranked) in _subjects(text)


def test_rank_field_stays_in_its_clause() -> None:
    from zhnews.extractors.quantity_subject_before import rank_start
    text = "该校位列全国，第一批入选"
    assert rank_start(text, text.index("第")) is None


def test_split_words_are_no_nouns_of_the_subject_rules() -> None:
    from zhnews.extractors import quantity_subjects
    from zhnews.gazetteers.quantities import subject_words as words
    splits = words.subject_words().splits
    assert {"国共", "行将"} <= splits
    assert not splits & quantity_subjects._NOUNS
    assert _subjects("全国共有城乡低保对象4620万人") == [("4620万人", "城乡低保对象")]


@pytest.mark.parametrize(("rest", "bare"), [("人数", True), ("比例", True), ("金额", True), ("顾客", False),
                                            ("就业人数", False), ("数", False)])
def test_bare_measure(rest: str, bare: bool) -> None:
    from zhnews.extractors.quantity_subject_before import bare_measure
    assert bare_measure(rest) is bare
