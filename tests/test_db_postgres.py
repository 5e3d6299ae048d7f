"""The loader against a real PostgreSQL server: a throwaway one on loopback, or ZHNEWS_TEST_PG_URL.

Skips (with the reason) only where no server can be started and CI is not set; in CI it must run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from zhnews.pipeline import db
from tests.downstream_fixtures import all_records, plain_record, signing_record
from tests.test_db import check_failed_record_costs_only_itself, check_hostile_batch_loads_whole

EXPECTED = {"articles": 4, "entities": 8, "quantities": 4, "dates": 1, "signings": 1,
            "signing_parties": 4, "signing_evidence": 1,
            "signing_signatories": 1}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason} (run scripts/ci_services.sh)")
    pytest.skip(f"no PostgreSQL: {reason}; install it with scripts/ci_services.sh or set ZHNEWS_TEST_PG_URL")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runuser() -> str | None:
    """runuser lives in /usr/sbin, which a minimal PATH (env -i, cron) leaves out."""
    return shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: drop to the postgres user when we are root."""
    if os.geteuid() == 0:
        return [_runuser() or "runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A URL to a maintenance database on which the tests may create and drop databases."""
    env_url = os.environ.get("ZHNEWS_TEST_PG_URL")
    if env_url:
        yield env_url
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        _unavailable("initdb not found under /usr/lib/postgresql/*/bin")
    bindir = Path(found[-1]).parent
    if os.geteuid() == 0 and _runuser() is None:
        _unavailable("running as root and runuser is missing")
    root = Path(tempfile.mkdtemp(prefix="zhnews-pg-"))
    data, sock, log = root / "data", root / "sock", root / "server.log"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    started = False
    try:
        subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                     "--no-sync", "-E", "UTF8", "--locale=C"]),
                       check=True, capture_output=True, timeout=120)
        opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        proc = subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log),
                                            "-w", "-t", "60", "start"]), capture_output=True, timeout=90)
        if proc.returncode != 0:
            tail = log.read_text(errors="replace")[-800:] if log.exists() else proc.stderr.decode(errors="replace")
            _unavailable(f"pg_ctl start failed: {tail}")
        started = True
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    except subprocess.CalledProcessError as exc:
        err = (exc.stderr or b"").decode(errors="replace")[-800:]
        _unavailable(f"initdb failed: {err}")
    except (subprocess.SubprocessError, OSError) as exc:
        _unavailable(f"cannot start a throwaway server: {exc}")
    finally:
        if started:
            subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def url(pg_server: str) -> Iterator[str]:
    """A fresh database per test, dropped afterwards, so a shared server is never polluted."""
    name = f"zhnews_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        _unavailable(f"cannot connect to {pg_server}: {exc}")
    yield sa.engine.make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_postgres_load_twice_same_counts(url: str) -> None:
    assert db.load_records(all_records(), url) == EXPECTED
    assert db.table_counts(url) == EXPECTED
    db.load_records(all_records(), url)
    db.load_records(all_records(), url, batch_size=1)
    assert db.table_counts(url) == EXPECTED


def test_postgres_values_and_replacement(url: str) -> None:
    rec = signing_record()
    db.load_records([rec], url)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT data_type FROM information_schema.columns "
                                    "WHERE table_name='quantities' AND column_name='value'")).scalar_one() \
            == "double precision"
        row = conn.execute(sa.text('SELECT text, "start", "end" FROM quantities WHERE kind = \'money\'')).one()
        assert row == ("约20万元", rec.text.index("约20万元"), rec.text.index("约20万元") + 5)
        assert conn.execute(sa.text("SELECT CAST(parties_b AS jsonb) ->> 1 FROM signings")).scalar_one() \
            == "德国 GFM 教育集团"
    engine.dispose()
    db.load_records([rec.model_copy(update={"signings": [], "entities": rec.entities[:1]})], url)
    counts = db.table_counts(url)
    assert (counts["signings"], counts["signing_parties"], counts["entities"]) == (0, 0, 1)


def test_postgres_failed_record_costs_only_itself(url: str) -> None:
    check_failed_record_costs_only_itself(url)


def test_postgres_loads_the_three_bad_records_and_the_good_ones_around_them(url: str) -> None:
    """Issue 18: a 60-character encoding note, a 40-character date and a NUL each rolled back the batch."""
    check_hostile_batch_loads_whole(url)


def test_postgres_duplicate_article_in_batch(url: str) -> None:
    rec = signing_record()
    db.load_records([rec, plain_record(1), rec], url)
    assert db.table_counts(url)["articles"] == 2


def test_postgres_sample_page_records_load_twice(sample_records: list, url: str) -> None:
    db.load_records(sample_records, url)
    first = db.table_counts(url)
    db.load_records(sample_records, url)
    assert db.table_counts(url) == first and first["articles"] == 3
    assert first["quantities"] == sum(len(r.quantities) for r in sample_records)


def test_postgres_widens_the_varchar_columns_of_an_earlier_load(url: str) -> None:
    """A database made before text columns became TEXT (VARCHAR(32) encoding and date) takes the long values."""
    db.load_records([plain_record(1)], url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE articles ALTER COLUMN source_encoding TYPE VARCHAR(32), "
                             "ALTER COLUMN date TYPE VARCHAR(32)"))
        conn.execute(sa.text("DELETE FROM articles"))
    engine.dispose()
    check_hostile_batch_loads_whole(url)
    engine = sa.create_engine(url)
    types = {c["name"]: c["type"] for c in sa.inspect(engine).get_columns("articles")}
    engine.dispose()
    assert isinstance(types["source_encoding"], sa.Text) and isinstance(types["date"], sa.Text)
