"""Output files, written atomically: a killed run leaves whole batch files or none.

Each batch writes ``batches/<key>.records.jsonl`` and ``batches/<key>.errors.jsonl`` (temp file +
rename); ``finalize`` concatenates the run's batches in input order into ``records.jsonl`` and
``errors.jsonl``. The key hashes the batch's documents and every version that shapes the output,
so a re-run reuses finished batches and never writes a record twice.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from pipeline.records import ArticleRecord, ErrorEntry

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
BATCH_DIR = "batches"


def record_line(record: ArticleRecord) -> str:
    return record.model_dump_json() + "\n"


def error_line(error: ErrorEntry) -> str:
    return json.dumps(error.model_dump(), ensure_ascii=False, sort_keys=True) + "\n"


def write_atomic(path: Path, chunks: Iterable[str]) -> Path:
    """Temp file in the same folder, fsync, rename: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def batch_files(out_dir: Path, key: str) -> tuple[Path, Path]:
    folder = out_dir / BATCH_DIR
    return folder / f"{key}.records.jsonl", folder / f"{key}.errors.jsonl"


def batch_done(out_dir: Path, key: str) -> bool:
    records, errors = batch_files(out_dir, key)
    return records.exists() and errors.exists()


def write_batch(out_dir: Path, key: str, records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry]) -> None:
    records_path, errors_path = batch_files(out_dir, key)
    # errors first: a batch counts as done only once its records file exists too
    write_atomic(errors_path, (error_line(e) for e in errors))
    write_atomic(records_path, (record_line(r) for r in records))


def _concat(paths: Sequence[Path]) -> Iterable[str]:
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            yield from handle


def finalize(out_dir: Path, keys: Sequence[str]) -> tuple[int, int]:
    """Concatenate this run's batches (in order) and drop batch files no longer part of the run."""
    pairs = [batch_files(out_dir, k) for k in keys]
    write_atomic(out_dir / RECORDS, _concat([r for r, _ in pairs]))
    write_atomic(out_dir / ERRORS, _concat([e for _, e in pairs]))
    keep = {p.name for pair in pairs for p in pair}
    folder = out_dir / BATCH_DIR
    if folder.exists():
        for stale in folder.iterdir():
            if stale.name not in keep:
                stale.unlink(missing_ok=True)
    return count_lines(out_dir / RECORDS), count_lines(out_dir / ERRORS)


def count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def read_records(path: Path) -> Iterable[ArticleRecord]:
    """Stream records back, validating each line against the contract."""
    if path.is_dir():
        path = path / RECORDS
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield ArticleRecord.model_validate_json(line)


def read_errors(path: Path) -> list[ErrorEntry]:
    if path.is_dir():
        path = path / ERRORS
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [ErrorEntry.model_validate_json(line) for line in handle if line.strip()]
