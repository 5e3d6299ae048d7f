"""The entity side's speed shortcuts against the plain code they replace: the tagger's compiled span
reading and sentence split, the memoised organisation look-ups, the C-level all-CJK test. Each must
give exactly what the plain version gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import zhnews.extractors.tagger as tagger
from zhnews.extractors import org_base
from zhnews.extractors.crf_decode import path_marginals, sentence_spans, viterbi
from zhnews.extractors.crf_features import sentence_bounds
from zhnews.extractors.entities import default_gazetteer
from zhnews.extractors.entity_text import all_cjk, build_ctx, is_cjk, segment
from tests.entity_helpers import entity_example_texts

ROOT = Path(__file__).resolve().parent.parent
EDGE_TEXTS = ["a", "。", "。。", "\n", "王小明说。", "王小明说", "张三说。李四说!王五;赵六?\n钱七", "\r\n甲\r\n", "总统"]


def _texts() -> list[str]:
    out = entity_example_texts()
    out.append((ROOT / "fixtures" / "pages" / "000_ebd6c998439410a8.txt").read_text(encoding="utf-8"))
    return out + EDGE_TEXTS


@pytest.fixture(scope="module")
def ctxs() -> list:
    gaz = default_gazetteer()
    return [build_ctx(text, segment(text), gaz) for text in _texts()]


def _plain_tag(ours: tagger.NameTagger, ctx) -> list[tagger.TaggedName]:
    """The tagger's names read from its path one character at a time (the code before named_spans)."""
    scores = ours.all_emissions(ctx)
    spans = sentence_bounds(ctx.norm)
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    starts, ends = bounds[:, 0].copy(), bounds[:, 1].copy()
    sentence_start = {a for a, _ in spans}
    out: list[tagger.TaggedName] = []
    for first, labels, trans, outside in ours.decoders:
        block = np.ascontiguousarray(scores[:, first:first + len(labels)])
        path = viterbi(block, starts, ends, trans)
        conf = path_marginals(block, starts, ends, trans, path).tolist()
        begin, prev = -1, -2
        for i in np.flatnonzero(path != outside).tolist():
            if i != prev + 1 or i in sentence_start:
                begin = -1
            prev = i
            lab = labels[path[i]]
            if lab[0] == "S":
                out.append(tagger.TaggedName(i, i + 1, lab[2:], conf[i]))
                begin = -1
            elif lab[0] == "B":
                begin = i
            elif lab[0] == "E" and begin >= 0 and labels[path[begin]][2:] == lab[2:]:
                out.append(tagger.TaggedName(begin, i + 1, lab[2:], min(conf[begin:i + 1])))
                begin = -1
            elif lab[0] != "I":
                begin = -1
    return out


def test_compiled_span_reading_matches_the_plain_loop(ctxs) -> None:
    ours = tagger.default_tagger()
    assert ours is not None
    found = 0
    for ctx in ctxs:
        got = ours.tag(ctx)
        assert got == _plain_tag(ours, ctx), ctx.text[:40]
        found += len(got)
    assert found > 100  # the texts hold names at all


def test_sentence_spans_match_sentence_bounds(ctxs) -> None:
    for ctx in ctxs:
        starts, ends = sentence_spans(np.array([ord(c) for c in ctx.norm], dtype=np.uint32), tagger._SENTENCE_ENDS)
        assert list(zip(starts.tolist(), ends.tolist())) == sentence_bounds(ctx.norm), ctx.norm[:40]


def test_all_cjk_matches_is_cjk_for_every_character() -> None:
    for code in range(0x110000):
        ch = chr(code)
        assert all_cjk(ch) == is_cjk(ch), hex(code)
    for text in ["", "中国", "北京市", "中a", "a中", "中\n", "发展改革委员会", "㐀䶿"]:
        assert all_cjk(text) == all(is_cjk(c) for c in text), text


def test_memoised_org_lookups_match_the_plain_ones(ctxs) -> None:
    for ctx in ctxs:
        for text, tag in zip(ctx.tokens, ctx.tags):
            for _ in range(2):  # the second answer comes from the memo
                suffix = org_base._longest_suffix(ctx.lex, text) if text and text[-1] in ctx.lex.org_suffix_last else None
                assert org_base._suffix_of(ctx, text) == suffix
                assert org_base._absorbable(ctx, text, tag) == org_base._absorbable_word(ctx, text, tag)


def test_memoised_title_chains_match_the_plain_walk(ctxs, monkeypatch) -> None:
    from zhnews.extractors import people_titles_before as before

    positions = [(ctx, p) for ctx in ctxs for p in ctx.starts if p]
    # twice each (the second answer comes from the memo), in an order that revisits texts
    memoised = [(before.titles_before(ctx, p), before._title_start(ctx, p)) for ctx, p in positions + positions]
    monkeypatch.setattr(before, "_title_start", before._walk_title_start)  # every walk done afresh
    plain = [(before._titles_before(ctx, p, 0), before._walk_title_start(ctx, p)) for ctx, p in positions]
    assert memoised == plain + plain
    assert any(chain for chain, _ in plain)  # the texts hold titles at all


def test_marginals_of_the_named_positions_alone_match_the_full_pass(ctxs) -> None:
    ours = tagger.default_tagger()
    assert ours is not None
    compared = 0
    for ctx in ctxs:
        scores = ours.emissions(ctx)
        bounds = np.array(sentence_bounds(ctx.norm), dtype=np.int64).reshape(-1, 2)
        starts, ends = bounds[:, 0].copy(), bounds[:, 1].copy()
        path = viterbi(scores, starts, ends, ours.transitions)
        full = path_marginals(scores, starts, ends, ours.transitions, path)
        wanted = path_marginals(scores, starts, ends, ours.transitions, path, ours.outside)
        named = path != ours.outside
        assert np.array_equal(full[named], wanted[named])  # the same floats, not merely close
        assert (wanted[~named] == 1.0).all()
        compared += int(named.sum())
    assert compared > 100


def test_glued_teams_match_the_loop_over_every_token(ctxs) -> None:
    from zhnews.extractors import org_patterns
    from zhnews.extractors.org_base import OrgCand

    def plain(ctx) -> list:
        out = []
        heads = [(h.start, h.end) for h in ctx.places]
        heads += [(st, st + len(tok)) for st, tok, tag in zip(ctx.starts, ctx.tokens, ctx.tags) if tag in ("nz", "nt")]
        for start, end in heads:
            m = org_patterns._TEAM.match(ctx.norm, end)
            k = ctx.tok_at.get(end)
            if m is not None and k is not None and ctx.tags[k] is None and len(ctx.tokens[k]) > m.end() - end:
                out.append(OrgCand(start, m.end(), "org.team", 0.7))
        return out

    texts = [ctx for ctx in ctxs if "队" in ctx.norm]
    texts.append(build_ctx("健力宝队同巴西队比赛。苏格兰队之战,中国女队获胜。", None, default_gazetteer()))
    for ctx in texts:
        assert org_patterns._teams_glued(ctx, bytearray(len(ctx.norm))) == plain(ctx), ctx.text[:40]
    assert any(plain(ctx) for ctx in texts)
