"""Agreement signings: who signed what with whom, how many, when and where.

A signing is a trigger verb (gazetteers/signings/triggers.tsv) in a sentence that reports it as
done, not planned, habitual or a service sign-up (not_signing.tsv). Parties come from the clause
before the trigger ("A、B等6所…与C、D等签订"), the count and object from the quantity after it
("9个国际化合作项目") or before it ("10个重点项目集中签约"), date and place from the sentence or,
failing that, from the article's event ("12月11日至12日…在永川召开").

Beside it (issue 16): signing_families.py (witnessed, ceremony, listed, aggregate, passive reports and each
family's confidence), signing_parties.py (pair abbreviations, generic and carried parties, the record
types), signing_merge.py (one event reported twice, 双方 resolved), signing_window.py (linear time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from zhnews.extractors import signing_families as fam
from zhnews.extractors.signing_parties import (
    COUNTED, GENERIC_PARTY, NUMERAL, Signatory, SigningEvent, SigningParty, carried, earlier_pair, expand_all, name_id, pair_in, pair_names,
    pronoun_name,
)
from zhnews.extractors.signing_merge import (  # noqa: F401  (same_event, merge_across: used by pipeline)
    _merge, _named, _resolve_collective, _same_report, merge_across, same_event,
)
from zhnews.extractors.signing_window import ArticleIndex, window
from zhnews.extractors.types import DateMatch, EntityMatch, PartyRef, QuantityMatch, SigningMatch
from zhnews.gazetteers.signing_rules import SigningRules, load_signing_rules

SENTENCE = re.compile(r"[^。！？!?\n；;]+[。！？!?；;]?")
CLAUSE_BREAK = set("，,：:")


def _last_break(text: str, start: int = 0, end: int | None = None) -> int:
    """Where the last CLAUSE_BREAK character of text[start:end] is (-1: none): its four finds written out, because
    this runs several times per trigger and a generator over the set cost more than the finds themselves."""
    end = len(text) if end is None else end
    return max(text.rfind("，", start, end), text.rfind(",", start, end), text.rfind("：", start, end),
               text.rfind(":", start, end))


OPENERS, CLOSERS = "(（《“「『[", ")）》”」』]"
OPENER = re.compile(f"[{re.escape(OPENERS)}]")
CONNECTORS = ("(?<![参给赋授])与", "(?<![共相协合认赞不如陪连])同(?!时|意|样|期|步|比|一|类)", "跟", "携手")
# the connectors as _parties tries them, 和 last (compiled once: looking each up in re's cache cost per trigger)
CONNECTOR_PATTERNS = tuple(re.compile(c) for c in CONNECTORS + ("和",))
LIST_SPLIT = re.compile(r"、|以及|及|和|并(?!且|将|于|在|与|同|签|举|共|就)")
# a ministry whose name lists its portfolios ("尼泊尔文化、旅游、民航部"): pieces before the head are no names
SHARED_HEAD = re.compile(r"(?:部|厅|局|委|委员会|管委会|署|办)$")
LEADING_ADVERBIALS = re.compile(
    r"^(?:(?:根据|按照|依据|是继|标志着|当天|当日|今天|今日|昨天|昨日|日前|近日|最近|目前|此前|随后|同时|其中|会上|会议期间|活动上|活动中|仪式上|"
    r"现场|此次|本次|这次|期间|上午|下午|晚上|此外|另外(?![\d一二三四五六七八九十两几])|据悉|据了解|据介绍|值得一提的是|值得关注的是|特别是|尤其是|比如|例如|譬如|"
    r"前不久|再一次|再度|促成(?:了)?|组织(?:了)?|推动|引导|鼓励|[\d一二三四五六七八九十两几多]+年来|【[^】]{0,8}】|"
    r"截至目前|先后|相继|全年|只用|仅用|很高兴|高兴|已有(?=超过|近|约|[\d一二三四五六七八九十两几多])|有(?=[\d一二三四五六七八九十两几多])|当地时间|尽管|虽然|由于|随着|近年来|去年以来|今年以来|以来|首先|最终|最后|后来|同年|次年|当年|"
    r"自|从|于|并|而|又|还|也|已经|已)[，,]?)+"
)
# the same adverbials matched at a position (pattern.match(text, pos)): "^" only matches at the string's real start
LEADING_ADVERBIALS_AT = re.compile(LEADING_ADVERBIALS.pattern.removeprefix("^"))
# words that end a party name inside the clause: what follows them is adverbial ("华为在全球", "敦煌研究院还同时")
# a body's name opening a clause, up to the clause's first verb (PARTY_CUT): a found name or not
HEAD_BODY = re.compile(r"[\u4e00-\u9fff]{1,10}(?:党|委员会|协会|学会|商会|联合会|公司|集团|大学|学院|医院|银行|政府|研究院|研究所)")
HEAD_NAME = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?=先后|已经|已|共|累计|还|也|又|在|于|与|同|和|，)")
# Every alternative starts with a literal character (a lookbehind is written after its character: 新(?<=[市省区县]新)
# is (?<=[市省区县])新): the regex engine then jumps to the positions holding one of those characters instead of
# trying ~90 alternatives at every position, ten times faster on a name (issue 18); keep it so when adding words.
PARTY_CUT = re.compile(r"新(?<=[市省区县]新)$|是(?=首|第一|唯一)|成为|完成|目前|如今|最新|最近|同意|在|于|将|累计|共计|全年|日前|不久前|近日|重组|欢迎|已经|已|均|都|也|还|则|又|共同|分别|正式|先后|相继|就(?!业)|一次性|同时|主动|采取|通过|"
                       r"现场|当场|首次|再次|顺利|成功|携手|代表|举行|共建|达成|正在|紧锣密鼓|积极|加快|纷纷|陆续|一起|一道|"
                       r"联合|再度|曾经|曾|早在|率先|专门|亲自|参与|最终|终于|对(?<![\d一二三四五六七八九十两]对)(?!立|口)|向|为|从|以(?!及)|按|把|被|让|给|由|会谈|会见|共$|"
                       r"即$|前不久|横向|第一个|一次(?<![再第这那]一次)(?!性)|合作$|启动|举行|举办|探索$|深化$|加强$|拓展$")
# "X旗下Y", "X下属Y", "《协议》是Y": what stands before these is the owner or the topic, Y the signer
OWNED_BY = re.compile(r"旗下|下属|(?<=》)是")
# an anonymised person ("方某", "孙某"), the name a legal report gives
ANONYMISED = re.compile(r"(?<![\u4e00-\u9fff]某)[\u4e00-\u9fff]某(?=[\u4e00-\u9fff]?$)")
# what was signed, read as a signer ("沪渝直达快线”合作备忘录暨…今天在上海签署"): the document is the subject
DOCUMENT_IN = re.compile(r"备忘|协议|协定|议定书|条约")
# "签约仪式上": the occasion opening the clause, never a party
OCCASION = re.compile(r"仪式|签约会|签约活动|[会场坛节展]上$")
BODY_END = r"(?:公司|集团|大学|学院|医院|银行|政府|委员会|局|厅|部|院|所|中心|协会|区|县|市|省|州|国|委|行|盟|组织|商会)"
JOINED_NAMES = re.compile(rf"([\u4e00-\u9fff]{{2,20}}?{BODY_END}|[\u4e00-\u9fff]国)(?:与|同|跟|和)([\u4e00-\u9fff]{{2,20}}{BODY_END})")
JOINED_ANAPHOR = re.compile(r"(?:与|同|和|跟)(?:该|其|这|此)")
# "最大的银行瑞穗银行": a kind, then a name of that kind (the description before it ends in 的)
APPOSED_KIND = re.compile(r"(银行|公司|集团|大学|医院|企业|机构)([\u4e00-\u9fff]{2,12}\1)")
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
PRIVATE = re.compile(r"(?:户|村民|农民|居民|群众|职工|员工|个人|患者|家长|老总|老板|承包人)$|^某[人方]?$")
# a dateline opening the article ("本报合肥2月18日电  （记者徐靖）"): not part of the first clause
# anchored by .match(text, pos) at every use: a "^" would only ever match at 0, losing the datelines of
# stories that start mid-page ("…显著本报南宁2月25日电 （记者…）")
DATELINE = re.compile(r"[^，。；]{0,24}?日电(?![话视脑器子力网影池])\s*(?:[（(][^）)]{0,30}[）)])?\s*|\s*[（(][^）)]{0,20}记者[^）)]{0,20}[）)]\s*")
# "X项目签约落户Y": the project that lands and the place that hosts it
LANDING = {"签约落户", "签约落地", "签约入驻"}
HOST = re.compile(r"(?:在|于|到)?([\u4e00-\u9fff]{2,20}?)(?=[，。；,;！？!?]|(?:之|以)?后|$)")
COLLECTIVE_TAIL = re.compile(r"(?:两|三|四|双)(?:市|省|地|区|县|国|方|校|家)(?:政府)?$")  # 葡萄牙两国政府 -> 葡萄牙 (D28)
PLACE_NOT = re.compile(r"[上中内里下外]$|期间|现场|仪式|会议|会上|活动|当天|当地|此|该|本|这|那|其")
NOUN_USE = re.compile(r"仪式|活动|大会|会|现场|大厅")
ATTEND = re.compile(r"出席|参加|见证|观看|目睹|参与")
# "签署中国国家监察委员会与哈反腐败署合作谅解备忘录": a document named after the two bodies that sign it
BODY_HEAD = r"(?:政府|委员会|部|局|署|厅)"
OBJECT_BODIES = re.compile(rf"《?([\u4e00-\u9fff]{{2,12}}?{BODY_HEAD})(?:和|与|—)([\u4e00-\u9fff]{{2,12}}?{BODY_HEAD})"
                           r"(?=[\u4e00-\u9fff]{0,30}(?:协议|协定|备忘录|纪要|合同|议定书))")
AS_WRITTEN_NOT = re.compile(r"第三|对方|其|该|这|那|他|她|它|谁|自己|本人|个人|他人|别人|外方|业主|往年|去年|此前|以往|过去")
# what ends a verb phrase, not a counterpart ("与往年相比", "与对方洽谈后"): no party as written
AS_WRITTEN_VERB = re.compile(r"(?:相比|同比|比较|一道|一起|共同|联手|对接|洽谈|会谈|交流|沟通|协商|商谈|见面|相关)$|[了过着]")
BOTH_SIDES = re.compile(r"(?:会上|会后|会谈后|此外|同时)?[，,]?(双方|两国)(?!企业|人民|关系|之间|的)")
# "X举行了一场…签约仪式", "X启动“云签约”活动": X hosts (and signs at) its own ceremony
HOSTED_BY = re.compile(r"(?:举行|举办|启动|开展)(?:了)?(?:一场|一次|首场)?[^，。；举办行]{0,10}$")
# leaders attending a signing ceremony ("韩正和王瑞杰共同出席了…签字仪式"): witnesses of a bilateral occasion (D4)
ATTENDED = re.compile(r"(?:共同|一同|一起)?出席(?:了)?")
COUNTRY_PAIR = re.compile(r"^[中美俄英法德日韩印巴越老柬泰缅菲马新澳加意西葡希蒙哈吉塔乌土伊埃南尼][\u4e00-\u9fff]$")
WITNESS = re.compile(r"见证(?:了|下)?$")
QUANTITY_NAME = re.compile(r"^[\d０-９一二三四五六七八九十百千万两几多]+[多余]?[家个所位名批]")
MODIFIERS = r"(?:正式|共同|现场|分别|集中|顺利|当场|成功|已经|已|也|还|又|再|一起|相继|先后|陆续|于\S{0,8}?)"
_MODIFIER_WORDS = ("正式", "共同", "现场", "分别", "集中", "顺利", "当场", "成功", "已经", "已", "也", "还", "又", "再",
                   "一起", "相继", "先后", "陆续")


class WordRun:
    """``(?:w1|w2|…|于\\S{0,8}?)*`` matched by reachability over positions, not by backtracking: linear in the
    text, where the regex form takes exponential time on "刚刚刚…好" (刚刚 vs 刚+刚, 于 plus any characters)."""

    def __init__(self, words: Sequence[str], spans: Sequence[tuple[str, str, int, int]] = (("于", r"\S", 0, 8),)) -> None:
        self.words = tuple(words)
        self.spans = tuple((lead, re.compile(cls), lo, hi) for lead, cls, lo, hi in spans)  # lead, one char, min, max

    def _ends(self, s: str, i: int, end: int) -> set[int]:
        """Where one word or span that starts at ``i`` may end (never past ``end``)."""
        out = {i + len(w) for w in self.words if s.startswith(w, i, end)}
        for lead, cls, lo, hi in self.spans:
            if s.startswith(lead, i, end):
                j = i + len(lead)
                for k in range(hi + 1):
                    if k >= lo:
                        out.add(j + k)
                    if j + k >= end or not cls.match(s[j + k]):
                        break
        return out

    def _reach(self, s: str, start: int, end: int, targets: set[int]) -> list[bool]:
        """``ok[i - start]``: the run can go from ``i`` to one of ``targets``."""
        ok = [False] * (end - start + 1)
        for i in range(end, start - 1, -1):
            ok[i - start] = i in targets or any(ok[j - start] for j in self._ends(s, i, end))
        return ok

    def fullmatch(self, s: str) -> bool:
        return self._reach(s, 0, len(s), {len(s)})[0]

    def trailing(self, s: str, start: int, end: int, lead: str = "") -> int:
        """Where the run (after an optional ``lead``) that ends ``s[start:end]`` begins, as ``re.search`` of
        ``(?:lead)?(?:…)*$`` would find it: the leftmost such start (``end`` when none)."""
        targets = {end} | ({end - 1} if end > start and s[end - 1] == "\n" else set())
        ok = self._reach(s, start, end, targets)
        for i in range(start, end + 1):
            if ok[i - start] or lead and s.startswith(lead, i, end) and ok[i + len(lead) - start]:
                return i
        return end


MODIFIER_RUN = WordRun(_MODIFIER_WORDS)
# what may stand between a 《title》 and its trigger: a time, a place (在重庆), modifiers
TITLE_GAP = WordRun(("日前", "近日", "当天", "当日", "今天", "昨天") + _MODIFIER_WORDS,
                    (("在", r"[\u4e00-\u9fff]", 1, 8), ("于", r"\S", 0, 8)))
# a list of short names only (no verb, no comma): "上海中山、华山" before 等20家
LIST_HEAD = re.compile(r"[\u4e00-\u9fffA-Za-z“”]{2,6}(?:、[\u4e00-\u9fffA-Za-z“”]{2,6}){1,8}")
GROUP_COUNT = re.compile(r"等(?:\d+|[一二三四五六七八九十两]+)(?:多|余)?(?:所|家|个|方|位|名|地|国|省|市|区|县)")
AFTER_TRIGGER_SKIP = re.compile(r"(?:了|下了|订了|署了|成|完成|完毕)?(?:其中)?")
TITLE = re.compile(r"《([^》]{1,60})》")
EVENT_PLACE = re.compile(r"(?<![现正存实好所自内])在([\u4e00-\u9fff]{1,8}?)(?:正式|隆重|顺利|成功)?(?:召开|举行|举办|开幕|成立|开展|启动|签约|签署|签订)")
DOC_UNITS = {"份", "项", "个", "批", "件", "部", "单"}
BEFORE_REACH = 96  # how far back a "before" veto (将, 拟, 未 …) can sit, 与-phrase included
MAX_TRIGGERS = 32  # a sentence gives one event; prose never has this many triggers (100 KB of 签约 has 50,000)
BACK_REFERENCE = re.compile(r"(?:此次|本次|这次|该次|仪式上|会上)$")
RELATIVE_COUNT = re.compile(r"的(\d+)(?:个|项|份|件)")
VAGUE_DATE = re.compile(r"日前|近日|前不久|不久前")
AT_CEREMONY = re.compile(r"(?:在)?(?:本次|此次|这次)?[^，。；]{0,16}?(?:仪式|签约会|签约活动)(?:上|中|现场)")
RECENT_EVENTS = 64  # a twin is looked for among this many latest events (bounded cost per sentence)
TITLED = re.compile(r"(?:领导人|主席|总统|总理|首相|部长|外长|市长|省长|书记|主任|局长|厅长|董事长|总经理|总裁|院长|校长|会长|大使|代表)$")
# a quoted first person as a side ("“我们与建设方签订了合同…”X说"), resolved from the attribution
FIRST_PERSON = re.compile(r"[“\s]*(?:我们|咱们)(?:公司|集团|村)?[^，。；“”与同和跟]{0,12}?(?:与|同|和|跟)")
# a clause whose signer is not written: it opens with the connector, after adverbs only ("还再一次和X签订")
SUBJECTLESS = re.compile(r"(?:并|还|又|也|再一次|再次|已经|已|随后|同时|曾)*(?:与|同|跟|和)")
BRAND_AFTER = re.compile(r"(?:能源|科技|集团|公司|股份|控股|实业|电子|电气|化工|药业|医药|传媒|物流|地产|汽车)+")
KIND_BEFORE_LATIN = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:公司|企业|机构|集团)(?=[A-Za-z])")
# "2024年巴黎奥运会组委会": the year is part of the games' name, not a date to cut from the party
GAMES_YEAR = re.compile(r"\d{4}年")
GAMES = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:奥运会|冬奥会|残奥会|亚运会|青奥会|冬青奥会|大运会|世博会|园博会|世界杯)")
_WORDS = load_signing_rules()  # the new families' word lists (gazetteers/signings/family_words.tsv)
# what may stand before a trigger whose signer is not written at all ("现在已经", "当天即", "重新"), dates removed
UNWRITTEN_LEAD = WordRun(_WORDS.words("unwritten_lead") + _MODIFIER_WORDS)
WE_LEAD = re.compile(r"(?:我们|咱们)")
ETC = re.compile(rf"(?<![{''.join(_WORDS.words('not_etc_before'))}])等(?!级|同|于)")
ADMIN_LEVEL = re.compile(rf"[{''.join(_WORDS.words('admin_levels'))}](?:[（(、]|$)")  # 区、县（市）: levels, not names
LEVEL_CHARS = frozenset("".join(_WORDS.words("admin_levels")))
# a signing told as a noun whose project or agreement is named before it, after a verb of completion
NOMINAL_SIGNING = re.compile(rf"(?:{'|'.join(_WORDS.words('nominal_verbs'))})了?(?P<obj>[^，。；的]{{2,30}}?(?:项目|协议|合同|备忘录))的(?:正式)?$"
                             r"|(?:一些|一批|多个|多项)(?P<subj>[^，。；的]{2,16}?项目)(?:实现|完成)(?:了)?$")
NOMINAL_NOT = re.compile("|".join(_WORDS.words("nominal_not")))
QUOTE_SIGNED = re.compile(r"(?:了|下了)?(?:一份|一项|一纸)?[\u4e00-\u9fff]{0,6}?(?:协议|合同)")
APPROX = re.compile(f"(?:{'|'.join(_WORDS.words('approximations'))})")
UNWRITTEN_NOT = re.compile(r"[和、与及]|[^，。；！？]{0,24}?(?:前|后|时|之际|以来)(?:[，,]|$)")
# a time clause holding the signing ("自2016年1月与X签署…以来，", "在与X签约后，"): its signer opens the main clause
SINCE_OPEN = re.compile(r"(?:自从|自|在)(?!于)[^，,。；“”]{0,16}?(?:与|同|跟)")
SINCE_CLOSE = re.compile(r"[^，,。；“”]{0,30}?(?:以来|之后|后)[，,]")
# "美国已有3个地方政府", "全市共有12家企业": a place that only frames a counted group of signers (§4.2)
_COUNT_FIRST = "[\\d０-９一二三四五六七八九十百两几]"  # how a number starts
HAS_COUNTED = re.compile(rf"[\u4e00-\u9fff]{{1,12}}?(?:已经|已|共|累计|目前)?(?<![拥具占享持所没])有(?={_COUNT_FIRST})")
# what HAS_COUNTED needs somewhere in the clause: a cheap test first (有 alone is in every 有限公司)
HAS_NUMBER = re.compile(f"有{_COUNT_FIRST}")
PERSON_CLAUSES = 3  # how many earlier clauses of the sentence a subjectless 与-clause looks back for its person
SEAT = re.compile(r"(?:[\u4e00-\u9fff]{2}区域)?总部$")  # a project that is a firm's seat: the firm is the party
QUOTED_WE = re.compile(r"[“，,]\s*(?:我们|咱们)(?![^，,]*[与同和跟])")
SAYS = re.compile(r"说|告诉记者|表示|介绍|感慨|坦言")
# a quote opening on the signing with no subject ("“只用一天就签订了…”X公司的Y感慨"): the speaker's body signed
QUOTED_BARE = re.compile(r"“[^，。；“”]{0,8}?(?:就|已经|已|刚刚|刚|终于)?")
SPEAKER_REACH = 240
# "香港各界扶贫促进会会长…说": a found place that only heads the speaker's body, the body written on to a
# boundary (an adverb, a connector, a comma or a title); no verb or 的 inside (PLACE_BODY_NOT)
PLACE_BODY = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:港|促进会|协会|学会|商会|联合会|基金会|委员会|总会|公司|集团|大学|学院|医院|银行|研究院|研究所)"
    r"(?=不断|先后|已经|已|共|累计|还|也|又|在|于|与|同|和|将|积极|正式|[，、,]|(?:党委|常务|执行|首席)?副?(?:会长|主席|理事长|秘书长|"
    r"总经理|董事长|院长|校长|主任|书记|负责人|所长|总裁|经理|行长))")
PLACE_BODY_NOT = re.compile(r"[的和与同及或是在为等家设成立添开首这那该其到至]")
COUNTED_OF = re.compile(r"^[^的]{2,24}等(?:地|国|市|省)的[^的]{2,12}$|^[\d一二三四五六七八九十两]+[多余]?个[^的]{1,8}的[\d一二三四五六七八九十两]+[多余]?[个家所]")
# a clause that opens on its counterpart, its signer left to the sentence before ("与菲律宾…签订了…")
OMITTED_SUBJECT = re.compile(r"(?:并|还|也|又|同时|此外|另外|先后|相继|已|已经|分别)*[，,]?(?:与|同|跟)")
# a counted group after a 的-modifier ("来自上海和苏州的两家企业"): one generic party, whatever the modifier lists
DESCRIBED_COUNT = re.compile(r"^[^的，,]{2,16}的(?=" + COUNTED.pattern.removeprefix("^") + r")[^的，,]{3,12}$")
PROJECT_COUNT = re.compile(r"[\d一二三四五六七八九十百两]+[多余]?个[^，。；]{0,10}项目")
COMPANY_HEAD = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:集团|公司)(?=[\u4e00-\u9fff]{2,}(?:总部|分公司|中心|基地|项目)$)")
# "与中电科、中科曙光…等国内知名企业集团": the names before 等 + a kind are examples, names even when short
KIND_GROUP = re.compile(r"(?<![高中初平同优上])等(?![地国市省]的)(?=[\u4e00-\u9fff]{0,8}?(?:企业集团|企业|公司|集团|国家|高校|院校|机构|银行|平台)$)")
SUBJECT_TAIL = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)]|政府(?!部门)")
ROLE_PREFIX = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:运营方|合作方|承建方|投资方|建设方|开发商|供应商|承包商|经销商)")
OPENER_REACH = 1500
TOPIC_REACH = 600  # how far back an unwritten signer's body may be named (an anaphor's: the same)
# a signer written only as a pronoun or a bare kind ("公司与另外两家农资公司", "全市新签约", "合作社与…")
ANAPHOR = re.compile(r"(?:我们|咱们|该|本|我|全)?(?P<head>公司|集团|合作社|协会|市|县|省|区|镇|村|村里)")  # how far back the place a statistic is about may be named
PAIR_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:两国|双方|三国)")
RECENT_ADVERB = re.compile(r"(?:最新|最近|此前|日前|近日|先前|已经|已|曾经|曾)$")
PROVINCE_FIRST = re.compile(r"[\u4e00-\u9fff]{2,3}省([\u4e00-\u9fff]{2,3})")
# counted counterparts right after the trigger: the bodies signed with, not what was signed (§4.3)
COUNTED_AFTER = re.compile(r"(?:了)?([\d一二三四五六七八九十两]+[多余]?(?:家|个|所)[^，。；\d]{1,24}?(企业|公司|机构|高校|院校|银行|医院|学校))(?=[，。；]|$)")
TITLE_ONLY = re.compile(r"《[^》]{1,40}》")
ADVERB_BEFORE_AND = re.compile(r"已经|已|也|还|又|曾经|曾|均|都|先后|相继|分别|正式|首次|再次|率先")
CONCLUDE = re.compile(r"达成(?:了)?([^，。；,]{0,20}?(?:协议|协定|合同|条约|议定书|备忘录))")
TITLE_HEAD = re.compile(r"[“《]?([\u4e00-\u9fff]{2})")  # the first two characters of a document's title
CONNECTOR_CHAR = re.compile(r"[与同和跟及]")
PARTICIPATE_END = re.compile(r"参与$")
AT = re.compile(r"在")
MODIFIER_OR_AND = re.compile(rf"{MODIFIERS}|并|还|又")
JOINED_PREDICATE = re.compile(r"(?:并|还|又|随后)")
OBJECT_PHRASE = re.compile(r"[^，。；,;！？!?]{1,30}")  # what follows the trigger up to the clause's end


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
    family: str = "direct"
    signatories: list[tuple[PartyRef, str | None]] = field(default_factory=list)
    back_reference: bool = False  # "此次签约的19个项目": the event reported just before, again
    omitted_subject: bool = False  # "与菲律宾…等国家签订了…" opens its sentence: the signer is the last sentence's
    own_date: str | None = None  # a calendar date written right before the trigger ("2018年6月21日签署的…")
    # the signer is not written here ("与X签订" opening a clause, "我们与X", "公司与X"): the body the text is
    # about, carried (§4.2); the head it must end with ("" for any body) and where the clause starts
    subject_head: str | None = None
    clause_start: int = 0

    def score(self) -> int:
        return 2 * bool(self.parties_a or self.parties_b) + bool(self.parties_b) + 2 * (self.count is not None) + bool(self.object)


def _compiled(rules: SigningRules) -> dict[str, object]:
    """Patterns built from the rules, kept beside them (hashing the rules per trigger would cost more
    than the search: lru_cache hashes every pattern of every veto)."""
    key = id(rules)
    if _COMPILED.get("key") != key:
        _COMPILED.clear()
        _COMPILED.update(key=key, triggers=_trigger_regex(rules), before=_before_vetoes(rules),
                         by_text={t.text: t for t in rules.triggers}, **_vetoes_by_where(rules))
    return _COMPILED


_COMPILED: dict[str, object] = {}


def _trigger_regex(rules: SigningRules) -> re.Pattern:
    """A trigger that ends in 签 (新签, 签了) never takes the 签 of a longer one (新签约 is 签约)."""
    return re.compile("|".join(re.escape(t.text) + ("(?![约订署字下])" if t.text.endswith("签") else "")
                               for t in rules.triggers))


def _before_vetoes(rules: SigningRules) -> tuple[re.Pattern, ...]:
    """The ``before`` vetoes, each allowed a 与/于/在 phrase and modifiers between it and the trigger."""
    tail = rf"(?:与[^，。；,]{{0,40}}|于[^，。；,]{{0,10}}|在[^，。；,]{{0,12}})?{MODIFIERS}*$"
    return tuple(re.compile(v.pattern.pattern + tail) for v in rules.vetoes if v.where == "before")


def _vetoes_by_where(rules: SigningRules) -> dict[str, tuple[re.Pattern, ...]]:
    """The patterns of the vetoes other than ``before``, by where they look (``where_after`` …): each trigger
    then tries only the vetoes of each place, without testing every veto's kind."""
    wheres = ("after", "rightbefore", "clause", "leftsentence", "sentence")
    return {f"where_{w}": tuple(v.pattern for v in rules.vetoes if v.where == w) for w in wheres}


