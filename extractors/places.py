"""Places: gazetteer names, dictionary place words, name + place suffix, one-character abbreviations.

One-character abbreviations (中美 = 中 + 美, 访华, 川渝) are places only in a run of two or more or
in a listed context, because each of those characters is an ordinary word elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from zhnews.extractors.entity_text import Ctx, all_cjk, is_cjk, positions_of
from zhnews.extractors.place_routes import ROUTE_WORDS, city_routes, route_section_end
from zhnews.extractors.place_short import division_short_forms, doc_short_names, without_modifiers
from zhnews.extractors.place_sites import find_sites
from zhnews.extractors.place_suffix import glued_suffix_places, known_place_suffix
from zhnews.extractors.place_pairs import (country_before_country, country_pair, glued_after_prefix, pair_context_after,
                                           named_place_initials, weak_unknown)

_ADMIN_END = "省市县区州乡镇村国旗盟"


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class PlaceCand:
    start: int
    end: int
    label: str  # GPE | LOC
    rule: str
    confidence: float
    kb_id: str | None = None
    canonical: str | None = None


def _link(gaz: Any | None, name: str) -> tuple[str | None, str | None]:
    if gaz is None:
        return None, None
    try:
        entries = gaz.lookup(name)
    except Exception:  # a partial gazetteer must not break extraction
        return None, None
    if entries:
        return entries[0].id, entries[0].name
    return None, None


def _label_for(word: str) -> str:
    return "GPE" if word[-1] in _ADMIN_END else "LOC"


def find_places(ctx: Ctx, use_dict: bool = True) -> list[PlaceCand]:
    out: list[PlaceCand] = []
    lex = ctx.lex
    covered = bytearray(ctx.place_mask)
    split: list[tuple[int, int]] = []  # (start of a region's abbreviation run, its end)
    split_names = _split_names()
    for h in ctx.places:
        parts = split_names.get(ctx.norm[h.start:h.end])
        if parts is None and (h.kb_id or "").startswith("REG-"):
            # 成渝地区双城经济圈: the region named after the places it covers starts with them (成 / 渝)
            parts = next((v for k, v in _split_names_by_first().get(ctx.norm[h.start], ())
                          if ctx.norm.startswith(k, h.start) and h.end - h.start > len(k)), None)
        if parts is not None:
            # 澜湄 → 澜 / 湄: one place per character, each linked to the place it stands for
            for k, (label, full) in enumerate(parts):
                kb, canon = _link(ctx.gaz, full)
                out.append(PlaceCand(h.start + k, h.start + k + 1, label, "place.abbreviation.split", 0.8, kb, canon))
            continue
        if h.end - h.start <= 3 and _all_abbr(ctx, ctx.norm[h.start:h.end]) \
                and ctx.norm[h.start:h.end] not in ctx.lex.extra_places:  # (speed: the length first)
            covered[h.start:h.end] = b"\x00" * (h.end - h.start)
            continue  # 中美 as a name of its own is two abbreviations here
        run = _region_abbr_run(ctx, h)
        if run:
            split.append((h.start, h.start + run))
            covered[h.start:h.end] = b"\x00" * (h.end - h.start)
            if h.end - h.start - run >= 2 and not ctx.norm.startswith("地区", h.start + run):
                # 粤港澳大湾区: 粤 / 港 / 澳 and the region word after them (大湾区)
                out.append(PlaceCand(h.start + run, h.end, "LOC", "place.gazetteer.rest", 0.8))
                covered[h.start + run:h.end] = b"\x01" * (h.end - h.start - run)
            continue
        if ctx.norm[h.start:h.end] in _DIRECTIONS and ctx.norm[h.end:h.end + 1] in _DIRECTION_AFTER:
            continue  # 西北角, 向西北方向, 东北风: a direction here, not the region
        if (h.kb_id or "").startswith("ISO-") and ctx.norm[h.end:h.end + 1] in _STATE_FIRST:
            state = next((w for w in _STATE_WORDS if ctx.norm.startswith(w, h.end)), None)
            if state is not None and (h.end + len(state) == len(ctx.norm) or h.end + len(state) in ctx.tok_at):
                # 圭亚那合作共和国, 特立尼达和多巴哥共和国: the state's full name
                out.append(PlaceCand(h.start, h.end + len(state), "GPE", "place.gazetteer", 0.9, h.kb_id, h.canonical))
                covered[h.end:h.end + len(state)] = b"\x01" * len(state)
                continue
        end = h.end
        if h.end - h.start >= 3 and ctx.norm[h.end - 1] in "市县区" and ctx.norm[h.end - 1:h.end + 1] in _TRIM_WORDS:
            end = h.end - 1  # 义乌|市场, 武汉|市民: the suffix starts a word (a name without a short form)
            out.append(PlaceCand(h.start, end, h.label, "place.gazetteer", 0.9, h.kb_id, h.canonical))
            continue
        if h.label == "GPE" and not (h.kb_id or "").startswith("ISO-"):
            end = known_place_suffix(ctx, h.start, h.end)  # 平壤|市, 江陵|郡
            covered[h.end:end] = b"\x01" * (end - h.end)
        if end - h.end >= 2:  # 临沭|街道, 北安|嘎查: a smaller place named after the known one, not linked to it
            out.append(PlaceCand(h.start, end, h.label, "place.gazetteer.unit", 0.8))
            continue
        out.append(PlaceCand(h.start, end, h.label, "place.gazetteer", 0.9, h.kb_id, h.canonical))
    for start, end in split:  # 京津冀: one place per abbreviation, as the annotated news writes them
        for k in range(start, end):
            if not covered[k]:
                kb, canon = _province_of(ctx, ctx.norm[k])
                out.append(PlaceCand(k, k + 1, "GPE", "place.abbreviation.region", 0.8, kb, canon))
                covered[k] = 1
    for start, end, eid, full in division_short_forms(ctx, covered):  # 黄石 in an article on 黄石市
        out.append(PlaceCand(start, end, "GPE", "place.gazetteer.short", 0.8, eid, full))
        covered[start:end] = b"\x01" * (end - start)
    _roads(ctx, out, covered)
    _routes(ctx, out, covered)
    _abbreviations(ctx, out, covered)
    _zones(ctx, out, covered)
    _sites(ctx, out, covered)
    zones = [(c.start, c.end) for c in out if c.label == "GPE" and (c.rule == "place.zone" or (c.kb_id or "").startswith("REG-"))]
    for start, end, full in doc_short_names(ctx, zones, covered):  # 山城 (重庆), 雄安 (雄安新区)
        kb, canon = _link(ctx.gaz, full)
        out.append(PlaceCand(start, end, "GPE", "place.short.doc", 0.6, kb, canon))
        covered[start:end] = b"\x01" * (end - start)
    for start, end in glued_suffix_places(ctx, covered):  # 三池|渊郡, 球树村, 爱知县 (nr)
        out.append(PlaceCand(start, end, "GPE", "place.suffix.glued", 0.6))
        covered[start:end] = b"\x01" * (end - start)
    s = ctx.norm
    toks, starts, tags = ctx.tokens, ctx.starts, ctx.tags
    suffixes = lex.place_suffixes
    last = len(toks) - 1
    for i in _place_token_candidates(ctx):
        tok = toks[i]
        tag = tags[i]
        # speed: only a dictionary place word or a word before a place suffix can start a place here
        if tag != "ns" and not (i < last and toks[i + 1] in suffixes and _name_before_suffix(tag, suffixes[toks[i + 1]])):
            continue
        p = starts[i]
        e = p + len(tok)
        if any(covered[p:e]):
            continue
        if use_dict and tag == "ns" and _place_shaped(ctx, tok) and tok[0] not in _DETERMINERS:
            kb, canon = _link(ctx.gaz, tok)
            if _label_for(tok) == "GPE" and not any(covered[e:e + 1]):
                e = known_place_suffix(ctx, p, e)  # 新义州|市
            out.append(PlaceCand(p, e, _label_for(tok), "place.dict", 0.6, kb, canon))
            continue
        # Name + suffix written as two words: 城西 + 乡, 日惹 + 省 (the name is unknown or a place word).
        if i + 1 < len(toks) and len(tok) >= 2 and all_cjk(tok) and tok[0] not in _DETERMINERS and \
                _name_before_suffix(tag, suffixes.get(toks[i + 1], ("", "weak"))):
            suf = toks[i + 1]
            info = lex.place_suffixes.get(suf)
            if info is not None and info[1] != "weak" and not any(covered[e:e + len(suf)]) \
                    and not (tag == "n" and (len(suf) > 1 or tok.endswith(_GENERIC_HEADS))):
                out.append(PlaceCand(p, e + len(suf), info[0], "place.suffix", 0.6))
    _ = s
    return out


_SPLIT_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "places" / "split_names.tsv"


@cache
def _split_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """Names the annotation splits into one place per character (澜湄), from split_names.tsv."""
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for line in _SPLIT_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, parts = line.split("\t")[:2]
        fields = [p.split(":") for p in parts.split("|")]
        if len(fields) == len(name) and all(len(f) == 3 and f[0] == c for f, c in zip(fields, name)):
            out[name] = tuple((f[1], f[2]) for f in fields)
    return out


@cache
def _split_names_by_first() -> dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]]:
    """The split names by first character, in the file's order (speed: a region's name is looked
    up among the few starting like it, not all of them)."""
    out: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    for k, v in _split_names().items():
        out.setdefault(k[0], []).append((k, v))
    return {c: tuple(rows) for c, rows in out.items()}


_NAME_TAGS = frozenset({None, "nz", "ns"})
_DIRECTIONS = frozenset({"东北", "西北", "东南", "西南"})
_STATE_WORDS = ("合作共和国", "联邦共和国", "民主共和国", "人民共和国", "伊斯兰共和国", "共和国", "王国", "联邦")
_STATE_FIRST = frozenset(w[0] for w in _STATE_WORDS)  # speed: most countries are followed by none
_DIRECTION_AFTER = frozenset("角侧方面风向边")
_TRIM_WORDS = frozenset({"市场", "市民", "市长", "县长", "区长"})
_PERSONAL_TAGS = frozenset({"nr", "nrt"})
# Nouns before a suffix that make a description, not a name: 贫困地区县, 民族自治区.
_GENERIC_HEADS = ("地区", "民族", "城市", "农村", "山区", "边境", "沿海", "内陆", "贫困", "周边", "当地", "中心", "农业", "工业",
                  "旅游", "文化", "生态", "经济", "资源", "人口", "重点", "全国", "示范", "国家", "试点")


def _name_before_suffix(tag: str | None, suffix: tuple[str, str]) -> bool:
    """The word before a place suffix can be the place's name: unknown or a name word, also a
    person-like word before any suffix but a weak one (金台里|社区, 大贤|村) and a noun before a
    strong one (名古屋|市, 江陵|郡)."""
    strength = suffix[1]
    if strength == "weak":
        return False
    return tag in _NAME_TAGS or tag in _PERSONAL_TAGS or (tag == "n" and suffix[0] == "GPE" and strength == "strong")


_ROAD_ENDS = ("大道", "大街", "路")


@cache
def _route_re(chars: str) -> "re.Pattern[str]":
    return re.compile("([" + chars + "]{2,3})(?:" + ROUTE_WORDS + ")")


def _routes(ctx: Ctx, out: list[PlaceCand], covered: bytearray) -> None:
    """A railway or highway named by place abbreviations is one LOC, never cut into them: 京津城际,
    京台高速, 中老铁路 (guideline: a route's name holds its places)."""
    s = ctx.norm
    if "城际" not in s and "高速" not in s and "高铁" not in s and "铁路" not in s and "动车" not in s:
        return
    roads = bytearray(len(s))
    for c in out:
        if c.rule == "place.road":
            roads[c.start:c.end] = b"\x01" * (c.end - c.start)
    found: list[PlaceCand] = []
    for m in _route_re("".join(sorted(ctx.lex.place_abbr_kind))).finditer(s):
        start, end = m.start(), m.end()
        prev = s[start - 1] if start else ""
        if (prev and is_cjk(prev) and start not in ctx.tok_at) or any(roads[start:end]):
            continue
        end = route_section_end(ctx, end, out)
        found.append(PlaceCand(start, end, "LOC", "place.route", 0.75))
        covered[start:end] = b"\x01" * (end - start)
    taken = bytearray(len(s))
    for f in found:
        taken[f.start:f.end] = b"\x01" * (f.end - f.start)
    # 石济高铁, 盐通铁路, 京昆高速: two cities' first characters (place_routes.py)
    for start, end in city_routes(ctx, out, bytes(roads), bytes(taken)):
        found.append(PlaceCand(start, end, "LOC", "place.route", 0.7))
        covered[start:end] = b"\x01" * (end - start)
    _replace_inside(out, found)


_ROAD_END_RE = re.compile("大道|大街|路")
_DIRECTION_ROADS = frozenset(d + "路" for d in "东西南北中")
_ROAD_NAME_TAGS = frozenset({"ns", "nz", "nr", "nrt", "j", None})
_ADMIN_CHARS = frozenset("省市县区州旗盟乡镇村")
# Words ending in 路 that are no road's name: 高速铁路, 集成电路, 思路, 一路.
_NOT_ROADS = ("铁路", "电路", "公路", "线路", "道路", "网路", "思路", "马路", "水路", "陆路", "航路", "出路", "退路",
              "门路", "套路", "心路", "一路", "老路", "新路", "末路", "生路", "活路", "迷路", "去路", "来路", "半路")
_HOUSE_NUMBER = re.compile(r"[0-9０-９]{1,5}号")


# Administrative units named after a road and written right after it: 兴华路街道, 大崂路社区.
_ROAD_UNITS = ("街道", "社区")


def _roads(ctx: Ctx, out: list[PlaceCand], covered: bytearray) -> None:
    """A road is one LOC, never cut into the places its name holds: 环海西路 (no 海西), 建国路88号 (the
    house number inside); the administrative places before it stay places of their own (北京市朝阳区|建国路).
    Found on words: a named road word (建国路, tagged as a name) or a direction road (西路, 中路)
    after a name word; the name words before it are taken in, up to an administrative place."""
    s = ctx.norm
    if "路" not in s and "大道" not in s and "大街" not in s:
        return
    toks, starts, tags = ctx.tokens, ctx.starts, ctx.tags
    gpe = {(h.start, h.end) for h in ctx.places if h.label == "GPE"}
    last = len(toks) - 1
    found: list[PlaceCand] = []
    for m in _ROAD_END_RE.finditer(s):  # speed: only the words ending in a road word
        nxt = ctx.tok_at.get(m.end())
        i = last if m.end() == len(s) else (nxt - 1 if nxt else None)
        if i is None or i < 0 or starts[i] + len(toks[i]) != m.end():
            continue
        tok = toks[i]
        if not all_cjk(tok) or tok.endswith(_NOT_ROADS):
            continue
        named = len(tok) >= 3 and tags[i] in _ROAD_NAME_TAGS
        first = i
        while first > 0 and i - first < 2:
            prev, ptag = toks[first - 1], tags[first - 1]
            if ptag not in _ROAD_NAME_TAGS or not all_cjk(prev) or prev[-1] in _ADMIN_CHARS \
                    or (len(prev) == 1 and ptag is None) or (starts[first - 1], starts[first]) in gpe:
                break
            first -= 1
        if not named and not (tok in _DIRECTION_ROADS and first < i) and not (tok in _ROAD_ENDS and first < i and
                                                                            tags[first] in ("ns", "nz")):
            continue
        start = starts[first]
        end = starts[i] + len(tok)
        m = _HOUSE_NUMBER.match(s, end)
        if m is not None:
            end = m.end()
        if end - start < 3 or (found and found[-1].end > start):
            continue  # (gazetteer places inside a road give way to it: 环海西路 holds 海西)
        unit = next((w for w in _ROAD_UNITS if s.startswith(w, end) and (end + len(w) == len(s)
                                                                      or end + len(w) in ctx.tok_at)), None)
        if unit is not None and m is None:  # 兴华路街道: a subdistrict named after its road, one place
            found.append(PlaceCand(start, end + len(unit), "GPE", "place.road.unit", 0.75))
            covered[start:end + len(unit)] = b"\x01" * (end + len(unit) - start)
            continue
        found.append(PlaceCand(start, end, "LOC", "place.road", 0.75))
        covered[start:end] = b"\x01" * (end - start)
    _replace_inside(out, found)


def _sites(ctx: Ctx, out: list[PlaceCand], covered: bytearray) -> None:
    """Named sites and landmarks (龙坞水库, 义乌国际商贸城, 北京大兴国际机场) are one LOC each; the
    places inside them give way (place_sites.py)."""
    place_ends = {c.end: (c.start, c.kb_id) for c in out if c.label in ("GPE", "LOC")}
    found = [PlaceCand(x.start, x.end, "LOC", "place.site", 0.7) for x in find_sites(ctx, place_ends, covered)]
    for f in found:
        covered[f.start:f.end] = b"\x01" * (f.end - f.start)
    _replace_inside(out, found)


def _replace_inside(out: list[PlaceCand], found: list[PlaceCand]) -> None:
    """Add ``found`` (non-overlapping) to ``out``, dropping what lies inside one of them: one pass,
    so a text of many roads stays linear."""
    if not found:
        return
    owner: dict[int, PlaceCand] = {}
    for f in found:
        for p in range(f.start, f.end):
            owner[p] = f
    out[:] = [c for c in out if not ((f := owner.get(c.start)) is not None and c.end <= f.end)] + found


def _place_token_candidates(ctx: Ctx) -> list[int]:
    """Indices of tokens tagged ns or followed by a token that is a place suffix, in order: C-level
    scans instead of a Python loop over every token."""
    cand = set(positions_of(ctx.tags, "ns"))
    toks = ctx.tokens
    # the suffixes written as words here (a set intersection, with the tokens as a list: a set of
    # them cost more), then their positions: a regex of every suffix tried at every character cost
    # more than the rest of find_places
    for suf in ctx.lex.place_suffixes.keys() & toks:
        cand.update(k - 1 for k in positions_of(toks, suf) if k)
    return sorted(cand)


_PLACE_END = frozenset("省市县区州镇乡村岛峰山江河湖海港湾峡洲")
# A dictionary place word starting like this is a description (各乡镇, 无人区, 全市), not a name.
_DETERMINERS = frozenset("各每全本该无")


def _place_shaped(ctx: Ctx, word: str) -> bool:
    """jieba's ns tag alone is unreliable (it tags 哥哥 and 大国 ns): keep ns words that end like
    a place (涑水河, 城关镇) or read as a transliteration (佛罗伦萨)."""
    if len(word) >= 3 and word[-1] in _PLACE_END and word[-2] not in "大小城":
        return True
    return len(word) >= 4 and all(c in ctx.lex.translit for c in word)


def _abbr_country(ctx: Ctx, names: str | None) -> str | None:
    """The country an abbreviation stands for here: 尼 is 尼泊尔 or 尼日利亚 (place_abbreviations.tsv lists
    them with |), whichever the text names in full; the first when it names none."""
    if not names or "|" not in names:
        return names
    options = names.split("|")
    return next((o for o in options if o in ctx.norm), options[0])


class _ZoneEdits:
    """Zones found in one scan of the text, each dropping the places inside its name (宁波|舟山|港): kept
    here and applied to ``out`` in one pass at the end of the scan, because filtering ``out`` once per
    zone made a text of many zones quadratic (issue 18). The result is the same as filtering at each
    zone: a place is dropped by the zones found after it was added, never by earlier ones."""

    def __init__(self) -> None:
        self.steps: list[tuple[int, int, PlaceCand]] = []  # (drop from, drop to, the zone added after it)

    def add(self, drop_start: int, drop_end: int, zone: PlaceCand) -> None:
        """Drop what lies within [drop_start, drop_end] (as out[:] = [...] would now), then add ``zone``."""
        self.steps.append((drop_start, drop_end, zone))

    def apply(self, out: list[PlaceCand]) -> None:
        if not self.steps:
            return
        # reach[p]: the furthest drop_end of the ranges recorded so far that hold position p; a candidate
        # lies within one of them when reach at its start is at least its end. Walking the steps from
        # the last, a zone is checked only against the ranges of the steps after it.
        reach: dict[int, int] = {}
        kept: list[PlaceCand] = []
        for drop_start, drop_end, zone in reversed(self.steps):
            if reach.get(zone.start, -1) < zone.end:
                kept.append(zone)
            for p in range(drop_start, drop_end + 1):
                if reach.get(p, -1) < drop_end:
                    reach[p] = drop_end
        out[:] = [c for c in out if reach.get(c.start, -1) < c.end] + kept[::-1]
        self.steps.clear()


_ZONE_HEAD_TAGS = frozenset({None, "nz", "ns", "j"})
_ZONE_NAME_TAGS = frozenset({None, "nz", "ns", "nr"})
_ZONE_WORD_TAGS = frozenset({None, "nz", "ns", "nt", "l", "n"})
# Generic words written between a zone's name and its zone word (杨凌农业高新技术产业示范区,
# 博鳌乐城国际医疗旅游先行区, 攀枝花钒钛高新技术产业开发区).
_ZONE_MODIFIERS = frozenset({"农业", "高新技术", "高新", "技术", "经济", "医疗", "旅游", "国际", "产业", "科技", "综合",
                             "现代", "生态", "文化", "创新", "国家级", "省级", "钒钛", "物流", "贸易", "金融",
                             "重点", "开发开放", "边境", "跨境", "边民", "互市"})


def _zones(ctx: Ctx, out: list[PlaceCand], covered: bytearray) -> None:
    """A place followed by a zone or port word is one place with it: 廊坊高新区 (GPE), 宁波舟山港 (LOC,
    the places chained before 港 included). The zone word must end on a word boundary (新区 yes, 新区域 no)."""
    zones = ctx.lex.place_zones
    s = ctx.norm
    if not ctx.lex.place_zone_re.search(s):
        return
    lengths = ctx.lex.place_zone_lengths
    by_end = {c.end: c for c in out if c.label in ("GPE", "LOC") and c.end - c.start >= 2}
    # a name word no gazetteer knows before the zone word: 泗阳|经济开发区, 西永|综合保税区
    # (speed: only the words starting where a zone word may start)
    for m in ctx.lex.place_zone_re.finditer(s):
        e = m.start()
        k = ctx.tok_at.get(e)
        if not k or e in by_end:
            continue
        # 杨凌|农业高新技术产业|示范区: generic words between the name and the zone word
        j = k - 1
        while j > 0 and k - j <= 4 and ctx.tokens[j] in _ZONE_MODIFIERS:
            j -= 1
        tok, st, tag = ctx.tokens[j], ctx.starts[j], ctx.tags[j]
        if j < k - 1 and ctx.starts[j] + len(tok) in by_end:
            by_end[e] = PlaceCand(by_end[st + len(tok)].start, e, "GPE", "place.zone.head", 0.6)
            continue
        if tag in _ZONE_HEAD_TAGS and 2 <= len(tok) <= 4 and not any(covered[st:e]) and tok not in _ZONE_MODIFIERS \
                and all_cjk(tok) and any(zones.get(s[e:e + n]) == "GPE" or (
                    n >= 3 and zones.get(s[e:e + n]) == "LOC") for n in lengths):  # (龙邦|边民互市贸易区; not 港)
            if j < k - 1 and j > 0 and ctx.tags[j - 1] in _ZONE_NAME_TAGS and 2 <= len(ctx.tokens[j - 1]) <= 3 \
                    and all_cjk(ctx.tokens[j - 1]) and not any(covered[ctx.starts[j - 1]:st]):
                st = ctx.starts[j - 1]  # 博鳌|乐城|国际医疗旅游|先行区: a name of two words
            by_end[e] = PlaceCand(st, e, "GPE", "place.zone.head", 0.6)
    edits = _ZoneEdits()
    for m in ctx.lex.place_zone_re.finditer(s):
        # the dictionary has the whole zone as one word (杨凌农业高新技术产业示范区 l)
        e = m.end()
        k = ctx.tok_at.get(e) if e < len(s) else len(ctx.tokens)
        if k and zones.get(m.group()) == "GPE" and ctx.starts[k - 1] + len(ctx.tokens[k - 1]) == e \
                and len(ctx.tokens[k - 1]) >= len(m.group()) + 2 and ctx.tags[k - 1] in _ZONE_WORD_TAGS:
            st = ctx.starts[k - 1]
            name = without_modifiers(s[st:e - len(m.group())])
            if len(name) >= 2 and name not in _ZONE_MODIFIERS and name[:1] not in "新老" \
                    and not any(covered[st:e]) and all_cjk(ctx.tokens[k - 1]):
                edits.add(st, e, PlaceCand(st, e, "GPE", "place.zone", 0.7))
                covered[st:e] = b"\x01" * (e - st)
    edits.apply(out)
    _abbreviations_before_zone(ctx, out, covered)
    for end, cand in sorted(by_end.items()):
        word = next((s[end:end + n] for n in lengths if s[end:end + n] in zones), None)
        if word is None or (end + len(word) < len(s) and end + len(word) not in ctx.tok_at):
            continue
        start = cand.start
        while start in by_end and zones[word] == "LOC":  # 宁波舟山港: every place chained before the port
            start = by_end[start].start
        stop = end + len(word)
        if any(covered[end:stop]):
            continue
        edits.add(start, end, PlaceCand(start, stop, zones[word], "place.zone", 0.8))
        covered[start:stop] = b"\x01" * (stop - start)
    edits.apply(out)


def _abbreviations_before_zone(ctx: Ctx, out: list[PlaceCand], covered: bytearray) -> None:
    """A run of one-character abbreviations right before a zone word is the zone's name, one place
    with it (guideline §3.6: abbreviations stay inside site names): 中缅边境经济合作区, 中尼跨境经济合作区
    (a site zone, LOC), and 西港特区, whose 西 (a character that is a country only in pairs) and 港 (a
    region of China) pair no places, so name one (as 吉美 does; 港澳特区 stays two places)."""
    s = ctx.norm
    zones = ctx.lex.place_zones
    abbr = {c.end: c for c in out if c.end - c.start == 1 and c.rule.startswith("place.abbreviation")}
    if len(abbr) < 2:
        return
    kinds = ctx.lex.place_abbr_kind
    edits = _ZoneEdits()
    for m in ctx.lex.place_zone_re.finditer(s):
        e = m.start()
        word = next((s[e:e + n] for n in ctx.lex.place_zone_lengths if s[e:e + n] in zones), "")
        stop = e + len(word)
        if e not in abbr or not word or any(covered[e:stop]) or (stop < len(s) and stop not in ctx.tok_at):
            continue
        start = e
        while start in abbr and e - start < 3:
            start = abbr[start].start
        if e - start < 2:
            continue
        run = {kinds.get(c) for c in s[start:e]}
        if zones[word] != "LOC" and not ("pair" in run and run & {"province", "region"}):
            continue
        edits.add(start, e, PlaceCand(start, stop, zones[word], "place.zone.abbreviations", 0.7))
        covered[start:stop] = b"\x01" * (stop - start)
    edits.apply(out)


def _province_of(ctx: Ctx, char: str) -> tuple[str | None, str | None]:
    """The division a one-character abbreviation stands for inside a region's name (粤港澳: 澳 is Macao,
    not Australia), from the gazetteer's ABBR entries."""
    try:
        entries = ctx.gaz.lookup(char) if ctx.gaz is not None else []
    except Exception:  # a partial gazetteer must not break extraction
        return None, None
    for entry in entries:
        if entry.type == "ABBR" and entry.parent:
            return entry.parent, ctx.gaz.canonical(entry.parent)
    return _link(ctx.gaz, ctx.lex.place_abbr.get(char, char))


def _region_abbr_run(ctx: Ctx, h: Any) -> int:
    """Length of the run of one-character abbreviations a gazetteer region starts with (京津冀 3,
    粤港澳大湾区 3), or 0. Only regions: a city or province name is never cut (辽宁 is not 辽 + 宁)."""
    if not (h.kb_id or "").startswith("REG-"):
        return 0
    s = ctx.norm
    k = h.start
    while k < h.end and s[k] in ctx.lex.place_abbr:
        k += 1
    return k - h.start if k - h.start >= 2 else 0


def _all_abbr(ctx: Ctx, word: str) -> bool:
    """Two or three characters, each a country or region abbreviation (中美, 中日韩)."""
    # (a set of the characters, not a look-up of each one's kind: asked of every short place found)
    return 2 <= len(word) <= 3 and ctx.lex.place_abbr_countries.issuperset(word)


_DOC_ABBR_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "people" / "place_abbr_doc.tsv"


@cache
def _doc_abbr_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = []
    for line in _DOC_ABBR_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("abbr\t"):
            abbr, countries = line.split("\t")[:2]
            rows.append((abbr, tuple(countries.split("|"))))
    return tuple(rows)


def _doc_abbreviations(ctx: Ctx) -> dict[str, str]:
    """Characters that stand for a country the article names in full (尼 -> 尼泊尔), per text."""
    s = ctx.norm
    out = {}
    for abbr, countries in _doc_abbr_table():
        if abbr in s:
            name = next((c for c in countries if c in s), None)
            if name is not None:
                out[abbr] = name
    return out


def _emit(ctx: Ctx, out: list[PlaceCand], covered: bytearray, p: int, rule: str, conf: float,
          kb: str | None = None, canon: str | None = None, doc: dict[str, str] | None = None) -> None:
    if covered[p]:
        return
    name = (doc or {}).get(ctx.norm[p]) or _abbr_country(ctx, ctx.lex.place_abbr.get(ctx.norm[p]))
    if name:
        kb2, canon2 = _link(ctx.gaz, name)
        if kb2:
            kb, canon = kb2, canon2
    out.append(PlaceCand(p, p + 1, "GPE", rule, conf, kb, canon))
    covered[p] = 1


# provinces/regions written alone after 在/赴/援 (在京, 援藏, 回津, 援鄂): characters that are rarely
# words of their own
_SINGLE_OK = frozenset("京沪港澳台藏疆津渝鄂浙粤闽赣皖湘豫冀陕滇黔琼辽蜀")
# Dictionary tags of one-character words that are ordinary words alone (新 a, 保 v, 白 a): a country
# read from the article (place_abbr_doc.tsv) needs more than a prefix before such a character.
_WORDY_TAGS = frozenset({"a", "v", "d", "ad", "m", "p", "c"})
_SEPARATISM = frozenset("港台藏疆")  # 港独, 台独, 藏独, 疆独
_FANG_NOT = frozenset("面法式向案针便言位圆")  # 中方 yes, 以方便 no


def _abbreviations(ctx: Ctx, out: list[PlaceCand], covered: bytearray) -> None:
    """One-character abbreviations, scanned by character because jieba glues them to neighbours
    (美中关系 and 对华关系 are single words to it): runs with a context word after them (中美关系,
    哈中两国), lists (赣、粤、闽、湘), a country before 方 or an office (中方, 俄总理), a single
    one after 访/在/援 (访华, 在京, 援藏), and the gazetteer's province runs (川渝)."""
    lex = ctx.lex
    s = ctx.norm
    kinds = lex.place_abbr_kind
    abbr_re = lex.place_abbr_re
    doc = _doc_abbreviations(ctx)
    if doc:  # 尼, 苏 in an article naming 尼泊尔, 苏丹: read as countries here
        kinds = {**kinds, **{c: "country" for c in doc}}
        abbr_re = _char_class_re("".join(sorted(kinds)))
    n = len(s)
    country_starts = {h.start for h in ctx.places if h.end - h.start == 2 and (h.kb_id or "").startswith("ISO-")}
    for k in named_place_initials(ctx, covered):  # 淳剑两地 (淳安, 剑河 named in the article)
        _emit(ctx, out, covered, k, "place.abbreviation.initial", 0.6, doc=doc)
    if ctx.gaz is not None:
        try:
            runs = ctx.gaz.match_abbreviations(s)
        except Exception:
            runs = []
        groups: list[list[Any]] = []
        for h in runs:
            if groups and groups[-1][-1].end == h.start:
                groups[-1].append(h)
            else:
                groups.append([h])
        for group in groups:
            # 港澳|青年: the run ends where a word ends; a last character glued into the next word
            # (青年, 晋升) is not part of it
            while len(group) > 2 and group[-1].end < n and group[-1].end not in ctx.tok_at:
                group = group[:-1]
            if _run_ok(ctx, group[0].start, group[-1].end):
                for h in group:
                    _emit(ctx, out, covered, h.start, "place.abbreviation.run", 0.8, doc=doc)
    i = 0
    # speed: visit only the abbreviation characters (a C-level scan), in order; a run taken
    # below moves i past the characters it covers
    for m in abbr_re.finditer(s):
        if m.start() < i:
            continue
        i = m.start()
        ch = s[i]
        kind = kinds[ch]
        if covered[i]:
            continue
        # a run of abbreviations
        j = i
        while j < n and j - i < 3 and s[j] in kinds and not covered[j]:
            j += 1
        prev = s[i - 1] if i > 0 else ""
        if j - i >= 2 and s[i + 1] != ch and not (prev and is_cjk(prev) and prev not in lex.abbr_prefix
                                                   and i not in ctx.tok_at and not (ch in doc and lex.pos.get(prev + ch) is None)):
            # (美美与共: no pair; 为|尼中 glued by the segmenter is a pair in an article on 尼泊尔)
            # the longest run that is a word or has a context word after it: 亚欧|新型 is 亚欧
            j = next((e for e in range(j, i + 1, -1) if s[i:e] not in lex.abbr_not_runs and not _plain_word(ctx, i, e) and (
                _abbr_suffix(ctx, e) or (_run_is_word(ctx, i, e) and not _mixed_unknown(ctx, i, e)
                                         and not weak_unknown(ctx, i, e, kinds))
                or country_pair(ctx, i, e, kinds) or glued_after_prefix(ctx, i, e)
                or pair_context_after(ctx, i, e, kinds))), i)
            if j > i:
                for k in range(i, j):
                    _emit(ctx, out, covered, k, "place.abbreviation", 0.7, doc=doc)
                i = j
                continue
        # speed: the first tests of country_before_country and _in_list, made before the calls (most
        # characters here pass neither, and these lines run for every abbreviation character)
        if kind == "country" and j == i + 1 and i + 1 in country_starts and country_before_country(ctx, i, country_starts):
            _emit(ctx, out, covered, i, "place.abbreviation.pair", 0.6, doc=doc)  # 中|巴新关系
            continue
        nxt = s[i + 1] if i + 1 < n else ""
        # a list: 赣、粤、闽、湘 / 中、英、德、法
        if (prev == "、" or nxt == "、") and _in_list(ctx, i):
            _emit(ctx, out, covered, i, "place.abbreviation.list", 0.6, doc=doc)
            continue
        if ch in _SEPARATISM and nxt == "独" and not (prev and is_cjk(prev) and i not in ctx.tok_at):
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.6)  # 港独, 台独: the place is named
            continue
        if ch == "华" and nxt and nxt in "工商裔" and (prev in lex.abbr_prefix or i in ctx.tok_at):
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.5)  # 在华工作, 华工, 华裔
            continue
        # (华人, 华侨 are no places in the modern annotated news, though MSRA 1998 tags them)
        alone_before = i in ctx.tok_at or (prev in lex.abbr_prefix) or (
            ch in doc and prev and lex.pos.get(prev + ch) is None)  # 同|尼方: glued, but no word
        if ch == "中" and nxt == "外" and ctx.tok_at.get(i) is not None and ctx.tokens[ctx.tok_at[i]] == "中外":
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.6)  # 中外媒体: 中 is China, 外 no name
            continue
        if ch in lex.abbr_alone and i in ctx.tok_at and (i + 1) in ctx.tok_at:
            _emit(ctx, out, covered, i, "place.abbreviation.alone", 0.6, doc=doc)
            continue
        if kind == "country" and alone_before and nxt == "方" and s[i + 2:i + 3] not in _FANG_NOT:
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.6, doc=doc)
        elif kind == "country" and (i in ctx.tok_at or alone_before) and (i + 1) in ctx.tok_at \
                and _abbr_suffix(ctx, i + 1) and (alone_before or not (prev and is_cjk(prev) and prev not in lex.abbr_prefix)):
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.5, doc=doc)
        elif prev in lex.abbr_prefix and (kind in ("country", "region") or ch in _SINGLE_OK) \
                and not (ch == "台" and i not in ctx.tok_at) \
                and (i + 1 in ctx.tok_at or i + 1 == n or _abbr_suffix(ctx, i + 1)) and _prefix_word_ok(ctx, i - 1) \
                and not (ch in doc and lex.place_abbr_kind.get(ch) != "country" and lex.pos.get(ch) in _WORDY_TAGS
                         and not _abbr_suffix(ctx, i + 1)):
            # (在新的一年: 新 is "new" there even in an article on 新加坡; 访新, 在新期间 stay)
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.6, doc=doc)


