"""Score quantities and signings against an analyst's gold file; misses and false alarms as a sortable CSV.

Gold format: JSON Lines, one object per article (blank lines and lines starting with ``#`` are skipped)::

    {"id": "q1", "text": "共签约9个项目，总投资约20万元。",
     "quantities": [{"start": 3, "end": 5, "value": 9, "unit": "个", "subject": "项目", "kind": "count"},
                    {"start": 11, "end": 16, "value": 200000, "unit": "元"}]}
    {"id": "s1", "text": "甲公司与乙大学签订3项合作协议。",
     "signings": [{"parties_a": ["甲公司"], "parties_b": ["乙大学"], "count": 3, "object": "合作协议"}]}

``id`` is optional (default ``line<N>``). Offsets are half-open character offsets into ``text``.
For quantities ``start``/``end`` are required; ``value``, ``unit``, ``subject`` and ``kind`` are
checked only when the key is present (``null`` means "must be empty"). For signings, party lists
are required, ``count`` and ``object`` checked when present; sides A and B may be swapped.
Party names compare after NFKC and with spaces removed (德国 GFM 集团 == 德国GFM集团).

Scores: quantities are paired by exact span; rows score the span alone, then span+value (values agree to a
relative 1e-3), span+value+unit, span+value+unit+subject (strict: the same subject span, or text when a side
has no offsets; lenient: one subject contains the other), everything given (``all``), then per gold kind
at ``all``. A gold ``subject_start``/``subject_end`` (or a span object in our gold folders) is optional. Signings are paired
by a shared evidence sentence when the gold gives evidence (our gold sets: an event with no party,
an aggregate or a witnessed signing, is found too), else by party overlap; rows score detection,
exact parties, parties+count, parties+object, everything given, individual party mentions, and
``count|found``: among paired events whose gold has a count, how many give exactly that count.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zhnews.pipeline.gold import SPLIT_CHOICES, expand_split
from zhnews.pipeline.records import ArticleRecord, Quantity, Signing

Kind = Literal["quantities", "signings"]


# ---------------------------------------------------------------- shared helpers (also for NER eval)

@dataclass(slots=True)
class PRF:
    """Counts and the scores derived from them; empty denominators score 0, never NaN."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


def format_table(rows: Sequence[tuple[str, PRF]], title: str = "") -> str:
    """A fixed-width P/R/F1 table for the terminal (CJK labels counted as two columns)."""

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    name_w = max([width("label")] + [width(name) for name, _ in rows])
    cols = f"  {'P':>6}  {'R':>6}  {'F1':>6}  {'TP':>5}  {'FP':>5}  {'FN':>5}"
    header = "label" + " " * (name_w - width("label")) + cols
    lines = [title] if title else []
    lines += [header, "-" * width(header)]
    for name, s in rows:
        pad = " " * (name_w - width(name))
        lines.append(f"{name}{pad}  {s.precision:6.3f}  {s.recall:6.3f}  {s.f1:6.3f}  {s.tp:5d}  {s.fp:5d}  {s.fn:5d}")
    return "\n".join(lines)


