"""Records into a relational database (SQLite by default, PostgreSQL or any SQLAlchemy URL).

The data team joins on ids, so every table's key is the stable id the record already carries and
loading the same records twice changes nothing: articles are upserted by id and an article's
children are deleted and re-inserted in the same transaction (one per batch of articles), so a
re-run never duplicates rows and a failed batch leaves the previous load intact.

Column names are those of the JSON records (``start``/``end`` included: quote ``"end"`` in SQL);
list-valued fields are stored as JSON text. ``docs/exports.md`` documents every column.

Loads keep good records: text columns are TEXT (the contract bounds no string's length: a repaired
file's encoding note, a JSONL date, a user's id); characters PostgreSQL refuses (NUL, lone
surrogates) are replaced by U+FFFD one for one on every database, so offsets still hold, with a
warning entry naming the record; and a batch that fails is retried record by record, each in a
savepoint, so a record that still cannot load becomes one error entry and the rest of its batch loads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from zhnews.pipeline.errors import E
from zhnews.pipeline.records import ArticleRecord, ErrorEntry

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
    return sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def _signing_fk() -> sa.Column[Any]:
    return sa.Column("signing_id", sa.Text, sa.ForeignKey("signings.id", ondelete="CASCADE"),
                     primary_key=True)


articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("schema_version", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("subtitle", sa.Text),
    sa.Column("date", sa.Text, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source_uri", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.Text, nullable=False, index=True),
    sa.Column("source_encoding", sa.Text, nullable=False),
    sa.Column("source_start", sa.Integer, nullable=False),
    sa.Column("source_end", sa.Integer, nullable=False),
    sa.Column("byline_outlet", sa.Text),
    sa.Column("byline_reporters", sa.Text, nullable=False),
    sa.Column("byline_interns", sa.Text, nullable=False),
    sa.Column("byline_photographers", sa.Text, nullable=False),
    sa.Column("byline_correspondents", sa.Text, nullable=False),
    sa.Column("marks", sa.Text, nullable=False),
    sa.Column("pipeline_version", sa.Text, nullable=False),
    sa.Column("gazetteer_version", sa.Text, nullable=False),
    sa.Column("segmenter", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("entity_id", sa.Text, nullable=False, index=True),
    sa.Column("label", sa.Text, nullable=False, index=True),
    sa.Column("titles", sa.Text, nullable=False),
    sa.Column("kb_id", sa.Text, index=True),
    sa.Column("canonical", sa.Text),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
)

quantities = sa.Table(
    "quantities", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("kind", sa.Text, nullable=False, index=True),
    sa.Column("value", sa.Double),
    sa.Column("low", sa.Double),
    sa.Column("high", sa.Double),
    sa.Column("approx", sa.Text),
    sa.Column("unit", sa.Text, index=True),
    sa.Column("subject", sa.Text),
    sa.Column("subject_start", sa.Integer),
    sa.Column("subject_end", sa.Integer),
    sa.Column("low_inclusive", sa.Boolean),
    sa.Column("high_inclusive", sa.Boolean),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
)

dates = sa.Table(
    "dates", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    _article_fk(),
    *_span_columns(),
    sa.Column("value", sa.Text, nullable=False, index=True),
    sa.Column("end_value", sa.Text),
    sa.Column("relative", sa.Boolean, nullable=False),
    sa.Column("resolved", sa.Text),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
)

signings = sa.Table(
    "signings", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    _article_fk(),
    sa.Column("parties_a", sa.Text, nullable=False),  # JSON list of party texts: a convenience copy
    sa.Column("parties_b", sa.Text, nullable=False),  # of signing_parties for one-table readers
    sa.Column("count", sa.Integer),
    sa.Column("object", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("amount", sa.Double),
    sa.Column("amount_unit", sa.Text),
    sa.Column("family", sa.Text, index=True),
    sa.Column("also_reported_in", sa.Text, nullable=False),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
)

signing_parties = sa.Table(
    "signing_parties", metadata,
    _signing_fk(),
    sa.Column("side", sa.String(1), primary_key=True),  # 'a' or 'b'
    sa.Column("position", sa.Integer, primary_key=True),
    _article_fk(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("entity_id", sa.Text, index=True),
    sa.Column("kb_id", sa.Text, index=True),
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
    sa.Column("entity_id", sa.Text),
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
    sa.Column("key", sa.Text, primary_key=True),
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
    """Create missing tables; upgrade a layout-1 database in place (additive only); refuse any other layout."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        found = conn.execute(sa.select(meta.c.value).where(meta.c.key == "layout_version")).scalar_one_or_none()
        if found is None:
            conn.execute(meta.insert().values(key="layout_version", value=LAYOUT_VERSION))
        elif found == "1":
            migrate_layout_1(conn)
        elif found != LAYOUT_VERSION:
            raise RuntimeError(
                f"database {engine.url.render_as_string(hide_password=True)} has zhnews layout {found}, "
                f"this version writes layout {LAYOUT_VERSION}: load into a new database"
            )
        widen_text_columns(conn)


