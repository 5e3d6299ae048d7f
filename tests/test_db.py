"""The SQLite loader: normalised rows, keys enforced, idempotent re-loads, atomic batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from zhnews.pipeline import db
from tests.downstream_fixtures import all_records, plain_record, signing_record

EXPECTED = {"articles": 4, "entities": 8, "quantities": 4, "dates": 1, "signings": 1,
            "signing_parties": 4, "signing_evidence": 1,
            "signing_signatories": 1}


@pytest.fixture()
def url(tmp_path: Path) -> str:
    return db.sqlite_url(tmp_path / "sub" / "zhnews.sqlite")


def test_load_counts_and_reload_is_idempotent(url: str) -> None:
    assert db.table_counts(url) == {name: 0 for name in EXPECTED}
    written = db.load_records(all_records(), url)
    assert written == EXPECTED
    assert db.table_counts(url) == EXPECTED
    db.load_records(all_records(), url)
    db.load_records(all_records(), url, batch_size=1)
    assert db.table_counts(url) == EXPECTED


def test_rows_keep_ids_and_values(url: str) -> None:
    rec = signing_record()
    db.load_records([rec], url)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        art = conn.execute(sa.select(db.articles)).mappings().one()
        assert art["id"] == rec.id and art["text"] == rec.text
        assert json.loads(art["byline_reporters"]) == ["涂燕"]
        q = conn.execute(sa.select(db.quantities).where(db.quantities.c.kind == "money")).mappings().one()
        assert (q["value"], q["approx"], q["unit"], q["text"]) == (200000.0, "约", "元", "约20万元")
        assert rec.text[q["start"]:q["end"]] == q["text"]
        parties = conn.execute(
            sa.select(db.signing_parties.c.side, db.signing_parties.c.text, db.signing_parties.c.entity_id)
            .order_by(db.signing_parties.c.side, db.signing_parties.c.position)
        ).all()
        assert [(s, t) for s, t, _ in parties] == [
            ("a", "重庆水利电力职业技术学院"), ("a", "重庆城市职业学院"),
            ("b", "老挝铁道技术学院"), ("b", "德国 GFM 教育集团"),
        ]
        assert parties[3][2] is None and parties[0][2] == f"{rec.id}:E1"
        # a party links to entity mentions through entity_id
        joined = conn.execute(sa.text(
            "SELECT e.label FROM signing_parties p JOIN entities e ON e.entity_id = p.entity_id "
            "WHERE p.side = 'a' AND p.position = 0")).scalar_one()
        assert joined == "ORG"
    engine.dispose()


def test_changed_article_replaces_its_children(url: str) -> None:
    rec = signing_record()
    db.load_records([rec, plain_record(1)], url)
    fewer = rec.model_copy(update={"entities": rec.entities[:2], "signings": [], "quantities": []})
    fewer.title = "新标题"
    written = db.load_records([fewer], url)
    assert written["articles"] == 1 and written["entities"] == 2
    counts = db.table_counts(url)
    assert counts == {"articles": 2, "entities": 2, "quantities": 0, "dates": 1, "signings": 0,
                      "signing_parties": 0, "signing_evidence": 0, "signing_signatories": 0}
    engine = db.make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(db.articles.c.title).where(db.articles.c.id == rec.id)).scalar_one() == "新标题"
    engine.dispose()


def test_duplicate_article_in_one_batch_is_loaded_once(url: str) -> None:
    rec = signing_record()
    db.load_records([rec, rec, plain_record(1), rec], url)
    assert db.table_counts(url)["articles"] == 2
    assert db.table_counts(url)["entities"] == len(rec.entities)


def check_failed_record_costs_only_itself(url: str) -> None:
    """A record the database refuses is an error entry naming it; the rest of its batch loads and the
    refused record's previous load is intact (its savepoint rolled back)."""
    good = signing_record()
    db.load_records([good], url)
    before = db.table_counts(url)
    # Two mentions with the same id in one record violate the primary key.
    broken = good.model_copy(update={"entities": good.entities + [good.entities[0]]})
    problems: list = []
    written = db.load_records([plain_record(7), broken, plain_record(8)], url, problems=problems)
    assert written["failed_articles"] == 1 and written["articles"] == 2
    assert [(p.severity, p.code, p.uri) for p in problems] == [("error", "E018", good.source.uri)]
    assert good.id in problems[0].message
    assert db.table_counts(url) == {**before, "articles": before["articles"] + 2}


