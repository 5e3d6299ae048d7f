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

from zhnews.extractors.types import DateMatch, EntityMatch, PartyRef, QuantityMatch, SigningMatch
from zhnews.gazetteers.signing_rules import SigningRules, load_signing_rules

SENTENCE = re.compile(r"[^。！？!?\n；;]+[。！？!?；;]?")
CLAUSE_BREAK = set("，,：:")
OPENERS, CLOSERS = "(（《“「『[", ")）》”」』]"
CONNECTORS = ("(?<![参给赋授])与", "(?<![共相协合认赞不如陪连])同(?!时|意|样|期|步|比|一|类)", "跟", "携手")
LIST_SPLIT = re.compile(r"、|以及|及|和")
LEADING_ADVERBIALS = re.compile(
    r"^(?:(?:当天|当日|今天|今日|昨天|昨日|日前|近日|最近|目前|此前|随后|同时|其中|会上|会议期间|活动上|活动中|仪式上|"
    r"现场|此次|本次|这次|期间|上午|下午|晚上|此外|另外|据悉|据了解|据介绍|值得一提的是|值得关注的是|特别是|尤其是|"
    r"截至目前|当地时间|尽管|虽然|由于|随着|近年来|去年以来|今年以来|以来|首先|最终|最后|后来|同年|次年|当年|"
    r"自|从|于|并|而|又|还|也|已经|已)[，,]?)+"
)
# words that end a party name inside the clause: what follows them is adverbial ("华为在全球", "敦煌研究院还同时")
PARTY_CUT = re.compile(r"在|于|将|已经|已|均|都|也|还|则|又|共同|分别|正式|先后|相继|就|一次性|同时|主动|采取|通过|"
                       r"现场|当场|首次|再次|顺利|成功|携手|代表|举行|共建|达成|正在|紧锣密鼓|积极|加快|纷纷|陆续|一起|一道|"
                       r"联合|再度|曾经|曾|早在|率先|专门|亲自|参与|最终|终于|对|向|为|从|以(?!及)|按|把|被|让|给|由|会谈|会见|共$")
# what a party's name can end with when the entity extractor did not find it
PARTY_SUFFIX = re.compile(
    r"(?:公司|集团|大学|学院|学校|医院|银行|政府|委员会|委|局|厅|部|院|所|中心|协会|学会|商会|联合会|联盟|组织|机构|"
    r"区|县|市|省|州|镇|乡|村|国|方|企业|馆|社|台|基金|办|办公室|站|校|园|队|署|处|行|厂|社区|街道|高校|运营商|"
    r"基地|工会|总会|党|军|盟|会|两国|双方|各方|[中外甲乙美俄日韩欧英法德]方)$"
)
# a name that only says what kind of party, not which one ("国际组织", "受援医院", "该出版社")
GENERIC = re.compile(r"^(?:各|相关|有关|多|一些|部分|其他|其它|当地|国际|下属|受援|该|本|我|其|对方|第三|这|那|所在|全国|全球|"
                     r"世界|境外|国内|外国|海外|知名|优质|重点|大型|中小|不少|许多|众多|大量|大批|一批|数十|上百|超过|近|约|"
                     r"公司|企业|单位|机构|政府|医院|学校|高校|银行)")
