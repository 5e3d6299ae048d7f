"""The compiled segmenter must give jieba.lcut(text, HMM=True)'s words exactly: on our fixtures, on
generated text, on tiny dictionaries built to force ties, and on the real corpus when it is present."""

from __future__ import annotations

import json
import logging

import jieba
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jieba import finalseg

from zhnews.pipeline.assemble import Settings, get_engine
from zhnews.gazetteers.jieba_compiled import CompiledJieba, code_points, last_cut, split_spans
from tests.conftest import FIXTURES, SHARED

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
CORPUS = SHARED / "corpus" / "news_real.jsonl"
NER_DEV = SHARED / "data" / "ner_dev.jsonl"


@pytest.fixture(scope="module")
def engine_tokenizer() -> jieba.Tokenizer:
    """The pipeline's own tokenizer, gazetteer names added as user words."""
    return get_engine(Settings()).segmenter.tokenizer


@pytest.fixture(scope="module")
def compiled(engine_tokenizer: jieba.Tokenizer) -> CompiledJieba:
    return CompiledJieba(engine_tokenizer)


def fixture_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*.txt"))]
    for path in sorted(FIXTURES.rglob("*.jsonl")):
        texts.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return texts


def test_fixtures_segment_as_jieba(engine_tokenizer: jieba.Tokenizer, compiled: CompiledJieba) -> None:
    texts = fixture_texts()
    assert len(texts) > 50
    for text in texts:
        words, starts = compiled.cut_with_starts(text)
        assert words == engine_tokenizer.lcut(text, HMM=True)
        assert starts == [sum(map(len, words[:i])) for i in range(len(words))]


# What jieba treats specially: its block characters, "\r\n", decimals and percents inside the HMM's
# non-Han runs, Han beyond its range (U+9FD6+, extension B), whitespace and surrogates.
TRICKY = st.sampled_from(list("永川区签订项目职业技术学院马来西亚的了在与和人万余多")
                         + list("abcXYZ0123456789+#&._%-") + ["\r\n", "\r", "\n", " ", "\u3000", "\t"]
                         + list("，。、（）《》·")
                         + ["鿖", "𠀀", "🙂", "\ud800", "ﬁ", "１２", "ａｂ", "12.5%", "3.x", "a.1.2%%", "C++", "U-17"])
tricky_text = st.lists(st.one_of(TRICKY, st.characters(), st.text(max_size=4)), max_size=60).map("".join)


@SETTINGS
@given(tricky_text)
def test_generated_text_segments_as_jieba(text: str) -> None:
    tok = get_engine(Settings()).segmenter.tokenizer
    assert CompiledJieba_cached(tok).cut(text) == tok.lcut(text, HMM=True)


_CACHE: dict[int, CompiledJieba] = {}


def CompiledJieba_cached(tok: jieba.Tokenizer) -> CompiledJieba:  # noqa: N802 - reads like the class
    if id(tok) not in _CACHE:
        _CACHE[id(tok)] = CompiledJieba(tok)
    return _CACHE[id(tok)]


