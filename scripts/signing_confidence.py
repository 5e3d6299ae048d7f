"""Recompute gazetteers/signings/family_confidence.tsv: each signing family's event precision on the dev
split, so a record's ``confidence`` says how often its kind of report was right (issue 16, docs/extraction.md).

A predicted event is "found" when it pairs with a gold event (the scorer's pairing: a shared evidence
sentence, else a shared party), "false" otherwise. The precision is smoothed as (found + 1) / (found + false + 2)
so a family seen a few times is not 1.0. Dev only: the test split is scored once by the lead and never tunes.

Usage: .venv/bin/python scripts/signing_confidence.py [--gold fixtures/gold/signings] [--write] [--markdown]
Without --write the table is printed and the file is left alone; --markdown prints the table for the docs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhnews.extractors.signing_families import FAMILIES  # noqa: E402
from zhnews.pipeline.evaluate import _pair, gold_folder_doc, predict_with_pipeline  # noqa: E402
from zhnews.pipeline.gold import gold_articles  # noqa: E402

TABLE = ROOT / "gazetteers" / "signings" / "family_confidence.tsv"
NOTES = {"witnessed": "两国总理共同见证…的签署", "ceremony": "签约仪式在…举行", "listed": "签约9家…，分别是…",
         "aggregate": "2018年签约项目492个", "passive": "…备忘录今天签署; 2018年签订的《…》",
         "direct": "A与B签署X; 中尼签署…", "reached": "达成…协议"}


def measure(gold: Path) -> tuple[Counter[str], Counter[str]]:
    """(found, false) per predicted family over the dev articles."""
    found: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for row in gold_articles(gold, ("dev",)):
        doc = gold_folder_doc(row)
        preds = [s for rec in predict_with_pipeline(doc.text) for s in rec.signings]
        paired = {j for _, j, _ in _pair(doc.signings, preds)}
        for j, p in enumerate(preds):
            (found if j in paired else false)[p.family or "direct"] += 1
    return found, false


def smoothed(found: int, false: int) -> float:
    return (found + 1) / (found + false + 2)


def rows(found: Counter[str], false: Counter[str]) -> list[tuple[str, float, int, int]]:
    return [(f, smoothed(found[f], false[f]), found[f], false[f]) for f in FAMILIES]


def tsv(table: list[tuple[str, float, int, int]]) -> str:
    lines = ["family\tconfidence\tdev_found\tdev_false\tnote"]
    lines += [f"{f}\t{c:.3f}\t{n}\t{x}\t{NOTES.get(f, '')}" for f, c, n, x in table]
    return "\n".join(lines) + "\n"


def markdown(table: list[tuple[str, float, int, int]]) -> str:
    lines = ["| family | confidence | found on dev | false alarms on dev |", "| --- | --- | --- | --- |"]
    lines += [f"| {f} | {c:.3f} | {n} | {x} |" for f, c, n, x in table]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "fixtures" / "gold" / "signings")
    ap.add_argument("--write", action="store_true", help=f"write {TABLE.relative_to(ROOT)}")
    ap.add_argument("--markdown", action="store_true", help="print the table for docs/extraction.md")
    args = ap.parse_args(argv)
    found, false = measure(args.gold)
    extra = sorted((set(found) | set(false)) - set(FAMILIES))
    if extra:
        print(f"families not in FAMILIES (left out): {extra}", file=sys.stderr)
    table = rows(found, false)
    print(markdown(table) if args.markdown else tsv(table), end="")
    if args.write:
        TABLE.write_text(tsv(table), encoding="utf-8")
        print(f"wrote {TABLE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
