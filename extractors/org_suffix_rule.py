"""The productive rule: a name + an institution suffix (学院, 商务厅, 委), read right to left from a
unit ending in a suffix (or a dictionary organisation) over the words a name may hold, down to a
proper-name anchor; with the nested units of a body found before it (人民出版社|第三图书编辑室).

Why: most organisations in news text are in no list; their suffix and a proper name before it are
what names them. The outermost name wins, so places inside it are not entities.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zhnews.extractors.entity_text import Ctx, all_cjk, is_cjk, is_latin
from zhnews.extractors.org_base import (_ANCHOR_TAGS, _NATIONAL, _NOT_NAME_START, _WORD_SUFFIXES, OrgCand, Unit,
                                        _absorbable, _suffix_of)
from zhnews.extractors.org_chains import _kinds, unit_stops
from zhnews.extractors.org_units import _units_from

# How far left of its suffix a name may reach (units, characters).
_MAX_UNITS = 10
_MAX_CHARS = 30
# The longest name of a body with its units (中国科学院高能物理研究所第三研究室 has 16 characters): an outer body
# chained past it is a run of names, not one, and chaining it on was quadratic.
_MAX_NESTED_CHARS = 60
# A level before a one-character suffix makes a body, not an ordinary word (县委, 省局).
_ADMIN = frozenset("省市县区州乡镇村党团地")
# A direction before a one-character suffix is no body (北部, 中部).
_DIRECTIONS = frozenset("东南西北中内外上下前后全")
# A bare level right before a body is part of its name (市人大常委会, 省委老干部局).
_ADMIN_PREFIX = frozenset("省市县区乡镇")
# Bodies every level has: level + one of these (市政府, 县委, 省人大) is a body of its own.
_LEVEL_BODIES = frozenset({"委", "政府", "人民政府", "人大", "政协", "纪委", "监委", "人大常委会", "委员会"})


_COUNTRY_STARTS: tuple = (None, -1, frozenset())  # (ctx.places, its length, starts of its countries)


def _country_starts(ctx: Ctx) -> frozenset[int]:
    """Where gazetteer countries start, once per text: scanning every place for every 政府 was quadratic
    (issue 18). Keyed on the places list itself (held, so its id cannot be reused) and its length; one
    tuple, read and replaced whole, so threads never see a mix."""
    global _COUNTRY_STARTS
    places, n, starts = _COUNTRY_STARTS
    if places is not ctx.places or n != len(ctx.places):
        starts = frozenset(h.start for h in ctx.places if (h.kb_id or "").startswith("ISO-"))
        _COUNTRY_STARTS = (ctx.places, len(ctx.places), starts)
    return starts


def _is_country(ctx: Ctx, start: int, units: list[Unit], k: int) -> bool:
    """The word before 政府 is a country or 中央/联邦 (a national government, read as the country
    in news convention), not a local one (区政府, 永川区政府 stay organisations)."""
    u = units[k]
    head = u[2][:-2]
    if not head and k > 0:
        prev = units[k - 1]
        head = prev[2]
        if prev[3] == "GAZ":
            return prev[0] in _country_starts(ctx)
    return head in ctx.lex.country_names or head in ("中央", "联邦") or \
        (len(head) == 1 and ctx.lex.place_abbr_kind.get(head) == "country")


# Confidence of a suffix-rule name by the strength of its suffix.
_CONF = {"strong": 0.85, "medium": 0.75, "weak": 0.6, "facility": 0.75}


def _org_ending_with(ctx: Ctx, units: list[Unit], k: int, barriers: bytearray,
                     ends: dict[int, OrgCand]) -> OrgCand | None:
    """The organisation whose name ends with unit k (a suffix word or a dictionary organisation),
    if any; ``ends``: the longest organisation found so far ending at each offset (for nested units)."""
    lex = ctx.lex
    u_start, u_end, text, tag = units[k]
    if barriers[u_start]:
        return None
    suf = _suffix_of(ctx, text)
    if suf is None:
        if tag == "nt" and len(text) >= 5 and not text.endswith("运会"):
            return OrgCand(u_start, u_end, "org.dict", 0.7)
        return None
    strength = lex.org_suffixes[suf]
    if len(suf) == 1 and len(text) >= 2 and text[-2] in _DIRECTIONS and suf != "队" and tag != "nt":
        return None  # 北部, 中部: a direction, not a ministry (中队 stays a unit)
    if text in unit_stops():
        return None  # 车间, 董事局(主席): a workshop or a board read with its post ends the name before it
    if len(text) == 1 and k > 0 and units[k - 1][2] in lex.org_breakers:
        return None  # 胶东半岛西北|部: a direction word before 部
    if len(text) == 1 and suf != "队" and k > 0 and all(c in _DIRECTIONS for c in units[k - 1][2]):
        return None  # 柬埔寨|西南|部: a region word (a gazetteer hit) before 部 is a direction
    if text[0] in "副正" and len(text) <= 3 and ctx.norm[u_end:u_end + 1] == "长":
        return None  # 管理局|副局|长江开勇: jieba cut the post 副局长, no unit named 副局
    if text == suf and tag == "v" and strength != "nested":
        return None  # 组织 as a verb: "学联组织的" ends the name at 学联 (分行 after a bank is no verb)
    # 大局, 干部, 顾全大局: an ordinary word ending in 局/部 is no body (县委 is), unless a proper
    # name comes before it (海岸警卫队 after 国家, 热电厂 after 龙源, 制药厂 after a university)
    ordinary = len(suf) == 1 and len(text) >= 2 and tag != "GAZ" and text[-2] not in _ADMIN and \
        lex.pos.get(text[-2:], "nt") not in ("nt", "j") and (len(text) == 2 or tag is not None)
    # (a word the dictionary tags as an organisation, 民政局, is one after a name: 福州市民政局)
    if ordinary and (len(text) == 2 or (text[-2:] in lex.org_ordinary_ends and tag != "nt")):
        return None
    if text.endswith("团队") and tag != "nt":
        return None  # 研发团队, 考古团队: a team of people, not a named body
    if text in lex.title_set or text.endswith(lex.org_event_ends) or \
            (len(text) >= 3 and text[0] in "副正总" and text[1:] in lex.title_set):  # 副领队: a post
        return None  # 常委 is a title; 奥运会, 联合公报 are events and documents
    if suf == "政府" and _is_country(ctx, u_start, units, k):
        return None  # 中国政府: the news convention reads the country, not an organisation
    # The unit's own text before the suffix is part of the name (区委 -> 区 + 委).
    head_anchor = tag in _ANCHOR_TAGS or (tag is None and len(text) > len(suf) + 1) or \
        (strength == "strong" and len(text) > len(suf) + 1 and  # 中国交响乐团 as one word: the country names it
         any(text[:n] in lex.country_names for n in (2, 3, 4)))
    start, anchor_start = _extend_left(ctx, units, k, barriers)
    if anchor_start is not None and (strength == "facility" or suf == "电站") and _generic_place(units, k, anchor_start):
        return None  # 国家三级博物馆, 光伏电站, 中小博物馆: a kind of place, not a named one
    if suf == "科技" and text == suf and _verb_inside(units, k, anchor_start if anchor_start is not None else start):
        return None  # 大力宣传科技, 提高科技: the field, not a company (达瓦(重庆)影像科技 is one)
    if suf == "科技" and text == suf and k + 1 < len(units) and units[k + 1][0] == u_end and \
            (units[k + 1][3] in _FIELD_AFTER or units[k + 1][2] in _tech_fields()):
        return None  # 农牧科技|研究, 新一轮科技|革命, 科技|感: the field modifies a noun, no company
    outer = _org_before(ends, units, k, start) if _may_be_unit(ctx, text, tag, strength) else None
    if outer is not None and u_end - outer.start > _MAX_NESTED_CHARS:
        outer = None  # a unit of a unit of a unit…: no name is this long (issue 18: 湖南省…人民政府 repeated became one ORG)
    if outer is not None and any(u[3] in ("v", "vn", "l", "i", "d", "ad") for u in _units_from(units, k, outer.end)):
        outer = None  # 银保监会|严厉查处|银行: a clause, not a unit of the body
    if ordinary and anchor_start is None and outer is None:
        return None
    if text == "总部" and outer is not None and outer.end == u_start:
        return None  # 国际奥委会|总部所在地: the head office as a site; 润和软件|南京总部 is a unit
    if outer is not None and (anchor_start is None or strength == "nested" or outer.start <= anchor_start):
        # a unit of an organisation: 人民出版社|第三图书编辑室, 宝安区委|办公室, 中科院|高能物理所
        return OrgCand(outer.start, u_end, "org.nested", 0.7, label=_label(strength))
    if strength == "nested" or (strength == "weak" and not (tag == "nt" or head_anchor)):
        return None
    if anchor_start is None and k > 0 and units[k - 1][1] == u_start and \
            units[k - 1][2] in _ADMIN_PREFIX and not barriers[u_start - 1] and len(text) >= 2:
        # 市人大常委会, 省委老干部局: the bare level (市, 省) before a body is part of its name
        return OrgCand(u_start - 1, u_end, "org.suffix.level", 0.65)
    if anchor_start is None:
        if strength == "facility" and text == suf:
            return None  # 美术馆 alone is no name
        if (tag == "nt" or (head_anchor and len(text) >= 3)) and not _kind_name(text, suf):
            return OrgCand(u_start, u_end, "org.dict", 0.7, label=_label(strength))
        if tag == "n" and suf in _WORD_SUFFIXES and len(text) >= 3 and lex.pos.get(text[:-1]) not in ("v", "vn"):
            return OrgCand(u_start, u_end, "org.word", 0.65)  # name + suffix as one word: 文化部, 公牛队
        return None
    anchor_start = _orphan_before(units, k, anchor_start, barriers)
    if _kind_name(ctx.norm[anchor_start:u_end], suf):
        return None  # 国家重点实验室, 城市商业银行: a kind of body, no name
    if _after_places(ctx, units, k, anchor_start) in _place_kinds():
        return None  # 安徽省|家庭|农场, 泰安市|医院: a place and a kind of body, no name
    if strength == "facility" and suf not in _HUBS:
        anchor_start = _facility_start(ctx, units, k, anchor_start)
    return OrgCand(anchor_start, u_end, f"org.suffix.{strength}", _CONF.get(strength, 0.6), label=_label(strength))


# Tags of a word after 科技 that make 科技 the field modifying it (科技|研究, 科技|革命, 科技|服务业).
_FIELD_AFTER = frozenset({"n", "vn", "ng", "an", "l", "j", "nz", "k"})
_KIND_MODIFIERS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "kind_modifiers.txt"


@cache
def _kind_modifiers() -> tuple[str, ...]:
    """gazetteers/orgs/kind_modifiers.txt: words that make a dictionary body word a kind (普通高中)."""
    lines = _KIND_MODIFIERS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


_PLACE_KINDS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "place_kinds.txt"


@cache
def _place_kinds() -> frozenset[str]:
    """gazetteers/orgs/place_kinds.txt: body words a place alone before them does not name."""
    lines = _PLACE_KINDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _after_places(ctx: Ctx, units: list[Unit], k: int, start: int) -> str:
    """The name's text after the places it starts with (安徽省|家庭农场 -> 家庭农场); "" when no
    place starts it."""
    inside = _units_from(units, k, start)
    j = 0
    while j < len(inside) and ((inside[j][3] == "GAZ" and ctx.place_mask[inside[j][0]]) or inside[j][3] == "ns"):
        j += 1
    if j == 0:
        return ""
    return ctx.norm[inside[j][0] if j < len(inside) else units[k][0]:units[k][1]]


@cache
def _tech_fields() -> frozenset[str]:
    """gazetteers/orgs/tech_field_after.txt: words after 科技 that make it the field (科技|创新)."""
    path = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "tech_field_after.txt"
    return frozenset(x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#"))


_NATIONAL_PREFIXES = tuple(_NATIONAL)


def _kind_name(name: str, suf: str) -> bool:
    """A kind modifier and at most two more characters before the suffix, after an optional national
    level: 普通高中, 外资银行, 城市商业银行, 国家重点实验室 name a kind of body, not one."""
    if name.startswith(_NATIONAL_PREFIXES):  # one C-speed test first: most names start with none of them
        n = next(n for n in _NATIONAL if name.startswith(n))
        name = name[len(n):]
    mods = _kind_modifiers()  # one C-speed test first: most names start with none of them
    mod = next((m for m in mods if name.startswith(m)), None) if name.startswith(mods) else None
    return mod is not None and name.endswith(suf) and len(name) - len(mod) - len(suf) <= 2


# Facilities named after their city keep it (北京大兴国际机场, 义乌站).
_HUBS = frozenset({"机场", "国际机场", "火车站"})
# Last characters of the administrative places cut off before a facility (河南省|兰考县|东坝头镇|张庄村文化广场).
_ADMIN_END = frozenset("省市县区镇乡")
# A place glued to one of these names a river, lake or mountain, not an owner (通榆|河特大桥).
_NATURAL_HEADS = frozenset("河湖山江海岛溪峡")


def _facility_start(ctx: Ctx, units: list[Unit], k: int, start: int) -> int:
    """Where a facility's name starts: the administrative places written before it are their own
    GPEs while what follows them is still a name on its own (武汉|五环体育中心体育场); the last ones
    stay inside when only generic words follow (张庄村文化广场, 湖南省博物馆)."""
    gpe_end = {h.end for h in ctx.places if h.label == "GPE"}
    cut = start
    for j in range(k):
        u_start, u_end, text, tag = units[j]
        if u_end <= start:
            continue
        if u_start in _country_starts(ctx):
            break  # a country only tells whose it is and stays inside (美国克利夫兰美术馆, MSRA)
        if not (u_end in gpe_end or (text[-1] in _ADMIN_END and tag != "v" and u_end > cut + 1)):
            continue
        nxt = units[j + 1]
        if j + 1 < k and _absorbable(ctx, nxt[2], nxt[3])[1] and nxt[2][0] not in _NATURAL_HEADS and \
                any(_absorbable(ctx, u[2], u[3])[1] for u in units[j + 1:k]):
            cut = u_end  # a name follows the place (东坝头镇|张庄村; not 通榆|河特大桥)
    return cut


# Tags of a lone character jieba cut off a name's first word (中|安信, 丸|繁制果, 大|韩, 栃|木县).
_ORPHAN_TAGS = frozenset({None, "zg", "j", "a", "f", "ng"})
# Lone characters that start a phrase, not a name (前国家队, 后勤, 内设机构).
_NOT_ORPHAN = frozenset("前后上下内外里原新老各每该本全其此这那两")


def _orphan_before(units: list[Unit], k: int, start: int, barriers: bytearray) -> int:
    """The name's start, taking in one lone character between it and a hard boundary (punctuation,
    的, the text's start): jieba cut it off the name's first word (”中|安信科技有限公司, 的丸|繁制果公司)."""
    j = k
    while j > 0 and units[j][0] > start:
        j -= 1
    if j == 0 or units[j][0] != start:
        return start
    a, b, t, tag = units[j - 1]
    if b != start or len(t) != 1 or not is_cjk(t) or tag not in _ORPHAN_TAGS or t in _NOT_ORPHAN or \
            t in _NOT_NAME_START or barriers[a] or (tag == "f" and t != "中"):
        return start
    if j >= 2:
        p = units[j - 2]
        if p[1] != a or not (p[2] == "的" or not any(is_cjk(c) or c.isalnum() for c in p[2])):
            return start
    return a


def _label(strength: str) -> str:
    """Facilities (博物馆, 机场, 广场) are found like organisations but are places: the annotated
    news data labels them LOC."""
    return "LOC" if strength == "facility" else "ORG"


def _generic_place(units: list[Unit], k: int, anchor_start: int) -> bool:
    """A facility whose only proper part is an abbreviation (光伏, 中小: jieba tags them j) or
    which holds a grade (二级, 三级: tag b) names a kind of place."""
    inside = _units_from(units, k, anchor_start)
    return (bool(inside) and inside[0][3] == "j") or any(u[3] == "b" for u in inside)


def _verb_inside(units: list[Unit], k: int, start: int) -> bool:
    """A verb among the units from ``start`` to unit k; a verbal noun counts unless a bracket
    group comes right before it (达瓦(重庆)影像科技)."""
    for j in range(k - 1, -1, -1):
        u = units[j]
        if u[0] < start:
            return False
        if u[3] == "v" or (u[3] == "vn" and not (j > 0 and units[j - 1][2] == ")")):
            return True
    return False


def _may_be_unit(ctx: Ctx, text: str, tag: str | None, strength: str) -> bool:
    """A word that can name a unit inside the organisation before it: not a place (新华社|莫斯科),
    not a verb or idiom (集团|协办, 欧盟|签署, 严厉查处), not an unnamed unit (某部), not listed
    (军队, 干部, 大会), and after a one-character weak suffix a dictionary noun (复旦病理中心|还会)."""
    if strength == "weak" and tag is None:
        return False
    if strength == "nested" and tag == "v":
        tag = "n"  # 光大银行长春|分行: jieba reads 分行 as a verb; after a body it is a branch
    if len(text) >= 2 and text[0] in _ADMIN_PREFIX and text[1:] in _LEVEL_BODIES:
        return False  # 深圳市委|市政府: a body of its own at that level, not a unit of the party committee
    return tag not in ("GAZ", "v", "vn", "vd", "i", "a", "ad", "d") and not text.startswith("某") and \
        text not in ctx.lex.org_not_units and text not in unit_stops()


def _index_end(ends: dict[int, OrgCand], o: OrgCand) -> None:
    """Keep the longest organisation ending at o.end (the first found on a tie)."""
    best = ends.get(o.end)
    if best is None or o.start < best.start:
        ends[o.end] = o


def _org_before(ends: dict[int, OrgCand], units: list[Unit], k: int, start: int) -> OrgCand | None:
    """An organisation ending where unit k starts, or where one of the units before it that a name
    may hold (from ``start``, _extend_left's reach) ends: the body unit k's suffix is part of."""
    outer = ends.get(units[k][0])
    j = k - 1
    while outer is None and j >= 0 and units[j][0] >= start:
        outer = ends.get(units[j][1])
        j -= 1
    if outer is None and start < units[k][0]:
        # the body ends right where the unit's own words start, itself not a word a name holds:
        # 兴业银行重庆|分行|中小企业部, 北京协和医院|消化内科
        outer = ends.get(start)
    return outer


def _extend_left(ctx: Ctx, units: list[Unit], k: int, barriers: bytearray) -> tuple[int, int | None]:
    """Walk left from unit k; returns (leftmost reached, leftmost start that is an anchor)."""
    end = units[k][1]
    start = units[k][0]
    anchor: int | None = None
    after_group = False
    verb: tuple[int, int | None] | None = None  # (start, anchor) before a verb was taken in
    verb_anchored = False
    conj = 0
    j = k - 1
    steps = 0
    while j >= 0 and steps < _MAX_UNITS and end - units[j][0] <= _MAX_CHARS:
        u_start, u_end, text, tag = units[j]
        if barriers[u_start] or barriers[u_end - 1]:
            break
        if text == ")":
            # a bracketed place or acronym inside the name: 达瓦(重庆)影像科技, 中国(四川)自贸区
            m = j - 1
            while m >= 0 and units[m][2] != "(" and u_start - units[m][0] <= 12:
                m -= 1
            inner = units[m + 1:j]
            if m < 1 or units[m][2] != "(" or m + 1 == j or \
                    any(not (is_latin(x[2]) or all_cjk(x[2])) for x in inner) or \
                    u_start - units[m][1] > 10 or any(barriers[x[0]] for x in inner):
                break
            j = m - 1
            steps += 1
            after_group = True
            continue
        if text == "”":
            # a quoted name glued before the body: “光明行”医疗队, “丝路海运”联盟 (marks inside, the
            # name goes on after them); the quote is the name's start. Not when the body has a
            # proper name of its own (“神奇工长”南宁局..., “甩锅”世卫组织), a verb or a number comes
            # between (“…丛书”第二部), or the body is a government (“三无”电梯政府救济: a kind).
            own_name = anchor is not None or units[k][3] in ("GAZ", "nt") or verb is not None or \
                units[k][2].endswith("政府") or any(u[3] == "m" for u in units[j + 1:k + 1])
            group = None if own_name else _quoted_start(units, j, barriers)
            if group is not None and j + 1 == k and units[k][2] in _kinds():
                group = None  # “双一流”大学, “三甲”医院: a quoted grade before a kind of body names none
            if group is not None:
                start = anchor = group
            break
        if text in _DASHES and anchor is not None and anchor == u_end and j > 0 and verb is None:
            # two names joined by a dash before one body: 滨海—中关村科技园管委会,
            # 西电—EGEMAC高压电气有限责任公司; the left name must start the phrase
            left = units[j - 1]
            ok_left, left_anchor = _absorbable(ctx, left[2], left[3])
            if ok_left and left_anchor and not barriers[left[0]] and \
                    (j == 1 or not _absorbable(ctx, units[j - 2][2], units[j - 2][3])[0]):
                start = anchor = left[0]
            break
        if text == " ":
            # spaces join Latin parts: 印尼日惹 PGRI 大学, 德国 GFM 教育集团
            left = units[j - 1] if j > 0 else None
            right = units[j + 1] if j + 1 < len(units) else None
            if not ((left and is_latin(left[2])) or (right and is_latin(right[2]))) or left is None or left[2] == " ":
                break
            j -= 1
            steps += 1
            continue
        ok, is_anchor = _absorbable(ctx, text, tag)
        if not ok and j + 1 == k and text + units[k][2] in ctx.lex.org_suffixes:
            ok, is_anchor = True, False  # 华卫|律师|事务所: a post glued before the rest of the suffix
        if not ok and conj < 2 and _joins_fields(ctx, units, j, k):
            # fields joined inside one body's name: 上海市|文化|和|旅游局, 埃及规划与经济发展部,
            # 尼泊尔工业、商业与供应部; kept only if a proper name is reached further left
            if verb is None:
                verb = (start, anchor)
            conj += 1
            start = u_start
            j -= 1
            steps += 1
            continue
        if not ok:
            if verb is None and tag == "v" and len(text) == 2 and j + 1 < k and units[j + 1][3] in ("n", "vn") \
                    and all_cjk(text) and j > 0 and units[j - 1][3] in ("n", "an") \
                    and not _suffix_of(ctx, units[j - 1][2]):
                # one verb inside a name, between two ordinary nouns: 中国绿色|照明|工程办公室; kept
                # only if a proper name is reached further left (else the name ends after the verb),
                # never right after a name or a body (工行|设立|疫情防控专项基金, 美国航空集团|结成)
                verb = (start, anchor)
                start = u_start
                j -= 1
                steps += 1
                continue
            break
        start = u_start
        if is_anchor or after_group:
            # a name right before a bracketed group is the proper name: 柯达(福建)光电科技
            anchor = u_start
            verb_anchored = verb is not None
        after_group = False
        j -= 1
        steps += 1
    if verb is not None and not verb_anchored:
        return verb
    return start, anchor


_DASHES = frozenset({"—", "－"})
# How long a quoted name before a body may be (characters inside the marks).
_MAX_QUOTED = 10


def _quoted_start(units: list[Unit], j: int, barriers: bytearray) -> int | None:
    """Start of the “…” group closing at unit j, when it holds a short name (letters and words, no
    punctuation, no person): else None."""
    m = j - 1
    while m >= 0 and units[m][2] != "“" and units[j][0] - units[m][1] <= _MAX_QUOTED:
        m -= 1
    if m < 0 or units[m][2] != "“" or m + 1 == j:
        return None
    inner = units[m + 1:j]
    if any(not (is_latin(x[2]) or all_cjk(x[2])) or barriers[x[0]] for x in inner):
        return None
    return units[m][0]


# Dictionary tags of the field words joined inside one body's name (文化|和|旅游局).
_FIELD_TAGS = frozenset({"n", "vn", "an", "nz", "l"})


def _joins_fields(ctx: Ctx, units: list[Unit], j: int, k: int) -> bool:
    """Unit j is 和/与/、 between two field words inside a name (文化|和|旅游局), not between two
    bodies (发展改革委、财政部) or two places (中国和美国政府)."""
    text = units[j][2]
    if text not in ("和", "与", "、") or j == 0 or (text == "、" and j + 1 >= k):
        return False
    left, right = units[j - 1], units[j + 1]
    if j + 1 == k and len(right[2]) <= len(_suffix_of(ctx, right[2]) or ""):
        return False  # 党建工作与中心: a bare suffix word is no body of its own
    for u in (left, right) if j + 1 < k else (left,):
        t, tag = u[2], u[3]
        if not (tag in _FIELD_TAGS or (tag is None and text != "、" and len(t) >= 2 and all_cjk(t))):
            return False
        if t in ctx.lex.title_set or t in _NATIONAL or (text == "、" and (len(t) > 2 or tag != "n")):
            return False  # 副政治委员、海军..., 港务部门和国家海岸警卫队: two names, not one
    return _suffix_of(ctx, left[2]) is None and left[2] not in ctx.lex.org_breakers