def tiny_tokenizer(freq: dict[str, int], total: int | None = None) -> jieba.Tokenizer:
    """A Tokenizer over a hand-made dictionary (every prefix kept as jieba's gen_pfdict does)."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    table = dict(freq)
    for word in freq:
        for i in range(1, len(word)):
            table.setdefault(word[:i], 0)
    tok.FREQ, tok.initialized = table, True
    tok.total = total if total is not None else max(1, sum(freq.values()))
    return tok


# 鿕 and 丏 are in jieba's Han range but unknown to its HMM: their MIN_FLOAT emissions swamp the
# other terms, so Viterbi scores tie; with total=1 and counts of 1 every route scores 0 and ties.
ALPHABET = "甲乙丙鿕丏a1.%"
tiny_dicts = st.dictionaries(st.text(alphabet=ALPHABET, min_size=1, max_size=4), st.integers(0, 2), max_size=12)


@SETTINGS
@given(tiny_dicts, st.sampled_from([None, 1]), st.text(alphabet=ALPHABET + " 戊", max_size=30))
def test_ties_and_unknown_runs_as_jieba(freq: dict[str, int], total: int | None, text: str) -> None:
    """Where scores tie jieba keeps the longer word (route) and the later state letter (HMM): so must we."""
    tok = tiny_tokenizer(freq, total)
    assert CompiledJieba(tok).cut(text) == tok.lcut(text, HMM=True)


def test_force_split_words_fall_back_to_jieba(engine_tokenizer: jieba.Tokenizer, compiled: CompiledJieba) -> None:
    """add_word(w, 0) makes jieba split w inside its HMM through a global set; we hand over to jieba."""
    text = "他在永川区职业技术学院学习，项目签约仪式很成功"
    saved = set(finalseg.Force_Split_Words)
    try:
        finalseg.Force_Split_Words.add("仪式")
        words, starts = compiled.cut_with_starts(text)
        assert words == engine_tokenizer.lcut(text, HMM=True)
        assert starts == [sum(map(len, words[:i])) for i in range(len(words))]
    finally:
        finalseg.Force_Split_Words.clear()
        finalseg.Force_Split_Words.update(saved)


def test_empty_text() -> None:
    assert CompiledJieba(tiny_tokenizer({"甲乙": 2})).cut("") == []


@pytest.mark.skipif(not CORPUS.exists() or not NER_DEV.exists(),
                    reason=f"the real corpus is absent ({CORPUS}, {NER_DEV}): checked on fixtures and generated text only")
def test_real_corpus_segments_as_jieba(engine_tokenizer: jieba.Tokenizer, compiled: CompiledJieba) -> None:
    texts = [json.loads(line)["text"] for path in (CORPUS, NER_DEV)
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    differ = [t[:40] for t in texts if compiled.cut(t) != engine_tokenizer.lcut(t, HMM=True)]
    assert len(texts) >= 4000
    assert differ == []


@pytest.mark.parametrize("text", ["他在永川区职业技术学院学习，项目签约仪式很成功", "a\x00b中国\x00", "𠀀𠀁中国😀人民\ud800x", "\r\n\r\n中"])
def test_words_split_at_c_level_are_the_slices(compiled: CompiledJieba, text: str) -> None:
    """cut() builds its words from the code points joined with NULs and split (a text with a NUL is sliced)."""
    spans = compiled.spans(text)
    assert split_spans(text, code_points(text), spans) == [text[s:e] for s, e in spans.tolist()]
    assert compiled.cut(text) == [text[s:e] for s, e in spans.tolist()]


def test_last_cut_is_only_the_list_the_cut_returned(compiled: CompiledJieba) -> None:
    text = "项目签约仪式在重庆举行，双方签署了合作协议"
    words = compiled.cut(text)
    found = last_cut(words)
    assert found is not None and found[0] is compiled
    assert found[1].tolist() == [[a, a + len(w)] for a, w in zip(compiled.cut_with_starts(text)[1], words)]
    assert last_cut(list(words)) is None  # an equal list is not the cut
    words.append("了")
    assert last_cut(words) is None  # a changed list is not either
    other = compiled.cut("双方签署了合作协议")
    assert last_cut(other) is not None and last_cut(words) is None


def test_nodes_are_the_dictionary_keys(engine_tokenizer: jieba.Tokenizer, compiled: CompiledJieba) -> None:
    """A word has a trie node exactly when it is a key of the tokenizer's dictionary (jieba keeps every
    prefix of a word as a key), and different words have different nodes."""
    text = "项目签约仪式在重庆永川区举行，双方签署了合作协议𠀀x"
    words = compiled.cut(text)
    spans = last_cut(words)[1]
    nodes = compiled.nodes(code_points(text), spans).tolist()
    assert [n >= 0 for n in nodes] == [w in engine_tokenizer.FREQ for w in words]
    known = {w: n for w, n in zip(words, nodes) if n >= 0}
    assert len(set(known.values())) == len(known) and all(0 < n < compiled.node_count for n in known.values())
