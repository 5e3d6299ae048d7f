"""A first run as a newcomer meets it: an empty HOME, a ZHNEWS_CACHE that does not exist yet, no Prefect set up.

It once failed after three minutes of tracebacks (Prefect created its home without the parents). This
starts Prefect's temporary server, as `zhnews run` does for a user: ~30 s.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_PAGE


def test_fresh_home_first_and_second_run(tmp_path: Path) -> None:
    home, cache, out = tmp_path / "home", tmp_path / "not" / "yet" / "cache", tmp_path / "out"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ZHNEWS_"))}
    env.update(HOME=str(home), ZHNEWS_CACHE=str(cache))

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "zhnews", "run", str(SAMPLE_PAGE.parent), "--out", str(out)],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)

    first = run()
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Traceback" not in first.stderr
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3 and (cache / "prefect").is_dir()
    lines = first.stderr.splitlines()
    assert any(re.match(r"zhnews: batch 1/1 · 1 docs · [\d,]+ chars · [\d,]+ chars/s", line) for line in lines), lines
    summary = lines[-1]
    assert summary.startswith("zhnews: 3 records, 0 errors, 0 warnings, 1 batches (0 reused)"), summary
    assert str(out / "records.jsonl") in summary and str(out / "report.html") in summary
    assert len(lines) <= 3, lines  # a batch line and the summary: nothing from Prefect

    second = run()
    assert second.returncode == 0 and "1 batches (1 reused)" in second.stderr.splitlines()[-1]
    assert "zhnews: batch 1/1 · 1 docs" in second.stderr and "reused" in second.stderr

    quiet = subprocess.run([sys.executable, "-m", "zhnews", "-q", "run", str(SAMPLE_PAGE), "--out", str(out)],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert oct((out / "records.jsonl").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