# a bare kind of party, not a named one ("龙头企业与合作社签订"), or private persons ("58户村民", "承包户")
KIND_ONLY = re.compile(r"^(?:龙头|农业|民营|国有|外资|合资|本地|地方|农村|专业|村民)?(?:企业|公司|合作社|村|政府|学校|医院|银行|高校|单位|机构)$")
PRIVATE = re.compile(r"(?:户|村民|农民|居民|群众|职工|员工|个人|患者|家长|老总|老板|承包人)$|某")
# a dateline opening the article ("本报合肥2月18日电  （记者徐靖）"): not part of the first clause
DATELINE = re.compile(r"^[^，。；]{0,24}?日电\s*(?:[（(][^）)]{0,30}[）)])?\s*|^\s*[（(][^）)]{0,20}记者[^）)]{0,20}[）)]\s*")
# "X项目签约落户Y": the project that lands and the place that hosts it
LANDING = {"签约落户", "签约落地", "签约入驻"}
HOST = re.compile(r"(?:在|于|到)?([\u4e00-\u9fff]{2,20}?)(?=[，。；,;！？!?]|$)")
NAME_AHEAD = re.compile(r"(?:(?![是的在与和同])[\u4e00-\u9fff]){1,16}(?:有限公司|公司|集团|大学|学院|医院|银行|政府|委员会|研究院)")
COLLECTIVE_TAIL = re.compile(r"(?:两|三|四|双)(?:市|省|地|区|县|国|方|校|家)$")
PLACE_NOT = re.compile(r"[上中内里下外]$|期间|现场|仪式|会议|会上|活动|当天|当地|此|该|本|这|那|其")
NOUN_USE = re.compile(r"仪式|活动|大会|会|现场|大厅")
ATTEND = re.compile(r"出席|参加|见证|观看|目睹|参与")
COUNTRY_PAIR = re.compile(r"^[中美俄英法德日韩印巴越老柬泰缅菲马新澳加意西葡希蒙哈吉塔乌土伊埃南尼][\u4e00-\u9fff]$")
WITNESS = re.compile(r"见证(?:了|下)?$")
QUANTITY_NAME = re.compile(r"^[\d０-９一二三四五六七八九十百千万两几多]+[多余]?[家个所位名批]")
MODIFIERS = r"(?:正式|共同|现场|分别|集中|顺利|当场|成功|已经|已|也|还|又|再|一起|相继|先后|陆续|于\S{0,8}?)"
GROUP_COUNT = re.compile(r"等(?:\d+|[一二三四五六七八九十两]+)(?:多|余)?(?:所|家|个|方|位|名|地|国|省|市|区|县)")
TRAILING = re.compile(rf"(?:等)?{MODIFIERS}*$")
AFTER_TRIGGER_SKIP = re.compile(r"(?:了|下了|订了|署了|成|完成|完毕)?(?:其中)?")
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
    clause = left[max(left.rfind(c) for c in CLAUSE_BREAK) + 1:]
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
        elif veto.where == "clause" and veto.pattern.search(clause):
            return True
        elif veto.where == "leftsentence" and veto.pattern.search(left):
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


def _clause_start(text: str, s0: int, t0: int) -> int:
    """Start of the clause holding t0: after the last comma or colon outside brackets (quotes do not count,
    since reporters quote names but also open quotes they never close within the clause)."""
    depth = 0
    for i in range(t0 - 1, s0 - 1, -1):
        ch = text[i]
        if ch in ")）》":
            depth += 1
        elif ch in "(（《" and depth:
            depth -= 1
        elif ch in CLAUSE_BREAK and depth == 0:
            return i + 1
    return s0


