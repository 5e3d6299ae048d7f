"""Organisations: gazetteer and listed names, plus the productive pattern name + institution suffix.

The pattern runs right to left: find a suffix (学院, 商务厅, 委) that ends on a word boundary, then
take in the words before it (places, proper nouns, ordinary nouns, "(重庆)", Latin "PGRI") until a
function word or punctuation. The outermost name wins, so places inside it are not entities.

This module is the entry point (find_orgs, with_acronym, acronym_of); the rules live in org_*.py:
  org_base         the candidate type, the unit tuple, suffix look-up, words a name may hold
  org_units        tokens regrouped around gazetteer hits, titles split off
  org_suffix_rule  name + suffix, read right to left; nested units of a body
  org_patterns     periodicals, clubs, place bodies, companies before a post, listed kinds, teams
  org_chains       bodies owned by a place or an organisation before them, a country's arms
  org_filters      word boundaries of listed names, names that name one body, ordinals, facilities
  org_levels       a bare level before a body (自治区党委, 省邮政)
  org_trade        a brand before its line of business (京东物流, 华菱钢铁)
  org_legal        a registered name before a long legal form (江苏润和软件股份有限公司)
  org_aliases      one organisation's short names within an article (used by entities.py)
"""

from __future__ import annotations

import re
from operator import itemgetter

from zhnews.extractors.entity_text import Ctx, is_latin, positions_of
from zhnews.extractors.org_base import _NAME_VERBS, OrgCand, Unit, _suffix_of
from zhnews.extractors.org_chains import country_arms, owned_bodies
from zhnews.extractors.org_legal import legal_companies
from zhnews.extractors.org_levels import level_bodies
from zhnews.extractors.org_trade import brand_trades
from zhnews.extractors.org_filters import _acting_facility, _ends_in_word, _listed_name_here, _names_one_body, \
    _with_ordinal, cuts_two_words, kind_before_name
from zhnews.extractors.org_patterns import _before_company_titles, _listed_kind, _periodicals, _place_bodies, \
    _prefixed_clubs, _teams_glued
from zhnews.extractors.org_suffix_rule import _index_end, _org_ending_with
from zhnews.extractors.org_units import _ending_in, _split_titles, token_units

__all__ = ["OrgCand", "Unit", "acronym_of", "find_orgs", "with_acronym",
           # checked against a plain reference by tests/test_entities_speed.py
           "_split_titles", "_units"]

_CONGRESS = re.compile(r"(?<![一二三四五六七八九十百])十[一二三四五六七八九]?大(?![学使厦会楼街道赛])")


def _units(ctx: Ctx, barriers: bytearray) -> list[Unit]:
    """Tokens, with gazetteer hits overriding token boundaries, then words gluing a body to a title
    split (_split_titles is looked up here, so a test can swap it to compare the grouping alone)."""
    return _split_titles(ctx, token_units(ctx))


def find_orgs(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """``barriers`` marks characters (people) an organisation name may not cover."""
    out: list[OrgCand] = []
    lex = ctx.lex
    for h in ctx.orgs:
        if not any(barriers[h.start:h.end]) and not _ends_in_word(ctx, h.end) and not cuts_two_words(ctx, h.start, h.end):
            out.append(OrgCand(h.start, h.end, "org.gazetteer", 0.9, h.kb_id, h.canonical))
    s = ctx.norm
    # Listed names starting on a word: the longest one people do not cover, per start.
    # speed: every occurrence in one C-level Aho-Corasick pass
    if lex.org_name_ac is not None:
        by_start: dict[int, list[int]] = {}
        for end, n in lex.org_name_ac.iter(s):
            p = end + 1 - n
            if p in ctx.tok_at:
                by_start.setdefault(p, []).append(n)
        for p in sorted(by_start):
            for n in sorted(by_start[p], reverse=True):
                if not any(barriers[p:p + n]) and _listed_name_here(ctx, p, p + n):
                    out.append(OrgCand(p, p + n, "org.list", 0.85))
                    break
    if "大" in s:
        for m in _CONGRESS.finditer(s):
            if not any(barriers[m.start():m.end()]):
                out.append(OrgCand(m.start(), m.end(), "org.congress", 0.8))
    if "《" in s:
        out.extend(_periodicals(ctx, barriers))
    if ctx.places:
        out.extend(_prefixed_clubs(ctx, barriers))
    out.extend(_before_company_titles(ctx, barriers))
    out.extend(_place_bodies(ctx, barriers, out))  # also villages no gazetteer lists (荆北村党支部)
    out.extend(level_bodies(ctx, barriers))  # a bare level before a body: 自治区党委, 省邮政
    out.extend(brand_trades(ctx, barriers, out))  # a brand + its trade: 京东物流, 华菱钢铁
    if "等" in s and "、" in s:
        out.extend(_listed_kind(ctx, barriers))
    units = _units(ctx, barriers)
    out.extend(legal_companies(ctx, units, barriers))  # a registered name before 股份有限公司
    # speed: neither a suffix nor a dictionary organisation can end anywhere else
    cands = _ending_in(units, lex.org_suffix_last_re, s)
    tags = list(map(itemgetter(3), units))
    if "nt" in tags:
        cands = sorted(set(cands).union(positions_of(tags, "nt")))
    ends: dict[int, OrgCand] = {}
    for o in out:
        _index_end(ends, o)
    for k in cands:
        # speed: most candidates end in a suffix's last character but in no suffix and are no dictionary
        # organisation (社会, 其中): the rule's own first answer for them, without the call
        if units[k][3] != "nt" and _suffix_of(ctx, units[k][2]) is None:
            continue
        found = _org_ending_with(ctx, units, k, barriers, ends)
        if found is not None:
            out.append(found)
            _index_end(ends, found)
    for a, b in owned_bodies(ctx, units, barriers, [(o.start, o.end) for o in out if o.label == "ORG"],
                             _suffix_of, _NAME_VERBS, sorted(cands)):
        out.append(OrgCand(a, b, "org.owned", 0.7))
    if ctx.places:
        for a, b in country_arms(ctx, [(o.start, o.end) for o in out if o.label == "ORG"], barriers):
            out.append(OrgCand(a, b, "org.country_arm", 0.7))
    if "队" in s:
        out.extend(_teams_glued(ctx, barriers))
    if "届" in s:
        out = [_with_ordinal(s, o) for o in out]
    org_starts = {o.start for o in out if o.label == "ORG"}
    return [_acting_facility(ctx, o) if o.label == "LOC" else o for o in out
            if _names_one_body(ctx, o) and not kind_before_name(ctx, o, org_starts)]


def with_acronym(ctx: Ctx, start: int, end: int) -> int:
    """Extend an organisation over a bracketed acronym right after it: 留学服务中心(EMGS)."""
    s = ctx.norm
    if s[end:end + 1] == "(":
        close = s.find(")", end + 1, end + 14)
        if close > end + 1 and is_latin(s[end + 1:close].replace(" ", "")):
            return close + 1
    return end


def acronym_of(ctx: Ctx, start: int, end: int) -> str | None:
    """The bracketed Latin acronym the span ends with (留学服务中心(EMGS) -> EMGS), upper-cased; else None."""
    s = ctx.norm
    if s[end - 1:end] == ")":
        open_ = s.rfind("(", start, end)
        inner = s[open_ + 1:end - 1]
        if open_ >= 0 and is_latin(inner.replace(" ", "")):
            return inner.upper()
    return None
