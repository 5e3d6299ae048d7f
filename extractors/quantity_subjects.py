"""What a quantity counts or measures, as a span of the text (docs/annotation/quantities.md section 7).

S1, after: the noun phrase right after the classifier, up to its head (150多所|高等院校, 2000多名|员工|乘坐班车).
S2, before: the measured thing before the number, across the link words of subject_links.tsv
(全国城镇登记失业率|为|3.62%, 网络零售额|同比增长|77.6%), or A of A占B的N% (B when A is not written).

Both read at most a short run of characters and stop at the stop words of subject_stops.tsv and at verbs
(verbs.tsv), unless the stop or verb sits inside a noun of subject_nouns.tsv (高等院校, 对象, 流动性); an action
noun of action_nouns.tsv (建设, 合作) ends S1 only where the phrase ends on it (停车库|建设, but 合作项目). The
loops here walk one such run per quantity (at most ``SUBJECT_MAX`` + 10 characters after it, ``BEFORE_MAX`` + 6
before it, a few more for a bracketed note or a list), never the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from zhnews.extractors.quantity_subject_before import (
    bare_measure, comparison_start, date_before, given_object, giver_object, object_start, quoted_head,
    reference_before, relative_head, share_phrase,
)
from zhnews.gazetteers.quantities import alternation, load
from zhnews.gazetteers.quantities.subject_words import subject_words

_DATA = load()
SUBJECT_MAX = 14
# A measured thing before the number may be longer (全区大型数据中心服务器装机能力): it is bounded by stops, verbs
# and the clause, so the cap only keeps the read short.
BEFORE_MAX = 22
_VERBS = _DATA.verbs
_ACTIONS = _DATA.action_nouns
_NUMERAL_CHARS = frozenset(_DATA.numerals)
_ADVERBIALS = _DATA.action_adverbials
_EVENT_VERBS = _DATA.anniversary_verbs
# 国家和地区: a stop inside a noun; not 国共 or 行将, which news writes across words (全国|共有, 银行|将)
_NOUNS = (_DATA.subject_nouns | subject_words().nouns) - subject_words().splits
_STOP_AFTER_RE = re.compile(alternation(_DATA.stops_after))
_STOP_BEFORE_RE = re.compile(rf"(?:{alternation(_DATA.stops_before)})$")
_STOP_ANY_RE = re.compile(alternation(_DATA.stops_before))
_LINK_END_RE = re.compile(rf"(?:{alternation(_DATA.subject_links)})$")
_LINK_START_RE = re.compile(rf"(?:{alternation([w for w in _DATA.subject_links if len(w) > 1])})")
# The last two characters of each link word (the word itself when it has one): text ending in none of them has
# no link word ending there, with a set look-up instead of _LINK_END_RE's search (issue 18).
_LINK_TAILS = frozenset(w[-2:] for w in _DATA.subject_links)
_RUN_AFTER_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
# What an after-subject can start with besides a Chinese character (的 and 亿/万 are among those): a Latin letter
# of _RUN_AFTER_RE or an opening quote.
_AFTER_START_OTHER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz“\"")
# Every subject before a number has a Chinese or Latin letter within this reach (BEFORE_MAX, a link word, a note).
_WORD_CHAR_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BEFORE_REACH = BEFORE_MAX + 18
_RUN_BEFORE_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.]+$")
# Digits in a run before the number end it unless Latin letters touch them (PM2.5浓度, 5G基站 stay whole).
_BARE_DIGITS_RE = re.compile(r"(?<![A-Za-z0-9.])[0-9.]+(?![A-Za-z0-9.])")
# What a date leaves at the start of the run once its digits are cut off (2018年|全区…).
_DATE_TAIL_RE = re.compile(r"(?:年底|年初|年末|年度|年来|年间|月份|月底|月初|季度|年|月|日|号)")
_LEAD_DATE_RE = re.compile(r"[0-9.]+(?:年底|年初|年末|年度|年来|年间|月份|月底|月初|季度|年|月|日)?来?")
_SHARE_RE = re.compile(r"(?:占据|占到|占了|占)")
_SHARE_TAIL_RE = re.compile(r"(?:占据|占到|占了|占)[\u4e00-\u9fffA-Za-z]{1,6}$")
_OPEN_BRACKET_RE = re.compile(r"[（(][^（()）]{1,12}[）)]$")
# A phrase ending in a verb names a measure (服务类投诉, 研发投入) unless an adverb makes it a predicate
# (个人仍需支付, 每年都会捐赠).
_ADVERB_CHARS = frozenset("仍需都会将已要正曾还也又再就才必可能")
_BEFORE_ADVERB = _ADVERB_CHARS | frozenset("正均皆")  # 问题|正持续: one adverb before another
_AMOUNT_LAST = frozenset("0123456789%％")
_PER_ITEM_RE = re.compile(r"[亿万]元?(?:以上|以下)(?=[\u4e00-\u9fff])")
_QUOTED_BEFORE_RE = re.compile(r"[“‘\"][\u4e00-\u9fffA-Za-z0-9]{2,12}[”’\"]$")
_QUOTE_CLOSE_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,12}[”\"]")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?、（）()“”\"《》\n]")
# Stop words that may still begin an after-subject: 6所在永职教高校 counts 在永职教高校.
_LEADING_OK = frozenset({"在", "同", "相关", "代表", "共同", "联合"})
_JOINERS = frozenset({"和", "与", "及", "以及", "或"})
# A verb followed by one of these is the start of a noun (开发区, 建设者), not a predicate.
_NOUN_TAILS = frozenset("区者员商人家品机器所站点厂院局会类业费量率性型式库场馆园室车部")
# After a verb these make it a predicate (递交了, 折射出, 纳入到, 增加到), not a noun modifier.
_VERB_COMPLEMENTS = frozenset("了着过出到给入进向于为成起至")
# Heads of measures (金额, 效率, 失业率, 激活量): a verb before them names the measure, it is no predicate.
_MEASURE_TAILS = frozenset("额金率量值数贴入重度余资积")
_KEEP_ZHONG = ("高中", "初中", "华中", "集中", "空中", "心中")

Span = tuple[int, int]


# (back, length) of the nouns that may hold position i: they start at i - back and run past i.
_COVER = tuple((d, n) for d in range(5) for n in range(2, 6) if n > d)


def _inside_noun(run: str, i: int, size: int) -> bool:
    """Whether run[i:i+size] (a stop word or a verb) lies inside a longer noun of subject_nouns.tsv."""
    last = len(run)
    for d, n in _COVER:
        j = i - d
        if j >= 0 and j + n <= last and (d or n > size) and run[j:j + n] in _NOUNS:
            return True
    return False


def _after_run(text: str, pos: int, blocked: Callable[[int, int], bool]) -> str:
    """The run of Chinese and Latin letters at pos; a model name the exclusions masked (新舟60) is part of it."""
    end, limit = pos, min(len(text), pos + SUBJECT_MAX + 10)  # bounded: never the rest of the text
    for _ in range(3):
        m = _RUN_AFTER_RE.match(text, end, limit)
        if not m:
            break
        end = m.end()
        d = end
        while d < limit and text[d] in "0123456789":
            d += 1
        if d == end or not blocked(end, d):
            break
        end = d
    return text[pos:end]


def trim_verbs(text: str, span: Span | None) -> Span | None:
    """An anniversary's subject without the event verbs around it (纪念|紫禁城|迎来 建成600年 -> 紫禁城)."""
    if span is None:
        return None
    s, e = span
    while e - s >= 4 and (text[s:s + 2] in _VERBS or text[s:s + 2] in _EVENT_VERBS) and not _ends_noun(text, s + 4):
        s += 2
    while e - s >= 4 and (text[e - 2:e] in _VERBS or text[e - 2:e] in _EVENT_VERBS) and not _ends_noun(text, e):
        e -= 2
    return s, e