def _sentence_vetoed(sentence: str, rules: SigningRules) -> bool:
    """A ``sentence`` veto rules out every trigger of the sentence: checked once, not per trigger."""
    return any(p.search(sentence) for p in _compiled(rules)["where_sentence"])


def _vetoed(sentence: str, t0: int, t1: int, rules: SigningRules, relative: bool = False) -> bool:
    """``sentence`` is the trigger's window (signing_window.window), so the cost per trigger is bounded.
    ``relative``: the trigger opens a relative clause on a named agreement (签署的…备忘录): the vetoes
    after it (签署的… as a relative clause) do not apply."""
    left, right = sentence[:t0], sentence[t1:]
    if relative:  # "双方将在2018年6月21日签署的《…》基础上": 将 is the main verb's; only the relative clause counts
        cut = max(left.rfind(w) for w in ("按照", "根据", "依据", "在", "忆及", "对"))
        left = left[cut:] if cut >= 0 else left
    clause = left[_last_break(left) + 1:]
    near = left[-BEFORE_REACH:]  # 8 characters, a 与/于/在 phrase and modifiers: never more than this
    compiled = _compiled(rules)
    if any(p.search(near) for p in compiled["before"]):
        return True
    if not relative and any(p.match(right) for p in compiled["where_after"]):
        return True
    if any(p.search(left[-16:]) for p in compiled["where_rightbefore"]) and not (
            left.endswith("“") and (sentence[t0:t1].endswith("了") or right.startswith(("了", "下了")))
            and QUOTE_SIGNED.match(right)):  # "“签了协议，今年种得安心": a quote on a deal done
        return True
    return any(p.search(clause) for p in compiled["where_clause"]) or any(p.search(left) for p in compiled["where_leftsentence"])


