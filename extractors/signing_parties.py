"""What a signing party is beyond its name: the full names of a pair abbreviation (中尼 -> 中国, 尼泊尔)
with their ids, whether it is generic (一批领军企业) or carried from an earlier sentence, and the
events' types (docs/annotation/signings.md §4.2; records: Party.kb_id/mention/generic/carried).

The extractor finds parties as ``PartyRef`` spans; this module turns each into a ``SigningParty``
(a ``PartyRef`` whose ``text`` may be the expanded full name while ``start``/``end`` stay where the
name is written, in ``mention``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from zhnews.extractors.types import PartyRef, SigningMatch
from zhnews.gazetteers.signing_rules import SigningRules

# what may follow the pair inside the party span and is left out of the expansion (中尼两国 -> 中尼)
PAIR_TAIL = re.compile(r"(?:两国政府|两国|双方|三国|两省市|两省|两市|三省|三省市|两地|三地|之间)$")
# a counted group of parties ("3家企业", "20多个省"), as written before the kind
_NUMERAL = r"[\d０-９一二三四五六七八九十百千万两几多]"
_COUNT_HEAD = rf"{_NUMERAL}+[多余]?(?:家|个|所|户|名|位|对|批)"
COUNTED = re.compile(rf"^{_COUNT_HEAD}")
NUMERAL = re.compile(_NUMERAL)  # text without one is no counted group: a cheap test before cutting it for COUNTED
# a counted or descriptive group, not a name: kept as written, flagged generic (§4.2)
GENERIC_PARTY = re.compile(
    rf"^(?:{_COUNT_HEAD}|一批|多家|多个|部分|一些|众多|"
    r"大批|各|相关|有关|国内外|当地|附近|一家|某|其他|其它|全市|全省|全区|全县|全国)|^(?:企业|公司|建设方|合作社|经销商|村民|农户)$"
    r"|(?:公司|企业|机构|单位)$(?<!有限公司)(?<!集团公司)"
)
# "中巴经济走廊", "中尼关系": a pair abbreviation written before the signing (what 两国/双方 stand for)
PAIR_MENTION = re.compile(r"(?<![其之集当居空正])([中][\u4e00-\u9fff]|[\u4e00-\u9fff]中)"
                          r"(?=两国|双方|关系|经济|合作|友好|建交|共建|签署|联合|贸易|领导人|战略|人民|传统|之间|“|《|、|的)")


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class SigningParty(PartyRef):
    """``text`` is the name (the full name of an expanded abbreviation); ``start``/``end`` where it is written."""

    kb_id: str | None = None
    generic: bool = False
    carried: bool = False


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class Signatory:
    name: PartyRef
    titles: tuple[str, ...] = ()
    represents: str | None = None


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class SigningEvent(SigningMatch):
    """A ``SigningMatch`` with the kind of report it is and who signed for whom."""

    family: str | None = None
    signatories: tuple[Signatory, ...] = field(default_factory=tuple)


_Readings = dict[str, tuple[tuple[str, str, str], ...]]


def _tables(rules: SigningRules) -> tuple[_Readings, dict[str, str]]:
    """The pair readings by character and the id of each full name, built once per rules object: rebuilding
    the readings for every party read was ~9% of the extractor's time on signing-dense text (issue 18). Kept
    with the rules they were built from, so another rules object (a test's) never gets stale tables."""
    cached = _TABLES[0] if _TABLES else None
    if cached is None or cached[0] is not rules:
        ids = {full: kb for _, readings in rules.pair_readings for _kind, full, kb in readings}
        cached = (rules, dict(rules.pair_readings), ids)
        _TABLES[:] = [cached]  # one tuple, replaced whole: threads never see a mix
    return cached[1], cached[2]


# at most one entry: the rules last read, their readings and their ids
_TABLES: list[tuple[SigningRules, _Readings, dict[str, str]]] = []


def _readings(rules: SigningRules) -> _Readings:
    return _tables(rules)[0]


def pair_names(core: str, article: str, rules: SigningRules) -> list[tuple[str, str]] | None:
    """(full name, kb id) for each character of a pair abbreviation (中尼, 俄乌, 云贵川), or None when
    ``core`` is not one. A character with several readings takes the one the article writes, else the
    first; all characters read as countries, or all as provinces."""
    if not 2 <= len(core) <= 4:
        return None  # checked first: most names are longer, and the answer is None for them either way
    table = _readings(rules)
    whole = table.get(core)
    if whole and whole[0][0] in ("name", "pronoun"):
        return None  # 巴西, 印尼: one country, not a pair
    if any(ch not in table for ch in core) or name_id(core, rules) is not None:
        return None  # 巴基斯坦, 坦桑尼亚: a full name whose characters each abbreviate a country
    for kind in ("country", "province"):
        options = [[r for r in table[ch] if r[0] == kind] for ch in core]
        if all(options):
            chosen = []
            for opts in options:
                written = [r for r in opts if _first_written(article, r[1]) >= 0]
                best = min(written, key=lambda r: _first_written(article, r[1])) if written else opts[0]
                chosen.append((best[1], best[2]))
            if len({c[0] for c in chosen}) == len(chosen):
                return chosen
    return None


def _first_written(article: str, name: str) -> int:
    """Where ``name`` is first written in ``article`` (-1: nowhere), found once per article and name: pair_names
    asks it for every pair abbreviation read, and searching the whole article each time made a long article with
    many of them quadratic (issue 18: "中美…签署" repeated, 1.8 MB, 53 s). Kept for the article last read only."""
    cached = _FIRST_WRITTEN[0] if _FIRST_WRITTEN else None
    if cached is None or cached[0] is not article:
        cached = (article, {})
        _FIRST_WRITTEN[:] = [cached]
    found = cached[1]
    if name not in found:
        found[name] = article.find(name)
    return found[name]


# at most one entry: the article last read, and where each name asked about is first written in it
_FIRST_WRITTEN: list[tuple[str, dict[str, int]]] = []


def pronoun_name(word: str, rules: SigningRules) -> tuple[str, str] | None:
    """(full name, kb id) of a word that stands for one country (我国 -> 中国), else None."""
    readings = _readings(rules).get(word)
    return (readings[0][1], readings[0][2]) if readings and readings[0][0] == "pronoun" else None


def name_id(name: str, rules: SigningRules) -> str | None:
    """The id of a party written as a full country or province name (中国 -> ISO-CN)."""
    return _tables(rules)[1].get(name)


def expand(party: PartyRef, article: str, rules: SigningRules, carried: bool = False) -> list[SigningParty]:
    """One party as the record gives it: a pair abbreviation becomes its full names (all with the
    abbreviation's span), a counted or kind-only group is flagged generic."""
    tail = PAIR_TAIL.search(party.text)
    core = party.text[:tail.start()] if tail and tail.start() >= 2 else party.text
    names = pair_names(core, article, rules)
    if names:
        return [SigningParty(full, party.start, party.start + len(core), kb_id=kb, carried=carried)
                for full, kb in names]
    meant = pronoun_name(party.text, rules)
    if meant is not None:  # "我国先后与…签订": the country the paper's 我国 stands for, named before (carried)
        return [SigningParty(meant[0], party.start, party.end, kb_id=meant[1], carried=True)]
    party = _trimmed(party)
    generic = bool(GENERIC_PARTY.search(party.text))
    return [SigningParty(party.text, party.start, party.end, kb_id=name_id(party.text, rules), generic=generic,
                         carried=carried or getattr(party, "carried", False))]


# an appositive short name after a full name ("俄罗斯天然气工业股份公司（俄气）"), not one that names a place
# inside it ("乌鲁木齐高新区（新市区）"), or a bracket the cut left open
APPOSITIVE = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,4}[）)](?<![区县市州)）][）)])|[（(])$")