def link_follows(text: str, pos: int) -> bool:
    """Whether a change or link word follows (54个|减至8个, 400件|增加到1000件): the amount is measured, not acting."""
    return _LINK_START_RE.match(text, pos, pos + 8) is not None


def subject_after(text: str, pos: int, blocked: Callable[[int, int], bool], *, via_de: bool = False,
                  relative: bool = True) -> Span | None:
    """S1: the noun phrase right after a quantity (via_de: also after 的, as in 1000余元的|返家路费); a quoted
    label counts without its quotes (162名|“学生资助宣传大使”)."""
    c = text[pos:pos + 1]
    if not ("\u4e00" <= c <= "\u9fff" or c in _AFTER_START_OTHER):
        return None  # speed (issue 18: 50%|50%…): every read below needs a letter or a quote at pos, or finds none
    if c in "至到" and (text[pos + 1:pos + 2].isdigit() or text[pos + 1:pos + 2] in _NUMERAL_CHARS):
        return None  # 21|至21, 3万人|到2020年: a connector before the next number starts no noun
    if via_de and text.startswith("的", pos):
        pos += 1
    per_item = _PER_ITEM_RE.match(text, pos)
    if per_item:
        pos = per_item.end()  # 1000个|亿元以上|技改项目: the size of each is its own mention
    if text.startswith(("“", "\""), pos):
        close = _QUOTE_CLOSE_RE.match(text, pos + 1)
        if close is None:
            return None
        head = quoted_head(text, close.end(), _after_run(text, close.end(), blocked), _counted_length)
        return head or (pos + 1, close.end() - 1)  # 3个“一带一路”|沿线国家; 162名|“学生资助宣传大使”
    whole = _after_run(text, pos, blocked)
    if not whole:
        return None
    modified = _modified_head(pos, whole)
    if modified is not None:
        return modified  # 两只|黄色的检测手臂, 132个|已开工的大型安置区: a modifier, then the counted head
    n = _counted_length(whole[:SUBJECT_MAX + 10])
    if not n:  # 90架|停靠廊桥的航班, 18名|来自乍得的联合国维和人员: a clause with 的 before the head
        if not relative or _LINK_START_RE.match(whole) or whole[2:3] in _VERB_COMPLEMENTS:
            return None  # 5000元|提高至目前的水平: a change, not a clause on the counted noun
        return relative_head(pos, whole, _counted_length, _STOP_AFTER_RE, _JOINERS)
    if n and text[pos + n:pos + n + 1].isdigit() and whole[n - 1] != "的":  # 60%人口和|世界1/3: what follows 和 is the next quantity's
        joiner = max(whole.rfind("和", 1, n), whole.rfind("与", 1, n), whole.rfind("及", 1, n))
        n = joiner if joiner > 0 else _before_next_object(whole, n)
    if n >= 5:
        n = _counted_head(text[pos - 1], whole, n)  # 10多家|部门|工作人员: the noun the classifier counts
    if n >= 2 and n == len(whole):
        n += _enumerated(text, pos + n, blocked)
        return _tidy(pos, text[pos:pos + n])
    return _tidy(pos, whole[:n]) if n else None