def _etc(text: str, a: int, b: int) -> int:
    """Where 等 ("and others") closes a list in [a, b), -1 if none: 高等院校, 中等, 平等 are words, not lists."""
    m = ETC.search(text, a, b)
    return m.start() if m else -1


def _depth_ok(text: str, pos: int) -> bool:
    """True when pos is outside brackets and quotes within text."""
    if OPENER.search(text, 0, pos) is None:
        return True  # no bracket or quote opened before pos (the usual case), without a loop over the characters
    depth = 0
    for ch in text[:pos]:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
    return depth == 0


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    for a, b in spans:  # a loop, not any(generator): called for every cut point of every party
        if a < pos < b or a == pos and b > pos + 1:
            return True
    return False


def _clause_start(text: str, s0: int, t0: int) -> int:
    """Start of the clause holding t0: after the last comma or colon outside brackets (quotes do not count,
    since reporters quote names but also open quotes they never close within the clause)."""
    last = _last_break(text, s0, t0)
    tail = text[max(s0, last):t0]
    if ")" not in tail and "）" not in tail and "》" not in tail:  # fast path (C-speed finds): no bracket can hide the last break
        return last + 1 if last >= s0 else s0
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
                 rules: SigningRules, lone: bool = False, short_ok: bool = False) -> PartyRef | None:
    """One party from one list item, with dates, adverbials and trailing modifiers cut away; None when
    what is left does not look like a name (an entity, a name suffix, a 中尼-style pair, a 双方-word)."""
    cuts: list[tuple[int, int]] = []
    if dates:  # tested first: most pieces have no date near them, and the sort below is then wasted
        cuts = sorted((max(d.start, a), min(d.end - (d.text.endswith(("月中", "年中")) and COUNTRY_PAIR.match(text[d.end - 1:d.end + 1])
                                                  is not None), b)) for d in dates if d.start < b and d.end > a
                      and not (GAMES_YEAR.fullmatch(d.text) and GAMES.match(text, d.end, b)))
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
    dash = text.rfind("——", a, b)
    if dash >= 0 and b - dash - 2 >= 2 and not _inside(protected, dash):
        a = dash + 2  # "…的企业——美国独资公司ATI工业自动化公司": the name after the dash of an apposition
    lead = LEADING_ADVERBIALS_AT.match(text, a, b)  # at the position: no slice (twice per trigger)
    if lead:
        a = lead.end()
    owned = OWNED_BY.search(text, a, b)
    if owned and not _inside(protected, owned.start()) and b - owned.end() >= 2:
        a = owned.end()  # "国家电网公司下属中国电力技术装备公司": the subsidiary signed, not its owner
    for m in PARTY_CUT.finditer(text, a, b):
        if m.start() > a and not _inside(protected, m.start()):
            b = m.start()
            break
    k = _etc(text, a, b)
    if k > a and not _inside(protected, k):
        b = k
    while a < b and (text[a].isspace() or not (text[a].isalnum() or text[a] in "《(（")):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "“「‘\"'" or text[b - 1] in "”」’" and "“「‘"[
            "”」’".index(text[b - 1])] not in text[a:b]):  # "“京东商城”等": the quote closing before 等
        b -= 1
    tail = COLLECTIVE_TAIL.search(text, a, b)
    if tail and tail.start() > a + 1:  # "佛山两市" -> 佛山
        b = tail.start()
    role = ROLE_PREFIX.match(text, a, b)
    if role and b - role.end() >= 2:  # "剧院运营方中演院线": the name after its role
        a = role.end()
        if 2 <= b - a <= 8 and "的" not in text[a:b]:
            return PartyRef(text[a:b], a, b)
    apposed = KIND_BEFORE_LATIN.match(text, a, b)
    if apposed and b - apposed.end() >= 2:  # "国际油田服务公司Eriell集团": the name after its description
        a = apposed.end()
    anonymised = ANONYMISED.search(text, a, b)
    if anonymised and anonymised.start() > a and anonymised.end() == b:  # "月嫂方某": the person, not her trade
        return PartyRef(anonymised.group(0), anonymised.start(), b)
    person = next((e for e in entities if e.label == "PERSON" and e.end == b and a < e.start), None)
    quoted = text.find("“", a + 2, b)
    if quoted > 0 and any(e.start == a and e.end == quoted and e.label == "ORG" for e in entities):
        b = quoted  # "比亚迪“云轨”“云巴”": the company, not its products
    if person is not None and TITLED.search(text, a, person.start):  # "民族团结政府领导人萨拉杰": the person
        a = person.start
    after_place = False
    if "的" in text[a:b]:
        tail_entity = next((e for e in entities if e.end == b and a < e.start and "的" not in e.text
                            and e.label in ("ORG", "GPE")), None)
        k = text.find("的", a, b)
        if tail_entity is not None:
            a = tail_entity.start
        elif TITLE_ONLY.fullmatch(text, k + 1, b):  # "出版社的《…百科全书》与…达成": the body whose work it is
            b = k
        elif any(e.start == a and e.end == k and e.label in ("GPE", "LOC") for e in entities) and "的" not in text[k + 1:b]:
            a, after_place = k + 1, True  # "中国的马蜂窝旅游网": the name after the place
        elif (kind := APPOSED_KIND.fullmatch(text, text.rfind("的", a, b) + 1, b)) is not None:
            a, b = kind.start(2), kind.end(2)  # "日本最大的银行瑞穗银行": the name after its description
            return PartyRef(text[a:b], a, b)
    name = text[a:b]
    if name.startswith("该") and 3 <= len(name) <= 8:  # "同该出版社签订": the body of that kind named just before
        named_before = [e for e in entities if e.end <= a and e.label == "ORG" and e.text.endswith(name[1:])]
        if named_before:
            return PartyRef(named_before[-1].text, named_before[-1].start, named_before[-1].end)
    if after_place and 3 <= len(name) <= 10 and not GENERIC.match(name) and not KIND_ONLY.match(name):
        return PartyRef(name, a, b)
    if (not 2 <= len(name) <= 40 or "的" in name or "记者" in name or name.startswith(("在", "只", "仅")) or QUANTITY_NAME.match(name)
            or OCCASION.search(name) or "了" in name or DOCUMENT_IN.search(name) or name.startswith(("宣布", "决定", "终止", "表示", "认为"))
            or name.endswith(rules.agreement_nouns) or KIND_ONLY.match(name) or PRIVATE.search(name)):
        return None
    named = any(e.start < b and e.end > a and e.label in ("ORG", "GPE", "LOC", "PERSON") for e in entities)
    if named or name in rules.collective_parties or COUNTRY_PAIR.match(name) or len(name) <= 4 and (
            pair_names(name, text, rules) or pronoun_name(name, rules)):
        return PartyRef(name, a, b)
    if not GENERIC.match(name) and (PARTY_SUFFIX.search(name) or lone and (2 if short_ok else 3) <= len(name) <= 8):
        return PartyRef(name, a, b)
    return None


def _split_parties(text: str, a: int, b: int, protected: Sequence[tuple[int, int]],
                   entities: Sequence[EntityMatch], dates: Sequence[DateMatch], rules: SigningRules,
                   subject: bool = False) -> list[PartyRef]:
    """A coordinated list ("A、B和C等") split into its parties; items that are no name are dropped.
    ``subject``: the side before 与 — a lone short item there is taken as a name even without a suffix."""
    dash = text.rfind("——", a, b)
    if dash >= 0 and b - dash - 2 >= 2 and not _inside(protected, dash):
        a = dash + 2  # "新型研发机构——南京图灵人工智能研究院": the description before the dash is no party
    lead = LEADING_ADVERBIALS_AT.match(text, a, b)  # at the position: no slice (twice per trigger)
    if lead:
        a = lead.end()
    group = GROUP_COUNT.search(text, a, b) or KIND_GROUP.search(text, a, b)
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
    if DESCRIBED_COUNT.match(side) and LIST_SPLIT.search(side, 0, side.rfind("的")):
        return []  # "来自上海和苏州的两家企业": one counted group, the list only says where it is from (kept generic)
    pieces, pos = [], a
    for m in LIST_SPLIT.finditer(text, a, b):
        if _inside(protected, m.start()) or not _depth_ok(side, m.start() - a):
            continue
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, b))
    pieces = _glue_levels(text, pieces)
    pieces = _glue_counted(text, _glue_portfolios(text, _adjacent_names(text, pieces, entities, rules), entities), entities)
    out = []
    for p0, p1 in pieces:
        # "与哈佛、牛津…等35家…": named examples before 等N家 are names even when short (§8)
        party = _clean_piece(text, p0, p1, protected, entities, dates, rules,
                             lone=subject and len(pieces) == 1 or group is not None, short_ok=group is not None)
        if party is None and COUNTED.match(APPROX.sub("", LEADING_ADVERBIALS.sub("", text[p0:p1], count=1), count=1)):
            party = next(iter(_generic_side(text, p0, p1, protected)), None)  # "44个非洲国家和非盟委员会": kept, generic
        if party is not None and party.text not in {p.text for p in out}:
            out.append(party)
    first = PROVINCE_FIRST.fullmatch(out[0].text) if len(out) >= 3 else None
    if first and all(2 <= len(p.text) <= 3 for p in out[1:]):  # "广东省广州、佛山、肇庆": the cities
        out[0] = PartyRef(first.group(1), out[0].start + first.start(1), out[0].end)
    return out


