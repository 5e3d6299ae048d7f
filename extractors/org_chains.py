"""Bodies owned by the name before them: a place or an organisation, then ordinary words, then a body
suffix is one ORG (湖北省慈善总会, 江北区就业和人才中心, 北海市财政局预算科, 清华大学继续教育学院).

The suffix rule in orgs.py walks left and needs a proper name among the words; here the owner (a
GPE chain or an organisation already found) is the proper part, so the words after it may be common
nouns, fields and the verbs that name what a body does. The outermost name wins: the walk keeps the
last suffix reached. Kinds a place has many of (公司, 医院, 学校) still need a proper part of their own
(北京三甲医院, 美国科技公司 name no body): gazetteers/orgs/kind_suffixes.txt.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from pathlib import Path

from zhnews.extractors.entity_lexicon import Lexicon
from zhnews.extractors.org_base import joins_with_pointer
from zhnews.extractors.entity_text import Ctx, all_cjk, is_latin
from zhnews.extractors.org_units import _end_index

SuffixOf = Callable[[Ctx, str], "str | None"]

# A region word before a one-character suffix makes a direction (柬埔寨|西南|部), not a body.
_DIRECTION_CHARS = frozenset("东南西北中内外上下前后全")
_KIND_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "kind_suffixes.txt"
_MAX_UNITS = 7
_MAX_CHARS = 22
# Tags of words a body's descriptive part is made of after its owner (fields, objects, names).
_CONTENT_TAGS = frozenset({"n", "vn", "nz", "nt", "j", "ng", "l", "i", "nr", "nrt", "nrfg", "ns", "GAZ", "an", "b"})
# Tags that are a proper part of their own (a kind suffix needs one: 山东|和同|信息科技股份有限公司).
_PROPER_TAGS = frozenset({None, "nz", "nt", "j", "nr", "nrt", "nrfg", "GAZ", "ns", "eng"})
# Words joining fields (就业和人才中心) or an owner to the body it stations (纪委监委驻省国资委).
_JOINS = frozenset({"和", "与", "、", "驻"})
_DIRECTIONS = frozenset("东南西北中内外上下前后全")
# After a join, a proper name starts a second body (苏州工业园区与|博世|集团), not a field of the first.
_NAME_AFTER_JOIN = frozenset({"GAZ", "ns", "nt", "nr", "nrt", "nrfg", "nz", "eng"})
# A level's own body at the end of a unit (市政府, 县委县政府's 县政府): a body of its own, not a unit.
_LEVEL_BODY_END = re.compile("(?:^|^..+)[省市县区州乡镇](?:委|政府|人民政府|人大|政协|纪委|监委|人大常委会)$")


_UNIT_STOPS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "unit_stops.txt"


@cache
def unit_stops() -> frozenset[str]:
    """gazetteers/orgs/unit_stops.txt: words that end a body's name, not a unit of it (车间, 董事局)."""
    lines = _UNIT_STOPS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@cache
def _kinds() -> frozenset[str]:
    lines = _KIND_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def owned_bodies(ctx: Ctx, units: list[tuple], barriers: bytearray, org_spans: list[tuple[int, int]],
                 suffix_of: SuffixOf, name_verbs: frozenset[str], suffix_units: list[int]) -> list[tuple[int, int]]:
    """(start, end) of bodies named after an owner; ``org_spans``: organisations found so far
    (owners too), ``suffix_of``: orgs._suffix_of (passed in: orgs imports this module),
    ``suffix_units``: sorted indices of the units ending in a suffix's last character."""
    lex = ctx.lex
    owners: dict[int, int] = {}  # owner end -> its leftmost start
    gpe_end = {h.end: h.start for h in ctx.places if h.label == "GPE"}
    for e, s in gpe_end.items():
        steps = 0
        while s in gpe_end and steps < 4:  # 湖南省|郴州市|桂东县: the chain of places before it
            s = gpe_end[s]
            steps += 1
        owners[e] = s
    org_ends: set[int] = set()
    for s, e in org_spans:
        org_ends.add(e)
        if owners.get(e, e) > s:
            owners[e] = s
    if not owners or not suffix_units:
        return []
    # speed: the unit starting at e is the one after the unit ending there (units follow each other
    # without gaps), from the end-offset index the suffix rule already built for these units: one
    # dictionary fewer per text
    at_end = _end_index(units)
    out: list[tuple[int, int]] = []
    for e in sorted(owners):
        k0 = at_end.get(e)
        if k0 is None or k0 + 1 == len(units) or units[k0 + 1][0] != e:
            continue
        k0 += 1
        i = bisect_left(suffix_units, k0)
        if i == len(suffix_units) or suffix_units[i] - k0 >= _MAX_UNITS:
            continue  # speed: no suffix within reach, no walk
        best = _walk(ctx, units, k0, e, barriers, suffix_of, name_verbs, lex, e in org_ends)
        if best is not None and not any(barriers[owners[e]:best]):
            name = ctx.norm[owners[e]:best]
            if name not in lex.org_generic and not name.endswith(lex.org_event_ends):
                out.append((owners[e], best))
    return out