@lru_cache(maxsize=256)
def _char_class_re(chars: str) -> "re.Pattern[str]":
    """Compiled once per set of characters: re's own cache missed here (a third of a millisecond
    per article), as other modules' patterns pushed these out."""
    return re.compile("[" + chars + "]")


def _plain_word(ctx: Ctx, i: int, j: int) -> bool:
    """The run is one dictionary word of an ordinary kind (加深 v, 加以 v): no pair of places, even
    with a pair word after it (加深两国人民的情感)."""
    k = ctx.tok_at.get(i)
    return k is not None and ctx.starts[k] + len(ctx.tokens[k]) == j and ctx.tags[k] in ("v", "vn", "vd", "a", "ad",
                                                                                       "d", "p", "c")


def _prefix_word_ok(ctx: Ctx, p: int) -> bool:
    """The prefix character (访, 在) starts its word or is the whole word: 来华 yes, 未来华 no."""
    if p in ctx.tok_at:
        return True
    if p > 0 and ctx.norm[p - 1:p + 1] in _AID_WORDS and p - 1 in ctx.tok_at:
        return True  # 支援|鄂 (江苏第一支援鄂医疗队): a word of aid ending in 援
    return p > 0 and not is_cjk(ctx.norm[p - 1])


# Two-character words of aid whose last character is the prefix 援 (援鄂, 援藏).
_AID_WORDS = frozenset({"支援", "驰援", "增援"})


