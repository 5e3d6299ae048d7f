"""The kinds of signing report (docs/annotation/signings.md §4.9) and the rules for the ones a plain
"A与B签署X" reading misses: witnessed (两国总理共同见证了…协议的签署), ceremonies (签约仪式在…举行),
listed counterparts (签约9家官方合作伙伴，分别是A、B…) and agreements named in a relative clause
(2018年6月21日签署的…谅解备忘录). Each family's confidence is its precision on dev
(gazetteers/signings/family_confidence.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from zhnews.extractors.signing_window import ArticleIndex
from zhnews.extractors.types import EntityMatch, PartyRef, QuantityMatch
from zhnews.gazetteers.signing_rules import SigningRules

FAMILIES = ("witnessed", "ceremony", "listed", "aggregate", "passive", "direct", "reached")
DEFAULT_CONFIDENCE = 0.5  # a family the table does not list yet: unmeasured
CEREMONY = re.compile(r"”?(?:仪式|会(?!议|谈|见|长|员|计|同|商)|活动)")  # “云签约”活动: the quote closes the trigger
WITNESS_BEFORE = re.compile(r"见证")
# an aggregate: a total over a period or up to now (§4.9, D16)
AGGREGATE_CUE = re.compile(r"截至|截止|累计|以来|全年|近年来|今年|去年|一季度|上半年|前\d+个?月|\d{1,2}[—\-–~至]\d{1,2}月|\d+年(?![\d月])|共计|共|先后|已有|目前"
                           r"|[\d一二三四五六七八九十两几多]+年来|疫情(?:防控)?(?:期间|中)|近期")
RELATIVE_OBJECT = re.compile(r"的([^，。；,;！？]{0,40}?(?:协议|协定|合同|备忘录|条约|议定书|文件|纲领|意向书|项目))")
LISTED = re.compile(r"(?:签约|签下|签署|签订)(?:了)?((?:\d+|[一二三四五六七八九十两]+)(?:家|个|位|名))([^，。；：:、]{1,16}?)"
                    r"[，,]?(?:分别是|分别为|包括|即)[：:]?([^。；]+)")
LISTED_MORE = re.compile(r"以及((?:\d+|[一二三四五六七八九十两]+)(?:家|个|位|名))([^，。；：:、]{1,16}?)[：:]([^。；]+)")
NUMERAL = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True, slots=True)
class Listed:
    """One counted group with its members named: 签约9家官方合作伙伴，分别是…"""

    count: int
    count_span: tuple[int, int]
    members: tuple[PartyRef, ...]
    trigger: tuple[int, int]


def confidence(family: str, rules: SigningRules) -> float:
    return dict(rules.family_confidence).get(family, DEFAULT_CONFIDENCE)


def family_of(text: str, clause_start: int, t0: int, t1: int, rule: str, passive: bool, count: int | None,
              sentence_start: int) -> str:
    """The family of a found trigger, in the guideline's order witnessed > ceremony > … > reached."""
    before = text[clause_start:t0]
    if WITNESS_BEFORE.search(text[max(sentence_start, t0 - 60):t0]):
        return "witnessed"
    if CEREMONY.match(text, t1) or text[t1 - 2:t1] in ("仪式",):
        return "ceremony"
    if count is not None and (count > 1 or not passive) and AGGREGATE_CUE.search(text[sentence_start:t0]):  # one document is no total
        return "aggregate"
    if passive:
        return "passive"
    if rule == "signing.conclude":
        return "reached"
    del before
    return "direct"


def ceremony_noun(text: str, t1: int) -> bool:
    """签约仪式, 签字仪式, 签约会, 签约活动: the ceremony is the reported event (§1)."""
    return bool(CEREMONY.match(text, t1))


def count_between(quantities: Sequence[QuantityMatch], lo: int, hi: int, units: set[str]) -> tuple[int, str | None] | None:
    """"见证…29项双边合作文件的交换签署": the counted documents between the witness verb and the trigger."""
    for q in quantities:
        if lo <= q.start and q.end <= hi and q.unit in units and q.value is not None:
            return int(q.value), q.subject
    return None


