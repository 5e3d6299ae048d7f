"""The report in a real browser: headless Chromium renders its sections and runs no injected script.

Skips only where Chromium is missing and CI is not set; in CI (scripts/ci_services.sh installs it) it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from zhnews.pipeline.report import article_marks, choose_marks, evidence_marks, write_report
from tests.downstream_fixtures import all_records, sample_errors

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SECTIONS = ("summary", "articles", "quantities", "signings", "review", "errors")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (scripts/ci_services.sh installs Debian's chromium)")
    pytest.skip("chromium not installed: apt-get install chromium (or run scripts/ci_services.sh)")


def _run(args: list[str], page: Path) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="zhnews-chromium-") as profile:
        return subprocess.run([_chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                              capture_output=True, text=True, timeout=90)


def dump_dom(page: Path) -> str:
    """The DOM after scripts (if any) ran, which is where an injected script would leave its mark."""
    proc = _run(["--virtual-time-budget=2000", "--dump-dom"], page)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(all_records(), sample_errors(), tmp_path_factory.mktemp("report") / "report.html")


def test_control_page_shows_that_scripts_would_be_caught(tmp_path: Path) -> None:
    """Without this, a browser that ran no scripts at all would pass the injection test."""
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><html><head><title>ok</title></head><body><p>x</p>'
                    '<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'
                    "</body></html>", encoding="utf-8")
    dom = dump_dom(page)
    assert "<title>PWNED</title>" in dom and 'data-pwned="1"' in dom


def test_report_renders_sections_and_runs_no_injected_script(report: Path) -> None:
    dom = dump_dom(report)
    for section in SECTIONS:
        assert f'id="{section}"' in dom
    assert dom.count('<mark class="entity"') == 21
    assert dom.count('class="card"') == 1 and "PARTY_A" in dom and "PARTY_B" in dom
    # the injected script neither ran (title, body attribute) nor became an element
    assert "<title>zhnews report</title>" in dom and "PWNED</title>" not in dom
    assert "data-pwned" not in dom.split("</head>")[1].split(">")[0]  # the <body ...> tag
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title=" in dom


def test_screenshot(report: Path, tmp_path: Path) -> None:
    shot = Path(os.environ.get("ZHNEWS_REPORT_SCREENSHOT", tmp_path / "report.png"))
    shot.parent.mkdir(parents=True, exist_ok=True)
    proc = _run([f"--screenshot={shot}", "--window-size=1280,4000"], report)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_sample_page_report_in_browser(sample_records: list, tmp_path: Path) -> None:
    """The real pipeline's records of the sample page: three articles, highlighted spans, a card per signing."""
    page = write_report(sample_records, [], tmp_path / "sample.html")
    dom = dump_dom(page)
    assert dom.count("<article ") == 3
    drawn = sum(len(choose_marks(article_marks(r))[0]) for r in sample_records)
    drawn += sum(len(choose_marks(evidence_marks(r, s, ev))[0])
                 for r in sample_records for s in r.signings for ev in s.evidence)
    assert drawn > 0 and dom.count('<mark class="entity"') == drawn
    assert dom.count('class="card"') == sum(len(r.signings) for r in sample_records)
