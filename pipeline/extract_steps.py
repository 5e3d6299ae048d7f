"""The one place the pipeline calls the extractors, so assembling records stays extractor-agnostic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from extractors.types import DateMatch, EntityMatch, QuantityMatch, SigningMatch

try:  # the extractor modules land one issue at a time; until then their lists stay empty
    from gazetteers import load_gazetteer as _load_gazetteer
except ImportError:  # pragma: no cover - transitional
    _load_gazetteer = None
try:
    from extractors.entities import extract_entities
except ImportError:  # pragma: no cover - transitional
    extract_entities = None
try:
    from extractors.quantities import extract_quantities
except ImportError:  # pragma: no cover - transitional
    extract_quantities = None
try:
    from extractors.dates import extract_dates
except ImportError:  # pragma: no cover - transitional
    extract_dates = None
try:
    from extractors.signings import extract_signings
except ImportError:  # pragma: no cover - transitional
    extract_signings = None


@dataclass(slots=True)
class Found:
    entities: list[EntityMatch] = field(default_factory=list)
    quantities: list[QuantityMatch] = field(default_factory=list)
    dates: list[DateMatch] = field(default_factory=list)
    signings: list[SigningMatch] = field(default_factory=list)


def load_gazetteer(files: Sequence[str]) -> tuple[Any, str]:
    if _load_gazetteer is None:
        return None, "none"
    gazetteer = _load_gazetteer(tuple(files))
    return gazetteer, gazetteer.version


def user_words(gazetteer: Any) -> tuple[tuple[str, str], ...]:
    if gazetteer is None:
        return ()
    return tuple(sorted(gazetteer.user_words()))


def run(text: str, segmenter: Any, gazetteer: Any, article_date: str | None) -> Found:
    found = Found()
    tokens = segmenter.cut(text)
    if extract_entities is not None:
        found.entities = extract_entities(text, tokens, gazetteer)
    if extract_quantities is not None:
        found.quantities = extract_quantities(text)
    if extract_dates is not None:
        found.dates = extract_dates(text, article_date)
    if extract_signings is not None:
        found.signings = extract_signings(text, found.entities, found.quantities, found.dates)
    return found


def link_page(records: list) -> list:
    """A signing reported by two articles of one page is one signing: kept where first reported,
    completed with what the later report adds, and pointing at the other record."""
    if extract_signings is None:
        return records
    from extractors.signings import same_event

    seen: list[tuple[Any, Any]] = []  # (record, signing)
    for record in records:
        kept = []
        for signing in record.signings:
            parties = {p.text for p in signing.parties_a + signing.parties_b}
            first = next((s for r, s in seen if r is not record and same_event(
                s.count, s.object, {p.text for p in s.parties_a + s.parties_b},
                signing.count, signing.object, parties)), None)
            if first is None:
                kept.append(signing)
                seen.append((record, signing))
                continue
            first.date = first.date or signing.date
            first.place = first.place or signing.place
            first.parties_a = first.parties_a or signing.parties_a
            first.parties_b = first.parties_b or signing.parties_b
            if record.id not in first.also_reported_in:
                first.also_reported_in.append(record.id)
        record.signings = kept
    return records
