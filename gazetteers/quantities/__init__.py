"""Numbers, units, approximation markers, exclusions and date words as data; loaded and checked once.

The TSV files have a header line (lines starting with ``#`` are comments). Every malformed line raises
``QuantityDataError`` naming the file and line, at import of the extractors, never per call.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent
FILES: tuple[str, ...] = (
    "numerals.tsv", "units.tsv", "approx.tsv", "range_connectors.tsv", "exclusions.tsv", "subject_stops.tsv",
    "verbs.tsv", "dates.yaml", "collectives.tsv", "collective_words.tsv", "approx_words.tsv", "comparisons.tsv",
    "subject_links.tsv", "subject_nouns.tsv", "count_one_cues.tsv", "bare_counts.tsv", "ordinal_names.tsv",
    "half_words.tsv", "money_parts.tsv", "time_points.tsv", "list_heads.tsv", "action_nouns.tsv",
    "land_units.tsv", "subject_modifiers.tsv", "counted_heads.tsv", "point_words.tsv",
)
# Units written in Latin letters (cm, kg, GB): they follow Arabic numerals only, and exclusions.tsv lets them
# through with the placeholder <LATIN_UNITS> (5G and COVID-19 stay codes, 168cm is a length).
LATIN_UNIT = re.compile(r"[A-Za-z°μ]")
_LITERAL = re.compile(r"[^\\()\[\]{}?*+.^$]+")  # an exclusion with no regex syntax but |
KINDS: frozenset[str] = frozenset(
    {"count", "money", "percent", "multiple", "area", "length", "weight", "volume", "duration",
     "ordinal", "number", "other", "none"}
)


class QuantityDataError(ValueError):
    """A data file under gazetteers/quantities is malformed; the message starts with ``path:line:``."""


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    kind: str
    norm: str  # what QuantityMatch.unit reports


@dataclass(frozen=True, slots=True)
class QuantityData:
    numerals: dict[str, tuple[float, str]]  # char -> (value, type)
    units: dict[str, Unit]
    approx_before: tuple[str, ...]
    approx_inside: tuple[str, ...]
    approx_after: tuple[str, ...]
    connectors: tuple[str, ...]
    exclusions: tuple[tuple[str, str], ...]  # (regex, why)
    stops_after: tuple[str, ...]
    stops_before: tuple[str, ...]
    verbs: frozenset[str]  # two-character verbs that end a subject (generated: build_verbs.py)
    dates: dict[str, Any]
    version: str
    collectives: dict[str, float]  # 打 -> 12, 双 -> 2: multipliers after a numeral (find_numbers only)
    collective_words: frozenset[str]  # 打造, 对接, 双手: words, not multipliers (generated)
    between_connectors: frozenset[str]  # 和, 与: range connectors only before 之间 (位于20和30之间)
    approx_words: tuple[str, ...]  # 签约, 最近: words that end with a marker and are none
    comparisons: dict[str, tuple[str, bool]]  # 大于 -> ("low", False): one-sided bounds in words
    latin_units: tuple[str, ...]  # cm, kg, GB: units written in Latin letters (longest first)
    subject_links: tuple[str, ...]  # 为, 同比增长: between a measured thing and its amount (longest first)
    subject_nouns: frozenset[str]  # 高等院校, 对象: nouns with a stop word or verb inside (generated)
    count_one_cues: tuple[str, ...]  # 只有, 至少: before 一 + classifier, an explicit count of one
    bare_counts: dict[str, tuple[frozenset[str], bool, bool]]  # 大/国/地 -> (not_next, in_span, subject after)
    ordinal_name_units: frozenset[str]  # 第N届 is always a name
    ordinal_name_heads: tuple[str, ...]  # 第N次…会议: names of events (longest first)
    half_words: frozenset[str]  # 半导体, 半岛: 半 after a unit that begins a word (generated)
    money_parts: dict[str, float]  # 角/毛 -> 0.1, 分 -> 0.01 (五元三毛 = 5.3 元)
    time_after: tuple[str, ...]  # 三年前, 两年后: a duration before these is a date
    time_before_one_year: tuple[str, ...]  # 新的一年, 关键一年
    anniversary_before: tuple[str, ...]  # 建成600年: an anniversary (ordinal), not a duration
    list_heads: tuple[str, ...] = ()  # 参保人数, 增速: a head list conjuncts share before 分别 (longest first)
    anniversary_verbs: frozenset[str] = frozenset()  # 纪念, 迎来: left out of an anniversary's subject
    action_nouns: frozenset[str] = frozenset()  # 建设, 合作: end a counted subject when the phrase stops on them
    action_adverbials: frozenset[str] = frozenset()  # 网上, 紧密: go with the action noun after them
    land_units: tuple[tuple[str, tuple[str, ...]], ...] = ()  # 分 -> 地, 菜地: a unit only before land
    point_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # N点: role (noun, lead, index) -> words


def _point_words() -> dict[str, tuple[str, ...]]:
    """point_words.tsv by role: what makes N点 a count, index points or a time of day (decision 47)."""
    roles: dict[str, list[str]] = {"noun": [], "lead": [], "index": []}
    for row in _rows("point_words.tsv", ("word", "role")):
        if row["role"] not in roles:
            raise QuantityDataError(f"point_words.tsv: bad role {row['role']!r} for {row['word']!r}")
        roles[row["role"]].append(row["word"])
    return {role: tuple(words) for role, words in roles.items()}


def _numbers(name: str, key: str, column: str) -> dict[str, float]:
    """A two-column table of words and numbers (money_parts.tsv, collectives.tsv), checked."""
    out: dict[str, float] = {}
    for row in _rows(name, (key, column)):
        try:
            out[row[key]] = float(row[column])
        except ValueError as exc:
            raise QuantityDataError(f"{name}: bad {column} {row[column]!r} for {row[key]!r}") from exc
    return out


def _rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Read a headed TSV, skipping comments; check required columns per line."""
    path = DATA_DIR / name
    header: list[str] | None = None
    out: list[dict[str, str]] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            missing = [c for c in columns if c not in header]
            if missing:
                raise QuantityDataError(f"{path}:{no}: header lacks {missing}")
            continue
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}
        if not row[columns[0]]:
            raise QuantityDataError(f"{path}:{no}: empty {columns[0]!r}")
        out.append(row)
    return out