def _adjacent_names(text: str, pieces: list[tuple[int, int]], entities: Sequence[EntityMatch],
                    rules: SigningRules) -> list[tuple[int, int]]:
    """"欧盟土耳其签订": a piece that is exactly a country and another country or an organisation written
    side by side is two parties (a place inside a country, "美国纽约", "上海崇明", stays one name)."""
    names = {(e.start, e.end): e for e in entities if e.label in ("GPE", "ORG") and len(e.text) >= 2}
    ends = {s: e for s, e in names}

    def kind(span: tuple[int, int]) -> str | None:
        """Looked up only for the spans asked about (a country id for every name in the window cost more)."""
        e = names.get(span)
        return None if e is None else "country" if (name_id(e.text, rules) or "").startswith("ISO-") else e.label

    out: list[tuple[int, int]] = []
    for p0, p1 in pieces:
        mid = ends.get(p0)
        pair = {kind((p0, mid)), kind((mid, p1))} if mid is not None and mid < p1 else set()
        if "country" in pair and pair <= {"country", "ORG"} and p1 - p0 <= 12:
            out.extend([(p0, mid), (mid, p1)])
        else:
            out.append((p0, p1))
    return out


def _level_comma(text: str, i: int) -> bool:
    """The 、 at ``i`` lists administrative levels inside one body's name (各区、县（市）总工会, 省、市、县): a level
    character before it and a level right after it (followed by （, 、 or the end of the list), not two parties."""
    return text[i - 1:i] in LEVEL_CHARS and ADMIN_LEVEL.match(text, i + 1) is not None


def _glue_levels(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces split at a 、 between administrative levels (杭州各区 | 县（市）总工会) are one name again."""
    out: list[tuple[int, int]] = []
    for p0, p1 in pieces:
        if out and text[out[-1][1]:p0] == "、" and _level_comma(text, out[-1][1]):
            out[-1] = (out[-1][0], p1)
        else:
            out.append((p0, p1))
    return out


def _glue_portfolios(text: str, pieces: list[tuple[int, int]], entities: Sequence[EntityMatch]) -> list[tuple[int, int]]:
    """Pieces joined by 、 that cannot stand alone (文化, 旅游) belong to the next piece's ministry (§4.2)."""
    if len(pieces) < 2:
        return list(pieces)  # nothing to glue (most sides are one name: the set below cost more than the rest)
    exact = {(e.start, e.end) for e in entities}
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        j = i
        while (j + 1 < len(pieces) and text[pieces[j][1]:pieces[j + 1][0]] == "、" and pieces[j] not in exact
               and not PARTY_SUFFIX.search(text[pieces[j][0]:pieces[j][1]]) and pieces[j][1] - pieces[j][0] <= 5):
            j += 1
        # "法国生态、可持续发展和能源部", "香港特区政府运输及房屋局": the last portfolio joined by 和/及 to a short head
        if (j + 1 < len(pieces) and text[pieces[j][1]:pieces[j + 1][0]] in ("和", "及") and pieces[j] not in exact
                and not PARTY_SUFFIX.search(text[pieces[j][0]:pieces[j][1]]) and (j > i or pieces[j][1] - pieces[j][0] <= 12)
                and not COUNTED.match(text[pieces[i][0]:pieces[i][1]]) and not any(ch.isdigit() for ch in text[pieces[i][0]:pieces[j][1]])
                and pieces[j + 1][1] - pieces[j + 1][0] <= 5
                and SHARED_HEAD.search(text[pieces[j + 1][0]:pieces[j + 1][1]])):
            j += 1
        if j > i and SHARED_HEAD.search(text[pieces[j][0]:pieces[j][1]]):
            out.append((pieces[i][0], pieces[j][1]))
        else:
            out.extend(pieces[i:j + 1])
        i = j + 1
    return out


def _glue_counted(text: str, pieces: list[tuple[int, int]], entities: Sequence[EntityMatch]) -> list[tuple[int, int]]:
    """A counted group keeps the kinds listed after it ("975个市、县（区）级地方政府", "30多个国家空间机构和国际
    组织"): one generic party written as is (§4.2), up to the first piece that is a found name."""
    if len(pieces) < 2:
        return list(pieces)  # nothing to glue (most sides are one name: the set below cost more than the rest)
    starts = {e.start for e in entities if e.label in ("ORG", "GPE", "LOC", "PERSON")}
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        p0, p1 = pieces[i]
        j = i
        if NUMERAL.search(text, p0, p1) and COUNTED.match(APPROX.sub("", LEADING_ADVERBIALS.sub("", text[p0:p1], count=1), count=1)):
            # "20余户、100多名村民": the same group counted twice stays one party; 和 before a count starts another
            while j + 1 < len(pieces) and pieces[j + 1][0] not in starts and (
                    not COUNTED.match(text[pieces[j + 1][0]:pieces[j + 1][1]]) or text[pieces[j][1]:pieces[j + 1][0]] == "、"):
                j += 1
        out.append((p0, pieces[j][1]))
        i = j + 1
    return out


def _main_subject(text: str, t1: int, e1: int, index: ArticleIndex) -> list[PartyRef]:
    """The name opening the clause right after a time clause ("…签署…以来，" / "…后，") that holds the trigger."""
    m = SINCE_CLOSE.match(text, t1, e1)
    if m is None:
        return []
    head = m.end()
    lead = LEADING_ADVERBIALS_AT.match(text, head, e1)
    head = lead.end() if lead else head
    e = next((x for x in index.entities.between(head, min(e1, head + 24))
              if x.start == head and x.label in ("ORG", "GPE", "PERSON") and len(x.text) >= 2), None)
    return [PartyRef(e.text, e.start, e.end)] if e is not None else []


def _modified_head(text: str, e: EntityMatch, pos: int, entities: Sequence[EntityMatch]) -> EntityMatch:
    """"从惠州走向世界的TCL集团，…": a name opening a modifier is not the subject; the body the clause ends
    with right after its last 的 is."""
    de = text.rfind("的", e.end, pos)
    if de < 0:
        return e
    return next((x for x in entities if x.start == de + 1 and x.label == "ORG" and x.end == pos), e)


def _earlier_subject(text: str, s0: int, start: int, entities: Sequence[EntityMatch]) -> list[PartyRef]:
    """"省产研院先后建成…，与哈佛…签署": the subject opening an earlier clause of the same sentence."""
    pos = start - 1
    while pos > s0:
        c0 = _clause_start(text, s0, pos)
        lead = LEADING_ADVERBIALS.match(text[c0:pos])
        head = c0 + (lead.end() if lead else 0)
        listed = _listed_subject(text, head, pos, entities)
        if listed:
            return listed
        for e in entities:
            if e.start == head and e.label in ("ORG", "GPE"):
                e = _modified_head(text, e, pos, entities)
                more = SUBJECT_TAIL.match(text, e.end, pos)  # "乌鲁木齐高新区（新市区）", "埃及政府"
                end = more.end() if more else e.end
                return [PartyRef(text[e.start:end], e.start, end)]
        named = HEAD_NAME.match(text, head, pos)  # no entity found: a short name with a body's suffix (省产研院)
        if named and PARTY_SUFFIX.search(named.group(1)) and not GENERIC.match(named.group(1)):
            return [PartyRef(named.group(1), head, head + len(named.group(1)))]
        verb = PARTY_CUT.search(text, head + 2, min(pos, head + 13))  # "该公司在江苏省…，前不久还与当地政府签署": up to its verb
        name = text[head:verb.start()] if verb is not None else ""
        if HEAD_BODY.fullmatch(name) and not GENERIC.match(name) or name.startswith(("该", "本")) and ANAPHOR.fullmatch(name):
            return [PartyRef(name, head, verb.start())]  # an anaphor (该公司) is resolved when the event is filed (_file)
        pos = c0 - 1
    return []


def _listed_subject(text: str, head: int, pos: int, entities: Sequence[EntityMatch]) -> list[PartyRef]:
    """"组织上海中山、华山等20家知名三甲医院，与受援医院签署": an earlier clause that opens on a list of named examples
    closed by 等N家 gives every name, not only the first entity (§8: named examples + 等N家)."""
    group = GROUP_COUNT.search(text, head, pos)
    if group is None or group.group().endswith(("位", "名")) or not LIST_HEAD.fullmatch(text, head, group.start()):
        return []
    starts = {e.start for e in entities if e.label in ("ORG", "GPE")}
    pos = head
    for piece in text[head:group.start()].split("、"):  # short names or found ones, not "省里组织华西"
        if len(piece) > 4 and pos not in starts:
            return []
        pos += len(piece) + 1
    protected = [(e.start, e.end) for e in entities if e.label in ("ORG", "GPE", "LOC", "PERSON")]
    parties = _split_parties(text, head, group.end(), protected, entities, (), load_signing_rules(), subject=True)
    return parties if len(parties) >= 2 else []


def _parties(text: str, s0: int, t0: int, entities: Sequence[EntityMatch], dates: Sequence[DateMatch],
             rules: SigningRules) -> tuple[list[PartyRef], list[PartyRef], str | None, bool]:
    """Parties from the clause before the trigger; also a place given as 在X inside it."""
    start = _clause_start(text, s0, t0)
    dateline = DATELINE.match(text, start, t0)
    if dateline and start == s0:
        start = dateline.end()
    while start < t0 and text[start] in "“「‘":  # a quote opening the clause: its names are not inside brackets
        start += 1
    # "美国已有3个地方政府签署": the counted group signed (COUNTED is "^"-anchored: match the slice); a connector
    # before 有 ("中国同所有10个…") leaves the counted group a counterpart
    has = HAS_COUNTED.match(text, start, t0) if HAS_NUMBER.search(text, start, t0) else None  # no 有 and a number: no match
    if has is not None and COUNTED.match(text[has.end():t0]) and not CONNECTOR_CHAR.search(has.group()):
        start = has.end()
    clause = text[start:t0]
    if clause.startswith("作为"):
        return [], [], None, False  # "作为世界上最大的两个经济体和贸易大国": a description, not the signers
    if WITNESS.search(clause) or ATTEND.search(PARTICIPATE_END.sub("", clause)):
        # "两国领导人共同见证签署", "袁某出席…签约仪式": the subject watched; the signers are not named here
        return [], [], None, False
    named = [e for e in entities if e.end > start and e.start < t0 and e.label in ("ORG", "GPE", "LOC", "PERSON")]
    protected = [(e.start, e.end) for e in named]
    place = None
    for m in AT.finditer(clause):
        e = next((e for e in named if e.start == start + m.end() and e.label in ("GPE", "LOC") and len(e.text) > 1), None)
        if e is not None:
            place = e.text
            break
    conn = conn_end = -1
    for connector in CONNECTOR_PATTERNS:
        for m in connector.finditer(clause):
            if not _inside(protected, start + m.start()) and _depth_ok(clause, m.start()):
                conn, conn_end = m.start(), m.end()
                break
        if conn >= 0:
            break
    if conn >= 0 and clause[conn] == "和" and any(ch == "、" and not _level_comma(text, start + i) for i, ch in enumerate(clause[:conn])):
        conn = -1  # "北京市、天津市和河北省共同签署": one list of co-signers
    if conn >= 0 and clause[conn] == "和":
        # an adverb right before 和 ("联邦德国又和希腊…", "以色列已经和埃及…") leaves 和 a connector
        verb = next((m for m in PARTY_CUT.finditer(clause, 0, conn)
                     if m.start() > 0 and not _inside(protected, start + m.start())
                     and not (m.end() == conn and ADVERB_BEFORE_AND.fullmatch(m.group()))), None)
        adverb = ADVERB_BEFORE_AND.search(clause, max(0, conn - 2), conn)  # "华为在全球已经和…签订": still a connector
        if verb is not None and not (adverb is not None and adverb.end() == conn):
            conn = -1  # "中日两国通过对话和磋商处理分歧": 和 joins words inside the predicate, not parties
    if conn < 0:
        parties = _split_parties(text, start, t0, protected, entities, dates, rules, subject=True)
        if len(parties) >= 2 and not any(p.text in rules.collective_parties for p in parties):
            return parties, [], place, False  # "北京、天津和河北共同签署": co-signers, one side (§4.2)
        if NOUN_USE.match(text, t0 + 2):
            return [], [], place, False  # "某某项目签约仪式": an event's name, one "party" is no signing
        return parties or _generic_side(text, start, t0, protected), [], place, False
    a = _split_parties(text, start, start + conn, protected, entities, dates, rules, subject=True)
    if not a and not LEADING_ADVERBIALS.sub("", text[start:start + conn]).strip():
        a = _earlier_subject(text, s0, start, entities)
    b = _split_parties(text, start + conn_end, t0, protected, entities, dates, rules, subject=bool(a))
    if not b and clause[conn] == "和" and not (a and _generic_side(text, start + conn_end, t0, protected)):
        # "马永泽和当地一家养殖龙头企业签了合同": a described counterpart after 和 is the other side (§4.2), kept
        parties = _split_parties(text, start, t0, protected, entities, dates, rules, subject=True)
        if len(parties) == 1:
            return parties, [], place, False
    a = a or _generic_side(text, start, start + conn, protected)
    b = b or _generic_side(text, start + conn_end, t0, protected)
    if not b and a:  # "与国际大体联签署", "与养殖家庭农场主签订": a counterpart no rule knows, kept as written (§4.2)
        b = _counterpart_as_written(text, start + conn_end, t0, protected, rules)
    if not b:
        return [], [], place, True  # "与第三人签订": no counterpart named, not even a kind of body
    return a, b, place, True


def _counterpart_as_written(text: str, a: int, b: int, protected: Sequence[tuple[int, int]],
                            rules: SigningRules) -> list[PartyRef]:
    """The 与-object of a signing whose other side is named, when it is neither a found name nor a known
    kind: a short phrase with no 的, not a pronoun or a legal stand-in (第三人, 对方)."""
    lead = LEADING_ADVERBIALS.match(text[a:b])
    a += lead.end() if lead else 0
    for m in PARTY_CUT.finditer(text, a, b):
        if m.start() > a and not _inside(protected, m.start()):
            b = m.start()
            break
    k = _etc(text, a, b)
    b = k if k > a else b
    trailing = MODIFIER_RUN.trailing(text, a, b, "等")
    b = trailing if trailing > a else b
    name = text[a:b].strip()
    if not 2 <= len(name) <= 12 or "的" in name or "之间" in name or AS_WRITTEN_NOT.match(name) or AS_WRITTEN_VERB.search(name) or name.endswith(rules.agreement_nouns) \
            or not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z\d]+", name):
        return []
    a += len(text[a:b]) - len(text[a:b].lstrip())  # "与 上海公司": the span starts at the name, not the space
    return [PartyRef(name, a, a + len(name))]


