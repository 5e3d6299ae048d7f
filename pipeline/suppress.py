"""The filter step that drops suppressed extractions (an analyst's ``wrong`` verdicts) before records are built.

The suppression entries come with the gazetteer (``gazetteers/suppressions.py``: a suppression file is
passed like a user gazetteer), so they are part of ``gazetteer_version`` and of the resume key. Matching
reads the same simplified copy of the text as the extractors, so an entry written from a record's text
(as written, perhaps in Traditional characters) still matches.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import Any

from zhnews.gazetteers.suppressions import Suppression
from zhnews.pipeline.normalise import simplified_for_matching

Index = dict[tuple[str, str], list[tuple[Suppression, str, str]]]


@lru_cache(maxsize=8)
def _index(entries: tuple[Suppression, ...]) -> Index:
    """(kind, simplified text) -> the entries with their simplified left and right context."""
    index: Index = defaultdict(list)
    for s in entries:
        whole = simplified_for_matching(s.left + s.text + s.right)  # one string: zhconv sees the word in context
        left, text = whole[:len(s.left)], whole[len(s.left):len(s.left) + len(s.text)]
        index[(s.kind, text)].append((s, left, whole[len(s.left) + len(s.text):]))
    return dict(index)


def matching(index: Index, kind: str, text: str, start: int, end: int, label: str | None,
             rule: str) -> Suppression | None:
    """The first suppression entry that an extraction of ``kind`` at text[start:end] matches."""
    for entry, left, right in index.get((kind, text[start:end]), ()):
        if entry.label and entry.label != (label or ""):
            continue
        if entry.rule and entry.rule != rule:
            continue
        if left and text[max(0, start - len(left)):start] != left:
            continue
        if right and text[end:end + len(right)] != right:
            continue
        return entry
    return None


def suppressed(index: Index, kind: str, text: str, start: int, end: int, label: str | None, rule: str) -> bool:
    return matching(index, kind, text, start, end, label, rule) is not None


def _entities(index: Index, text: str, found: list[Any]) -> list[Any]:
    """Entities not suppressed; one with a ``new_label`` entry is kept under that label, as a reviewer's call."""
    kept = []
    for m in found:
        entry = matching(index, "entity", text, m.start, m.end, m.label, m.rule)
        if entry is None:
            kept.append(m)
        elif entry.new_label:
            person = entry.new_label == "PERSON"  # a place's link or a person's titles do not carry over
            kept.append(replace(m, label=entry.new_label, rule="review.label", confidence=1.0, coref_key=None,
                                titles=m.titles if person else (), kb_id=None, canonical=None))
    return kept


def apply(found: Any, text: str, gazetteer: Any) -> Any:
    """``found`` without its suppressed entities, quantities, dates and signings (unchanged when none are)."""
    entries: tuple[Suppression, ...] = getattr(gazetteer, "suppressions", ())
    if not entries:
        return found
    index = _index(entries)
    found.entities = _entities(index, text, found.entities)
    found.quantities = [m for m in found.quantities
                        if not suppressed(index, "quantity", text, m.start, m.end, m.kind, m.rule)]
    found.dates = [m for m in found.dates if not suppressed(index, "date", text, m.start, m.end, None, m.rule)]
    found.signings = [m for m in found.signings
                      if not suppressed(index, "signing", text, m.evidence[0][0], m.evidence[0][1], None, m.rule)]
    return found