# Dictionary tags of words that only look like a run of abbreviations: 加以 (v), 非法 (b). Country
# pairs are tagged ns, nt, nz, j, or oddly t (中日) and nr (巴以), and stay places.
_NOT_PLACE_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "b", "d", "p", "c", "u", "uj", "ul", "ud", "uz", "uv",
                             "ug", "r", "m", "q", "f", "l", "i", "y", "e", "o", "z", "zg"})


def _run_is_word(ctx: Ctx, i: int, j: int) -> bool:
    """The run is exactly one word (中印, 哈中) or a string of one-character place words."""
    k = ctx.tok_at.get(i)
    if k is None:
        return False
    if ctx.starts[k] + len(ctx.tokens[k]) == j:
        tag = ctx.tags[k]
        return tag in ("j", "ns", "nt", "nz", None) or (_all_abbr(ctx, ctx.tokens[k]) and tag not in _NOT_PLACE_TAGS)
    while k < len(ctx.tokens) and ctx.starts[k] < j:
        if len(ctx.tokens[k]) != 1 or ctx.tags[k] not in ("j", "ns"):
            return False
        k += 1
    return True


def _mixed_unknown(ctx: Ctx, i: int, j: int) -> bool:
    """A word unknown to the dictionary that would pair a province with a country (吉美家族: 吉 Jilin,
    美 America) is a name of its own, not two places: provinces pair with provinces (川渝), countries
    with countries (中美); such a run needs a context word after it (关系, 两国)."""
    k = ctx.tok_at.get(i)
    if k is None or ctx.tags[k] is not None or ctx.starts[k] + len(ctx.tokens[k]) != j:
        return False
    kinds = {ctx.lex.place_abbr_kind.get(c) for c in ctx.norm[i:j]}
    return "province" in kinds and bool(kinds & {"country", "pair"})