def _clean_piece(text: str, a: int, b: int, protected: Sequence[tuple[int, int]],
                 entities: Sequence[EntityMatch], dates: Sequence[DateMatch],
                 rules: SigningRules, lone: bool = False) -> PartyRef | None:
    """One party from one list item, with dates, adverbials and trailing modifiers cut away; None when
    what is left does not look like a name (an entity, a name suffix, a 中尼-style pair, a 双方-word)."""
    cuts = sorted((max(d.start, a), min(d.end - (d.text.endswith("月中") and COUNTRY_PAIR.match(text[d.end - 1:d.end + 1])
                                              is not None), b)) for d in dates if d.start < b and d.end > a)
    if cuts:  # "2005年上海大众", "中科公司2009年": keep the longest stretch without a date
        segments, pos = [], a
        for c0, c1 in cuts:
            segments.append((pos, c0))
            pos = max(pos, c1)
        segments.append((pos, b))
        def _useful(seg: tuple[int, int]) -> int:
            lead = LEADING_ADVERBIALS.match(text[seg[0]:seg[1]])
            return seg[1] - seg[0] - (lead.end() if lead else 0)
        a, b = max(segments, key=_useful)
    lead = LEADING_ADVERBIALS.match(text[a:b])
    if lead:
        a += lead.end()
    for m in PARTY_CUT.finditer(text, a, b):
        if m.start() > a and not _inside(protected, m.start()):
            b = m.start()
            break
    k = text.find("等", a, b)
    if k > a and not _inside(protected, k):
        b = k
    while a < b and (text[a].isspace() or not (text[a].isalnum() or text[a] in "《(（")):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "“「‘\"'"):
        b -= 1
    tail = COLLECTIVE_TAIL.search(text, a, b)
    if tail and tail.start() > a + 1:  # "佛山两市" -> 佛山
        b = tail.start()
    if "的" in text[a:b]:
        tail_entity = next((e for e in entities if e.end == b and a < e.start and "的" not in e.text
                            and e.label in ("ORG", "GPE")), None)
        if tail_entity is not None:
            a = tail_entity.start
    name = text[a:b]
    if (not 2 <= len(name) <= 40 or "的" in name or "记者" in name or name.startswith("在") or QUANTITY_NAME.match(name)
            or any(name.endswith(n) for n in rules.agreement_nouns) or KIND_ONLY.match(name) or PRIVATE.search(name)):
        return None
    named = any(e.start < b and e.end > a and e.label in ("ORG", "GPE", "LOC", "PERSON") for e in entities)
    if named or name in rules.collective_parties or COUNTRY_PAIR.match(name):
        return PartyRef(name, a, b)
    if not GENERIC.match(name) and (PARTY_SUFFIX.search(name) or lone and 3 <= len(name) <= 8):
        return PartyRef(name, a, b)
    return None


def _split_parties(text: str, a: int, b: int, protected: Sequence[tuple[int, int]],
                   entities: Sequence[EntityMatch], dates: Sequence[DateMatch], rules: SigningRules,
                   subject: bool = False) -> list[PartyRef]:
    """A coordinated list ("A、B和C等") split into its parties; items that are no name are dropped.
    ``subject``: the side before 与 — a lone short item there is taken as a name even without a suffix."""
    lead = LEADING_ADVERBIALS.match(text[a:b])
    if lead:
        a += lead.end()
    group = GROUP_COUNT.search(text, a, b)
    if group:
        b = group.start()
    for m in PARTY_CUT.finditer(text, a, b):
        if m.start() > a and not _inside(protected, m.start()):
            b = m.start()
            break
    side = text[a:b]
    k = side.find("等")
    if k > 0 and not _inside(protected, a + k) and "的" in side[k:]:
        return []  # "北京、沈阳等地的家政服务公司": the list says where the parties are from, not who they are
    pieces, pos = [], a
    for m in LIST_SPLIT.finditer(text, a, b):
        if _inside(protected, m.start()) or not _depth_ok(side, m.start() - a):
            continue
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, b))
    out = []
    for p0, p1 in pieces:
        party = _clean_piece(text, p0, p1, protected, entities, dates, rules, lone=subject and len(pieces) == 1)
        if party is not None and party.text not in {p.text for p in out}:
            out.append(party)
    return out


def _earlier_subject(text: str, s0: int, start: int, entities: Sequence[EntityMatch]) -> list[PartyRef]:
    """"省产研院先后建成…，与哈佛…签署": the subject opening an earlier clause of the same sentence."""
    pos = start - 1
    while pos > s0:
        c0 = _clause_start(text, s0, pos)
        lead = LEADING_ADVERBIALS.match(text[c0:pos])
        head = c0 + (lead.end() if lead else 0)
        for e in entities:
            if e.start == head and e.label in ("ORG", "GPE"):
                return [PartyRef(e.text, e.start, e.end)]
        pos = c0 - 1
    return []


