"""What a found name must pass, and the last touches to it: a listed or gazetteer name on word
boundaries (财政部|门 is no ministry), names that name one body (not 各级党委, 一家文创公司, 各国央行,
人大代表), the ordinal before it (第六届全国人大), and a facility that acts is an ORG (卢浮宫推出).

Why: every organisation rule produces these false or short names; they are judged once, here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.org_base import OrgCand

# A leading ordinal is part of the name: 第六届全国人大, 首届立法会.
_ORDINAL_BEFORE = re.compile(r"(?:第[〇零一二三四五六七八九十百0-9０-９]{1,4}|首|(?<![两几多续])[一二三四五六七八九十]{1,3})届$")


def _ends_in_word(ctx: Ctx, end: int) -> bool:
    """The name's last character starts a dictionary noun with the next one, and no post follows:
    财政部|门 is 财政 + 部门 (各级财政部门), not the ministry (税务局长, 国会议员 keep theirs)."""
    s = ctx.norm
    pair = s[end - 1:end + 1]
    return len(pair) == 2 and end not in ctx.tok_at and ctx.lex.pos.get(pair) == "n" and pair not in ctx.lex.title_set \
        and not any(s[end:end + n] in ctx.lex.title_set for n in (2, 3))  # 国会|议员: a post follows


# A level a listed body starts with (县政府, 省委), and the counts and pointers before it that make
# it several bodies or a kind (三县政府, 各省委, 全市政府).
_LEVELS = frozenset("省市县区乡镇")
_COUNTS = frozenset("一二三四五六七八九十两几多各每全诸某数0123456789")


def cuts_two_words(ctx: Ctx, start: int, end: int) -> bool:
    """A gazetteer name that starts inside one word and ends inside another (心中|共同 holds no 中共)."""
    if start in ctx.tok_at or end in ctx.tok_at or end >= len(ctx.norm):
        return False
    k = bisect_right(ctx.starts, start) - 1
    return k >= 0 and ctx.starts[k] + len(ctx.tokens[k]) < end


def _listed_name_here(ctx: Ctx, start: int, end: int) -> bool:
    """A listed name is not a word the dictionary calls a verb (使我联想到: 联想 the verb) and
    does not cut a word that starts inside it (25日|共同发表 holds no 日共). It may end inside the
    word it starts: jieba glues short names to what follows (市委书记, 微软内部)."""
    k = ctx.tok_at.get(start)
    if k is None or _ends_in_word(ctx, end):
        return False
    if ctx.norm[start] in _LEVELS and start > 0 and ctx.norm[start - 1] in _COUNTS:
        return False  # 三县政府, 各省政府: a count of bodies, not the one body of a level
    if start + len(ctx.tokens[k]) == end:
        return ctx.tags[k] not in ("v", "vn")
    last = bisect_right(ctx.starts, end - 1) - 1  # the word holding the name's last character
    return ctx.starts[last] == start or ctx.starts[last] + len(ctx.tokens[last]) == end


# Words after which the name before is a kind of person or a field, not a body: 共产党员, 民主党派,
# 中国科技工作者, 科技界.
_NOT_BODY_AFTER = ("员", "派", "工作者", "界")


_PLURAL_KINDS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "plural_kinds.txt"


@cache
def _plural_kinds() -> tuple[frozenset[str], tuple[str, ...]]:
    """(short names of one body, the words before them that make them a kind: 各国央行)."""
    rows = [x.split("\t") for x in _PLURAL_KINDS_FILE.read_text(encoding="utf-8").splitlines()
            if x and not x.startswith("#")]
    return frozenset(w for k, w in rows if k == "kind"), tuple(w for k, w in rows if k == "before")


# Company, bank and school words: a name made of them and ordinary nouns alone names a kind.
_KIND_ENDS = ("公司", "银行", "学校", "组织")
# Words that make such a name one body after all: 全国电力公司, 皇家银行, 海军航空学校.
_KIND_NAMERS = ("国家", "全国", "中央", "皇家", "军")
# A count of bodies (两国, 两军, 双方) inside a name: two bodies, not one.
_PAIR_COUNT = re.compile("[两双][国军党方]")
_DETERMINERS = ("一家", "该", "这家", "那家", "某", "一所", "这所")
_PROPER_WORD_TAGS = frozenset({None, "nr", "nrt", "nrfg", "nz", "ns", "eng"})


def _has_proper_word(ctx: Ctx, start: int, end: int) -> bool:
    """A word of the span the dictionary does not know or tags as a name or place (和同, 北京)."""
    k = ctx.tok_at.get(start)
    if k is None:
        return True  # the span cuts a word: not sure, keep it
    while k < len(ctx.tokens) and ctx.starts[k] < end:
        if ctx.tags[k] in _PROPER_WORD_TAGS or ctx.place_mask[ctx.starts[k]]:
            return True
        k += 1
    return False


def kind_before_name(ctx: Ctx, o: OrgCand, org_starts: set[int]) -> bool:
    """A place and ordinary nouns ending in 公司 right before a company's name describe it
    (美国石油公司|埃克森美孚, 法国媒体资讯公司|THE WIT): the kind is no name of its own."""
    s = ctx.norm
    if not (o.rule.startswith("org.suffix") and s.endswith("公司", o.start, o.end)):
        return False
    if not (o.end in org_starts or (s[o.end:o.end + 1] == " " and o.end + 1 in org_starts)) and \
            not (o.end < len(s) and s[o.end].isascii() and s[o.end].isalpha()):
        return False
    k = ctx.tok_at.get(o.start)
    if k is None:
        return False
    while k < len(ctx.tokens) and ctx.starts[k] < o.end:
        if not ctx.place_mask[ctx.starts[k]] and ctx.tags[k] in _PROPER_WORD_TAGS:
            return False
        k += 1
    return True


# What a people's congress or a conference does, after its bare name: 人大监督 is the function.
_FUNCTION_AFTER = ("监督", "立法", "工作", "制度", "职能", "履职")


def _names_one_body(ctx: Ctx, o: OrgCand) -> bool:
    """False for a name that names no one body: a generic word, 各级党委, a company of a kind (一家文创公司),
    a plural kind (各国央行), a deputy's status (人大代表), a member or a field (共产党员, 科技界)."""
    s = ctx.norm
    name = s[o.start:o.end]
    if name in ctx.lex.org_generic:
        return False
    if "各级" in name:
        return False  # 各级党委, 江苏各级党委政府: the bodies of every level, none named
    if s.endswith(_DETERMINERS, max(0, o.start - 2), o.start) and o.rule.startswith("org.suffix") and \
            not _has_proper_word(ctx, o.start, o.end):
        return False  # 一家文创公司, 该房地产开发有限公司: a company of a kind, not named
    if o.rule.startswith("org.suffix") and name.endswith(_KIND_ENDS) and not _has_proper_word(ctx, o.start, o.end) \
            and not any(w in name for w in _KIND_NAMERS):
        return False  # 房地产开发有限公司, 城市商业银行, 民间组织: a kind of company or body, none named
    if _PAIR_COUNT.search(name):
        return False  # 中阿两国政府, 柬两军: a count of bodies after a pair of places names no one body
    kinds, plural = _plural_kinds()
    if name in kinds and s.endswith(plural, max(0, o.start - 4), o.start):
        return False  # 各国央行: central banks, not the People's Bank
    after = s[o.end:o.end + 3]
    if name in ("人大", "政协") and after.startswith(("代表", "委员")):
        return False  # 人大代表, 政协委员: a deputy's status, no body named (省人大代表 names the body)
    if name in ("人大", "政协") and (after.startswith(_FUNCTION_AFTER) or s.endswith(("地方", "基层"), 0, o.start)):
        return False  # 人大监督, 加强人大立法工作, 地方人大: the kind of body and its function, none named
    if after.startswith(_NOT_BODY_AFTER) and (name.endswith("党") or after.startswith(("工作者", "界"))):
        return False
    if name.endswith(_GROUP_ENDS) and (_TEAM_COUNT.search(s, max(0, o.start - 8), o.start) or
                                       _BATCH.search(name) or s[o.start - 1:o.start] in _TOWARDS):
        # 二十二支援鄂医疗队, 221支党员先锋队: a count of teams; 中国第十七批赴黎维和部队: a batch;
        # 赴|黎维和部队: the place it goes to, not its name (guideline §4)
        return False
    if name.endswith("中央") and len(name) > 2 and name[-3] not in _PARTY_ENDS:
        return False  # 世界舞台中央, 开发区中央: the middle of a place, not a party's central body
    return True


