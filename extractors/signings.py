"""Agreement signings: who signed what with whom, how many, when and where.

A signing is a trigger verb (gazetteers/signings/triggers.tsv) in a sentence that reports it as
done, not planned, habitual or a service sign-up (not_signing.tsv). Parties come from the clause
before the trigger ("A、B等6所…与C、D等签订"), the count and object from the quantity after it
("9个国际化合作项目") or before it ("10个重点项目集中签约"), date and place from the sentence or,
failing that, from the article's event ("12月11日至12日…在永川召开").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Sequence

from extractors.types import DateMatch, EntityMatch, PartyRef, QuantityMatch, SigningMatch
from gazetteers.signing_rules import SigningRules, load_signing_rules

SENTENCE = re.compile(r"[^。！？!?\n；;]+[。！？!?；;]?")
CLAUSE_BREAK = set("，,：:")
OPENERS, CLOSERS = "(（《“「『[", ")）》”」』]"
CONNECTORS = ("与", "同", "跟")
LIST_SPLIT = re.compile(r"、|以及|及|和")
LEADING_ADVERBIALS = re.compile(
    r"^(?:(?:当天|当日|今天|今日|昨天|昨日|日前|近日|目前|此前|随后|同时|其中|会上|会议期间|活动上|活动中|仪式上|"
    r"现场|此次|本次|这次|期间|上午|下午|晚上|此外|另外|据悉|据了解|还|也)[，,]?)+"
)
MODIFIERS = r"(?:正式|共同|现场|分别|集中|顺利|当场|成功|已经|已|也|还|又|再|一起|相继|先后|陆续|于\S{0,8}?)"
GROUP_COUNT = re.compile(r"等(?:\d+|[一二三四五六七八九十两]+)(?:所|家|个|方|位|名|地|国|省|市|区|县|所在\S*)\S*$")
TRAILING = re.compile(rf"(?:等)?{MODIFIERS}*$")
AFTER_TRIGGER_SKIP = re.compile(r"^(?:了|下了|订了|署了|的|成|完成|完毕)?")
TITLE = re.compile(r"《([^》]{1,60})》")
EVENT_PLACE = re.compile(r"在([\u4e00-\u9fff]{1,8}?)(?:正式|隆重|顺利|成功)?(?:召开|举行|举办|开幕|成立|开展|启动|签约|签署|签订)")
DOC_UNITS = {"份", "项", "个", "批", "件", "部", "单"}
CONCLUDE = re.compile(r"达成(?:了)?([^，。；,]{0,20}?(?:协议|协定))")


@dataclass(slots=True)
class _Candidate:
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    confidence: float
    parties_a: list[PartyRef] = field(default_factory=list)
    parties_b: list[PartyRef] = field(default_factory=list)
    count: int | None = None
    object: str | None = None
    date: str | None = None
    place: str | None = None
    amount: float | None = None
    amount_unit: str | None = None
    rule: str = "signing"

    def score(self) -> int:
        return 2 * bool(self.parties_a or self.parties_b) + bool(self.parties_b) + 2 * (self.count is not None) + bool(self.object)


@lru_cache(maxsize=1)
def _trigger_regex(rules: SigningRules) -> re.Pattern:
    return re.compile("|".join(re.escape(t.text) for t in rules.triggers))


def _vetoed(sentence: str, t0: int, t1: int, rules: SigningRules) -> bool:
    left, right = sentence[:t0], sentence[t1:]
    for veto in rules.vetoes:
        if veto.where == "before":
            tail = rf"(?:与[^，。；,]{{0,40}}|于[^，。；,]{{0,10}}|在[^，。；,]{{0,12}})?{MODIFIERS}*$"
            if re.search(veto.pattern.pattern + tail, left):
                return True
        elif veto.where == "after" and veto.pattern.match(right):
            return True
        elif veto.where == "rightbefore" and veto.pattern.search(left):
            return True
        elif veto.where == "sentence" and veto.pattern.search(sentence):
            return True
    return False


def _depth_ok(text: str, pos: int) -> bool:
    """True when pos is outside brackets and quotes within text."""
    depth = 0
    for ch in text[:pos]:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
    return depth == 0


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    return any(a < pos < b or a == pos and b > pos + 1 for a, b in spans)


def _split_parties(text: str, base: int, protected: Sequence[tuple[int, int]]) -> list[PartyRef]:
    parties = []
    pos = 0
    for m in LIST_SPLIT.finditer(text):
        if _inside(protected, base + m.start()) or not _depth_ok(text, m.start()):
            continue
        parties.append((pos, m.start()))
        pos = m.end()
    parties.append((pos, len(text)))
    out = []
    for a, b in parties:
        piece = text[a:b]
        stripped = piece.strip()
        if len(stripped) < 2:
            continue
        lead = len(piece) - len(piece.lstrip())
        start = base + a + lead
        out.append(PartyRef(stripped, start, start + len(stripped)))
    return out


def _clean_a(text: str) -> tuple[str, int]:
    m = LEADING_ADVERBIALS.match(text)
    cut = m.end() if m else 0
    return text[cut:], cut


def _parties(text: str, s0: int, t0: int, entities: Sequence[EntityMatch],
             rules: SigningRules) -> tuple[list[PartyRef], list[PartyRef], str | None, bool]:
    """Parties from the clause before the trigger; also a place given as 在X inside it."""
    start = t0
    while start > s0 and not (text[start - 1] in CLAUSE_BREAK and _depth_ok(text[s0:start], start - 1 - s0)):
        start -= 1
    clause = text[start:t0]
    protected = [(e.start, e.end) for e in entities if e.end > start and e.start < t0 and e.label in ("ORG", "GPE", "LOC", "PERSON")]
    conn = -1
    for connector in CONNECTORS + ("和",):
        for m in re.finditer(connector, clause):
            if not _inside(protected, start + m.start()) and _depth_ok(clause, m.start()):
                conn = m.start()
                break
        if conn >= 0:
            break
    place = None
    if conn < 0:
        a_text, cut = _clean_a(clause)
        a_text = TRAILING.sub("", GROUP_COUNT.sub("", a_text))
        if not a_text or len(a_text) > 40:
            return [], [], None, False
        parties = _split_parties(a_text, start + cut, protected)
        if len(parties) >= 2 and not any(p.text in rules.collective_parties for p in parties):
            return parties[:1], parties[1:], None, False
        return parties, [], None, False
    a_text, cut = _clean_a(clause[:conn])
    a_text = TRAILING.sub("", GROUP_COUNT.sub("", a_text))
    b_full = clause[conn + 1:]
    pm = re.search(r"在([\u4e00-\u9fff]{2,8})$", TRAILING.sub("", b_full))
    if pm:
        place = pm.group(1)
        b_full = TRAILING.sub("", b_full)[: pm.start()]
    b_text = TRAILING.sub("", GROUP_COUNT.sub("", TRAILING.sub("", b_full)))
    a = _split_parties(a_text, start + cut, protected) if len(a_text) <= 200 else []
    b = _split_parties(b_text, start + conn + 1, protected) if len(b_text) <= 200 else []
    return a, b, place, True


def _count_object(text: str, s1: int, t0: int, t1: int, quantities: Sequence[QuantityMatch],
                  rules: SigningRules) -> tuple[int | None, str | None, int | None]:
    """Count and object of what was signed, and where a count standing before the trigger starts."""
    skip = AFTER_TRIGGER_SKIP.match(text, t1)
    pos = skip.end() if skip else t1
    after = [q for q in quantities if pos <= q.start <= pos + 1 and q.end <= s1]
    if after and after[0].unit in DOC_UNITS and after[0].value is not None:
        total, objects, last = after[0].value, [after[0].subject], after[0]
        for q in quantities:
            gap = text[last.end + len(last.subject or ""):q.start] if q.start > last.end else None
            if gap is not None and q.unit in DOC_UNITS and q.value is not None and re.fullmatch(r"和|及|以及|、|暨", gap):
                total += q.value
                objects.append(q.subject)
                last = q
        subject = "和".join(o for o in objects if o) or None
        return int(total), subject, None
    titles = []
    m = TITLE.match(text, pos)
    while m and m.end() <= s1:
        titles.append(m.group(0))
        nxt = re.match(r"(?:、|和|及|暨)", text[m.end():m.end() + 2])
        m = TITLE.match(text, m.end() + nxt.end()) if nxt else None
    if titles:
        return len(titles), "、".join(titles), None
    before = [q for q in quantities if t0 - 4 <= q.end <= t0 and q.unit in DOC_UNITS and q.value is not None]
    if before:
        q = before[-1]
        gap = text[q.end:t0]
        if q.subject and gap.startswith(q.subject):
            gap = gap[len(q.subject):]
        if re.fullmatch(rf"{MODIFIERS}*", gap):
            return int(q.value), q.subject, q.start
    phrase = re.match(r"[^，。；,;！？!?]{1,30}", text[pos:s1])
    if phrase:
        chunk = phrase.group(0)
        best = max((chunk.rfind(n) + len(n) for n in rules.agreement_nouns if n in chunk), default=-1)
        if best > 0:
            return None, chunk[:best], None
    return None, None, None


def _event_date(dates: Sequence[DateMatch], s0: int, s1: int) -> str | None:
    inside = [d for d in dates if s0 <= d.start < s1]
    explicit = [d for d in inside if not d.relative]
    if explicit:
        return explicit[0].text
    earlier = [d for d in dates if d.end <= s0 and not d.relative and re.search(r"[月日]", d.text)]
    if earlier:
        return earlier[-1].text
    return None


def _event_place(text: str, s0: int, t0: int, entities: Sequence[EntityMatch]) -> str | None:
    places = [e for e in entities if e.label in ("GPE", "LOC")]
    for m in EVENT_PLACE.finditer(text, s0, t0 + 4):
        for e in places:
            if e.start == m.start(1):
                return e.text
    for m in EVENT_PLACE.finditer(text, 0, s0):
        for e in places:
            if e.start == m.start(1):
                return e.text
    return None


def _amount(quantities: Sequence[QuantityMatch], s0: int, s1: int) -> tuple[float | None, str | None]:
    money = [q for q in quantities if s0 <= q.start < s1 and q.kind == "money"]
    if money:
        return money[0].value, money[0].unit
    return None, None


def _candidates(text: str, s0: int, s1: int, entities, quantities, dates, rules) -> list[_Candidate]:
    sentence = text[s0:s1]
    found: list[tuple[int, int, float, str]] = []
    for m in _trigger_regex(rules).finditer(sentence):
        trig = next(t for t in rules.triggers if t.text == m.group(0))
        found.append((m.start(), m.end(), trig.confidence, f"signing.{trig.kind}"))
    for m in CONCLUDE.finditer(sentence):
        found.append((m.start(), m.start() + 2, 0.7, "signing.conclude"))
    out = []
    for a, b, conf, rule in found:
        if _vetoed(sentence, a, b, rules):
            continue
        t0, t1 = s0 + a, s0 + b
        count, obj, count_start = _count_object(text, s1, t0, t1, quantities, rules)
        # "10个重点项目集中签约": the clause names what was signed, not who signed it
        pa, pb, place, connected = _parties(text, s0, count_start if count_start is not None else t0, entities, rules)
        if count_start is not None and not connected:
            pa, pb = [], []
        if rule == "signing.conclude":
            obj = obj or CONCLUDE.match(sentence, a).group(1)
        strong = text[t0:t1] in ("集中签约", "签约落户", "签约落地", "签约入驻") or rule == "signing.conclude"
        if not (pa or pb or count is not None or obj or strong):
            continue
        amount, unit = _amount(quantities, s0, s1)
        out.append(_Candidate(
            sentence=(s0, s1), trigger=(t0, t1), confidence=conf, parties_a=pa, parties_b=pb, count=count,
            object=obj, date=_event_date(dates, s0, s1), place=place or _event_place(text, s0, t0, entities),
            amount=amount, amount_unit=unit, rule=rule,
        ))
    return out


def _resolve_collective(cands: list[_Candidate], previous: list[_Candidate], rules: SigningRules) -> None:
    """双方/两省市签署… takes the parties of the signing or party pair named just before."""
    for c in cands:
        if len(c.parties_a) == 1 and not c.parties_b and c.parties_a[0].text in rules.collective_parties and previous:
            prev = previous[-1]
            if prev.parties_a and prev.parties_b:
                c.parties_a, c.parties_b = list(prev.parties_a), list(prev.parties_b)


def same_event(a_count: int | None, a_object: str | None, a_parties: set[str],
               b_count: int | None, b_object: str | None, b_parties: set[str]) -> bool:
    """Two reports of one signing: same count and object, or same object and a shared party."""
    if a_object and b_object and a_object == b_object:
        if a_count is not None and a_count == b_count:
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


def extract_signings(text: str, entities: Sequence[EntityMatch] = (), quantities: Sequence[QuantityMatch] = (),
                     dates: Sequence[DateMatch] = ()) -> list[SigningMatch]:
    """Signings of one article, one per event, with every sentence that reports it as evidence."""
    if "签" not in text and "达成" not in text and "缔结" not in text:
        return []
    rules = load_signing_rules()
    events: list[_Candidate] = []
    evidence: dict[int, list[tuple[int, int]]] = {}
    recent: list[_Candidate] = []
    for m in SENTENCE.finditer(text):
        s0, s1 = m.start(), m.end()
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        cands = _candidates(text, s0, s1, entities, quantities, dates, rules)
        if not cands:
            continue
        _resolve_collective(cands, recent, rules)
        best = max(cands, key=lambda c: (c.score(), c.confidence))
        for other in cands:
            if other is not best:
                best.count = best.count if best.count is not None else other.count
                best.object = best.object or other.object
        recent.append(best)
        parties = {p.text for p in best.parties_a + best.parties_b}
        twin = next((e for e in events if same_event(e.count, e.object, {p.text for p in e.parties_a + e.parties_b},
                                                     best.count, best.object, parties)), None)
        evidence[id(best)] = [(s0, s1)]
        if twin is not None:
            _merge(twin, best, evidence)
        else:
            events.append(best)
    return [
        SigningMatch(
            parties_a=tuple(e.parties_a), parties_b=tuple(e.parties_b), evidence=tuple(evidence[id(e)]),
            rule=e.rule, confidence=e.confidence, count=e.count, object=e.object, date=e.date, place=e.place,
            amount=e.amount, amount_unit=e.amount_unit,
        )
        for e in events
    ]


def merge_across(signings: Sequence[SigningMatch], other: SigningMatch) -> SigningMatch | None:
    """The signing in ``signings`` that ``other`` reports again, filled with what ``other`` adds; else None."""
    parties = {p.text for p in other.parties_a + other.parties_b}
    for s in signings:
        if same_event(s.count, s.object, {p.text for p in s.parties_a + s.parties_b}, other.count, other.object, parties):
            return replace(s, date=s.date or other.date, place=s.place or other.place,
                           count=s.count if s.count is not None else other.count)
    return None
