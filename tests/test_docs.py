"""Every code example in README.md and docs/ works: a test per block.

python blocks run; toml blocks load as zhnews configuration; json blocks parse; sh blocks name commands
that exist (each `zhnews …` line parses with the real argument parser, each `make X` is a Makefile target,
each `prefect …` line is exercised end to end in tests/test_flows.py). The README stays a page (≤ 150 lines).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[str, str, str]]:
    found = []
    for path in DOCS:
        for n, match in enumerate(BLOCK.finditer(path.read_text(encoding="utf-8")), 1):
            found.append((f"{path.relative_to(ROOT)}#{n}", match.group(1), match.group(2)))
    return found


BLOCKS = _blocks()


def test_readme_is_a_page() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


@pytest.mark.parametrize("where,lang,code", [b for b in BLOCKS if b[1] == "python"], ids=lambda v: str(v)[:40])
def test_python_examples_run(where: str, lang: str, code: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, where, "exec"), {"__name__": "__example__"})


@pytest.mark.parametrize("where,lang,code", [b for b in BLOCKS if b[1] == "toml"], ids=lambda v: str(v)[:40])
def test_toml_examples_are_valid_configuration(where: str, lang: str, code: str, tmp_path: Path) -> None:
    from zhnews.pipeline.config import read_config, resolve_options

    path = tmp_path / "zhnews.toml"
    path.write_text(code, encoding="utf-8")
    read_config(path)
    resolve_options(path)


@pytest.mark.parametrize("where,lang,code", [b for b in BLOCKS if b[1] == "json"], ids=lambda v: str(v)[:40])
def test_json_examples_parse(where: str, lang: str, code: str) -> None:
    body = code.replace("…", "")
    for chunk in [body] if body.lstrip().startswith(("{", "[")) and _parses(body) else body.splitlines():
        if chunk.strip():
            json.loads(chunk)


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _commands(code: str) -> list[list[str]]:
    out = []
    for line in code.splitlines():
        line = line.split("  #")[0].strip()
        if line and not line.startswith("#"):
            words = shlex.split(line)
            while words and "=" in words[0] and not words[0].startswith("-"):  # VAR=value prefixes
                words = words[1:]
            out.append(words)
    return out


@pytest.mark.parametrize("where,lang,code", [b for b in BLOCKS if b[1] == "sh"], ids=lambda v: str(v)[:40])
def test_shell_examples_name_real_commands(where: str, lang: str, code: str) -> None:
    from zhnews.cli import build_parser

    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M))
    parser = build_parser()
    for words in _commands(code):
        if words[0] == "zhnews":
            args = [w.replace("...", "").strip("[]") for w in words[1:]]
            args = [a for a in args if a] or ["--help"]
            parser.parse_args(args)  # SystemExit (a usage error) fails the test
        elif words[0] == "make":
            assert set(words[1:]) <= targets, words
        else:
            assert words[0] == "prefect", f"{where}: unknown command {words}"
