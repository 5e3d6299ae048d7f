"""The entity rules' speed shortcuts (C-level scans that pick candidates) against the plain loops
they replace: each shortcut must find exactly the positions the loop would act on."""

from __future__ import annotations

import re

import numpy as np

import pytest

from zhnews.extractors import org_patterns, org_units, orgs, people, places
from zhnews.extractors import entity_text
from zhnews.extractors.entity_text import build_ctx, segment
from zhnews.gazetteers.jieba_compiled import code_points, last_cut
from zhnews.extractors.entities import default_gazetteer
from tests.entity_helpers import entity_example_texts



def _texts() -> list[str]:
    out = entity_example_texts()
    # joined lines: long texts with many hits, lists and titles next to each other
    out.extend("。".join(out[i:i + 25]) for i in range(0, len(out), 25))
    return out


@pytest.fixture(scope="module")
def ctxs() -> list:
    gaz = default_gazetteer()
    out = []
    for text in _texts():
        out.append(build_ctx(text, None, gaz))
        out.append(build_ctx(text, segment(text), gaz))  # the pipeline's path: tokens given
    return out


def _reference_units(ctx) -> list[tuple]:
    """The unit list as first written: every cut, nothing inside a hit, a tag per unit."""
    cuts = set(ctx.starts) | {len(ctx.norm)}
    hits = sorted(ctx.places + ctx.orgs, key=lambda h: h.start)
    inside: set[int] = set()
    for h in hits:
        cuts |= {h.start, h.end}
        inside.update(range(h.start + 1, h.end))
    bounds = sorted(c for c in cuts if c not in inside)
    at = {h.start: h for h in hits}
    units = []
    for a, b in zip(bounds, bounds[1:]):
        text = ctx.norm[a:b]
        h = at.get(a)
        units.append((a, b, text, "GAZ" if h is not None and h.end == b else ctx.lex.pos.get(text)))
    return units


def test_units_match_the_reference(ctxs) -> None:
    for ctx in ctxs:
        no_split = orgs._split_titles
        try:
            orgs._split_titles = lambda c, units: units  # compare the grouping alone
            assert orgs._units(ctx, bytearray(len(ctx.norm))) == _reference_units(ctx), ctx.text
        finally:
            orgs._split_titles = no_split


def test_tags_are_dictionary_tags_of_the_folded_tokens(ctxs) -> None:
    for ctx in ctxs:
        assert ctx.tokens == [ctx.norm[a:a + len(t)] for a, t in zip(ctx.starts, ctx.tokens)]
        assert ctx.tags == [ctx.lex.pos.get(t) for t in ctx.tokens]


def test_title_scans_match_the_loops(ctxs) -> None:
    for ctx in ctxs:
        loop = [p for p in ctx.starts if p and people.title_end_at(ctx, p)]
        assert people._title_ends(ctx) == loop
        after = [i for i, p in enumerate(ctx.starts) if i and people._title_after(ctx, p)]
        assert people._after_title_tokens(ctx) == after


def test_person_token_candidates_cover_the_precheck(ctxs) -> None:
    for ctx in ctxs:
        firsts = "".join(ctx.norm[p] for p in ctx.starts)
        loop = [i for i, t in enumerate(ctx.tokens)
                if t[0] in ctx.lex.person_first or ctx.tags[i] in people.NAME_TAGS or t.endswith(people._DOCTRINE)]
        assert people._person_token_candidates(ctx, firsts) == loop


def test_place_token_candidates_cover_the_loop(ctxs) -> None:
    for ctx in ctxs:
        toks, tags = ctx.tokens, ctx.tags
        loop = [i for i, t in enumerate(toks) if tags[i] == "ns" or
                (i + 1 < len(toks) and toks[i + 1] in ctx.lex.place_suffixes)]
        assert places._place_token_candidates(ctx) == loop


def test_model_surname_scan_keeps_every_scored_position(ctxs) -> None:
    """Positions the model scan drops are ones name_score rejects for both lengths."""
    for ctx in ctxs:
        s = ctx.norm
        kept = {m.start() for m in people._model_surname_re(ctx.lex).finditer(s)}
        ends = set(ctx.starts[1:]) | {len(s)}
        for m in ctx.lex.surname_re.finditer(s):
            p = m.start()
            if p in kept:
                continue
            sl = 2 if s[p:p + 2] in ctx.lex.compound_surnames else 1
            if s[p:p + sl] in people._WEAK_SURNAMES:
                continue
            for e in (p + sl + 1, p + sl + 2):
                if e <= len(s):
                    assert people.name_score(ctx, p, sl, e, ends) is None, (s, p, e)


def test_tags_from_the_segmenter_trie_equal_the_dictionary_look_ups() -> None:
    """build_ctx reads the tags of the segmenter's last cut from its trie nodes; a copy of the same
    tokens (not the last cut) takes the dictionary look-ups: both contexts must be the same."""
    gaz = default_gazetteer()
    for text in _texts() + ["ＡＢＣ公司在２０２４年：“中国”（北京）", "𠀀x说，Ｑ"]:
        tokens = segment(text)
        assert last_cut(tokens) is not None
        fast = build_ctx(text, tokens, gaz)
        slow = build_ctx(text, list(tokens), gaz)
        assert (fast.tokens, fast.tags, fast.tok_ends, fast.tok_at) == (slow.tokens, slow.tags, slow.tok_ends, slow.tok_at)
        assert fast.tok_ends == [a + len(t) for a, t in zip(fast.starts, fast.tokens)]


def test_tags_of_dictionary_words_the_trie_cannot_reach() -> None:
    """A dictionary word with no trie node (its prefix is no key) still gets its tag."""
    compiled = entity_text._tokenizer()
    text = "𠀀x说"
    codes = code_points(text)
    spans = np.array([[0, 2], [2, 3]], dtype=np.int64)
    assert compiled.nodes(codes, spans).tolist()[0] == -1
    pos = {"𠀀x": "zz", "说": "v"}
    assert entity_text._tags(["𠀀x", "说"], pos, (compiled, spans), codes) == ["zz", "v"]
    assert entity_text._tags(["𠀀x", "说"], {"说": "v"}, (compiled, spans), codes) == [None, "v"]


def test_village_word_scan_matches_the_loop(ctxs) -> None:
    for ctx in ctxs:
        loop = [k for k, t in enumerate(ctx.tokens) if t.endswith(org_patterns._VILLAGE_ENDS)]
        assert org_patterns._village_words(ctx) == loop


def test_head_title_scan_matches_the_lookahead(ctxs) -> None:
    lookahead = re.compile("(?=" + "|".join(sorted(org_units._HEAD_TITLES)) + ")")
    for ctx in ctxs + [build_ctx("部长长部长局长长局长", None, None)]:
        assert [m.start() for m in org_units._HEAD_RE.finditer(ctx.norm)] == \
            [m.start() for m in lookahead.finditer(ctx.norm)]
