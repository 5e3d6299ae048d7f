"""The review loop: a sample of extractions for analysts to judge, their verdicts in the database,
measured precision per rule, and ``wrong`` verdicts turned into data the next run applies.

The sample is stratified by (kind, rule, confidence band) and spread evenly over the strata, so a
rare rule gets judged as often as a frequent one; each row keeps its stratum's size, so precision can
also be weighted back to the archive. Verdicts live in a ``reviews`` table of our own (keyed by
extraction id and pipeline version), next to the loaded records but outside ``pipeline/db.py``'s layout.
"""

from __future__ import annotations

import csv
import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from zhnews.gazetteers.suppressions import LABELS, SUPPRESSION_COLUMNS
from zhnews.pipeline.errors import UsageError, UserError
from zhnews.pipeline.export import neutralise, restore
from zhnews.pipeline.records import ArticleRecord
from zhnews.pipeline.site_review import RulePrecision
from zhnews.pipeline.version import PIPELINE_VERSION

VERDICTS = ("right", "wrong", "unsure")
# What a reviewer may type, in English or Chinese; the sheet's header says to use right / wrong / unsure.
VERDICT_WORDS = {"right": "right", "r": "right", "对": "right", "正确": "right", "✓": "right",
                 "wrong": "wrong", "w": "wrong", "错": "wrong", "错误": "wrong", "✗": "wrong",
                 "unsure": "unsure", "u": "unsure", "?": "unsure", "不确定": "unsure"}
BANDS = ((0.5, "<0.5"), (0.7, "0.5-0.7"), (0.9, "0.7-0.9"), (math.inf, ">=0.9"))
CONTEXT = 8  # characters either side kept with a suppression entry, so it applies to that occurrence only
EVERYWHERE = ("*", "everywhere", "全部")  # a correction that suppresses the text in any context
SHEET_COLUMNS = ("id", "kind", "rule", "confidence", "band", "stratum_size", "extraction", "label", "detail",
                 "sentence", "article_title", "date", "article_id", "pipeline_version", "verdict", "correction")
CORRECTIONS = "corrections.csv"  # in the run folder: `zhnews run ... --gazetteer DIR/corrections.csv`

metadata = sa.MetaData()