def _parties(text: str, s0: int, t0: int, entities: Sequence[EntityMatch], dates: Sequence[DateMatch],
             rules: SigningRules) -> tuple[list[PartyRef], list[PartyRef], str | None, bool]:
    """Parties from the clause before the trigger; also a place given as 在X inside it."""
    start = _clause_start(text, s0, t0)
    dateline = DATELINE.match(text, start, t0)
    if dateline and start == s0:
        start = dateline.end()
    clause = text[start:t0]
    if clause.startswith("作为"):
        return [], [], None, False  # "作为世界上最大的两个经济体和贸易大国": a description, not the signers
    if WITNESS.search(clause) or ATTEND.search(re.sub(r"参与$", "", clause)):
        # "两国领导人共同见证签署", "袁某出席…签约仪式": the subject watched; the signers are not named here
        return [], [], None, False
    named = [e for e in entities if e.end > start and e.start < t0 and e.label in ("ORG", "GPE", "LOC", "PERSON")]
    protected = [(e.start, e.end) for e in named]
    place = None
    for m in re.finditer(r"在", clause):
        e = next((e for e in named if e.start == start + m.end() and e.label in ("GPE", "LOC") and len(e.text) > 1), None)
        if e is not None:
            place = e.text
            break
    conn = conn_end = -1
    for connector in CONNECTORS + ("和",):
        for m in re.finditer(connector, clause):
            if not _inside(protected, start + m.start()) and _depth_ok(clause, m.start()):
                conn, conn_end = m.start(), m.end()
                break
        if conn >= 0:
            break
    if conn >= 0 and clause[conn] == "和" and "、" in clause[:conn]:
        conn = -1  # "北京市、天津市和河北省共同签署": one list of co-signers
    if conn >= 0 and clause[conn] == "和":
        verb = next((m for m in PARTY_CUT.finditer(clause, 0, conn)
                     if m.start() > 0 and not _inside(protected, start + m.start())), None)
        if verb is not None:
            conn = -1  # "中日两国通过对话和磋商处理分歧": 和 joins words inside the predicate, not parties
    if conn < 0:
        parties = _split_parties(text, start, t0, protected, entities, dates, rules, subject=True)
        if len(parties) >= 2 and not any(p.text in rules.collective_parties for p in parties):
            return parties[:1], parties[1:], place, False
        if NOUN_USE.match(text, t0 + 2):
            return [], [], place, False  # "某某项目签约仪式": an event's name, one "party" is no signing
        return parties, [], place, False
    a = _split_parties(text, start, start + conn, protected, entities, dates, rules, subject=True)
    if not a and not LEADING_ADVERBIALS.sub("", text[start:start + conn]).strip():
        a = _earlier_subject(text, s0, start, entities)
    b = _split_parties(text, start + conn_end, t0, protected, entities, dates, rules, subject=bool(a))
    if not b and clause[conn] == "和":
        parties = _split_parties(text, start, t0, protected, entities, dates, rules, subject=True)
        if len(parties) == 1:
            return parties, [], place, False
    if not b:
        return [], [], place, True  # "与第三人签订", "与下属单位签订": no named counterpart
    return a, b, place, True


def _count_object(text: str, s1: int, t0: int, t1: int, quantities: Sequence[QuantityMatch],
                  rules: SigningRules) -> tuple[int | None, str | None, int | None]:
    """Count and object of what was signed, and where a count standing before the trigger starts."""
    skip = AFTER_TRIGGER_SKIP.match(text, t1)
    pos = skip.end() if skip else t1
    after = [q for q in quantities if (pos <= q.start <= pos + 1 or q.start == pos - 1 and text[q.start] == "约")
             and q.end <= s1]
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
    titles, title_end = [], pos
    m = TITLE.match(text, pos)
    while m and m.end() <= s1:
        titles.append(m.group(0))
        title_end = m.end()
        nxt = re.match(r"(?:、|和|及|暨)", text[m.end():m.end() + 2])
        m = TITLE.match(text, m.end() + nxt.end()) if nxt else None
    # "《习近平谈治国理政》第二卷…备忘录": a title inside a longer name is not the object
    if titles and (title_end >= s1 or text[title_end] in "，。；,;！？!?、等"):
        return len(titles), "、".join(titles), None
    before = [q for q in quantities if q.end <= t0 and t0 - 14 <= q.end + len(q.subject or "") <= t0
              and q.unit in DOC_UNITS and q.value is not None]
    if before:
        q = before[-1]
        gap = text[q.end:t0]
        if q.subject and gap.startswith(q.subject):
            gap = gap[len(q.subject):]
        if re.fullmatch(rf"{MODIFIERS}*", gap) and q.subject and any(q.subject.endswith(n) for n in rules.agreement_nouns):
            return int(q.value), q.subject, q.start
    phrase = re.match(r"[^，。；,;！？!?]{1,30}", text[pos:s1])
    if phrase:
        chunk = phrase.group(0)
        best = max((chunk.rfind(n) + len(n) for n in rules.agreement_nouns if n in chunk), default=-1)
        if best > 0:
            obj = _tidy_object(chunk[:best])
            if obj is None:
                return None, None, None
            inner = [q for q in quantities if pos <= q.start and q.end + len(q.subject or "") == pos + best
                     and q.unit in DOC_UNITS and q.value is not None and q.subject]
            if inner:
                return int(inner[-1].value), inner[-1].subject, None
            # "签订产学研合作协议5个": the count follows the object
            trailing = [q for q in quantities if q.start == pos + best and q.unit in DOC_UNITS and q.value is not None]
            if trailing:
                return int(trailing[0].value), obj, None
            # "合作备忘录暨…合作备忘录", "合作协议和谅解备忘录": each joined part is one document
            parts = re.split(r"暨|和|及|以及|、", obj)
            if len(parts) >= 2 and all(any(p.endswith(n) for n in rules.agreement_nouns) for p in parts):
                return len(parts), obj, None
            return None, obj, None
    return None, None, None


