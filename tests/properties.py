"""Hypothesis strategies shared by the property tests and the fuzz run (scripts/fuzz.py)."""

from __future__ import annotations

from hypothesis import strategies as st

from zhnews.pipeline.records import ArticleRecord

NEWS_PIECES = [
    "本报讯(渝西都市报记者 涂燕 实习生 欧亚菲)", "(上接1版)", "（下转2版）", "12月11日至12日", "是日上午10时15分",
    "十二月十二日", "当天", "重庆市商务委", "永川区委常委、区政府副区长宋文", "与", "和", "、", "等6所", "签订", "签署",
    "集中签约", "9个国际化合作项目", "20余所", "20万人", "1,200万元", "负1.1", "两三千", "七八个", "3+3", "一带一路",
    "马来西亚留学服务中心(EMGS)", "德国 GFM 教育集团", "吉哈德·马鲁利姆", "重慶市商務委員會", "１９９７年", "ＰＡＴＡ",
    "。", "，", ",", "\n", "\n\n", " ", "\u3000", "“", "”", "《", "》", "<p>", "</p>", "&amp;", "摄", "记者 袁卿予 摄",
    "\ufeff", "\ufffd", "\x00", "\r\n", "𠀀", "🙂", "\u200b",
]

news_text = st.lists(
    st.one_of(st.sampled_from(NEWS_PIECES), st.text(max_size=8), st.characters()), max_size=40,
).map("".join)


def check_records(text: str, records: list[ArticleRecord]) -> None:
    """What every record must satisfy, whatever the input."""
    for record in records:
        ArticleRecord.model_validate_json(record.model_dump_json())
        assert 0 <= record.source.start <= record.source.end <= len(text)
        for span in record.spans():
            assert record.text[span.start:span.end] == span.text
            assert 0 <= span.source_start <= span.source_end <= len(text)
