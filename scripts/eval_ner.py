"""Print the entity F1 table and chars/s on an ner_dev-shaped gold file (default ../shared/data/ner_dev.jsonl).

Usage: python scripts/eval_ner.py [GOLD] [--misses N] [--alarms N] [--label PER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zhnews.extractors.ner_eval import GoldFileMissing, evaluate_file  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--misses", type=int, default=0, help="print N missed gold spans")
    ap.add_argument("--alarms", type=int, default=0, help="print N false alarms")
    ap.add_argument("--label", default=None, help="only show rows of this label (PER/LOC/ORG)")
    ap.add_argument("--bench", action="store_true", help="also time extraction with tokens given (the pipeline's case)")
    args = ap.parse_args(argv)
    from zhnews.extractors.entities import extract_entities

    extract_entities("预热:加载词典。")  # load dictionaries and gazetteer outside the timing
    try:
        res = evaluate_file(args.gold)
    except GoldFileMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(res.format_table())
    if args.bench:
        _bench(args.gold)
    for title, rows, n in (("misses", res.misses, args.misses), ("false alarms", res.false_alarms, args.alarms)):
        rows = [r for r in rows if args.label is None or r["label"] == args.label]
        if n:
            print(f"\n# {title} ({len(rows)})")
            for r in rows[:n]:
                print(f"{r['label']}\t{r['text']}\t{r['context']}")
    return 0


def _bench(gold: str) -> None:
    """chars/s of segmentation alone, and of extraction when the caller passes jieba tokens."""
    import time

    from zhnews.extractors.entities import extract_entities
    from zhnews.extractors.entity_text import segment
    from zhnews.extractors.ner_eval import read_gold

    texts = [d.text for d in read_gold(gold)]
    chars = sum(len(t) for t in texts)
    t0 = time.process_time()
    toks = [segment(t) for t in texts]
    seg = time.process_time() - t0
    t0 = time.process_time()
    for t, tk in zip(texts, toks):
        extract_entities(t, tk)
    ext = time.process_time() - t0
    print(f"CPU time: segmentation only {chars / seg:,.0f} chars/s; extraction with tokens given {chars / ext:,.0f} chars/s; both {chars / (seg + ext):,.0f} chars/s")


if __name__ == "__main__":
    raise SystemExit(main())