def _generic_side(text: str, a: int, b: int, protected: Sequence[tuple[int, int]]) -> list[PartyRef]:
    """A side that names no body but a counted or described group ("一批领军企业", "3200家高校院所",
    "22个省（区、市）"): kept as written and flagged generic later (§4.2), not dropped."""
    lead = LEADING_ADVERBIALS.match(text[a:b])
    a += lead.end() if lead else 0
    approx = APPROX.match(text, a, b)  # "和超过30家运营商签订" -> 30家运营商 (D25)
    a = approx.end() if approx and COUNTED.match(text[approx.end():b]) else a  # COUNTED is anchored: match the slice
    for m in PARTY_CUT.finditer(text, a, b):
        if m.start() > a and not _inside(protected, m.start()):
            b = m.start()
            break
    name = text[a:b].strip()
    # "15个经济体的42个国家（地区）": a counted group may say where its members are from
    # counted private persons ("与20余户村民签订") are a party of a specific contract (§1: persons/bodies)
    if not 2 <= len(name) <= 24 or "的" in name and not (COUNTED_OF.match(name) or DESCRIBED_COUNT.match(name)) or name.endswith("项目") \
            or PRIVATE.search(name) and not COUNTED.match(name) \
            or not (GENERIC_PARTY.search(name) or DESCRIBED_COUNT.match(name)):
        return []
    a += len(text[a:b]) - len(text[a:b].lstrip())
    return _generic_list(name, a) or [PartyRef(name, a, a + len(name))]


def _generic_list(name: str, a: int) -> list[PartyRef]:
    """"有关互联网企业、机构组织": kinds listed with 、 are each a generic party (§4.2); a counted group keeps the
    kinds it lists (30多个国家、地区和国际组织) and 区、县（市） is one level of bodies, not two parties."""
    if "、" not in name or "的" in name or COUNTED.match(name):  # "北京、沈阳等地的…公司": one described group
        return []
    out, pos, depth = [], 0, 0
    for i, ch in enumerate(name + "、"):
        depth += (ch in OPENERS) - (ch in CLOSERS and depth > 0)
        if ch == "、" and depth == 0:
            out.append((pos, i))
            pos = i + 1
    pieces = [name[x:y] for x, y in out]
    if len(pieces) < 2 or any(len(p) < 2 or ADMIN_LEVEL.match(p) for p in pieces):
        return []
    return [PartyRef(name[x:y], a + x, a + y) for x, y in out]


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
        nxt = re.match(r"(?:、|和|及|暨)?(?=《)", text[m.end():m.end() + 2])  # 《A》《B》: titles side by side too
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
        if MODIFIER_RUN.fullmatch(gap) and q.subject and q.subject.endswith(rules.agreement_nouns):
            return int(q.value), q.subject, q.start
    phrase = OBJECT_PHRASE.match(text, pos, s1)
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
            if len(parts) >= 2 and all(p.endswith(rules.agreement_nouns) for p in parts):
                return len(parts), obj, None
            return None, obj, None
    return None, None, None


def _tidy_object(obj: str) -> str | None:
    """Quotes left open by the cut removed; None for a relative clause ("的协议") or an empty object."""
    if obj.startswith("的"):
        return None
    obj = obj.lstrip("”’」』")  # "“云签约”引进…项目": the quote closing the trigger is not the object's
    for o, c in ("“”", "《》", "‘’", "「」"):
        if obj.count(o) > obj.count(c) and obj.startswith(o):
            obj = obj[1:]
        if obj.count(o) > obj.count(c):
            obj = obj.replace(o, "", 1)
    return obj or None


def _event_date(dates: Sequence[DateMatch], s0: int, s1: int, index: ArticleIndex, sentence_start: int) -> str | None:
    inside = [d for d in dates if s0 <= d.start < s1]
    explicit = [d for d in inside if not d.relative]
    if explicit:
        return explicit[0].text
    relative = [d for d in inside if d.relative and d.resolved and re.fullmatch(r"\d{4}-\d\d-\d\d", d.resolved)]
    if relative:  # 当天, 今天: resolved against the article's date
        return relative[0].resolved
    vague = VAGUE_DATE.search(index.text, s0, s1)
    if vague:  # "日前", "近日": as written (§4.5), no calendar date to resolve
        return vague.group(0)
    earlier = index.last_calendar_date(sentence_start)
    return earlier.text if earlier is not None else None


def _event_place(index: ArticleIndex, s0: int, s1: int, sentence_start: int) -> str | None:
    """Where the sentence, else the article's event before it, says the meeting or ceremony took place
    ("…签约仪式15日在合肥举行", "12月11日…在永川召开"): the place entity, or a short name when none was found."""
    return index.event_place(s0, s1) or index.event_place(0, sentence_start)