_WORDS = subject_words()
_LEADS = frozenset(_WORDS.leads)
_MODALS = frozenset(_WORDS.modals)
# one alternation per classifier (longest first): a single C-level scan of the short run per quantity
_HEAD_RES = {u: re.compile(alternation(heads)) for u, heads in _WORDS.counted_heads.items()}
_MODIFIER_REACH = 10  # 的 within nine characters of the classifier: a short modifier, not a clause


def _is_modifier(mod: str) -> bool:
    """Whether ``mod`` (before 的) only describes the noun after 的: a listed adjective (黄色, 高龄), an adverb
    of subject_modifiers.tsv opening a short phrase (相对完整, 已开工), or a four-character AABB/ABAC word
    (整整齐齐, 原汁原味). A noun there is the counted thing itself (14个自然村|的风貌改造) and is none of these."""
    if mod in _WORDS.modifiers:
        return True
    if len(mod) == 4 and (mod[0] == mod[1] and mod[2] == mod[3] or mod[0] == mod[2] and mod[1] != mod[3]):
        return True
    return mod[:1] in _LEADS and 2 <= len(mod) <= 7 or mod[:2] in _LEADS and 3 <= len(mod) <= 8


def _modified_head(pos: int, whole: str) -> Span | None:
    """S1 through a modifier and 的: the subject runs from the modifier to the head noun after 的
    (十几幢|相对完整的破旧建筑); None when no 的 comes soon, what stands before it is no modifier, or no noun of
    two characters follows."""
    de = whole.find("的", 2, _MODIFIER_REACH) if len(whole) > 3 else -1
    if de < 0 or not _is_modifier(whole[:de]):
        return None
    rest = whole[de + 1:de + 1 + SUBJECT_MAX + 10]
    for k, c in enumerate(rest):
        if c in _NUMERAL_CHARS:  # 两家|中选的仿制药|一家…: the next amount starts, the head ends before it
            rest = rest[:k]
            break
    # after 的 a noun must come, so one that starts like a verb (仿制药) is read as a noun
    head = (_counted_length(rest) or _cut_after(rest, rest[:SUBJECT_MAX])) if len(rest) >= 2 else 0
    if head < 2 or "的" in rest[:head]:
        return None
    return _tidy(pos, whole[:de + 1 + head])


def _counted_head(classifier: str, whole: str, n: int) -> int:
    """Where the counted phrase ends when it holds a noun the classifier counts (counted_heads.tsv) followed by
    three characters or more that do not extend that noun (14个|省份|大班额比例, 116名|战士|考入军校); else n."""
    heads = _WORDS.counted_heads.get(classifier)
    if not heads or whole[:n].endswith(heads) or classifier in "名位" and whole[n - 1] in _PERSON_TAILS:
        return n  # 3家企业集团公司, 20位志愿者形象大使: the phrase ends on another thing the classifier counts
    for m in _HEAD_RES[classifier].finditer(whole, 0, n - 3):
        end = m.end()
        if n - end >= 3 and whole[end] not in _NOUN_TAILS and whole[end] not in "的和与及或" \
                and not _inside_noun(whole, end, 1):
            return end
    return n


_PERSON_TAILS = frozenset("员者使长师手生人官")


def _before_next_object(whole: str, n: int) -> int:
    """四家离岛免税店|销售免税品1746.42万件, 2.58万家企业|投放贷款5446亿元: when the next amount follows the run,
    a verb inside it is that amount's predicate and its object that amount's subject; the counted noun ends
    before the verb (a noun of two characters at least)."""
    for i in range(2, n - 3):
        if whole[i:i + 2] in _VERBS and whole[i + 2:i + 3] not in _NOUN_TAILS and not _inside_noun(whole, i, 2):
            return i
    return n


def _enumerated(text: str, at: int, blocked: Callable[[int, int], bool]) -> int:
    """8条丁字路|、断头路，: nouns listed with 、 after the counted one share its count; how many characters
    they add after ``at`` (0: none). A conjunct that starts with a verb or a number, or runs on, ends the list."""
    end = at
    for _ in range(4):  # bounded: a list of at most four more nouns
        if not text.startswith("、", end):
            break
        nxt = _after_run(text, end + 1, blocked)
        n = _counted_length(nxt[:SUBJECT_MAX + 10]) if nxt else 0
        if not 2 <= n <= 8 or nxt[0] in _NUMERAL_CHARS or text[end + 1 + n:end + 2 + n].isdigit():
            break  # 两所中学、|一个高考补习班: a new amount, its own mention
        if n < len(nxt) and not _phrase_ends(nxt, n):
            break
        end += 1 + n
        if n < len(nxt):
            break  # 企业、单位|参加: the last conjunct, before its predicate
    return end - at


