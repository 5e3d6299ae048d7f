"""One run per --out (issue 18, finding 6): a lock file naming its holder, refused or waited for,
gone after a run, after Ctrl-C, and stale (taken over) after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_PAGE
from zhnews.pipeline.lock import LOCK_NAME, OutLocked, acquire, hold_out, release
from zhnews.pipeline.outputs import BATCH_DIR, finalize, write_batch

ZHNEWS = str(Path(sys.executable).parent / "zhnews")
HOLDER = """
import os, sys, time
from zhnews.pipeline.lock import hold_out
with hold_out(sys.argv[1]):
    print("held", flush=True)
    deadline = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline and not (len(sys.argv) > 3 and os.path.exists(sys.argv[3])):
        time.sleep(0.05)
"""


def _holder(out: Path, seconds: float, until: Path | None = None) -> subprocess.Popen:
    """Another process holding the lock on ``out`` for ``seconds`` (or until ``until`` exists); returns once
    it holds it."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out), str(seconds), *([str(until)] if until else [])],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT.parent,
                            # SIGINT not ignored even when the suite runs as a background job (see test_flows)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_holder_is_refused_naming_the_first(tmp_path: Path) -> None:
    proc = _holder(tmp_path, 30)
    try:
        holder = json.loads((tmp_path / LOCK_NAME).read_text())
        assert holder["pid"] == proc.pid
        with pytest.raises(OutLocked, match=f"pid {proc.pid} on host "):
            acquire(tmp_path)
    finally:
        proc.kill()
        proc.wait()


def test_wait_takes_the_lock_once_the_holder_finishes(tmp_path: Path) -> None:
    proc = _holder(tmp_path, 1.5)
    said: list[str] = []
    started = time.monotonic()
    held = acquire(tmp_path, wait=True, say=said.append)
    try:
        assert time.monotonic() - started > 0.5
        assert len(said) == 1 and "waiting" in said[0] and str(proc.pid) in said[0]
        assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == os.getpid()
    finally:
        release(held)
    proc.wait()
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_lock_left_by_sigkill_is_stale_and_taken_over_with_a_warning(tmp_path: Path) -> None:
    proc = _holder(tmp_path, 60)
    proc.kill()
    proc.wait()
    assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == proc.pid  # the file stays...
    said: list[str] = []
    held = acquire(tmp_path, say=said.append)  # ...but the kernel dropped the flock with the process
    release(held)
    assert len(said) == 1 and "stale" in said[0] and str(proc.pid) in said[0]
    assert not (tmp_path / LOCK_NAME).exists()


def test_ctrl_c_leaves_no_lock(tmp_path: Path) -> None:
    proc = _holder(tmp_path, 60)
    proc.send_signal(signal.SIGINT)
    proc.wait()
    assert not (tmp_path / LOCK_NAME).exists()
    held = acquire(tmp_path, say=pytest.fail)  # no stale warning either
    release(held)


def test_the_lock_is_reentrant_in_one_process(tmp_path: Path) -> None:
    with hold_out(tmp_path):
        with hold_out(tmp_path):
            pass
        assert (tmp_path / LOCK_NAME).exists()  # the outer holder still holds it
    assert not (tmp_path / LOCK_NAME).exists()


def test_finish_deletes_only_batch_files(tmp_path: Path, sample_records: list) -> None:
    write_batch(tmp_path, "a" * 24, sample_records[:1], [])
    write_batch(tmp_path, "b" * 24, sample_records[1:], [])
    mine = tmp_path / BATCH_DIR / "notes.txt"
    mine.write_text("not a batch file")
    final = finalize(tmp_path, ["b" * 24])
    left = sorted(p.name for p in (tmp_path / BATCH_DIR).iterdir())
    assert left == ["b" * 24 + ".errors.jsonl", "b" * 24 + ".records.jsonl", "notes.txt"]
    assert final.records == len(sample_records) - 1


def _run(inputs: list[Path], out: Path, *extra: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "ZHNEWS_CACHE": os.environ["ZHNEWS_CACHE"]}
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([ZHNEWS, "run", *map(str, inputs), "--out", str(out), "--no-report", *extra],
                            stdout=subprocess.PIPE, text=True, env=env, **kwargs)


def test_cli_refuses_a_busy_out_in_one_line_then_waits_with_wait(tmp_path: Path) -> None:
    """Two runs with different inputs on one --out: the second refuses (exit 1, one line naming the holder)
    or, with --wait, runs after the first; each run's records are its own inputs' records."""
    out = tmp_path / "out"
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(json.dumps({"id": "x1", "text": "重庆大学与江北区人民政府签署3项合作协议。"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    release = tmp_path / "release"
    proc = _holder(out, 300, until=release)
    try:
        started = time.monotonic()
        refused = _run([jsonl], out)
        _, err = refused.communicate(timeout=60)
        assert refused.returncode == 1
        assert err.strip().count("\n") == 0 and f"pid {proc.pid}" in err and "--wait" in err
        assert time.monotonic() - started < 20  # refused before the engine and Prefect start
        log = tmp_path / "wait.log"
        with log.open("w") as handle:
            waiting = _run([jsonl], out, "--wait", stderr=handle)
            deadline = time.monotonic() + 60
            while "waiting" not in log.read_text() and time.monotonic() < deadline and waiting.poll() is None:
                time.sleep(0.1)
            assert "waiting" in log.read_text() and f"pid {proc.pid}" in log.read_text()
            assert not (out / "records.jsonl").exists()  # nothing done while the holder holds the folder
            release.touch()
            waiting.communicate(timeout=300)
        assert waiting.returncode == 0, log.read_text()
    finally:
        proc.kill()
        proc.wait()
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["uri"].split("#")[0] for r in records] == [str(jsonl)]
    second = _run([SAMPLE_PAGE], out)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["source"]["uri"] for r in records} == {str(SAMPLE_PAGE)} and len(records) == 3
    assert not (out / LOCK_NAME).exists()


def test_a_process_that_exits_holding_the_lock_leaves_no_file(tmp_path: Path) -> None:
    """The CLI's path on an error or Ctrl-C (main returns, the process exits): the atexit hook releases."""
    code = "import sys; from zhnews.pipeline.lock import acquire; acquire(sys.argv[1]); sys.exit(3)"
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT.parent).returncode == 3
    assert not (tmp_path / LOCK_NAME).exists()
