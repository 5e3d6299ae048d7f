"""Prefect flows, thin: they sequence tasks that call plain functions from ``zhnews.pipeline``.

One task per batch of documents (about 200k characters), never per sentence or per tiny
document: a task run costs milliseconds of orchestration. By default batches run one at a time:
the work is CPU-bound Python, so threads only contend for the GIL (measured: batches in flight
together made the flow 25–40% slower than the plain pipeline, one at a time 1–8% faster, within
noise). Parallelism comes from another task runner chosen at run time
(``extract_news.with_options(task_runner=...)``; `zhnews run --runner dask`).

Every parameter defaults to ``zhnews.toml`` (``$ZHNEWS_CONFIG`` or the working folder), so a
scheduled run with no parameters does the configured work (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
from collections import deque
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed
from prefect.task_runners import ThreadPoolTaskRunner

from zhnews.pipeline import progress
from zhnews.pipeline.assemble import Settings, get_engine
from zhnews.pipeline.batches import Batch, BatchResult, batch_sizes, iter_batches, run_batch
from zhnews.pipeline.config import RunOptions, resolve_options
from zhnews.pipeline.finish import RunSummary, finish_run
from zhnews.pipeline.lock import locked_out
from zhnews.pipeline.retry import worth_retrying


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying, cache_policy=NO_CACHE,
      task_run_name="{name}")
def extract_batch(batch: Batch, settings: Settings, out_dir: str, name: str = "batch",
                  doc_seconds: float | None = None) -> BatchResult:
    """Retried because it writes files; safe to retry because output is written atomically per batch.
    ``doc_seconds`` travels with the task: a remote Dask worker does not see the driver's environment."""
    return run_batch(batch, settings, Path(out_dir), doc_seconds=doc_seconds if doc_seconds else None)


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying, cache_policy=NO_CACHE,
      task_run_name="finish · records, errors, report")
def finish(out_dir: str, keys: list[str], results: list[BatchResult], db_url: str | None, report: bool) -> RunSummary:
    return finish_run(Path(out_dir), keys, results, db_url=db_url, report=report)


@flow(name="extract_news", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=1))
@locked_out  # one run per output folder (pipeline/lock.py); only this driver process holds the lock
def extract_news(
    inputs: list[str] | None = None,
    out_dir: str | None = None,
    segmenter: str | None = None,
    hmm: bool | None = None,
    gazetteer_files: list[str] | None = None,
    batch_chars: int | None = None,
    max_in_flight: int = 8,
    db_url: str | None = None,
    report: bool | None = None,
    globs: list[str] | None = None,
    config: str | None = None,
    doc_seconds: float | None = None,
) -> Any:
    """Inputs (files, folders, JSONL) to ``out_dir/records.jsonl`` and ``errors.jsonl``.

    A parameter left out comes from zhnews.toml. A run in which some inputs failed ends in a
    Completed state named "Completed with errors", so the UI and the API show it.
    """
    opts = resolve_options(config, inputs=inputs, out=out_dir, segmenter=segmenter, hmm=hmm,
                           gazetteers=gazetteer_files, batch_chars=batch_chars, db=db_url, report=report, glob=globs,
                           doc_seconds=doc_seconds)
    if not opts.inputs:
        raise ValueError("extract_news: no inputs (give `inputs`, or set [run] inputs in zhnews.toml)")
    logger = get_run_logger()
    settings = Settings(segmenter=opts.segmenter, hmm=opts.hmm, gazetteer_files=opts.gazetteers)
    gazetteer_version = get_engine(settings).gazetteer_version
    read = {"globs": opts.glob, "exclude": [opts.out]}
    sizes = [] if "-" in opts.inputs else batch_sizes(opts.inputs, opts.batch_chars, **read)
    total = len(sizes) or None
    progress.current().start(total or 0, sum(c for _, c in sizes))
    keys: list[str] = []
    results: list[BatchResult] = []
    pending: deque = deque()

    def collect() -> None:
        result = pending.popleft().result()
        results.append(result)
        chars = sizes[len(results) - 1][1] if total and len(results) <= total else 0
        progress.current().advance(result.documents, chars, result.skipped)
        logger.info("batch %d/%s: %d docs, %d records, %d errors%s", len(results), total or "?",
                    result.documents, result.records, result.errors, " (reused)" if result.skipped else "")

    for number, batch in enumerate(iter_batches(opts.inputs, settings, gazetteer_version, opts.batch_chars, **read), 1):
        keys.append(batch.key)
        name = f"batch {number}/{total or '?'} · {len(batch.documents)} docs"
        pending.append(extract_batch.submit(batch, settings, opts.out, name, opts.doc_seconds))
        while len(pending) >= max_in_flight:  # bounded: memory does not grow with the archive
            collect()
    while pending:
        collect()
    summary = finish(opts.out, keys, results, opts.db, opts.report)
    logger.info("extract_news: %s", summary.line())
    _publish(summary)
    if summary.errors:
        return Completed(name="Completed with errors", data=summary.as_dict(),
                         message=f"{summary.errors} inputs failed; see {Path(opts.out) / 'errors.jsonl'}")
    return summary.as_dict()


def artifact_key(kind: str, out_dir: str) -> str:
    """Unique per output folder (two archives do not overwrite each other's summary); Prefect keys
    allow lowercase letters, digits and dashes only."""
    resolved = str(Path(out_dir).resolve())
    slug = re.sub(r"[^a-z0-9]+", "-", Path(resolved).name.lower()).strip("-")[:30] or "out"
    return f"zhnews-{kind}-{slug}-{hashlib.sha256(resolved.encode()).hexdigest()[:8]}"


def _publish(summary: RunSummary) -> None:
    create_table_artifact(key=artifact_key("summary", summary.out_dir), table=summary.table(),
                          description=f"zhnews run summary: {summary.line()}")
    if summary.report_path:
        create_markdown_artifact(
            key=artifact_key("report", summary.out_dir),
            markdown=_report_markdown(summary),
            description="Where the analyst's HTML report is",
        )


def _report_markdown(summary: RunSummary) -> str:
    """A link a colleague can open: $ZHNEWS_REPORT_URL (where the output folder is served) when set,
    else the file's path on the machine that ran the flow, said plainly."""
    report = Path(summary.report_path or "").resolve()
    base = os.environ.get("ZHNEWS_REPORT_URL")
    if base:
        link = f"[Open the extraction report]({base.rstrip('/')}/{report.name})"
        if summary.site_path:  # the archive site: every article, who's who, signing pairs, numbers
            link += f" · [Open the archive site]({base.rstrip('/')}/report/index.html)"
    else:
        link = (f"The report is `{report}` on host `{socket.gethostname()}` "
                f"(set ZHNEWS_REPORT_URL to the URL the output folder is served at, for a link).")
    return f"{link}\n\n{summary.line()}\n\nOutputs: " + ", ".join(f"`{p}`" for p in summary.paths())


if __name__ == "__main__":
    # A long-running deployment with a schedule, parameters from zhnews.toml (docs/operations.md).
    extract_news.serve(name="zhnews", cron="0 6 * * *")
