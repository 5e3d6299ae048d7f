"""The one place the pipeline calls the extractors, so assembling records stays extractor-agnostic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import hashlib
from functools import lru_cache
from pathlib import Path

from zhnews.extractors.dates import extract_dates
from zhnews.extractors.entities import extract_entities
from zhnews.extractors.quantities import extract_quantities
from zhnews.extractors.signings import extract_signings, same_event
import zhnews.gazetteers as gazetteers
from zhnews.extractors.types import DateMatch, EntityMatch, QuantityMatch, SigningMatch
from zhnews.gazetteers import Gazetteer, load_gazetteer as _load_gazetteer
from zhnews.pipeline import budget
from zhnews.pipeline import suppress

GAZETTEER_DIR = Path(gazetteers.__file__).resolve().parent
DATA_SUFFIXES = {".tsv", ".csv", ".txt", ".yaml", ".yml", ".jsonl", ".json", ".crfsuite"}


@dataclass(slots=True)
class Found:
    entities: list[EntityMatch] = field(default_factory=list)
    quantities: list[QuantityMatch] = field(default_factory=list)
    dates: list[DateMatch] = field(default_factory=list)
    signings: list[SigningMatch] = field(default_factory=list)


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """Every data file under gazetteers/ (titles, quantity rules, signing rules ...), not only the
    place and organisation lists, shapes the output, so all of them go into gazetteer_version."""
    h = hashlib.sha256()
    for path in sorted(p for p in GAZETTEER_DIR.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()):
        h.update(str(path.relative_to(GAZETTEER_DIR)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def load_gazetteer(files: Sequence[str]) -> tuple[Gazetteer, str]:
    gazetteer = _load_gazetteer(tuple(files))
    version = hashlib.sha256(f"{gazetteer.version}:{rules_hash()}".encode()).hexdigest()[:16]
    return gazetteer, version


def user_words(gazetteer: Gazetteer) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(gazetteer.user_words()))


def find_entities(text: str, segmenter: Any, gazetteer: Gazetteer) -> list[EntityMatch]:
    """Entities as the pipeline finds them (also what ``zhnews eval ner`` scores)."""
    return extract_entities(text, segmenter.cut(text), gazetteer)


def run(text: str, segmenter: Any, gazetteer: Gazetteer, article_date: str | None) -> Found:
    found = Found()
    budget.check("entities")  # the per-document time budget is also kept between stages (pipeline/budget.py)
    found.entities = find_entities(text, segmenter, gazetteer)
    budget.check("dates")
    found.dates = extract_dates(text, article_date)
    budget.check("quantities")
    found.quantities = extract_quantities(text, found.dates)  # date spans do not depend on article_date
    budget.check("signings")
    found.signings = extract_signings(text, found.entities, found.quantities, found.dates)
    budget.check("records")
    return suppress.apply(found, text, gazetteer)  # an analyst's `wrong` verdicts (pipeline/suppress.py)


def link_page(records: list) -> list:
    """A signing reported by two articles of one page is one signing: kept where first reported,
    completed with what the later report adds, and pointing at the other record."""
    # Signings by object, of the records before this one: same_event needs the same non-empty object, and a
    # record's own signings are never compared, so one article of thousands of signings stays linear (issue 18).
    seen: dict[str, list[Any]] = {}
    for record in records:
        kept = []
        for signing in record.signings:
            parties = {p.text for p in signing.parties_a + signing.parties_b}
            first = next((s for s in seen.get(signing.object or "", ()) if same_event(
                s.count, s.object, {p.text for p in s.parties_a + s.parties_b},
                signing.count, signing.object, parties)), None)
            if first is None:
                kept.append(signing)
                continue
            first.date = first.date or signing.date
            first.place = first.place or signing.place
            first.parties_a = first.parties_a or signing.parties_a
            first.parties_b = first.parties_b or signing.parties_b
            if record.id not in first.also_reported_in:
                first.also_reported_in.append(record.id)
        record.signings = kept
        for signing in kept:
            if signing.object:
                seen.setdefault(signing.object, []).append(signing)
    return records
