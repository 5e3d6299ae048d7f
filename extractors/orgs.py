"""Organisations: gazetteer and listed names, plus the productive pattern name + institution suffix.

The pattern runs right to left: find a suffix (学院, 商务厅, 委) that ends on a word boundary, then
take in the words before it (places, proper nouns, ordinary nouns, "(重庆)", Latin "PGRI") until a
function word or punctuation. The outermost name wins, so places inside it are not entities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from pathlib import Path
from operator import add, itemgetter
from dataclasses import dataclass

from zhnews.extractors.entity_text import Ctx, is_cjk, is_latin, positions_of
from zhnews.extractors.org_chains import country_arms, owned_bodies

_ABSORB_TAGS = frozenset({"n", "vn", "an", "ng", "nz", "b", "f", "s", "l", "j", "nt", "ns", "nr", "nrt", "nrfg",
                          "a", "eng", "g", "k", "h"})
# Verbs that name what an institution does (发展研究院, 现代制造职业学院); other verbs end a name.
_NAME_VERBS = frozenset("""制造 发展 研究 管理 服务 建设 监督 保护 教育 开发 设计 规划 交流 合作 投资 出版 编辑 培训
救护 饲养 进步 争取 检验 检测 勘探 运输 贸易 经营 生产 销售 咨询 促进 改革 发行 留学 科创 创新 工作 治理 保障 监察 审计 统计 联络
协调 办公 体育 卫生 现代 当代 近代 古代 未来 国际 国家 中央 人民 广播 电视 航空 铁道 通信 邮电 电力 水利 化工 纺织 建筑 印刷 编译 翻译 新闻 信息 推广 援助 救助""".split())
# First characters of unknown words that start a clause, not a name (图为, 这是, 一是, 力克, 找家).
_NOT_NAME_START = frozenset("图这那一是为在将对把被向从给让力找办下日曾隶调据由与和及或但而并其该各每有已正还也都就才又再便即刚以仍均皆亦")
_ANCHOR_TAGS = frozenset({"ns", "nt", "nz", "j", "nr", "nrt", "nrfg"})
_MAX_UNITS = 10
_PAPER_NAME = re.compile(r"[^《》\n]{1,10}(?:日报|晚报|时报|早报|商报|周报|邮报|都市报|青年报|文摘报|读书报|导报|杂志|周刊|画报|"
                         r"教徒报|生活报|新闻)$")
# 《title》 and the word that makes it a publisher: 《阳光》杂志, 《检察日报》社
_PERIODICAL = re.compile(r"《([^《》\n]{1,12})》(杂志社|杂志|报社|周刊|月刊|社(?![会区论员长]))?")
_ADMIN = frozenset("省市县区州乡镇村党团地")
_CONGRESS = re.compile(r"(?<![一二三四五六七八九十百])十[一二三四五六七八九]?大(?![学使厦会楼街道赛])")
_DIRECTIONS = frozenset("东南西北中内外上下前后全")
_MAX_CHARS = 30
# A dictionary noun ending in one of these is a body even with no name before it (人事部, 畜牧局,
# 公牛队); a generic company or party word is not (保险公司, 反对党). 代表队, 突击队: a verb before 队.
_WORD_SUFFIXES = frozenset("部局队委院署厅")
# A leading ordinal is part of the name: 第六届全国人大, 首届立法会.
_ORDINAL_BEFORE = re.compile(r"(?:第[〇零一二三四五六七八九十百0-9０-９]{1,4}|首|(?<![两几多续])[一二三四五六七八九十]{1,3})届$")
_ADMIN_PREFIX = frozenset("省市县区乡镇")
_NATIONAL = frozenset({"国家", "全国", "联邦", "皇家"})
# Bodies every level has: level + one of these (市政府, 县委, 省人大) is a body of its own.
_LEVEL_BODIES = frozenset({"委", "政府", "人民政府", "人大", "政协", "纪委", "监委", "人大常委会", "委员会"})


@dataclass(frozen=True, slots=True)
class OrgCand:
    start: int
    end: int
    rule: str
    confidence: float
    kb_id: str | None = None
    canonical: str | None = None
    label: str = "ORG"  # LOC for a facility (博物馆, 机场): found like an organisation, a place by convention


# A unit is a plain tuple (start, end, text, tag): a token, or a gazetteer hit overriding token
# boundaries; tag is jieba's tag, "GAZ" for a gazetteer hit, None if unknown. Tuples, not objects:
# there is one per token and building them was a third of the entity extractor's time.
Unit = tuple  # (start: int, end: int, text: str, tag: str | None)


def _units(ctx: Ctx, barriers: bytearray) -> list[Unit]:
    """Tokens, with gazetteer hits overriding token boundaries."""
    starts = ctx.starts
    ends = list(map(add, starts, map(len, ctx.tokens)))
    units: list[Unit] = list(zip(starts, ends, ctx.tokens, ctx.tags))
    if ctx.places or ctx.orgs:
        # Only the tokens a hit touches change: regroup those runs of tokens, keep the rest.
        ranges: list[list] = []  # [first token, last token, hits], merged where they share a token
        for h in sorted(ctx.places + ctx.orgs, key=lambda h: h.start):
            i0 = bisect_right(starts, h.start) - 1
            i1 = max(i0, bisect_right(starts, h.end - 1) - 1)
            if ranges and i0 <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], i1)
                ranges[-1][2].append(h)
            else:
                ranges.append([i0, i1, [h]])
        for i0, i1, hits in reversed(ranges):
            if i0 == i1 and len(hits) == 1 and hits[0].start == starts[i0] and hits[0].end == ends[i0]:
                units[i0] = (starts[i0], ends[i0], ctx.tokens[i0], "GAZ")  # the usual case: the hit is a token
            else:
                units[i0:i1 + 1] = _regroup(ctx, starts[i0:i1 + 1], ends[i1], hits)
    return _split_titles(ctx, units)


def _split_deputy(ctx: Ctx, units: list[Unit]) -> list[Unit]:
    """部副|部长 -> 部 + 副部长's 副: jieba glues a ministry's last character to the 副 of the title
    after it (埃及规划与经济发展|部副|部长); the body must end at its suffix."""
    if "副" not in ctx.norm:
        return units
    titles = ctx.lex.title_set
    at_end = _end_index(units)
    split: list[int] = []
    p = ctx.norm.find("副")
    while p >= 0:  # speed: only the units ending in 副, found by str.find
        k = at_end.get(p + 1)
        if k is not None:
            t = units[k][2]
            if len(t) == 2 and t[0] in _WORD_SUFFIXES and k + 1 < len(units) and units[k + 1][2] in titles:
                split.append(k)
        p = ctx.norm.find("副", p + 1)
    for k in reversed(split):
        a, b, t, _tag = units[k]
        units[k:k + 1] = [(a, a + 1, t[0], None), (a + 1, b, "副", "b")]
    return units


def _regroup(ctx: Ctx, tok_starts: list[int], end: int, hits: list) -> list[Unit]:
    """Units of the tokens starting at ``tok_starts`` (ending at ``end``): a hit's edges cut,
    nothing cuts inside a hit."""
    cuts = set(tok_starts)
    cuts.add(end)
    inside: set[int] = set()
    for h in hits:
        cuts.add(h.start)
        cuts.add(h.end)
        inside.update(range(h.start + 1, h.end))
    bounds = sorted(c for c in cuts if c not in inside)
    gaz_at = {h.start: h for h in hits}
    pos = ctx.lex.pos
    out: list[Unit] = []
    for a, b in zip(bounds, bounds[1:]):
        text = ctx.norm[a:b]
        h = gaz_at.get(a)
        # a token's tag is the dictionary tag of its text
        out.append((a, b, text, "GAZ" if h is not None and h.end == b else pos.get(text)))
    return out


def _ending_in(units: list[Unit], char_re: "re.Pattern[str]", s: str) -> list[int]:
    """Indices of the units whose last character matches ``char_re``, in order (a C-level scan
    of the text instead of a Python loop over every unit)."""
    get = _end_index(units).get
    return [k for k in map(get, [m.end() for m in char_re.finditer(s)]) if k is not None]


_END_INDEX: tuple = (None, -1, {})  # (units, its length, end offset -> index), one slot


def _end_index(units: list[Unit]) -> dict[int, int]:
    """End offset -> index of the unit ending there.

    speed: asked three times per text for the same list (titles, deputies, suffixes); kept for the list
    itself (held, so its id cannot be reused) and its length (units are only changed in place by inserting:
    _split_deputy). One tuple, read and replaced whole, so threads never see a mix. Callers must not mutate it."""
    global _END_INDEX
    held, n, index = _END_INDEX
    if held is not units or n != len(units):
        index = dict(zip(map(itemgetter(1), units), range(len(units))))
        _END_INDEX = (units, len(units), index)
    return index


# 部长 = 部 + 长 in "委内瑞拉能矿部长": the organisation ends before the head's 长.
_HEAD_TITLES = frozenset("部长 局长 厅长 处长 科长 所长 院长 厂长 社长 馆长 站长 台长 行长 会长 团长 队长".split())
assert all(len(t) == 2 for t in _HEAD_TITLES)
_HEAD_RE = re.compile("(?=" + "|".join(sorted(_HEAD_TITLES)) + ")")


def _split_titles(ctx: Ctx, units: list[Unit]) -> list[Unit]:
    """Split words that glue an organisation to a title: 县委书记 -> 县委 + 书记, 能矿部长 -> 能矿部 + 长."""
    titles = ctx.lex.title_set
    pos = ctx.lex.pos
    # speed: only a unit ending with a title of two or three characters, or with a head's title,
    # can be split: found by C-level scans of the text
    at_end = _end_index(units)
    found: set[int] = set()
    if ctx.lex.title_ac is not None:
        for end, n in ctx.lex.title_ac.iter(ctx.norm):
            k = at_end.get(end + 1)
            if k is not None and (n == 2 or n == 3) and units[k][0] <= end - n:
                found.add(k)
    for m in _HEAD_RE.finditer(ctx.norm):
        k = at_end.get(m.start() + 2)
        if k is not None:
            found.add(k)
    cands = sorted(found)
    split: dict[int, tuple[Unit, Unit]] = {}
    for k in cands:
        a, b, t, tag = units[k]
        if len(t) < 2:
            continue
        cut = 0
        if len(t) >= 3 and tag != "GAZ":
            for n in (3, 2):
                if len(t) > n and t[-n:] in titles and _suffix_of(ctx, t[:-n]):
                    cut = len(t) - n
                    break
        if not cut and t[-2:] in _HEAD_TITLES and k > 0 and (len(t) == 2 or t not in titles):  # 名誉会长: one post
            prev = split[k - 1][1] if k - 1 in split else units[k - 1]
            ptext = prev[2]
            if ptext[-1:] != t[-2] and not t[:-2].endswith(("副", "正", "总", "常务", "代", "前", "原")) \
                    and (len(t) > 2 or not ptext.endswith(("副", "正", "总", "前", "原"))) \
                    and (len(t) > 2 or _absorbable(ctx, ptext, prev[3])[0]):
                cut = len(t) - 1
        if cut:
            split[k] = ((a, a + cut, t[:cut], pos.get(t[:cut])), (a + cut, b, t[cut:], pos.get(t[cut:])))
    if not split:
        return _split_deputy(ctx, units)
    out: list[Unit] = []
    prev_k = 0
    for k in sorted(split):
        out.extend(units[prev_k:k])
        out.extend(split[k])
        prev_k = k + 1
    out.extend(units[prev_k:])
    return _split_deputy(ctx, out)


def _suffix_of(ctx: Ctx, text: str) -> str | None:
    """Longest listed suffix ``text`` ends with (lengths tried longest first)."""
    table = ctx.lex.org_suffixes
    if not text or text[-1] not in ctx.lex.org_suffix_last:
        return None
    for n in ctx.lex.org_suffix_lengths:
        if n <= len(text) and text[-n:] in table:
            return text[-n:]
    return None


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


def _absorbable(ctx: Ctx, t: str, tag: str | None) -> tuple[bool, bool]:
    """(may be inside an org name, counts as a proper-name anchor) for a unit's text and tag."""
    if tag == "GAZ":
        return True, True
    if t in ctx.lex.org_breakers or t in ctx.lex.title_set:
        return False, False
    if is_latin(t):
        return any(c.isalpha() for c in t), len(t) >= 2  # PGRI, GFM name a body; 甲B's B does not
    if not all(is_cjk(c) for c in t):
        return False, False
    if t in _NATIONAL:
        return True, True  # 国家质量技术监督局, 国家留学基金管理委员会: the national level names the body
    if tag == "n" and len(t) >= 3 and t[-1] in _WORD_SUFFIXES and ctx.lex.pos.get(t[:-1]) not in ("v", "vn"):
        return True, True  # a body inside a longer name: 文化部办公厅
    if tag is None:
        if t[0] == "队":
            return False, False  # 健力宝队|同巴西队: a team's 队 glued to the next word ends a name
        return True, len(t) >= 2 and t[0] not in _NOT_NAME_START
    if tag in ("v", "vn") or t in _NAME_VERBS:
        return t in _NAME_VERBS or tag == "vn", False
    if tag == "m":
        return (t.startswith("第") or t.endswith("届")), False
    if tag in _ABSORB_TAGS:
        return True, tag in _ANCHOR_TAGS
    return False, False


