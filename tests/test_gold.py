"""The hand-annotated gold sets: every span matches the corpus text, and the dev/test split reproduces.

The articles live in ../shared/corpus (never copied here); without them these checks cannot run.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

CORPUS = SHARED / "corpus" / "news_real.jsonl"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=f"{CORPUS} is absent: the gold spans point into it")


@needs_corpus
def test_every_gold_span_matches_the_corpus() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_gold.py")], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert " 0 problems" in proc.stdout


@needs_corpus
def test_article_selection_and_split_reproduce() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gold_select.py"), "--check"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_checker_finds_a_wrong_span(tmp_path) -> None:  # type: ignore[no-untyped-def]
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent")
    bad = tmp_path / "entities" / "bad.jsonl"
    bad.parent.mkdir()
    bad.write_text('{"doc_id": "rmrb-20190201-10-02", "split": "dev", "pass": "A", "entities": '
                   '[{"start": 0, "end": 2, "text": "不对", "label": "ORG"}]}\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_gold.py"), str(bad)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1 and "not '不对'" in proc.stdout


@needs_corpus
def test_eval_reads_our_gold_folders_on_dev(capsys) -> None:  # type: ignore[no-untyped-def]
    from zhnews.cli import main

    assert main(["eval", "ner", "--gold", str(ROOT / "fixtures" / "gold" / "entities")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^ALL\s+\d+", out, flags=re.M) and "titled people with their exact title chain" in out
    assert main(["eval", "quantities", "--gold", str(ROOT / "fixtures" / "gold" / "quantities")]) == 0
    assert "span+value+unit" in capsys.readouterr().out


def test_gold_reader_takes_pass_a_of_the_split_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from zhnews.pipeline.gold import gold_articles

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": f"正文{i}"}, ensure_ascii=False) + "\n"
                              for i in ("a", "b", "c")), encoding="utf-8")
    gold = tmp_path / "entities"
    gold.mkdir()
    (gold / "x.jsonl").write_text(
        '{"doc_id": "a", "split": "dev", "pass": "A", "entities": []}\n'
        '{"doc_id": "b", "split": "test", "pass": "A", "entities": []}\n', encoding="utf-8")
    (gold / "agreement_B.jsonl").write_text('{"doc_id": "a", "split": "dev", "pass": "B", "entities": []}\n',
                                            encoding="utf-8")
    rows = list(gold_articles(gold, ("dev",), corpus))
    assert [(r["id"], r["pass"], r["text"]) for r in rows] == [("a", "A", "正文a")]
    assert [r["id"] for r in gold_articles(gold, ("test",), corpus)] == ["b"]


def test_split_choices_name_the_splits_they_read() -> None:
    from zhnews.pipeline.gold import GoldError, expand_split

    assert expand_split("tune") == ("dev", "test")  # the first test split, spent, is tuning data now
    assert expand_split("test2") == ("test2",)
    assert expand_split("tune2") == ("dev", "test", "test2")  # test2 was scored once (third session)
    assert expand_split("tune3") == ("dev", "test", "test2", "test3")  # test3 was scored once (fourth session)
    with pytest.raises(GoldError, match="unknown split"):
        expand_split("all")