def relative_object(text: str, t1: int, s1: int) -> str | None:
    """"签署的合作备忘录", "签订的《…协议》": the agreement a relative clause on the trigger names."""
    m = RELATIVE_OBJECT.match(text, t1, s1)
    if m is None:
        return None
    obj = m.group(1)
    if obj.count("《") > obj.count("》") and text.startswith("》", m.end()):
        obj += "》"
    if obj.count("“") > obj.count("”") and text.startswith("”", m.end()):
        obj += "”"
    obj = re.sub(r"^(?:\d+|[一二三四五六七八九十两]+)(?:个|项|份|件)", "", obj)
    obj = re.sub(r"^(?:两国|双方|这些|一些|相关|有关)", "", obj)
    return obj or None


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if len(s) == 1 and s in NUMERAL:
        return NUMERAL[s]
    if s.startswith("十") and len(s) == 2 and s[1] in NUMERAL:
        return 10 + NUMERAL[s[1]]
    if len(s) == 2 and s[1] == "十" and s[0] in NUMERAL:
        return NUMERAL[s[0]] * 10
    if len(s) == 3 and s[1] == "十" and s[0] in NUMERAL and s[2] in NUMERAL:
        return NUMERAL[s[0]] * 10 + NUMERAL[s[2]]
    return None


def listed_groups(text: str, s0: int, s1: int, index: ArticleIndex) -> list[Listed]:
    """Every counted group whose members are listed after it in the sentence (§4.2 listed family). The
    sentence's names are looked up only once a counted group is found (most sentences have none)."""
    out: list[Listed] = []
    entities: list[EntityMatch] | None = None
    for pattern in (LISTED, LISTED_MORE):
        for m in pattern.finditer(text, s0, s1):
            n = _number(re.sub(r"[家个位名]$", "", m.group(1)))
            if n is None:
                continue
            entities = index.entities.between(s0, s1) if entities is None else entities
            members = _members(text, m.start(3), m.end(3), entities)
            if len(members) < 2 or abs(len(members) - n) > 1:
                continue  # the list must be the counted group, member for member
            trigger = (m.start(), m.start() + 2) if pattern is LISTED else (m.start(), m.start())
            out.append(Listed(n, (m.start(1), m.end(1)), tuple(members), trigger))
    return sorted(out, key=lambda x: x.count_span)


def _members(text: str, a: int, b: int, entities: Sequence[EntityMatch]) -> list[PartyRef]:
    """"中国银行、国航、伊利…": the names of a listed group, split on 、 and 和/及 between whole items."""
    stop = re.search(r"[，,]|以及", text[a:b])
    if stop:
        b = a + stop.start()
    out, pos = [], a
    for m in re.finditer(r"、|和|及", text[a:b]):
        cut = a + m.start()
        if any(e.start < cut < e.end for e in entities):
            continue
        out.append((pos, cut))
        pos = a + m.end()
    out.append((pos, b))
    parties = []
    for p0, p1 in out:
        while p1 > p0 and text[p1 - 1] in "等。 ":
            p1 -= 1
        name = text[p0:p1]
        if 2 <= len(name) <= 20 and "的" not in name:
            parties.append(PartyRef(name, p0, p1))
    return parties


CEREMONY_LEAD = re.compile(r"^.*(?:出席了?|参加了?|举行了?|举办了?|启动了?|召开了?|的|暨|一场|一次|首场|特殊的)")


def ceremony_object(text: str, clause_start: int, t0: int) -> str | None:
    """"深化战略合作签约仪式" -> 深化战略合作: what the ceremony's name says was signed (§4.4), used only
    when nothing else names it."""
    head = CEREMONY_LEAD.sub("", text[clause_start:t0])
    head = re.sub(r"^(?:\d+月\d+日|\d+日|今天|昨天|日前|近日|上午|下午|当天)+", "", head)
    head = re.sub(r"^[“”]?(?:云)?[“”]?$", "", head)  # "启动“云签约”活动": 云 is how it was signed, not what
    return head if 2 <= len(head) <= 24 and not re.search(r"[在于与和同]", head) else None


