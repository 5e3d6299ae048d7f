"""Our hand-annotated gold sets (fixtures/gold/<kind>/*.jsonl) joined with the corpus they point into.

The annotations hold ids and offsets, never the articles (internal research material that stays in
../shared); this is the one place that puts the two together for evaluation. Only pass-A lines are
gold; pass B (agreement_B.jsonl) exists to measure agreement.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator, Sequence

from zhnews.pipeline.errors import UserError

CORPUS_ENV = "ZHNEWS_CORPUS"
SPLITS = ("dev", "test", "test2", "test3")
# Each test split, once scored, becomes tuning data: test (second session) joins "tune", test2 (third session)
# joins "tune2"; test3 (drawn at the end of the third session, scored once in the fourth) joins "tune3".
SPLIT_CHOICES = {"dev": ("dev",), "tune": ("dev", "test"), "tune2": ("dev", "test", "test2"),
                 "tune3": ("dev", "test", "test2", "test3"), "test": ("test",), "test2": ("test2",),
                 "test3": ("test3",)}


def expand_split(name: str) -> tuple[str, ...]:
    """A --split choice as the splits it reads ("tune" is dev plus the spent first test split)."""
    if name not in SPLIT_CHOICES:
        raise GoldError(f"unknown split {name!r}; use one of {list(SPLIT_CHOICES)}")
    return SPLIT_CHOICES[name]


class GoldError(UserError):
    pass


def default_corpus(gold_dir: Path) -> Path:
    """$ZHNEWS_CORPUS, else shared/corpus/news_real.jsonl beside the checkout that holds the gold files."""
    if os.environ.get(CORPUS_ENV):
        return Path(os.environ[CORPUS_ENV])
    for parent in gold_dir.resolve().parents:
        candidate = parent.parent / "shared" / "corpus" / "news_real.jsonl"
        if (parent / "fixtures").is_dir() and candidate.exists():
            return candidate
    return Path("../shared/corpus/news_real.jsonl")


def read_corpus(path: Path, wanted: set[str]) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        raise GoldError(f"corpus {path} not found: the gold offsets point into it (--corpus or ${CORPUS_ENV})")
    found: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                found[row["id"]] = row
    return found


def gold_articles(gold_dir: Path, splits: Sequence[str] = ("dev",), corpus: Path | None = None) -> Iterator[dict[str, Any]]:
    """Pass-A gold lines of the given splits, each with the article's ``text`` (and title, date) added."""
    unknown = set(splits) - set(SPLITS)
    if unknown:
        raise GoldError(f"unknown split(s) {sorted(unknown)}; use {list(SPLITS)}")
    rows = []
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [r for r in map(json.loads, filter(str.strip, handle))
                     if r.get("pass", "A") == "A" and r.get("split") in splits]
    if not rows:
        raise GoldError(f"{gold_dir} holds no pass-A gold lines of split {'/'.join(splits)}")
    texts = read_corpus(corpus or default_corpus(Path(gold_dir)), {r["doc_id"] for r in rows})
    for row in rows:
        article = texts.get(row["doc_id"])
        if article is None:
            raise GoldError(f"{row['doc_id']} is not in the corpus")
        yield {**row, "id": row["doc_id"], "text": article["text"], "title": article.get("title"),
               "date": article.get("date")}
