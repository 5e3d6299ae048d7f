"""The public contract: pure, never raising, offsets that index the text, tokens optional."""

from __future__ import annotations

import jieba
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors.entities import extract_entities
from zhnews.extractors.entity_text import fold
from zhnews.extractors.ner_eval import GoldDoc, evaluate, read_gold
from zhnews.extractors.types import EntityMatch

SAMPLE = "永川区委副书记、区长常晓勇出席会议并致辞。常晓勇表示,川渝两地合作前景广阔。"


def test_offsets_and_labels() -> None:
    ents = extract_entities(SAMPLE)
    assert ents
    for e in ents:
        assert isinstance(e, EntityMatch)
        assert SAMPLE[e.start:e.end] == e.text
        assert e.label in {"PERSON", "ORG", "GPE", "LOC"}
        assert 0.0 <= e.confidence <= 1.0 and e.rule
    assert [e.start for e in ents] == sorted(e.start for e in ents)


def test_tokens_given_equal_tokens_computed() -> None:
    tokens = jieba.lcut(SAMPLE)
    assert extract_entities(SAMPLE, tokens) == extract_entities(SAMPLE)


def test_tokens_not_matching_text_are_ignored() -> None:
    assert extract_entities(SAMPLE, ["错误"]) == extract_entities(SAMPLE)


def test_fullwidth_brackets_handled() -> None:
    half = "马来西亚留学服务中心(EMGS)与老挝铁道技术学院签约。"
    full = "马来西亚留学服务中心（ＥＭＧＳ）与老挝铁道技术学院签约。"
    assert len(fold(full)) == len(full)
    got_full = [(e.start, e.end, e.label) for e in extract_entities(full)]
    got_half = [(e.start, e.end, e.label) for e in extract_entities(half)]
    assert got_full == got_half and (0, 16, "ORG") in got_full


def test_empty_and_odd_inputs() -> None:
    assert extract_entities("") == []
    for text in ["\x00\ud7ff", "·", "(((", "记者 ", "总统", "\n\n\n", "ＡＢＣ", "𠀀𠀁"]:
        for e in extract_entities(text):
            assert text[e.start:e.end] == e.text


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王张宋文记者 ,、()·市委书记局长中美川渝大学公司北京EMGS\n一") + [chr(0x4E00 + i) for i in range(0, 20000, 97)]), max_size=60))
def test_never_raises_and_spans_index_text(text: str) -> None:
    for e in extract_entities(text):
        assert text[e.start:e.end] == e.text
        assert 0 <= e.start < e.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_never_raises_on_any_unicode(text: str) -> None:
    for e in extract_entities(text):
        assert text[e.start:e.end] == e.text


def test_spacy_component_writes_ents_and_spans() -> None:
    import zhnews.extractors.components  # noqa: F401  (registers the factory without the entry point)

    nlp = spacy.blank("zh")
    nlp.add_pipe("zhnews_entities")
    nlp.initialize()
    doc = nlp(SAMPLE)
    assert any(s.label_ == "PERSON" and s.text == "常晓勇" and s._.titles for s in doc.spans["zhnews_entities"])
    assert any(e.label_ == "PERSON" for e in doc.ents)


def test_eval_scores_exact_spans(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "a", "text": "张三在北京大学工作。", "entities": [{"start": 0, "end": 2, "label": "PER", "text": "张三"},'
        ' {"start": 3, "end": 7, "label": "ORG", "text": "北京大学"}]}\n', encoding="utf-8")
    docs = list(read_gold(gold))
    res = evaluate(docs, lambda t: [EntityMatch(0, 2, "张三", "PERSON", "r", 1.0),
                                    EntityMatch(3, 5, "北京", "GPE", "r", 1.0)])
    rows = {r["label"]: r for r in res.table()}
    assert rows["PER"]["tp"] == 1 and rows["ORG"]["fn"] == 1 and rows["LOC"]["fp"] == 1
    assert abs(rows["ALL"]["f1"] - 0.5) < 1e-9
    assert res.misses[0]["text"] == "北京大学" and res.false_alarms[0]["text"] == "北京"
    assert isinstance(docs[0], GoldDoc)


def test_missing_gold_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from zhnews.extractors.ner_eval import GoldFileMissing

    with pytest.raises(GoldFileMissing, match="not found"):
        list(read_gold(tmp_path / "absent.jsonl"))
