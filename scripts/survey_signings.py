"""Run the whole pipeline over the real corpus and show the signings it finds and the trigger
sentences it drops, so precision and recall can be judged by eye and the rules tuned.

Usage: .venv/bin/python scripts/survey_signings.py [PATH] [--found N] [--dropped N] [--seed S] [--all]
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
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhnews.extractors.signings import CONCLUDE, SENTENCE, _trigger_regex  # noqa: E402
from zhnews.gazetteers.signing_rules import load_signing_rules  # noqa: E402
from zhnews.pipeline import extract_text  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "news_real.jsonl"


def _trigger_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences holding a trigger word or 达成…协议, whether or not the engine accepts them."""
    trig = _trigger_regex(load_signing_rules())
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if trig.search(m.group(0)) or CONCLUDE.search(m.group(0))]


def _flat(text: str) -> str:
    """Evidence comes from the split, normalised article: compare without width or spacing differences."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _show(signing) -> str:
    a = "、".join(p.text + ("" if p.entity_id else "?") for p in signing.parties_a)
    b = "、".join(p.text + ("" if p.entity_id else "?") for p in signing.parties_b)
    return (f"A=[{a}] B=[{b}] count={signing.count} object={signing.object} date={signing.date} "
            f"place={signing.place} amount={signing.amount}{signing.amount_unit or ''} rule={signing.rule}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--found", type=int, default=25, help="how many found signings to sample")
    ap.add_argument("--dropped", type=int, default=25, help="how many dropped trigger sentences to sample")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--all", action="store_true", help="print every found signing and dropped sentence")
    args = ap.parse_args()
    path = Path(args.path)
    if not path.exists():
        print(f"corpus not found: {path}. It lives outside the repo (../shared/corpus); "
              "pass a JSONL path whose rows have 'text' (and optionally 'date').")
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(len(r.get("text", "")) for r in rows)

    found: list[tuple[str, str, list[str]]] = []  # (article id, signing, evidence texts)
    dropped: list[tuple[str, str]] = []
    articles_with_trigger = sentences_with_trigger = articles_with_signing = 0
    t0 = time.perf_counter()
    for row in rows:
        text = row.get("text", "")
        triggered = _trigger_sentences(text)
        sentences_with_trigger += len(triggered)
        articles_with_trigger += bool(triggered)
        records = extract_text(text, source=row.get("id", "<text>"), date=row.get("date"))
        article_signings = [s for r in records for s in r.signings]
        articles_with_signing += bool(article_signings)
        evidence_texts = set()
        for s in article_signings:
            ev = [e.text for e in s.evidence]
            evidence_texts.update(ev)
            found.append((row.get("id", "?"), _show(s), ev))
        for a, b in triggered:
            sentence = text[a:b].strip()
            flat = _flat(sentence)
            if not any(_flat(e)[-12:] in flat for e in evidence_texts):
                dropped.append((row.get("id", "?"), sentence))
    elapsed = time.perf_counter() - t0

    print(f"{len(rows)} articles, {chars:,} chars, extract_text {chars / elapsed:,.0f} chars/s")
    print(f"articles with a trigger word: {articles_with_trigger}; trigger sentences: {sentences_with_trigger}")
    print(f"signings found: {len(found)} in {articles_with_signing} articles; "
          f"trigger sentences dropped: {len(dropped)}")
    print(f"found signings with a count: {sum('count=None' not in f[1] for f in found)}; "
          f"with no party: {sum(f[1].startswith('A=[] B=[]') for f in found)}")
    rng = random.Random(args.seed)
    sample_f = found if args.all else rng.sample(found, min(args.found, len(found)))
    sample_d = dropped if args.all else rng.sample(dropped, min(args.dropped, len(dropped)))
    print("\n=== found (parties marked ? have no entity) ===")
    for n, (rid, shown, ev) in enumerate(sample_f, 1):
        print(f"[F{n}] {rid} {shown}")
        for e in ev:
            print("     |", re.sub(r"\s+", " ", e)[:220])
    print("\n=== dropped trigger sentences ===")
    for n, (rid, sentence) in enumerate(sample_d, 1):
        print(f"[D{n}] {rid} |", re.sub(r"\s+", " ", sentence)[:220])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
