"""The end of a run: final files, a summary, and (when asked) the report and the database load."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Sequence

from zhnews.pipeline.batches import BatchResult
from zhnews.pipeline.outputs import ERRORS, RECORDS, finalize, read_errors, read_records

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
        summary.report_path = str(write_run_report(out_dir, summary=summary.table(), total=final.records))
    if db_url:
        from zhnews.pipeline.db import load_records

        load_records(read_records(out_dir / RECORDS), db_url)
        summary.db_url = db_url
    return summary


def write_run_report(out_dir: Path, limit: int = REPORT_MAX_ARTICLES, *, summary: list[dict[str, Any]] | None = None,
                     total: int | None = None) -> Path:
    """The report shows the first ``limit`` articles; its summary covers the whole run when given."""
    from zhnews.pipeline.report import write_report

    records = list(islice(read_records(out_dir / RECORDS), limit))
    return write_report(records, read_errors(out_dir / ERRORS), out_dir / REPORT_NAME, summary=summary,
                        total_articles=total)