def hostile_records() -> list:
    """Issue 18's three records PostgreSQL refused, between good records: a repaired file's encoding note
    (60+ characters), a JSONL date over 32 characters, a NUL in the text and in the id."""
    goods = [plain_record(n) for n in range(20, 26)]
    note = "gb18030 (repaired: 3 invalid bytes replaced, the first at byte 200)"
    encoding = plain_record(30)
    encoding = encoding.model_copy(update={"source": encoding.source.model_copy(update={"encoding": note})})
    dated = plain_record(31).model_copy(update={"date": "2019-02-03T10:15:00.000000+08:00 (Beijing time)"})
    nul = plain_record(32)
    nul = nul.model_copy(update={"id": nul.id + "\x00x", "text": nul.text.replace("没有", "没\x00"),
                                 "title": "\ud800标题"})
    return [goods[0], goods[1], encoding, goods[2], dated, goods[3], nul, goods[4], goods[5]]


def check_hostile_batch_loads_whole(url: str) -> None:
    records = hostile_records()
    problems: list = []
    written = db.load_records(records, url, problems=problems)
    assert written["articles"] == len(records) and "failed_articles" not in written
    nul = records[6]
    assert [(p.severity, p.code) for p in problems] == [("warning", "E019")]
    assert nul.id.replace("\x00", "") in problems[0].message.replace("\x00", "")
    engine = db.make_engine(url)
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(sa.select(db.articles))}
    engine.dispose()
    assert rows[records[2].id].source_encoding == records[2].source.encoding
    assert rows[records[4].id].date == records[4].date
    stored = rows[nul.id.replace("\x00", "\ufffd")]
    assert stored.text == nul.text.replace("\x00", "\ufffd") and len(stored.text) == len(nul.text)
    assert stored.title == "\ufffd标题"
    again = db.load_records(records, url)  # idempotent, like any load
    assert again["articles"] == len(records) and db.table_counts(url)["articles"] == len(records)


def test_failed_record_costs_only_itself(url: str) -> None:
    check_failed_record_costs_only_itself(url)


def test_hostile_batch_loads_whole(url: str) -> None:
    check_hostile_batch_loads_whole(url)


def _layout_1(url: str) -> None:
    """A database as pipeline 0.2 left it: layout 1, without the columns and the table layout 2 added."""
    added = {"quantities": {"subject_start", "subject_end", "low_inclusive", "high_inclusive"},
             "signings": {"family", "amount"},
             "signing_parties": {"kb_id", "start", "end", "generic", "carried"}}
    old = sa.MetaData()
    for table in db.metadata.sorted_tables:
        if table.name == "signing_signatories":
            continue
        sa.Table(table.name, old, *[c.copy() for c in table.columns if c.name not in added.get(table.name, ())])
    engine = db.make_engine(url)
    old.create_all(engine)
    with engine.begin() as conn:
        conn.execute(db.meta.insert().values(key="layout_version", value="1"))
        conn.execute(db.articles.insert().values(**db.record_rows(plain_record(1))["articles"][0]))
    engine.dispose()


def test_a_layout_1_database_is_upgraded_in_place(url: str) -> None:
    _layout_1(url)
    engine = db.make_engine(url)
    assert "signing_signatories" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    written = db.load_records(all_records(), url)
    assert written == EXPECTED
    assert db.table_counts(url) == EXPECTED  # plain_record(1) was there already: upserted, not doubled
    engine = db.make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(db.meta.c.value)).scalar_one() == db.LAYOUT_VERSION
        parties = conn.execute(sa.select(db.signing_parties.c.generic, db.signing_parties.c.carried)).all()
        assert len(parties) == 4 and all(g is not None and c is not None for g, c in parties)
        assert conn.execute(sa.select(sa.func.count()).select_from(db.signing_signatories)).scalar_one() == 1
    engine.dispose()