# Group nouns (医疗队, 先锋队, 代表团) and a count of such groups written before the name.
_GROUP_ENDS = ("队", "团")
_TEAM_COUNT = re.compile("[0-9一二三四五六七八九十百两几多]支(?:(?![队团])[\u4e00-\u9fff]){0,2}$")
# A batch ordinal (第十七批) and the verbs that put a destination before a group noun (赴黎维和部队).
_BATCH = re.compile("第[0-9一二三四五六七八九十百]{1,4}批")
_TOWARDS = frozenset({"赴", "援", "驻"})
# Last characters of the parties and leagues whose central body is 某某中央 (党中央, 民盟中央, 民建中央).
_PARTY_ENDS = frozenset("党盟团共进建社联")


def _with_ordinal(s: str, o: OrgCand) -> OrgCand:
    """The name with the ordinal term written before it (第六届全国人大, 第七届、八届、九届民盟中央)."""
    m = _ORDINAL_BEFORE.search(s, max(0, o.start - 7), o.start)
    if m is None:
        return o
    start = m.start()
    for _ in range(4):  # coordinated terms are one body: 第七届、八届、九届民盟中央
        if start < 2 or s[start - 1] != "、":
            break
        m = _ORDINAL_BEFORE.search(s, max(0, start - 8), start - 1)
        if m is None:
            break
        start = m.start()
    return OrgCand(start, o.end, o.rule, o.confidence, o.kb_id, o.canonical)


