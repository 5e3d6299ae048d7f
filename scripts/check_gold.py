"""Check the hand-annotated gold files against the corpus they point into.

Every object with ``start``, ``end`` and ``text`` anywhere in a line must satisfy
``corpus_text[start:end] == text``; every line names an article of fixtures/gold/articles.json,
in the split it was assigned. Stdlib only, so annotators can run it without installing zhnews.

    python scripts/check_gold.py [FILE ...]      # default: every fixtures/gold/**/*.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "fixtures" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus" / "news_real.jsonl"
LABELS = {"entities": {"PERSON", "ORG", "GPE", "LOC"}}


def spans(node: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield path, node
        for key, value in node.items():
            yield from spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spans(value, f"{path}[{i}]")


def check_file(path: Path, texts: dict[str, str], split_of: dict[tuple[str, str], str]) -> list[str]:
    problems: list[str] = []
    kind = path.relative_to(GOLD).parts[0] if path.is_relative_to(GOLD) else path.parent.name
    seen: set[tuple[str, str]] = set()
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc.msg})")
            continue
        doc_id = row.get("doc_id")
        if doc_id not in texts:
            problems.append(f"{where}: doc_id {doc_id!r} is not in the corpus")
            continue
        key = (doc_id, str(row.get("pass", "A")))
        if key in seen:
            problems.append(f"{where}: {doc_id} pass {key[1]} annotated twice in this file")
        seen.add(key)
        expected = next((split_of[(k, doc_id)] for k in (kind, f"{kind}_negative", f"{kind}_more", f"{kind}_round2", f"{kind}_round3")
                         if (k, doc_id) in split_of), None)
        if expected is None:
            problems.append(f"{where}: {doc_id} is not chosen for {kind} in articles.json")
        elif row.get("split") != expected:
            problems.append(f"{where}: {doc_id} split {row.get('split')!r}, articles.json says {expected!r}")
        text = texts[doc_id]
        for at, span in spans(row):
            s, e, t = span["start"], span["end"], span["text"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
                problems.append(f"{where} {at}: bad offsets [{s}:{e}] for {t!r}")
            elif text[s:e] != t:
                problems.append(f"{where} {at}: [{s}:{e}] is {text[s:e]!r}, not {t!r}")
        for ent in row.get("entities", []) if kind == "entities" else []:
            if ent.get("label") not in LABELS["entities"]:
                problems.append(f"{where}: entity {ent.get('text')!r} has label {ent.get('label')!r}")
    return problems


def main(argv: list[str]) -> int:
    if not CORPUS.exists():
        print(f"check_gold: {CORPUS} is absent; the gold files point into it and cannot be checked", file=sys.stderr)
        return 2
    texts = {}
    for line in CORPUS.open(encoding="utf-8"):
        row = json.loads(line)
        texts[row["id"]] = row["text"]
    chosen = json.loads((GOLD / "articles.json").read_text(encoding="utf-8"))["sets"]
    split_of = {(kind, i): split for kind, splits in chosen.items() for split, ids in splits.items() for i in ids}
    files = [Path(a) for a in argv] or sorted(GOLD.rglob("*.jsonl"))
    problems = [p for f in files for p in check_file(f.resolve(), texts, split_of)]
    for p in problems:
        print(p)
    print(f"check_gold: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
