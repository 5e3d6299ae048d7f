"""Run the number, quantity and date extractors over the real corpus; print speed, what they find and miss.

Usage: .venv/bin/python scripts/survey_quantities.py [PATH] [--misses N] [--show KIND] [--sample N --seed S]

--sample N draws N quantities uniformly at random (seeded) and prints each in context, numbered, for
judging value, unit and subject by eye (the estimate of "all three right" in the issue).
PATH defaults to ../shared/corpus/news_real.jsonl (read-only research material: its text is printed
to the terminal for study, never written into the repository).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhnews.extractors.dates import extract_dates  # noqa: E402
from zhnews.extractors.numbers import find_numbers  # noqa: E402
from zhnews.extractors.quantities import _blocked, extract_quantities  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "news_real.jsonl"
_DIGIT = re.compile(r"[0-9０-９]+")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--misses", type=int, default=30, help="how many uncovered digits to show")
    ap.add_argument("--show", default="", help="print every quantity of this kind (count, money, ...)")
    ap.add_argument("--sample", type=int, default=0, help="print N quantities drawn at random, in context")
    ap.add_argument("--seed", type=int, default=5, help="seed for --sample")
    args = ap.parse_args()
    path = Path(args.path)
    if not path.exists():
        print(f"corpus not found: {path} (it lives outside the repo; pass a JSONL path with a 'text' field)")
        return 2
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [d.get("text", "") for d in docs]
    chars = sum(map(len, texts))

    t0 = time.perf_counter()
    quantities = [extract_quantities(t) for t in texts]
    t1 = time.perf_counter()
    _blocked.cache_clear()
    dates = [extract_dates(t, d.get("date")) for t, d in zip(texts, docs)]
    t2 = time.perf_counter()
    print(f"{len(docs)} documents, {chars:,} chars")
    print(f"extract_quantities (includes its own date pass): {chars / (t1 - t0):,.0f} chars/s")
    print(f"extract_dates: {chars / (t2 - t1):,.0f} chars/s")

    kinds = Counter(q.kind for qs in quantities for q in qs)
    rules = Counter(q.rule for qs in quantities for q in qs)
    units = Counter(q.unit for qs in quantities for q in qs)
    print("quantities:", sum(kinds.values()), dict(kinds.most_common()))
    print("rules:", dict(rules.most_common()))
    print("units:", units.most_common(40))
    print("dates:", sum(map(len, dates)), dict(Counter(d.rule for ds in dates for d in ds).most_common()))
    numbers = [find_numbers(t, skip_words=True) for t in texts]
    print("numbers (find_numbers, skip_words):", sum(map(len, numbers)),
          "of which multiplied by 打/双/对:", sum(1 for ns in numbers for n in ns if n.text[-1] in "打双对雙對"),
          "with a space inside:", sum(1 for ns in numbers for n in ns if any(c.isspace() for c in n.text)))
    with_subject = sum(1 for qs in quantities for q in qs if q.kind == "count" and q.subject)
    print(f"counts with a subject: {with_subject}/{kinds.get('count', 0)}")

    misses: Counter[str] = Counter()
    shown = 0
    for text, qs, ds in zip(texts, quantities, dates):
        covered: set[int] = set()
        for m in list(qs) + list(ds):
            covered.update(range(m.start, m.end))
        for a, b in _blocked(text):
            covered.update(range(a, b))
        for m in _DIGIT.finditer(text):
            if m.start() not in covered:
                ctx = text[max(0, m.start() - 8):m.end() + 8].replace("\n", " ")
                misses[text[m.end():m.end() + 2]] += 1
                if shown < args.misses:
                    print("  MISS", ctx)
                    shown += 1
        if args.show:
            for q in qs:
                if q.kind == args.show:
                    print(f"  {q.kind:8} {q.text:12} value={q.value} unit={q.unit} subject={q.subject} approx={q.approx}")
    print("uncovered digits, by the two characters after them:", misses.most_common(30))
    if args.sample:
        pool = [(i, q) for i, qs in enumerate(quantities) for q in qs]
        rng = random.Random(args.seed)
        picked = sorted(rng.sample(range(len(pool)), min(args.sample, len(pool))))
        print(f"sample of {len(picked)} from {len(pool)} quantities (seed {args.seed}):")
        for k, idx in enumerate(picked, 1):
            i, q = pool[idx]
            t = texts[i]
            ctx = (t[max(0, q.start - 14):q.start] + "[" + q.text + "]" + t[q.end:q.end + 14]).replace("\n", " ")
            print(f"{k:3} doc{i:<4} {q.kind:8} v={q.value} lo={q.low} hi={q.high} u={q.unit} "
                  f"s={q.subject} a={q.approx} | {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
