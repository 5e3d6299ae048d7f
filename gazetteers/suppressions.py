"""Suppression lists: extractions an analyst judged wrong, which the next run must not return (or must
return with the label the analyst gave).

A suppression file is a CSV/TSV passed like a user gazetteer (``--gazetteer FILE`` or ``[run] gazetteers``),
told apart by its header (it has a ``kind`` column, a gazetteer never does), so it goes into the
gazetteer version and the resume key like any other user data. ``zhnews review export`` writes one.

Columns: ``kind`` (entity, quantity, date, signing) and ``text`` (the span as written; for a signing,
its first evidence sentence) are required; ``label`` (an entity's label or a quantity's kind),
``rule``, ``left`` and ``right`` (the characters just before and after the span: empty means any
context, so the text is suppressed everywhere), ``new_label`` (an entity kept with this label instead
of dropped: 迪士尼 PERSON -> ORG), ``id`` and ``note`` are optional.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

KINDS: frozenset[str] = frozenset({"entity", "quantity", "date", "signing"})
SUPPRESSION_COLUMNS: tuple[str, ...] = ("kind", "text", "label", "rule", "left", "right", "new_label", "id", "note")
LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC"})
REQUIRED: frozenset[str] = frozenset({"kind", "text"})


@dataclass(frozen=True, slots=True)
class Suppression:
    kind: str
    text: str
    label: str = ""
    rule: str = ""
    left: str = ""
    right: str = ""
    new_label: str = ""
    id: str = ""
    note: str = ""


def is_suppression_file(data: bytes) -> bool:
    """True when the first non-comment line is a header with a ``kind`` column."""
    text = data.decode("utf-8-sig", errors="replace")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip().strip('"').lower() for f in line.replace("\t", ",").split(",")]
        return "kind" in fields
    return False


def parse_suppressions(path: Path, rows: Sequence[tuple[int, dict[str, str]]]) -> list[Suppression]:
    """Rows read by the loader (line number, column -> value), checked one by one."""
    from zhnews.gazetteers.loader import GazetteerError  # the loader imports this module

    out: list[Suppression] = []
    for line, row in rows:
        kind = row.get("kind", "").lower()
        if kind not in KINDS:
            raise GazetteerError(path, line, f"unknown kind {row.get('kind', '')!r}; allowed: {sorted(KINDS)}")
        if not row.get("text"):
            raise GazetteerError(path, line, "empty text")
        new_label = row.get("new_label", "").upper()
        if new_label and (kind != "entity" or new_label not in LABELS):
            raise GazetteerError(path, line, f"new_label {new_label!r}: only entities, one of {sorted(LABELS)}")
        row = {**row, "new_label": new_label}
        out.append(Suppression(kind=kind, **{c: row.get(c, "") for c in SUPPRESSION_COLUMNS if c != "kind"}))
    return out