@lru_cache(maxsize=8192)
def _counted_length(whole: str) -> int:
    """How many characters of the run after a quantity name what it counts (0: none). Pure and called
    with the same runs over and over (个项目, 名学生), so cached."""
    run = whole[:SUBJECT_MAX]
    lead = _STOP_AFTER_RE.match(run)
    if lead and lead.group() not in _LEADING_OK and not _inside_noun(run, 0, len(lead.group())):
        return 0  # 18所, 以及…: nothing counted after the unit
    if (run[:2] in _VERBS and run[2:3] not in _NOUN_TAILS or _LINK_START_RE.match(run)) and not _inside_noun(run, 0, 2):
        return 0  # 约50人|死亡, 54个|减至8个: a predicate follows, nothing is named
    n = _cut_after(whole, run)
    if n and run[:2] in _VERBS and (n >= 6 or whole[2:3] in _VERB_COMPLEMENTS) and whole[2:3] not in _NOUN_TAILS \
            and not _inside_noun(run, 0, 2):
        return 0  # 9555户|申报农村危房改造项目, 6000元|增加到: a verb phrase, not what is counted
    return n


def _cut_after(whole: str, run: str, *, joined: bool = True) -> int:
    """How much of run is the counted noun phrase: up to the first stop word or verb outside a noun."""
    stops = {m.start(): m for m in _STOP_AFTER_RE.finditer(run, 1)}
    for i in range(1, len(run)):
        if run[i] == "了" and i >= 2 and not _inside_noun(run, i, 1):
            return i - 2 if i >= 4 else i - 1  # 194个国家和地区|出口了: 了 ends a verb, the noun ends before it
        if run[i] == "中" and run[i + 1:i + 3] in _VERBS and not _inside_noun(run, i, 1):
            return i  # 189个国家和地区|中排名: "among", a verb follows
        if run[i] == "所" and (run[i + 1:i + 3] in _VERBS or run[i + 1:i + 3] in _ACTIONS):
            return i - 2 if i > 2 and run[i - 2:i] in _VERBS else i  # 7个中心|建立所提供的支持, 硬盘|所存储的数据
        if i >= 2 and run[i:i + 2] in _ACTIONS and not _inside_noun(run, i, 2) and _phrase_ends(whole, i + 2):
            back = i - 2 if i >= 4 and (run[i - 2:i] in _ADVERBIALS or run[i - 2:i] in _VERBS) else i
            return back  # 2处立体停车库|建设…, 重点领域|合作|完善, 政务服务事项|网上办理；, 地方标准|批准立项
        st = stops.get(i)
        if st and not _inside_noun(run, i, len(st.group())):
            rest = whole[st.end():]
            if joined and st.group() in _JOINERS and 0 < len(rest) <= 3:
                return len(run)  # 20多个国家和地区: a short coordinated subject
            if joined and st.group() in ("和", "与") and i >= 2:
                second = _conjunct(rest)
                if second and (second == len(rest) or st.group() == "和" and (
                        _STOP_AFTER_RE.match(rest, second) or _joint_predicate(rest, second))):
                    return st.end() + second  # 80余家组织机构和金融企业, 25场专业论坛与高峰赛事
            return i
        if i >= 1 and run[i:i + 2] in _VERBS and run[i + 2:i + 3] not in _NOUN_TAILS \
                and not _inside_noun(run, i, 2) \
                and _predicate(whole, i + 2, first=i == 1, chain=run[i - 2:i] in _VERBS):
            for adv in (3, 2):  # 600名学生|近距离感受…: the manner word before the verb goes with it
                if i - adv >= 2 and run[i - adv:i] in _ADVERBIALS:
                    return i - adv
            return i  # 100家企业|参展, 2000多名员工|乘坐班车或私家车到厂: a verb ends what is counted
        if i >= 2 and run[i:i + 2] in _WORDS.adverbs and not _inside_noun(run, i, 2):
            # 4条线路|逐步恢复运营, 上千个代号|以外, 2万多个问题|正持续: an adverb starts the predicate
            return i - 1 if i >= 3 and run[i - 1] in _BEFORE_ADVERB else i
    return len(run)


def _phrase_ends(whole: str, k: int) -> bool:
    """Whether the counted phrase ends before ``k``: the run ends, or a verb, 的 or a stop word follows."""
    if k >= len(whole) or whole[k] in "的地得":
        return True
    if whole[k] in "和与及" and whole[k + 1:k + 3] not in _VERBS:
        return False  # 生产管理|和市场营销团队: nouns joined, the phrase goes on
    return _STOP_AFTER_RE.match(whole, k) is not None or whole[k:k + 2] in _VERBS and not _inside_noun(whole, k, 2)


def _joint_predicate(rest: str, k: int) -> bool:
    """After X和Y, a verb with a complement (154个国家和地区|建立了, 出口了) or the locative 中 (189个国家和地区|中
    排名) shows both nouns share the count; a bare verb after them may take 和 as "with" (与 is never joined)."""
    if rest[k:k + 1] == "中":
        return True
    return rest[k:k + 2] in _VERBS and rest[k + 2:k + 3] in ("了", "过") and rest[0] not in _NUMERAL_CHARS \
        and not _inside_noun(rest, k, 2)


