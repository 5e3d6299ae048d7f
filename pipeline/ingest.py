"""Bytes to documents: files, directories, JSONL and stdin, one result per document.

Nothing here raises through a batch: every input yields either a ``Document`` or an
``ErrorEntry`` that names the input and the problem, so one bad file never costs the others.
"""

from __future__ import annotations

import codecs
import datetime
import fnmatch
import hashlib
import io
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence

from zhnews.pipeline import charsets
from zhnews.pipeline.charsets import Reading
from zhnews.pipeline.errors import E, ZhnewsError
from zhnews.pipeline.normalise import is_html_document, to_halfwidth
from zhnews.pipeline.records import ErrorEntry

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}  # markup is blanked in these (and in text that is clearly HTML) only
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
    warnings: tuple[ErrorEntry, ...] = ()  # problems that did not stop extraction (repaired bytes, a bad date)
    markup: bool = False  # HTML: tags are blanked before splitting; JSONL text is never HTML


IngestResult = Document | ErrorEntry


def _error(err: ZhnewsError) -> ErrorEntry:
    return ErrorEntry(uri=err.uri, code=err.code.value, message=str(err), line=err.line, byte_offset=err.byte_offset)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return bad / len(sample)


def _repair_utf8(data: bytes) -> Reading | None:
    """Mostly UTF-8 with a few bad bytes (a broken copy, a mixed file): keep it, replacing them.

    Decoding such a file as GB18030 would 'succeed' and turn every character into mojibake.
    """
    text, bad, first = charsets.decode_replacing(data, "utf-8", charsets.max_bad(data))
    if text is None:
        return None
    wide = sum(1 for ch in text[:200000] if ord(ch) > 0x2E80)
    return Reading("utf-8", text, bad, first) if wide >= 5 * bad else None


def decode_bytes(data: bytes, uri: str) -> tuple[str, str]:
    """(text, encoding as recorded in source.encoding); see ``decode_reading``."""
    reading = decode_reading(data, uri)
    return reading.text, reading.label


def decode_reading(data: bytes, uri: str) -> Reading:
    """Decode in a fixed order: BOM, UTF-16/32 without BOM, strict UTF-8, then the legacy encodings.

    Strict decoders come first because GB18030, Big5 and detectors accept almost anything;
    a file they accept only with control characters left over is treated as binary.
    """
    if not data.strip():
        raise ZhnewsError(E.EMPTY, uri, "the file holds no text (0 bytes or whitespace only)")
    reading = _decode_unicode(data, uri) or _decode_legacy(data, uri)
    if _control_ratio(reading.text) > 0.01:
        raise ZhnewsError(E.BINARY, uri, f"decodes as {reading.label} only with many control characters")
    if not reading.text.strip():
        raise ZhnewsError(E.EMPTY, uri, "the file holds only whitespace")
    return reading