def witnessed_object(text: str, witness: int, t0: int) -> str | None:
    """"见证了…等多项双边合作协议的签署" -> 双边合作协议: the documents named between the witness verb and
    a nominalised trigger (§4.4: counts, 相关 and a preceding list of fields left out)."""
    seg = text[witness + 2:t0]
    seg = re.sub(r"^(?:了|下)", "", seg)
    seg = re.sub(r"的(?:交换)?$", "", seg)
    if not seg or re.search(r"[，,]", seg):
        return None
    seg = seg[seg.rfind("等") + 1:]
    seg = re.sub(r"^.*?(?:\d+|[一二三四五六七八九十两多]+)(?:项|个|份|件)", "", seg)
    seg = re.sub(r"^(?:一系列|一批|相关|有关|若干)", "", seg)
    seg = re.sub(r"^.*领域", "", seg)
    return seg if 2 <= len(seg) <= 30 and re.search(r"(?:协议|协定|合同|备忘录|文件|纲领|条约|议定书)》?$", seg) else None


SIGNED_FOR = re.compile(r"([^，。；、：]{2,40}?)(?:和|与|同)([^，。；、：]{2,40}?)代表(?:双方|两国|两国政府|各自政府|各方)"
                        r"(?:在[^，。；]{1,20})?(?:签字|签署|签约)")


def signatories(text: str, lo: int, hi: int, entities: Sequence[EntityMatch]) -> list[tuple[PartyRef, str | None]]:
    """"中国驻柬埔寨大使王文天和…布拉索昆代表双方签字": each signatory (the last person named in his
    group) with his title as written before the name (§4.2 Signatories)."""
    m = SIGNED_FOR.search(text, lo, hi)
    if m is None:
        return []
    out = []
    for g in (1, 2):
        a, b = m.start(g), m.end(g)
        people = [e for e in entities if a <= e.start and e.end <= b and e.label == "PERSON"]
        if people:
            person = people[-1]
            name = PartyRef(person.text, person.start, person.end)
        else:  # no person found: the short name closing the group
            tail = re.search(r"[\u4e00-\u9fff·]{2,4}$", text[a:b])
            if tail is None:
                return []
            name = PartyRef(tail.group(0), a + tail.start(), b)
        title = re.sub(r"^(?:由|并|随后|最后|仪式上|会上|现场)", "", text[a:name.start]).strip()
        out.append((name, title or None))
    return out


CN_NUMBER = r"(?:\d+|[一二三四五六七八九十两]+)"
CN_DIGIT = re.compile(r"[\d一二三四五六七八九十两]")  # what a CN_NUMBER starts with
COUNT_AFTER = re.compile(rf"(?:了|下了)?({CN_NUMBER})(?:项|份|个|批)(?!月|小时|多月)")
COUNT_PROJECTS = re.compile(rf"({CN_NUMBER})(?:多|余)?(?:个|项|大)[^，。；、]{{0,14}}?项目(?:相继|集中|先后|已经|已|都|均|全部|陆续|成功)*$")
PROJECT_NEXT = re.compile(rf"[，,]({CN_NUMBER})(?:个|项)[^，。；]{{0,40}}?项目(?:正式|成功|顺利)?(?:落户|落地|入驻|签约)")
COUNTERPARTS = re.compile(rf"(?:与|同|跟|和(?=超过|近|约|\d))[^，。；]*?({CN_NUMBER})(?:多|余)?(?:家|个|所|位|户)(?!月|小时)")