def _in_list(ctx: Ctx, i: int) -> bool:
    """Single abbreviation between list commas with another abbreviation next to it."""
    s = ctx.norm
    kinds = ctx.lex.place_abbr_kind
    left = s[i - 1] if i > 0 else ""
    right = s[i + 1] if i + 1 < len(s) else ""
    left_ok = left == "、" and i >= 2 and s[i - 2] in kinds and \
        (i < 3 or not is_cjk(s[i - 3]) or s[i - 3] == "、" or s[i - 3] in ctx.lex.abbr_prefix)
    right_ok = right == "、" and i + 2 < len(s) and s[i + 2] in kinds
    if not (left_ok or right_ok):
        return False
    other = s[i - 2] if left_ok else s[i + 2]
    if not _same_kind(kinds.get(s[i]), kinds.get(other)):
        return False  # 新、老村民: a province and a country are no list
    before_ok = i == 0 or not is_cjk(s[i - 1]) or left == "、" or i in ctx.tok_at
    long_list = left_ok and i >= 4 and s[i - 3] == "、"  # the last of three or more: 赣、粤、闽、湘四省
    after_ok = right in ("、", "", ",", "。", ";") or (i + 1) in ctx.tok_at or long_list or _abbr_suffix(ctx, i + 1)
    return before_ok and after_ok


_ABBR_TAGS = frozenset({"j", "ns", "nz", None})


def _same_kind(a: str | None, b: str | None) -> bool:
    """Provinces are listed with provinces (赣、粤), countries and regions with each other (中、英)."""
    return (a == "province") == (b == "province")


def _run_ok(ctx: Ctx, start: int, end: int) -> bool:
    """A run of abbreviations is trusted when it starts a word (not 个川) and is not a string of
    ordinary one-character words (这台新机器)."""
    i = ctx.tok_at.get(start)
    if i is None:
        return False
    tok = ctx.tokens[i]
    if len(tok) >= 2:
        # the run is the whole word (川渝) or starts an unknown one (川渝自贸), not 新台阶
        return ctx.starts[i] + len(tok) <= end or ctx.tags[i] is None
    while i < len(ctx.tokens) and ctx.starts[i] < end:
        if len(ctx.tokens[i]) == 1 and ctx.tags[i] not in _ABBR_TAGS:
            return False
        i += 1
    return True


def _abbr_suffix(ctx: Ctx, e: int) -> bool:
    s = ctx.norm
    table = ctx.lex.abbr_suffix_set
    return any(s[e:e + n] in table for n in ctx.lex.abbr_suffix_lengths)
