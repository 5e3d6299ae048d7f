"""One signing reported more than once: 双方 resolved to the parties named before, twin reports merged.

Split from extractors/signings.py (issue 16): the rules that decide when two sentences report one event
(docs/annotation/signings.md §3) and what 双方/两国 stands for (§4.2 carried parties).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from zhnews.extractors.signing_parties import carried, earlier_pair, pair_in
from zhnews.extractors.signing_window import LEFT, ArticleIndex
from zhnews.extractors.types import EntityMatch, PartyRef, SigningMatch
from zhnews.gazetteers.signing_rules import SigningRules

if TYPE_CHECKING:
    from zhnews.extractors.signings import _Candidate


NAME_AHEAD = re.compile(r"(?:(?![是的在与和同])[\u4e00-\u9fff]){1,16}(?:有限公司|公司|集团|大学|学院|医院|银行|政府|委员会|研究院)")


VAGUE_OBJECT = re.compile(r"(?:相关|有关|一份|一项|这份|这项)")


def _same_report(a: _Candidate, b: _Candidate, rules: SigningRules) -> bool:
    """"中柬两国签署备忘录" and later "中柬两国签署《关于…的谅解备忘录》": the same parties, the same kind of
    document and no conflicting date make one signing reported twice."""
    pa = {p.text for p in a.parties_a + a.parties_b}
    pb = {p.text for p in b.parties_a + b.parties_b}
    if _other_counterparts(pa, pb):
        return False
    if a.object and b.object and pa and pb and any(x in y or y in x for x in pa for y in pb):
        oa, ob = a.object.strip("《》“”"), b.object.strip("《》“”")
        if oa == ob or re.match(r"(?:该|此|这一?|上述)", ob):  # "祝贺中美签署第一阶段经贸协议", "为中美签署该协议"
            return True
        same_sides = all(any(x in y or y in x for y in pb) for x in pa) and all(any(x in y or y in x for x in pa) for y in pb)
        noun = next((n for n in rules.agreement_nouns if oa.endswith(n)), None)
        if same_sides and noun and ob.endswith(noun) and (oa == noun or ob == noun or VAGUE_OBJECT.match(ob)):
            return True  # "科威特和沙特签署协议…" then "科威特和沙特阿拉伯签署了…相关协议": the same act retold
    if not pa or pa != pb or not a.object or not b.object or (a.date and b.date and a.date != b.date):
        return False
    if a.count is not None and b.count is not None and a.count != b.count:
        return False
    oa, ob = a.object.strip("《》“”"), b.object.strip("《》“”")
    noun = next((n for n in rules.agreement_nouns if oa.endswith(n)), None)
    return noun is not None and ob.endswith(noun) and (oa.endswith(ob) or ob.endswith(oa) or noun in ("备忘录", "联合声明"))


def _other_counterparts(pa: set[str], pb: set[str]) -> bool:
    """"英国已与11个非洲国家签署了贸易协议" and "英国与南部非洲关税同盟签署了贸易协议": each names a party the
    other does not (a shared signer, different counterparts), so they are two signings, not one told twice."""
    def alone(xs: set[str], ys: set[str]) -> int:
        return sum(not any(x in y or y in x for y in ys) for x in xs)
    # one shared name at most: lists that share several (a report naming a few of the signers again) are one event
    return len(pa) >= 2 and len(pb) >= 2 and alone(pa, pb) > 0 and alone(pb, pa) > 0 and len(pa) - alone(pa, pb) <= 1


def _named(c: _Candidate, rules: SigningRules) -> bool:
    """At least one party that is a name, not a 双方-word left unresolved."""
    return any(p.text not in rules.collective_parties for p in c.parties_a + c.parties_b)


def _pair_before(text: str, s0: int, entities: Sequence[EntityMatch]) -> tuple[list[PartyRef], list[PartyRef]]:
    """The last "A与/和/同/、B" pair of names in the two sentences before s0 (what 双方 points back to)."""
    floor = max(0, s0 - 2 * LEFT)  # two sentences back, but never the whole article
    lo = max(floor, text.rfind("。", floor, max(floor, text.rfind("。", floor, s0 - 1))) + 1)
    names = [e for e in entities if lo <= e.start and e.end <= s0 and e.label in ("ORG", "GPE", "LOC", "PERSON")]
    for x, y in zip(reversed(names[:-1]), reversed(names[1:])):
        if text[x.end:y.start] in ("与", "和", "同", "、", "及"):
            longer = NAME_AHEAD.match(text, y.start)  # "北大" found inside "北大荒农垦集团有限公司"
            y_end = longer.end() if longer and longer.end() > y.end else y.end
            return [PartyRef(x.text, x.start, x.end)], [PartyRef(text[y.start:y_end], y.start, y_end)]
    return [], []


def _resolve_collective(cands: list[_Candidate], previous: list[_Candidate], rules: SigningRules,
                        text: str, s0: int, index: ArticleIndex) -> None:
    """双方/两省市签署… takes the parties of the signing or party pair named just before. The names before the
    sentence are looked up only for a 双方-word left to resolve (most sentences have none)."""
    for c in cands:
        if len(c.parties_a) == 1 and not c.parties_b and c.parties_a[0].text in rules.collective_parties:
            prev = previous[-1] if previous else None
            if prev is not None and prev.parties_a and prev.parties_b and _named(prev, rules):
                c.parties_a, c.parties_b = list(prev.parties_a), list(prev.parties_b)
            else:
                a, b = _pair_before(text, s0, index.entities.between(max(0, s0 - 2 * LEFT), s0))
                if a:  # named in an earlier sentence: carried, at that mention (§4.2)
                    c.parties_a, c.parties_b = [carried(p) for p in a], [carried(p) for p in b]
                elif c.parties_a[0].text in ("两国", "双方", "两国政府"):  # the pair written in the sentence, else before
                    pair = pair_in(text, c.sentence[0], c.sentence[1], rules)
                    pair = pair or earlier_pair(text, s0, rules)
                    if pair is not None:
                        c.parties_a = [pair if pair.start >= s0 else carried(pair)]


def same_event(a_count: int | None, a_object: str | None, a_parties: set[str],
               b_count: int | None, b_object: str | None, b_parties: set[str]) -> bool:
    """Two reports of one signing: same count and object, or same object and a shared party."""
    if _other_counterparts(a_parties, b_parties):
        return False
    if a_object and b_object and a_object == b_object:
        if a_count is not None and a_count == b_count:
            return True
        if a_object.startswith("《") and not (a_parties and b_parties):  # the same named agreement, retold (§3)
            return True
        return bool(a_parties & b_parties)
    return False


def _merge(into: _Candidate, other: _Candidate, evidence: dict[int, list[tuple[int, int]]]) -> None:
    evidence[id(into)].extend(evidence.pop(id(other)))
    into.parties_a = into.parties_a or other.parties_a
    into.parties_b = into.parties_b or other.parties_b
    into.count = into.count if into.count is not None else other.count
    into.object = into.object or other.object
    into.date = into.date or other.date
    into.place = into.place or other.place
    into.amount = into.amount if into.amount is not None else other.amount
    into.amount_unit = into.amount_unit or other.amount_unit
    into.confidence = max(into.confidence, other.confidence)


def merge_across(signings: Sequence[SigningMatch], other: SigningMatch) -> SigningMatch | None:
    """The signing in ``signings`` that ``other`` reports again, filled with what ``other`` adds; else None."""
    parties = {p.text for p in other.parties_a + other.parties_b}
    for s in signings:
        if same_event(s.count, s.object, {p.text for p in s.parties_a + s.parties_b}, other.count, other.object, parties):
            return replace(s, date=s.date or other.date, place=s.place or other.place,
                           count=s.count if s.count is not None else other.count)
    return None