def _tidy_object(obj: str) -> str | None:
    """Quotes left open by the cut removed; None for a relative clause ("的协议") or an empty object."""
    if obj.startswith("的"):
        return None
    for o, c in ("“”", "《》", "‘’", "「」"):
        if obj.count(o) > obj.count(c) and obj.startswith(o):
            obj = obj[1:]
        if obj.count(o) > obj.count(c):
            obj = obj.replace(o, "", 1)
    return obj or None


def _event_date(dates: Sequence[DateMatch], s0: int, s1: int) -> str | None:
    inside = [d for d in dates if s0 <= d.start < s1]
    explicit = [d for d in inside if not d.relative]
    if explicit:
        return explicit[0].text
    relative = [d for d in inside if d.relative and d.resolved and re.fullmatch(r"\d{4}-\d\d-\d\d", d.resolved)]
    if relative:  # 当天, 今天: resolved against the article's date
        return relative[0].resolved
    earlier = [d for d in dates if d.end <= s0 and not d.relative and re.search(r"[月日]", d.text)]
    if earlier:
        return earlier[-1].text
    return None


def _event_place(text: str, s0: int, s1: int, entities: Sequence[EntityMatch]) -> str | None:
    """Where the sentence, else the article's event before it, says the meeting or ceremony took place
    ("…签约仪式15日在合肥举行", "12月11日…在永川召开"): the place entity, or a short name when none was found."""
    places = {e.start: e.text for e in entities if e.label in ("GPE", "LOC")}
    for lo, hi in ((s0, s1), (0, s0)):
        for m in EVENT_PLACE.finditer(text, lo, hi):
            if m.start(1) in places:
                return places[m.start(1)]
            if 2 <= len(m.group(1)) <= 4 and not PLACE_NOT.search(m.group(1)):
                return m.group(1)
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
        if sentence[m.end():m.end() + 1] == "的":
            continue  # "强调了中美达成第一阶段经贸协议的意义": the agreement is cited, not concluded here
        found.append((m.start(), m.start() + 2, 0.7, "signing.conclude"))
    out = []
    for a, b, conf, rule in found:
        if _vetoed(sentence, a, b, rules):
            continue
        t0, t1 = s0 + a, s0 + b
        count, obj, count_start = _count_object(text, s1, t0, t1, quantities, rules)
        # "10个重点项目集中签约": the clause names what was signed, not who signed it
        pa, pb, place, connected = _parties(text, s0, count_start if count_start is not None else t0, entities,
                                            dates, rules)
        if count_start is not None and not connected:
            pa, pb = [], []
        hop = _clause_start(text, s0, t0)
        bare = not (pa or pb or count_start is not None or re.sub(rf"{MODIFIERS}|并|还|又", "", text[hop:t0]))
        # "中日两国通过对话…，并签署": a predicate joined by 并 shares the earlier clause's subject
        joined = bool(re.match(r"(?:并|还|又|随后)", text[hop:t0]))
        for _ in range(2 if bare else 0):  # "A与B就…交流，建立…机制，签订合作备忘录": the parties open an earlier clause
            if pa or pb or hop <= s0:
                break
            pa, pb, place_before, connected = _parties(text, s0, hop - 1, entities, dates, rules)
            place = place or place_before
            if not connected and not (joined and len(pa) == 1 and not pb):
                pa, pb = [], []
            hop = _clause_start(text, s0, hop - 1)
        if rule == "signing.conclude":
            obj = obj or CONCLUDE.match(sentence, a).group(1)
        passive = False
        title = _title_subject(text, s0, t0, dates, rules) if count is None else None
        if title is not None:  # "《…合作备忘录》13日在重庆签署": the title is what was signed, not a signer
            pa, pb, obj, count, passive = [], [], title, 1, True
        elif not (pa or pb) and count is None:
            if text[t0:t1] in LANDING:  # "…生产项目签约落户张江长三角科技城平湖园"
                landed = _landing(text, s0, s1, t0, t1, entities, dates, rules)
                if landed is not None:
                    obj, host = landed
                    pb, passive = [host], True
        strong = text[t0:t1] in ("集中签约", "签约落户", "签约落地", "签约入驻") or count_start is not None or passive
        if text[t0:t1] == "签字" and not obj and not any(n in sentence for n in rules.agreement_nouns):
            continue  # a signature on a form or a receipt, not an agreement
        if not (pa or pb or (strong and count is not None) or passive):
            continue
        if len(pa + pb) == 1 and count is None and obj is None and not passive and text[t0:t1] not in LANDING \
                and pa[0].text not in rules.collective_parties if pa else False:
            continue  # "医生护士签下…": one side, nothing signed named
        amount, unit = _amount(quantities, s0, s1)
        out.append(_Candidate(
            sentence=(s0, s1), trigger=(t0, t1), confidence=conf, parties_a=pa, parties_b=pb, count=count,
            object=obj, date=_event_date(dates, s0, s1), place=place or _event_place(text, s0, s1, entities),
            amount=amount, amount_unit=unit, rule=rule,
        ))
    return out


