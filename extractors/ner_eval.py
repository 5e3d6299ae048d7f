"""Exact-span precision/recall/F1 of the entity extractor against gold in the ner_dev.jsonl shape.

Gold lines: {"id", "text", "entities": [{"start", "end", "label", "text"}]} with PER/LOC/ORG and
half-open offsets. Predictions are mapped PERSON->PER, GPE/LOC->LOC, ORG->ORG before scoring.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhnews.extractors.types import EntityMatch

LABEL_MAP = {"PERSON": "PER", "PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
LABELS = ("PER", "LOC", "ORG")

Span = tuple[int, int, str]


class GoldFileMissing(FileNotFoundError):
    """The gold file is not there (evaluation data lives outside the repository)."""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    spans: frozenset[Span]
    titles: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # PERSON span -> title chain


@dataclass(slots=True)
class EvalResult:
    counts: dict[str, Counter[str]]  # label -> tp/fp/fn
    docs: int
    chars: int
    seconds: float
    misses: list[dict[str, Any]] = field(default_factory=list)  # gold spans not predicted
    false_alarms: list[dict[str, Any]] = field(default_factory=list)  # predicted spans not in gold
    titled: int = 0  # gold people with a title chain (only gold that records titles)
    titled_exact: int = 0  # ... found at the same span with exactly that chain

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else float("inf")

    def table(self) -> list[dict[str, Any]]:
        """One row per label plus ALL (micro-averaged): label, tp, fp, fn, precision, recall, f1."""
        rows = []
        total: Counter[str] = Counter()
        for label in LABELS:
            c = self.counts.get(label, Counter())
            total.update(c)
            rows.append(_row(label, c))
        rows.append(_row("ALL", total))
        return rows

    def f1(self, label: str = "ALL") -> float:
        return next(r["f1"] for r in self.table() if r["label"] == label)

    def format_table(self) -> str:
        lines = [f"{'label':<6}{'tp':>7}{'fp':>7}{'fn':>7}{'P':>8}{'R':>8}{'F1':>8}"]
        for r in self.table():
            lines.append(f"{r['label']:<6}{r['tp']:>7}{r['fp']:>7}{r['fn']:>7}"
                         f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
        if self.titled:
            lines.append(f"titled people with their exact title chain: {self.titled_exact}/{self.titled} "
                         f"({self.titled_exact / self.titled:.1%})")
        lines.append(f"{self.docs} docs, {self.chars} chars, {self.seconds:.2f} s, "
                     f"{self.chars_per_second:,.0f} chars/s (segmentation + entity extraction, one process, "
                     f"one call per document; the whole pipeline: next line)")
        return "\n".join(lines)


def _row(label: str, c: Counter[str]) -> dict[str, Any]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"label": label, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    """Gold documents; raises GoldFileMissing with the path when the file is absent."""
    p = Path(path)
    if not p.is_file():
        raise GoldFileMissing(f"gold file not found: {p} (evaluation data is not shipped with the package)")
    with open(p, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            yield gold_doc(d, str(d.get("id", n)))


def gold_doc(row: dict[str, Any], doc_id: str | None = None) -> GoldDoc:
    """A gold line ({"text", "entities": [...]}, titles optional) as a GoldDoc."""
    entities = row.get("entities", [])
    spans = frozenset((int(e["start"]), int(e["end"]), LABEL_MAP.get(e["label"], e["label"])) for e in entities)
    titles = {(int(e["start"]), int(e["end"])): tuple(t["text"] for t in e["titles"])
              for e in entities if e.get("titles")}
    return GoldDoc(doc_id or str(row.get("id", "")), row["text"], spans, titles)


def predicted_spans(matches: Iterable[EntityMatch]) -> frozenset[Span]:
    return frozenset((m.start, m.end, LABEL_MAP[m.label]) for m in matches if m.label in LABEL_MAP)


Extractor = Callable[[str], Sequence[EntityMatch]]


def evaluate(gold: Iterable[GoldDoc], extract: Extractor | None = None, keep_rows: int = 10_000) -> EvalResult:
    """Score ``extract`` (default: extract_entities) on gold documents; timing covers extraction only
    (models are loaded by a first call before it starts)."""
    if extract is None:
        from zhnews.extractors.entities import extract_entities

        extract = extract_entities
    extract("王小明在北京会见了客人。")  # load gazetteers and the tagger before the clock starts
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    misses: list[dict[str, Any]] = []
    alarms: list[dict[str, Any]] = []
    docs = chars = titled = titled_exact = 0
    seconds = 0.0
    for doc in gold:
        t0 = time.perf_counter()
        matches = extract(doc.text)
        seconds += time.perf_counter() - t0
        pred = predicted_spans(matches)
        chains = {(m.start, m.end): tuple(m.titles) for m in matches if m.label == "PERSON"}
        for span, chain in doc.titles.items():
            titled += 1
            titled_exact += chains.get(span) == chain
        docs += 1
        chars += len(doc.text)
        for s in pred & doc.spans:
            counts[s[2]]["tp"] += 1
        for s in doc.spans - pred:
            counts.setdefault(s[2], Counter())["fn"] += 1
            if len(misses) < keep_rows:
                misses.append(_diff_row(doc, s))
        for s in pred - doc.spans:
            counts.setdefault(s[2], Counter())["fp"] += 1
            if len(alarms) < keep_rows:
                alarms.append(_diff_row(doc, s))
    return EvalResult(counts, docs, chars, seconds, misses, alarms, titled, titled_exact)


def _diff_row(doc: GoldDoc, s: Span) -> dict[str, Any]:
    a, b, label = s
    return {"id": doc.id, "start": a, "end": b, "label": label, "text": doc.text[a:b],
            "context": doc.text[max(0, a - 12):b + 12]}


def evaluate_file(path: str | Path, extract: Extractor | None = None) -> EvalResult:
    """Score the gold file at ``path`` (the dev-set floor test; `zhnews eval ner` reads the file once and
    also times the whole pipeline on it)."""
    return evaluate(read_gold(path), extract)