def write_csv(rows: Iterable[dict[str, Any]], path: Path, columns: Sequence[str]) -> Path:
    """UTF-8 with BOM so Excel shows Chinese; one header row, values as text, missing as empty."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="raise", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
    return path


def context(text: str, start: int, end: int, width: int = 20) -> str:
    return f"{text[max(0, start - width):start]}【{text[start:end]}】{text[end:end + width]}"


@dataclass(slots=True)
class EvalResult:
    """A scored run: the table rows and the per-item disagreements for the CSV."""

    kind: str
    rows: list[tuple[str, PRF]]
    issues: list[dict[str, Any]] = field(default_factory=list)
    columns: tuple[str, ...] = ()

    def table(self) -> str:
        return format_table(self.rows, f"{self.kind}: precision / recall / F1")

    def score(self, name: str) -> PRF:
        return dict(self.rows)[name]

    def write_csv(self, path: Path) -> Path:
        return write_csv(self.issues, path, self.columns)


# ---------------------------------------------------------------- gold file

class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldQuantity(_Gold):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float | None = None
    unit: str | None = None
    subject: str | None = None
    kind: str | None = None
    # where the subject is written (our gold folders carry it): strict needs the same span, lenient containment
    subject_start: int | None = Field(default=None, ge=0)
    subject_end: int | None = Field(default=None, ge=0)


class GoldSigning(_Gold):
    parties_a: list[str] = Field(default_factory=list)  # empty: no party named (aggregates, ceremonies)
    parties_b: list[str] = Field(default_factory=list)
    count: int | None = None
    object: str | None = None
    date: str | None = None  # kept for the reader of the file (fixtures/corpus/signings.jsonl); not scored yet
    place: str | None = None
    evidence: list[tuple[int, int]] = Field(default_factory=list)  # sentence spans (our gold sets); pairs events
    family: str | None = None


class GoldDoc(_Gold):
    id: str = ""
    text: str
    # what the repo's example corpora carry beside the gold (fixtures/corpus/*.jsonl)
    xfail: str | bool | None = None
    why: str | None = None
    note: str | None = None
    quantities: list[GoldQuantity] = Field(default_factory=list)
    signings: list[GoldSigning] = Field(default_factory=list)


def _span_text(span: dict[str, Any] | None) -> str | None:
    return span["text"] if span else None


def _gold_parties(parties: list[dict[str, Any]]) -> list[str]:
    """Party names as the record gives them (docs/annotation/signings.md §4.2): a pair abbreviation is the
    full names it expands to (中尼 -> 中国, 尼泊尔: ``Party.text`` is the full name); generic and carried
    parties are compared as written, like any other."""
    return [name for p in parties for name in (p.get("expands_to") or [p["text"]])]


def gold_folder_doc(row: dict[str, Any]) -> GoldDoc:
    """A line of our gold sets (fixtures/gold/quantities or signings, joined with the corpus text) in the
    shape this module scores. Subjects, parties and objects are spans there; here their text is compared."""
    quantities = [GoldQuantity(start=q["start"], end=q["end"], value=q["value"], unit=q["unit"],
                               subject=_span_text(q.get("subject")), kind=q["kind"],
                               subject_start=(q.get("subject") or {}).get("start"),
                               subject_end=(q.get("subject") or {}).get("end"))
                  for q in row.get("quantities", [])]
    signings = [GoldSigning(parties_a=_gold_parties(s["parties_a"]), parties_b=_gold_parties(s["parties_b"]),
                            count=s.get("count"), object=_span_text(s.get("object")), date=_span_text(s.get("date")),
                            place=_span_text(s.get("place")), family=s.get("family"),
                            evidence=[(e["start"], e["end"]) for e in s.get("evidence", [])])
                for s in row.get("signings", [])]
    return GoldDoc(id=row["id"], text=row["text"], quantities=quantities, signings=signings)


def read_gold(path: Path, splits: Sequence[str] = ("dev",), corpus: Path | None = None) -> list[GoldDoc]:
    """Parse and check the gold file; a bad line stops with its line number, not a traceback.

    A folder is one of our gold sets (fixtures/gold/<kind>), read for ``splits`` with the corpus text."""
    if Path(path).is_dir():
        from zhnews.pipeline.gold import gold_articles

        return [gold_folder_doc(row) for row in gold_articles(Path(path), splits, corpus)]
    docs: list[GoldDoc] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
            if isinstance(raw, dict) and "texts" in raw and "expect" in raw:
                raise ValueError(f"{path}:{n}: an example corpus line (texts + expect, run by the tests), "
                                 f"not a gold line (text + spans)")
            doc = GoldDoc.model_validate(raw)
        except (json.JSONDecodeError, ValidationError) as exc:
            raise ValueError(f"{path}:{n}: not a gold line: {exc}") from exc
        if not doc.id:
            doc.id = f"line{n}"
        for q in doc.quantities:
            if not 0 <= q.start < q.end <= len(doc.text):
                raise ValueError(f"{path}:{n}: quantity [{q.start}:{q.end}] outside the text ({len(doc.text)} chars)")
        docs.append(doc)
    return docs


# ---------------------------------------------------------------- quantities

QUANTITY_COLUMNS = (
    "doc_id", "outcome", "start", "end", "text", "gold_value", "pred_value", "gold_unit", "pred_unit",
    "gold_subject", "pred_subject", "gold_kind", "pred_kind", "wrong_fields", "overlaps", "confidence", "rule",
    "context",
)
QUANTITY_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("span", ()), ("span+value", ("value",)), ("span+value+unit", ("value", "unit")),
    ("span+value+unit+subject strict", ("value", "unit", "subject")),
    ("span+value+unit+subject lenient", ("value", "unit", "subject~")),
    ("all", ("value", "unit", "subject", "kind")),
)


def _same_value(a: float | None, b: float | None) -> bool:
    """Relative 1e-3: gold writes 1/3 as 0.3333 (docs/annotation/quantities.md section 3)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def _subject_spans(gold: GoldQuantity, pred: Quantity) -> tuple[tuple[int, int], tuple[int, int]] | None:
    if gold.subject_start is None or gold.subject_end is None or pred.subject_span is None:
        return None
    return (gold.subject_start, gold.subject_end), (pred.subject_span.source_start, pred.subject_span.source_end)