def _title_subject(text: str, s0: int, t0: int, dates: Sequence[DateMatch], rules: SigningRules) -> str | None:
    """The 《title》 opening the clause that ends in the trigger, when nothing but a date, a place or an
    adverb stands between it and the trigger ("《…备忘录》13日在重庆签署", "2019年11月，《…联合声明》签署")."""
    start = _clause_start(text, s0, t0)
    m = re.search(r"《([^《》]{2,80})》([^，。；《》]{0,16})$", text[start:t0])
    if m is None or not any(m.group(1).endswith(n) for n in rules.agreement_nouns + ("声明", "宣言")):
        return None
    gap0 = start + m.start(2)
    gap = "".join(ch if not any(d.start <= gap0 + i < d.end for d in dates) else "" for i, ch in enumerate(m.group(2)))
    if not re.fullmatch(rf"(?:日前|近日|当天|当日|今天|昨天|在[\u4e00-\u9fff]{{1,8}}?|{MODIFIERS})*", gap):
        return None
    head = "".join(ch for i, ch in enumerate(text[start:start + m.start()])
                   if not any(d.start <= start + i < d.end for d in dates))
    lead = LEADING_ADVERBIALS.match(head)
    if head[lead.end() if lead else 0:].strip(" ，,"):
        return None  # "根据…签订的《…》", "与X签署《…》": the title is not the subject
    return m.group(0)


def _landing(text: str, s0: int, s1: int, t0: int, t1: int, entities: Sequence[EntityMatch],
             dates: Sequence[DateMatch], rules: SigningRules) -> tuple[str, PartyRef] | None:
    """"总投资128亿元的…生产项目签约落户张江长三角科技城平湖园": the project and where it lands."""
    start = _clause_start(text, s0, t0)
    subject = text[start:t0]
    if not subject.endswith("项目"):
        return None
    obj = subject[subject.rfind("的") + 1:]
    lead = LEADING_ADVERBIALS.match(obj)
    obj = obj[lead.end() if lead else 0:]
    m = HOST.match(text, t1, s1)
    if m is None or len(obj) < 3:
        return None
    host = _clean_piece(text, m.start(1), m.end(1), [], entities, dates, rules)
    if host is None:
        return None
    return obj, host