def widen_text_columns(conn: Connection) -> list[str]:
    """VARCHAR(n) columns of an earlier load (layout 1, or layout 2 before its text columns became TEXT) made
    TEXT: in PostgreSQL a metadata-only change, no table rewrite. SQLite does not enforce lengths."""
    if conn.dialect.name != "postgresql":
        return []
    present = sa.inspect(conn)
    prep = conn.dialect.identifier_preparer
    widened: list[str] = []
    for table in DATA_TABLES:
        found = {c["name"]: c["type"] for c in present.get_columns(table.name)}
        for column in table.columns:
            old = found.get(column.name)
            if isinstance(column.type, sa.Text) and isinstance(old, sa.String) and not isinstance(old, sa.Text):
                conn.execute(sa.text(f"ALTER TABLE {prep.format_table(table)} ALTER COLUMN "
                                     f"{prep.format_column(column)} TYPE TEXT"))
                widened.append(f"{table.name}.{column.name}")
    return widened


def _added_column_sql(conn: Connection, table: sa.Table, column: sa.Column[Any]) -> str:
    """ALTER TABLE ... ADD COLUMN for a column layout 2 added: nullable, or a boolean defaulting to false."""
    kind = column.type.compile(dialect=conn.dialect)
    prep = conn.dialect.identifier_preparer
    sql = f"ALTER TABLE {prep.format_table(table)} ADD COLUMN {prep.format_column(column)} {kind}"
    if column.nullable:
        return sql
    if isinstance(column.type, sa.Boolean) and not column.primary_key:
        return sql + " NOT NULL DEFAULT " + ("0" if conn.dialect.name == "sqlite" else "false")
    raise RuntimeError(f"cannot upgrade table {table.name}: layout 2 needs column {column.name}, which cannot be "
                       f"added to existing rows; load into a new database")