_CONF = {"strong": 0.85, "medium": 0.75, "weak": 0.6, "facility": 0.75}


def find_orgs(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """``barriers`` marks characters (people) an organisation name may not cover."""
    out: list[OrgCand] = []
    lex = ctx.lex
    for h in ctx.orgs:
        if not any(barriers[h.start:h.end]) and not _ends_in_word(ctx, h.end):
            out.append(OrgCand(h.start, h.end, "org.gazetteer", 0.9, h.kb_id, h.canonical))
    s = ctx.norm
    # Listed names starting on a word: the longest one people do not cover, per start.
    # speed: every occurrence in one C-level Aho-Corasick pass
    if lex.org_name_ac is not None:
        by_start: dict[int, list[int]] = {}
        for end, n in lex.org_name_ac.iter(s):
            p = end + 1 - n
            if p in ctx.tok_at:
                by_start.setdefault(p, []).append(n)
        for p in sorted(by_start):
            for n in sorted(by_start[p], reverse=True):
                if not any(barriers[p:p + n]) and _listed_name_here(ctx, p, p + n):
                    out.append(OrgCand(p, p + n, "org.list", 0.85))
                    break
    if "大" in s:
        for m in _CONGRESS.finditer(s):
            if not any(barriers[m.start():m.end()]):
                out.append(OrgCand(m.start(), m.end(), "org.congress", 0.8))
    if "《" in s:
        out.extend(_periodicals(ctx, barriers))
    if ctx.places:
        out.extend(_prefixed_clubs(ctx, barriers))
    out.extend(_before_company_titles(ctx, barriers))
    if ctx.places:
        out.extend(_place_bodies(ctx, barriers, out))
    if "等" in s and "、" in s:
        out.extend(_listed_kind(ctx, barriers))
    units = _units(ctx, barriers)
    # speed: neither a suffix nor a dictionary organisation can end anywhere else
    cands = _ending_in(units, lex.org_suffix_last_re, s)
    tags = list(map(itemgetter(3), units))
    if "nt" in tags:
        cands = sorted(set(cands).union(positions_of(tags, "nt")))
    ends: dict[int, OrgCand] = {}
    for o in out:
        _index_end(ends, o)
    for k in cands:
        found = _org_ending_with(ctx, units, k, barriers, ends)
        if found is not None:
            out.append(found)
            _index_end(ends, found)
    for a, b in owned_bodies(ctx, units, barriers, [(o.start, o.end) for o in out if o.label == "ORG"],
                             _suffix_of, _NAME_VERBS, sorted(cands)):
        out.append(OrgCand(a, b, "org.owned", 0.7))
    if ctx.places:
        for a, b in country_arms(ctx, [(o.start, o.end) for o in out if o.label == "ORG"], barriers):
            out.append(OrgCand(a, b, "org.country_arm", 0.7))
    if "队" in s:
        out.extend(_teams_glued(ctx, barriers))
    if "届" in s:
        out = [_with_ordinal(s, o) for o in out]
    return [_acting_facility(ctx, o) if o.label == "LOC" else o for o in out if _names_one_body(ctx, o)]


_FACILITY_ACTS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "facility_acts.txt"
_PLACE_VERBS_BEFORE = ("在", "到", "赴", "参观", "走进", "来到", "前往", "游览", "位于", "去")
_ADVERBS_AFTER = re.compile("(?:近日|日前|近期|也|还|已|将|则|正式|首次)?")


@cache
def _facility_acts() -> tuple[str, ...]:
    lines = _FACILITY_ACTS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(sorted((x for x in lines if x and not x.startswith("#")), key=len, reverse=True))


_CLUB_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "club_prefixes.txt"


@cache
def _club_prefix_re() -> "re.Pattern[str]":
    words = [x for x in _CLUB_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r") ?", re.IGNORECASE)


def _prefixed_clubs(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """AC米兰, ac米兰, FC巴塞罗那: a club's letters glued before a city name the club is named after."""
    s = ctx.norm
    out: list[OrgCand] = []
    pattern = _club_prefix_re()
    for h in ctx.places:  # speed: only the few characters before each place
        if h.start < 2 or not s[h.start - 1].isascii():
            continue
        lo = max(0, h.start - 5)
        m = next((m for m in pattern.finditer(s, lo, h.start) if m.end() == h.start), None)
        if m is not None and (m.start() == 0 or not s[m.start() - 1].isalpha() or not s[m.start() - 1].isascii()) \
                and not any(barriers[m.start():h.end]):
            out.append(OrgCand(m.start(), h.end, "org.club", 0.85))
    return out


_LOCAL_BODIES_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "local_bodies.txt"


@cache
def _local_bodies() -> tuple[frozenset[str], tuple[int, ...]]:
    words = frozenset(x for x in _LOCAL_BODIES_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#"))
    return words, tuple(sorted({len(w) for w in words}, reverse=True))


def _place_bodies(ctx: Ctx, barriers: bytearray, found: list[OrgCand]) -> list[OrgCand]:
    """A political place written right before a body every place has, or before a listed
    organisation (深圳市消协, 香港中联办, 日本央行): one ORG from the first place of the chain
    (黑龙江省邮政, 江苏南京市公安局). Only GPEs: a river or a region before a body names no owner."""
    s = ctx.norm
    words, lengths = _local_bodies()
    listed = {o.start: o.end for o in found if o.rule in ("org.list", "org.gazetteer")}
    gpe_end = {h.end: h.start for h in ctx.places if h.label == "GPE"}
    out: list[OrgCand] = []
    for e in sorted(gpe_end):
        end = listed.get(e)
        if end is None:
            body = next((s[e:e + n] for n in lengths if s[e:e + n] in words), None)
            if body is None:
                continue
            end = e + len(body)
            k = bisect_right(ctx.starts, end - 1) - 1  # the word holding the body's last character
            if ctx.starts[k] + len(ctx.tokens[k]) != end and ctx.starts[k] >= e:
                continue  # the body word runs on into a longer word: 邮政编码
        start = gpe_end[e]
        steps = 0
        while start in gpe_end and steps < 4:  # 江苏|南京市|公安局: the places chained before it
            start = gpe_end[start]
            steps += 1
        if not any(barriers[start:end]):
            out.append(OrgCand(start, end, "org.place_body", 0.75))
    return out


_COMPANY_TITLES_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "company_titles.txt"
# Tags of words a company's name is made of (unknown words, names, abbreviations, nouns).
_NAME_PART_TAGS = frozenset({None, "nz", "nt", "j", "n", "ng", "nr", "nrt", "eng", "ns", "GAZ"})
# Tags of words that mark a name's proper part: a company is not named by ordinary nouns alone
# (集团董事长, 公司总经理).
_PROPER_PART_TAGS = frozenset({None, "nz", "nt", "j", "eng"})


@cache
def _company_title_re() -> tuple["re.Pattern[str]", frozenset[str]]:
    """(the positions, the words a position may start with): the words are checked before each hit,
    not in the pattern, which keeps the pattern's first-character scan fast."""
    lines = [x for x in _COMPANY_TITLES_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    titles = sorted((x for x in lines if not x.startswith("+")), key=len, reverse=True)
    mods = frozenset(x[1:] for x in lines if x.startswith("+"))
    return re.compile("|".join(titles)), mods


def _before_company_titles(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """An unknown name right before a position only companies have is the company: 深之蓝|总经理,
    中联重科|董事长, 科大讯飞|高级副总裁. The name is one to three words from a phrase boundary (a
    punctuation mark, a verb, a function word) and holds a word no dictionary knows as ordinary."""
    s = ctx.norm
    out: list[OrgCand] = []
    surnames = ctx.lex.surnames
    pattern, mods = _company_title_re()
    for m in pattern.finditer(s):
        at = m.start() - 2 if s[max(0, m.start() - 2):m.start()] in mods else m.start()
        k = ctx.tok_at.get(at)
        if k is None or k == 0:
            continue
        first = k
        while first > 0 and k - first < 3:
            t, tag = ctx.tokens[first - 1], ctx.tags[first - 1]
            if tag not in _NAME_PART_TAGS or not all(is_cjk(c) or c.isalnum() for c in t) or \
                    t in ctx.lex.title_set or t in ctx.lex.org_breakers or \
                    (t[-1] in "兼、" and t[:-1] in ctx.lex.title_set):
                break  # 总裁兼|首席执行官: a position joined to the next one, not a name
            first -= 1
        if first == k:
            continue
        start, end = ctx.starts[first], at
        before = ctx.tags[first - 1] if first > 0 else "x"
        if first > 0 and before in _NAME_PART_TAGS and all(is_cjk(c) for c in ctx.tokens[first - 1]):
            continue  # the name may start further left: its start is unknown
        name = s[start:end]
        parts = [ctx.tags[j] for j in range(first, k)]
        if any(barriers[start:end]) or not 2 <= len(name) <= 8 or not any(p in _PROPER_PART_TAGS for p in parts):
            continue
        if len(name) <= 3 and name[0] in surnames and all(p in (None, "nr") for p in parts):
            continue  # 马云董事长: a person and the title after the name
        if name in ctx.lex.country_names or all(p in ("ns", "GAZ") for p in parts):
            continue
        out.append(OrgCand(start, end, "org.company_title", 0.65))
    return out


_MAX_LIST_ITEMS = 12  # a bound: a list read back from each 等 stays linear on hostile input
_LIST_KINDS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "list_kinds.txt"


@cache
def _list_kind_re() -> "re.Pattern[str]":
    kinds = [x for x in _LIST_KINDS_FILE.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    # 等 + up to 12 characters with no punctuation + a kind word
    return re.compile(r"等(?:[^\s,、。;:!?()“”\"《》]{0,12}?)(?:" + "|".join(sorted(kinds, key=len, reverse=True)) + ")")


def _listed_kind(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """Names listed with 、 before 等 + a kind of organisation (朗依制药、万生药业、协和药厂等北京医药企业):
    each is an organisation. Items are read on words: names, unknown words and nouns, no verbs."""
    s = ctx.norm
    out: list[OrgCand] = []
    for m in _list_kind_re().finditer(s):
        end = m.start()
        k = ctx.tok_at.get(end)
        if k is None:
            continue
        items: list[tuple[int, int]] = []
        j = k  # tokens before index j are read, right to left
        while True:
            first = j
            while first > 0 and j - first < 4:
                t, tag = ctx.tokens[first - 1], ctx.tags[first - 1]
                inner_verb = tag in ("v", "vn") and first < j and first - 1 > 0 and ctx.tokens[first - 2] != "、"
                if (tag not in _NAME_PART_TAGS and not inner_verb) or not all(is_cjk(c) or c.isalnum() for c in t):
                    break
                first -= 1
            if first == j:
                break
            a, b = ctx.starts[first], ctx.starts[j - 1] + len(ctx.tokens[j - 1])
            tags = ctx.tags[first:j]
            proper = any(p in _PROPER_PART_TAGS for p in tags) or (len(tags) > 1 and "ns" in tags)
            if not proper or not 2 <= b - a <= 10:
                break
            items.append((a, b))
            if first == 0 or ctx.tokens[first - 1] != "、" or len(items) >= _MAX_LIST_ITEMS:
                break
            j = first - 1
        if len(items) < 2:
            continue
        for a, b in items:
            if not any(barriers[a:b]):
                out.append(OrgCand(a, b, "org.listed_kind", 0.6))
    return out


def _acting_facility(ctx: Ctx, o: OrgCand) -> OrgCand:
    """A museum, gallery or palace is the institution (ORG) where it acts or employs: a title or an
    act right after its name (卢浮宫推出, 大英博物馆馆长), not after 在/参观 (a place)."""
    s = ctx.norm
    if s.endswith(_PLACE_VERBS_BEFORE, max(0, o.start - 2), o.start):
        return o
    p = _ADVERBS_AFTER.match(s, o.end).end()
    nxt = s[p:p + 4]
    if nxt.startswith(_facility_acts()) or any(nxt[:n] in ctx.lex.title_set for n in (2, 3, 4)):
        return OrgCand(o.start, o.end, o.rule, o.confidence, o.kb_id, o.canonical, "ORG")
    return o


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
    if len(text) == 1 and k > 0 and units[k - 1][2] in lex.org_breakers:
        return None  # 胶东半岛西北|部: a direction word before 部
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
    outer = _org_before(ends, units, k, start) if _may_be_unit(ctx, text, tag, strength) else None
    if outer is not None and any(u[3] in ("v", "vn", "l", "i", "d", "ad") for u in _units_from(units, k, outer.end)):
        outer = None  # 银保监会|严厉查处|银行: a clause, not a unit of the body
    if ordinary and anchor_start is None and outer is None:
        return None
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
        if tag == "nt" or (head_anchor and len(text) >= 3):
            return OrgCand(u_start, u_end, "org.dict", 0.7, label=_label(strength))
        if tag == "n" and suf in _WORD_SUFFIXES and len(text) >= 3 and lex.pos.get(text[:-1]) not in ("v", "vn"):
            return OrgCand(u_start, u_end, "org.word", 0.65)  # name + suffix as one word: 文化部, 公牛队
        return None
    return OrgCand(anchor_start, u_end, f"org.suffix.{strength}", _CONF.get(strength, 0.6), label=_label(strength))


def _label(strength: str) -> str:
    """Facilities (博物馆, 机场, 广场) are found like organisations but are places: the annotated
    news data labels them LOC."""
    return "LOC" if strength == "facility" else "ORG"


def _units_from(units: list[Unit], k: int, start: int) -> list[Unit]:
    """``[u for u in units[:k] if u[0] >= start]``, walking back from k: units are in text order, so
    this costs the units it returns, not k (issue 18: a long text of organisations was quadratic)."""
    j = k
    while j > 0 and units[j - 1][0] >= start:
        j -= 1
    return units[j:k]


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


def _ends_in_word(ctx: Ctx, end: int) -> bool:
    """The name's last character starts a dictionary noun with the next one, and no post follows:
    财政部|门 is 财政 + 部门 (各级财政部门), not the ministry (税务局长, 国会议员 keep theirs)."""
    s = ctx.norm
    pair = s[end - 1:end + 1]
    return len(pair) == 2 and end not in ctx.tok_at and ctx.lex.pos.get(pair) == "n" and pair not in ctx.lex.title_set \
        and not any(s[end:end + n] in ctx.lex.title_set for n in (2, 3))  # 国会|议员: a post follows


def _listed_name_here(ctx: Ctx, start: int, end: int) -> bool:
    """A listed name is not a word the dictionary calls a verb (使我联想到: 联想 the verb) and
    does not cut a word that starts inside it (25日|共同发表 holds no 日共). It may end inside the
    word it starts: jieba glues short names to what follows (市委书记, 微软内部)."""
    k = ctx.tok_at.get(start)
    if k is None or _ends_in_word(ctx, end):
        return False
    if start + len(ctx.tokens[k]) == end:
        return ctx.tags[k] not in ("v", "vn")
    last = bisect_right(ctx.starts, end - 1) - 1  # the word holding the name's last character
    return ctx.starts[last] == start or ctx.starts[last] + len(ctx.tokens[last]) == end


# A post only a periodical has, right after its bracketed name: 《柳叶刀》主编 names the journal.
_MEDIA_POST = re.compile("(?:副?总编辑|社长|编辑部)")


def _periodicals(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """Newspapers and magazines in the news convention: the name inside the brackets alone
    (《人民日报》 -> 人民日报), but brackets and all with the word that makes it a publisher
    (《阳光》杂志) or the country before it (美国《洛杉矶时报》)."""
    s = ctx.norm
    place_end = {h.end: h.start for h in ctx.places}
    out: list[OrgCand] = []
    for m in _PERIODICAL.finditer(s):
        named = _PAPER_NAME.match(m.group(1)) is not None or _MEDIA_POST.match(s, m.end()) is not None
        if not (named or m.group(2)):
            continue  # 《海洋环境保护法》: a title, not a publication
        start, end = (m.start(), m.end()) if m.group(2) else (m.start(1), m.end(1))
        before = place_end.get(m.start())
        if before is not None:
            start, end = before, m.end()
        if not any(barriers[start:end]):
            out.append(OrgCand(start, end, "org.newspaper", 0.75))
    return out


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
        text not in ctx.lex.org_not_units


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
    return outer


_TEAM = re.compile("(?:男|女)?队")


def _teams_glued(ctx: Ctx, barriers: bytearray) -> list[OrgCand]:
    """A place or brand right before 队/男队/女队 that jieba glued to the next word (苏格兰|队之战,
    健力宝|队同): the suffix rule never sees a unit ending in 队 there, so the team is read here."""
    out: list[OrgCand] = []
    s = ctx.norm
    heads = [(h.start, h.end) for h in ctx.places]
    heads += [(st, st + len(tok)) for st, tok, tag in zip(ctx.starts, ctx.tokens, ctx.tags) if tag in ("nz", "nt")]
    for start, end in heads:
        m = _TEAM.match(s, end)
        if m is None or any(barriers[start:m.end()]):
            continue
        k = ctx.tok_at.get(end)
        if k is not None and ctx.tags[k] is None and len(ctx.tokens[k]) > m.end() - end:
            out.append(OrgCand(start, m.end(), "org.team", 0.7))
    return out


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


def _names_one_body(ctx: Ctx, o: OrgCand) -> bool:
    s = ctx.norm
    name = s[o.start:o.end]
    if name in ctx.lex.org_generic:
        return False
    if "各级" in name:
        return False  # 各级党委, 江苏各级党委政府: the bodies of every level, none named
    if s.endswith(_DETERMINERS, max(0, o.start - 2), o.start) and o.rule.startswith("org.suffix") and \
            not _has_proper_word(ctx, o.start, o.end):
        return False  # 一家文创公司, 该房地产开发有限公司: a company of a kind, not named
    kinds, plural = _plural_kinds()
    if name in kinds and s.endswith(plural, max(0, o.start - 4), o.start):
        return False  # 各国央行: central banks, not the People's Bank
    after = s[o.end:o.end + 3]
    if name in ("人大", "政协") and after.startswith(("代表", "委员")):
        return False  # 人大代表, 政协委员: a deputy's status, no body named (省人大代表 names the body)
    if after.startswith(_NOT_BODY_AFTER) and (name.endswith("党") or after.startswith(("工作者", "界"))):
        return False
    return True


def _with_ordinal(s: str, o: OrgCand) -> OrgCand:
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
                    any(not (is_latin(x[2]) or all(is_cjk(c) for c in x[2])) for x in inner) or \
                    u_start - units[m][1] > 10 or any(barriers[x[0]] for x in inner):
                break
            j = m - 1
            steps += 1
            after_group = True
            continue
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
                    and all(is_cjk(c) for c in text) and j > 0 and units[j - 1][3] in ("n", "an") \
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
        if not (tag in _FIELD_TAGS or (tag is None and text != "、" and len(t) >= 2 and all(is_cjk(c) for c in t))):
            return False
        if t in ctx.lex.title_set or t in _NATIONAL or (text == "、" and (len(t) > 2 or tag != "n")):
            return False  # 副政治委员、海军..., 港务部门和国家海岸警卫队: two names, not one
    return _suffix_of(ctx, left[2]) is None and left[2] not in ctx.lex.org_breakers


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
