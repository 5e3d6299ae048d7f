"""The Prefect flow end to end. The only module that starts prefect_test_harness (once per session)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import INPUTS, SAMPLE_PAGE


@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


def _run(inputs: list[Path], out: Path, **kwargs) -> dict:
    from zhnews.flows import extract_news

    return extract_news(inputs=[str(p) for p in inputs], out_dir=str(out), **kwargs)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sample_page_gives_three_records_and_reruns_identically(harness, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = _run([SAMPLE_PAGE.parent], out)
    assert (summary["records"], summary["errors"]) == (3, 0)
    first = (out / "records.jsonl").read_bytes()
    records = _lines(out / "records.jsonl")
    assert [r["title"] for r in records][1] == "川渝自贸协同开放示范区产业对接会在永召开"
    again = _run([SAMPLE_PAGE.parent], out)
    assert again["batches_reused"] == again["batches"] == 1
    assert (out / "records.jsonl").read_bytes() == first
    fresh = tmp_path / "fresh"
    _run([SAMPLE_PAGE.parent], fresh)
    assert (fresh / "records.jsonl").read_bytes() == first


def test_bad_inputs_become_error_entries_and_the_rest_is_processed(harness, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE_PAGE, folder / "page.txt")
    shutil.copy(INPUTS / "empty.txt", folder / "empty.txt")
    shutil.copy(INPUTS / "binary.bin", folder / "binary.bin")
    out = tmp_path / "out"
    summary = _run([folder], out, batch_chars=1000)
    assert (summary["records"], summary["errors"], summary["warnings"]) == (3, 1, 1)
    errors = {Path(e["uri"]).name: e for e in _lines(out / "errors.jsonl")}
    assert sorted(errors) == ["binary.bin", "empty.txt"]
    assert (errors["empty.txt"]["code"], errors["empty.txt"]["severity"]) == ("E001", "error")
    # a folder yields news files only: the .bin is listed as skipped, not read
    assert (errors["binary.bin"]["code"], errors["binary.bin"]["severity"]) == ("E010", "warning")


def test_gb18030_copy_gives_the_same_ids(harness, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _run([SAMPLE_PAGE], a)
    _run([INPUTS / "page.gb18030.txt"], b)
    ra, rb = _lines(a / "records.jsonl"), _lines(b / "records.jsonl")
    assert [r["id"] for r in ra] == [r["id"] for r in rb]
    assert [r["text"] for r in ra] == [r["text"] for r in rb]
    assert rb[0]["source"]["encoding"] == "gb18030"


def test_cli_exit_status_says_some_inputs_failed(harness, tmp_path: Path) -> None:
    from zhnews.cli import main
    from zhnews.pipeline.errors import EXIT_OK, EXIT_PARTIAL

    assert main(["run", str(SAMPLE_PAGE), "--out", str(tmp_path / "ok"), "--no-report"]) == EXIT_OK
    assert main(["run", str(SAMPLE_PAGE), str(INPUTS / "empty.txt"), "--out", str(tmp_path / "bad"),
                 "--no-report"]) == EXIT_PARTIAL


def _many_articles(path: Path, n: int = 40) -> Path:
    """Distinct real-looking articles (the sample page's paragraphs, numbered) as JSONL."""
    paragraphs = [p for p in SAMPLE_PAGE.read_text(encoding="utf-8").split("\n") if len(p) > 60]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body = "\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(4))
            handle.write(json.dumps({"id": f"a{i:03d}", "text": f"第{i + 1}篇。{body}"}, ensure_ascii=False) + "\n")
    return path


def test_sigkill_mid_run_then_rerun_gives_every_record_exactly_once(harness, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from prefect.settings import PREFECT_API_URL

    corpus = _many_articles(tmp_path / "articles.jsonl")
    clean = tmp_path / "clean"
    _run([corpus], clean, batch_chars=2000, report=False)
    expected = (clean / "records.jsonl").read_bytes()

    out = tmp_path / "killed"
    env = dict(os.environ, PREFECT_API_URL=str(PREFECT_API_URL.value()), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-c", "import sys; from zhnews import cli; sys.exit(cli.main(sys.argv[1:]))",
           "run", str(corpus), "--out", str(out), "--batch-chars", "2000", "--no-report"]
    proc = subprocess.Popen(cmd, env=env, cwd=Path(__file__).resolve().parent.parent, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    batches = out / "batches"
    while time.monotonic() < deadline and proc.poll() is None:
        if batches.exists() and len(list(batches.glob("*.records.jsonl"))) >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed: make the input bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(batches.glob("*.records.jsonl")))
    assert 3 <= done_before < 20 and not (out / "records.jsonl").exists()

    summary = _run([corpus], out, batch_chars=2000, report=False)
    assert summary["batches_reused"] >= done_before
    assert (out / "records.jsonl").read_bytes() == expected
    ids = [json.loads(line)["id"] for line in expected.decode("utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == 40
    assert not list(batches.glob(".*.tmp"))


def test_dask_runner_gives_byte_identical_records(harness, tmp_path: Path) -> None:
    from prefect_dask import DaskTaskRunner

    from zhnews.flows import extract_news

    corpus = _many_articles(tmp_path / "articles.jsonl", n=12)
    local, dask = tmp_path / "local", tmp_path / "dask"
    _run([SAMPLE_PAGE, corpus], local, batch_chars=3000, report=False)
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    summary = extract_news.with_options(task_runner=runner)(
        inputs=[str(SAMPLE_PAGE), str(corpus)], out_dir=str(dask), batch_chars=3000, report=False)
    assert summary["batches"] > 2
    assert (dask / "records.jsonl").read_bytes() == (local / "records.jsonl").read_bytes()


def _zhnews_env(**extra: str) -> dict[str, str]:
    import os

    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if k != "ZHNEWS_DEBUG"}
    env.update(PREFECT_API_URL=str(PREFECT_API_URL.value()), PYTHONUNBUFFERED="1", **extra)
    return env


def test_a_run_with_failed_inputs_is_not_plain_completed(harness, tmp_path: Path) -> None:
    from zhnews.flows import extract_news

    ok = extract_news(inputs=[str(SAMPLE_PAGE)], out_dir=str(tmp_path / "ok"), report=False, return_state=True)
    assert ok.is_completed() and ok.name == "Completed"
    bad = extract_news(inputs=[str(SAMPLE_PAGE), str(INPUTS / "empty.txt")], out_dir=str(tmp_path / "bad"),
                       report=False, return_state=True)
    assert bad.is_completed() and bad.name == "Completed with errors"
    assert "1 inputs failed" in bad.message and "errors.jsonl" in bad.message
    assert bad.result()["errors"] == 1


def test_task_runs_are_named_for_people_and_artifacts_per_folder(harness, tmp_path: Path) -> None:
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from zhnews.flows import artifact_key, extract_news

    corpus = _many_articles(tmp_path / "articles.jsonl", n=6)
    state = extract_news(inputs=[str(corpus)], out_dir=str(tmp_path / "a"), batch_chars=3000, report=False,
                         return_state=True)

    async def names() -> list[str]:
        async with get_client() as client:
            runs = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
            return sorted(r.name for r in runs)

    found = asyncio.run(names())
    batches = [n for n in found if n.startswith("batch ")]
    assert batches and all(re.fullmatch(r"batch \d+/\d+ · \d+ docs", n) for n in batches), found
    assert f"/{len(batches)} · " in batches[0]
    assert artifact_key("summary", str(tmp_path / "a")) != artifact_key("summary", str(tmp_path / "b"))
    assert re.fullmatch(r"[a-z0-9-]+", artifact_key("report", str(tmp_path / "Some Folder_名")))


def test_ctrl_c_prints_one_line_exits_130_and_a_rerun_resumes(harness, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    # enough batches that the run is still going when the signal lands (40 articles finished first once the
    # pipeline got faster)
    corpus = _many_articles(tmp_path / "articles.jsonl", n=200)
    out = tmp_path / "out"
    # SIGINT as a terminal sends it, even when the suite runs as a background job: a shell without job control
    # starts those with SIGINT ignored, an ignored signal stays ignored across exec, and Python then never
    # raises KeyboardInterrupt (the run finished with exit 0 in such a CI run)
    proc = subprocess.Popen([sys.executable, "-m", "zhnews", "run", str(corpus), "--out", str(out),
                             "--batch-chars", "2000", "--no-report"], env=_zhnews_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    batches = out / "batches"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if batches.exists() and len(list(batches.glob("*.records.jsonl"))) >= 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    interrupted = [line for line in err.splitlines() if "batch" not in line or "interrupted" in line]
    assert len(interrupted) == 1 and "interrupted" in interrupted[0], err
    done = len(list(batches.glob("*.records.jsonl")))
    summary = _run([corpus], out, batch_chars=2000, report=False)
    assert summary["batches_reused"] >= done >= 2 and summary["records"] == 200


def test_dask_runner_prints_no_more_than_the_local_runner(harness, tmp_path: Path) -> None:
    import subprocess
    import sys

    def run(*extra: str) -> list[str]:
        proc = subprocess.run([sys.executable, "-m", "zhnews", "run", str(SAMPLE_PAGE), "--out", str(tmp_path / extra[-1]),
                               "--no-report", *extra[:-1]], env=_zhnews_env(), capture_output=True, text=True,
                              timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stderr.splitlines()

    local = run("local")
    dask = run("--runner", "dask", "dask")
    assert len(dask) <= len(local) == 2, dask


def test_zhnews_serve_runs_a_flow_run_through_the_api(harness, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    (tmp_path / "zhnews.toml").write_text(f'[run]\ninputs = ["{SAMPLE_PAGE}"]\nout = "served"\nreport = false\n',
                                          encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "zhnews", "serve", "--name", "zhnews-test"], cwd=tmp_path,
                            env=_zhnews_env(PREFECT_RUNNER_POLL_FREQUENCY="1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                flow_run = run_deployment("extract_news/zhnews-test", timeout=300)
                break
            except ObjectNotFound:
                assert time.monotonic() < deadline and proc.poll() is None, "serve never created its deployment"
                time.sleep(1)
        assert flow_run.state is not None and flow_run.state.name == "Completed", flow_run.state
        assert len((tmp_path / "served" / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_prefect_yaml_deploys_to_a_process_pool_and_a_worker_runs_it(harness, tmp_path: Path) -> None:
    import subprocess
    import sys

    from prefect.deployments import run_deployment

    from tests.conftest import ROOT

    config = tmp_path / "zhnews.toml"
    config.write_text(f'[run]\ninputs = ["{SAMPLE_PAGE}"]\nout = "pooled"\nreport = false\n', encoding="utf-8")
    env = _zhnews_env(ZHNEWS_WORKDIR=str(ROOT), ZHNEWS_CONFIG=str(config))
    prefect = [sys.executable, "-m", "prefect"]
    for cmd in (["work-pool", "create", "zhnews", "--type", "process"], ["--no-prompt", "deploy", "--all"]):
        proc = subprocess.run(prefect + cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    flow_run = run_deployment("extract_news/zhnews-daily", timeout=0)
    worker = subprocess.run(prefect + ["worker", "start", "--pool", "zhnews", "--run-once"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert worker.returncode == 0, worker.stdout[-2000:] + worker.stderr[-2000:]

    import asyncio

    from prefect.client.orchestration import get_client

    async def state_name() -> str:
        async with get_client() as client:
            return (await client.read_flow_run(flow_run.id)).state.name

    assert asyncio.run(state_name()) == "Completed"
    assert len((tmp_path / "pooled" / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 3
