"""The end of a run: final files, a summary, and (when asked) the report and the database load."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from zhnews.pipeline.batches import BatchResult
from zhnews.pipeline.outputs import ERRORS, RECORDS, error_line, finalize, read_errors, read_records, write_atomic
from zhnews.pipeline.records import ErrorEntry

if TYPE_CHECKING:
    from zhnews.pipeline.review import MeasuredPrecision

log = logging.getLogger(__name__)

REPORT_NAME = "report.html"
REPORT_MAX_ARTICLES = 300  # the report shows the first articles; the summary counts them all


@dataclass(slots=True)
class RunSummary:
    out_dir: str
    documents: int = 0
    records: int = 0
    errors: int = 0  # inputs that failed (severity "error" in errors.jsonl)
    warnings: int = 0  # skipped files, duplicates, repaired bytes: the run still used or listed them
    batches: int = 0
    batches_reused: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    report_path: str | None = None
    site_path: str | None = None  # DIR/report/index.html: the archive site (every article, the archive views)
    db_url: str | None = None

    def line(self) -> str:
        return (f"{self.documents} documents -> {self.records} records, {self.errors} errors, "
                f"{self.warnings} warnings ({self.batches} batches, {self.batches_reused} reused) in {self.out_dir}")

    def paths(self) -> list[str]:
        """Where everything went, for the summary line a user reads last."""
        out = Path(self.out_dir)
        found = [str(out / RECORDS), str(out / ERRORS)]
        if self.report_path:
            found.append(self.report_path)
        if self.site_path:
            found.append(self.site_path)
        if self.db_url:
            found.append(safe_url(self.db_url))
        return found

    def table(self) -> list[dict[str, Any]]:
        rows = [{"measure": k, "value": v} for k, v in (
            ("documents", self.documents), ("records", self.records), ("errors", self.errors),
            ("warnings", self.warnings),
            ("batches", self.batches), ("batches reused", self.batches_reused))]
        rows += [{"measure": k, "value": v} for k, v in sorted(self.counts.items())]
        return rows

    def as_dict(self) -> dict[str, Any]:
        return {"out_dir": self.out_dir, "documents": self.documents, "records": self.records,
                "errors": self.errors, "warnings": self.warnings, "batches": self.batches, "batches_reused": self.batches_reused,
                "counts": dict(self.counts), "report": self.report_path, "db": safe_url(self.db_url) if self.db_url else None,
                "paths": self.paths()}


def safe_url(url: str) -> str:
    """A database URL without its password, fit for a terminal, a log or a Prefect artifact."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def finish_run(out_dir: Path, keys: Sequence[str], results: Sequence[BatchResult], *,
               db_url: str | None = None, report: bool = True) -> RunSummary:
    final = finalize(out_dir, keys)
    summary = RunSummary(
        out_dir=str(out_dir), documents=sum(r.documents for r in results), records=final.records,
        errors=final.errors, warnings=final.warnings, batches=len(results),
        batches_reused=sum(r.skipped for r in results),
    )
    total: Counter = Counter()
    for result in results:
        total.update(result.counts)
    summary.counts = dict(total)
    if report:
        measured = read_precision(out_dir, db_url)  # verdicts of earlier `zhnews review import`s
        summary.report_path = str(write_run_report(out_dir, summary=summary.table(), total=final.records,
                                                   precision=measured))
        summary.site_path = str(write_run_site(out_dir, precision=measured))
    if db_url:
        from zhnews.pipeline.db import load_records

        problems: list[ErrorEntry] = []
        load_records(read_records(out_dir / RECORDS), db_url, problems=problems)
        if problems:  # a record the database refused is an error of the run, listed like any other
            append_errors(out_dir, problems)
            summary.errors += sum(p.severity == "error" for p in problems)
            summary.warnings += sum(p.severity != "error" for p in problems)
        load_archive_tables(out_dir, db_url)
        summary.db_url = db_url
    return summary


def append_errors(out_dir: Path, entries: Sequence[ErrorEntry]) -> None:
    """errors.jsonl with ``entries`` after its lines, rewritten atomically like every output file."""
    path = out_dir / ERRORS
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    write_atomic(path, [old, *(error_line(e) for e in entries)])


def read_precision(out_dir: Path, db_url: str | None = None) -> MeasuredPrecision | None:
    """Reviewers' measured precision per rule for the report: from ``db_url``, else from the database
    ``zhnews review import`` writes by default (``out_dir/zhnews.sqlite``) when it exists. ``None`` when there
    are no verdicts, or when the database cannot be read (a warning: the report is written without them)."""
    default = Path(out_dir) / "zhnews.sqlite"
    if db_url is None and not default.is_file():
        return None  # opening a SQLite URL would create the file
    from sqlalchemy.exc import SQLAlchemyError

    from zhnews.pipeline.db import make_engine
    from zhnews.pipeline.review import measured_precision

    url = db_url or f"sqlite:///{default.resolve()}"
    engine = None
    try:
        engine = make_engine(url)
        return measured_precision(engine)
    except SQLAlchemyError as exc:
        log.warning("report without measured precision: cannot read the verdicts (%s: %s)", type(exc).__name__,
                    str(exc).split("\n")[0][:200])
        return None
    finally:
        if engine is not None:
            engine.dispose()


def write_run_report(out_dir: Path, limit: int = REPORT_MAX_ARTICLES, *, summary: list[dict[str, Any]] | None = None,
                     total: int | None = None, precision: MeasuredPrecision | None = None) -> Path:
    """The report shows the first ``limit`` articles; its summary covers the whole run when given;
    ``precision`` (``read_precision``) adds the measured precision per rule to its review section."""
    from zhnews.pipeline.report import write_report

    records = list(islice(read_records(out_dir / RECORDS), limit))
    return write_report(records, read_errors(out_dir / ERRORS), out_dir / REPORT_NAME, summary=summary,
                        total_articles=total, precision=precision.rules if precision else None,
                        precision_note=precision.note if precision else "")


def write_run_site(out_dir: Path, *, precision: MeasuredPrecision | None = None) -> Path:
    """The archive site (``out_dir/report/``, pipeline/site.py) for the whole run; returns its index.
    ``precision`` (``read_precision``) is shown on ``review.html`` and ranks its list."""
    from zhnews.pipeline.site import write_site_for_run

    return write_site_for_run(out_dir, precision=precision.rules if precision else None,
                              precision_note=precision.note if precision else "").path / "index.html"


def load_archive_tables(out_dir: Path, db_url: str) -> None:
    """Who's who, signing pairs and numbers as tables beside the records' (pipeline/archive_db.py)."""
    from zhnews.pipeline.archive_db import write_archive_tables
    from zhnews.pipeline.db import make_engine

    engine = make_engine(db_url)
    try:
        write_archive_tables(engine, read_records(out_dir / RECORDS))
    finally:
        engine.dispose()