def test_foreign_keys_are_enforced_on_sqlite(url: str) -> None:
    db.load_records([plain_record(1)], url)
    engine = db.make_engine(url)
    with pytest.raises(sa.exc.IntegrityError):
        with engine.begin() as conn:
            conn.execute(db.entities.insert().values(
                id="x", article_id="no-such-article", text="永川", start=0, end=2, source_start=0, source_end=2,
                entity_id="x", label="GPE", titles="[]", confidence=1.0, rule="t"))
    engine.dispose()


def test_indexes_exist(url: str) -> None:
    db.load_records([plain_record(1)], url)
    engine = db.make_engine(url)
    insp = sa.inspect(engine)
    indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("entities")}
    assert {("article_id",), ("label",), ("entity_id",), ("kb_id",)} <= indexed
    assert insp.get_pk_constraint("signing_parties")["constrained_columns"] == ["signing_id", "side", "position"]
    engine.dispose()


def test_other_layout_version_is_refused(url: str) -> None:
    db.load_records([plain_record(1)], url)
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(db.meta.update().values(value="0"))
    engine.dispose()
    with pytest.raises(RuntimeError, match="layout 0"):
        db.load_records([plain_record(1)], url)


def test_sample_page_records_load_twice_same_counts(sample_records: list, url: str) -> None:
    """The issue's check on today's real pipeline output (whatever the extractors find)."""
    db.load_records(sample_records, url)
    first = db.table_counts(url)
    db.load_records(sample_records, url)
    assert db.table_counts(url) == first
    assert first["articles"] == len({r.id for r in sample_records}) == 3
    assert first["entities"] == sum(len(r.entities) for r in sample_records)
    assert first["signing_parties"] == sum(len(s.parties_a) + len(s.parties_b)
                                           for r in sample_records for s in r.signings)


def test_prune_removes_articles_a_source_no_longer_has(url: str) -> None:
    rec, other = signing_record(), plain_record(1)
    db.load_records([rec, other], url)
    # the same source re-processed: its article now has another id (say, a better splitter)
    renamed = rec.model_copy(update={"id": "new-id", "entities": [], "signings": [], "quantities": [], "dates": []})
    kept = db.load_records([renamed], url)
    assert "pruned_articles" not in kept and db.table_counts(url)["articles"] == 3
    written = db.load_records([renamed], url, prune=True)
    assert written["pruned_articles"] == 1
    counts = db.table_counts(url)
    assert counts["articles"] == 2 and counts["entities"] == 0 and counts["signing_parties"] == 0
    engine = db.make_engine(url)
    with engine.connect() as conn:
        ids = set(conn.execute(sa.select(db.articles.c.id)).scalars())
    engine.dispose()
    assert ids == {"new-id", other.id}  # a source absent from the load is left alone


def test_cli_load_names_a_refused_record_and_exits_3(tmp_path: Path, capsys) -> None:
    from zhnews import cli
    from zhnews.pipeline.outputs import record_line

    good = signing_record()
    broken = good.model_copy(update={"entities": good.entities + [good.entities[0]]})  # a duplicate key
    records = [plain_record(1), broken, plain_record(2)]
    (tmp_path / "records.jsonl").write_text("".join(record_line(r) for r in records), encoding="utf-8")
    url = db.sqlite_url(tmp_path / "z.sqlite")
    assert cli.main(["load", str(tmp_path), "--db", url]) == 3
    out, err = capsys.readouterr()
    assert json.loads(out)["failed_articles"] == 1 and f"article {good.id}" in err and "E018" in err
    assert db.table_counts(url)["articles"] == 2


def test_run_with_db_lists_a_refused_record_in_errors_jsonl(tmp_path: Path) -> None:
    from zhnews.pipeline.finish import finish_run
    from zhnews.pipeline.outputs import read_errors, write_batch

    good = signing_record()
    broken = good.model_copy(update={"entities": good.entities + [good.entities[0]]})
    write_batch(tmp_path, "c" * 24, [plain_record(1), broken], [])
    url = db.sqlite_url(tmp_path / "z.sqlite")
    summary = finish_run(tmp_path, ["c" * 24], [], db_url=url, report=False)
    assert summary.records == 2 and summary.errors == 1
    [entry] = read_errors(tmp_path)
    assert entry.severity == "error" and good.id in entry.message
    assert db.table_counts(url)["articles"] == 1
