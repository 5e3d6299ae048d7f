"""Coded errors, one place (like spacy/errors.py): every message names the input and the problem."""

from __future__ import annotations

from enum import Enum


class E(str, Enum):
    """Error codes users see in errors.jsonl and on stderr."""

    EMPTY = "E001"  # file or field is empty or whitespace only
    BINARY = "E002"  # bytes look like a binary file
    UNDECODABLE = "E003"  # no encoding decodes the bytes
    UNREADABLE = "E004"  # the path cannot be opened or read
    BAD_JSON = "E005"  # a JSONL line is not a JSON object
    MISSING_FIELD = "E006"  # a JSONL object has no usable "text"
    NOT_FOUND = "E007"  # an input path does not exist
    REPAIRED = "E008"  # warning: mostly valid (UTF-8, GB18030, Big5) with a few invalid bytes, replaced by U+FFFD; records still made
    TOO_LARGE = "E009"  # a document longer than the limit (a whole archive glued into one line, say)
    SKIPPED = "E010"  # warning: a file in an input folder that is not news (README.md, table.csv, images)
    DUPLICATE = "E011"  # warning: the same article (same content id) in several inputs; emitted once
    INTERNAL = "E099"  # a bug: extraction failed on this document; the rest of the run goes on
    FOREIGN = "E012"  # the text is Japanese or Korean (Shift-JIS, EUC-JP, EUC-KR, ISO-2022), not Chinese
    NOT_REGULAR = "E013"  # a FIFO, device or socket: only regular files are read (a FIFO blocks, /dev/zero never ends)
    BAD_NAME = "E014"  # warning: a file name that is not valid UTF-8; its uri shows the bad bytes as \xNN
    BAD_DATE = "E015"  # warning: a JSONL "date" that is not a valid YYYY-MM-DD date; not used
    BAD_FIELD = "E016"  # a JSONL field of the wrong type ("page_layout": "false"); the line is not read
    TOO_SLOW = "E017"  # extraction ran over the per-document time budget ([run] doc_seconds); the run goes on
    NOT_LOADED = "E018"  # the database refused one record (its batch's other records are loaded); the rest goes on
    DB_CHARS = "E019"  # warning: characters a database cannot store (NUL, lone surrogates) replaced by U+FFFD on load

    def describe(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    E.EMPTY: "empty input",
    E.BINARY: "binary data, not text",
    E.UNDECODABLE: "cannot decode as UTF-8, UTF-16, GB18030 or Big5",
    E.UNREADABLE: "cannot read",
    E.BAD_JSON: "malformed JSON line",
    E.MISSING_FIELD: "missing field",
    E.NOT_FOUND: "no such file or directory",
    E.REPAIRED: "invalid bytes replaced",
    E.TOO_LARGE: "document too large",
    E.SKIPPED: "skipped, not a news file",
    E.DUPLICATE: "the same article in several inputs",
    E.INTERNAL: "internal error while extracting",
    E.FOREIGN: "not Chinese: a Japanese or Korean encoding",
    E.NOT_REGULAR: "not a regular file",
    E.BAD_NAME: "file name is not valid UTF-8",
    E.BAD_DATE: "invalid date, not used",
    E.BAD_FIELD: "field of the wrong type",
    E.TOO_SLOW: "over the per-document time budget",
}


class ZhnewsError(Exception):
    """Raised by plain functions for one input; the batch turns it into an ErrorEntry."""

    def __init__(self, code: E, uri: str, detail: str, *, line: int | None = None, byte_offset: int | None = None):
        self.code = code
        self.uri = uri
        self.detail = detail
        self.line = line
        self.byte_offset = byte_offset
        where = f"{uri}" + (f":{line}" if line is not None else "")
        super().__init__(f"[{code.value}] {where}: {code.describe()}: {detail}")


# Exit codes scripts can rely on (README "Exit codes"; tests/test_cli_errors.py).
EXIT_OK = 0  # every input gave records
EXIT_FATAL = 1  # the command could not do its job: bad config, unwritable output, a bug
EXIT_USAGE = 2  # the command line is wrong: unknown option, missing input path (argparse's code too)
EXIT_PARTIAL = 3  # the run finished, but some inputs failed: each has an entry in errors.jsonl
EXIT_INTERRUPTED = 130  # Ctrl-C; a re-run resumes from the finished batches


class UserError(Exception):
    """A mistake the user can fix (a path, a config file, a missing model): one line, never a traceback.

    Also the signal for the flow not to retry: the same call cannot succeed a second time.
    """

    exit_code = EXIT_FATAL


class UsageError(UserError):
    exit_code = EXIT_USAGE
