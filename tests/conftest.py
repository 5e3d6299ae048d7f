"""Shared test fixtures: paths to the bundled inputs and a per-session cache folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE_PAGE = FIXTURES / "pages" / "000_ebd6c998439410a8.txt"
INPUTS = FIXTURES / "inputs"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("ZHNEWS_CACHE", str(ROOT / ".cache" / "zhnews"))


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_records(sample_text: str):
    from zhnews.pipeline import extract_text

    return extract_text(sample_text, source=str(SAMPLE_PAGE))

CORPUS = FIXTURES / "corpus"


def corpus_lines(pattern: str) -> list[tuple[str, int, dict]]:
    """(file stem, line number, parsed line) for every non-empty line of the matching corpus files."""
    import json

    out = []
    for path in sorted(CORPUS.glob(pattern)):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((path.stem, no, json.loads(line)))
    return out