def migrate_layout_1(conn: Connection) -> list[str]:
    """Layout 1 (pipeline 0.2) to 2, in the caller's transaction: the tables layout 2 added were just created;
    the columns it added (quantities' subject span and bound flags, the signing's family and amount, the
    parties' links and flags) are added, nullable or false. Nothing is dropped or rewritten, and old rows keep
    their values; records loaded again fill the new columns. Returns the columns added."""
    present = sa.inspect(conn)
    added: list[str] = []
    for table in DATA_TABLES:
        have = {c["name"] for c in present.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have:
                conn.execute(sa.text(_added_column_sql(conn, table, column)))
                added.append(f"{table.name}.{column.name}")
    conn.execute(meta.update().where(meta.c.key == "layout_version").values(value=LAYOUT_VERSION))
    return added


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


# What PostgreSQL cannot store in a text column (NUL) or encode as UTF-8 (lone surrogates).
_REFUSED = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable_rows(record: ArticleRecord) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """``record_rows`` with refused characters replaced one for one (offsets hold); how many were replaced."""
    rows = record_rows(record)
    replaced = 0
    for table_rows in rows.values():
        for row in table_rows:
            for key, value in row.items():
                if isinstance(value, str) and _REFUSED.search(value):
                    row[key], n = _REFUSED.subn(REPLACEMENT, value)
                    replaced += n
    return rows, replaced


def _problem(record: ArticleRecord, code: E, message: str, severity: str) -> ErrorEntry:
    return ErrorEntry(uri=record.source.uri, code=code.value, message=f"[{code.value}] article {record.id}: {message}",
                      severity=severity)


def _load_batch(conn: Connection, batch: list[ArticleRecord], counts: dict[str, int],
                report: Callable[[ErrorEntry], None] | None = None) -> None:
    merged: dict[str, list[dict[str, Any]]] = {t.name: [] for t in DATA_TABLES}
    for record in batch:
        rows, replaced = storable_rows(record)
        if replaced and report is not None:
            report(_problem(record, E.DB_CHARS, f"{replaced} characters a database cannot store (NUL, lone "
                                                f"surrogates) loaded as U+FFFD", "warning"))
        for name, table_rows in rows.items():
            merged[name].extend(table_rows)
    ids = [row["id"] for row in merged["articles"]]  # as stored
    for table in reversed(CHILD_TABLES):
        conn.execute(table.delete().where(table.c.article_id.in_(ids)))
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


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


def _load_one_by_one(engine: Engine, batch: list[ArticleRecord], counts: dict[str, int],
                     report: Callable[[ErrorEntry], None]) -> list[ArticleRecord]:
    """A batch that failed, again record by record, each in a savepoint: returns the records loaded."""
    loaded: list[ArticleRecord] = []
    with engine.begin() as conn:
        for record in batch:
            mine = {t.name: 0 for t in DATA_TABLES}
            try:
                with conn.begin_nested():
                    _load_batch(conn, [record], mine)
            except (sa.exc.DBAPIError, sa.exc.StatementError, ValueError, UnicodeError) as exc:
                report(_problem(record, E.NOT_LOADED, f"not loaded into the database: {_first_line(exc)}", "error"))
                continue
            for name, n in mine.items():
                counts[name] += n
            loaded.append(record)
    return loaded


def load_records(records: Iterable[ArticleRecord], url: str = sqlite_url(), *, batch_size: int = 200,
                 prune: bool = False, problems: list[ErrorEntry] | None = None) -> dict[str, int]:
    """Upsert records; returns the rows written per table by this call (not the table totals).

    With ``prune``, articles previously loaded from the same source files but absent from this load
    are deleted afterwards (reported as ``pruned_articles``): use it when re-loading whole runs, so an
    article whose id changed (new splitter, corrected text) does not linger beside its new version.
    A record the database refuses becomes an error entry (appended to ``problems``, counted as
    ``failed_articles``) and the rest of its batch is loaded; characters replaced on the way are a
    warning entry each.
    """
    found: list[ErrorEntry] = [] if problems is None else problems
    engine = make_engine(url)
    try:
        ensure_schema(engine)
        counts = {t.name: 0 for t in DATA_TABLES}
        failed = 0
        loaded: dict[str, set[str]] = {}
        for batch in _batches(records, max(1, batch_size)):
            notes: list[ErrorEntry] = []
            mine = {t.name: 0 for t in DATA_TABLES}
            try:
                with engine.begin() as conn:  # one transaction per batch: all of it or none of it
                    _load_batch(conn, batch, mine, notes.append)
                done = batch
            except (sa.exc.DBAPIError, sa.exc.StatementError, ValueError, UnicodeError):
                notes, mine = [], {t.name: 0 for t in DATA_TABLES}  # a failure at commit came after the counting
                done = _load_one_by_one(engine, batch, mine, notes.append)
                failed += len(batch) - len(done)
            found.extend(notes)
            for name, n in mine.items():
                counts[name] += n
            for record in batch:  # a record that failed keeps its previous load: prune must not take it either
                loaded.setdefault(record.source.uri, set()).add(record.id)
        if failed:
            counts["failed_articles"] = failed
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
