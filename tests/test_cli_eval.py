"""`zhnews eval ner` scores the pipeline's entities against gold in the shape of ner_dev.jsonl."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from zhnews.cli import main


def _gold(tmp_path: Path) -> Path:
    text = "１９９７年，永川区委书记张明在重庆会见了老挝客人。"
    ents = [("永川区委", "ORG"), ("张明", "PER"), ("重庆", "LOC"), ("老挝", "LOC"), ("长江", "LOC")]
    spans = []
    for surface, label in ents:
        start = text.find(surface)
        if start >= 0:
            spans.append({"start": start, "end": start + len(surface), "label": label, "text": surface})
    spans.append({"start": 0, "end": 5, "label": "ORG", "text": text[:5]})  # a gold span nobody finds
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "g1", "text": text, "entities": spans}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def test_eval_ner_prints_a_table_and_writes_misses(tmp_path: Path, capsys) -> None:
    misses = tmp_path / "misses.csv"
    assert main(["eval", "ner", "--gold", str(_gold(tmp_path)), "--misses", str(misses)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["label", "tp", "fp", "fn", "P", "R", "F1"]
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:5]}
    assert set(rows) == {"PER", "LOC", "ORG", "ALL"}
    assert int(rows["PER"][1]) == 1 and int(rows["LOC"][1]) == 2
    # both speeds are reported: entity extraction per sentence, and the whole pipeline on the same text
    assert re.search(r"[\d,]+ chars/s \(segmentation \+ entity extraction", out)
    assert re.search(r"whole pipeline \(extract_text.*: [\d,]+ chars/s, one process", out)
    with misses.open(encoding="utf-8-sig") as handle:
        found = list(csv.DictReader(handle))
    assert {"outcome": "miss", "text": "１９９７年"}.items() <= next(r for r in found if r["text"] == "１９９７年").items()


def test_eval_ner_names_a_missing_gold_file(tmp_path: Path, capsys) -> None:
    assert main(["eval", "ner", "--gold", str(tmp_path / "nope.jsonl")]) == 2  # usage error: EXIT_USAGE
    assert "nope.jsonl" in capsys.readouterr().err


def test_eval_reads_the_repos_own_signing_corpus(capsys) -> None:
    from tests.conftest import FIXTURES

    assert main(["eval", "signings", "--gold", str(FIXTURES / "corpus" / "signings.jsonl")]) == 0
    assert "detected" in capsys.readouterr().out