def _subject_lenient(gold: GoldQuantity, pred: Quantity) -> bool:
    """Containment either way (合同金额 inside 科技成果转化的合同金额, or the reverse); both empty agree."""
    if gold.subject is None or pred.subject is None:
        return gold.subject is None and pred.subject is None
    spans = _subject_spans(gold, pred)
    if spans is not None:
        (gs, ge), (ps, pe) = spans
        return gs <= ps and pe <= ge or ps <= gs and ge <= pe
    return gold.subject in pred.subject or pred.subject in gold.subject


def _subject_strict(gold: GoldQuantity, pred: Quantity) -> bool:
    spans = _subject_spans(gold, pred)
    if spans is not None:
        return spans[0] == spans[1]
    return gold.subject == pred.subject


def _wrong_fields(gold: GoldQuantity, pred: Quantity) -> set[str]:
    given = gold.model_fields_set
    wrong = set()
    if "value" in given and not _same_value(gold.value, pred.value):
        wrong.add("value")
    for name in ("unit", "kind"):
        if name in given and getattr(gold, name) != getattr(pred, name):
            wrong.add(name)
    if "subject" in given:
        if not _subject_strict(gold, pred):
            wrong.add("subject")
        if not _subject_lenient(gold, pred):
            wrong.add("subject~")  # wrong even leniently
    return wrong


def _pred_span(q: Quantity) -> tuple[int, int]:
    """Offsets into the gold text: the record's source offsets (its text may be normalised)."""
    return q.source_start, q.source_end


def evaluate_quantities(gold: Sequence[GoldDoc], predicted: Sequence[Sequence[Quantity]]) -> EvalResult:
    levels = {name: PRF() for name, _ in QUANTITY_LEVELS}
    per_kind: dict[str, PRF] = {}
    issues: list[dict[str, Any]] = []
    for doc, preds in zip(gold, predicted, strict=True):
        by_span = {_pred_span(p): p for p in preds}
        matched: set[tuple[int, int]] = set()
        for g in doc.quantities:
            p = by_span.get((g.start, g.end))
            wrong = _wrong_fields(g, p) if p is not None else set()
            kind = g.kind or (p.kind if p is not None else "?")
            for name, fields in QUANTITY_LEVELS:
                ok = p is not None and not (wrong & set(fields))
                levels[name].add(tp=int(ok), fn=int(not ok), fp=int(p is not None and not ok))
            ok_all = p is not None and not wrong
            per_kind.setdefault(f"kind={kind}", PRF()).add(tp=int(ok_all), fn=int(not ok_all),
                                                           fp=int(p is not None and not ok_all))
            if p is not None:
                matched.add((g.start, g.end))
            if not ok_all:
                over = [x.text for x in preds if x.source_start < g.end and g.start < x.source_end and x is not p]
                issues.append(_quantity_issue(doc, "miss" if p is None else "wrong", g.start, g.end, g, p,
                                              wrong, "、".join(over)))
        for span, p in by_span.items():
            if span in matched:
                continue
            for prf in levels.values():
                prf.add(fp=1)
            per_kind.setdefault(f"kind={p.kind}", PRF()).add(fp=1)
            over = [doc.text[g.start:g.end] for g in doc.quantities if g.start < span[1] and span[0] < g.end]
            issues.append(_quantity_issue(doc, "false_alarm", span[0], span[1], None, p, set(), "、".join(over)))
    rows = [(name, levels[name]) for name, _ in QUANTITY_LEVELS] + sorted(per_kind.items())
    return EvalResult("quantities", rows, issues, QUANTITY_COLUMNS)