reviews = sa.Table(
    "reviews", metadata,
    sa.Column("extraction_id", sa.String(128), primary_key=True),
    sa.Column("pipeline_version", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False, index=True),
    sa.Column("rule", sa.String(128), nullable=False, index=True),
    sa.Column("label", sa.String(32)),
    sa.Column("confidence", sa.Double),
    sa.Column("band", sa.String(16)),
    sa.Column("stratum_size", sa.Integer),
    sa.Column("article_id", sa.String(64), index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("left_context", sa.Text, nullable=False),  # LEFT and RIGHT are SQL keywords
    sa.Column("right_context", sa.Text, nullable=False),
    sa.Column("verdict", sa.String(8), nullable=False),
    sa.Column("correction", sa.Text),
    sa.Column("sheet", sa.Text),
    sa.Column("reviewed_at", sa.String(32), nullable=False),
    sa.CheckConstraint("verdict IN ('right', 'wrong', 'unsure')", name="ck_reviews_verdict"),
)


@dataclass(frozen=True, slots=True)
class Item:
    """One extraction as a reviewer sees it."""

    id: str
    kind: str
    rule: str
    label: str | None
    confidence: float
    text: str
    start: int
    end: int
    detail: str
    article_id: str
    article_title: str
    date: str
    pipeline_version: str

    @property
    def band(self) -> str:
        return next(name for top, name in BANDS if self.confidence < top)


# ---------------------------------------------------------------- items and the sample

def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def record_items(record: ArticleRecord) -> list[Item]:
    """Every extraction of a record that carries a rule and a confidence."""
    common = {"article_id": record.id, "article_title": record.title or "", "date": record.date or "",
              "pipeline_version": record.pipeline_version}
    items = []
    for e in record.entities:
        detail = e.label + (f" → {e.canonical} ({e.kb_id})" if e.kb_id else "") + \
            (f"; titles: {'、'.join(e.titles)}" if e.titles else "")
        items.append(Item(e.id, "entity", e.rule, e.label, e.confidence, e.text, e.start, e.end, detail, **common))
    for q in record.quantities:
        parts = [f"kind={q.kind}", f"value={_fmt(q.value)}" if q.value is not None else
                 f"range={_fmt(q.low)}–{_fmt(q.high)}", f"unit={q.unit or ''}", f"subject={q.subject or ''}"]
        items.append(Item(q.id, "quantity", q.rule, q.kind, q.confidence, q.text, q.start, q.end, "; ".join(parts),
                          **common))
    for d in record.dates:
        detail = f"value={d.value}" + (f"–{d.end_value}" if d.end_value else "") + \
            (f"; resolved={d.resolved}" if d.resolved else "")
        items.append(Item(d.id, "date", d.rule, None, d.confidence, d.text, d.start, d.end, detail, **common))
    for s in record.signings:
        ev = s.evidence[0]
        a = "、".join(p.text for p in s.parties_a) or "?"
        b = "、".join(p.text for p in s.parties_b) or "?"
        detail = f"{a} ↔ {b}" + (f"; {s.count} ×" if s.count else "") + (f" {s.object}" if s.object else "") + \
            (f"; family={s.family}" if s.family else "")
        items.append(Item(s.id, "signing", s.rule, s.family, s.confidence, ev.text, ev.start, ev.end, detail,
                          **common))
    return items


_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def sentence_around(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence holding text[start:end], the span in 【】, clipped to about ``limit`` characters."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    room = max(0, (limit - (end - start)) // 2)
    clipped_left, clipped_right = max(left, start - room), min(right, end + room)
    before = ("…" if clipped_left > left else "") + text[clipped_left:start]
    after_ = text[end:clipped_right] + ("…" if clipped_right < right else "")
    return f"{before}【{text[start:end]}】{after_}".strip()


def context(text: str, start: int, end: int, n: int = CONTEXT) -> tuple[str, str]:
    """Up to ``n`` characters either side, never across white space (a gazetteer cell is stripped)."""
    left = re.split(r"\s", text[max(0, start - n):start])[-1]
    right = re.split(r"\s", text[end:end + n])[0]
    return left, right


def _quotas(sizes: Sequence[int], n: int) -> list[int]:
    """n spread as evenly as possible over strata of the given sizes (water-filling)."""
    quotas = [0] * len(sizes)
    remaining = min(n, sum(sizes))
    open_ = sorted(range(len(sizes)), key=lambda i: sizes[i])
    while remaining and open_:
        share = max(1, remaining // len(open_))
        for i in list(open_):
            take = min(share, sizes[i] - quotas[i], remaining)
            quotas[i] += take
            remaining -= take
            if quotas[i] == sizes[i]:
                open_.remove(i)
            if not remaining:
                break
    return quotas


def sample(records: Iterable[ArticleRecord], n: int, seed: int = 0,
           kinds: Sequence[str] = ("entity", "quantity", "date", "signing")) -> list[dict[str, Any]]:
    """Sheet rows: about n extractions stratified by (kind, rule, confidence band); same input, same seed,
    same rows."""
    strata: dict[tuple[str, str, str], list[tuple[Item, str]]] = defaultdict(list)
    for record in records:
        for item in record_items(record):
            if item.kind in kinds:
                strata[(item.kind, item.rule, item.band)].append((item, record.text))
    keys = sorted(strata)
    quotas = _quotas([len(strata[k]) for k in keys], n)
    rows: list[dict[str, Any]] = []
    for key, quota in zip(keys, quotas):
        members = sorted(strata[key], key=lambda pair: pair[0].id)
        random.Random(f"{seed}:{'|'.join(key)}").shuffle(members)
        for item, text in members[:quota]:
            rows.append({
                "id": item.id, "kind": item.kind, "rule": item.rule, "confidence": round(item.confidence, 3),
                "band": item.band, "stratum_size": len(members), "extraction": item.text,
                "label": item.label or "", "detail": item.detail,
                "sentence": sentence_around(text, item.start, item.end), "article_title": item.article_title,
                "date": item.date, "article_id": item.article_id, "pipeline_version": item.pipeline_version,
                "verdict": "", "correction": "",
            })
    return rows


# ---------------------------------------------------------------- the sheet

def write_sheet(rows: Sequence[dict[str, Any]], path: Path) -> Path:
    """CSV (UTF-8 with BOM, every text cell quoted and formula-safe) or, for ``.xlsx``, a workbook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.worksheet.datavalidation import DataValidation

        wb = Workbook()
        ws = wb.active
        ws.title = "review"
        ws.append(list(SHEET_COLUMNS))
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        for row in rows:  # formula-safe too: openpyxl writes a cell starting with = as a formula
            ws.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(row[c])) if isinstance(row[c], str) else row[c]
                       for c in SHEET_COLUMNS])
        col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[SHEET_COLUMNS.index("verdict")]
        check = DataValidation(type="list", formula1='"right,wrong,unsure"', allow_blank=True)
        check.add(f"{col}2:{col}{len(rows) + 1}")
        ws.add_data_validation(check)
        ws.freeze_panes = "A2"
        wb.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SHEET_COLUMNS, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: neutralise(v) if isinstance(v, str) else v for c, v in row.items()})
    return path


def read_sheet(path: Path) -> list[dict[str, str]]:
    """The sheet's rows as text, with the formula guard taken off again."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"review sheet {path} not found")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True, data_only=True).active
        values = list(ws.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in values[0]] if values else []
        raw = [dict(zip(header, ("" if v is None else str(v) for v in line))) for line in values[1:]]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            raw = list(csv.DictReader(handle))
            header = list(raw[0]) if raw else []
    missing = [c for c in ("id", "kind", "rule", "extraction", "pipeline_version", "verdict") if c not in header]
    if raw and missing:
        raise UserError(f"{path}: not a review sheet (missing column(s) {missing})")
    return [{k: restore(v or "") for k, v in row.items() if k} for row in raw]


# ---------------------------------------------------------------- verdicts into the database

def ensure_table(engine: Engine) -> None:
    metadata.create_all(engine)


def _verdict(value: str, where: str) -> str | None:
    word = value.strip().lower()
    if not word:
        return None
    if word not in VERDICT_WORDS:
        raise UserError(f"{where}: verdict {value!r} is not one of {list(VERDICTS)}")
    return VERDICT_WORDS[word]


def _span_context(row: dict[str, str], texts: dict[str, tuple[str, int, int]]) -> tuple[str, str]:
    """Context from the record itself when the run folder still has it, else from the sheet's sentence."""
    found = texts.get(row["id"])
    if found:
        return context(*found)
    sentence, text = row.get("sentence", "").removeprefix("…"), row["extraction"]
    marked = f"【{text}】"
    if sentence.count(marked) != 1:
        return "", ""
    at = sentence.index(marked)
    return context(sentence.replace(marked, text), at, at + len(text))


def _span_text(row: dict[str, str], texts: dict[str, tuple[str, int, int]]) -> str:
    """The span from the record (a spreadsheet may have altered the cell), else the sheet's cell."""
    found = texts.get(row["id"])
    return found[0][found[1]:found[2]] if found else row["extraction"]


def import_sheet(path: Path, engine: Engine, records: Iterable[ArticleRecord] = ()) -> int:
    """Store the judged rows of a sheet (upsert by extraction id and pipeline version); returns how many."""
    rows = read_sheet(path)
    texts: dict[str, tuple[str, int, int]] = {}
    for record in records:
        for item in record_items(record):
            texts[item.id] = (record.text, item.start, item.end)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    by_key: dict[tuple[str, str], dict[str, Any]] = {}  # a row judged twice in one sheet: the later one counts
    for no, row in enumerate(rows, 2):
        verdict = _verdict(row.get("verdict", ""), f"{path}:{no}")
        if verdict is None:
            continue
        if not row.get("id") or not row.get("pipeline_version"):
            raise UserError(f"{path}:{no}: id and pipeline_version must not be empty")
        left, right = _span_context(row, texts)
        try:
            confidence = float(row["confidence"]) if row.get("confidence") else None
            size = int(float(row["stratum_size"])) if row.get("stratum_size") else None
        except ValueError:
            raise UserError(f"{path}:{no}: confidence / stratum_size are not numbers") from None
        by_key[(row["id"], row["pipeline_version"])] = {
            "extraction_id": row["id"], "pipeline_version": row["pipeline_version"], "kind": row.get("kind", ""),
            "rule": row.get("rule", ""), "label": row.get("label") or None, "confidence": confidence,
            "band": row.get("band") or None, "stratum_size": size, "article_id": row.get("article_id") or None,
            "text": _span_text(row, texts), "left_context": left, "right_context": right, "verdict": verdict,
            "correction": row.get("correction", "").strip() or None, "sheet": Path(path).name, "reviewed_at": now,
        }
    values = list(by_key.values())
    ensure_table(engine)
    with engine.begin() as conn:
        for value in values:  # few hundred rows: delete + insert is portable across databases
            conn.execute(reviews.delete().where(
                (reviews.c.extraction_id == value["extraction_id"])
                & (reviews.c.pipeline_version == value["pipeline_version"])))
        if values:
            conn.execute(reviews.insert(), values)
    return len(values)


# ---------------------------------------------------------------- precision

def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval (95 % by default): sound for small samples and for 0 or n successes."""
    if n == 0:
        return (math.nan, math.nan)
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


PRECISION_COLUMNS = ("kind", "rule", "reviewed", "right", "wrong", "unsure", "precision", "low", "high",
                     "weighted_precision")


def precision_by_rule(engine: Engine, pipeline_version: str | None = None) -> pd.DataFrame:
    """Measured precision per (kind, rule): right / (right + wrong), Wilson 95 % interval (low, high);
    ``reviewed`` is right + wrong (what the precision rests on), ``unsure`` verdicts are counted apart. ``weighted_precision`` weights each confidence band by
    its stratum size, as the archive holds them. One row per rule, most reviewed first."""
    if not sa.inspect(engine).has_table(reviews.name):  # reading creates nothing
        return pd.DataFrame(columns=list(PRECISION_COLUMNS))
    query = sa.select(reviews)
    if pipeline_version:
        query = query.where(reviews.c.pipeline_version == pipeline_version)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in reviews.columns])
    out = []
    for (kind, rule), group in frame.groupby(["kind", "rule"], sort=True):
        right, wrong = int((group.verdict == "right").sum()), int((group.verdict == "wrong").sum())
        n = right + wrong
        low, high = wilson(right, n)
        judged = group[group.verdict != "unsure"]
        weighted = math.nan
        if len(judged) and judged.stratum_size.notna().all():
            by_band = judged.groupby("band").agg(p=("verdict", lambda v: (v == "right").mean()),
                                                 size=("stratum_size", "max"))
            weighted = float((by_band.p * by_band["size"]).sum() / by_band["size"].sum())
        out.append({"kind": kind, "rule": rule, "reviewed": n, "right": right, "wrong": wrong,
                    "unsure": len(group) - n, "precision": right / n if n else math.nan, "low": low, "high": high,
                    "weighted_precision": weighted})
    result = pd.DataFrame(out, columns=list(PRECISION_COLUMNS))
    return result.sort_values(["reviewed", "unsure", "kind", "rule"], ascending=[False, False, True, True],
                              ignore_index=True)


@dataclass(frozen=True, slots=True)
class MeasuredPrecision:
    """Precision per rule as the report shows it, and which pipeline versions' verdicts it rests on."""

    rules: list[RulePrecision]
    versions: tuple[str, ...]  # the pipeline versions whose verdicts are counted
    current: bool  # False: no verdict was given on this pipeline version, so older versions' verdicts stand in

    @property
    def note(self) -> str:
        """One sentence for the page, saying whose verdicts these are."""
        if self.current:
            return f"From reviewers' verdicts on extractions of pipeline version {', '.join(self.versions)}."
        return (f"No verdicts yet on this pipeline version ({PIPELINE_VERSION}): these are the verdicts on version(s) "
                f"{', '.join(self.versions)}; a rule changed since may have moved.")


def rule_precisions(table: pd.DataFrame) -> list[RulePrecision]:
    """``precision_by_rule`` rows as the report's ``RulePrecision``: one per rule (a rule name shared by two
    kinds is counted together), rules with only ``unsure`` verdicts left out (they measure nothing)."""
    out = []
    if table.empty:
        return out
    for rule, group in table.groupby("rule", sort=True):
        right, wrong = int(group.right.sum()), int(group.wrong.sum())
        if right + wrong:
            low, high = wilson(right, right + wrong)
            out.append(RulePrecision(str(rule), right / (right + wrong), right + wrong, low, high))
    return out


def measured_precision(engine: Engine, pipeline_version: str = PIPELINE_VERSION) -> MeasuredPrecision | None:
    """The verdicts on ``pipeline_version`` when there are any, else those on every version (labelled so);
    ``None`` when the database holds no verdict that measures anything. Reading creates nothing."""
    if not sa.inspect(engine).has_table(reviews.name):
        return None
    with engine.connect() as conn:
        versions = sorted(v for (v,) in conn.execute(
            sa.select(reviews.c.pipeline_version).where(reviews.c.verdict != "unsure").distinct()))
    if not versions:
        return None
    if pipeline_version in versions:
        return MeasuredPrecision(rule_precisions(precision_by_rule(engine, pipeline_version)), (pipeline_version,),
                                 True)
    return MeasuredPrecision(rule_precisions(precision_by_rule(engine)), tuple(versions), False)


def format_precision(table: pd.DataFrame) -> str:
    """The table as aligned text for the terminal."""
    if table.empty:
        return "no verdicts yet"
    def pct(v: float) -> str:
        return "  –  " if math.isnan(v) else f"{v:5.1%}"
    lines = [f"{'kind':<9}{'rule':<34}{'n':>5}{'right':>7}{'wrong':>7}{'unsure':>8}  precision (95% CI)"]
    for r in table.itertuples():
        lines.append(f"{r.kind:<9}{r.rule[:33]:<34}{r.reviewed:>5}{r.right:>7}{r.wrong:>7}{r.unsure:>8}  "
                     f"{pct(r.precision)} ({pct(r.low)}–{pct(r.high)})")
    return "\n".join(lines)


# ---------------------------------------------------------------- corrections for the next run

def _latest_wrong(engine: Engine) -> list[dict[str, Any]]:
    """The latest verdict per extraction id, kept when it is ``wrong``."""
    ensure_table(engine)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.select(reviews).order_by(reviews.c.reviewed_at)).mappings()]
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        latest[row["extraction_id"]] = row
    return [r for r in latest.values() if r["verdict"] == "wrong"]


def export_corrections(engine: Engine, path: Path) -> tuple[Path, list[dict[str, str]]]:
    """The latest ``wrong`` verdicts as a suppression list (``gazetteers/suppressions.py``), passed to the next
    run with ``--gazetteer``: empty correction -> that occurrence is dropped (same text, same 8 characters
    either side); ``*`` -> the text is dropped wherever it is extracted with that label; an entity label
    (PERSON, ORG, GPE, LOC) -> the text is kept under that label wherever it had the wrong one. Any other
    correction (a value, a boundary) still drops the occurrence and is returned as not applied."""
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    not_applied: list[dict[str, str]] = []
    for r in sorted(_latest_wrong(engine), key=lambda r: r["extraction_id"]):
        correction = (r["correction"] or "").strip()
        everywhere = correction.lower() in EVERYWHERE
        relabel = correction.upper() if r["kind"] == "entity" and correction.upper() in LABELS else ""
        anywhere = everywhere or bool(relabel)
        row = {"kind": r["kind"], "text": r["text"],
               "label": (r["label"] or "") if r["kind"] in ("entity", "quantity") else "",
               "rule": "" if anywhere else r["rule"], "left": "" if anywhere else r["left_context"],
               "right": "" if anywhere else r["right_context"], "new_label": relabel, "id": r["extraction_id"],
               "note": f"review {r['reviewed_at'][:10]}" + (f": {correction}" if correction else "")}
        rows.setdefault(tuple(row[c] for c in SUPPRESSION_COLUMNS[:6]), row)
        if correction and not anywhere:
            not_applied.append({"id": r["extraction_id"], "text": r["text"], "correction": correction})
    return _write_table(Path(path), SUPPRESSION_COLUMNS, list(rows.values())), not_applied


def _write_table(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> Path:
    """A CSV the gazetteer loader reads (plain UTF-8, minimal quoting); written even when empty, so a run
    configured with it never fails and a stale list never outlives the verdicts that made it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# written by `zhnews review export`; pass to the next run with --gazetteer\n")
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


# ---------------------------------------------------------------- the command line (zhnews review STEP)

def read_records_for(folder: Path, article_ids: set[str]) -> list[ArticleRecord]:
    """Only the records a sheet refers to: a line is parsed when its leading id is wanted."""
    path = Path(folder) / "records.jsonl"
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith('{"id":"'):
                if line[7:line.index('"', 7)] not in article_ids:
                    continue
            elif not line.strip():
                continue
            record = ArticleRecord.model_validate_json(line)
            if record.id in article_ids:
                out.append(record)
    return out


def _run_dir(folder: str) -> Path:
    path = Path(folder)
    if not (path / "records.jsonl").is_file():
        raise UsageError(f"{folder} holds no records.jsonl (run `zhnews run INPUT --out {folder}` first)")
    return path


def _engine(folder: Path, url: str | None) -> Engine:
    from zhnews.pipeline.db import make_engine

    return make_engine(url or f"sqlite:///{(folder / 'zhnews.sqlite').resolve()}")


def _say_export(engine: Engine, folder: Path, to: str | None, say: Any) -> None:
    path, not_applied = export_corrections(engine, Path(to) if to else folder / CORRECTIONS)
    say(f"corrections for the next run: {path} (zhnews run INPUT --gazetteer {path})")
    for item in not_applied:
        say(f"  not applied as data, only suppressed: {item['id']} {item['text']!r} -> {item['correction']!r}")


def command(args: Any, say: Any = print) -> int:
    """``zhnews review sample|import|export|precision``; ``say`` prints to stderr in the CLI."""
    if getattr(args, "quiet", False):
        say = lambda _message: None  # noqa: E731 - --quiet: results on stdout, errors only
    if args.step == "sample":
        from zhnews.pipeline.outputs import read_records

        folder = _run_dir(args.dir)
        rows = sample(read_records(folder), args.n, seed=args.seed, kinds=tuple(args.kind or
                                                                               ("entity", "quantity", "date", "signing")))
        path = write_sheet(rows, Path(args.to) if args.to else folder / "review.csv")
        print(path)
        say(f"{len(rows)} extractions to judge: fill verdict (right / wrong / unsure) and, for wrong, correction; "
            f"then `zhnews review import {path} {folder}`")
        return 0
    folder = Path(args.dir)
    engine = _engine(folder, args.db)
    if args.step == "import":
        rows = read_sheet(Path(args.sheet))
        wanted = {r["article_id"] for r in rows if r.get("article_id")}
        count = import_sheet(Path(args.sheet), engine, read_records_for(folder, wanted))
        say(f"{count} verdicts stored in {engine.url.render_as_string(hide_password=True)}")
        print(format_precision(precision_by_rule(engine)))
        if not args.no_export:
            _say_export(engine, folder, None, say)
    elif args.step == "export":
        _say_export(engine, folder, args.to, say)
    else:
        print(format_precision(precision_by_rule(engine, args.pipeline_version)))
    return 0
