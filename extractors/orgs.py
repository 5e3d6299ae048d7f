"""Organisations: gazetteer and listed names, plus the productive pattern name + institution suffix.

The pattern runs right to left: find a suffix (学院, 商务厅, 委) that ends on a word boundary, then
take in the words before it (places, proper nouns, ordinary nouns, "(重庆)", Latin "PGRI") until a
function word or punctuation. The outermost name wins, so places inside it are not entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.entity_text import Ctx, is_cjk, is_latin

_ABSORB_TAGS = frozenset({"n", "vn", "an", "ng", "nz", "b", "f", "s", "l", "j", "nt", "ns", "nr", "nrt", "nrfg",
                          "a", "eng", "g", "k", "h"})
# Verbs that name what an institution does (发展研究院, 现代制造职业学院); other verbs end a name.
_NAME_VERBS = frozenset("""制造 发展 研究 管理 服务 建设 监督 保护 教育 开发 设计 规划 交流 合作 投资 出版 编辑 培训
救护 饲养 检验 检测 勘探 运输 贸易 经营 生产 销售 咨询 促进 改革 发行 留学 科创 创新 工作 治理 保障 监察 审计 统计 联络
协调 办公 体育 卫生 现代 当代 近代 古代 未来 国际 国家 中央 人民 广播 电视 航空 铁道 通信 邮电 电力 水利 化工 纺织 建筑 印刷 编译 翻译 新闻 信息 推广 援助 救助""".split())
# First characters of unknown words that start a clause, not a name (图为, 这是, 一是, 力克, 找家).
_NOT_NAME_START = frozenset("图这那一是为在将对把被向从给让力找办下日曾隶调据由与和及或但而并其该各每有已正")
_ANCHOR_TAGS = frozenset({"ns", "nt", "nz", "j", "nr", "nrt", "nrfg"})
_MAX_UNITS = 10
_PAPER = re.compile(r"《([^《》\n]{1,10}(?:日报|晚报|时报|早报|商报|周报|邮报|都市报|青年报|文摘报|读书报|导报|杂志|周刊|画报|教徒报))》")
_ADMIN = frozenset("省市县区州乡镇村党团")
_EVENT_ENDS = ("运会", "公报", "联赛", "大赛", "通报会", "冠军", "亚军")
_CONGRESS = re.compile(r"(?<![一二三四五六七八九十百])十[一二三四五六七八九]?大(?![学使厦会楼街道赛])")
_DIRECTIONS = frozenset("东南西北中内外上下前后全")
_MAX_CHARS = 30


@dataclass(frozen=True, slots=True)
class OrgCand:
    start: int
    end: int
    rule: str
    confidence: float
    kb_id: str | None = None
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    text: str
    tag: str | None  # jieba tag, "GAZ" for a gazetteer hit, None if unknown


def _units(ctx: Ctx, barriers: bytearray) -> list[_Unit]:
    """Tokens, with gazetteer hits overriding token boundaries."""
    if not ctx.places and not ctx.orgs:
        return _split_titles(ctx, [_Unit(a, a + len(t), t, g) for a, t, g in zip(ctx.starts, ctx.tokens, ctx.tags)])
    cuts = set(ctx.starts)
    cuts.add(len(ctx.norm))
    gaz = sorted(ctx.places + ctx.orgs, key=lambda h: h.start)
    inside: set[int] = set()
    for h in gaz:
        cuts.add(h.start)
        cuts.add(h.end)
        inside.update(range(h.start + 1, h.end))
    bounds = sorted(c for c in cuts if c not in inside)
    gaz_at = {h.start: h for h in gaz}
    units: list[_Unit] = []
    tok_at = ctx.tok_at
    for a, b in zip(bounds, bounds[1:]):
        if a >= b:
            continue
        text = ctx.norm[a:b]
        h = gaz_at.get(a)
        if h is not None and h.end == b:
            tag: str | None = "GAZ"
        else:
            ti = tok_at.get(a)
            tag = ctx.tags[ti] if ti is not None and len(ctx.tokens[ti]) == b - a else ctx.lex.pos.get(text)
        units.append(_Unit(a, b, text, tag))
    return _split_titles(ctx, units)


# 部长 = 部 + 长 in "委内瑞拉能矿部长": the organisation ends before the head's 长.
_HEAD_TITLES = frozenset("部长 局长 厅长 处长 科长 所长 院长 厂长 社长 馆长 站长 台长 行长 会长 团长 队长".split())


def _split_titles(ctx: Ctx, units: list[_Unit]) -> list[_Unit]:
    """Split words that glue an organisation to a title: 县委书记 -> 县委 + 书记, 能矿部长 -> 能矿部 + 长."""
    out: list[_Unit] = []
    titles = ctx.lex.title_set
    for u in units:
        t = u.text
        cut = 0
        if len(t) >= 3 and u.tag != "GAZ":
            for n in (3, 2):
                if len(t) > n and t[-n:] in titles and _suffix_of(ctx, t[:-n]):
                    cut = len(t) - n
                    break
        if not cut and len(t) >= 2 and t[-2:] in _HEAD_TITLES and out and out[-1].text[-1:] != t[-2] \
                and not t[:-2].endswith(("副", "正", "总", "常务", "代")) and (len(t) > 2 or out[-1].text not in ("副", "正", "总")) \
                and (len(t) > 2 or _absorbable(ctx, out[-1])[0]):
            cut = len(t) - 1
        if cut:
            out.append(_Unit(u.start, u.start + cut, t[:cut], ctx.lex.pos.get(t[:cut])))
            out.append(_Unit(u.start + cut, u.end, t[cut:], ctx.lex.pos.get(t[cut:])))
        else:
            out.append(u)
    return out


def _suffix_of(ctx: Ctx, text: str) -> str | None:
    """Longest listed suffix ``text`` ends with (lengths tried longest first)."""
    table = ctx.lex.org_suffixes
    if not text or text[-1] not in ctx.lex.org_suffix_last:
        return None
    for n in ctx.lex.org_suffix_lengths:
        if n <= len(text) and text[-n:] in table:
            return text[-n:]
    return None


def _is_country(ctx: Ctx, start: int, units: list[_Unit], k: int) -> bool:
    """The word before 政府 is a country or 中央/联邦 (a national government, read as the country
    in news convention), not a local one (区政府, 永川区政府 stay organisations)."""
    u = units[k]
    head = u.text[:-2]
    if not head and k > 0:
        prev = units[k - 1]
        head = prev.text
        if prev.tag == "GAZ":
            return any(h.start == prev.start and (h.kb_id or "").startswith("ISO-") for h in ctx.places)
    return head in ctx.lex.country_names or head in ("中央", "联邦") or \
        (len(head) == 1 and ctx.lex.place_abbr_kind.get(head) == "country")


def _absorbable(ctx: Ctx, u: _Unit) -> tuple[bool, bool]:
    """(may be inside an org name, counts as a proper-name anchor)."""
    t = u.text
    if u.tag == "GAZ":
        return True, True
    if t in ctx.lex.org_breakers or t in ctx.lex.title_set:
        return False, False
    if is_latin(t):
        return any(c.isalpha() for c in t), True
    if not all(is_cjk(c) for c in t):
        return False, False
    if u.tag is None:
        return True, len(t) >= 2 and t[0] not in _NOT_NAME_START
    if u.tag in ("v", "vn") or t in _NAME_VERBS:
        return t in _NAME_VERBS or u.tag == "vn", False
    if u.tag == "m":
        return (t.startswith("第") or t.endswith("届")), False
    if u.tag in _ABSORB_TAGS:
        return True, u.tag in _ANCHOR_TAGS
    return False, False


def find_orgs(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """``barriers`` marks characters (people) an organisation name may not cover."""
    out: list[OrgCand] = []
    lex = ctx.lex
    for h in ctx.orgs:
        if not any(barriers[h.start:h.end]):
            out.append(OrgCand(h.start, h.end, "org.gazetteer", 0.9, h.kb_id, h.canonical))
    s = ctx.norm
    first = lex.org_name_first
    for p in ctx.starts:
        for n in first.get(s[p], ()):
            if s[p:p + n] in lex.org_names and not any(barriers[p:p + n]):
                out.append(OrgCand(p, p + n, "org.list", 0.85))
                break
    for m in _CONGRESS.finditer(s):
        if not any(barriers[m.start():m.end()]):
            out.append(OrgCand(m.start(), m.end(), "org.congress", 0.8))
    for m in _PAPER.finditer(s):
        out.append(OrgCand(m.start(1), m.end(1), "org.newspaper", 0.75))
    units = _units(ctx, barriers)
    suffix_last = lex.org_suffix_last
    for k, u in enumerate(units):
        if u.text[-1] not in suffix_last and u.tag != "nt":
            continue  # speed: neither a suffix nor a dictionary organisation can end here
        if barriers[u.start]:
            continue
        suf = _suffix_of(ctx, u.text)
        if suf is None:
            if u.tag == "nt" and len(u.text) >= 5 and not u.text.endswith("运会"):
                out.append(OrgCand(u.start, u.end, "org.dict", 0.7))
            continue
        strength = lex.org_suffixes[suf]
        if len(suf) == 1 and len(u.text) >= 2 and u.text[-2] in _DIRECTIONS:
            continue  # 北部, 中部: a direction, not a ministry
        if len(suf) == 1 and len(u.text) >= 2 and u.tag != "GAZ" and u.text[-2] not in _ADMIN and \
                lex.pos.get(u.text[-2:], "nt") not in ("nt", "j") and (len(u.text) == 2 or u.tag is not None):
            continue  # 大局, 干部, 顾全大局: an ordinary word ending in 局/部 (县委 stays)
        if u.text in lex.title_set or u.text.endswith(_EVENT_ENDS):
            continue  # 常委 is a title; 奥运会, 联合公报 are events and documents
        if suf == "政府" and _is_country(ctx, u.start, units, k):
            continue  # 中国政府: the news convention reads the country, not an organisation
        # The unit's own text before the suffix is part of the name (区委 -> 区 + 委).
        head_anchor = u.tag in _ANCHOR_TAGS or (u.tag is None and len(u.text) > len(suf) + 1)
        if strength == "weak" and not (u.tag == "nt" or head_anchor):
            continue
        start, anchor_start = _extend_left(ctx, units, k, barriers)
        if anchor_start is None:
            if u.tag == "nt" or (head_anchor and len(u.text) >= 3):
                out.append(OrgCand(u.start, u.end, "org.dict", 0.7))
            continue
        conf = {"strong": 0.85, "medium": 0.75, "weak": 0.6}.get(strength, 0.6)
        out.append(OrgCand(anchor_start, u.end, f"org.suffix.{strength}", conf))
    return out


def _extend_left(ctx: Ctx, units: list[_Unit], k: int, barriers: bytearray) -> tuple[int, int | None]:
    """Walk left from unit k; returns (leftmost reached, leftmost start that is an anchor)."""
    end = units[k].end
    start = units[k].start
    anchor: int | None = None
    after_group = False
    j = k - 1
    steps = 0
    while j >= 0 and steps < _MAX_UNITS and end - units[j].start <= _MAX_CHARS:
        u = units[j]
        if barriers[u.start] or barriers[u.end - 1]:
            break
        if u.text == ")":
            # a bracketed place or acronym inside the name: 达瓦(重庆)影像科技, 中国(四川)自贸区
            m = j - 1
            while m >= 0 and units[m].text != "(" and units[j].start - units[m].start <= 12:
                m -= 1
            inner = units[m + 1:j]
            if m < 1 or units[m].text != "(" or m + 1 == j or \
                    any(not (is_latin(x.text) or all(is_cjk(c) for c in x.text)) for x in inner) or \
                    units[j].start - units[m].end > 10 or any(barriers[x.start] for x in inner):
                break
            j = m - 1
            steps += 1
            after_group = True
            continue
        if u.text == " ":
            # spaces join Latin parts: 印尼日惹 PGRI 大学, 德国 GFM 教育集团
            left = units[j - 1] if j > 0 else None
            right = units[j + 1] if j + 1 < len(units) else None
            if not ((left and is_latin(left.text)) or (right and is_latin(right.text))) or left is None or left.text == " ":
                break
            j -= 1
            steps += 1
            continue
        ok, is_anchor = _absorbable(ctx, u)
        if not ok:
            break
        start = u.start
        if is_anchor or after_group:
            # a name right before a bracketed group is the proper name: 柯达(福建)光电科技
            anchor = u.start
        after_group = False
        j -= 1
        steps += 1
    return start, anchor


def with_acronym(ctx: Ctx, start: int, end: int) -> int:
    """Extend an organisation over a bracketed acronym right after it: 留学服务中心(EMGS)."""
    s = ctx.norm
    if s[end:end + 1] == "(":
        close = s.find(")", end + 1, end + 14)
        if close > end + 1 and is_latin(s[end + 1:close].replace(" ", "")):
            return close + 1
    return end


def acronym_of(ctx: Ctx, start: int, end: int) -> str | None:
    s = ctx.norm
    if s[end - 1:end] == ")":
        open_ = s.rfind("(", start, end)
        inner = s[open_ + 1:end - 1]
        if open_ >= 0 and is_latin(inner.replace(" ", "")):
            return inner.upper()
    return None
