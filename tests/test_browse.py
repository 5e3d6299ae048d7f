"""`zhnews browse`: a run folder served by Datasette with descriptions, facets, search and canned queries."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
import yaml

from zhnews.pipeline import browse, db
from zhnews.pipeline.outputs import record_line
from tests.conftest import ROOT
from tests.downstream_fixtures import all_records, signing_record


def _run_dir(tmp_path: Path) -> Path:
    out = tmp_path / "run"
    out.mkdir()
    (out / "records.jsonl").write_text("".join(record_line(r) for r in all_records()), encoding="utf-8")
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str, **params: str) -> str:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    """`zhnews browse DIR` on a free port (DIR has records but no database yet), stopped afterwards."""
    out = _run_dir(tmp_path_factory.mktemp("browse"))
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "zhnews", "browse", str(out), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(base, "/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail(f"zhnews browse did not start: {proc.communicate()[0][-2000:]}")
                time.sleep(0.5)
        yield base, out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_facet_through_the_json_api(served) -> None:
    base, out = served
    assert (out / "zhnews.sqlite").is_file()  # loaded from records.jsonl before serving
    data = json.loads(_get(base, "/zhnews/entities.json", _facet="label", _size="0"))
    counts = {r["value"]: r["count"] for r in data["facet_results"]["label"]["results"]}
    assert counts == dict(Counter(e.label for r in all_records() for e in r.entities))
    assert data["filtered_table_rows_count"] == sum(counts.values())


def test_configured_facets_and_descriptions_are_served(served) -> None:
    base, _ = served
    data = json.loads(_get(base, "/zhnews/quantities.json", _size="0"))
    assert {"kind", "unit"} <= set(data["facet_results"])  # facets from the metadata, not asked for
    meta = json.loads(_get(base, "/-/metadata.json"))
    assert meta["databases"]["zhnews"]["tables"]["entities"]["columns"]["label"].startswith("PERSON")


def test_canned_queries_through_the_json_api(served) -> None:
    base, _ = served
    people = json.loads(_get(base, "/zhnews/whos_who.json", _shape="array", name=""))
    expected = Counter(e.text for r in all_records() for e in r.entities if e.label == "PERSON")
    assert {p["name"]: p["mentions"] for p in people} == dict(expected)
    [zhang] = [p for p in people if p["name"] == "张智奎"]
    assert zhang["titles"] == "区长" and zhang["articles"] == 1
    one = json.loads(_get(base, "/zhnews/whos_who.json", _shape="array", name="智奎"))
    assert [p["name"] for p in one] == ["张智奎"]

    pairs = json.loads(_get(base, "/zhnews/signing_pairs.json", _shape="array"))
    record = signing_record()
    [signing] = record.signings
    expected_pairs = {tuple(sorted((a.kb_id or a.text, b.kb_id or b.text)))
                      for a in signing.parties_a for b in signing.parties_b if not (a.generic or b.generic)}
    assert {(p["party_1"], p["party_2"]) for p in pairs} == expected_pairs
    assert all(p["signings"] == 1 and p["articles"] == record.id for p in pairs)

    largest = json.loads(_get(base, "/zhnews/largest_quantities.json", _shape="array", kind="", unit=""))
    amounts = [q["amount"] for q in largest]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] == 200000.0


def test_full_text_search_finds_chinese(served) -> None:
    base, _ = served
    found = json.loads(_get(base, "/zhnews/articles.json", _search="老挝铁道", _shape="array", _col="title"))
    assert [a["id"] for a in found] == [signing_record().id]
    names = json.loads(_get(base, "/zhnews/entities.json", _search="技术学院", _shape="array"))
    assert names and all("技术学院" in e["text"] for e in names)


def test_pages_load_nothing_from_the_network(served) -> None:
    base, _ = served
    for path in ("/", "/zhnews", "/zhnews/articles", "/zhnews/whos_who", "/zhnews/entities?_facet=label"):
        html = _get(base, path)
        external = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="((?:https?:)?//[^"]*)"', html)
        external = [u for u in external if not u.startswith(base)]  # Datasette links its own JSON by full URL
        assert not external, (path, external)


# ---------------------------------------------------------------- without a server

def test_column_descriptions_follow_the_exports_doc() -> None:
    from_doc = browse.columns_from_doc((ROOT / "docs" / "exports.md").read_text(encoding="utf-8"))
    stored = json.loads(browse.COLUMNS.read_text(encoding="utf-8"))
    assert stored == from_doc, "docs/exports.md changed: run `python -m zhnews.pipeline.browse docs/exports.md`"
    meta = browse.datasette_metadata()["databases"]["zhnews"]["tables"]
    for table in db.DATA_TABLES:
        assert meta[table.name]["description"]
        assert set(meta[table.name]["columns"]) == {c.name for c in table.columns}, table.name


def test_every_canned_query_runs(tmp_path: Path) -> None:
    out = _run_dir(tmp_path)
    file = browse.find_database(out)
    assert browse.prepare(file) == {"articles": "built", "entities": "built"}
    queries = browse.datasette_metadata()["databases"]["zhnews"]["queries"]
    with sqlite3.connect(file) as conn:
        for name, query in queries.items():
            params = {p: "" for p in re.findall(r":(\w+)", query["sql"])}
            conn.execute(query["sql"], params).fetchall()  # an error names the query in the traceback
        found = conn.execute("select rowid from articles_fts where articles_fts match ?", ('"永川"',)).fetchall()
    assert not found  # trigram: two characters are too short for the index (documented; use a filter)


def test_search_index_follows_a_new_load(tmp_path: Path) -> None:
    from tests.downstream_fixtures import plain_record

    out = _run_dir(tmp_path)
    file = browse.find_database(out)
    browse.prepare(file)
    assert browse.prepare(file) == {"articles": "current", "entities": "current"}
    extra = plain_record(7)
    db.load_records([extra], f"sqlite:///{file}")
    assert browse.prepare(file)["articles"] == "rebuilt"
    with sqlite3.connect(file) as conn:
        words = extra.text[:4]
        ids = {r[0] for r in conn.execute(
            "select a.id from articles_fts f join articles a on a.rowid = f.rowid where articles_fts match ?",
            (f'"{words}"',))}
    assert extra.id in ids


def test_archive_persons_gets_its_query() -> None:
    assert "whos_who_merged" not in browse.datasette_metadata("x", {"articles"})["databases"]["x"]["queries"]
    meta = browse.datasette_metadata("x", {"articles", browse.ARCHIVE_PERSONS})
    assert browse.ARCHIVE_PERSONS in meta["databases"]["x"]["queries"]["whos_who_merged"]["sql"]


def test_metadata_file_is_valid_yaml_with_the_facets_asked_for() -> None:
    tables = yaml.safe_load(browse.METADATA.read_text(encoding="utf-8"))["databases"]["zhnews"]["tables"]
    assert "label" in tables["entities"]["facets"]
    assert {"kind", "unit"} <= set(tables["quantities"]["facets"])
    assert {"date", "source_uri"} <= set(tables["articles"]["facets"])


def test_no_database_and_no_records_is_a_usage_error(tmp_path: Path) -> None:
    from zhnews.cli import main

    assert main(["browse", str(tmp_path)]) == 2


def test_a_database_with_only_verdicts_is_loaded_first(tmp_path: Path) -> None:
    from zhnews.pipeline.review import ensure_table

    out = _run_dir(tmp_path)
    ensure_table(db.make_engine(f"sqlite:///{out / 'zhnews.sqlite'}"))  # `zhnews review import` came first
    file = browse.find_database(out)
    with sqlite3.connect(file) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == len(all_records())


def test_reviews_table_is_described_column_by_column() -> None:
    from zhnews.pipeline.review import reviews

    described = browse.datasette_metadata()["databases"]["zhnews"]["tables"]["reviews"]["columns"]
    assert set(described) == {c.name for c in reviews.columns}


def test_archive_tables_are_described_column_by_column() -> None:
    from zhnews.pipeline.archive_db import ARCHIVE_TABLES

    tables = browse.datasette_metadata()["databases"]["zhnews"]["tables"]
    for table in ARCHIVE_TABLES:
        assert tables[table.name]["description"], table.name
        described = tables[table.name]["columns"]
        assert set(described) == {c.name for c in table.columns}, table.name
        assert all(described.values()), table.name
        assert set(tables[table.name].get("facets", ())) <= set(described), table.name