def _decode_unicode(data: bytes, uri: str) -> Reading | None:
    """A Unicode encoding (BOM, UTF-16/32 without BOM, UTF-8 strict or repaired), or None to try others."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, encoding, uri)
    wide = _sniff_wide_unicode(data)  # before the NUL check: UTF-16's ASCII characters carry NUL bytes
    if wide is not None:
        return wide
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ZhnewsError(E.BINARY, uri, f"NUL byte at byte offset {nul}", byte_offset=nul)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _repair_utf8(data)
    foreign = charsets.iso2022_language(text)
    if foreign is not None:
        raise _foreign(uri, *foreign)
    return Reading("utf-8", text, 0, None)


def _decode_with_bom(data: bytes, bom: bytes, encoding: str, uri: str) -> Reading:
    """The BOM names the encoding; UTF-8 after one is repaired like UTF-8 without. Offsets count the BOM
    (Python's utf-8-sig reports them from after it)."""
    name = encoding.replace("-sig", "") + " (BOM)"
    try:
        return Reading(name, data.decode(encoding), 0, None)
    except UnicodeDecodeError as exc:
        shift = len(bom) if encoding == "utf-8-sig" else 0
        repaired = _repair_utf8(data[len(bom):]) if encoding == "utf-8-sig" else None
        if repaired is not None:
            return Reading(name, repaired.text, repaired.bad, (repaired.first_bad or 0) + shift)
        offset = exc.start + shift
        raise ZhnewsError(E.UNDECODABLE, uri, f"{encoding} BOM but invalid data at byte offset {offset}: {exc.reason}",
                          byte_offset=offset) from None


def _sniff_wide_unicode(data: bytes) -> Reading | None:
    """UTF-16 or UTF-32 without a BOM, told by where the NUL bytes of its ASCII characters fall.

    A candidate must decode strictly to text without NULs or many control characters, which
    binary data does not.
    """
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    candidates = []
    if len(data) % 4 == 0 and even + odd >= len(sample) // 4:
        candidates += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0 and odd > 2 * even:
        candidates.append("utf-16-le")
    if len(data) % 2 == 0 and even > 2 * odd:
        candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _control_ratio(text) <= 0.01:
            return Reading(encoding, text, 0, None)
    return None


def _decode_legacy(data: bytes, uri: str) -> Reading:
    """Not UTF-8: Chinese in GB18030 (GBK, GB2312) or Big5, whichever reads as common Chinese, with a few
    bad bytes repaired; Japanese and Korean refused by name; anything else to charset detection."""
    foreign = charsets.foreign_language(data)
    if foreign is not None:
        raise _foreign(uri, *foreign)
    readings = charsets.chinese_readings(data)
    best = charsets.best_chinese(readings)
    if best is not None:
        return best
    detected = _detect(data, uri)
    if detected is not None:
        return detected
    strict = [r for r in readings if not r.bad]
    if strict:  # decodes, though not as common Chinese (a list of rare names, say): read it as before
        return strict[0]
    raise _undecodable(data, uri)


def _detect(data: bytes, uri: str) -> Reading | None:
    """charset-normalizer's best guess for a text that is not Chinese; Japanese and Korean are refused."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding.startswith(("utf_", "ascii")):  # the Unicode encodings were tried already
        return None
    if best.encoding in charsets.FOREIGN_DETECTED:
        raise _foreign(uri, best.encoding.replace("_", "-"), charsets.FOREIGN_DETECTED[best.encoding])
    try:
        return Reading(best.encoding, data.decode(best.encoding), 0, None)
    except (UnicodeDecodeError, LookupError):
        return None


def _undecodable(data: bytes, uri: str) -> ZhnewsError:
    """The error names the first invalid byte of each reading tried; its offset is that of the reading
    with the fewest bad bytes (the likeliest encoding), not the first byte UTF-8 rejects."""
    tried = []
    for name, codec in (("UTF-8", "utf-8"), ("GB18030", "gb18030"), ("Big5", "big5hkscs")):
        _text, bad, first = charsets.decode_replacing(data, codec, len(data))
        tried.append((bad, first, name))
    _bad, offset, _name = min(tried, key=lambda t: t[0])
    detail = ", ".join(f"not {name} ({bad} invalid bytes, the first at byte offset {first})" for bad, first, name in tried)
    return ZhnewsError(E.UNDECODABLE, uri, f"{detail}; no other encoding fits", byte_offset=offset)


def _foreign(uri: str, encoding: str, language: str) -> ZhnewsError:
    return ZhnewsError(E.FOREIGN, uri, f"the file is {language} text in {encoding}; zhnews reads Chinese only "
                       f"(Simplified or Traditional: UTF-8, GB18030/GBK, Big5)")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MAX_CHARS = int(os.environ.get("ZHNEWS_MAX_CHARS", 5_000_000))


def max_bytes() -> int:
    """No encoding takes more than 4 bytes a character (plus a BOM): a bigger file is over MAX_CHARS."""
    return 4 * MAX_CHARS + 4


def max_line_bytes() -> int:
    """A JSONL line may escape every character as \\uXXXX (6 bytes), with room for the other fields."""
    return 6 * MAX_CHARS + 65536


def _too_large(uri: str, what: str, *, line: int | None = None) -> ZhnewsError:
    return ZhnewsError(E.TOO_LARGE, uri, f"{what}; the limit is {MAX_CHARS:,} characters "
                       f"(set ZHNEWS_MAX_CHARS, or split the file: one article per JSONL line)", line=line)


def read_bytes_document(data: bytes, uri: str) -> Document:
    """One page from its bytes, marked as HTML (markup to blank) by its extension or its text."""
    reading = decode_reading(data, uri)
    text = reading.text
    if len(text) > MAX_CHARS:
        raise _too_large(uri, f"{len(text):,} characters in one document")
    warnings: tuple[ErrorEntry, ...] = ()
    if reading.bad:
        warnings = (ErrorEntry(uri=uri, code=E.REPAIRED.value, severity="warning", byte_offset=reading.first_bad,
                               message=f"[{E.REPAIRED.value}] {uri}: {E.REPAIRED.describe()}: {reading.label}"),)
    return Document(uri=uri, text=text, sha256=sha256_hex(data), encoding=reading.label, warnings=warnings,
                    markup=is_html_input(uri, text))


def _warning(code: E, uri: str, detail: str, *, line: int | None = None) -> ErrorEntry:
    err = ZhnewsError(code, uri, detail, line=line)
    return ErrorEntry(uri=uri, code=code.value, message=str(err), severity="warning", line=line)


def iter_jsonl(lines: Iterable[bytes], uri: str) -> Iterator[IngestResult]:
    """One article per line; a malformed line is an error for that line only."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield _jsonl_document(raw, uri, number)
        except ZhnewsError as exc:
            yield _error(exc)


def _jsonl_document(raw: bytes, uri: str, number: int) -> Document:
    """One JSONL line to its article; ZhnewsError when the line cannot be one."""
    if len(raw.rstrip(b"\r\n")) > max_line_bytes():
        raise _too_large(uri, f"a line of more than {max_line_bytes():,} bytes", line=number)
    obj = _json_object(raw, uri, number)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "no \"text\" field" if "text" not in obj else "\"text\" is empty or not a string"
        raise ZhnewsError(E.MISSING_FIELD, uri, what, line=number)
    if len(text) > MAX_CHARS:
        raise _too_large(uri, f"\"text\" of {len(text):,} characters", line=number)
    page_layout = obj.get("page_layout")
    if page_layout is not None and not isinstance(page_layout, bool):
        raise ZhnewsError(E.BAD_FIELD, uri, f"\"page_layout\" must be true or false (a JSON boolean), "
                          f"not {_shown(page_layout)}", line=number)
    doc_id = _clean(obj.get("id"))
    line_uri = f"{uri}#{doc_id}" if doc_id not in (None, "") else f"{uri}:{number}"
    date, warnings = _checked_date(obj.get("date"), line_uri, number)
    title = _clean(obj.get("title"))
    return Document(
        uri=line_uri, text=text, sha256=sha256_hex(raw.rstrip(b"\r\n")), encoding="utf-8",
        is_page=bool(page_layout), date=date, title=str(title) if title not in (None, "") else None,
        warnings=warnings,
    )


def _json_object(raw: bytes, uri: str, number: int) -> dict:
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ZhnewsError(E.BAD_JSON, uri, str(exc) or type(exc).__name__, line=number) from None
    if not isinstance(obj, dict):
        raise ZhnewsError(E.BAD_JSON, uri, f"expected a JSON object, got {type(obj).__name__}", line=number)
    return obj


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _checked_date(value: object, uri: str, number: int) -> tuple[str | None, tuple[ErrorEntry, ...]]:
    """A valid YYYY-MM-DD date, or None and a warning: 当天 resolved against 2019-02-30 would be a wrong fact."""
    date = _clean(value)
    if date in (None, ""):
        return None, ()
    if isinstance(value, str) and _DATE.fullmatch(date):
        try:
            datetime.date.fromisoformat(date)
            return date, ()
        except ValueError:
            pass
    return None, (_warning(E.BAD_DATE, uri, f"\"date\" {_shown(value)} is not a YYYY-MM-DD date; "
                                            f"the article is read without one", line=number),)


def _shown(value: object) -> str:
    """A field value for a message: JSON as written, type named, cut to a readable length."""
    text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= 60 else text[:57] + "..."
    kind = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value))
    return f"{text} ({kind})" if kind else text


