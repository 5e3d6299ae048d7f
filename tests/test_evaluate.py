"""Quantity and signing evaluation: hand-counted scores, the misses CSV, the gold-file checks, the CLI entry."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from zhnews.pipeline.evaluate import PRF, format_table, main, read_gold, run_eval
from zhnews.pipeline.records import ArticleRecord, Party, Quantity, Signing, Source, Span

Q_TEXT = "共签约9个项目，总投资约20万元，惠及3000余人。"
S_TEXT = "甲公司与乙大学签订3项合作协议。丙集团与丁学院签约。"


def _q(text: str, needle: str, value: float | None, unit: str | None, kind: str = "count", shift: int = 0,
       **kw: Any) -> Quantity:
    start = text.index(needle)
    end = start + len(needle)
    return Quantity(text=needle, start=start, end=end, source_start=start + shift, source_end=end + shift,
                    id=f"q{start}", kind=kind, value=value, unit=unit, confidence=0.9, rule="t", **kw)


def _record(text: str, quantities: list[Quantity] = (), signings: list[Signing] = ()) -> ArticleRecord:
    return ArticleRecord(id="r", source=Source(uri="gold", sha256="0" * 64, encoding="str", start=0, end=len(text)),
                         text=text, quantities=list(quantities), signings=list(signings),
                         pipeline_version="t", gazetteer_version="t", segmenter="t")


def _signing(text: str, a: list[str], b: list[str], count: int | None, obj: str | None) -> Signing:
    ev = text.split("。")[0]
    return Signing(id=f"s{a}", parties_a=[Party(text=x) for x in a], parties_b=[Party(text=x) for x in b],
                   count=count, object=obj, evidence=[Span(text=ev, start=0, end=len(ev), source_start=0,
                                                           source_end=len(ev))],
                   confidence=0.7, rule="t")


def _write(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("# gold\n" + "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    return path


@pytest.fixture()
def q_gold(tmp_path: Path) -> Path:
    i9, i20, i3k = Q_TEXT.index("9个"), Q_TEXT.index("约20万元"), Q_TEXT.index("3000余人")
    return _write(tmp_path / "q.jsonl", [{"id": "d1", "text": Q_TEXT, "quantities": [
        {"start": i9, "end": i9 + 2, "value": 9, "unit": "个", "subject": "项目", "kind": "count"},
        {"start": i20, "end": i20 + 5, "value": 200000, "unit": "元", "kind": "money"},
        {"start": i3k, "end": i3k + 6, "value": 3000, "unit": "人"},
    ]}])


def q_predict(text: str) -> list[ArticleRecord]:
    return [_record(text, [
        _q(text, "9个", 9, "个", subject="项目"),              # right in every field
        _q(text, "约20万元", 20, "元", kind="money"),          # right span, wrong value
        _q(text, "3000", 3000, None, kind="number"),          # wrong span (boundary): a miss and a false alarm
        _q(text, "万元", 10000, "元", kind="money", shift=0),  # overlaps 约20万元: a false alarm
    ])]


def test_quantity_scores_by_hand(q_gold: Path, tmp_path: Path) -> None:
    result = run_eval("quantities", q_gold, tmp_path / "misses.csv", predict=q_predict)
    span, value, full = result.score("span"), result.score("span+value"), result.score("all")
    assert (span.tp, span.fp, span.fn) == (2, 2, 1)
    assert (value.tp, value.fp, value.fn) == (1, 3, 2)
    assert (full.tp, full.fp, full.fn) == (1, 3, 2)
    assert span.precision == pytest.approx(0.5) and span.recall == pytest.approx(2 / 3)
    assert result.score("kind=count").tp == 1 and result.score("kind=money").fn == 1

    misses = pd.read_csv(tmp_path / "misses.csv", keep_default_na=False)
    outcomes = list(misses["outcome"].value_counts().sort_index().items())
    assert outcomes == [("false_alarm", 2), ("miss", 1), ("wrong", 1)]
    wrong = misses[misses["outcome"] == "wrong"].iloc[0]
    assert (wrong["text"], wrong["wrong_fields"], float(wrong["gold_value"]), float(wrong["pred_value"])) == \
        ("约20万元", "value", 200000.0, 20.0)
    assert "【约20万元】" in wrong["context"]
    miss = misses[misses["outcome"] == "miss"].iloc[0]
    assert miss["text"] == "3000余人" and miss["overlaps"] == "3000"


def test_pred_offsets_come_from_source(q_gold: Path) -> None:
    """Records may normalise their text; evaluation maps through source offsets."""
    def shifted(text: str) -> list[ArticleRecord]:
        return [_record(text, [_q(text, "9个", 9, "个", shift=1)])]
    assert run_eval("quantities", q_gold, predict=shifted).score("span").tp == 0


def test_signing_scores_by_hand(tmp_path: Path) -> None:
    gold = _write(tmp_path / "s.jsonl", [
        {"id": "s1", "text": S_TEXT, "signings": [
            {"parties_a": ["甲公司"], "parties_b": ["乙大学"], "count": 3, "object": "合作协议"},
            {"parties_a": ["丙集团"], "parties_b": ["丁学院"]},
        ]},
        {"text": "没有签约。", "signings": []},
    ])

    def predict(text: str) -> list[ArticleRecord]:
        if "甲" not in text:
            return [_record(text, signings=[_signing(text, ["没有"], ["签约"], None, None)])]
        # sides swapped and spacing differs: still the same parties; count wrong
        return [_record(text, signings=[_signing(text, ["乙 大学"], ["甲公司"], 2, "合作协议")])]

    result = run_eval("signings", gold, tmp_path / "m.csv", predict=predict)
    det, parties, count, obj = (result.score(n) for n in ("detected", "parties", "parties+count", "parties+object"))
    assert (det.tp, det.fp, det.fn) == (1, 1, 1)
    assert (parties.tp, count.tp, obj.tp) == (1, 0, 1)
    assert (count.fp, count.fn) == (2, 2)
    mentions = result.score("party mentions")
    assert (mentions.tp, mentions.fp, mentions.fn) == (2, 2, 2)
    csv = pd.read_csv(tmp_path / "m.csv", keep_default_na=False)
    assert sorted(csv["outcome"]) == ["false_alarm", "miss", "wrong"]
    assert csv[csv["outcome"] == "wrong"].iloc[0]["wrong_fields"] == "count"
    assert csv[csv["outcome"] == "false_alarm"].iloc[0]["doc_id"] == "line3"


def test_prf_and_table() -> None:
    assert PRF().f1 == 0.0 and PRF(tp=1, fp=1, fn=0).f1 == pytest.approx(2 / 3)
    table = format_table([("span", PRF(3, 1, 1)), ("人名", PRF(0, 0, 2))], "t")
    lines = table.splitlines()

    def col(line: str, sub: str) -> int:  # display column: CJK characters take two
        head = line[:line.index(sub)]
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in head)

    assert lines[0] == "t" and "0.750" in lines[3] and col(lines[3], "0.750") == col(lines[4], "0.000")


def test_bad_gold_line_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "abc", "quantities": [{"start": 2, "end": 9}]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: quantity \[2:9\] outside"):
        read_gold(path)
    path.write_text('{"text": "abc"}\n{"txt": 1}\n', encoding="utf-8")
    assert main(["quantities", "--gold", str(path)], predict=q_predict) == 1
    assert "bad.jsonl:2" in capsys.readouterr().err


def test_main_prints_table_and_writes_csv(q_gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "misses.csv"
    assert main(["quantities", "--gold", str(q_gold), "--misses", str(out)], predict=q_predict) == 0
    printed = capsys.readouterr().out
    assert "span+value+unit" in printed and "kind=money" in printed
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly


def test_documented_gold_example_is_valid(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "exports.md").read_text(encoding="utf-8")
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    gold = read_gold(_write(tmp_path / "doc.jsonl", [json.loads(x) for x in example.splitlines() if x.strip()]))
    q = gold[0]
    assert [q.text[g.start:g.end] for g in q.quantities] == ["9个", "约20万元"]
    assert gold[1].signings[0].count == 3
