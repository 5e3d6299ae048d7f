"""The Prefect flow end to end. The only module that starts prefect_test_harness (once per session)."""

from __future__ import annotations

import json
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
    from flows import extract_news

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
    assert (summary["records"], summary["errors"]) == (3, 2)
    errors = _lines(out / "errors.jsonl")
    assert sorted(Path(e["uri"]).name for e in errors) == ["binary.bin", "empty.txt"]
    assert all(e["message"].startswith("[E00") for e in errors)


def test_gb18030_copy_gives_the_same_ids(harness, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _run([SAMPLE_PAGE], a)
    _run([INPUTS / "page.gb18030.txt"], b)
    ra, rb = _lines(a / "records.jsonl"), _lines(b / "records.jsonl")
    assert [r["id"] for r in ra] == [r["id"] for r in rb]
    assert [r["text"] for r in ra] == [r["text"] for r in rb]
    assert rb[0]["source"]["encoding"] == "gb18030"


def test_cli_exit_status_says_some_inputs_failed(harness, tmp_path: Path) -> None:
    from cli import EXIT_OK, EXIT_PARTIAL, main

    assert main(["run", str(SAMPLE_PAGE), "--out", str(tmp_path / "ok"), "--no-report"]) == EXIT_OK
    assert main(["run", str(SAMPLE_PAGE), str(INPUTS / "empty.txt"), "--out", str(tmp_path / "bad"),
                 "--no-report"]) == EXIT_PARTIAL
