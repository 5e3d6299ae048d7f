"""CSV and Parquet exports load back into pandas with the documented columns and values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from zhnews.pipeline import db
from zhnews.pipeline.export import TABLE_COLUMNS, export_records, read_table
from tests.downstream_fixtures import all_records, sample_errors, signing_record, xss_record

DOC = Path(__file__).resolve().parents[1] / "docs" / "exports.md"


def _documented_columns() -> dict[str, list[str]]:
    """Column names per table as listed in docs/exports.md (`### <table>` then a `| column |` table)."""
    tables: dict[str, list[str]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `?(\w+)`?\s*$", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
            continue
        if line.startswith("#"):  # any other heading ends the table listing
            current = None
        cell = re.match(r"^\| `(\w+)` \|", line)
        if cell and current:
            tables[current].append(cell.group(1))
    return tables


def test_docs_list_exactly_the_exported_columns() -> None:
    assert _documented_columns() == {name: list(cols) for name, cols in TABLE_COLUMNS.items()}


def test_db_and_export_share_columns() -> None:
    for table in db.DATA_TABLES:
        assert list(TABLE_COLUMNS[table.name]) == [c.name for c in table.columns]


def test_csv_and_parquet_round_trip(tmp_path: Path) -> None:
    records = all_records()
    paths = export_records(records + [records[0]], tmp_path, errors=sample_errors())
    assert sorted(p.name for p in paths) == sorted(f"{t}.{f}" for t in TABLE_COLUMNS for f in ("csv", "parquet"))
    for name, columns in TABLE_COLUMNS.items():
        # plain pandas calls, as an analyst would type them, see the documented columns
        csv = pd.read_csv(tmp_path / f"{name}.csv")
        parquet = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert list(csv.columns) == list(columns), name
        assert list(parquet.columns) == list(columns), name
        assert len(csv) == len(parquet)
        typed_csv, typed_parquet = read_table(tmp_path / f"{name}.csv"), read_table(tmp_path / f"{name}.parquet")
        assert {c: str(t) for c, t in typed_csv.dtypes.items()} == {c: str(t) for c, t in typed_parquet.dtypes.items()}
        pd.testing.assert_frame_equal(typed_csv, typed_parquet, check_dtype=True)

    arts = read_table(tmp_path / "articles.parquet")
    assert len(arts) == 4  # the repeated record is one row
    xss = arts.set_index("id").loc[xss_record().id]
    assert xss["text"] == xss_record().text  # markup, quotes, & and commas survive CSV quoting
    q = read_table(tmp_path / "quantities.csv").set_index("text")
    assert q.loc["约20万元", "value"] == 200000.0 and q.loc["约20万元", "approx"] == "约"
    assert pd.isna(q.loc["约20万元", "subject"]) and q.loc["6所", "subject"] == "高校"
    sig = read_table(tmp_path / "signings.csv").iloc[0]
    assert sig["count"] == 9 and json.loads(sig["parties_b"]) == ["老挝铁道技术学院", "德国 GFM 教育集团"]
    errs = read_table(tmp_path / "errors.csv")
    assert list(errs["code"]) == ["E002", "E005"] and errs["line"].iloc[1] == 3 and pd.isna(errs["line"].iloc[0])
    ents = read_table(tmp_path / "entities.parquet")
    rec = signing_record()
    for _, row in ents[ents["article_id"] == rec.id].iterrows():
        assert rec.text[row["start"]:row["end"]] == row["text"]


def test_empty_export_writes_headers(tmp_path: Path) -> None:
    export_records([], tmp_path, formats=("csv",))
    assert not list(tmp_path.glob("*.parquet"))
    frame = pd.read_csv(tmp_path / "signings.csv")
    assert frame.empty and list(frame.columns) == list(TABLE_COLUMNS["signings"])


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        export_records([], tmp_path, formats=("xlsx",))


def test_export_in_chunks_is_the_same_as_in_one(tmp_path: Path, monkeypatch) -> None:
    """Streaming (issue 18): many small chunks and row groups give the same files as one chunk."""
    import pyarrow.parquet as pq

    from zhnews.pipeline import export

    records = all_records()
    export_records(records, tmp_path / "one", errors=sample_errors())
    monkeypatch.setattr(export, "CHUNK_ROWS", 2)
    export_records(iter(records + [records[0]]), tmp_path / "many", errors=iter(sample_errors()))
    for name in TABLE_COLUMNS:
        one, many = tmp_path / "one" / f"{name}.csv", tmp_path / "many" / f"{name}.csv"
        assert many.read_bytes() == one.read_bytes(), name
        pd.testing.assert_frame_equal(read_table(tmp_path / "many" / f"{name}.parquet"),
                                      read_table(tmp_path / "one" / f"{name}.parquet"))
    assert pq.ParquetFile(tmp_path / "one" / "articles.parquet").num_row_groups == 1
    assert pq.ParquetFile(tmp_path / "many" / "articles.parquet").num_row_groups == 2  # 4 articles, 2 a chunk