def _trimmed(party: PartyRef) -> PartyRef:
    m = APPOSITIVE.search(party.text)
    if m is None or m.start() < 4:
        return party
    return PartyRef(party.text[:m.start()], party.start, party.start + m.start())


# expand's answer for one article, by the party's text and carried flag: (text, start, end relative to the
# party's start, kb_id, generic, carried) of each party it gives
_Forms = dict[tuple[str, bool], list[tuple[str, int, int, str | None, bool, bool]]]


def expand_all(parties: Sequence[PartyRef], article: str, rules: SigningRules,
               memo: _Forms | None = None) -> tuple[SigningParty, ...]:
    """Every party expanded, each name once. ``memo`` (one per article): expand's answer depends only on the
    party's text and carried flag there, so a signer named in every sentence is read once (issue 18)."""
    out: list[SigningParty] = []
    for p in parties:
        for q in _expanded(p, article, rules, memo):
            if q.text not in {x.text for x in out}:
                out.append(q)
    return tuple(out)


def _expanded(party: PartyRef, article: str, rules: SigningRules, memo: _Forms | None) -> list[SigningParty]:
    carried = getattr(party, "carried", False)
    if memo is None:
        return expand(party, article, rules, carried=carried)
    forms = memo.get((party.text, carried))
    if forms is None:
        forms = memo[party.text, carried] = [(q.text, q.start - party.start, q.end - party.start, q.kb_id, q.generic,
                                              q.carried) for q in expand(party, article, rules, carried=carried)]
    at = party.start
    return [SigningParty(text, at + a, at + b, kb_id, generic, was_carried)
            for text, a, b, kb_id, generic, was_carried in forms]


def carried(party: PartyRef) -> SigningParty:
    """The same party, marked as named in an earlier sentence."""
    return SigningParty(party.text, party.start, party.end, carried=True)


def earlier_pair(article: str, before: int, rules: SigningRules, reach: int = 3000) -> PartyRef | None:
    """The nearest pair abbreviation written before ``before`` (中巴 in 中巴经济走廊): what 两国 stands for."""
    lo = max(0, before - reach)
    last = None
    for m in PAIR_MENTION.finditer(article, lo, before):
        if pair_names(m.group(1), article, rules):
            last = m
    return PartyRef(last.group(1), last.start(1), last.end(1)) if last else None


def pair_in(article: str, lo: int, hi: int, rules: SigningRules) -> PartyRef | None:
    """The first pair abbreviation inside [lo, hi) (为中菲关系发展…)."""
    for m in PAIR_MENTION.finditer(article, lo, hi):
        if pair_names(m.group(1), article, rules):
            return PartyRef(m.group(1), m.start(1), m.end(1))
    return None