def _conjunct(rest: str) -> int:
    """The length of a noun joined by 和/与 to the counted one (组织机构和|金融企业), 0 when a verb or a stop
    follows the joiner instead. The caller keeps it only when the clause ends there (or, after 和, a stop
    word follows): 6所高校与|马来西亚…签订 is "with", not a second counted noun."""
    run = rest[:SUBJECT_MAX]
    if len(run) < 2 or _STOP_AFTER_RE.match(run) or run[:2] in _VERBS and not _inside_noun(run, 0, 2):
        return 0
    n = _cut_after(run, run, joined=False)
    if rest[n:n + 1] in ("和", "与", "及", "、"):
        return 0  # 3大主导产业和|生物医药|与大健康1个…: each conjunct has its own amount
    return n if 2 <= n <= 8 else 0


def _predicate(whole: str, after: int, *, first: bool = False, chain: bool = False) -> bool:
    """Whether the verb ending at ``after`` is a predicate: it ends the run (四个字|组成), takes a complement
    (递交了) or a stop word (志愿者|报名参加), or a stop follows within a few characters (乘坐班车|或…). A verb
    with a noun after it and nothing more modifies that noun (智能制造项目), so do verbs in a row (联动创新案例)."""
    if after < len(whole) and (whole[after] in "和与" and whole[after + 1:after + 3] not in _VERBS
                               or whole[after:after + 2] in _ADVERBIALS):
        # 216项具体举措|和…, 14个武装组织|正式签署: a noun coordinated or doing something (but 学生购买|和发放了:
        # two verbs joined, a predicate)
        return False
    if after >= len(whole) and whole[after - 2:after] in _WORDS.head_verbs:
        return False  # 3000亿元融资|支持, 9万件专利|授权: a verb that heads a noun phrase ends the run, no predicate
    if after >= len(whole) or whole[after] in _VERB_COMPLEMENTS or _STOP_AFTER_RE.match(whole, after):
        return True
    if whole[after:after + 2] in _VERBS:
        return _predicate(whole, after + 2, chain=True)
    if first and len(whole) - after >= 6:
        return True  # 309个村|建立防贫工作联络站: after a one-character noun, a verb with a long object is a predicate
    if first or chain:
        return False
    if len(whole) - after >= 3:
        return True  # 主题展区|呈现工业互联网时代…, 学生|近距离感受…: a verb with an object and more is a predicate
    return _STOP_AFTER_RE.search(whole, after, after + 8) is not None


def _tidy(start: int, subject: str) -> Span | None:
    """每亩|500元 is a rate, not what is counted; 两次|风洞实验中 counts 风洞实验 (a trailing 中 is "in")."""
    subject = subject.removesuffix("的")  # 180多个|国家和地区的|500多个港口
    if not subject or subject.startswith("每"):
        return None
    if len(subject) > 2 and subject[-1] == "中" and not subject.endswith(_KEEP_ZHONG):
        subject = subject[:-1]
    elif len(subject) > 3 and subject[-1] == "看":
        subject = subject[:-2] if subject[-2] == "来" else subject[:-1]  # 从曝光的6起典型案例|看: a viewpoint frame
    return start, start + len(subject)


def _strip_links(text: str, end: int) -> tuple[int, bool]:
    """Take the link words (为, 同比增长, 能) off the text before end; whether any was taken."""
    linked = False
    for _ in range(4):
        m = _LINK_END_RE.search(text, max(0, end - 6), end)
        if not m:
            break
        if m.end() - m.start() == 1 and _ends_noun(text, end):
            break  # 产能|100万吨, 功能: the character ends a noun, it is no link
        end, linked = m.start(), True
    return end, linked


def _ends_noun(text: str, end: int) -> bool:
    return any(text[end - n:end] in _NOUNS for n in range(2, 5) if end - n >= 0)


