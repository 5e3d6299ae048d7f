"""Batches of documents: the unit of work of a Prefect task, of resuming and of atomic output."""

from __future__ import annotations

import hashlib
import os
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from zhnews.pipeline import budget
from zhnews.pipeline.assemble import Settings, get_engine, process_document
from zhnews.pipeline.errors import E
from zhnews.pipeline.ingest import FOLDER_GLOBS, Document, IngestResult, iter_documents
from zhnews.pipeline.outputs import batch_done, batch_files, read_records, write_batch
from zhnews.pipeline.records import ArticleRecord, ErrorEntry
from zhnews.pipeline.version import PIPELINE_VERSION

DEFAULT_BATCH_CHARS = 200_000
DEFAULT_BATCH_DOCS = 500


@dataclass(frozen=True, slots=True)
class Batch:
    key: str
    items: tuple[IngestResult, ...]

    @property
    def documents(self) -> list[Document]:
        return [i for i in self.items if isinstance(i, Document)]


@dataclass(frozen=True, slots=True)
class BatchResult:
    key: str
    documents: int
    records: int
    errors: int
    skipped: bool
    counts: dict[str, int] = field(default_factory=dict)


def count_extractions(records: Iterable[ArticleRecord]) -> Counter:
    """What the run summary shows per batch, so finishing a run never re-reads every record."""
    counts: Counter = Counter()
    for record in records:
        for entity in record.entities:
            counts[f"entities {entity.label}"] += 1
        counts["quantities"] += len(record.quantities)
        counts["dates"] += len(record.dates)
        counts["signings"] += len(record.signings)
    return counts


def _item_key(item: IngestResult) -> str:
    if isinstance(item, Document):
        return f"D\x1f{item.uri}\x1f{item.sha256}\x1f{item.is_page}\x1f{item.date}\x1f{item.title}"
    return f"E\x1f{item.uri}\x1f{item.code}\x1f{item.line}\x1f{item.message}"


def batch_key(items: Sequence[IngestResult], settings: Settings, gazetteer_version: str) -> str:
    """Content hashes and versions, never timestamps: unchanged input + versions = same key."""
    h = hashlib.sha256()
    h.update(f"{PIPELINE_VERSION}\x1e{gazetteer_version}\x1e{sorted(asdict(settings).items())}".encode())
    for item in items:
        h.update(b"\x1e")
        h.update(_item_key(item).encode("utf-8"))
    return h.hexdigest()[:24]


def plan_batches(results: Iterable[IngestResult], settings: Settings, gazetteer_version: str,
                 max_chars: int = DEFAULT_BATCH_CHARS, max_docs: int = DEFAULT_BATCH_DOCS) -> Iterator[Batch]:
    """Group the input stream into batches of about max_chars characters, streaming."""
    items: list[IngestResult] = []
    chars = 0
    for item in results:
        items.append(item)
        if isinstance(item, Document):
            chars += len(item.text)
        if chars >= max_chars or len(items) >= max_docs:
            yield Batch(batch_key(items, settings, gazetteer_version), tuple(items))
            items, chars = [], 0
    if items:
        yield Batch(batch_key(items, settings, gazetteer_version), tuple(items))


DOC_SECONDS_ENV = "ZHNEWS_DOC_SECONDS"


def default_doc_seconds() -> float | None:
    """The budget when the caller gives none: $ZHNEWS_DOC_SECONDS (set by ``zhnews run`` from
    --doc-seconds or [run] doc_seconds, and inherited by local Dask workers), else 120 s; 0 means none."""
    value = os.environ.get(DOC_SECONDS_ENV)
    try:
        seconds = float(value) if value else budget.DEFAULT_DOC_SECONDS
    except ValueError:
        seconds = budget.DEFAULT_DOC_SECONDS
    return seconds if seconds > 0 else None


_DEFAULT = object()


def extract_documents(items: Iterable[IngestResult], settings: Settings, *,
                      doc_seconds: float | None | object = _DEFAULT) -> tuple[list[ArticleRecord], list[ErrorEntry]]:
    """Records and errors for a batch; a document that fails, or runs over ``doc_seconds`` (E017), costs
    only itself. ``doc_seconds=None`` means no budget; left out, :func:`default_doc_seconds`."""
    seconds = default_doc_seconds() if doc_seconds is _DEFAULT else doc_seconds
    records: list[ArticleRecord] = []
    errors: list[ErrorEntry] = []
    get_engine(settings)  # loaded outside any document's budget
    for item in items:
        if isinstance(item, ErrorEntry):
            errors.append(item)
            continue
        errors.extend(item.warnings)
        try:
            with budget.deadline(seconds):  # type: ignore[arg-type]
                found = process_document(item, settings)
            records.extend(found)
        except budget.OverBudget as exc:
            errors.append(ErrorEntry(
                uri=item.uri, code=E.TOO_SLOW.value,
                message=f"[{E.TOO_SLOW.value}] {item.uri}: {E.TOO_SLOW.describe()}: {exc} on "
                        f"{len(item.text):,} characters; no records from this document (raise it with "
                        f"--doc-seconds or [run] doc_seconds)",
            ))
        except Exception as exc:  # noqa: BLE001 - reported as an error entry, never swallowed
            last = traceback.extract_tb(exc.__traceback__)[-1]
            errors.append(ErrorEntry(
                uri=item.uri, code=E.INTERNAL.value,
                message=f"[{E.INTERNAL.value}] {item.uri}: {E.INTERNAL.describe()}: {type(exc).__name__}: {exc} "
                        f"(at {Path(last.filename).name}:{last.lineno})",
            ))
    return records, errors


def run_batch(batch: Batch, settings: Settings, out_dir: Path, *,
              doc_seconds: float | None | object = _DEFAULT) -> BatchResult:
    """Process one batch into its atomic output files, unless a previous run already did.

    ``doc_seconds``: the per-document budget (left out: :func:`default_doc_seconds`); not part of the
    batch key, so raising it does not redo finished batches."""
    docs = len(batch.documents)
    if batch_done(out_dir, batch.key):
        records_path, _ = batch_files(out_dir, batch.key)
        return BatchResult(batch.key, docs, 0, 0, skipped=True, counts=dict(count_extractions(read_records(records_path))))
    get_engine(settings)
    records, errors = extract_documents(batch.items, settings, doc_seconds=doc_seconds)
    write_batch(out_dir, batch.key, records, errors)
    return BatchResult(batch.key, docs, len(records), len(errors), skipped=False,
                       counts=dict(count_extractions(records)))


def iter_batches(inputs: Sequence[str | Path], settings: Settings, gazetteer_version: str,
                 max_chars: int = DEFAULT_BATCH_CHARS, *, globs: Sequence[str] = FOLDER_GLOBS,
                 exclude: Sequence[str | Path] = ()) -> Iterator[Batch]:
    return plan_batches(iter_documents(inputs, globs=globs, exclude=exclude), settings, gazetteer_version,
                        max_chars=max_chars)


def batch_sizes(inputs: Sequence[str | Path], max_chars: int = DEFAULT_BATCH_CHARS, *,
                globs: Sequence[str] = FOLDER_GLOBS, exclude: Sequence[str | Path] = ()) -> list[tuple[int, int]]:
    """(documents, characters) of each batch the run will make, for progress and task names.

    A second read of the inputs, without extraction: decoding costs ~1% of extracting.
    """
    sizes = []
    for batch in plan_batches(iter_documents(inputs, globs=globs, exclude=exclude), Settings(), "", max_chars=max_chars):
        docs = batch.documents
        sizes.append((len(docs), sum(len(d.text) for d in docs)))
    return sizes