def _same_report(a: _Candidate, b: _Candidate, rules: SigningRules) -> bool:
    """"中柬两国签署备忘录" and later "中柬两国签署《关于…的谅解备忘录》": the same parties, the same kind of
    document and no conflicting date make one signing reported twice."""
    pa = {p.text for p in a.parties_a + a.parties_b}
    pb = {p.text for p in b.parties_a + b.parties_b}
    if a.object and b.object and pa and pb and any(x in y or y in x for x in pa for y in pb):
        oa, ob = a.object.strip("《》“”"), b.object.strip("《》“”")
        if oa == ob or re.match(r"(?:该|此|这一?|上述)", ob):  # "祝贺中美签署第一阶段经贸协议", "为中美签署该协议"
            return True
    if not pa or pa != pb or not a.object or not b.object or (a.date and b.date and a.date != b.date):
        return False
    if a.count is not None and b.count is not None and a.count != b.count:
        return False
    oa, ob = a.object.strip("《》“”"), b.object.strip("《》“”")
    noun = next((n for n in rules.agreement_nouns if oa.endswith(n)), None)
    return noun is not None and ob.endswith(noun) and (oa.endswith(ob) or ob.endswith(oa) or noun in ("备忘录", "联合声明"))


def _named(c: _Candidate, rules: SigningRules) -> bool:
    """At least one party that is a name, not a 双方-word left unresolved."""
    return any(p.text not in rules.collective_parties for p in c.parties_a + c.parties_b)


def _pair_before(text: str, s0: int, entities: Sequence[EntityMatch]) -> tuple[list[PartyRef], list[PartyRef]]:
    """The last "A与/和/同/、B" pair of names in the two sentences before s0 (what 双方 points back to)."""
    lo = max(0, text.rfind("。", 0, max(0, text.rfind("。", 0, s0 - 1))) + 1)
    names = [e for e in entities if lo <= e.start and e.end <= s0 and e.label in ("ORG", "GPE", "PERSON")]
    for x, y in zip(reversed(names[:-1]), reversed(names[1:])):
        if text[x.end:y.start] in ("与", "和", "同", "、", "及"):
            longer = NAME_AHEAD.match(text, y.start)  # "北大" found inside "北大荒农垦集团有限公司"
            y_end = longer.end() if longer and longer.end() > y.end else y.end
            return [PartyRef(x.text, x.start, x.end)], [PartyRef(text[y.start:y_end], y.start, y_end)]
    return [], []


def _resolve_collective(cands: list[_Candidate], previous: list[_Candidate], rules: SigningRules,
                        text: str, s0: int, entities: Sequence[EntityMatch]) -> None:
    """双方/两省市签署… takes the parties of the signing or party pair named just before."""
    for c in cands:
        if len(c.parties_a) == 1 and not c.parties_b and c.parties_a[0].text in rules.collective_parties:
            prev = previous[-1] if previous else None
            if prev is not None and prev.parties_a and prev.parties_b and _named(prev, rules):
                c.parties_a, c.parties_b = list(prev.parties_a), list(prev.parties_b)
            else:
                a, b = _pair_before(text, s0, entities)
                if a:
                    c.parties_a, c.parties_b = a, b


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
        _resolve_collective(cands, recent, rules, text, s0, entities)
        cands = [c for c in cands if _named(c, rules) or (c.count is not None and not (c.parties_a or c.parties_b))]
        if not cands:
            continue
        best = max(cands, key=lambda c: (c.score(), c.confidence))
        for other in cands:
            if other is not best:
                best.count = best.count if best.count is not None else other.count
                best.object = best.object or other.object
        recent.append(best)
        parties = {p.text for p in best.parties_a + best.parties_b}
        twin = next((e for e in events if same_event(e.count, e.object, {p.text for p in e.parties_a + e.parties_b},
                                                     best.count, best.object, parties)
                     or _same_report(e, best, rules)), None)
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
