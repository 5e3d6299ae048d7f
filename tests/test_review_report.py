"""Reviewers' verdicts reach the report: sample -> fill -> import -> `zhnews report DIR` -> measured precision."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import sqlalchemy as sa

from zhnews.cli import main
from zhnews.pipeline import review
from zhnews.pipeline.db import make_engine
from zhnews.pipeline.site_review import MIN_REVIEWED
from zhnews.pipeline.version import PIPELINE_VERSION

from tests.test_review import _read as _rows, _run_dir, _write, records  # noqa: F401 (a fixture)


def _precision_row(page: str, rule: str) -> list[str]:
    """The cells (unescaped) of the precision table's row for ``rule``."""
    section = page.split('<section id="precision">', 1)[1].split("</section>", 1)[0]
    for row in re.findall(r"<tr>(.*?)</tr>", section):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        if len(cells) > 1 and cells[1] == rule:
            return cells
    raise AssertionError(f"no precision row for {rule} in {section[:500]}")


def _judge(out: Path, version: str | None = None) -> tuple[str, int, int, str, int]:
    """Fill the sheet: the rule with most rows gets one wrong and the rest right, one other rule one right.
    Returns (rule, right, wrong, other rule, other's right)."""
    assert main(["review", "sample", str(out), "--n", "200"]) == 0
    sheet = out / "review.csv"
    rows = _rows(sheet)
    by_rule: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_rule[row["rule"]].append(row)
    rule, judged = max(by_rule.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(judged) >= 2, by_rule  # the text has several extractions of its commonest rule
    other = next(r for r in sorted(by_rule) if r != rule)
    judged[0]["verdict"] = "wrong"
    for row in judged[1:]:
        row["verdict"] = "right"
    by_rule[other][0]["verdict"] = "right"
    by_rule[other][-1]["verdict"] = by_rule[other][-1]["verdict"] or "unsure"
    if version:
        for row in rows:
            row["pipeline_version"] = version
    _write(sheet, rows)
    assert main(["review", "import", str(sheet), str(out), "--no-export"]) == 0
    return rule, len(judged) - 1, 1, other, 1


def test_report_shows_measured_precision_with_its_interval(tmp_path: Path, records, capsys) -> None:
    out = _run_dir(tmp_path, records)
    rule, right, wrong, other, other_right = _judge(out)
    capsys.readouterr()
    assert main(["report", str(out)]) == 0

    site_page = (out / "report" / "review.html").read_text(encoding="utf-8")
    single_page = (out / "report.html").read_text(encoding="utf-8")
    low, high = review.wilson(right, right + wrong)
    for page in (site_page, single_page):
        cells = _precision_row(page, rule)
        assert cells[2] == f"{right / (right + wrong):.0%}"
        assert cells[3] == f"{low:.0%} – {high:.0%}"
        assert cells[4] == str(right + wrong)
        assert _precision_row(page, other)[2:5] == ["100%", f"{review.wilson(1, 1)[0]:.0%} – 100%", "1"]
        assert f"pipeline version {PIPELINE_VERSION}" in page
        assert "No review verdicts yet" not in page
    # least precise first: the rule with a wrong verdict comes before the one judged right only
    assert site_page.index(f"<td>{html.escape(rule)}</td>") < site_page.index(f"<td>{html.escape(other)}</td>")


def test_verdicts_on_another_version_are_shown_as_such(tmp_path: Path, records) -> None:
    out = _run_dir(tmp_path, records)
    rule, right, wrong, _, _ = _judge(out, version="0.0.1")
    assert main(["report", str(out)]) == 0
    page = (out / "report" / "review.html").read_text(encoding="utf-8")
    assert _precision_row(page, rule)[2] == f"{right / (right + wrong):.0%}"
    assert f"No verdicts yet on this pipeline version ({PIPELINE_VERSION})" in html.unescape(page)
    assert "version(s) 0.0.1" in page


def test_no_database_no_verdicts_and_nothing_created(tmp_path: Path, records) -> None:
    out = _run_dir(tmp_path, records)
    assert main(["report", str(out)]) == 0
    assert not (out / "zhnews.sqlite").exists()  # reading verdicts creates no database
    assert "No review verdicts yet" in (out / "report" / "review.html").read_text(encoding="utf-8")
    assert 'id="precision"' not in (out / "report.html").read_text(encoding="utf-8")


def test_enough_verdicts_set_the_doubt_and_the_current_version_wins(tmp_path: Path, records) -> None:
    [record] = records
    out = _run_dir(tmp_path, records)
    quantity = record.quantities[0]
    engine = make_engine(f"sqlite:///{out / 'zhnews.sqlite'}")
    review.ensure_table(engine)
    rows = [{"extraction_id": f"x:q{i}", "pipeline_version": PIPELINE_VERSION, "kind": "quantity",
             "rule": quantity.rule, "text": "t", "left_context": "", "right_context": "",
             "verdict": "wrong" if i < 15 else "right", "reviewed_at": "2026-01-01T00:00:00"}
            for i in range(MIN_REVIEWED)]
    rows.append({**rows[0], "pipeline_version": "0.0.1", "rule": "older.rule", "verdict": "right"})
    with engine.begin() as conn:
        conn.execute(review.reviews.insert(), rows)
    measured = review.measured_precision(engine)
    assert measured is not None and measured.current and measured.versions == (PIPELINE_VERSION,)
    assert [(r.rule, r.reviewed, r.precision) for r in measured.rules] == [(quantity.rule, 20, 0.25)]
    assert review.measured_precision(engine, "0.0.1").rules[0].rule == "older.rule"
    engine.dispose()

    assert main(["report", str(out)]) == 0
    page = (out / "report" / "review.html").read_text(encoding="utf-8")
    assert _precision_row(page, quantity.rule)[5] == "yes"  # 20 verdicts: it sets the doubt
    assert "reviewers found 75% of this rule&#x27;s extractions wrong (20 checked)" in page
    assert "older.rule" not in page
    with make_engine(f"sqlite:///{out / 'zhnews.sqlite'}").connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(review.reviews)).scalar_one() == 21


def test_end_of_a_run_with_a_database_reads_its_verdicts(tmp_path: Path, records) -> None:
    from zhnews.pipeline.finish import finish_run
    from zhnews.pipeline.outputs import write_batch

    out = _run_dir(tmp_path, records)
    rule, right, wrong, _, _ = _judge(out)
    elsewhere = tmp_path / "elsewhere.sqlite"  # `zhnews run --db URL`: the verdicts are read from that database
    (out / "zhnews.sqlite").rename(elsewhere)
    (out / "records.jsonl").unlink()
    write_batch(out, "c" * 24, records, [])
    summary = finish_run(out, ["c" * 24], [], db_url=f"sqlite:///{elsewhere}", report=True)
    assert summary.records == len(records) and not (out / "zhnews.sqlite").exists()
    for page in (out / "report" / "review.html", out / "report.html"):
        cells = _precision_row(page.read_text(encoding="utf-8"), rule)
        assert cells[2] == f"{right / (right + wrong):.0%}" and cells[4] == str(right + wrong)
