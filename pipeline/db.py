"""Records into a relational database (SQLite by default, PostgreSQL or any SQLAlchemy URL).

The data team joins on ids, so every table's key is the stable id the record already carries and
loading the same records twice changes nothing: articles are upserted by id and an article's
children are deleted and re-inserted in the same transaction (one per batch of articles), so a
re-run never duplicates rows and a failed batch leaves the previous load intact.

Column names are those of the JSON records (``start``/``end`` included: quote ``"end"`` in SQL);
list-valued fields are stored as JSON text. ``docs/exports.md`` documents every column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from zhnews.pipeline.records import ArticleRecord

DEFAULT_DB = Path("out") / "zhnews.sqlite"
LAYOUT_VERSION = "2"  # bump when a table or column changes; an old database then fails loudly

metadata = sa.MetaData()


def _span_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("source_start", sa.Integer, nullable=False),
        sa.Column("source_end", sa.Integer, nullable=False),
    ]


def _article_fk() -> sa.Column[Any]:
    return sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def _signing_fk() -> sa.Column[Any]:
    return sa.Column("signing_id", sa.String(128), sa.ForeignKey("signings.id", ondelete="CASCADE"),
                     primary_key=True)


articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("schema_version", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("subtitle", sa.Text),
    sa.Column("date", sa.String(32), index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source_uri", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False, index=True),
    sa.Column("source_encoding", sa.String(32), nullable=False),
    sa.Column("source_start", sa.Integer, nullable=False),
    sa.Column("source_end", sa.Integer, nullable=False),
    sa.Column("byline_outlet", sa.Text),
    sa.Column("byline_reporters", sa.Text, nullable=False),
    sa.Column("byline_interns", sa.Text, nullable=False),
    sa.Column("byline_photographers", sa.Text, nullable=False),
    sa.Column("byline_correspondents", sa.Text, nullable=False),
    sa.Column("marks", sa.Text, nullable=False),
    sa.Column("pipeline_version", sa.String(32), nullable=False),
    sa.Column("gazetteer_version", sa.String(64), nullable=False),
    sa.Column("segmenter", sa.String(32), nullable=False),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("entity_id", sa.String(128), nullable=False, index=True),
    sa.Column("label", sa.String(16), nullable=False, index=True),
    sa.Column("titles", sa.Text, nullable=False),
    sa.Column("kb_id", sa.String(64), index=True),
    sa.Column("canonical", sa.Text),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.String(128), nullable=False),
)

quantities = sa.Table(
    "quantities", metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("kind", sa.String(16), nullable=False, index=True),
    sa.Column("value", sa.Double),
    sa.Column("low", sa.Double),
    sa.Column("high", sa.Double),
    sa.Column("approx", sa.String(16)),
    sa.Column("unit", sa.String(32), index=True),
    sa.Column("subject", sa.Text),
    sa.Column("subject_start", sa.Integer),
    sa.Column("subject_end", sa.Integer),
    sa.Column("low_inclusive", sa.Boolean),
    sa.Column("high_inclusive", sa.Boolean),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.String(128), nullable=False),
)

dates = sa.Table(
    "dates", metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("value", sa.String(64), nullable=False, index=True),
    sa.Column("end_value", sa.String(64)),
    sa.Column("relative", sa.Boolean, nullable=False),
    sa.Column("resolved", sa.String(64)),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.String(128), nullable=False),
)

signings = sa.Table(
    "signings", metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    _article_fk(),
    sa.Column("parties_a", sa.Text, nullable=False),  # JSON list of party texts: a convenience copy
    sa.Column("parties_b", sa.Text, nullable=False),  # of signing_parties for one-table readers
    sa.Column("count", sa.Integer),
    sa.Column("object", sa.Text),
    sa.Column("date", sa.String(64)),
    sa.Column("place", sa.Text),
    sa.Column("amount", sa.Double),
    sa.Column("amount_unit", sa.String(32)),
    sa.Column("family", sa.String(32), index=True),
    sa.Column("also_reported_in", sa.Text, nullable=False),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.String(128), nullable=False),
)

signing_parties = sa.Table(
    "signing_parties", metadata,
    _signing_fk(),
    sa.Column("side", sa.String(1), primary_key=True),  # 'a' or 'b'
    sa.Column("position", sa.Integer, primary_key=True),
    _article_fk(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("entity_id", sa.String(128), index=True),
    sa.Column("kb_id", sa.String(64), index=True),
    sa.Column("start", sa.Integer),  # where the party is written (null when not in the text)
    sa.Column("end", sa.Integer),
    sa.Column("generic", sa.Boolean, nullable=False),
    sa.Column("carried", sa.Boolean, nullable=False),
    sa.CheckConstraint("side IN ('a', 'b')", name="ck_signing_parties_side"),
)

signing_signatories = sa.Table(
    "signing_signatories", metadata,
    _signing_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("entity_id", sa.String(128)),
    sa.Column("titles", sa.Text, nullable=False),
    sa.Column("represents", sa.Text),
)

signing_evidence = sa.Table(
    "signing_evidence", metadata,
    _signing_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    _article_fk(),
    *_span_columns(),
)

meta = sa.Table(
    "zhnews_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Parents before children: inserts go in this order, deletes in reverse.
DATA_TABLES: tuple[sa.Table, ...] = (
    articles, entities, quantities, dates, signings, signing_parties, signing_evidence, signing_signatories,
)
CHILD_TABLES: tuple[sa.Table, ...] = DATA_TABLES[1:]


def _json(values: Iterable[Any]) -> str:
    items = list(values)
    return json.dumps(items, ensure_ascii=False) if items else "[]"  # most lists are empty: skip the encoder


def _span_row(span: Any) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end,
            "source_start": span.source_start, "source_end": span.source_end}


def record_rows(record: ArticleRecord) -> dict[str, list[dict[str, Any]]]:
    """One record as rows per table; the single flattening shared by the loader and the exports."""
    rid = record.id
    src, by = record.source, record.byline
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in DATA_TABLES}
    rows["articles"].append({
        "id": rid, "schema_version": record.schema_version, "title": record.title,
        "subtitle": record.subtitle, "date": record.date, "text": record.text,
        "source_uri": src.uri, "source_sha256": src.sha256, "source_encoding": src.encoding,
        "source_start": src.start, "source_end": src.end,
        "byline_outlet": by.outlet, "byline_reporters": _json(by.reporters), "byline_interns": _json(by.interns),
        "byline_photographers": _json(by.photographers), "byline_correspondents": _json(by.correspondents),
        "marks": json.dumps([m.model_dump() for m in record.marks], ensure_ascii=False),
        "pipeline_version": record.pipeline_version, "gazetteer_version": record.gazetteer_version,
        "segmenter": record.segmenter,
    })
    for e in record.entities:
        rows["entities"].append({
            "id": e.id, "article_id": rid, **_span_row(e), "entity_id": e.entity_id, "label": e.label,
            "titles": _json(e.titles), "kb_id": e.kb_id, "canonical": e.canonical,
            "confidence": e.confidence, "rule": e.rule,
        })
    for q in record.quantities:
        rows["quantities"].append({
            "id": q.id, "article_id": rid, **_span_row(q), "kind": q.kind, "value": q.value, "low": q.low,
            "high": q.high, "approx": q.approx, "unit": q.unit, "subject": q.subject,
            "subject_start": q.subject_span.start if q.subject_span else None,
            "subject_end": q.subject_span.end if q.subject_span else None,
            "low_inclusive": q.low_inclusive, "high_inclusive": q.high_inclusive,
            "confidence": q.confidence, "rule": q.rule,
        })
    for d in record.dates:
        rows["dates"].append({
            "id": d.id, "article_id": rid, **_span_row(d), "value": d.value, "end_value": d.end_value,
            "relative": d.relative, "resolved": d.resolved, "confidence": d.confidence, "rule": d.rule,
        })
    for s in record.signings:
        rows["signings"].append({
            "id": s.id, "article_id": rid, "parties_a": _json(p.text for p in s.parties_a),
            "parties_b": _json(p.text for p in s.parties_b), "count": s.count, "object": s.object,
            "date": s.date, "place": s.place, "amount": s.amount, "amount_unit": s.amount_unit,
            "family": s.family, "also_reported_in": _json(s.also_reported_in),
            "confidence": s.confidence, "rule": s.rule,
        })
        for side, parties in (("a", s.parties_a), ("b", s.parties_b)):
            for i, p in enumerate(parties):
                rows["signing_parties"].append({
                    "signing_id": s.id, "side": side, "position": i, "article_id": rid,
                    "text": p.text, "entity_id": p.entity_id, "kb_id": p.kb_id,
                    "start": p.mention.start if p.mention else None, "end": p.mention.end if p.mention else None,
                    "generic": p.generic, "carried": p.carried,
                })
        for i, person in enumerate(s.signatories):
            rows["signing_signatories"].append({
                "signing_id": s.id, "position": i, "article_id": rid, **_span_row(person.name),
                "entity_id": person.entity_id, "titles": _json(person.titles), "represents": person.represents,
            })
        for i, ev in enumerate(s.evidence):
            rows["signing_evidence"].append({"signing_id": s.id, "position": i, "article_id": rid, **_span_row(ev)})
    return rows


def sqlite_url(path: Path | str = DEFAULT_DB) -> str:
    return f"sqlite:///{Path(path)}"


def _sqlite_foreign_keys(dbapi_conn: Any, _record: Any) -> None:
    """SQLite ignores foreign keys unless asked on every connection."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine with SQLite's file folder created and its foreign keys enforced."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def ensure_schema(engine: Engine) -> None:
    """Create missing tables; refuse a database laid out by another version rather than corrupt it."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        found = conn.execute(sa.select(meta.c.value).where(meta.c.key == "layout_version")).scalar_one_or_none()
        if found is None:
            conn.execute(meta.insert().values(key="layout_version", value=LAYOUT_VERSION))
        elif found != LAYOUT_VERSION:
            raise RuntimeError(
                f"database {engine.url.render_as_string(hide_password=True)} has zhnews layout {found}, "
                f"this version writes layout {LAYOUT_VERSION}: load into a new database"
            )


def _upsert_articles(conn: Connection, rows: list[dict[str, Any]]) -> None:
    name = conn.dialect.name
    if name in ("sqlite", "postgresql"):
        from sqlalchemy.dialects import postgresql, sqlite

        stmt = (sqlite.insert if name == "sqlite" else postgresql.insert)(articles)
        stmt = stmt.on_conflict_do_update(
            index_elements=[articles.c.id],
            set_={c.name: stmt.excluded[c.name] for c in articles.columns if c.name != "id"},
        )
        conn.execute(stmt, rows)
        return
    # Any other database: update the rows that exist, insert the rest, still inside the caller's transaction.
    ids = [r["id"] for r in rows]
    existing = set(conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(ids))).scalars())
    updates = [{**r, "_id": r["id"]} for r in rows if r["id"] in existing]
    if updates:
        conn.execute(articles.update().where(articles.c.id == sa.bindparam("_id")), updates)
    inserts = [r for r in rows if r["id"] not in existing]
    if inserts:
        conn.execute(articles.insert(), inserts)


def _load_batch(conn: Connection, batch: list[ArticleRecord], counts: dict[str, int]) -> None:
    ids = [r.id for r in batch]
    for table in reversed(CHILD_TABLES):
        conn.execute(table.delete().where(table.c.article_id.in_(ids)))
    merged: dict[str, list[dict[str, Any]]] = {t.name: [] for t in DATA_TABLES}
    for record in batch:
        for name, rows in record_rows(record).items():
            merged[name].extend(rows)
    _upsert_articles(conn, merged["articles"])
    for table in CHILD_TABLES:
        if merged[table.name]:
            conn.execute(table.insert(), merged[table.name])
    for name, rows in merged.items():
        counts[name] += len(rows)


def _batches(records: Iterable[ArticleRecord], size: int) -> Iterator[list[ArticleRecord]]:
    batch: dict[str, ArticleRecord] = {}
    for record in records:
        batch[record.id] = record  # the same article twice in a batch: the last one wins, as across batches
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


def _delete_articles(conn: Connection, ids: Sequence[str]) -> None:
    """Children first, explicitly: no reliance on ON DELETE CASCADE being honoured by every database."""
    for table in reversed(CHILD_TABLES):
        conn.execute(table.delete().where(table.c.article_id.in_(ids)))
    conn.execute(articles.delete().where(articles.c.id.in_(ids)))


def prune_sources(conn: Connection, loaded: dict[str, set[str]]) -> int:
    """Delete articles of the loaded sources that this load did not bring (e.g. a page split differently now)."""
    stale: list[str] = []
    for uri, ids in loaded.items():
        found = conn.execute(sa.select(articles.c.id).where(articles.c.source_uri == uri)).scalars()
        stale += [i for i in found if i not in ids]
    for start in range(0, len(stale), 500):
        _delete_articles(conn, stale[start:start + 500])
    return len(stale)


def load_records(records: Iterable[ArticleRecord], url: str = sqlite_url(), *, batch_size: int = 200,
                 prune: bool = False) -> dict[str, int]:
    """Upsert records; returns the rows written per table by this call (not the table totals).

    With ``prune``, articles previously loaded from the same source files but absent from this load
    are deleted afterwards (reported as ``pruned_articles``): use it when re-loading whole runs, so an
    article whose id changed (new splitter, corrected text) does not linger beside its new version.
    """
    engine = make_engine(url)
    try:
        ensure_schema(engine)
        counts = {t.name: 0 for t in DATA_TABLES}
        loaded: dict[str, set[str]] = {}
        for batch in _batches(records, max(1, batch_size)):
            with engine.begin() as conn:  # one transaction per batch: all of it or none of it
                _load_batch(conn, batch, counts)
            for record in batch:
                loaded.setdefault(record.source.uri, set()).add(record.id)
        if prune:
            with engine.begin() as conn:
                counts["pruned_articles"] = prune_sources(conn, loaded)
        return counts
    finally:
        engine.dispose()


def table_counts(url: str = sqlite_url()) -> dict[str, int]:
    """Rows per data table; zero for a table that does not exist yet."""
    engine = make_engine(url)
    try:
        present = set(sa.inspect(engine).get_table_names())
        with engine.connect() as conn:
            def count(t: sa.Table) -> int:
                return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() if t.name in present else 0

            return {t.name: count(t) for t in DATA_TABLES}
    finally:
        engine.dispose()
