"""Bytes to documents: files, directories, JSONL and stdin, one result per document.

Nothing here raises through a batch: every input yields either a ``Document`` or an
``ErrorEntry`` that names the input and the problem, so one bad file never costs the others.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence

from zhnews.pipeline.errors import E, ZhnewsError
from zhnews.pipeline.normalise import to_halfwidth
from zhnews.pipeline.records import ErrorEntry

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_GLOBS = ("*.txt", "*.jsonl")  # what a folder yields; other files are listed as skipped (E010)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input: a page (a file) or an article (a JSONL line)."""

    uri: str
    text: str
    sha256: str
    encoding: str
    is_page: bool = True  # a page may hold several articles; a JSONL line is one article
    date: str | None = None
    title: str | None = None
    warnings: tuple[ErrorEntry, ...] = ()  # problems that did not stop extraction (repaired bytes)


IngestResult = Document | ErrorEntry


def _error(err: ZhnewsError) -> ErrorEntry:
    return ErrorEntry(uri=err.uri, code=err.code.value, message=str(err), line=err.line, byte_offset=err.byte_offset)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return bad / len(sample)


def _repair_utf8(data: bytes, error: UnicodeDecodeError) -> tuple[str, int] | None:
    """Mostly UTF-8 with a few bad bytes (a broken copy, a mixed file): keep it, replacing them.

    Decoding such a file as GB18030 would 'succeed' and turn every character into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for ch in text[:200000] if ord(ch) > 0x2E80)
    if bad <= max(3, len(data) // 20) and wide >= 5 * bad:
        return text, bad
    return None


def decode_bytes(data: bytes, uri: str) -> tuple[str, str]:
    """Decode in a fixed order: BOM, strict UTF-8, GB18030, then charset detection.

    Strict decoders come first because GB18030 and detectors accept almost anything;
    a file they accept only with control characters left over is treated as binary.
    """
    if not data.strip():
        raise ZhnewsError(E.EMPTY, uri, "the file holds no text (0 bytes or whitespace only)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise ZhnewsError(E.UNDECODABLE, uri, f"{encoding} BOM but invalid data: {exc.reason}",
                                  byte_offset=exc.start) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ZhnewsError(E.BINARY, uri, f"NUL byte at byte offset {nul}", byte_offset=nul)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as utf8_error:
        repaired = _repair_utf8(data, utf8_error)
        if repaired is not None:
            text, bad = repaired
            encoding = f"utf-8 (repaired: {bad} invalid bytes replaced, first at byte {utf8_error.start})"
        else:
            text, encoding = _decode_non_utf8(data, uri, utf8_error)
    if _control_ratio(text) > 0.01:
        raise ZhnewsError(E.BINARY, uri, f"decodes as {encoding} only with many control characters")
    if not text.strip():
        raise ZhnewsError(E.EMPTY, uri, "the file holds only whitespace")
    return text, encoding


def _decode_non_utf8(data: bytes, uri: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in {"utf_8", "ascii"}:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise ZhnewsError(
        E.UNDECODABLE, uri,
        f"not UTF-8 (invalid byte at offset {utf8_error.start}: {utf8_error.reason}), not GB18030, no other encoding fits",
        byte_offset=utf8_error.start,
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MAX_CHARS = int(os.environ.get("ZHNEWS_MAX_CHARS", 5_000_000))


def read_bytes_document(data: bytes, uri: str) -> Document:
    text, encoding = decode_bytes(data, uri)
    if len(text) > MAX_CHARS:
        raise ZhnewsError(E.TOO_LARGE, uri, f"{len(text):,} characters in one document; the limit is {MAX_CHARS:,} "
                          f"(set ZHNEWS_MAX_CHARS, or split the file: one article per JSONL line)")
    warnings: tuple[ErrorEntry, ...] = ()
    if encoding.startswith("utf-8 (repaired"):
        warnings = (ErrorEntry(uri=uri, code=E.REPAIRED.value, severity="warning",
                               message=f"[{E.REPAIRED.value}] {uri}: {E.REPAIRED.describe()}: {encoding}"),)
    return Document(uri=uri, text=text, sha256=sha256_hex(data), encoding=encoding, warnings=warnings)


def iter_jsonl(lines: Iterable[bytes], uri: str) -> Iterator[IngestResult]:
    """One article per line; a malformed line is an error for that line only."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield _error(ZhnewsError(E.BAD_JSON, uri, str(exc), line=number))
            continue
        if not isinstance(obj, dict):
            yield _error(ZhnewsError(E.BAD_JSON, uri, f"expected a JSON object, got {type(obj).__name__}", line=number))
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            what = "no \"text\" field" if "text" not in obj else "\"text\" is empty or not a string"
            yield _error(ZhnewsError(E.MISSING_FIELD, uri, what, line=number))
            continue
        doc_id = _clean(obj.get("id"))
        line_uri = f"{uri}#{doc_id}" if doc_id not in (None, "") else f"{uri}:{number}"
        date = _clean(obj.get("date"))
        title = _clean(obj.get("title"))
        yield Document(
            uri=line_uri, text=text, sha256=sha256_hex(raw.rstrip(b"\r\n")), encoding="utf-8",
            is_page=bool(obj.get("page_layout", False)),
            date=str(date) if date not in (None, "") else None,
            title=str(title) if title not in (None, "") else None,
        )


