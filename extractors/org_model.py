"""The learned organisation tagger: a character CRF for ORG spans, used only where the rules found nothing.

Why: the organisation rules need a listed name or a listed suffix (学院, 公司, 委); organisations
written by brand or with a suffix the lists lack (恒力石化, 中债信用增进公司) are read from context
instead. The model (gazetteers/models/org.crfsuite, trained by `scripts/train_tagger.py --org`)
uses the same character features as the name tagger (extractors/crf_features.py) and is decoded
with it: extractors/tagger.py loads both into one weight table, so one pass over the features
scores both and the tagger's ORG names arrive with its PER and LOC names.

How it is merged (conservatively, measured in docs/extraction.md): a model span is taken only when
it is sure (the lowest marginal of its tags), passes cheap sanity checks (no punctuation, no 的, not
one common dictionary word like 中心, starts and ends on word boundaries) and either overlaps nothing
the rules chose or only covers rule places strictly inside it (赤峰市就业服务局 over 赤峰市). Any rule
organisation or person it touches wins: the rules' outermost names stay as they are.
Without the model file the tagger finds no ORG names and the rules run alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.tagger import TaggedName
from zhnews.gazetteers.word_lists import read_word_list

# How sure the model must be of a span (the lowest marginal of its tags) to add it.
ORG_MIN_CONFIDENCE = 0.8
# Characters a name of a body never holds: sentence punctuation, list commas and the 的 of a phrase.
_NEVER_INSIDE = frozenset("的,，、。;；:：!！?？")
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# A counted or pointed-at body is a description, not a name (一家食品公司, 该公司); a relation word
# joins two bodies (华侨城旗下中部集团); a level word makes a kind of body (省级党委, 各级政府).
_DESCRIPTION = re.compile("[一二两三四五六七八九十几多某该这那每各本][家个所支]|旗下|下属|所属|^[省市县乡区村]级|^各级|^上级|^基层")
# A name needs an anchor: a word the dictionary does not know or marks as a name or abbreviation, a
# place, Latin letters or digits; common words alone (商业银行资产管理子公司) describe a kind of body.
_ANCHOR_TAGS = frozenset({None, "ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng", "x"})
# Forums and meetings are events unless they act (the rules read that; the model cannot).
_EVENT_ENDS = ("论坛", "峰会", "博览会", "运会", "展", "节", "赛", "杯")
_BREAKERS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "model_breakers.txt"


@cache
def _breakers() -> frozenset[str]:
    """gazetteers/orgs/model_breakers.txt: policy verbs and adverbs no name of a body holds as a word."""
    return frozenset(read_word_list(_BREAKERS_FILE))


def plausible(ctx: Ctx, start: int, end: int) -> bool:
    """Cheap checks a model span must pass: two characters or more on word boundaries, no
    punctuation or 的 inside, balanced brackets and quotes, not one dictionary word, not a description
    or an event, some word in it name-like."""
    s = ctx.norm
    if end - start < 2 or start not in ctx.tok_at:
        return False
    if end < len(s) and end not in ctx.tok_at:
        return False
    span = s[start:end]
    if not _NEVER_INSIDE.isdisjoint(span) or span.count("(") != span.count(")") \
            or span.count("“") != span.count("”") or span.count("《") != span.count("》"):
        return False
    k = ctx.tok_at[start]
    if start + len(ctx.tokens[k]) == end and ctx.tags[k] is not None:
        return False  # one dictionary word (中心; jieba even tags 联盟 j and 公共场所 nt)
    if _DESCRIPTION.search(span) or span.endswith(_EVENT_ENDS):
        return False
    return _anchored(ctx, k, end)


def _anchored(ctx: Ctx, k: int, end: int) -> bool:
    """Some word of the span (tokens from index k up to ``end``) is a name-like anchor, and none is a
    policy verb or adverb (model_breakers.txt)."""
    mask = ctx.place_mask
    breakers = _breakers()
    anchored = False
    while k < len(ctx.tokens) and ctx.starts[k] < end:
        tok = ctx.tokens[k]
        if tok in breakers:
            return False
        anchored = anchored or ctx.tags[k] in _ANCHOR_TAGS or not tok.isalpha() or tok.isascii() or \
            bool(mask and mask[ctx.starts[k]])
        k += 1
    return anchored


C = TypeVar("C")


def with_model_orgs(ctx: Ctx, chosen: list[C], found: Sequence[TaggedName],
                    make: Callable[[int, int, float], C]) -> list[C]:
    """``chosen`` (the resolved rule entities, sorted, each with start, end, label) plus the sure,
    plausible ORG names of the tagger that overlap nothing or only rule places strictly inside them."""
    picks = [t for t in found if t.label == "ORG" and t.confidence >= ORG_MIN_CONFIDENCE]
    if not picks:
        return chosen
    # chosen is sorted and free of overlaps: the entities a span touches are found by bisection
    ends = [c.end for c in chosen]  # type: ignore[attr-defined]
    dropped: set[int] = set()
    added: list[C] = []
    for t in picks:
        k = bisect_right(ends, t.start)  # the first entity ending after the span starts
        inside = []
        while k < len(chosen) and chosen[k].start < t.end:  # type: ignore[attr-defined]
            inside.append(k)
            k += 1
        if inside and not all(_strictly_inside_place(chosen[k], t.start, t.end) for k in inside):
            continue
        # plausible after the overlap test: most sure ORG names are the rules' own organisations, skipped above
        if not plausible(ctx, t.start, t.end):
            continue
        dropped.update(inside)
        added.append(make(t.start, t.end, t.confidence))
    if not added:
        return chosen
    out = [c for k, c in enumerate(chosen) if k not in dropped] + added
    out.sort(key=lambda c: c.start)  # type: ignore[attr-defined]
    return out


def _strictly_inside_place(c: Any, start: int, end: int) -> bool:
    return c.label in _PLACE_LABELS and start <= c.start and c.end <= end and c.end - c.start < end - start
