"""Numbers, units, approximation markers, exclusions and date words as data; loaded and checked once.

The TSV files have a header line (lines starting with ``#`` are comments). Every malformed line raises
``QuantityDataError`` naming the file and line, at import of the extractors, never per call.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent
FILES: tuple[str, ...] = (
    "numerals.tsv", "units.tsv", "approx.tsv", "range_connectors.tsv", "exclusions.tsv", "subject_stops.tsv",
    "verbs.tsv", "dates.yaml", "collectives.tsv", "collective_words.tsv",
)
KINDS: frozenset[str] = frozenset(
    {"count", "money", "percent", "multiple", "area", "length", "weight", "volume", "duration",
     "ordinal", "number", "other"}
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
    connectors = tuple(r["connector"] for r in _rows("range_connectors.tsv", ("connector",)))
    exclusions: list[tuple[str, str]] = []
    for row in _rows("exclusions.tsv", ("pattern", "why")):
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise QuantityDataError(f"exclusions.tsv: bad regex {row['pattern']!r}: {exc}") from exc
        exclusions.append((row["pattern"], row["why"]))
    stops: dict[str, list[str]] = {"after": [], "before": []}
    for row in _rows("subject_stops.tsv", ("word", "direction")):
        if row["direction"] not in stops:
            raise QuantityDataError(f"subject_stops.tsv: bad direction {row['direction']!r}")
        stops[row["direction"]].append(row["word"])
    dates = yaml.safe_load((DATA_DIR / "dates.yaml").read_text(encoding="utf-8"))
    for key in ("relative", "day_parts", "modifiers"):
        if key not in dates:
            raise QuantityDataError(f"dates.yaml: missing {key!r}")

    collectives: dict[str, float] = {}
    for row in _rows("collectives.tsv", ("word", "value")):
        try:
            collectives[row["word"]] = float(row["value"])
        except ValueError as exc:
            raise QuantityDataError(f"collectives.tsv: bad value {row['value']!r} for {row['word']!r}") from exc

    def longest(xs: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(xs), key=lambda s: (-len(s), s)))

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
    )


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation that prefers longer words."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s)))
