"""``zhnews browse``: the loaded SQLite database served by Datasette, ready for an analyst.

Datasette (a well-kept tool analysts already use) does the serving; this module only prepares the file
(loads the run folder when it has records but no database, adds full-text indexes) and hands Datasette
its metadata: table and column descriptions, facets and canned queries, kept as data in
``browse_metadata.yaml`` and ``browse_columns.json`` (the latter generated from ``docs/exports.md``).

Full text: SQLite FTS5 with the ``trigram`` tokenizer. Chinese has no spaces, so a word tokenizer would
index whole clauses as one token; jieba-segmented copies would find only queries that segment the
same way. Trigrams find any substring of 3 or more characters, as written; shorter queries (most
personal names are 2 characters) go through the "Find a name" query or a column filter instead.
The indexes are external-content tables rebuilt when the data changed since the last browse, so
``zhnews load`` stays as fast as it is (no triggers).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from zhnews.pipeline.errors import UsageError, UserError

HERE = Path(__file__).resolve().parent
METADATA = HERE / "browse_metadata.yaml"
COLUMNS = HERE / "browse_columns.json"
DB_NAME = "zhnews.sqlite"
# table -> columns indexed for full-text search (FTS5, trigram)
FTS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "subtitle", "text"),
    "entities": ("text", "canonical"),
}
ARCHIVE_PERSONS = "archive_persons"  # who's who table of the archive views, when a run made it


# ---------------------------------------------------------------- metadata

def columns_from_doc(text: str) -> dict[str, dict[str, str]]:
    """Column meanings per table from docs/exports.md (``### table`` then ``| `col` | dtype | meaning |``; the
    database-only archive tables use ``#### table``, so the exports' own check does not list them)."""
    tables: dict[str, dict[str, str]] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = re.match(r"^####? `?(\w+)`?\s*$", line)
        if heading:
            current = heading.group(1)
            tables[current] = {}
            continue
        if line.startswith("#"):
            current = None
        cell = re.match(r"^\| `(\w+)` \| [^|]* \| (.*) \|\s*$", line)
        if cell and current:
            tables[current][cell.group(1)] = cell.group(2).replace("`", "").strip()
    return tables


def write_columns(doc: Path, out: Path = COLUMNS) -> Path:
    """Regenerate browse_columns.json from the exports doc (``python -m zhnews.pipeline.browse docs/exports.md``)."""
    out.write_text(json.dumps(columns_from_doc(doc.read_text(encoding="utf-8")), ensure_ascii=False, indent=1)
                   + "\n", encoding="utf-8")
    return out


def datasette_metadata(db_name: str = "zhnews", tables: set[str] | None = None) -> dict[str, Any]:
    """Metadata for Datasette: the YAML, column descriptions merged in, keyed by the served database's name."""
    meta = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    columns = json.loads(COLUMNS.read_text(encoding="utf-8"))
    database = meta["databases"].pop("zhnews")
    for table, described in columns.items():
        database["tables"].setdefault(table, {}).setdefault("columns", {}).update(described)
    if tables is not None and ARCHIVE_PERSONS in tables:
        database["queries"]["whos_who_merged"] = {
            "title": "Who's who, merged into persons (archive view)",
            "description": "The archive's persons table: mentions merged by name and compatible titles.",
            "sql": f"select * from {ARCHIVE_PERSONS} limit 1000",
            "hide_sql": True,
        }
    meta["databases"][db_name] = database
    return meta


# ---------------------------------------------------------------- the database

def find_database(target: str | Path, db: str | Path | None = None,
                  say: Callable[[str], None] = lambda _: None) -> Path:
    """The SQLite file to serve: ``--db``, a ``.sqlite`` file given directly, or DIR/zhnews.sqlite, loaded
    from DIR/records.jsonl first when it does not exist yet."""
    path = Path(target)
    if db is not None:
        file = Path(str(db).removeprefix("sqlite:///"))  # a path, or the SQLAlchemy URL `zhnews load --db` took
    elif path.is_file():
        file = path
    elif path.is_dir():
        file = path / DB_NAME
    else:
        raise UsageError(f"{target} is neither a run folder nor a SQLite file")
    records = path / "records.jsonl" if path.is_dir() else None
    if file.is_file() and (records is None or not records.is_file() or _has_articles(file)):
        return file
    if records is not None and records.is_file():  # no database yet, or one holding only review verdicts
        from zhnews.pipeline.db import load_records
        from zhnews.pipeline.outputs import read_records

        say(f"loading {records} into {file} first")
        load_records(read_records(path), f"sqlite:///{file.resolve()}")
        return file
    raise UsageError(f"no database {file} and no records.jsonl in {target} to load it from "
                     f"(run `zhnews run INPUT --out {target}` first)")


def _has_articles(file: Path) -> bool:
    with sqlite3.connect(file) as conn:
        found = conn.execute("select 1 from sqlite_master where type = 'table' and name = 'articles'").fetchone()
        return bool(found and conn.execute("select 1 from articles limit 1").fetchone())


def _fingerprint(conn: sqlite3.Connection, table: str) -> str:
    """Changes whenever rows are added, deleted or re-inserted (loads re-insert an article's children)."""
    count, top, total = conn.execute(f'select count(*), max(rowid), total(rowid) from "{table}"').fetchone()
    return f"{count}:{top}:{total}"


def prepare(file: Path, say: Callable[[str], None] = lambda _: None) -> dict[str, str]:
    """Full-text indexes (trigram FTS5) up to date, and the reviews table there for its canned query.
    Returns table -> what was done ("built", "rebuilt" or "current")."""
    from zhnews.pipeline.review import ensure_table
    from zhnews.pipeline.db import make_engine

    engine = make_engine(f"sqlite:///{file.resolve()}")
    ensure_table(engine)
    engine.dispose()
    done: dict[str, str] = {}
    try:
        conn = sqlite3.connect(file)
    except sqlite3.Error as exc:
        raise UserError(f"cannot open {file}: {exc}") from None
    with conn:
        conn.execute("create table if not exists browse_state (name text primary key, fingerprint text not null)")
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        for table, cols in FTS.items():
            if table not in tables:
                continue
            fts = f"{table}_fts"
            stamp = _fingerprint(conn, table)
            if fts not in tables:
                # content="..." in double quotes: the form Datasette looks for to offer its search box
                conn.execute(f'create virtual table "{fts}" using fts5({", ".join(cols)}, '
                             f'content="{table}", tokenize="trigram")')
                done[table] = "built"
            else:
                found = conn.execute("select fingerprint from browse_state where name = ?", (fts,)).fetchone()
                done[table] = "current" if found and found[0] == stamp else "rebuilt"
            if done[table] != "current":
                say(f"full-text index on {table}: {done[table].replace('built', 'building')} "
                    "(1–2 minutes per 10,000 articles)")
                conn.execute(f"insert into \"{fts}\"(\"{fts}\") values ('rebuild')")
                conn.execute("insert or replace into browse_state values (?, ?)", (fts, stamp))
    conn.close()
    return done


def table_names(file: Path) -> set[str]:
    with sqlite3.connect(file) as conn:
        return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}


# ---------------------------------------------------------------- serving

SETTINGS = {
    "sql_time_limit_ms": 5000,  # canned queries over a 10,000-article archive take more than the default 1 s
    "facet_time_limit_ms": 1000,
    "default_page_size": 50,
    "max_returned_rows": 5000,
}


def make_datasette(file: Path) -> Any:
    from datasette.app import Datasette

    return Datasette([str(file)], metadata=datasette_metadata(file.stem, table_names(file)), settings=SETTINGS)


def serve(target: str | Path, *, db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8001,
          say: Callable[[str], None] = print) -> int:
    """Prepare the database and serve it until interrupted."""
    import asyncio

    import uvicorn

    file = find_database(target, db, say)
    prepare(file, say)
    ds = make_datasette(file)
    asyncio.run(ds.invoke_startup())
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"listening on {host}: anyone who can reach this machine can read the whole database")
    say(f"serving {file} at http://{host}:{port}/{file.stem} (Ctrl-C to stop)")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
    return 0


if __name__ == "__main__":  # regenerate browse_columns.json after docs/exports.md changed
    import sys

    print(write_columns(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "docs" / "exports.md"))