_FACILITY_ACTS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "facility_acts.txt"
_PLACE_VERBS_BEFORE = ("在", "到", "赴", "参观", "走进", "来到", "前往", "游览", "位于", "去")
_ADVERBS_AFTER = re.compile("(?:近日|日前|近期|也|还|已|将|则|正式|首次)?")


@cache
def _facility_acts() -> tuple[str, ...]:
    """gazetteers/orgs/facility_acts.txt, longest first: what a facility does as an institution."""
    lines = _FACILITY_ACTS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(sorted((x for x in lines if x and not x.startswith("#")), key=len, reverse=True))


def acts_as_institution(ctx: Ctx, pos: int) -> bool:
    """A post (馆长) or an act (推出, gazetteers/orgs/facility_acts.txt) at ``pos``: the facility named
    before it is the institution."""
    nxt = ctx.norm[pos:pos + 4]
    return nxt.startswith(_facility_acts()) or any(nxt[:n] in ctx.lex.title_set for n in (2, 3, 4))


def _acting_facility(ctx: Ctx, o: OrgCand) -> OrgCand:
    """A museum, gallery or palace is the institution (ORG) where it acts or employs: a title or an
    act right after its name (卢浮宫推出, 大英博物馆馆长), not after 在/参观 (a place)."""
    s = ctx.norm
    if s.endswith(_PLACE_VERBS_BEFORE, max(0, o.start - 2), o.start):
        return o
    if acts_as_institution(ctx, _ADVERBS_AFTER.match(s, o.end).end()):
        return OrgCand(o.start, o.end, o.rule, o.confidence, o.kb_id, o.canonical, "ORG")
    return o