def count_fallback(text: str, c_start: int, t0: int, t1: int, s1: int) -> int | None:
    """The count a quantity extractor may not give: 签署了一项…协议 (1), 17个智能产业项目相继签约落地 (17),
    与…等35家…签署 (one deal per counted counterpart, §4.3)."""
    position = _list_position(text, c_start, t0, t1, s1)
    if position is not None:
        return position
    m = COUNT_AFTER.match(text, t1, s1)
    if m:
        return _number(m.group(1))
    # the two searches of the clause before the trigger both need a number there: most clauses have none
    number_before = CN_DIGIT.search(text, c_start, t0) is not None
    m = COUNT_PROJECTS.search(text, c_start, t0) if number_before else None
    if m:
        return _number(m.group(1))
    m = PROJECT_NEXT.match(text, t1, s1)
    if m:  # "通过视频签约，一个投资20亿元…项目正式落户鹰潭": the project the next clause counts (D29)
        return _number(m.group(1))
    m = COUNTERPARTS.search(text, c_start, t0) if number_before else None
    if m:
        return _number(m.group(1))
    return None


VERB_RUN_BEFORE = re.compile(r"(?:新?[\u4e00-\u9fff]{2}、)*新?$")
VERB_RUN_AFTER = re.compile(r"(?:、新?[\u4e00-\u9fff]{2})+")
RESPECTIVELY = re.compile(rf"分别(?:为|是|达|达到)((?:{CN_NUMBER}(?:多|余)?(?:个|项|家)、?)+)")


def _list_position(text: str, c_start: int, t0: int, t1: int, s1: int) -> int | None:
    """"新签约、新开工、新投产…项目分别为34个、19个、21个": the number at the trigger's place in the list."""
    after = VERB_RUN_AFTER.match(text, t1, s1)
    if after is None and text.find("、", c_start, t0) < 0:
        return None  # no list on either side (the same answer as below, without the slow search for a run)
    before = VERB_RUN_BEFORE.search(text, c_start, t0)
    if after is None and (before is None or "、" not in before.group(0)):
        return None
    index = before.group(0).count("、") if before else 0
    m = RESPECTIVELY.search(text, t1, s1)
    if m is None:
        return None
    numbers = re.findall(rf"({CN_NUMBER})(?:多|余)?(?:个|项|家)", m.group(1))
    return _number(numbers[index]) if index < len(numbers) else None


DOC_NOUN = r"(?:协议|协定|合同|备忘录|意向书|条约|议定书|纲领|框架协议)"
DOC_SUBJECT = re.compile(rf"^([^，。；]{{2,80}}?{DOC_NOUN}[》”]?)((?:今天|昨天|日前|近日|当天|当日|于?(?:\d{{4}}年)?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?)?"
                         r"(?:在[\u4e00-\u9fff]{1,12})?(?:正式|成功|顺利|共同)?)$")


def document_subject(text: str, c_start: int, t0: int) -> tuple[str, int, int] | None:
    """"…合作备忘录暨…合作备忘录今天在上海签署": the documents are the subject (passive, §4.9): the object,
    how many (each part joined by 暨/和/及 is one document) and where the subject starts."""
    m = DOC_SUBJECT.match(text[c_start:t0])
    if m is None or re.search(r"(?:与|同|和)[^，。；]{0,20}(?:签|达成)", m.group(1)):
        return None
    subject = re.sub(r"^(?:在|于|自|从)?(?:该|此|这份|这项|有关|相关)?", "", m.group(1))  # "在大湾区建设框架协议签订…后"
    parts = [p for p in re.split(r"暨|以及|和|及", subject) if p]
    count = len(parts) if all(re.search(rf"{DOC_NOUN}[》”]?$", p) for p in parts) else 1
    return subject, count, c_start + m.start(1)


TITLE_NAMES = re.compile(r"《([\u4e00-\u9fff]{2,10}?)(?:—|–|-|和|与)([\u4e00-\u9fff]{2,10}?)"
                         r"(?:经济|合作|关于|发展|自由|投资|全面|战略|友好|间|两国)")


def title_parties(text: str, lo: int, hi: int) -> list[PartyRef]:
    """"《中国—太平洋岛国经济发展合作行动纲领》" -> 中国, 太平洋岛国: the bodies a title names are the parties
    when the evidence names no signer (§4.2 Names in the agreement title)."""
    m = TITLE_NAMES.search(text, lo, hi)
    if m is None:
        return []
    return [PartyRef(m.group(1), m.start(1), m.end(1)), PartyRef(m.group(2), m.start(2), m.end(2))]
