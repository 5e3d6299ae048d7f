"""Prefect flows, thin: they sequence tasks that call plain functions from ``pipeline``.

One task per batch of documents (about 200k characters), never per sentence or per tiny
document: a task run costs milliseconds of orchestration. By default batches run one at a time:
the work is CPU-bound Python, so threads only contend for the GIL (measured: batches in flight
together made the flow 25–40% slower than the plain pipeline, one at a time 1–8% faster, within
noise). Parallelism comes from another task runner chosen at run time
(``extract_news.with_options(task_runner=...)``; `zhnews run --runner dask`).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.assemble import Settings, get_engine
from pipeline.batches import DEFAULT_BATCH_CHARS, Batch, BatchResult, iter_batches, run_batch
from pipeline.finish import RunSummary, finish_run


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE, task_run_name="extract-batch-{batch.key}")
def extract_batch(batch: Batch, settings: Settings, out_dir: str) -> BatchResult:
    """Retried because it writes files; safe to retry because output is written atomically per batch."""
    return run_batch(batch, settings, Path(out_dir))


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def finish(out_dir: str, keys: list[str], results: list[BatchResult], db_url: str | None, report: bool) -> RunSummary:
    return finish_run(Path(out_dir), keys, results, db_url=db_url, report=report)


@flow(name="extract_news", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=1))
def extract_news(
    inputs: list[str],
    out_dir: str = "out",
    segmenter: str = "jieba",
    hmm: bool = True,
    gazetteer_files: list[str] | None = None,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    max_in_flight: int = 8,
    db_url: str | None = None,
    report: bool = True,
) -> dict[str, Any]:
    """Inputs (files, folders, JSONL) to ``out_dir/records.jsonl`` and ``errors.jsonl``."""
    logger = get_run_logger()
    settings = Settings(segmenter=segmenter, hmm=hmm, gazetteer_files=tuple(gazetteer_files or ()))
    gazetteer_version = get_engine(settings).gazetteer_version
    keys: list[str] = []
    results: list[BatchResult] = []
    pending: deque = deque()
    for batch in iter_batches(inputs, settings, gazetteer_version, max_chars=batch_chars):
        keys.append(batch.key)
        pending.append(extract_batch.submit(batch, settings, out_dir))
        while len(pending) >= max_in_flight:  # bounded: memory does not grow with the archive
            results.append(pending.popleft().result())
    while pending:
        results.append(pending.popleft().result())
    summary = finish(out_dir, keys, results, db_url, report)
    logger.info("extract_news: %s", summary.line())
    _publish(summary)
    return summary.as_dict()


def _publish(summary: RunSummary) -> None:
    create_table_artifact(key="zhnews-run-summary", table=summary.table(), description="zhnews run summary")
    if summary.report_path:
        create_markdown_artifact(
            key="zhnews-report",
            markdown=f"[Extraction report]({Path(summary.report_path).resolve().as_uri()})\n\n{summary.line()}",
            description="Link to the analyst's HTML report",
        )