def _walk(ctx: Ctx, units: list[tuple], k0: int, e: int, barriers: bytearray, suffix_of: SuffixOf,
          name_verbs: frozenset[str], lex: Lexicon, org_owner: bool) -> int | None:
    """End of the last body suffix reached walking right from unit k0, or None. An organisation
    owner is itself the proper part (清华大学|继续教育学院); a place is not (北京|三甲医院)."""
    best: int | None = None
    proper = org_owner
    joins = 0
    joined_after_body = False
    k = k0
    n = len(units)
    while k < n and k - k0 < _MAX_UNITS:
        a, b, text, tag = units[k]
        if b - e > _MAX_CHARS or barriers[a] or barriers[b - 1]:
            break
        first = k == k0
        nxt = units[k + 1] if k + 1 < n else None
        if text in _JOINS:
            # fields inside one name (就业和人才中心), not two names (协会与电视台, 集团、中心): no body
            # reached yet, a field word on each side, and 、 only between two-character nouns
            prev = units[k - 1]
            if first or nxt is None or joins >= 2 or (best is not None and text != "与") or prev[2] in lex.title_set or \
                    (best is None and suffix_of(ctx, prev[2]) is not None) or \
                    not _is_content(nxt[2], nxt[3], lex, name_verbs) or nxt[3] in _NAME_AFTER_JOIN or \
                    (text == "、" and not (len(prev[2]) == 2 == len(nxt[2]) and prev[3] == "n" == nxt[3])):
                break
            joins += 1
            joined_after_body = best is not None
            k += 1
            continue
        if not all_cjk(text) and not (is_latin(text) and len(text) >= 2):
            break
        if tag is None and joins_with_pointer(text):
            break  # 北京|同该|出版社: a connector and a pointing word join two names
        if text in lex.title_set:
            if first or best is not None or text in lex.org_breakers:
                break  # 北京市|市长: a position after the owner ends the name
            k += 1
            continue
        if text in unit_stops():
            break  # 江苏大生集团|数字化纺纱|车间: a workshop, not a unit of the body
        suf = suffix_of(ctx, text)
        if suf is not None and not (tag == "ns" or (tag == "GAZ" and ctx.place_mask[a])) and \
                not (text == suf and len(suf) == 1 and (units[k - 1][2] in _JOINS or
                                                        all(c in _DIRECTION_CHARS for c in units[k - 1][2]))) and \
                not (text.endswith("所") and nxt is not None and nxt[3] == "v") and \
                _body_end(ctx, text, tag, suf, first, proper, lex):  # (新华社|莫斯科: a place, no unit)
            if _LEVEL_BODY_END.search(text) is not None:
                break  # 深圳市委|市政府, 县委县政府: a second body of the same place, not a unit of the first
            if joined_after_body and lex.org_suffixes[suf] not in ("nested", "weak"):
                break  # 总局与|广播电视台: a second body; 厅|中小企业与民营经济发展|处 is a unit
            best = b
        elif not _is_content(text, tag, lex, name_verbs) or (org_owner and tag in ("i", "l")):
            # (an organisation and an idiom are a clause: 银保监会|严厉查处|银行)
            # one verb between fields (就业|和, 就业|促进|司), never right before the suffix
            if not (tag == "v" and len(text) == 2 and nxt is not None and
                    (nxt[2] in ("和", "与") or nxt[3] == "vn" or nxt[2] in name_verbs or
                     (org_owner and lex.org_suffixes.get(suffix_of(ctx, nxt[2]) or "") == "nested"))):
                break  # (财政局|预算|科: a unit named by what it does)
        if tag in _PROPER_TAGS and not (tag is None and len(text) < 2):
            proper = True
        k += 1
    return best


def _is_content(text: str, tag: str | None, lex: Lexicon, name_verbs: frozenset[str]) -> bool:
    if text in lex.org_breakers:
        return False
    if tag in _CONTENT_TAGS or text in name_verbs:
        return True
    return tag is None and len(text) >= 2 and all_cjk(text)


def _body_end(ctx: Ctx, text: str, tag: str | None, suf: str, first: bool, proper: bool, lex: Lexicon) -> bool:
    """The unit ends a body: a suffix that is no ordinary word (干部, 北部), no position (常委), no
    facility (a place by convention), and a kind (公司) only after a proper part."""
    strength = lex.org_suffixes[suf]
    if strength == "facility" or text in lex.title_set or text in lex.org_not_units or \
            text in lex.org_ordinary_ends or text.endswith(lex.org_event_ends):
        return False
    if tag == "v" and text == suf:
        return False  # 中心|组织|了: 组织 the verb after a name ends it
    if text == "科技" or (tag is None and len(suf) == 1):
        return False  # 宣传|科技: the field; 中心|还会: an unknown word ending in a weak suffix
    if first and len(text) <= len(suf):
        return False  # the owner and a bare suffix (北京|部): orgs.py's own rules decide those
    if len(suf) == 1 and len(text) >= 2 and tag not in ("nt", "j", "GAZ"):
        if text[-2] in _DIRECTIONS or lex.pos.get(text[-2:]) not in (None, "nt", "j"):
            return False  # 中部, 大会, 经济社会, 老干部, 交流平台: ends in a dictionary word, not a body
    if text[-2:] in lex.org_ordinary_ends or text[-2:] in lex.org_not_units:
        return False
    if suf in _kinds() or text in _kinds():
        return proper or (len(text) > len(suf) and tag is None)
    return True


def country_arms(ctx: Ctx, org_spans: list[tuple[int, int]], barriers: bytearray) -> list[tuple[int, int]]:
    """A company's country arm written after its name, before a position: 英国石油公司中国|董事长,
    沃尔玛中国|总裁 is one ORG (the arm), not a company and a country."""
    countries = {h.start: h.end for h in ctx.places if (h.kb_id or "").startswith("ISO-")}
    if not countries:
        return []
    s = ctx.norm
    titles = ctx.lex.title_set
    out: list[tuple[int, int]] = []
    for a, b in org_spans:
        e = countries.get(b)
        if e is None or any(barriers[a:e]):
            continue
        if any(s[e:e + n] in titles for n in (2, 3, 4)) or s.startswith(("高级副总裁", "副总裁"), e):
            out.append((a, e))
    return out