def _clean(value: object) -> str | None:
    """Metadata as text that can be written back as UTF-8 (JSON may escape lone surrogates)."""
    if value is None:
        return None
    return to_halfwidth(str(value))


def uri_of(path: Path | str) -> str:
    """The path as text that can be written as UTF-8: bytes of a non-UTF-8 file name as \\xNN escapes.

    The OS gives such names to Python as lone surrogates, which no JSON writer accepts.
    """
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8", errors="backslashreplace")
    except UnicodeEncodeError:  # surrogates that did not come from the file system
        return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _not_regular(mode: int) -> str | None:
    """What the file is when it is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _SPECIAL if test(mode)), "not a regular file")


def _open_regular(path: Path, uri: str) -> BinaryIO:
    """Open a regular file only: a FIFO blocks forever, a device such as /dev/zero never ends.

    Checked with stat before opening (opening some devices has effects) and again on the open file
    (the name may have been swapped); O_NONBLOCK so that even then a FIFO cannot block the run.
    """
    what = _not_regular(os.stat(path).st_mode)
    if what:
        raise ZhnewsError(E.NOT_REGULAR, uri, f"{what}; only regular files are read")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    handle = os.fdopen(fd, "rb")
    what = _not_regular(os.fstat(fd).st_mode)
    if what:
        handle.close()
        raise ZhnewsError(E.NOT_REGULAR, uri, f"{what}; only regular files are read")
    return handle


def _read_capped(handle: BinaryIO, uri: str) -> bytes:
    """The whole file, refused before reading when stat says it is too large, and while reading
    when it turns out larger than stat said (/proc files, a file still growing)."""
    limit = max_bytes()
    try:
        size = os.fstat(handle.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        size = 0
    if size > limit:
        raise _too_large(uri, f"{size:,} bytes")
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(uri, f"more than {limit:,} bytes")
    return data


def bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of at most limit bytes: a longer one comes cut to limit + 1 bytes (so the reader sees it is
    too long) and the rest of it is read in chunks and dropped, so memory stays bounded."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            rest = handle.readline(1 << 20)
            while rest and not rest.endswith(b"\n"):
                rest = handle.readline(1 << 20)
        yield line


def is_html_input(uri: str, text: str) -> bool:
    """Markup is blanked only in HTML: by the file's extension, or text that is clearly an HTML document."""
    return Path(uri).suffix.lower() in HTML_SUFFIXES or is_html_document(text)


