"""Gazetteer matching throughput beside jieba.lcut on the same text, in the same run.

    python scripts/bench_gazetteers.py [--corpus PATH] [--repeat N] [--eval [NER_JSONL]]

Reads ../shared/corpus/news_real.jsonl (JSONL with a "text" field) by default; if it is absent the
script says so and exits 0. ``--eval`` also scores gazetteer hits against a span-annotated NER file
(../shared/data/ner_dev.jsonl: MSRA PER/LOC/ORG): a hit is exact when a gold span of the mapped
label (GPE/LOC -> LOC, ORG -> ORG) has the same offsets, inside when it lies within a gold entity.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhnews.gazetteers import load_gazetteer  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "news_real.jsonl"
DEFAULT_NER = SHARED / "data" / "ner_dev.jsonl"


def read_texts(path: Path) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench(texts: Sequence[str], repeat: int) -> dict[str, float]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = tmp
        tokenizer.initialize()
        gaz = load_gazetteer()
        gaz.match(texts[0])  # warm

        chars = sum(len(t) for t in texts)
        # Interleaved rounds, best of each: a busy machine slows both sides alike.
        t_match = t_both = t_jieba = float("inf")
        for _ in range(repeat):
            t_match = min(t_match, best_time(lambda: [gaz.match(t) for t in texts], 1))
            t_both = min(t_both, best_time(lambda: [(gaz.match(t), gaz.match_abbreviations(t)) for t in texts], 1))
            t_jieba = min(t_jieba, best_time(lambda: [tokenizer.lcut(t, HMM=True) for t in texts], 1))
    return {
        "chars": chars,
        "match_cps": chars / t_match,
        "match_abbr_cps": chars / t_both,
        "jieba_cps": chars / t_jieba,
    }


def evaluate(path: Path) -> None:
    gaz = load_gazetteer()
    by_type: dict[str, Counter[str]] = {}
    false: Counter[tuple[str, str]] = Counter()
    gold_total: Counter[str] = Counter()
    gold_found: Counter[str] = Counter()
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            gold = {(e["start"], e["end"]): e["label"] for e in doc["entities"]}
            gold_total.update(e["label"] for e in doc["entities"])
            for h in gaz.match(text) + gaz.match_abbreviations(text):
                label = "ORG" if h.type == "ORG" else "LOC"
                c = by_type.setdefault(h.type, Counter())
                c["hits"] += 1
                if gold.get((h.start, h.end)) == label:
                    c["exact"] += 1
                    gold_found[label] += 1
                elif any(s <= h.start and h.end <= e for s, e in gold):
                    c["inside"] += 1
                else:
                    c["false"] += 1
                    false[(h.type, h.surface)] += 1
    print(f"\nhits against {path} (exact = same span and label; inside = within a gold entity)")
    for type_, c in sorted(by_type.items()):
        print(f"  {type_:<10} hits {c['hits']:5d}  exact {c['exact']:5d}  inside {c['inside']:5d}  false {c['false']:4d}"
              f"  precision(exact+inside) {(c['exact'] + c['inside']) / c['hits']:.3f}")
    for label in ("LOC", "ORG"):
        if gold_total[label]:
            print(f"  gold {label} spans found exactly: {gold_found[label]}/{gold_total[label]} = {gold_found[label] / gold_total[label]:.3f}")
    print("  most frequent false hits:", ", ".join(f"{s}({t}) {n}" for (t, s), n in false.most_common(20)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument("--eval", nargs="?", const=DEFAULT_NER, type=Path, default=None, metavar="NER_JSONL")
    args = parser.parse_args(argv)

    if not args.corpus.exists():
        print(f"bench_gazetteers: corpus {args.corpus} not found; nothing to measure (skipped).")
        return 0
    texts = read_texts(args.corpus)
    r = bench(texts, args.repeat)
    print(f"corpus: {args.corpus} ({len(texts)} documents, {int(r['chars']):,} characters), best of {args.repeat}")
    print(f"  gazetteer match                : {r['match_cps']:>12,.0f} chars/s")
    print(f"  gazetteer match + abbreviations: {r['match_abbr_cps']:>12,.0f} chars/s")
    print(f"  jieba.lcut (HMM, Tokenizer)    : {r['jieba_cps']:>12,.0f} chars/s")
    print(f"  ratio match / jieba            : {r['match_cps'] / r['jieba_cps']:.1f}x")
    print(f"  ratio match+abbr / jieba       : {r['match_abbr_cps'] / r['jieba_cps']:.1f}x")
    if args.eval is not None:
        if args.eval.exists():
            evaluate(args.eval)
        else:
            print(f"bench_gazetteers: NER file {args.eval} not found; evaluation skipped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
