"""A brand followed by its line of business: 恒隆地产, 华菱钢铁, 京东物流, 恒力石化, 华润置地.

Why a rule of its own: trade words (地产, 物流, 钢铁) are no institution suffix (冷链物流, 社会保险
are kinds of business, not bodies), so the suffix rule cannot take them; after a proper brand they
name the company. The brand must be a proper name: a dictionary brand or proper noun (nz, nt) or
an organisation another rule found (京东), never a place (中国航空 is read elsewhere) or
a generic word; and the trade word must end the noun phrase. Word list: gazetteers/orgs/trade_words.txt.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from pathlib import Path
from typing import Any

from zhnews.extractors.entity_lexicon import _automaton
from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.org_base import OrgCand
from zhnews.gazetteers.word_lists import read_word_list

_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "trade_words.txt"
# Tags of a brand word.
_BRAND_TAGS = frozenset({"nz", "nt"})  # two or three characters: 大力发展 (nz) is a phrase
# Tags of a word after the trade word that makes the trade word a modifier (京东物流|园区, 华菱钢铁|产品).
_NOUN_TAGS = frozenset({"n", "vn", "nz", "ng", "an", "j", "l", "nt", "nr", "ns", "b"})
# Rules whose organisations may be a brand before a trade word.
_ORG_RULES = frozenset({"org.gazetteer", "org.list"})


@cache
def _trades() -> tuple[frozenset[str], tuple[int, ...], Any]:
    """(trade words, their lengths longest first, a scanner finding them all in one pass)."""
    words = frozenset(read_word_list(_FILE))
    return words, tuple(sorted({len(w) for w in words}, reverse=True)), _automaton(words)


def _trade_end(ctx: Ctx, at: int) -> int | None:
    """End of the trade word starting at ``at``, if it ends on a word and no noun follows it."""
    words, lengths, _ = _trades()
    s = ctx.norm
    for n in lengths:
        if s[at:at + n] not in words:
            continue
        end = at + n
        if end >= len(s):
            return end
        k = ctx.tok_at.get(end)
        if k is None:
            return None
        nxt, tag = ctx.tokens[k], ctx.tags[k]
        if tag in _NOUN_TAGS or (tag is None and len(nxt) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in nxt)):
            return None
        return end
    return None


def brand_trades(ctx: Ctx, barriers: bytearray, found: list[OrgCand]) -> list[OrgCand]:
    """One ORG per brand directly followed by a trade word. Speed: the trade words are found in one
    scanner pass over the text; only the word before each is looked at (no loop over every token)."""
    scanner = _trades()[2]
    s = ctx.norm
    org_start = {o.end: o.start for o in found if o.rule in _ORG_RULES}
    out: list[OrgCand] = []
    mask = ctx.place_mask
    for last, n in scanner.iter(s):
        e = last + 1 - n  # where the trade word starts: the brand ends there
        if e not in ctx.tok_at or e == 0:
            continue
        a = org_start.get(e)
        if a is None:
            k = bisect_right(ctx.starts, e - 1) - 1
            t = ctx.tokens[k]
            if ctx.starts[k] + len(t) != e or ctx.tags[k] not in _BRAND_TAGS or not 2 <= len(t) <= 3:
                continue
            a = ctx.starts[k]
        if mask and any(mask[a:e]):
            continue
        end = _trade_end(ctx, e)
        if end is not None and not any(barriers[a:end]):
            out.append(OrgCand(a, end, "org.trade", 0.65))
    return out