def _iter_file(path: Path) -> Iterator[IngestResult]:
    uri = uri_of(path)
    if uri != str(path):
        yield _warning(E.BAD_NAME, uri, "the name is shown with its invalid bytes as \\xNN escapes; "
                                        "rename the file to UTF-8 to have its real name in the records")
    try:
        with _open_regular(path, uri) as handle:
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from iter_jsonl(bounded_lines(handle, max_line_bytes()), uri)
                return
            data = _read_capped(handle, uri)
    except ZhnewsError as exc:
        yield _error(exc)
        return
    except OSError as exc:
        yield _error(ZhnewsError(E.UNREADABLE, uri, exc.strerror or str(exc)))
        return
    try:
        yield read_bytes_document(data, uri)
    except ZhnewsError as exc:
        yield _error(exc)


def _iter_stdin(stream: BinaryIO) -> Iterator[IngestResult]:
    """JSONL when most of the first lines are JSON objects, else one page (which may start with "{")."""
    uri = "<stdin>"
    lines = bounded_lines(stream, max_line_bytes())
    head: list[bytes] = []
    size = filled = 0
    for line in lines:  # the head decides; JSONL then streams on, a page is read whole (up to the cap)
        head.append(line)
        size += len(line)
        filled += bool(line.strip())
        if filled >= _SNIFF_LINES or size > max_bytes():
            break
    if _mostly_json_objects(head):
        yield from iter_jsonl(chain(head, lines), uri)
        return
    try:
        if size > max_bytes():
            raise _too_large(uri, f"more than {max_bytes():,} bytes")
        data = b"".join(head) + stream.read(max_bytes() + 1 - size)
        if len(data) > max_bytes():
            raise _too_large(uri, f"more than {max_bytes():,} bytes")
        yield read_bytes_document(data, uri)
    except ZhnewsError as exc:
        yield _error(exc)