def subject_before(text: str, start: int, *, floor: int = 0, cut_verbs: bool = True,
                   link_needed: bool = False) -> Span | None:
    """S2: the measured thing before a quantity starting at ``start``, across link words; None across a comma.

    ``floor``: where the previous quantity ends (三项|社会保险基金总收入4.17万亿元 reads no further back);
    right after one, X由A增加到B gives B the subject of A (地区生产总值由434.44亿元增加到|1134亿元).
    ``link_needed``: only a subject joined by a link word (货物通关时间缩短到2小时, not 打拼10多年)."""
    if start <= floor:
        return None  # right after the previous quantity (50%50%…): the reads below could only step back past floor
    if start == floor + 1 and text[floor] not in "的比" and text[floor] not in _LINK_TAILS \
            and (floor == 0 or text[floor - 1:start] not in _LINK_TAILS):
        # One character after the previous quantity (1至2|1至2…, 1.1.|1.1): with no link word ending there (see
        # _LINK_TAILS), no 的 and no 占比, each read below is held to that character and finds nothing (a noun has
        # two characters), so none is made (tests/test_speed_qty3_shortcuts.py compares both ways).
        return None
    if _WORD_CHAR_RE.search(text, max(floor, start - _BEFORE_REACH), start) is None:
        return None  # no letter before the number (1.1.1.1…): nothing is named there (and the reads below are long)
    end, linked = _strip_links(text, start)
    cmp = comparison_start(text, end, floor) if end > floor else None
    if cmp is not None:  # 贷款余额|较年初|增加: the reference is no subject
        end = _strip_links(text, cmp)[0]
        if end <= floor:
            return None
    when = date_before(text, end, floor) if linked and end > floor else None
    if when is not None:  # 趋势指数|去年12月|为102.32点: the time is no part of the subject
        end = _strip_links(text, when)[0]
    if end <= floor:
        return _from_to(text, end, floor) if linked and end == floor and floor else None
    if link_needed and not linked:
        return None
    if (linked or text.startswith("各", end)) and text[end - 1:end] in ("”", "’", "\""):
        # “‘八二工程’全长|13.3千米, “A”“B”|各一项: the (nearest) quoted name, without its quotes
        label = _QUOTED_BEFORE_RE.search(text, max(floor, end - 16), end)
        if label:
            return label.start() + 1, end - 1
    if text[end - 1] in "）)":  # 采购经理人指数（PMI）跌至49.5: the note in brackets is no subject
        op = _OPEN_BRACKET_RE.search(text, max(floor, end - 14), end)
        if op:
            end = op.start()
    if text[end - 1] == "的":
        share = _share(text, end - 1)
        if share is None and _PART_RE.match(text, start):
            share = _part_of(text, end - 1, floor)  # 按原到户电价水平的|95%, 产能恢复到正常水平的|八成
        return share if share is not None else _from_to(text, end - 1, floor)
    if text.endswith("占比", 0, end):  # 占比 as a noun: 出口占比|达52.8%, ，占比|94.3%
        return _noun_before(text, end, cut_verbs=False, floor=floor) or (end - 2, end)
    whole = share_phrase(text, end, floor, lambda t, at: _noun_before(t, at, cut_verbs=True, floor=floor)) \
        if linked else None
    if whole is not None:
        return whole
    share = _SHARE_TAIL_RE.search(text, max(floor, end - 8), end)
    if share:  # 四大家电产量占全国|1/5: A占B N%
        a = _share(text, end, at=share)
        if linked and a is not None and a[1] == share.start() and "的" in text[share.start():end]:
            return a[0], end  # 服务业增加值占GDP的比重|为|52.2%: the whole phrase names the measure
        return a
    found = _noun_before(text, end, cut_verbs=cut_verbs and not linked, floor=floor)
    if found and text[found[1] - 2:found[1]] in _VERBS and not _ends_noun(text, found[1]) \
            and not (linked and text[found[0]:found[1]] in _ACTIONS) \
            and (found[1] - found[0] <= 3 or any(c in _ADVERB_CHARS for c in text[found[0]:found[1]])):
        return None  # 个人仍需支付|3万多元, 已在乡镇工作|8年: what ends in a verb is no measured thing
    if found and (_modal_predicate(text, found) or text[found[1] - 2:found[1]] in _WORDS.predicates):
        return None  # 每天能做|1000多根, 中央财政安排|252.9亿元: a predicate takes the amount, nothing is measured
    if found and reference_before(text, found[0], found[1]):
        return None  # 高于|全国工业增加值增速|0.1个百分点: the reference compared with, no subject
    if found and text[found[0] - 1:found[0]] == "、" and found[0] - 1 > floor:
        found = _listed_before(text, found, floor)
    return giver_object(text, found)  # 日均接待|顾客|达2万人次: a giving verb's object is measured, even when linked


# A share written at ``start``: 95%, 八成, 三分之一, 1/4 (after an approximation marker of up to two characters).
_PART_RE = re.compile(r"[约近超逾达不足到]{0,2}(?:[0-9.]+[%％]|[一二三四五六七八九半]成|[一二三四五六七八九十百千万]+分之|[0-9]+/[0-9]+)")


_PREPOSITIONS = frozenset("按到以对向在从把将给于")


def _part_of(text: str, de: int, floor: int) -> Span | None:
    """B的N% without 占 (section 7, shares): the thing a share is taken of, B before 的; A when the clause names it
    before a change word (产能|恢复到|正常水平的八成 -> 产能), as with A占B."""
    b = _noun_before(text, de, cut_verbs=True, floor=floor)
    if b is None:
        return None
    phrase = text[b[0]:b[1]]
    for i, c in enumerate(phrase[:-2]):
        if c in _PREPOSITIONS and not _inside_noun(phrase, i, 1):
            b = (b[0] + i + 1, b[1])  # 统一按|原到户电价水平的95%: what the preposition introduces
            break
    if b[1] - b[0] < 2:
        return None
    link, linked = _strip_links(text, b[0])
    if linked and link > floor:
        a = _noun_before(text, link, cut_verbs=True, floor=floor)
        if a is not None and a[1] == link:
            return a
    return b


def _modal_predicate(text: str, span: Span) -> bool:
    """Whether the phrase ends in a modal of subject_modifiers.tsv and a verb of one or two characters (能做,
    要走, 拟筹资, 足足用了): a predicate taking the amount. Not where the modal character is part of a word
    (能源, 要求, 需求)."""
    s, e = span
    if text[e - 1:e] == "了":
        e -= 1
    words = _WORDS.modal_words
    for k in (1, 2):
        for size in (1, 2):
            m = e - k - size
            if m >= s and text[m:m + size] in _MODALS and text[m - 1:m + 1] not in words \
                    and text[m:m + 2] not in words and text[e - k - 1:e - k + 1] not in words:
                return True
    return False


