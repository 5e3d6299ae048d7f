"""The sample page splits into its three articles with titles, bylines and whole words."""

from __future__ import annotations

from zhnews.pipeline.split import parse_byline, parse_caption, split_page

TITLES = [
    ("中国-东盟教育交流周永川区“产城职创”模式下职业教育高质量发展系列活动开幕", None),
    ("川渝自贸协同开放示范区产业对接会在永召开", "常晓勇出席并致辞"),
    ("“长江工坊”在永正式成立 与东盟各国共享永川职教方案", None),
]


def test_three_articles_with_titles(sample_text: str) -> None:
    articles = split_page(sample_text)
    assert [(a.title, a.subtitle) for a in articles] == TITLES


def test_bylines_and_caption(sample_text: str) -> None:
    first, second, third = split_page(sample_text)
    assert second.byline.outlet == "渝西都市报"
    assert second.byline.reporters == ["涂燕"] and second.byline.interns == ["欧亚菲"]
    assert third.byline.reporters == ["涂燕", "张强", "龚毅", "陈欣薇"]
    assert third.byline.photographers == ["袁卿予"]
    assert first.byline.reporters == []


def test_breaks_inside_words_are_joined(sample_text: str) -> None:
    first, second, third = split_page(sample_text)
    assert "重庆智能工程职业学院" in first.text and "重庆智能工程职业学院" in third.text
    assert "二级巡视员张葵," in second.text
    assert "授予了聘书" in first.text
    assert "西部职教基地在永高职院校" in third.text


def test_real_paragraph_breaks_are_kept(sample_text: str) -> None:
    first = split_page(sample_text)[0]
    assert "开幕。\n张智奎代表" in first.text


def test_continuation_mark_is_recorded_not_kept(sample_text: str) -> None:
    first = split_page(sample_text)[0]
    assert "上接" not in first.text
    assert [m[0] for m in first.marks] == ["(上接1版)"]
    text, start, end = first.marks[0]
    assert sample_text[start:end] == text


def test_offsets_map_back_to_the_source(sample_text: str) -> None:
    for article in split_page(sample_text):
        for i, ch in enumerate(article.text):
            if ch == "\n":
                continue
            s, e = article.offsets.to_source(i, i + 1)
            assert sample_text[s:e] == ch or (ch.isascii() and ord(sample_text[s]) - 0xFEE0 == ord(ch))


def test_single_paragraph_is_one_article_equal_to_input() -> None:
    text = "  12月12日，重庆市永川区与德国GFM教育集团签订3个合作项目。 \n"
    [article] = split_page(text)
    assert article.title is None and article.text == text.strip()


def test_fullwidth_digits_and_letters_become_ascii_in_place() -> None:
    [article] = split_page("１９９７年ＰＡＴＡ会议在港召开，到会１２００人。")
    assert article.text == "1997年PATA会议在港召开，到会1200人。"


def test_inline_continuation_mark() -> None:
    [article] = split_page("永川职教发展迅速(下转2版)，成效明显。")
    assert article.text == "永川职教发展迅速，成效明显。"
    assert article.marks[0][0] == "(下转2版)"


def test_parse_byline_variants() -> None:
    b = parse_byline("本报讯(渝西都市报记者 涂燕 实习生 欧亚菲)12月11日")
    assert (b.outlet, b.reporters, b.interns) == ("渝西都市报", ["涂燕"], ["欧亚菲"])
    b = parse_byline("本报讯（记者 王小明、李华 通讯员 赵强）近日")
    assert (b.outlet, b.reporters, b.correspondents) == (None, ["王小明", "李华"], ["赵强"])


def test_parse_caption() -> None:
    assert parse_caption("十二月十二日,「长江工坊」在永川成立。渝西都市报记者 袁卿予 摄") == ("渝西都市报", ["袁卿予"])
    assert parse_caption("活动现场。 记者 刘一 摄") == (None, ["刘一"])


PAGE = """永川举办职教活动周
本报讯（记者 王小明）12月3日，永川区举办职业教育活动周，18所院校参加。
活动持续一周。
聚焦产教融合
重庆高职院校再添新平台
——永川职教城建设纪实
本报重庆12月4日电 （记者 李华）永川职教城新增实训基地3个。
基地建设加快推进。
渝西走廊铁路开工
12月5日，渝西高铁永川段开工建设，全长50公里。
"""


def test_page_with_kicker_subtitle_and_datelines() -> None:
    articles = split_page(PAGE)
    assert [(a.title, a.subtitle) for a in articles] == [
        ("永川举办职教活动周", None),
        ("聚焦产教融合", "重庆高职院校再添新平台 ——永川职教城建设纪实"),
        ("渝西走廊铁路开工", None),
    ]
    assert articles[0].byline.reporters == ["王小明"]
    assert articles[1].byline.reporters == ["李华"]
    assert articles[0].text.endswith("活动持续一周。")
    assert articles[2].text == "12月5日，渝西高铁永川段开工建设，全长50公里。"
