"""Short names that stand for a place only where the article says which: division short forms,
city nicknames (山城), zone names without their zone word (雄安).

Short forms of Chinese divisions the gazetteer leaves out because jieba knows them as other words.

黄石 (黄石市), 阳新 (阳新县) and 义乌 (义乌市) are tagged as names or words in jieba's dictionary, so
scripts/build_gazetteers.py gives them no short form: read alone they are not surely places. They are
in an article that writes the full name too (黄石市 ... 驻黄石医疗队), or right after their own
province or prefecture (湖北黄石, 浙江义乌): the article says which place it means.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from zhnews.extractors.entity_text import Ctx, all_cjk, mentions_of

_ENDS = "市县区"
_TYPES = frozenset({"PREFECTURE", "COUNTY"})
_NOT_LAST = "新矿城郊"  # 滨海新区, 井陉矿区: no short form without the head
# ... unless the dictionary tags the short form as a name (阳新, 麻城, 诸城: nr), not a word (清新 a, 老城 n)
# or a place word that is also a common noun (古城, 山城, 商城: ns)
_NAME_TAGS = frozenset({"nr", "nrt", "nz"})
_TABLES: dict[tuple[str, int], tuple[dict[str, str], Any]] = {}


def _table(gaz: Any, pos: Mapping[str, str | None]) -> tuple[dict[str, str], dict[str, str]]:
    """short form -> division id (unique ones only), and division id -> short form; per gazetteer
    and per tag table (``pos``: the dictionary's tags, which decide 阳新 nr vs 清新 a)."""
    key = (str(getattr(gaz, "version", id(gaz))), id(pos))
    cached = _TABLES.get(key)
    if cached is not None:
        return cached
    found: dict[str, str | None] = {}
    for e in gaz.entries.values():
        if e.type not in _TYPES or not e.id.startswith("CN-") or len(e.name) < 3 or e.name[-1] not in _ENDS:
            continue
        if any(len(a) >= 2 for a in e.aliases):
            continue
        short = e.name[:-1]
        if "自治" in short or (short[-1] in _NOT_LAST and pos.get(short) not in _NAME_TAGS) or gaz.lookup(short):
            continue
        found[short] = None if short in found else e.id  # two divisions share it: neither
    table = {s: i for s, i in found.items() if i is not None}
    _TABLES[key] = (table, {i: s for s, i in table.items()})
    return _TABLES[key]


def division_short_forms(ctx: Ctx, covered: bytearray) -> list[tuple[int, int, str, str]]:
    """(start, end, division id, full name) of each short form standing for its division here: a
    word of its own, not inside a found place, in an article that names the division in full, or
    written right after its parent division (湖北黄石). Read from the gazetteer's hits, not by a
    scan: the text is searched only for the few short forms the article calls for."""
    gaz = ctx.gaz
    if gaz is None or not hasattr(gaz, "entries") or not ctx.places:
        return []
    try:
        table, short_of = _table(gaz, ctx.lex.pos)
        s = ctx.norm
        n = len(s)
        tok_at = ctx.tok_at
        out: list[tuple[int, int, str, str]] = []
        seen: set[int] = set()

        def take(p: int, e: int, eid: str) -> None:
            if p not in seen and p in tok_at and (e == n or e in tok_at) and not any(covered[p:e]):
                seen.add(p)
                out.append((p, e, eid, gaz.entries[eid].name))

        named = {h.kb_id for h in ctx.places if h.kb_id in short_of}
        mentions = mentions_of(s, [short_of[eid] for eid in named])  # (one scan, however many divisions)
        for eid in named:  # 黄石市 ... 黄石
            short = short_of[eid]
            for p in mentions[short]:
                take(p, p + len(short), eid)
        for h in ctx.places:  # 湖北|黄石, 浙江|义乌
            if not (h.kb_id or "").startswith("CN-"):
                continue
            for size in (2, 3):
                eid = table.get(s[h.end:h.end + size])
                if eid is not None and h.kb_id in gaz.ancestors(eid):
                    take(h.end, h.end + size, eid)
    except Exception:  # a partial gazetteer must not break extraction
        return []
    out.sort()
    return out


_NICK_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "places" / "city_nicknames.tsv"
# Characters before a nickname that make it a common noun: 这座山城, 一个江城.
_CLASSIFIERS = frozenset("座个这那此该一")


@cache
def _nicknames() -> dict[str, tuple[str, tuple[str, ...]]]:
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in _NICK_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("nickname\t"):
            nick, city, names = line.split("\t")[:3]
            out[nick] = (city, tuple(n for n in names.split("|") if n))
    return out


def doc_short_names(ctx: Ctx, zones: list[tuple[int, int]], covered: bytearray) -> list[tuple[int, int, str]]:
    """(start, end, the name it stands for) of city nicknames (山城 in an article on 重庆) and of zone
    names without their zone word (雄安 in an article on 雄安新区, found at ``zones``): each a word of
    its own, free, not after a classifier."""
    s = ctx.norm
    wanted: dict[str, str] = {}
    for nick, (city, names) in _nicknames().items():
        if nick in s and any(n in s for n in names):
            wanted[nick] = city
    zone_words = ctx.lex.place_zones
    longest_first = sorted(zone_words, key=len, reverse=True) if zones else []
    for a, b in zones:
        word = s[a:b]
        head = next((word[:-len(z)] for z in longest_first if word.endswith(z) and zone_words[z] == "GPE"), "")
        head = _without_modifiers(head)
        if head in _ZONE_MODIFIER_ENDS:
            continue  # 技术开发区: no name before the zone word
        if 2 <= len(head) <= 3 and all_cjk(head):
            wanted.setdefault(head, word)
    out: list[tuple[int, int, str]] = []
    n = len(s)
    # (one scan for all the names: a find per zone's name over a text of thousands of zones was quadratic)
    mentions = mentions_of(s, list(wanted))
    for name, full in wanted.items():
        for p in mentions[name]:
            e = p + len(name)
            if p in ctx.tok_at and (e == n or e in ctx.tok_at) and not any(covered[p:e]) \
                    and not (p > 0 and s[p - 1] in _CLASSIFIERS):
                out.append((p, e, full))
    return out


# Generic words at the end of a zone's name (杨凌|农业|高新技术|产业|示范区): the name is before them.
_ZONE_MODIFIER_ENDS = ("农业", "高新技术", "高新", "技术", "经济", "医疗", "旅游", "国际", "产业", "科技", "综合", "现代",
                       "生态", "文化", "创新", "国家级", "省级")


def without_modifiers(head: str) -> str:
    """The name a zone's head starts with, the generic words after it cut off."""
    return _without_modifiers(head)


def _without_modifiers(head: str) -> str:
    for _ in range(6):
        cut = next((m for m in _ZONE_MODIFIER_ENDS if head.endswith(m) and len(head) > len(m)), None)
        if cut is None:
            break
        head = head[:-len(cut)]
    return head
