"""Output files, written atomically: a killed run leaves whole batch files or none.

Each batch writes ``batches/<key>.records.jsonl`` and ``batches/<key>.errors.jsonl`` (temp file +
rename); ``finalize`` concatenates the run's batches in input order into ``records.jsonl`` and
``errors.jsonl``. The key hashes the batch's documents and every version that shapes the output,
so a re-run reuses finished batches and never writes a record twice.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from zhnews.pipeline.errors import E, ZhnewsError
from zhnews.pipeline.records import ArticleRecord, ErrorEntry

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
BATCH_DIR = "batches"


def record_line(record: ArticleRecord) -> str:
    return record.model_dump_json() + "\n"


def error_line(error: ErrorEntry) -> str:
    return json.dumps(error.model_dump(), ensure_ascii=False, sort_keys=True) + "\n"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_FILE_MODE = 0o666 & ~_umask()  # what open() would give: a loader under another account can read the output


def write_atomic(path: Path, chunks: Iterable[str]) -> Path:
    """Temp file in the same folder, fsync, rename: readers see the old file or the whole new one.

    mkstemp makes the file 0600; it gets the mode a plain open() would, so the umask decides.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fchmod(handle.fileno(), _FILE_MODE)
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


def _concat(paths: Sequence[Path]) -> Iterator[str]:
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            yield from handle


_ID = re.compile(r'^\{"id":"([^"]*)","schema_version":"[^"]*","source":\{"uri":"((?:[^"\\]|\\.)*)"')


@dataclass(slots=True)
class Finalized:
    records: int = 0
    errors: int = 0  # entries of severity "error": the inputs that failed
    warnings: int = 0
    duplicates: int = 0


class _Dedup:
    """Keeps the first record of each id (ids are content hashes); later copies become one warning each."""

    def __init__(self) -> None:
        self.first_uri: dict[str, str] = {}
        self.warnings: list[ErrorEntry] = []

    def filter(self, lines: Iterable[str]) -> Iterator[str]:
        for line in lines:
            match = _ID.match(line)
            if match is None:  # not the shape record_line writes: keep it, never lose a record
                yield line
                continue
            rid, uri = match.group(1), json.loads(f'"{match.group(2)}"')
            first = self.first_uri.setdefault(rid, uri)
            if first is uri:
                yield line
                continue
            err = ZhnewsError(E.DUPLICATE, uri, f"article {rid} is also in {first}; kept the first copy only")
            self.warnings.append(ErrorEntry(uri=uri, code=err.code.value, message=str(err), severity="warning"))


# What write_batch writes (and its temp files): finalize deletes nothing else. Another run's batch files are
# never deleted because another run cannot be working in this folder: it holds the folder's lock (lock.py).
_BATCH_FILE = re.compile(r"^\.?[0-9a-f]{24}\.(?:records|errors)\.jsonl(?:\.[^/]*\.tmp)?$")


def finalize(out_dir: Path, keys: Sequence[str]) -> Finalized:
    """Concatenate this run's batches (in order) and drop batch files no longer part of the run."""
    pairs = [batch_files(out_dir, k) for k in keys]
    dedup = _Dedup()
    write_atomic(out_dir / RECORDS, dedup.filter(_concat([r for r, _ in pairs])))
    extra = (error_line(w) for w in dedup.warnings)
    write_atomic(out_dir / ERRORS, (line for part in (_concat([e for _, e in pairs]), extra) for line in part))
    keep = {p.name for pair in pairs for p in pair}
    folder = out_dir / BATCH_DIR
    if folder.exists():
        for stale in folder.iterdir():
            if stale.name not in keep and _BATCH_FILE.match(stale.name):
                stale.unlink(missing_ok=True)
    result = Finalized(records=count_lines(out_dir / RECORDS), duplicates=len(dedup.warnings))
    for error in read_errors(out_dir / ERRORS):
        if error.severity == "error":
            result.errors += 1
        else:
            result.warnings += 1
    return result


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
