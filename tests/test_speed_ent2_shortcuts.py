"""The entity side's second round of speed shortcuts against the plain code they replace: the tagger's
word features read from the context's arrays (token lengths, tag numbers), the place suffix tokens
found without a set of the tokens, and the sentence split that skips characters above every
terminator. Each must give exactly what the plain version gives."""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pytest

import zhnews.extractors.tagger as tagger
from zhnews.extractors.crf_decode import sentence_spans
from zhnews.extractors.crf_features import sentence_bounds
from zhnews.extractors.entities import default_gazetteer
from zhnews.extractors.entity_text import build_ctx, positions_of, segment
from zhnews.extractors.places import _place_token_candidates
from tests.entity_helpers import entity_example_texts

# folded characters (，： full-width letters), a character outside the BMP, words the dictionary lacks
EDGE_TEXTS = ["a", "。", "王小明说。", "ＡＢＣ公司，在北京：开会。", "𠀀x说",
              "张三说。李四说!王五;赵六?\n钱七", "上海市浦东新区人民政府", "在京津冀和长三角"]


def _texts() -> list[str]:
    out = entity_example_texts()
    return out[:300] + EDGE_TEXTS


@pytest.fixture(scope="module")
def ctxs() -> list:
    gaz = default_gazetteer()
    return [build_ctx(text, segment(text), gaz) for text in _texts()]


def test_contexts_carry_the_arrays(ctxs: list) -> None:
    # segment() is the compiled cut: build_ctx reads its spans, so the shortcut is what runs
    assert all(c.token_lengths is not None and c.tag_numbers is not None for c in ctxs)


def test_token_lengths_and_tag_numbers_match_the_lists(ctxs: list) -> None:
    for ctx in ctxs:
        assert ctx.token_lengths.tolist() == [len(t) for t in ctx.tokens]
        assert [ctx.tag_names[k] for k in ctx.tag_numbers.tolist()] == ctx.tags


def test_tag_ids_match_the_plain_look_up(ctxs: list) -> None:
    model = tagger.default_tagger()
    if model is None:
        pytest.skip("no tagger model")
    for ctx in ctxs:
        plain = np.fromiter(map(model._tag_ids.get, ctx.tags, repeat(0)), dtype=np.int64, count=len(ctx.tags))
        fast = model._word_tag_ids(ctx)
        assert fast.dtype == plain.dtype and np.array_equal(fast, plain)


def test_tagger_output_without_the_arrays_is_the_same(ctxs: list) -> None:
    model = tagger.default_tagger()
    if model is None:
        pytest.skip("no tagger model")
    for ctx in ctxs[:60]:
        fast = model.tag(ctx)
        saved = ctx.token_lengths, ctx.tag_numbers, ctx.tag_names
        ctx.token_lengths = ctx.tag_numbers = ctx.tag_names = None
        try:
            plain = model.tag(ctx)
        finally:
            ctx.token_lengths, ctx.tag_numbers, ctx.tag_names = saved
        assert fast == plain


def test_place_token_candidates_match_a_loop(ctxs: list) -> None:
    for ctx in ctxs:
        suffixes = ctx.lex.place_suffixes
        plain = sorted({k for k, tag in enumerate(ctx.tags) if tag == "ns"}
                       | {k - 1 for k in range(1, len(ctx.tokens)) if ctx.tokens[k] in suffixes})
        assert _place_token_candidates(ctx) == plain
        assert positions_of(ctx.tags, "ns") == [k for k, tag in enumerate(ctx.tags) if tag == "ns"]


@pytest.mark.parametrize("text", EDGE_TEXTS + ["。。\n\n", "!?;。", "\n", "abc\n", "中文" * 50 + "。"])
def test_sentence_spans_match_sentence_bounds(text: str) -> None:
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts, ends = sentence_spans(codes, tagger._SENTENCE_ENDS)
    assert list(zip(starts.tolist(), ends.tolist())) == sentence_bounds(text)