_SNIFF_LINES = 100  # stdin: how many non-empty lines decide between JSONL and a page


def _mostly_json_objects(lines: Sequence[bytes]) -> bool:
    """At least half of the non-empty lines parse as JSON objects (a bad line in JSONL is its own error)."""
    filled = [line for line in lines if line.strip()]
    if not filled or not filled[0].lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        return False
    objects = 0
    for line in filled:
        try:
            objects += isinstance(json.loads(line.decode("utf-8-sig")), dict)
        except (UnicodeDecodeError, ValueError, RecursionError):
            pass
    return 2 * objects >= len(filled)
def _skipped(path: Path, globs: Sequence[str]) -> ErrorEntry:
    detail = f"only {', '.join(globs)} files are read from folders (--glob to change)"
    err = ZhnewsError(E.SKIPPED, uri_of(path), detail)
    return ErrorEntry(uri=err.uri, code=err.code.value, message=str(err), severity="warning")


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == f or f in resolved.parents for f in folders)


def expand_inputs(inputs: Iterable[str | Path | bytes], globs: Sequence[str] = FOLDER_GLOBS,
                  exclude: Sequence[str | Path] = ()) -> Iterator[Path | str | ErrorEntry]:
    """Paths in a stable order: folders recursively and sorted, hidden files skipped.

    A file named on the command line is always read; a folder yields only files matching
    ``globs`` (the others become warnings, so nothing is dropped unseen) and never anything
    under ``exclude`` (the run's own output folder: ``zhnews run .`` must not read out/ back).
    """
    excluded = [Path(os.fsdecode(p)).resolve() for p in exclude]
    for item in inputs:
        path = Path(os.fsdecode(item))  # bytes paths too: a name that is not UTF-8 is kept, not refused
        if str(path) == "-":
            yield "-"
            continue
        if path.is_dir():
            # everything but folders: FIFOs and devices are listed and refused one by one, never dropped unseen
            for child in sorted(p for p in path.rglob("*") if not p.is_dir()):
                if any(part.startswith(".") for part in child.relative_to(path).parts) or _inside(child, excluded):
                    continue
                if any(fnmatch.fnmatch(child.name, g) for g in globs):
                    yield child
                else:
                    yield _skipped(child, globs)
        elif path.exists():
            yield path
        else:
            yield _error(ZhnewsError(E.NOT_FOUND, uri_of(path), "check the path"))


def iter_documents(inputs: Iterable[str | Path | bytes], stdin: BinaryIO | None = None, *,
                   globs: Sequence[str] = FOLDER_GLOBS, exclude: Sequence[str | Path] = ()) -> Iterator[IngestResult]:
    """Stream documents and error entries from every input, in a stable order."""
    for item in expand_inputs(inputs, globs, exclude):
        if isinstance(item, ErrorEntry):
            yield item
        elif item == "-":
            yield from _iter_stdin(stdin or sys.stdin.buffer)
        else:
            yield from _iter_file(Path(item))
