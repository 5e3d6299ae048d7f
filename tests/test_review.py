"""The review loop end to end: sample -> fill verdicts -> import -> precision -> the next run applies them."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
import sqlalchemy as sa

from zhnews.cli import main
from zhnews.pipeline import extract_text, review
from zhnews.pipeline.assemble import Settings
from zhnews.pipeline.db import make_engine
from zhnews.pipeline.outputs import record_line

TEXT = ("上海迪士尼度假区负责人华山松表示，将投资20亿元建设新项目。迪士尼表示欢迎。"
        "江北区人民政府与重庆大学签署3项合作协议。永川区与德国GFM教育集团签订3项合作协议。")


@pytest.fixture(scope="module")
def records():
    return extract_text(TEXT, page=False)


def _run_dir(tmp_path: Path, records) -> Path:
    out = tmp_path / "run"
    out.mkdir()
    (out / "records.jsonl").write_text("".join(record_line(r) for r in records), encoding="utf-8")
    return out


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_round_trip_removes_the_wrong_extraction_and_keeps_the_rest(tmp_path: Path, records, capsys) -> None:
    [record] = records
    out = _run_dir(tmp_path, records)
    assert main(["review", "sample", str(out), "--n", "200", "--seed", "1"]) == 0
    sheet = out / "review.csv"
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the Chinese
    rows = _read(sheet)
    everything = review.record_items(record)
    assert sorted(r["id"] for r in rows) == sorted(i.id for i in everything)  # n above the total: all of them
    assert all(r["verdict"] == "" and r["correction"] == "" for r in rows)
    # The entity extractor changes often: pick by position in the sheet, not by what it found today.
    entities = {r["extraction"]: r for r in rows if r["kind"] == "entity"}
    assert len(entities) >= 3, entities
    relabelled, judged_right, judged_right_zh = list(entities.values())[:3]

    # The reviewer's calls: the second 3项 is wrong (only there), one entity text gets another label (the
    # extractor's label is wrong by decree), two are right, one quantity or date is unsure.
    quantities = [r for r in rows if r["kind"] == "quantity" and r["extraction"] == "3项"]
    assert len(quantities) == 2
    wrong_q = max(quantities, key=lambda r: int(r["id"].rsplit("q", 1)[1].split("-")[0]))
    wrong_q["verdict"] = "wrong"
    new_label = "LOC" if relabelled["label"] != "LOC" else "ORG"
    relabelled["verdict"], relabelled["correction"] = "wrong", new_label
    judged_right["verdict"] = "right"
    judged_right_zh["verdict"] = "对"  # Chinese verdicts are understood
    [a_date, *_] = [r for r in rows if r["kind"] in ("quantity", "date") and r["verdict"] == ""]
    a_date["verdict"] = "unsure"
    _write(sheet, rows)
    capsys.readouterr()

    assert main(["review", "import", str(sheet), str(out)]) == 0
    printed = capsys.readouterr()
    assert "precision" in printed.out and "corrections.csv" in printed.err
    engine = make_engine(f"sqlite:///{out / 'zhnews.sqlite'}")
    with engine.connect() as conn:
        stored = {r.extraction_id: r for r in conn.execute(sa.select(review.reviews))}
    assert len(stored) == 5 and stored[wrong_q["id"]].verdict == "wrong"
    assert stored[wrong_q["id"]].pipeline_version == record.pipeline_version
    table = review.precision_by_rule(engine)
    person = table[table.rule == judged_right["rule"]].iloc[0]
    assert person.reviewed >= 1 and person.low <= person.precision <= person.high

    # Importing the same sheet again replaces, never duplicates.
    assert main(["review", "import", str(sheet), str(out), "--no-export"]) == 0
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(review.reviews)).scalar_one() == 5

    corrections = out / review.CORRECTIONS
    [after] = extract_text(TEXT, page=False, settings=Settings(gazetteer_files=(str(corrections),)))
    before_q = {q.id for q in record.quantities}
    assert {q.id for q in after.quantities} == before_q - {wrong_q["id"]}  # only that occurrence is gone
    name = relabelled["extraction"]
    labels_before = {e.start: e.label for e in record.entities if e.text == name}
    labels_after = {e.start: (e.label, e.rule) for e in after.entities if e.text == name}
    assert set(labels_after) == set(labels_before)
    for start, label in labels_before.items():  # every mention with the wrong label is relabelled
        assert labels_after[start] == (new_label, "review.label") if label == relabelled["label"] \
            else labels_after[start][0] == label
    untouched = {(e.id, e.label) for e in record.entities if e.text != name}
    assert untouched == {(e.id, e.label) for e in after.entities if e.text != name}
    assert len(after.signings) == len(record.signings) and after.dates == record.dates
    assert after.gazetteer_version != record.gazetteer_version  # the records say that corrections applied


def test_sample_is_stratified_and_deterministic(records) -> None:
    strata = {(i.kind, i.rule, i.band) for i in review.record_items(records[0])}
    n = min(6, len(strata))
    rows = review.sample(records, n, seed=5)
    assert rows == review.sample(records, n, seed=5) and len(rows) == n
    assert len({(r["kind"], r["rule"], r["band"]) for r in rows}) == n  # one per stratum: no rule takes it all
    assert all(r["stratum_size"] >= 1 and "【" + r["extraction"] + "】" in r["sentence"] for r in rows)
    # the two 3项 share a stratum: one quantity per stratum, and the seed decides which 3项 is drawn
    quantity_strata = {(i.rule, i.band) for i in review.record_items(records[0]) if i.kind == "quantity"}
    drawn = {tuple(r["id"] for r in review.sample(records, len(quantity_strata), seed=s, kinds=("quantity",)))
             for s in range(8)}
    assert len(drawn) > 1


def test_quotas_spread_evenly() -> None:
    assert review._quotas([1, 10, 10], 9) == [1, 4, 4]
    assert review._quotas([2, 2], 10) == [2, 2]
    assert sum(review._quotas([3, 50, 7, 1], 20)) == 20


def test_sheet_is_formula_safe_and_reads_back(tmp_path: Path) -> None:
    row = {c: "" for c in review.SHEET_COLUMNS} | {"id": "a:e0-2", "kind": "entity", "rule": "r",
                                                    "extraction": '=HYPERLINK("http://evil.example")',
                                                    "pipeline_version": "0.3.0", "confidence": 0.5}
    for name in ("sheet.csv", "sheet.xlsx"):
        path = review.write_sheet([row], tmp_path / name)
        if name.endswith(".csv"):
            assert "\"'=HYPERLINK" in path.read_text(encoding="utf-8-sig")
        else:
            from openpyxl import load_workbook

            cell = load_workbook(path).active.cell(2, review.SHEET_COLUMNS.index("extraction") + 1)
            assert cell.data_type != "f" and cell.value.startswith("'=")
        [back] = review.read_sheet(path)
        assert back["extraction"] == row["extraction"]


def test_bad_verdict_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    _write(path, [{"id": "x:e0-1", "kind": "entity", "rule": "r", "extraction": "x", "pipeline_version": "1",
                   "verdict": "maybe", "correction": ""}])
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with pytest.raises(review.UserError, match=r"s\.csv:2: verdict 'maybe'"):
        review.import_sheet(path, engine)


def test_wilson_interval() -> None:
    low, high = review.wilson(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    low, high = review.wilson(10, 10)
    assert round(low, 3) == 0.722 and high == 1.0
    assert all(math.isnan(v) for v in review.wilson(0, 0))


def test_suppression_file_is_checked(tmp_path: Path) -> None:
    from zhnews.gazetteers import GazetteerError
    from zhnews.gazetteers.loader import load_gazetteer

    bad = tmp_path / "bad.csv"
    bad.write_text("kind,text,new_label\nentity,迪士尼,COMPANY\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="bad.csv:2"):
        load_gazetteer((bad,))
    good = tmp_path / "good.csv"
    good.write_text("# a comment\nkind,text,left\nquantity,3项,签署\n", encoding="utf-8")
    [entry] = load_gazetteer((good,)).suppressions
    assert (entry.kind, entry.text, entry.left, entry.right) == ("quantity", "3项", "签署", "")


def test_precision_by_rule_counts_and_weights(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    assert review.precision_by_rule(engine).empty  # no table yet: an empty table, nothing created
    assert not sa.inspect(engine).has_table("reviews")
    review.ensure_table(engine)
    rows = []
    # rule a: band hi (90 in the archive) 6 right; band lo (10 in the archive) 2 right, 2 wrong; 1 unsure
    for i, (verdict, band, size) in enumerate([("right", "hi", 90)] * 6 + [("right", "lo", 10)] * 2
                                              + [("wrong", "lo", 10)] * 2 + [("unsure", "lo", 10)]):
        rows.append({"extraction_id": f"x:e{i}", "pipeline_version": "1", "kind": "entity", "rule": "a",
                     "band": band, "stratum_size": size, "text": "t", "left_context": "", "right_context": "",
                     "verdict": verdict, "reviewed_at": "2026-01-01T00:00:00"})
    rows.append({**rows[0], "extraction_id": "y:q1", "kind": "quantity", "rule": "b", "verdict": "wrong"})
    with engine.begin() as conn:
        conn.execute(review.reviews.insert(), rows)
    table = review.precision_by_rule(engine).set_index("rule")
    a = table.loc["a"]
    assert (a.reviewed, a.right, a.wrong, a.unsure) == (10, 8, 2, 1)
    assert a.precision == 0.8 and (round(a.low, 3), round(a.high, 3)) == (0.490, 0.943)
    assert a.weighted_precision == pytest.approx((90 * 1.0 + 10 * 0.5) / 100)
    assert table.loc["b"].precision == 0.0 and list(table.index) == ["a", "b"]
    assert "80.0%" in review.format_precision(review.precision_by_rule(engine))


def _suppressions(tmp_path: Path, body: str) -> Settings:
    path = tmp_path / "corrections.csv"
    path.write_text("kind,text,label,rule,left,right,new_label\n" + body, encoding="utf-8")
    return Settings(gazetteer_files=(str(path),))


def test_suppression_of_signings_dates_and_traditional_text(tmp_path: Path) -> None:
    text = "12月12日，江北区人民政府与重庆大学签署3项合作协议。次日，永川区与德国GFM教育集团签订5项合作协议。"
    [before] = extract_text(text, page=False)
    first = before.signings[0].evidence[0].text
    settings = _suppressions(tmp_path, f"signing,{first},,,,,\ndate,次日,,,,,\nentity,重庆大学,ORG,,,,\n")
    [after] = extract_text(text, page=False, settings=settings)
    assert [s.evidence[0].text for s in after.signings] == [s.evidence[0].text for s in before.signings[1:]]
    assert [d.text for d in after.dates] == [d.text for d in before.dates if d.text != "次日"]
    assert [e.text for e in after.entities] == [e.text for e in before.entities if e.text != "重庆大学"]
    assert after.quantities == before.quantities

    # An entry written from a record in Traditional characters matches (the filter reads the simplified copy).
    traditional = "12月12日，江北區人民政府與重慶大學簽署3項合作協議。"
    [t_before] = extract_text(traditional, page=False)
    assert "重慶大學" in [e.text for e in t_before.entities]
    [t_after] = extract_text(traditional, page=False,
                             settings=_suppressions(tmp_path, "entity,重慶大學,,,與,簽署,\n"))
    assert "重慶大學" not in [e.text for e in t_after.entities]
    assert len(t_after.entities) == len(t_before.entities) - 1


def test_context_and_label_limit_a_suppression(tmp_path: Path) -> None:
    text = "江北区人民政府与重庆大学签署3项合作协议。永川区与德国GFM教育集团签订3项合作协议。"
    settings = _suppressions(tmp_path, "quantity,3项,count,,签订,合作,\nquantity,3项,money,,,,\n")
    [after] = extract_text(text, page=False, settings=settings)
    [kept] = [q for q in after.quantities if q.text == "3项"]
    assert text[kept.end:].startswith("合作") and text[:kept.start].endswith("签署")  # the other one stays


def test_context_never_crosses_white_space() -> None:
    assert review.context("德国 GFM 教育集团签约", 3, 6) == ("", "")
    assert review.context("重庆大学签署3项合作协议", 6, 8) == ("重庆大学签署", "合作协议")
