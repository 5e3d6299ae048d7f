"""Records from the sample page: contract, offsets back to the source, stable ids."""

from __future__ import annotations

from zhnews.pipeline import extract_text
from zhnews.pipeline.records import ArticleRecord


def test_three_records_with_titles_and_bylines(sample_records) -> None:
    assert len(sample_records) == 3
    assert sample_records[1].subtitle == "常晓勇出席并致辞"
    assert sample_records[1].byline.reporters == ["涂燕"] and sample_records[1].byline.interns == ["欧亚菲"]
    assert sample_records[2].byline.reporters == ["涂燕", "张强", "龚毅", "陈欣薇"]
    assert sample_records[2].byline.photographers == ["袁卿予"]


def test_every_span_maps_to_text_and_source(sample_records, sample_text: str) -> None:
    for record in sample_records:
        ArticleRecord.model_validate(record.model_dump())
        assert sample_text[record.source.start:record.source.end].strip()
        for span in record.spans():
            assert record.text[span.start:span.end] == span.text
            source = sample_text[span.source_start:span.source_end]
            assert source.replace("\n", "").replace(" ", "") .startswith(span.text[:1])


def test_ids_are_stable_and_content_derived(sample_text: str, sample_records) -> None:
    again = extract_text(sample_text, source="elsewhere.txt")
    assert [r.id for r in again] == [r.id for r in sample_records]
    assert len({r.id for r in sample_records}) == 3


def test_single_paragraph_without_headline() -> None:
    text = "全区已有大中专院校18所、在校学生20万人。"
    [record] = extract_text(text)
    assert record.text == text and record.title is None


def test_versions_recorded(sample_records) -> None:
    r = sample_records[0]
    assert r.pipeline_version and r.gazetteer_version and r.segmenter.startswith("jieba")


def test_every_quantity_field_the_extractor_sets_reaches_the_record() -> None:
    """build_record writes a quantity's optional fields only when set (speed, issue 18): none may be lost."""
    from zhnews.extractors.quantities import extract_quantities

    text = "全市有大于20且小于等于35个项目，约3000万人参加，投资5至10亿元。"
    found = extract_quantities(text)
    record = extract_text(text, page=False)[0]
    assert len(record.quantities) == len(found) >= 3
    fields = ("start", "end", "text", "kind", "value", "low", "high", "approx", "unit", "subject", "low_inclusive",
              "high_inclusive", "confidence", "rule")
    for q, match in zip(record.quantities, found):
        assert {f: getattr(q, f) for f in fields} == {f: getattr(match, f) for f in fields}
        span = (q.subject_span.start, q.subject_span.end) if q.subject_span else (None, None)
        assert span == (match.subject_start, match.subject_end)
    assert {"low", "high", "low_inclusive", "high_inclusive", "approx", "subject"} <= {
        f for q in found for f in fields if getattr(q, f) is not None}