def _listed_before(text: str, found: Span, floor: int) -> Span:
    """集体林地、草地、水域、四荒地|9027亩: a total over a list takes the whole list (section 7, Lists); the
    conjuncts before 、 join while each is a whole short noun (at most five more, read backwards)."""
    start = found[0]
    for _ in range(5):
        if text[start - 1:start] != "、" or start - 1 <= floor:
            break
        m = _RUN_BEFORE_RE.search(text, max(floor, start - 1 - 10), start - 1)
        n = _measured_length(m.group(), True) if m else 0
        if n < 1 or text[max(0, start - 2 - n):start - 1 - n] in _AMOUNT_LAST or floor and start - 1 - n <= floor:
            break  # 1公里、|5公里, 贫困户100%|通生活用电、: what follows an amount is no listed noun
        start = start - 1 - n
        if m is not None and n < len(m.group()):
            break  # 盘活了|集体林地、…: the first conjunct, after its verb
    return start, found[1]


_FROM_RE = re.compile(r"(?:由|从)[^，,。；;：:！？\n由从]{0,22}$")


def _from_to(text: str, end: int, floor: int) -> Span | None:
    """X由A增加到B, X从2018年的A增加到B: the X before 由/从 is what A and B measure."""
    m = _FROM_RE.search(text, max(0, end - 23), end)
    if not m or m.start() == 0:
        return None
    return _noun_before(text, m.start(), cut_verbs=False, floor=0)


def _share(text: str, de: int, at: re.Match[str] | None = None) -> Span | None:
    """A占B的N%, A占B N%: A, the thing before 占 in the clause; B (without 的) when A is not written."""
    lo = max(0, de - 20)
    brk = None
    for brk in _CLAUSE_BREAK.finditer(text, lo, de):
        pass
    lo = brk.end() if brk else lo
    share = None
    if at is not None:
        share = _SHARE_RE.match(text, at.start())
    else:
        for share in _SHARE_RE.finditer(text, lo, de):
            pass
    if share is None:
        return None
    a = _noun_before(text, share.start(), cut_verbs=True) if share.start() > lo else None
    if a is not None:
        return a
    b_start, b_end = share.end(), de
    lead = _LEAD_DATE_RE.match(text, b_start, b_end)  # 占|70年来|观众总数的: the time frame is no part of B
    if lead:
        b_start = lead.end()
    return (b_start, b_end) if b_end - b_start >= 2 else None


def noun_before(text: str, end: int, *, cut_verbs: bool = True, floor: int = 0) -> Span | None:
    """The noun phrase ending at ``end`` (no link words taken off), for list conjuncts."""
    return _noun_before(text, end, cut_verbs=cut_verbs, floor=floor)


def _noun_before(text: str, end: int, *, cut_verbs: bool, floor: int = 0) -> Span | None:
    m = _RUN_BEFORE_RE.search(text, max(floor, end - BEFORE_MAX - 6), end)
    if not m:
        return None
    n = _measured_length(m.group(), cut_verbs)
    if not n:
        return None
    start = end - n
    if start == m.start() and start > floor and text[start - 1] in "）)":
        start = _before_note(text, start, cut_verbs, floor)
    return start, end


_NOTE_RE = re.compile(r"[（(][^（()）\n，,。；;：:“”]{1,10}[）)]$")


def _before_note(text: str, start: int, cut_verbs: bool, floor: int) -> int:
    """乌鲁木齐高新区（新市区）|地区生产总值: a note in brackets inside the phrase; the possessor before it
    belongs to the phrase too (section 7, how far S2 reaches). Where the phrase starts."""
    note = _NOTE_RE.search(text, max(floor, start - 12), start)
    if not note:
        return start
    m = _RUN_BEFORE_RE.search(text, max(floor, note.start() - SUBJECT_MAX), note.start())
    n = _measured_length(m.group(), cut_verbs) if m else 0
    return note.start() - n if n >= 2 else start


def _last_verb_end(run: str, start: int, end: int) -> int | None:
    """Where the last verb (outside a noun) in run[start:end] ends, or None."""
    last = None
    for i in range(start, end - 1):
        if run[i:i + 2] in _VERBS and not _inside_noun(run, i, 2):
            last = i + 2
    return last


def _has_verb(run: str, start: int, end: int) -> bool:
    return any(run[i:i + 2] in _VERBS and not _inside_noun(run, i, 2) for i in range(start, end - 1))


def _is_verb_at(run: str, i: int) -> bool:
    return run[i:i + 2] in _VERBS and run[i + 2:i + 3] not in _NOUN_TAILS and not _inside_noun(run, i, 2)


def _main_verb_at(run: str, i: int) -> bool:
    """A verb at i that is no noun too (产能 in 落后产能企业 names capacity)."""
    return _is_verb_at(run, i) and run[i:i + 2] not in _NOUNS


