"""Ordinary mistakes give one line on stderr, no traceback, and the documented exit code.

Each case runs `zhnews` in a subprocess, as a user meets it. None of them may start Prefect: the
checks come first (a missing input used to cost 11 s of server start-up before its error).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_PAGE

from zhnews.pipeline.errors import EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE

PROBE = ("import sys; from zhnews.cli import main; rc = main(sys.argv[1:]); "
         "sys.stderr.write('PREFECT-IMPORTED\\n' if 'prefect' in sys.modules else ''); sys.exit(rc)")


def zhnews(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
           timeout: int = 180) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "ZHNEWS_DEBUG"} | (env or {})
    return subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def one_line(proc: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    err = proc.stderr
    assert "Traceback" not in err, err
    assert "PREFECT-IMPORTED" not in err, "the mistake was found only after Prefect was imported"
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert proc.returncode == code, (proc.returncode, err)
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_missing_input(tmp_path: Path) -> None:
    one_line(zhnews("run", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")), EXIT_USAGE, "nope.txt")


def test_out_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    one_line(zhnews("run", str(SAMPLE_PAGE), "--out", str(tmp_path / "out")), EXIT_USAGE, "is a file")


def test_out_under_proc() -> None:
    one_line(zhnews("run", str(SAMPLE_PAGE), "--out", "/proc/zhnews-out"), EXIT_USAGE, "/proc")


def test_out_not_writable(tmp_path: Path) -> None:
    # Root ignores file modes, so the folder is made unwritable the way root cannot get around: a file
    # where a parent folder should be.
    (tmp_path / "blocker").write_text("x")
    line = one_line(zhnews("run", str(SAMPLE_PAGE), "--out", str(tmp_path / "blocker" / "out")), EXIT_FATAL)
    assert "cannot write to --out" in line


@pytest.mark.parametrize("command", ["report", "load", "export"])
def test_reading_commands_need_a_run_folder(tmp_path: Path, command: str) -> None:
    one_line(zhnews(command, str(tmp_path / "absent")), EXIT_USAGE, "is not a folder")
    (tmp_path / "empty").mkdir()
    one_line(zhnews(command, str(tmp_path / "empty")), EXIT_USAGE, "holds no records.jsonl")


def test_missing_gazetteer_file(tmp_path: Path) -> None:
    one_line(zhnews("run", str(SAMPLE_PAGE), "--out", str(tmp_path / "out"), "--gazetteer", str(tmp_path / "no.csv")),
             EXIT_FATAL, "no.csv", "not found")


def test_malformed_gazetteer(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\n茶山竹海\n", encoding="utf-8")
    one_line(zhnews("run", str(SAMPLE_PAGE), "--out", str(tmp_path / "out"), "--gazetteer", str(bad)),
             EXIT_FATAL, "bad.csv:2")


def test_unknown_gazetteer_type_lists_the_allowed_ones(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\n茶山竹海,MOUNTAINISH\n", encoding="utf-8")
    line = one_line(zhnews("run", str(SAMPLE_PAGE), "--out", str(tmp_path / "out"), "--gazetteer", str(bad)),
                    EXIT_FATAL, "MOUNTAINISH", "allowed")
    assert "ORG" in line


def test_broken_config_file(tmp_path: Path) -> None:
    (tmp_path / "zhnews.toml").write_text("[run\nout = 'x'\n", encoding="utf-8")
    one_line(zhnews("run", str(SAMPLE_PAGE), cwd=tmp_path), EXIT_FATAL, "zhnews.toml", "not valid TOML")


def test_config_with_an_unknown_key_or_a_wrong_type(tmp_path: Path) -> None:
    config = tmp_path / "zhnews.toml"
    config.write_text("[run]\noutt = 'x'\n", encoding="utf-8")
    one_line(zhnews("run", str(SAMPLE_PAGE), cwd=tmp_path), EXIT_FATAL, "outt", "allowed")
    config.write_text("[run]\nbatch_chars = 'many'\n", encoding="utf-8")
    one_line(zhnews("run", str(SAMPLE_PAGE), cwd=tmp_path), EXIT_FATAL, "batch_chars", "int")


def test_config_naming_a_missing_gazetteer(tmp_path: Path) -> None:
    (tmp_path / "zhnews.toml").write_text('[run]\ngazetteers = ["mine.csv"]\n', encoding="utf-8")
    one_line(zhnews("run", str(SAMPLE_PAGE), cwd=tmp_path), EXIT_FATAL, "mine.csv", "not found")


def test_config_option_naming_a_missing_file(tmp_path: Path) -> None:
    one_line(zhnews("run", str(SAMPLE_PAGE), "--config", str(tmp_path / "none.toml")), EXIT_FATAL, "none.toml")


def test_pkuseg_without_its_model_says_how_to_get_it_once(tmp_path: Path) -> None:
    proc = zhnews("run", str(SAMPLE_PAGE), "--out", str(tmp_path / "out"), "--segmenter", "pkuseg",
                  env={"ZHNEWS_PKUSEG_MODEL": str(tmp_path / "no-model")})
    one_line(proc, EXIT_FATAL, "zhnews pkuseg-model")


def test_usage_errors_exit_2_and_differ_from_partial_failure() -> None:
    assert EXIT_USAGE != EXIT_PARTIAL
    proc = zhnews("run", "--no-such-option")
    assert proc.returncode == EXIT_USAGE and "Traceback" not in proc.stderr
    assert zhnews().returncode == EXIT_USAGE


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = zhnews("--debug", "run", str(tmp_path / "nope.txt"))
    assert "Traceback" in proc.stderr and "UsageError" in proc.stderr
    proc = zhnews("run", str(tmp_path / "nope.txt"), env={"ZHNEWS_DEBUG": "1"})
    assert "Traceback" in proc.stderr


def test_extract_into_a_closed_pipe_exits_quietly() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "zhnews", "extract", str(SAMPLE_PAGE), str(SAMPLE_PAGE)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=180) == EXIT_OK
    assert first.startswith(b'{"id":') and err == ""


def test_every_option_has_help() -> None:
    from zhnews.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in [("zhnews", parser), *subparsers.items()]:
        for action in sub._actions:
            if action.dest in ("help", "command"):
                continue
            assert action.help, f"{name} {action.option_strings or action.dest} has no help text"


def test_version() -> None:
    proc = subprocess.run([sys.executable, "-m", "zhnews", "--version"], capture_output=True, text=True, timeout=60)
    from zhnews import __version__

    assert proc.returncode == EXIT_OK and proc.stdout.strip() == f"zhnews {__version__}"


def test_readme_exit_code_table_matches_the_code() -> None:
    from zhnews.pipeline import errors

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\d+)` \| (\w+)", readme, flags=re.M))
    documented = {int(code): name for code, name in table.items()}
    actual = {getattr(errors, n): n.removeprefix("EXIT_").lower() for n in dir(errors) if n.startswith("EXIT_")}
    assert documented == actual


def test_permanent_failures_are_not_retried() -> None:
    import errno

    from zhnews.gazetteers import GazetteerError
    from zhnews.pipeline.errors import UserError
    from zhnews.pipeline.retry import worth_retrying

    class Failed:
        def __init__(self, exc: BaseException) -> None:
            self.exc = exc

        def result(self) -> None:
            raise self.exc

    for permanent in (OSError(errno.ENOSPC, "No space left on device"), PermissionError(errno.EACCES, "denied"),
                      GazetteerError("x.csv", 2, "bad"), UserError("bad config")):
        assert worth_retrying(None, None, Failed(permanent)) is False, permanent
    for passing in (ConnectionError("reset"), RuntimeError("flaky"), OSError(errno.EIO, "I/O error")):
        assert worth_retrying(None, None, Failed(passing)) is True, passing


def test_load_says_where_the_database_is(tmp_path: Path) -> None:
    out = tmp_path / "run"
    out.mkdir()
    extract = subprocess.run([sys.executable, "-m", "zhnews", "extract", str(SAMPLE_PAGE)], capture_output=True,
                             text=True, timeout=300)
    (out / "records.jsonl").write_text(extract.stdout, encoding="utf-8")
    proc = zhnews("load", str(out))
    assert proc.returncode == EXIT_OK, proc.stderr
    assert f"zhnews: loaded into sqlite:///{(out / 'zhnews.sqlite').resolve()}" in proc.stderr


def test_the_same_article_in_two_inputs_is_emitted_once_with_a_warning(tmp_path: Path) -> None:
    from zhnews.pipeline.outputs import finalize, read_errors, write_batch
    from zhnews.pipeline.records import ArticleRecord

    extract = subprocess.run([sys.executable, "-m", "zhnews", "extract", str(SAMPLE_PAGE)], capture_output=True,
                             text=True, timeout=300)
    records = [ArticleRecord.model_validate_json(line) for line in extract.stdout.splitlines()]
    copy = [r.model_copy(update={"source": r.source.model_copy(update={"uri": "copy/page.txt"})}) for r in records]
    write_batch(tmp_path, "k1", records, [])
    write_batch(tmp_path, "k2", copy, [])
    result = finalize(tmp_path, ["k1", "k2"])
    assert (result.records, result.warnings, result.errors) == (len(records), len(records), 0)
    warnings = read_errors(tmp_path)
    assert {w.code for w in warnings} == {"E011"} and all("copy/page.txt" == w.uri for w in warnings)
    assert all(str(SAMPLE_PAGE) in w.message for w in warnings)


def test_the_summary_never_shows_a_database_password() -> None:
    from zhnews.pipeline.finish import RunSummary

    summary = RunSummary(out_dir="out", db_url="postgresql+psycopg://zhnews:s3cret@db.example/news")
    assert all("s3cret" not in p for p in summary.paths()) and "postgresql+psycopg://zhnews:***@db.example/news" in summary.paths()
