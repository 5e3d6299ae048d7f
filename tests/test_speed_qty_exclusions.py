"""The exclusions regex split by first character (extractors/quantity_exclusions.py) finds what the plain
alternation finds: same spans, same order, on text that hits the exclusions, on hostile text and on a data set
with a back-reference."""

from __future__ import annotations

import re

import pytest

from zhnews.extractors import quantities
from zhnews.extractors.quantity_exclusions import ASCII, OTHER, may_start_after_digit, split_alternation, start_kinds

_SAMPLES = (
    "三对三篮球，一对一帮扶，两对两；老两口住在楼层两头。统一部署，进一步推进一带一路，十三五期间，二十国集团。",
    "5G基站、4K电视、G20峰会、COVID-19、H1N1；40k、2.5M不是代码；身高168cm，体重70 kg，硬盘1TB。",
    "拨打13912345678或010-12345678、400-123-4567；9:00-10:30开会；沪深300、中证500；歼-20、东风-41。",
    "中国古代4至14世纪；GB 2760-2014、ISO 9001；iPhone 11、Mate 30；附件1、关键词3；前4个月；8.6代液晶面板。",
    "1.智能体温检测技术\n2、加强管理\n新舟60飞机，120路公交车，世界500强，百强县；第一副总统；第三十二个爱国卫生月。",
    "“绿洲行动——600名小学生进故宫”和“紫禁城记忆·文脉600年”；庆祝新中国成立70周年大会；十二届全国人大五次会议。",
    "12级科员，3等奖，5号线，3G网络，12345号楼，20GB，2021H1N1，5级响应" * 3,
    "1至21至21至2" * 50 + "50%50%" * 50 + "3个5个" * 50 + "1,0001,000" * 30 + "1234567890" * 30 + "abc" * 20,
)


def _plain() -> re.Pattern[str]:
    return re.compile(rf"(?={quantities._EXCLUDE_FIRST})(?:"
                      + "|".join(f"(?:{p})" for p, _ in quantities._DATA.exclusions) + ")")


@pytest.mark.parametrize("text", _SAMPLES)
def test_split_exclusions_match_the_plain_alternation(text: str) -> None:
    plain = [m.span() for m in _plain().finditer(text)]
    assert plain, "each sample must hit some exclusion, or it tests nothing"
    assert [m.span() for m in quantities._EXCLUDE_RE.finditer(text)] == plain


def test_start_kinds_skip_lookarounds_and_read_classes() -> None:
    assert start_kinds(r"(?<![0-9])[0-9]++x") == {ASCII}
    assert start_kinds(r"(?<=前)[0-9一二]{1,2}(?=个月)") == {ASCII, OTHER}
    assert start_kinds(r"一系列|(?<!翻)一番") == {OTHER}
    assert start_kinds(r"(?:GB|ISO) ?[0-9]+") == {ASCII}
    assert start_kinds(r"[^”]x") == {ASCII, OTHER}  # a negated class may start with anything
    assert start_kinds(r"x?") == {ASCII, OTHER}  # may match empty: tried everywhere


def test_back_reference_keeps_its_group() -> None:
    patterns = [r"(?<![0-9])[0-9]+k", r"两个(?=大局)|([一二三四五])对\1(?![个名家])", r"[0-9]+对"]
    split = split_alternation(patterns, r"0-9", "两一二三四五")
    text = "三对三，一对二，两个大局，12k，5对"
    plain = re.compile(r"(?=[0-9两一二三四五])(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")
    assert [m.span() for m in split.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert "三对三" in [m.group() for m in split.finditer(text)]


def test_a_capturing_group_on_the_ascii_side_falls_back_to_the_plain_form() -> None:
    patterns = [r"([0-9])x\1", r"一系列"]
    split = split_alternation(patterns, r"0-9", "一")
    assert split.pattern == r"(?=[0-9一])(?:(?:([0-9])x\1)|(?:一系列))"


def test_rules_that_cannot_follow_a_digit_are_read_from_their_lookbehind() -> None:
    assert not may_start_after_digit(r"(?<![0-9])[0-9]{1,4}路")
    assert not may_start_after_digit(r"(?<![^\n \t])[0-9]{1,2}(?=、)")  # a negated class holding no digit
    assert not may_start_after_digit(r"(?<=[\u4e00-\u9fff])[0-9]++")
    assert not may_start_after_digit(r"(?:(?<=中证)|(?<=附件))[0-9]{2,4}")
    assert not may_start_after_digit(r"(?<![0-9])[0-9]{1,3}周年|[一二三]{1,4}周年")  # the other branch starts with no ASCII
    assert may_start_after_digit(r"[0-9]{1,4}级")  # no lookbehind: 12级 starts at 2 as well
    assert may_start_after_digit(r"(?<![0-9])[0-9]++x|(?<![A-Za-z])[A-Za-z]++")  # 5G: a letter after a digit
    assert may_start_after_digit(r"(?<![0-5])[0-9]")  # refuses only some digits
    assert may_start_after_digit(r"(?<!\s)[0-9]")  # a class it cannot read: unsure, so it may
    assert may_start_after_digit(r"(?<=[0-9a-z])x")  # a lookbehind that allows a digit


def test_runs_of_digits_keep_the_plain_alternations_matches() -> None:
    patterns = [r"(?<![0-9])[0-9]{2}k", r"[0-9]{1,2}级", r"(?<=[a-z])[0-9]"]
    split = split_alternation(patterns, r"0-9a-z", "")
    plain = re.compile(r"(?=[0-9a-z])(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")
    text = "12k123k123级3级a1b22k1级"  # 23级 starts after a digit
    assert [m.span() for m in split.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert "(?<=[0-9])" in split.pattern  # the split is there, so this compares it