@lru_cache(maxsize=1)
def load() -> QuantityData:
    """Load every file once per process; the hash of the bytes is the data version."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((DATA_DIR / name).read_bytes())
    numerals: dict[str, tuple[float, str]] = {}
    for row in _rows("numerals.tsv", ("char", "value", "type")):
        if row["type"] not in {"digit", "small", "big", "zero"}:
            raise QuantityDataError(f"numerals.tsv: bad type {row['type']!r} for {row['char']!r}")
        numerals[row["char"]] = (float(row["value"]), row["type"])
    units: dict[str, Unit] = {}
    for row in _rows("units.tsv", ("unit", "kind")):
        if row["kind"] not in KINDS:
            raise QuantityDataError(f"units.tsv: bad kind {row['kind']!r} for {row['unit']!r}")
        if row["unit"] in units:
            raise QuantityDataError(f"units.tsv: duplicate unit {row['unit']!r}")
        units[row["unit"]] = Unit(row["unit"], row["kind"], row.get("norm") or row["unit"])
    approx: dict[str, list[str]] = {"before": [], "inside": [], "after": []}
    for row in _rows("approx.tsv", ("marker", "position")):
        if row["position"] not in approx:
            raise QuantityDataError(f"approx.tsv: bad position {row['position']!r}")
        approx[row["position"]].append(row["marker"])
    connector_rows = _rows("range_connectors.tsv", ("connector",))
    connectors = tuple(r["connector"] for r in connector_rows)
    between = frozenset(r["connector"] for r in connector_rows if r.get("between") == "yes")
    latin_units = tuple(sorted((u for u in units if LATIN_UNIT.search(u)), key=lambda u: (-len(u), u)))
    latin_alt = "|".join(re.escape(u) for u in latin_units)
    exclusions: list[tuple[str, str]] = []
    literal_words: list[str] = []
    for row in _rows("exclusions.tsv", ("pattern", "why")):
        pattern = row["pattern"].replace("<LATIN_UNITS>", latin_alt)
        if _LITERAL.fullmatch(pattern):  # plain words (一带一路|三农|…): merged into one trie below
            literal_words += pattern.split("|")
            continue
        try:
            re.compile(pattern)
        except re.error as exc:
            raise QuantityDataError(f"exclusions.tsv: bad regex {row['pattern']!r}: {exc}") from exc
        exclusions.append((pattern, row["why"]))
    if literal_words:
        exclusions.append((alternation(literal_words), "the plain words of exclusions.tsv, as one trie"))
    comparisons: dict[str, tuple[str, bool]] = {}
    for row in _rows("comparisons.tsv", ("word", "side", "inclusive")):
        if row["side"] not in ("low", "high") or row["inclusive"] not in ("yes", "no"):
            raise QuantityDataError(f"comparisons.tsv: bad side/inclusive for {row['word']!r}")
        comparisons[row["word"]] = (row["side"], row["inclusive"] == "yes")
    ordinal_names: dict[str, list[str]] = {"unit": [], "head": []}
    for row in _rows("ordinal_names.tsv", ("word", "type")):
        if row["type"] not in ordinal_names:
            raise QuantityDataError(f"ordinal_names.tsv: bad type {row['type']!r}")
        ordinal_names[row["type"]].append(row["word"])
    bare_counts: dict[str, tuple[frozenset[str], bool, bool]] = {}
    for row in _rows("bare_counts.tsv", ("marker", "not_next", "in_span", "subject")):
        if row["in_span"] not in ("yes", "no") or row["subject"] not in ("after", "marker"):
            raise QuantityDataError(f"bare_counts.tsv: bad in_span/subject for {row['marker']!r}")
        bare_counts[row["marker"]] = (frozenset(row["not_next"]), row["in_span"] == "yes", row["subject"] == "after")
    time_rows = _rows("time_points.tsv", ("word", "position"))
    if any(r["position"] not in ("after", "before_one_year", "anniversary_before", "anniversary_verb") for r in time_rows):
        raise QuantityDataError(
            "time_points.tsv: position must be after, before_one_year, anniversary_before or anniversary_verb")
    money_parts = _numbers("money_parts.tsv", "part", "factor")
    stops: dict[str, list[str]] = {"after": [], "before": []}
    for row in _rows("subject_stops.tsv", ("word", "direction")):
        if row["direction"] not in stops:
            raise QuantityDataError(f"subject_stops.tsv: bad direction {row['direction']!r}")
        stops[row["direction"]].append(row["word"])
    dates = yaml.safe_load((DATA_DIR / "dates.yaml").read_text(encoding="utf-8"))
    for key in ("relative", "day_parts", "modifiers"):
        if key not in dates:
            raise QuantityDataError(f"dates.yaml: missing {key!r}")

    collectives = _numbers("collectives.tsv", "word", "value")

    def longest(xs: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(xs), key=lambda s: (-len(s), s)))

    action_rows = _rows("action_nouns.tsv", ("word", "role"))
    land_rows = _rows("land_units.tsv", ("unit", "noun"))
    if any(r["role"] not in {"action", "adverbial"} for r in action_rows):
        raise QuantityDataError("action_nouns.tsv: role must be action or adverbial")
    return QuantityData(
        numerals=numerals,
        units=units,
        approx_before=longest(approx["before"]),
        approx_inside=longest(approx["inside"]),
        approx_after=longest(approx["after"]),
        connectors=longest(connectors),
        exclusions=tuple(exclusions),
        stops_after=longest(stops["after"]),
        stops_before=longest(stops["before"]),
        verbs=frozenset(r["verb"] for r in _rows("verbs.tsv", ("verb",))),
        dates=dates,
        version=digest.hexdigest()[:16],
        collectives=collectives,
        collective_words=frozenset(r["word"] for r in _rows("collective_words.tsv", ("word",))),
        between_connectors=between,
        approx_words=longest([r["word"] for r in _rows("approx_words.tsv", ("word",))]),
        comparisons=comparisons,
        latin_units=latin_units,
        subject_links=longest([r["word"] for r in _rows("subject_links.tsv", ("word",))]),
        subject_nouns=frozenset(r["word"] for r in _rows("subject_nouns.tsv", ("word",))),
        count_one_cues=longest([r["word"] for r in _rows("count_one_cues.tsv", ("word",))]),
        bare_counts=bare_counts,
        ordinal_name_units=frozenset(ordinal_names["unit"]),
        ordinal_name_heads=longest(ordinal_names["head"]),
        half_words=frozenset(r["word"] for r in _rows("half_words.tsv", ("word",))),
        money_parts=money_parts,
        time_after=longest([r["word"] for r in time_rows if r["position"] == "after"]),
        time_before_one_year=longest([r["word"] for r in time_rows if r["position"] == "before_one_year"]),
        anniversary_before=longest([r["word"] for r in time_rows if r["position"] == "anniversary_before"]),
        list_heads=longest([r["word"] for r in _rows("list_heads.tsv", ("word",))]),
        anniversary_verbs=frozenset(r["word"] for r in time_rows if r["position"] == "anniversary_verb"),
        action_nouns=frozenset(r["word"] for r in action_rows if r["role"] == "action"),
        action_adverbials=frozenset(r["word"] for r in action_rows if r["role"] == "adverbial"),
        land_units=tuple((u, tuple(r["noun"] for r in land_rows if r["unit"] == u))
                         for u in dict.fromkeys(r["unit"] for r in land_rows)),
        point_words=_point_words(),
    )


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation that prefers longer words, written as a trie (个(?:百分点|月|小时)?|…): at each
    position only the branch of its first character is tried, not every word of a 250-word unit list."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, top=True)


def _trie_regex(node: dict[str, dict], top: bool = False) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in node:  # a word ends here: the longer words first (greedy ?), then this one
        return f"(?:{body})?"
    return body if top or len(branches) == 1 else f"(?:{body})"
