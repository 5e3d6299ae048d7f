"""Records as flat tables (CSV and Parquet), one per record type, for pandas, R and spreadsheets.

The tables and columns are exactly those of the database loader (``zhnews.pipeline.db``), so an analyst
who learns one knows the other; ``docs/exports.md`` documents them. Every table is written even
when empty, with its header, so downstream scripts never meet a missing file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from zhnews.pipeline.db import DATA_TABLES, record_rows
from zhnews.pipeline.records import ArticleRecord, ErrorEntry

FORMATS = ("csv", "parquet")
# pandas 3's default text dtype; on pandas 2 "str" would turn missing values into the text "None".
STR = "str" if int(pd.__version__.split(".")[0]) >= 3 else "string"
ERROR_COLUMNS: dict[str, str] = {"uri": STR, "code": STR, "message": STR, "line": "Int64", "byte_offset": "Int64"}


def _dtype(column: sa.Column[Any]) -> str:
    """The pandas dtype a column gets on the way out and when read back with ``read_table``."""
    if isinstance(column.type, sa.Boolean):
        return "bool" if not column.nullable else "boolean"
    if isinstance(column.type, sa.Integer):
        return "int64" if not column.nullable else "Int64"
    if isinstance(column.type, (sa.Double, sa.Float)):
        return "float64"
    return STR


TABLE_COLUMNS: dict[str, dict[str, str]] = {
    t.name: {c.name: _dtype(c) for c in t.columns} for t in DATA_TABLES
}
TABLE_COLUMNS["errors"] = ERROR_COLUMNS


# OWASP's CSV injection advice: a cell starting with one of these is a formula in Excel, LibreOffice and
# Google Sheets (=HYPERLINK(...) runs on open), so such CSV text cells get a leading single quote, which
# makes spreadsheets take them as text. A cell already starting with a quote gets one too, so
# ``read_table`` can take exactly one off again. Numbers (-1.5) stay numbers; Parquet keeps raw values.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """The text ``neutralise`` was given."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def _text_columns(columns: dict[str, str]) -> list[str]:
    return [c for c, dtype in columns.items() if dtype == STR]


def csv_safe(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The frame as written to CSV: text columns neutralised, numeric columns untouched."""
    safe = frame.copy()
    for column in _text_columns(columns):
        safe[column] = safe[column].map(neutralise, na_action="ignore").astype(columns[column])
    return safe


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


def _unique(records: Iterable[ArticleRecord]) -> Iterator[ArticleRecord]:
    """Each article once: the same article from two inputs is one row, as in the database."""
    seen: set[str] = set()
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            yield record


def record_frames(records: Iterable[ArticleRecord],
                  errors: Sequence[ErrorEntry] | None = None) -> dict[str, pd.DataFrame]:
    """One DataFrame per table, columns in documented order with documented dtypes."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_COLUMNS}
    for record in _unique(records):
        for name, table_rows in record_rows(record).items():
            rows[name].extend(table_rows)
    rows["errors"] = [e.model_dump() for e in errors or ()]
    return {name: _frame(rows[name], TABLE_COLUMNS[name]) for name in TABLE_COLUMNS}


CHUNK_ROWS = 20_000  # rows per table held before they are written: a CSV chunk, a Parquet row group


class _TableWriter:
    """One table's CSV and Parquet files, written chunk by chunk: memory is one chunk, whatever the run's size."""

    def __init__(self, name: str, out_dir: Path, formats: Sequence[str]) -> None:
        self.columns = TABLE_COLUMNS[name]
        self.rows: list[dict[str, Any]] = []
        self.started = False
        self.paths: list[Path] = []
        self.csv: Any = None
        self.parquet: Any = None
        if "csv" in formats:
            self.paths.append(out_dir / f"{name}.csv")
            # utf-8-sig: Excel shows Chinese correctly only with the BOM; pandas and R skip it.
            self.csv = self.paths[-1].open("w", encoding="utf-8-sig", newline="")
        if "parquet" in formats:
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.paths.append(out_dir / f"{name}.parquet")
            # the schema of the table as a whole (pandas metadata included, so read_parquet gives the dtypes)
            self.schema = pa.Schema.from_pandas(_frame([], self.columns), preserve_index=False)
            self.parquet = pq.ParquetWriter(self.paths[-1], self.schema)

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows or not self.started:  # an empty table still gets its header (and its schema)
            self._write(_frame(self.rows, self.columns))
            self.rows = []
            self.started = True

    def _write(self, frame: pd.DataFrame) -> None:
        if self.csv is not None:
            # every text cell quoted (OWASP's advice too): Python 3.11's csv leaves a \r unquoted with \n line
            # ends, and a reader then splits the row there; numbers stay unquoted numbers
            csv_safe(frame, self.columns).to_csv(self.csv, index=False, header=not self.started, lineterminator="\n",
                                                 quoting=csv.QUOTE_NONNUMERIC)
        if self.parquet is not None:
            import pyarrow as pa

            self.parquet.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False))

    def close(self) -> None:
        try:
            self.flush()
        finally:
            if self.csv is not None:
                self.csv.close()
            if self.parquet is not None:
                self.parquet.close()


def export_records(records: Iterable[ArticleRecord], out_dir: Path, formats: Sequence[str] = FORMATS,
                   errors: Iterable[ErrorEntry] | None = None) -> list[Path]:
    """Write ``<table>.csv`` / ``<table>.parquet`` into out_dir; returns the paths written.

    Streams: records are read once, flattened and written in chunks of CHUNK_ROWS rows per table, so
    memory does not grow with the number of records (only the set of article ids seen, to drop repeats).
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s) {sorted(unknown)}; choose from {list(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    writers: dict[str, _TableWriter] = {}
    try:
        for name in TABLE_COLUMNS:
            writers[name] = _TableWriter(name, out_dir, formats)
        for record in _unique(records):
            for name, table_rows in record_rows(record).items():
                writers[name].add(table_rows)
        writers["errors"].add(e.model_dump() for e in errors or ())
    finally:
        for writer in writers.values():
            writer.close()
    return [path for writer in writers.values() for path in writer.paths]


def read_table(path: Path) -> pd.DataFrame:
    """Read one exported table back with its documented dtypes (CSV alone cannot carry them) and raw text
    (the quote that neutralises formulas in CSV taken off)."""
    path = Path(path)
    columns = TABLE_COLUMNS[path.stem]
    if path.suffix == ".parquet":
        return pd.read_parquet(path).astype(columns)
    frame = pd.read_csv(path, dtype={c: d for c, d in columns.items() if d != "bool"}, keep_default_na=False,
                        na_values={c: [""] for c in columns})
    for column in _text_columns(columns):  # undo the CSV's formula neutralising
        frame[column] = frame[column].map(restore, na_action="ignore")
    return frame.astype(columns)