def _after_main_verb(run: str, cut: int) -> int:
    """天津|关停整治|散乱污企业2.1万家, 全面|升级改造|公厕34座: a doer or adverb, then the main verb (at most two
    in a row), then its object, the measured thing. The first verb after a word of at least two characters
    starts the predicate; the object must keep four characters (人民调解|工作室, 救助保护|中心 are compounds,
    a noun, a verb and the head). A short measure right after the verb (投资到位金额,
    能源使用效率, 职业提升技能补贴) is named with the verb inside, so the phrase is kept whole."""
    if len(run) - cut < 4:
        return cut
    measure = run[-1] in _MEASURE_TAILS
    if run[cut:cut + 2] in _ACTIONS and not measure and len(run) - cut >= 7 and not _inside_noun(run, cut, 2):
        return cut + 2  # 检查|在建工程项目10.5万个: an action word before a long object is the verb
    for j in range(cut + 2, len(run) - 3):
        if not _is_verb_at(run, j):
            continue
        k = j + 2
        if _is_verb_at(run, k) and len(run) - k >= 4:
            k += 2
        if measure and len(run) - k <= 4:
            return cut  # 投资到位|金额, 职业提升|技能补贴: the verb is part of the measure's name
        return k if len(run) - k >= 4 and run[k] not in _VERB_COMPLEMENTS else cut
    return cut


# 我国有|乡村教师: the 有 of a country before it is "has", not the 国有 of state-owned.
_COUNTRY_FIRST = frozenset("我中全各该本两美英法德俄日韩")


def _owned_by_state(run: str, i: int) -> bool:
    """Whether the stop 有 at i follows X国 (我国有…): then it is the verb "has" even though 国有 is a noun."""
    return run[i:i + 1] == "有" and i >= 2 and run[i - 1] == "国" and run[i - 2] in _COUNTRY_FIRST


@lru_cache(maxsize=8192)
def _measured_length(run: str, cut_verbs: bool) -> int:
    """How many characters at the end of run name the measured thing (0: none); pure, so cached."""
    digits = None
    for digits in _BARE_DIGITS_RE.finditer(run):
        pass
    if digits is not None and not run.startswith("强", digits.end()):  # 中国500强企业: a list name, kept
        cut = digits.end()
        tail = _DATE_TAIL_RE.match(run, cut)
        if tail:
            cut = tail.end()
        run = run[cut:]
    cut = 0
    for st in _STOP_ANY_RE.finditer(run, 0, len(run) - 1):  # the last stop word before the head
        if st.end() > cut and (not _inside_noun(run, st.start(), st.end() - st.start())
                               or _owned_by_state(run, st.start())) \
                and not (st.end() - st.start() == 1 and (run[st.start() - 1:st.end()] in _VERBS  # 累|计, not 共|计
                                                         or run[st.start():st.end() + 1] in _VERBS)):  # 对|接企业
            if st.group() in _JOINERS and st.start() - cut >= 2 and not _has_verb(run, cut, st.start()):
                continue  # 软件和信息技术服务业营业利润, 灵敏度和特异性: nouns joined by 和 stay together
            if st.group() in _JOINERS and st.start() - cut >= 4:
                obj = _last_verb_end(run, cut, st.start())
                if obj is not None and st.start() - obj >= 2 and len(run) - st.end() >= 2:
                    cut = obj  # 捐赠|善款和物资, 培养引进|技术人才和管理人才: the verb's object is joined
                    continue
            if st.group() in ("的", "等") and st.start() - cut >= 2:
                continue  # 落户天津的员工, 闲置撂荒的土地, 闲置农房等资产: the modifier belongs to the phrase
            if bare_measure(run[st.end():]) and st.group() in _VERBS:
                continue  # 覆盖|人数, 减少|数量, 完成|比例: a bare measure word is named with the verb before it
            cut = st.end()
    cut0 = cut
    if cut_verbs and "的" not in run[cut:]:  # the main verb: 招募|志愿者3000名, 关闭|门店 (not 落户天津的|员工)
        i = cut
        while i <= len(run) - 3 and run[i:i + 2] in _VERBS and run[i + 2] not in _NOUN_TAILS and run[i + 2] != "等" \
                and not _inside_noun(run, i, 2):
            i += 3 if run[i + 2] == "了" else 2
        cut = i
        marked = run.rfind("了", cut, len(run) - 2)  # 领取了|职业提升技能补贴: 了 marks the main verb
        if marked >= cut + 2 and run[marked - 2:marked] in _VERBS:
            cut = marked + 1
        cut = given_object(run, cut0, object_start(run, _after_main_verb(run, cut), _main_verb_at,
                                                   run[-1:] in _MEASURE_TAILS))
    subject = run[cut:][-BEFORE_MAX:]
    tail = _STOP_BEFORE_RE.search(subject) if subject else None
    if not subject or tail and not _inside_noun(subject, tail.start(), tail.end() - tail.start()):
        return 0  # ends on a stop word (…已有), unless the stop is inside a noun (人均, 村均)
    if len(subject) < 2 or subject in _VERBS and subject not in _NOUNS and subject not in _ACTIONS:
        return 0  # 对象 cut to 象, 意向成交|711亿美元: no noun, or a bare verb, is not what is measured
    return len(subject)