def _project_bodies(text: str, s0: int, k: int, entities: Sequence[EntityMatch]) -> list[PartyRef]:
    """The bodies opening the project names listed before 等N个项目 (D13): a found organisation cut to its
    company (浪潮集团华东区域总部 -> 浪潮集团), or a short brand written alone (华融汇金)."""
    start = _clause_start(text, s0, k)
    dateline = DATELINE.match(text, start, k)
    start = dateline.end() if dateline else start
    lead = LEADING_ADVERBIALS.match(text[start:k])  # the pattern is anchored (^): match the slice
    start += lead.end() if lead else 0
    dates_lead = re.match(r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?[，,]?", text[start:k])
    start += dates_lead.end() if dates_lead else 0
    out: list[PartyRef] = []
    pos = start
    for piece_end in [m.start() for m in re.finditer(r"、|和|及", text[start:k])] + [k - start]:
        a, b = pos, start + piece_end
        pos = b + 1
        org = next((e for e in entities if e.start == a and e.end <= b and e.label == "ORG"), None)
        if org is not None:
            head = COMPANY_HEAD.match(org.text)
            name = head.group(0) if head else org.text
        elif 2 <= b - a <= 4 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", text[a:b]):
            name = text[a:b]
        else:
            continue
        out.append(PartyRef(name, a, a + len(name)))
    return out


def _last_opener(text: str, sentences: list[tuple[int, int]], index: ArticleIndex) -> PartyRef | None:
    """The place or body opening the latest sentence that opens with one, this one included: whom a bare
    statistic is about. Looked up only when needed, and no further back than OPENER_REACH can use."""
    reach = sentences[-1][0] - OPENER_REACH
    for s0, s1 in reversed(sentences):
        if s1 < reach:
            return None
        found = _opener(text, s0, s1, index)
        if found is not None:
            return found
    return None


def _nearest_mention(text: str, opener: PartyRef, before: int) -> PartyRef:
    """A carried place is annotated at its nearest earlier mention (docs/annotation/signings.md §4.2): the
    opener's name, or its short form without the level suffix (万州区 … 万州), written closest before ``before``."""
    short = opener.text[:-1] if len(opener.text) >= 3 and opener.text[-1] in "省市区县州" else opener.text
    at = text.rfind(short, opener.end, before)
    if at < 0:
        return opener
    name = opener.text if text.startswith(opener.text, at) else short
    return PartyRef(name, at, at + len(name))


def _opener(text: str, s0: int, s1: int, index: ArticleIndex) -> PartyRef | None:
    """The place or body a sentence opens with, after a dateline, adverbials and a date ("2020年初以来，沈阳市…")."""
    head = s0
    dateline = DATELINE.match(text, head, s1)
    head = dateline.end() if dateline else head
    for _ in range(2):
        lead = LEADING_ADVERBIALS_AT.match(text, head, s1)
        head = lead.end() if lead else head
        date = next((d for d in index.dates.between(head, min(s1, head + 16)) if d.start == head), None)
        if date is not None:
            head = date.end
            tail = re.compile(r"(?:初|底|末|以来|中旬|上旬|下旬)?[，,]?").match(text, head, s1)
            head = tail.end() if tail else head
    entity = next((e for e in index.entities.between(head, min(s1, head + 24))
                   if e.start == head and e.label in ("GPE", "ORG")), None)
    if entity is None:
        return None
    more = SUBJECT_TAIL.match(text, entity.end, s1)
    end = more.end() if more else entity.end
    return PartyRef(text[head:end], head, end)


def _subject_head(text: str, c_start: int, t0: int, pa: Sequence[PartyRef], pb: Sequence[PartyRef]) -> str | None:
    """What an unwritten or anaphoric signer must look like to be carried: "" for any body ("与X签订"
    opening a clause, a quoted 我们), else the head of the anaphor (公司与X签订 -> a body, 全市 -> 市)."""
    if not pa and pb:  # "与X签订" opening a clause, "我们与X", "以…的方式与X…签约": the signer is not written here
        return ""
    if len(pa) == 1:
        m = ANAPHOR.fullmatch(pa[0].text)
        if m is not None:
            return ANAPHOR_HEADS.get(m.group("head"), "")
    return None


def _topic_before(text: str, before: int, head: str, index: ArticleIndex) -> SigningParty | None:
    """The body the text is about at ``before``: the nearest earlier clause that opens with a found body
    ("成都兴城投资集团有限公司在…", "新冠肺炎疫情发生后，贵州省认真…"), searched no further back than
    TOPIC_REACH (bounded cost). With a ``head`` (合作社, 市), the nearest earlier body ending in it."""
    lo = max(0, before - TOPIC_REACH)
    entities = [e for e in index.entities.between(lo, before) if len(e.text) >= 2]
    labels = ("GPE",) if head == "GPE" else ("ORG", "GPE")
    head = "" if head == "GPE" else head
    if head == "公司":  # "公司顺利签约": a body named …公司 first, the nearest other body only when none is
        for e in reversed(entities):
            if e.end <= before and e.label == "ORG" and e.text.endswith("公司"):
                # its nearest mention, as annotated (§4.2): a later short form (同丰种业有限公司 … 同丰种业)
                short = next((x for x in reversed(entities) if e.end <= x.start and x.end <= before
                              and x.label == "ORG" and len(x.text) >= 2 and e.text.startswith(x.text)), e)
                return SigningParty(short.text, short.start, short.end, carried=True)
        head = "ORG"
    if head:
        for e in reversed(entities):
            if e.end <= before and e.label in ("ORG", "GPE") and (e.text.endswith(head) or head == "ORG" and e.label == "ORG"):
                return SigningParty(e.text, e.start, e.end, carried=True)
        return None
    starts = {e.start: e for e in entities if e.label in labels and e.end <= before}
    pos = before
    while pos > lo:
        cut = max(text.rfind(c, lo, pos - 1) for c in "，,。；;！？!?\n：:")
        c0 = max(cut + 1, lo) if cut >= 0 else lo
        head_at = c0
        while head_at < pos and text[head_at] in " \u3000“\"":
            head_at += 1
        dateline = DATELINE.match(text, head_at, pos)
        head_at = dateline.end() if dateline else head_at
        for _ in range(2):
            lead = LEADING_ADVERBIALS.match(text[head_at:pos])  # anchored: match the slice, not from a pos
            head_at += lead.end() if lead else 0
            date = next((d for d in index.dates.between(head_at, head_at + 1) if d.start == head_at), None)
            head_at = date.end if date is not None else head_at
        e = starts.get(head_at)
        if e is not None and e.label == "ORG" and len(e.text) > 4 and not PARTY_SUFFIX.search(e.text):
            e = None  # "发力金融科技": a verb phrase read as a name is no body
        if e is not None and e.end < pos and text[e.end] not in "的、及”":
            more = SUBJECT_TAIL.match(text, e.end, pos)
            end = more.end() if more else e.end
            return SigningParty(text[e.start:end], e.start, end, carried=True)
        if cut < lo:
            break
        pos = c0
    return None


ANAPHOR_HEADS = {"公司": "公司", "集团": "ORG", "村里": "村"}


def _person_opening(text: str, s0: int, c_start: int, entities: Sequence[EntityMatch]) -> list[PartyRef]:
    """"在弥留之际，王娅听说…，还再一次和X签订…": a subjectless 与-clause signed by the person opening an
    earlier clause of the same sentence; the nearest clause opening with any name decides (a body: not here)."""
    starts = {e.start: e for e in entities if s0 <= e.start < c_start}
    pos, seen = c_start - 1, 0
    while pos > s0 and seen < PERSON_CLAUSES:
        c0 = _clause_start(text, s0, pos)
        head = c0
        while head < pos and text[head] in "”“ \u3000":  # "”马永泽说，现在…，和企业签订": the quote just closed
            head += 1
        lead = LEADING_ADVERBIALS.match(text[head:pos])  # anchored: match the slice
        head += lead.end() if lead else 0
        e = starts.get(head)
        if e is not None and e.label == "PERSON":
            brand = BRAND_AFTER.match(text, e.end, c_start)  # "贝肯能源": a firm whose name a person's reading cut
            end = brand.end() if brand else e.end
            return [PartyRef(text[e.start:end], e.start, end)]
        if e is not None:
            return []
        pos, seen = c0 - 1, seen + 1
    return []


def _pronoun_person(text: str, s0: int, c_start: int, t0: int, index: ArticleIndex) -> list[PartyRef]:
    """A signer written as 他/她 opening this clause or one of the PERSON_CLAUSES before it in the sentence: the
    nearest person named before the pronoun (TOPIC_REACH back at most), carried when named in an earlier sentence."""
    pos, seen = t0, 0
    while seen <= PERSON_CLAUSES:
        c0 = _clause_start(text, s0, pos) if pos != t0 else c_start
        head = c0
        while head < pos and text[head] in "“ 　":
            head += 1
        lead = LEADING_ADVERBIALS_AT.match(text, head, pos)
        head = lead.end() if lead else head
        if text.startswith(("他", "她"), head) and not text.startswith(("他们", "她们", "他人", "他国"), head):
            people = [e for e in index.entities.between(max(0, head - TOPIC_REACH), head)
                      if e.label == "PERSON" and e.end <= head and len(e.text) >= 2]
            if not people:
                return []
            e = people[-1]
            return [SigningParty(e.text, e.start, e.end, carried=e.start < s0)]
        if head < pos and any(x.start == head for x in index.entities.between(head, head + 1)):
            return []  # the clause opens with a name: not this rule's
        if c0 <= s0:
            return []
        pos, seen = c0 - 1, seen + 1
    return []


def _quoted_we_before(text: str, s0: int, c_start: int) -> bool:
    """"“2019年，我们借助…平台，与X签订…”": a quoted 我们 opening an earlier clause of the same sentence is
    the signer of a clause that starts with 与 (the speaker's body, as for 我们与X)."""
    q = text.rfind("“", s0, c_start)
    return (q >= 0 and "”" not in text[q:c_start] and QUOTED_WE.search(text, q, c_start) is not None
            and re.match(r"(?:并|还|又|也|已经|已|随后)?(?:与|同|跟|和)", text[c_start:c_start + 4]) is not None)


def _place_body(text: str, e: EntityMatch, stop: int) -> int:
    """Where the name starting with entity ``e`` ends: past ``e`` when ``e`` is a place heading a body's name
    (香港 + 各界扶贫促进会), else at ``e``'s end."""
    if e.label != "GPE":
        return e.end
    m = PLACE_BODY.match(text, e.end, stop)
    if m is None or PLACE_BODY_NOT.search(m.group(0)) or PARTY_CUT.search(m.group(0)):
        return e.end
    return m.end()


def _speaker(text: str, t1: int, index: ArticleIndex, person_ok: bool = False) -> list[PartyRef]:
    """The body of whoever says the quote holding ``t1`` (the attribution right after its closing ”, same
    paragraph, within SPEAKER_REACH characters), carried: what a quoted 我们 stands for."""
    end = min(len(text), t1 + SPEAKER_REACH)
    para = text.find("\n", t1, end)
    close = text.find("”", t1, para if para >= 0 else end)
    if close < 0:
        return []
    stop = min(x for x in (text.find("。", close, end), para if para >= 0 else end, end) if x >= 0)
    attribution = text[close + 1:stop]
    if not SAYS.search(attribution):
        return []
    found = [e for e in index.entities.between(close + 1, stop) if close < e.start and e.end <= stop]
    for e in found:
        if e.label == "ORG" or e.label == "GPE" and e.start == close + 1:
            end = _place_body(text, e, stop)  # "香港各界扶贫促进会会长X说": the body, not the place it heads
            return [SigningParty(text[e.start:end], e.start, end, carried=True)]
    # "“签了协议，今年种得安心。…”汪邦淑说": a subjectless quote with no body named is the speaker's own signing
    person = next((e for e in found if e.label == "PERSON" and e.start == close + 1), None) if person_ok else None
    return [SigningParty(person.text, person.start, person.end, carried=True)] if person is not None else []


def _amount(quantities: Sequence[QuantityMatch], s0: int, s1: int) -> tuple[float | None, str | None]:
    money = [q for q in quantities if s0 <= q.start < s1 and q.kind == "money"]
    if money:
        return money[0].value, money[0].unit
    return None, None


def _candidates(text: str, e0: int, e1: int, index: ArticleIndex, rules: SigningRules) -> list[_Candidate]:
    """Signings of the sentence [e0, e1); each trigger reads only its window (signing_window)."""
    sentence = text[e0:e1]
    compiled = _compiled(rules)
    by_text = compiled["by_text"]
    found: list[tuple[int, int, float, str]] = []
    for m in compiled["triggers"].finditer(sentence):
        if len(found) >= MAX_TRIGGERS:
            break
        trig = by_text[m.group(0)]
        found.append((m.start(), m.end(), trig.confidence, f"signing.{trig.kind}"))
    for m in CONCLUDE.finditer(sentence):
        if sentence[m.end():m.end() + 1] == "的":
            continue  # "强调了中美达成第一阶段经贸协议的意义": the agreement is cited, not concluded here
        found.append((m.start(), m.start() + 2, 0.7, "signing.conclude"))
    if not found or _sentence_vetoed(sentence, rules):  # speed: the vetoes only for sentences with a trigger
        return []
    out = []
    for a, b, conf, rule in found:
        t0, t1 = e0 + a, e0 + b
        s0, s1 = window(e0, e1, t0, t1)
        entities = index.entities.between(s0, s1)
        quantities = index.quantities.between(s0, s1)
        dates = index.dates.between(s0, s1)
        relative_obj = fam.relative_object(text, t1, s1) if rule != "signing.conclude" else None
        c_start = _clause_start(text, s0, t0)
        back_reference = bool(BACK_REFERENCE.search(text[c_start:t0]))
        recent_adv = RECENT_ADVERB.search(text, c_start, t0)
        signer_end = recent_adv.start() if recent_adv else t0  # "…埃塞俄比亚和索马里最新签署的和平协议": a named signer
        if relative_obj is not None and not back_reference and not (any(c_start <= d.start < t0 for d in dates) or re.search(
                r"两国|双方|[\u4e00-\u9fff]{2,}(?:省|市|国|方|公司|集团)(?:于|在)?$", text[c_start:t0])
                or recent_adv is not None and any(e.end == signer_end and e.label in ("GPE", "ORG") for e in entities)):
            relative_obj = None  # "签订的合同要认真履行": no date or signer: a generic clause (§1)
        # "遵守石油输出国组织达成的减产协议": an agreement a named body concluded, told in a relative clause (§4.9)
        agent = next((e for e in entities if e.end == t0 and e.label in ("ORG", "GPE") and len(e.text) >= 2), None) \
            if rule == "signing.conclude" and text.startswith("的", t1) else None
        if agent is not None and "就" in text[c_start:agent.start]:
            agent = None  # "俄乌就…过境乌克兰达成的": the name closes the topic of 就, not the agent
        if rule == "signing.conclude" and text.startswith("的", t1) and agent is None:
            continue
        if agent is not None:
            if _vetoed(text[agent.start:s1], t0 - agent.start, t1 - agent.start, rules, relative=True):
                continue
        elif _vetoed(text[s0:s1], t0 - s0, t1 - s0, rules, relative=relative_obj is not None):
            continue
        a, sentence = t0 - s0, text[s0:s1]
        count, obj, count_start = _count_object(text, s1, t0, t1, quantities, rules)
        # "10个重点项目集中签约": the clause names what was signed, not who signed it
        pa, pb, place, connected = _parties(text, s0, count_start if count_start is not None else t0, entities,
                                            dates, rules)
        if count_start is not None and not connected:
            pa, pb = [], []
            if text.endswith("等", 0, count_start) and PROJECT_COUNT.match(text, count_start, t0):
                pa = _project_bodies(text, s0, count_start - 1, entities)  # "思科、阿里云等17个…项目相继签约" (D13)
                host = HOST.match(text, t1, s1) if pa and text[t0:t1] in LANDING else None
                host = _clean_piece(text, host.start(1), host.end(1), [], entities, dates, rules) if host else None
                pb = [host] if host is not None else []
        counted_b = COUNTED_AFTER.match(text, t1, s1) if not pb and obj else None
        if counted_b is not None and obj.endswith(counted_b.group(2)):  # "已先后签约11个汽车零部件、专用装备制造企业"
            pb, obj = [PartyRef(counted_b.group(1), counted_b.start(1), counted_b.end(1))], None
        owner = _project_owner(text, t1, s1, obj, entities) if not pb and obj and text[t0:t1] not in LANDING else None
        if owner is not None:  # "成功签约武汉地铁集团融资再安排项目": the body opening the project's name (D13)
            pb = [owner]
        if not pa and (pb and (FIRST_PERSON.match(text, c_start, t0) or _quoted_we_before(text, s0, c_start))
                       or not pb and text.startswith("“", e0)
                                                         and QUOTED_BARE.fullmatch(text, e0, t0)):
            pa = _speaker(text, t1, index, person_ok=not pb)  # "“…我们与建设方签订了合同…”X公司副总经理王勇说": we = the speaker's body
        if not pa and pb and SUBJECTLESS.match(text, c_start, t0):
            pa = _person_opening(text, s0, c_start, entities)
        if not pa and pb:  # "他再次应…邀请，在北京同该出版社签订": 他/她 is the person named before (carried)
            pa = _pronoun_person(text, s0, c_start, t0, index)
        if not pa and pb and SINCE_OPEN.match(text, c_start, t0):
            pa = _main_subject(text, t1, e1, index)  # "自…与国务院扶贫办签署…以来，京东集团…": the main clause's subject
        hop = c_start
        bare = not (pa or pb or count_start is not None or MODIFIER_OR_AND.sub("", text[hop:t0]))
        # "中日两国通过对话…，并签署": a predicate joined by 并 shares the earlier clause's subject
        joined = bool(JOINED_PREDICATE.match(text, hop, t0))
        for _ in range(2 if bare else 0):  # "A与B就…交流，建立…机制，签订合作备忘录": the parties open an earlier clause
            if pa or pb or hop <= s0:
                break
            pa, pb, place_before, connected = _parties(text, s0, hop - 1, entities, dates, rules)
            place = place or place_before
            if not connected and not (joined and len(pa) == 1 and not pb):
                pa, pb = [], []
            earlier = _clause_start(text, s0, hop - 1)
            pair = PAIR_SUBJECT.match(text, earlier, hop)
            if not (pa or pb) and pair and pair_names(pair.group(1), text, rules):  # "塞中两国高层保持…，签署了…"
                pa = [PartyRef(pair.group(1), pair.start(1), pair.end(1))]
            both = BOTH_SIDES.match(text, earlier, hop)
            if not (pa or pb) and both:  # "双方深化…对接，签署…": 双方 resolved like a subject (_resolve_collective)
                pa = [PartyRef(both.group(1), both.start(1), both.end(1))]
            hop = earlier
        if rule == "signing.conclude":
            obj = obj or CONCLUDE.match(sentence, a).group(1).removeprefix("的")
            if agent is not None:
                pa, pb = [PartyRef(agent.text, agent.start, agent.end)], []
        passive = False
        title = _title_subject(text, s0, t0, dates, rules) if count is None else None
        if title is not None:  # "《…合作备忘录》13日在重庆签署": the title is what was signed, not a signer
            pa, pb, obj, count, passive = [], [], title, 1, True
        elif not (pa or pb) and count is None and (subject := fam.document_subject(text, _after_dateline(text, c_start, t0), t0)) is not None:
            obj, count, passive = subject[0], subject[1], True  # "“沪渝直达快线”合作备忘录暨…备忘录今天在上海签署"
            named = TITLE_HEAD.match(text, subject[2])  # at the position: a slice to the end copied the whole text
            if named and pair_names(named.group(1), text, rules):  # names in the title are the parties (§4.2)
                pa = [PartyRef(named.group(1), named.start(1), named.end(1))]
        elif not (pa or pb) and count is None:
            if text[t0:t1] in LANDING:  # "…生产项目签约落户张江长三角科技城平湖园"
                landed = _landing(text, s0, s1, t0, t1, entities, dates, rules)
                if landed is not None:
                    obj, host = landed
                    pb, passive = [host], True
                elif text.endswith("项目", c_start, MODIFIER_RUN.trailing(text, c_start, t0, "等")):
                    passive = True  # "一批中外合作项目签约落地": projects landed, no signer written (a project is no party)
        elif text[t0:t1] in LANDING and pa and not pb:  # "北京八中签约落户固安产业新城": the host signs too
            m = HOST.match(text, t1, s1)
            host = _clean_piece(text, m.start(1), m.end(1), [], entities, dates, rules) if m else None
            if host is not None and host.text not in {p.text for p in pa}:
                pb = [host]
        if relative_obj is not None:  # "2018年6月21日签署的两国关于铁路合作的谅解备忘录"
            obj, passive = obj or relative_obj, True
            counted = RELATIVE_COUNT.match(text, t1)
            if counted and count is None:
                count = int(counted.group(1)) if counted.group(1).isdigit() else None
        if count is None and rule != "signing.conclude":
            count = fam.count_fallback(text, c_start, t0, t1, s1)
        if obj and obj.startswith("、"):  # "新签约、新开工…项目": the other verbs of the list are not the object
            obj = fam.VERB_RUN_AFTER.sub("", obj, count=1) or None
        family = fam.family_of(text, c_start, t0, t1, rule, passive, count, e0)
        attended = family == "ceremony" and not (pa or pb) and ATTENDED.search(text, c_start, t0) is not None
        if (family == "witnessed" or attended) and not (pa or pb):  # 两国领导人共同见证了…的签署: the two countries
            pair = pair_in(text, e0, e1, rules)
            titled = fam.title_parties(text, t0, e1) if pair is None else []
            pair = pair or (earlier_pair(text, e0, rules) if not titled else None)
            if titled:  # "共同见证签署《中国—太平洋岛国…行动纲领》": the title names the parties
                pa = titled
            elif pair is not None:
                pa = [pair if pair.start >= e0 else carried(pair)]
            witness = text.rfind("见证", max(e0, t0 - 60), t0)
            got = fam.count_between(quantities, witness, t0, DOC_UNITS) if count is None and witness >= 0 else None
            if got is not None:
                count, obj = got[0], obj or got[1]
            obj = obj or (fam.witnessed_object(text, witness, t0) if witness >= 0 else None)
        signed_for = fam.signatories(text, c_start, t1, entities) if text[t0 - 4:t0].endswith(("双方", "两国", "政府", "各方")) else []
        if signed_for and not (pa or pb) or signed_for and {p.text for p in pa + pb} & {
                text[c_start:t0][:len(x.text)] for x, _ in signed_for} or signed_for and len(pa + pb) == 2 and any(
                x.start <= p.start < x.end + 20 for x, _ in signed_for for p in pa + pb):
            pa, pb = [signed_for[0][0]], [signed_for[1][0]]  # a side named only by its signatory (§4.2)
        skipped = AFTER_TRIGGER_SKIP.match(text, t1)
        bodies = OBJECT_BODIES.match(text, skipped.end() if skipped else t1, s1)
        if bodies is not None:  # "签署了《中国政府和沙特政府…纪要》": the bodies the document names signed it (D21)
            pa = [PartyRef(bodies.group(1), bodies.start(1), bodies.end(1))]
            pb = [PartyRef(bodies.group(2), bodies.start(2), bodies.end(2))]
            if bodies.group(0)[bodies.end(1) - bodies.start(0)] != "与":  # 和 lists co-signers: one side (§4.2)
                pa, pb = pa + pb, []
        if family == "aggregate" and not (pa or pb):  # "2018年，江北区…，签约项目492个": who the total is about
            pa = _earlier_subject(text, s0, c_start, entities)
        hosted = HOSTED_BY.search(text, c_start, t0) if family == "ceremony" and not (pa or pb) else None
        if hosted is not None:  # "浙江省绍兴市举行了一场特殊的签约仪式": the host of its own signing ceremony
            start = _after_dateline(text, c_start, hosted.start())
            pa = [p for p in _split_parties(text, start, hosted.start(), [], entities, dates, rules, subject=True)
                  if any(e.start == p.start and e.label in ("ORG", "GPE") for e in entities)]
        if family == "ceremony" and not (pa or pb) and pair_names(text[c_start:c_start + 2], text, rules):
            pa = [PartyRef(text[c_start:c_start + 2], c_start, c_start + 2)]  # "中美…协议签署仪式": names in the title
        if family == "ceremony" and obj is None and fam.ceremony_noun(text, t1):
            obj = fam.ceremony_object(text, c_start, t0)
        if passive and not (pa or pb) and relative_obj is not None:
            pair = earlier_pair(text, e0, rules)
            if pair is not None:
                pa = [carried(pair)]
        if not (pa or pb) and obj and family == "direct" and rule != "signing.conclude":
            pa = _unwritten_signer(text, e0, c_start, t0, t1, entities, dates, index)  # "贺行行是…，现在已经签订了聘用合同"
        strong = text[t0:t1] in ("集中签约", "签约落户", "签约落地", "签约入驻") or count_start is not None or passive
        if text[t0:t1] == "签字" and not obj and not any(n in sentence for n in rules.agreement_nouns):
            continue  # a signature on a form or a receipt, not an agreement
        nominal = NOMINAL_SIGNING.search(text, c_start, t0) if not (pa or pb) and count is None and not passive else None
        if nominal is not None and NOMINAL_NOT.search(text, c_start, nominal.start()):
            nominal = None  # "各地要促成更多项目的签约": a call, not done
        if nominal is not None:  # "促成了…汽车城项目的签约落地", "重大合作项目实现签约": the project's signing, done
            obj, passive = obj or nominal.group("obj") or nominal.group("subj"), True
            family = "passive" if family == "direct" else family
        batch = count is not None and count > 1 and bool(obj) and obj.endswith(rules.agreement_nouns) \
            and OCCASION.search(text, c_start, t0) is not None  # "论坛上签署了50余项合作协议": the occasion's batch
        if not (pa or pb or (strong and count is not None) or passive or batch or family in ("witnessed", "ceremony", "aggregate")):
            continue
        if len(pa + pb) == 1 and count is None and obj is None and not passive and text[t0:t1] not in LANDING \
                and family not in ("witnessed", "ceremony", "aggregate") \
                and pa[0].text not in rules.collective_parties if pa else False:
            continue  # "医生护士签下…": one side, nothing signed named
        amount, unit = _amount(quantities, s0, s1)
        out.append(_Candidate(
            sentence=(e0, e1), trigger=(t0, t1), confidence=conf, parties_a=pa, parties_b=pb, count=count,
            object=obj, date=_event_date(dates, s0, s1, index, e0), place=place or _event_place(index, s0, s1, e0),
            amount=amount, amount_unit=unit, rule=rule, family=family, signatories=signed_for,
            back_reference=back_reference,
            own_date=next((d.text for d in dates if t0 - 4 <= d.end <= t0 and not d.relative), None),
            subject_head=_subject_head(text, c_start, t0, pa, pb), clause_start=c_start,
            omitted_subject=not pa and bool(pb) and bool(OMITTED_SUBJECT.match(text, c_start, t0)) and (
                c_start == e0 or not text[e0:c_start - 1].strip("“ ") or bool(LEADING_ADVERBIALS.fullmatch(text, e0, c_start))),
        ))
    return out


def _unwritten_signer(text: str, e0: int, c_start: int, t0: int, t1: int, entities: Sequence[EntityMatch],
                      dates: Sequence[DateMatch], index: ArticleIndex) -> list[PartyRef]:
    """A clause that is only a time and adverbs before its trigger ("现在已经签订了聘用合同", "4月30日，成功签约…")
    is signed by whom the sentence is about: the person or body opening an earlier clause of the sentence, else
    the speaker of a quoted 我们, else the body the text was about before the sentence (carried, §4.2)."""
    head = "".join(ch for i, ch in enumerate(text[c_start:t0], start=c_start) if not any(d.start <= i < d.end for d in dates))
    head = head.lstrip("“ \u3000")
    we = WE_LEAD.match(head)
    head = head[we.end():] if we else head
    lead = LEADING_ADVERBIALS.match(head)
    head = head[lead.end() if lead else 0:]
    if not UNWRITTEN_LEAD.fullmatch(head) or UNWRITTEN_NOT.match(text, t1):
        return []  # "签约和落地项目迅速增加", "签署协议前，…致辞": a noun phrase or a time clause, no signing told
    if c_start > e0 and not we and not _bare(text, e0, c_start, dates):
        return _person_opening(text, e0, c_start, entities) or _earlier_subject(text, e0, c_start, entities)
    if we or text.startswith("“", e0):
        spoken = _speaker(text, t1, index) if text.rfind("“", e0, t0) >= 0 else []
        topic = _topic_before(text, e0, "", index) if we and not spoken else None
        return spoken or ([topic] if topic is not None else [])  # "“我们刚刚签订一项协议…": the body the text is about
    topic = _topic_before(text, e0, "", index)
    return [topic] if topic is not None else []


def _project_owner(text: str, t1: int, s1: int, obj: str, entities: Sequence[EntityMatch]) -> PartyRef | None:
    """"签约武汉地铁集团融资再安排项目": an organisation opening the name of the project signed right after the
    trigger is the counterpart (D13); a project named after a place (签约固安南开学校项目) gives none."""
    skip = AFTER_TRIGGER_SKIP.match(text, t1)
    pos = skip.end() if skip else t1
    if not (obj.endswith("项目") and text.startswith(obj, pos)):
        return None
    org = next((e for e in entities if e.start == pos and e.label == "ORG" and e.end <= pos + len(obj) - 4), None)
    if org is None or not PARTY_SUFFIX.search(org.text):
        return None
    return PartyRef(org.text, org.start, org.end)


def _bare(text: str, a: int, b: int, dates: Sequence[DateMatch]) -> bool:
    """Only dates, adverbs and commas in [a, b) ("5月8日，"): nothing there names a signer."""
    rest = "".join(ch for i, ch in enumerate(text[a:b], start=a) if not any(d.start <= i < d.end for d in dates))
    rest = re.sub(r"[，,\s“]", "", rest)
    lead = LEADING_ADVERBIALS.match(rest)
    return UNWRITTEN_LEAD.fullmatch(rest[lead.end() if lead else 0:])


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where the clause starts once a dateline opening it ("本报上海1月15日电 （记者…）") is skipped."""
    dateline = DATELINE.match(text, start, end)
    return dateline.end() if dateline else start


def _title_subject(text: str, s0: int, t0: int, dates: Sequence[DateMatch], rules: SigningRules) -> str | None:
    """The 《title》 opening the clause that ends in the trigger, when nothing but a date, a place or an
    adverb stands between it and the trigger ("《…备忘录》13日在重庆签署", "2019年11月，《…联合声明》签署")."""
    if text.find("》", s0, t0) < 0:
        return None  # no title before the trigger (the usual case, answered without the clause's search)
    start = _clause_start(text, s0, t0)
    m = re.search(r"《([^《》]{2,80})》([^，。；《》]{0,16})$", text[start:t0])
    if m is None or not m.group(1).endswith(rules.agreement_nouns + ("声明", "宣言")):
        return None
    gap0 = start + m.start(2)
    gap = "".join(ch if not any(d.start <= gap0 + i < d.end for d in dates) else "" for i, ch in enumerate(m.group(2)))
    if not TITLE_GAP.fullmatch(gap):
        return None
    head = "".join(ch for i, ch in enumerate(text[start:start + m.start()])
                   if not any(d.start <= start + i < d.end for d in dates))
    lead = LEADING_ADVERBIALS.match(head)
    if head[lead.end() if lead else 0:].strip(" ，,"):
        return None  # "根据…签订的《…》", "与X签署《…》": the title is not the subject
    return f"《{m.group(1)}》"  # the title only, not the date or place between it and the trigger


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


def _unjoined(entities: Sequence[EntityMatch]) -> list[EntityMatch]:
    """An ORG spanning "A与B" whose both halves end like bodies ("苏州工业园区与博世集团") is two signers
    joined by the connector, not one name: split, so 与 stays a connector between the sides."""
    out: list[EntityMatch] = []
    for e in entities:
        if e.label != "ORG" or not CONNECTOR_CHAR.search(e.text):
            out.append(e)  # no connector inside: neither pattern below can match (most names; speed)
            continue
        if JOINED_ANAPHOR.search(e.text):
            continue  # "北京同该出版社": a place, a connector and an anaphor read as one name is none
        m = JOINED_NAMES.fullmatch(e.text)
        if m is None:
            out.append(e)
            continue
        for g in (1, 2):
            out.append(replace(e, start=e.start + m.start(g), end=e.start + m.end(g), text=m.group(g),
                               canonical=None, coref_key=None, kb_id=None))
    return out


def extract_signings(text: str, entities: Sequence[EntityMatch] = (), quantities: Sequence[QuantityMatch] = (),
                     dates: Sequence[DateMatch] = ()) -> list[SigningMatch]:
    """Signings of one article, one per event, with every sentence that reports it as evidence."""
    if "签" not in text and "达成" not in text and "缔结" not in text:
        return []
    rules = load_signing_rules()
    entities = _unjoined(entities)
    index = ArticleIndex(text, entities, quantities, dates, EVENT_PLACE, PLACE_NOT)
    events: list[_Candidate] = []
    evidence: dict[int, list[tuple[int, int]]] = {}
    recent: list[_Candidate] = []
    ceremonies: list[_Candidate] = []  # the ceremony events among ``events``, in order (_file reads the latest)
    lead_subject: list[PartyRef] = []
    recent_listed = False  # the sentence before was a listed group: its signer carries over (…；已签约6家…)
    sentences: list[tuple[int, int]] = []  # read back by _last_opener, only for a bare statistic (speed)
    for m in SENTENCE.finditer(text):
        s0, s1 = m.start(), m.end()
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        sentences.append((s0, s1))
        cands = _candidates(text, s0, s1, index, rules)
        groups = fam.listed_groups(text, s0, s1, index) \
            if "签" in text[s0:s1] or recent_listed else []
        if groups:  # "已签约9家官方合作伙伴，分别是…；已签约6家官方赞助商，分别是…": one event per group
            subject = _earlier_subject(text, s0, groups[0].trigger[0], index.entities.between(s0, s1))
            if subject:  # "北京冬奥组委已成功签约": the entity found may be the head of a longer name (北京)
                whole = re.match(r"[\u4e00-\u9fff]{2,16}?(?=已|成功|先后|共|累计|签)", text[subject[0].start:groups[0].trigger[0] + 1])
                if whole and whole.end() > len(subject[0].text):
                    subject = [PartyRef(whole.group(0), subject[0].start, subject[0].start + whole.end())]
            subject = subject or (lead_subject if recent_listed else [])
            for g in groups:
                listed = _Candidate(sentence=(s0, s1), trigger=g.trigger, confidence=0.0, parties_a=list(subject),
                                    parties_b=list(g.members), count=g.count, rule="signing.sign", family="listed",
                                    date=fam_date(cands), place=None)
                evidence[id(listed)] = [(s0, s1)]
                events.append(listed)
            lead_subject, recent_listed = subject, True
            continue
        recent_listed = False
        if not cands:
            continue
        _resolve_collective(cands, recent, rules, text, s0, index)
        cands = [c for c in cands if _named(c, rules) or not (c.parties_a or c.parties_b) and (
            c.count is not None or c.family in ("witnessed", "ceremony", "passive", "aggregate"))]
        if not cands:
            continue
        best, extras = _choose(cands)
        opener = _last_opener(text, sentences, index) \
            if best.family == "aggregate" and not (best.parties_a or best.parties_b) else None
        if opener is not None and opener.start < s0:
            opener = _nearest_mention(text, opener, s0)
        if opener is not None and 0 <= s0 - opener.start <= OPENER_REACH:  # "1—4月，新签约亿元以上项目553个" about the city named before
            best.parties_a = [SigningParty(opener.text, opener.start, opener.end, carried=opener.start < s0)]
        if best.omitted_subject and recent and recent[-1].parties_a and not text[recent[-1].sentence[1]:s0].strip():
            best.parties_a = [SigningParty(p.text, p.start, p.end, carried=True) for p in recent[-1].parties_a]
        elif best.subject_head is not None:
            best.subject_head = best.subject_head or "?"  # resolved in _file, unless it reports an earlier event again
        dated = any(x.own_date for x in extras)
        for extra in extras:
            if extra.own_date and best.own_date:
                extra.date = extra.own_date
                extra.parties_a, extra.parties_b = extra.parties_a or best.parties_a, extra.parties_b or best.parties_b
            elif not (extra.parties_a or extra.parties_b) and extra.trigger > best.trigger:
                extra.parties_a, extra.parties_b = best.parties_a, best.parties_b  # "…后，也是自2009年备忘录签署以来"
        if dated:
            best.date = best.own_date
        for best in sorted([best] + extras, key=lambda c: c.trigger):  # events in text order
            _file(best, events, ceremonies, evidence, recent, text, s0, s1, rules, index)
    expanded: dict = {}  # expand_all's answers for this article, by party
    return [
        SigningEvent(
            parties_a=expand_all(e.parties_a, text, rules, expanded),
            parties_b=expand_all(e.parties_b, text, rules, expanded),
            evidence=tuple(evidence[id(e)]), rule=f"signing.{e.family}", confidence=fam.confidence(e.family, rules),
            count=e.count, object=e.object, date=e.date, place=e.place, amount=e.amount, amount_unit=e.amount_unit,
            family=e.family, signatories=_signatories(e, text, rules),
        )
        for e in events
    ]


def _choose(cands: list[_Candidate]) -> tuple[_Candidate, list[_Candidate]]:
    """The sentence's event (its best candidate, completed from the others) and the candidates that are events of
    their own. One candidate, the usual sentence, is its event as it is (without the comparisons: signing-dense text)."""
    if len(cands) == 1:
        return cands[0], []
    best = max(cands, key=lambda c: (c.score(), c.confidence))
    # "忆及2018年6月21日签署的…，双方同意根据2019年10月13日签署的…": each dated signing is its own event
    extras = [c for c in cands if c is not best and c.object and c.own_date and best.own_date
              and c.own_date != best.own_date]
    extras += [c for c in cands if c is not best and c not in extras and _separate(c, best)]
    cands = [c for c in cands if c not in extras]
    best.family = min((c.family for c in cands), key=fam.FAMILIES.index)  # witnessed > ceremony > …
    for other in cands:
        if other is not best:
            best.count = best.count if best.count is not None else other.count
            best.object = best.object or other.object
            if other.signatories and not best.signatories:  # "…签约仪式…举行，X和Y代表双方签字"
                best.signatories = other.signatories
                if not (best.parties_a or best.parties_b):
                    best.parties_a, best.parties_b = other.parties_a, other.parties_b
            if other.family == "ceremony" and not (best.parties_a or best.parties_b):  # the ceremony's host
                best.parties_a, best.parties_b = other.parties_a, other.parties_b
    return best, extras


def _separate(c: _Candidate, best: _Candidate) -> bool:
    """"中国和基里巴斯签署A，标志着中国同所有…都签署了B", "X签订仅1个月后，就与Y签署了Z": two agreements named
    in two clauses of one sentence are two events (§3); a ceremony and what was signed at it stay one."""
    if not (c.object and best.object) or c.clause_start == best.clause_start or "ceremony" in (c.family, best.family):
        return False
    oc, ob = c.object.strip("《》“”"), best.object.strip("《》“”")
    sides_c = {p.text for p in c.parties_a + c.parties_b}
    sides_b = {p.text for p in best.parties_a + best.parties_b}
    # the same signers naming two documents at one occasion are one event with both (§3: several agreements, one act)
    same = bool(sides_c and sides_b) and (sides_c <= sides_b or sides_b <= sides_c)
    return oc not in ob and ob not in oc and not same


def _same_document(e: _Candidate, best: _Candidate) -> bool:
    """The same object, or one that adds only a party's name before it (中美第一阶段经贸协议 = 第一阶段经贸协议
    signed by 中美)."""
    if not (e.object and best.object):
        return False
    short, long = sorted((e.object.strip("《》"), best.object.strip("《》")), key=len)
    prefix = long[:len(long) - len(short)]
    return long.endswith(short) and (not prefix or prefix in {p.text for p in e.parties_a + e.parties_b})


def _file(best: _Candidate, events: list[_Candidate], ceremonies: list[_Candidate],
          evidence: dict[int, list[tuple[int, int]]], recent: list[_Candidate], text: str, s0: int, s1: int,
          rules: SigningRules, index: ArticleIndex) -> None:
    """One event of the sentence [s0, s1): merged into the earlier report of the same signing, else added.
    ``ceremonies`` keeps the ceremony events of ``events`` as they are added, so the article's latest ceremony is
    ``ceremonies[-1]``: scanning every event back for it made signing-dense text superlinear (issue 18)."""
    recent.append(best)
    parties = {p.text for p in best.parties_a + best.parties_b}
    # both tests need an object on each side: without one, no search (and the cost stays linear)
    twin = next((e for e in events[-RECENT_EVENTS:] if e.object and (
        same_event(e.count, e.object, {p.text for p in e.parties_a + e.parties_b}, best.count, best.object, parties)
        or _same_report(e, best, rules))), None) if best.object else None
    if twin is None and best.object and parties and all(TITLED.search(x) for x in parties):
        # "刘鹤副总理和特朗普总统…签署中美第一阶段经贸协议": the officials sign the event reported before for their sides
        twin = next((e for e in reversed(events[-RECENT_EVENTS:]) if _same_document(e, best)), None)
        if twin is not None:
            best.parties_a, best.parties_b = [], []  # the officials are no sides of the event
    if twin is None and best.back_reference and events:
        twin = events[-1]  # "此次签约的19个项目…": what the sentence before reported
    if twin is None and AT_CEREMONY.match(text, s0, s1):  # "仪式上，双方签署了…": the ceremony's own signing
        twin = next((e for e in reversed(events[-RECENT_EVENTS:]) if e.family == "ceremony"), None)
        if twin is not None and best.object:
            twin.object = best.object  # the signing verb's object wins over the ceremony's name (§4.4, D8)
    if twin is None and best.family == "ceremony" and not (best.parties_a or best.parties_b):
        # "在签署仪式上…", "协议签署仪式结束后…": the article's ceremony again, not a new one
        twin = ceremonies[-1] if ceremonies else None
    evidence[id(best)] = [(s0, s1)]
    if twin is not None:
        _merge(twin, best, evidence)
        return
    if text[best.trigger[0]:best.trigger[1]] in LANDING:  # "紫光云总部…签约落地": the body opening the project (§4.2)
        best.parties_a = [replace(p, text=p.text[:-len(m.group(0))], end=p.end - len(m.group(0)))
                          if (m := SEAT.search(p.text)) and len(p.text) - len(m.group(0)) >= 2 else p
                          for p in best.parties_a]
    if best.family in ("aggregate", "direct") and best.parties_a and not best.parties_b \
            and text[best.trigger[0]:best.trigger[1]] in LANDING:
        host = _topic_before(text, best.clause_start, "GPE", index)  # "思科、阿里云等17个…项目相继签约落地": the host (D13)
        best.parties_b = [host] if host is not None else []
    anaphor = len(best.parties_a) == 1 and ANAPHOR.fullmatch(best.parties_a[0].text) is not None
    if best.subject_head and (not best.parties_a or anaphor):  # a new event whose signer is not written (or only 公司)
        topic = _topic_before(text, best.clause_start, best.subject_head.strip("?"), index)
        best.parties_a = [topic] if topic is not None else best.parties_a
    events.append(best)
    if best.family == "ceremony":  # an event's family is settled before it is filed and never changes after
        ceremonies.append(best)


def _signatories(e: _Candidate, text: str, rules: SigningRules) -> tuple[Signatory, ...]:
    """Who signed for whom: the first signatory for side a, the second for side b, when they are not
    the parties themselves."""
    out = []
    for (name, title), side in zip(e.signatories, (e.parties_a, e.parties_b)):
        body = side[0].text if side and side[0].text != name.text else None
        out.append(Signatory(name=name, titles=(title,) if title else (), represents=body))
    return tuple(out)


def fam_date(cands: Sequence[_Candidate]) -> str | None:
    return next((c.date for c in cands if c.date), None)