def _quantity_issue(doc: GoldDoc, outcome: str, start: int, end: int, g: GoldQuantity | None,
                    p: Quantity | None, wrong: set[str], overlaps: str) -> dict[str, Any]:
    return {
        "doc_id": doc.id, "outcome": outcome, "start": start, "end": end, "text": doc.text[start:end],
        "gold_value": g.value if g else None, "pred_value": p.value if p else None,
        "gold_unit": g.unit if g else None, "pred_unit": p.unit if p else None,
        "gold_subject": g.subject if g else None, "pred_subject": p.subject if p else None,
        "gold_kind": g.kind if g else None, "pred_kind": p.kind if p else None,
        "wrong_fields": ",".join(sorted(wrong)), "overlaps": overlaps,
        "confidence": p.confidence if p else None, "rule": p.rule if p else None,
        "context": context(doc.text, start, end),
    }


# ---------------------------------------------------------------- signings

SIGNING_COLUMNS = (
    "doc_id", "outcome", "gold_parties_a", "gold_parties_b", "pred_parties_a", "pred_parties_b",
    "gold_count", "pred_count", "gold_object", "pred_object", "wrong_fields", "party_overlap", "confidence",
    "rule", "evidence",
)
SIGNING_LEVELS = ("detected", "parties", "parties+count", "parties+object", "all")