def _clean(value: object) -> str | None:
    """Metadata as text that can be written back as UTF-8 (JSON may escape lone surrogates)."""
    if value is None:
        return None
    return to_halfwidth(str(value))


def _iter_file(path: Path) -> Iterator[IngestResult]:
    uri = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from iter_jsonl(handle, uri)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _error(ZhnewsError(E.UNREADABLE, uri, exc.strerror or str(exc)))
        return
    try:
        yield read_bytes_document(data, uri)
    except ZhnewsError as exc:
        yield _error(exc)


def _iter_stdin(stream: BinaryIO) -> Iterator[IngestResult]:
    data = stream.read()
    head = data.lstrip()[:1]
    if head == b"{":
        yield from iter_jsonl(data.splitlines(), "<stdin>")
        return
    try:
        yield read_bytes_document(data, "<stdin>")
    except ZhnewsError as exc:
        yield _error(exc)


def _skipped(path: Path, globs: Sequence[str]) -> ErrorEntry:
    detail = f"only {', '.join(globs)} files are read from folders (--glob to change)"
    err = ZhnewsError(E.SKIPPED, str(path), detail)
    return ErrorEntry(uri=err.uri, code=err.code.value, message=str(err), severity="warning")


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == f or f in resolved.parents for f in folders)


def expand_inputs(inputs: Iterable[str | Path], globs: Sequence[str] = FOLDER_GLOBS,
                  exclude: Sequence[str | Path] = ()) -> Iterator[Path | str | ErrorEntry]:
    """Paths in a stable order: folders recursively and sorted, hidden files skipped.

    A file named on the command line is always read; a folder yields only files matching
    ``globs`` (the others become warnings, so nothing is dropped unseen) and never anything
    under ``exclude`` (the run's own output folder: ``zhnews run .`` must not read out/ back).
    """
    excluded = [Path(p).resolve() for p in exclude]
    for item in inputs:
        if str(item) == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts) or _inside(child, excluded):
                    continue
                if any(fnmatch.fnmatch(child.name, g) for g in globs):
                    yield child
                else:
                    yield _skipped(child, globs)
        elif path.exists():
            yield path
        else:
            yield _error(ZhnewsError(E.NOT_FOUND, str(path), "check the path"))


def iter_documents(inputs: Iterable[str | Path], stdin: BinaryIO | None = None, *,
                   globs: Sequence[str] = FOLDER_GLOBS, exclude: Sequence[str | Path] = ()) -> Iterator[IngestResult]:
    """Stream documents and error entries from every input, in a stable order."""
    for item in expand_inputs(inputs, globs, exclude):
        if isinstance(item, ErrorEntry):
            yield item
        elif item == "-":
            yield from _iter_stdin(stdin or sys.stdin.buffer)
        else:
            yield from _iter_file(Path(item))
