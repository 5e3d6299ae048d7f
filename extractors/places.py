"""Places: gazetteer names, dictionary place words, name + place suffix, one-character abbreviations.

One-character abbreviations (中美 = 中 + 美, 访华, 川渝) are places only in a run of two or more or
in a listed context, because each of those characters is an ordinary word elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zhnews.extractors.entity_text import Ctx, is_cjk, positions_of

_ADMIN_END = "省市县区州乡镇村国旗盟"


@dataclass(frozen=True, slots=True)
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
        if parts is not None:
            # 澜湄 → 澜 / 湄: one place per character, each linked to the place it stands for
            for k, (label, full) in enumerate(parts):
                kb, canon = _link(ctx.gaz, full)
                out.append(PlaceCand(h.start + k, h.start + k + 1, label, "place.abbreviation.split", 0.8, kb, canon))
            continue
        if _all_abbr(ctx, ctx.norm[h.start:h.end]) and ctx.norm[h.start:h.end] not in ctx.lex.extra_places:
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
        out.append(PlaceCand(h.start, h.end, h.label, "place.gazetteer", 0.9, h.kb_id, h.canonical))
    for start, end in split:  # 京津冀: one place per abbreviation, as the annotated news writes them
        for k in range(start, end):
            if not covered[k]:
                kb, canon = _province_of(ctx, ctx.norm[k])
                out.append(PlaceCand(k, k + 1, "GPE", "place.abbreviation.region", 0.8, kb, canon))
                covered[k] = 1
    _roads(ctx, out, covered)
    _routes(ctx, out, covered)
    _abbreviations(ctx, out, covered)
    _zones(ctx, out, covered)
    s = ctx.norm
    toks, starts, tags = ctx.tokens, ctx.starts, ctx.tags
    suffixes = lex.place_suffixes
    last = len(toks) - 1
    for i in _place_token_candidates(ctx):
        tok = toks[i]
        tag = tags[i]
        # speed: only a dictionary place word or a word before a place suffix can start a place here
        if tag != "ns" and not (i < last and tag in (None, "nz") and toks[i + 1] in suffixes):
            continue
        p = starts[i]
        e = p + len(tok)
        if any(covered[p:e]):
            continue
        if use_dict and tag == "ns" and _place_shaped(ctx, tok):
            kb, canon = _link(ctx.gaz, tok)
            out.append(PlaceCand(p, e, _label_for(tok), "place.dict", 0.6, kb, canon))
            continue
        # Name + suffix written as two words: 城西 + 乡, 日惹 + 省 (the name is unknown or a place word).
        if i + 1 < len(toks) and len(tok) >= 2 and tag in (None, "nz", "ns") and all(is_cjk(c) for c in tok):
            suf = toks[i + 1]
            info = lex.place_suffixes.get(suf)
            if info is not None and info[1] != "weak" and not any(covered[e:e + len(suf)]):
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


_ROAD_ENDS = ("大道", "大街", "路")
_ROUTE_WORDS = "城际铁路|城际|高速铁路|高速公路|高速|高铁|铁路|动车"


@cache
def _route_re(chars: str) -> "re.Pattern[str]":
    return re.compile("([" + chars + "]{2,3})(?:" + _ROUTE_WORDS + ")")


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
        found.append(PlaceCand(start, end, "LOC", "place.route", 0.75))
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
        if not all(is_cjk(c) for c in tok) or tok.endswith(_NOT_ROADS):
            continue
        named = len(tok) >= 3 and tags[i] in _ROAD_NAME_TAGS
        first = i
        while first > 0 and i - first < 2:
            prev, ptag = toks[first - 1], tags[first - 1]
            if ptag not in _ROAD_NAME_TAGS or not all(is_cjk(c) for c in prev) or prev[-1] in _ADMIN_CHARS \
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
        found.append(PlaceCand(start, end, "LOC", "place.road", 0.75))
        covered[start:end] = b"\x01" * (end - start)
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
    suffixes = ctx.lex.place_suffixes
    tok_at = ctx.tok_at
    for m in ctx.lex.place_suffix_re.finditer(ctx.norm):
        k = tok_at.get(m.start())
        if k and ctx.tokens[k] in suffixes:
            cand.add(k - 1)
    return sorted(cand)


_PLACE_END = frozenset("省市县区州镇乡村岛峰山江河湖海港湾峡洲")


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


_ZONE_HEAD_TAGS = frozenset({None, "nz", "ns", "j"})


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
        tok, st, tag = ctx.tokens[k - 1], ctx.starts[k - 1], ctx.tags[k - 1]
        if tag in _ZONE_HEAD_TAGS and 2 <= len(tok) <= 4 and not any(covered[st:e]) \
                and all(is_cjk(c) for c in tok) and any(zones.get(s[e:e + n]) == "GPE" for n in lengths):
            by_end[e] = PlaceCand(st, e, "GPE", "place.zone.head", 0.6)
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
        out[:] = [c for c in out if not (start <= c.start and c.end <= end)]
        out.append(PlaceCand(start, stop, zones[word], "place.zone", 0.8))
        covered[start:stop] = b"\x01" * (stop - start)


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
    kinds = ctx.lex.place_abbr_kind
    return 2 <= len(word) <= 3 and all(kinds.get(c) in ("country", "region") for c in word)


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


_SINGLE_OK = frozenset("京沪港澳台藏疆")  # provinces/regions written alone after 在/赴/援 (在京, 援藏)
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
        abbr_re = re.compile("[" + "".join(sorted(kinds)) + "]")
    n = len(s)
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
        if j - i >= 2 and not (prev and is_cjk(prev) and prev not in lex.abbr_prefix and i not in ctx.tok_at):
            # the longest run that is a word or has a context word after it: 亚欧|新型 is 亚欧
            j = next((e for e in range(j, i + 1, -1) if s[i:e] not in lex.abbr_not_runs and (
                _abbr_suffix(ctx, e) or (_run_is_word(ctx, i, e) and not _mixed_unknown(ctx, i, e)))), i)
            if j > i:
                for k in range(i, j):
                    _emit(ctx, out, covered, k, "place.abbreviation", 0.7, doc=doc)
                i = j
                continue
        # a list: 赣、粤、闽、湘 / 中、英、德、法
        if _in_list(ctx, i):
            _emit(ctx, out, covered, i, "place.abbreviation.list", 0.6, doc=doc)
            continue
        nxt = s[i + 1] if i + 1 < n else ""
        if ch == "华" and nxt and nxt in "人侨工裔商" and (prev in lex.abbr_prefix or i in ctx.tok_at):
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.5)  # 华人, 华侨, 反华
            continue
        alone_before = i in ctx.tok_at or (prev in lex.abbr_prefix)
        if ch in lex.abbr_alone and i in ctx.tok_at and (i + 1) in ctx.tok_at:
            _emit(ctx, out, covered, i, "place.abbreviation.alone", 0.6, doc=doc)
            continue
        if kind == "country" and alone_before and nxt == "方" and s[i + 2:i + 3] not in _FANG_NOT:
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.6, doc=doc)
        elif kind == "country" and i in ctx.tok_at and (i + 1) in ctx.tok_at and _abbr_suffix(ctx, i + 1) \
                and not (prev and is_cjk(prev) and prev not in lex.abbr_prefix):
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.5, doc=doc)
        elif prev in lex.abbr_prefix and (kind in ("country", "region") or ch in _SINGLE_OK) \
                and not (ch == "台" and i not in ctx.tok_at) \
                and (i + 1 in ctx.tok_at or i + 1 == n or _abbr_suffix(ctx, i + 1)) and _prefix_word_ok(ctx, i - 1):
            _emit(ctx, out, covered, i, "place.abbreviation.context", 0.6, doc=doc)


def _prefix_word_ok(ctx: Ctx, p: int) -> bool:
    """The prefix character (访, 在) starts its word or is the whole word: 来华 yes, 未来华 no."""
    if p in ctx.tok_at:
        return True
    return p > 0 and not is_cjk(ctx.norm[p - 1])


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
    before_ok = i == 0 or not is_cjk(s[i - 1]) or left == "、" or i in ctx.tok_at
    long_list = left_ok and i >= 4 and s[i - 3] == "、"  # the last of three or more: 赣、粤、闽、湘四省
    after_ok = right in ("、", "", ",", "。", ";") or (i + 1) in ctx.tok_at or long_list or _abbr_suffix(ctx, i + 1)
    return before_ok and after_ok


_ABBR_TAGS = frozenset({"j", "ns", "nz", None})


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