def norm_party(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _sides(a: Iterable[str], b: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(norm_party(x) for x in a), frozenset(norm_party(x) for x in b)


def _same_parties(g: GoldSigning, p: Signing) -> bool:
    ga, gb = _sides(g.parties_a, g.parties_b)
    pa, pb = _sides((x.text for x in p.parties_a), (x.text for x in p.parties_b))
    return (ga, gb) == (pa, pb) or (ga, gb) == (pb, pa)


def _overlap(g: GoldSigning, p: Signing) -> float:
    gold = set().union(*_sides(g.parties_a, g.parties_b))
    pred = set().union(*_sides((x.text for x in p.parties_a), (x.text for x in p.parties_b)))
    return len(gold & pred) / len(gold | pred) if gold | pred else 0.0


def _signing_wrong(g: GoldSigning, p: Signing) -> set[str]:
    wrong = set() if _same_parties(g, p) else {"parties"}
    if "count" in g.model_fields_set and g.count != p.count:
        wrong.add("count")
    if "object" in g.model_fields_set and (g.object or None) != (p.object or None):
        wrong.add("object")
    return wrong


def _shares_evidence(g: GoldSigning, p: Signing) -> bool:
    return any(a < e.source_end and e.source_start < b for a, b in g.evidence for e in p.evidence)


def _pair_score(g: GoldSigning, p: Signing) -> float:
    """Gold with evidence pairs on a shared sentence (party overlap breaks ties); else on party overlap."""
    if g.evidence:
        return 1.0 + _overlap(g, p) if _shares_evidence(g, p) else 0.0
    return _overlap(g, p)


def _pair(gold: Sequence[GoldSigning], preds: Sequence[Signing]) -> list[tuple[int, int, float]]:
    """One-to-one, best score first; pairs need a shared evidence sentence (or a shared party). On a tied score
    the prediction with fewer wrong fields is paired (not the later index): two predictions sharing the gold's
    sentence, one exactly right, must not leave the right one a false alarm."""
    scored = sorted(((_pair_score(g, p), -len(_signing_wrong(g, p)), -j, i, j) for i, g in enumerate(gold)
                     for j, p in enumerate(preds)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, _, _, i, j in scored:
        if score > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j, score))
    return pairs


def evaluate_signings(gold: Sequence[GoldDoc], predicted: Sequence[Sequence[Signing]]) -> EvalResult:
    needs = {"detected": set(), "parties": {"parties"}, "parties+count": {"parties", "count"},
             "parties+object": {"parties", "object"}, "all": {"parties", "count", "object"}}
    levels = {name: PRF() for name in SIGNING_LEVELS}
    mentions = PRF()
    counts = PRF()  # found events whose gold has a count: tp exact, fp = fn wrong
    issues: list[dict[str, Any]] = []
    for doc, preds in zip(gold, predicted, strict=True):
        pairs = _pair(doc.signings, preds)
        paired_g = {i: (j, s) for i, j, s in pairs}
        paired_p = {j for _, j, _ in pairs}
        for i, g in enumerate(doc.signings):
            if i not in paired_g:
                for prf in levels.values():
                    prf.add(fn=1)
                issues.append(_signing_issue(doc, "miss", g, None, set(), 0.0))
                continue
            j, score = paired_g[i]
            p = preds[j]
            wrong = _signing_wrong(g, p)
            if g.count is not None:
                counts.add(tp=int(g.count == p.count), fp=int(g.count != p.count), fn=int(g.count != p.count))
            for name in SIGNING_LEVELS:
                ok = not (wrong & needs[name])
                levels[name].add(tp=int(ok), fp=int(not ok), fn=int(not ok))
            if wrong:
                issues.append(_signing_issue(doc, "wrong", g, p, wrong, score))
        for j, p in enumerate(preds):
            if j not in paired_p:
                for prf in levels.values():
                    prf.add(fp=1)
                issues.append(_signing_issue(doc, "false_alarm", None, p, set(), 0.0))
        gold_parties = set().union(set(), *(set().union(*_sides(g.parties_a, g.parties_b)) for g in doc.signings))
        pred_parties = set().union(set(), *(set().union(*_sides((x.text for x in p.parties_a),
                                                                (x.text for x in p.parties_b))) for p in preds))
        mentions.add(tp=len(gold_parties & pred_parties), fp=len(pred_parties - gold_parties),
                     fn=len(gold_parties - pred_parties))
    rows = [(name, levels[name]) for name in SIGNING_LEVELS] + [("party mentions", mentions), ("count|found", counts)]
    return EvalResult("signings", rows, issues, SIGNING_COLUMNS)


def _signing_issue(doc: GoldDoc, outcome: str, g: GoldSigning | None, p: Signing | None, wrong: set[str],
                   overlap: float) -> dict[str, Any]:
    return {
        "doc_id": doc.id, "outcome": outcome,
        "gold_parties_a": "、".join(g.parties_a) if g else None,
        "gold_parties_b": "、".join(g.parties_b) if g else None,
        "pred_parties_a": "、".join(x.text for x in p.parties_a) if p else None,
        "pred_parties_b": "、".join(x.text for x in p.parties_b) if p else None,
        "gold_count": g.count if g else None, "pred_count": p.count if p else None,
        "gold_object": g.object if g else None, "pred_object": p.object if p else None,
        "wrong_fields": ",".join(sorted(wrong)), "party_overlap": f"{overlap:.2f}",
        "confidence": p.confidence if p else None, "rule": p.rule if p else None,
        "evidence": " / ".join(e.text for e in p.evidence) if p else doc.text[:120],
    }


# ---------------------------------------------------------------- running the pipeline on gold texts

Predict = Callable[[str], Sequence[ArticleRecord]]


def predict_with_pipeline(text: str) -> list[ArticleRecord]:
    """The whole pipeline on one gold text as a single article, so offsets map back to the gold text."""
    from zhnews.pipeline.assemble import extract_text

    return extract_text(text, source="gold", page=False)


def run_eval(kind: Kind, gold_path: Path, misses_path: Path | None = None,
             predict: Predict | None = None, splits: Sequence[str] = ("dev",), corpus: Path | None = None) -> EvalResult:
    gold = read_gold(gold_path, splits, corpus)
    predict = predict or predict_with_pipeline
    records = [list(predict(doc.text)) for doc in gold]
    if kind == "quantities":
        result = evaluate_quantities(gold, [[q for r in rs for q in r.quantities] for rs in records])
    elif kind == "signings":
        result = evaluate_signings(gold, [[s for r in rs for s in r.signings] for rs in records])
    else:
        raise ValueError(f"unknown evaluation {kind!r}: quantities or signings")
    if misses_path is not None:
        result.write_csv(misses_path)
    return result


def main(argv: Sequence[str] | None = None, predict: Predict | None = None) -> int:
    """``zhnews eval {quantities,signings} --gold FILE [--misses CSV]``: print the table, write the CSV."""
    parser = argparse.ArgumentParser(prog="zhnews eval")
    parser.add_argument("kind", choices=["quantities", "signings"])
    parser.add_argument("--gold", required=True, type=Path)
    parser.add_argument("--misses", type=Path, default=None, help="CSV of misses, wrong values and false alarms")
    parser.add_argument("--split", choices=list(SPLIT_CHOICES), default="dev", help="split of a gold folder")
    parser.add_argument("--corpus", type=Path, default=None, help="the articles a gold folder points into")
    args = parser.parse_args(argv)
    try:
        result = run_eval(args.kind, args.gold, args.misses, predict, expand_split(args.split), args.corpus)
    except (OSError, ValueError) as exc:
        print(f"zhnews eval: {exc}", file=sys.stderr)
        return 1
    print(result.table())
    if args.misses:
        print(f"\n{len(result.issues)} misses / wrong / false alarms -> {args.misses}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------- named entities

def pipeline_entity_extractor() -> Callable[[str], Sequence[Any]]:
    """Entities as the pipeline finds them: full-width folded, traditional simplified, segmented by the
    pipeline's jieba (with gazetteer user words); offsets stay those of the gold text (all 1:1 maps)."""
    from zhnews.pipeline.assemble import Settings, get_engine
    from zhnews.pipeline.extract_steps import find_entities
    from zhnews.pipeline.normalise import simplified_for_matching, to_halfwidth

    engine = get_engine(Settings())

    def extract(text: str) -> Sequence[Any]:
        return find_entities(simplified_for_matching(to_halfwidth(text)), engine.segmenter, engine.gazetteer)

    return extract


# 40 sentences of ner_dev make ~1,900 characters: the size of an average article in the real corpus
SENTENCES_PER_DOCUMENT = 40


def whole_pipeline_speed(texts: Sequence[str], per_document: int = SENTENCES_PER_DOCUMENT) -> tuple[int, float, int]:
    """(characters, seconds, documents) of extract_text over the texts joined into article-sized
    documents: the issue's speed line is for the whole pipeline, which works on articles, and one
    call per 48-character sentence would time the per-document fixed costs instead."""
    from zhnews.pipeline import extract_text

    docs = ["\n".join(texts[i:i + per_document]) for i in range(0, len(texts), per_document)]
    if not docs:
        return 0, 1.0, 0
    extract_text(docs[0])  # models loaded before the clock starts
    started = time.perf_counter()
    for doc in docs:
        extract_text(doc)
    return sum(map(len, docs)), time.perf_counter() - started, len(docs)


def read_ner_gold(gold: Path, splits: Sequence[str] = ("dev",), corpus: Path | None = None) -> list[Any]:
    """A ner_dev-style file (text inside), or a folder of our gold (fixtures/gold/entities: offsets into
    the corpus, with title chains) restricted to ``splits``."""
    from zhnews.extractors.ner_eval import gold_doc, read_gold as read_gold_ner
    from zhnews.pipeline.gold import gold_articles

    if Path(gold).is_dir():
        return [gold_doc(row) for row in gold_articles(Path(gold), splits, corpus)]
    return list(read_gold_ner(gold))


def main_ner(gold: Path, misses: Path | None = None, splits: Sequence[str] = ("dev",),
             corpus: Path | None = None) -> int:
    """``zhnews eval ner --gold FILE|DIR [--split dev] [--misses CSV]``: exact-span P/R/F1 per label
    (PERSON→PER, GPE/LOC→LOC) and, where the gold records them, title chains."""
    from zhnews.extractors.ner_eval import GoldFileMissing, evaluate

    try:
        docs = read_ner_gold(gold, splits, corpus)  # read once: scored, then timed through the whole pipeline
        result = evaluate(docs, pipeline_entity_extractor())
    except (GoldFileMissing, OSError, ValueError) as exc:
        print(f"zhnews eval: {exc}", file=sys.stderr)
        return 1
    print(result.format_table())
    articles = Path(gold).is_dir()  # our gold: whole articles already; ner_dev: sentences, grouped
    chars, seconds, n_docs = whole_pipeline_speed([d.text for d in docs], 1 if articles else SENTENCES_PER_DOCUMENT)
    shape = "articles" if articles else f"article-sized documents of {SENTENCES_PER_DOCUMENT} sentences"
    print(f"whole pipeline (extract_text: split, segment, every extractor, records) on the same text as {n_docs} "
          f"{shape}: {chars / seconds:,.0f} chars/s, one process")
    if misses is not None:
        rows = [dict(r, outcome="miss") for r in result.misses] + [dict(r, outcome="false alarm") for r in result.false_alarms]
        write_csv(rows, misses, ["outcome", "label", "text", "context", "id", "start", "end"])
        print(f"\n{len(rows)} misses and false alarms -> {misses}", file=sys.stderr)
    return 0
