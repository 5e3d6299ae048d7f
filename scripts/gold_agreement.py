"""Agreement between the two independent annotation passes (A and B) over the same articles.

    python scripts/gold_agreement.py            # prints the tables, writes docs/annotation/agreement.md

Pass B lives in fixtures/gold/<kind>/agreement_B.jsonl; pass A is whatever pass-A line exists for the same
article in the other files of that kind. F1 treats pass A as the reference (the figure is symmetric).
Stdlib only, like check_gold.py.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "fixtures" / "gold"
OUT = ROOT / "docs" / "annotation" / "agreement.md"


def load_passes(kind: str) -> tuple[dict[str, dict], dict[str, dict]]:
    a: dict[str, dict] = {}
    b: dict[str, dict] = {}
    for path in sorted((GOLD / kind).glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                (b if row.get("pass") == "B" else a)[row["doc_id"]] = row
    return {k: a[k] for k in b if k in a}, {k: b[k] for k in b if k in a}


def prf(tp: int, n_a: int, n_b: int) -> tuple[float, float, float]:
    p = tp / n_b if n_b else 1.0
    r = tp / n_a if n_a else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def f1_of(keys_a: Iterable[Any], keys_b: Iterable[Any]) -> tuple[int, int, int, float]:
    ca, cb = Counter(keys_a), Counter(keys_b)
    tp = sum((ca & cb).values())
    return tp, sum(ca.values()), sum(cb.values()), prf(tp, sum(ca.values()), sum(cb.values()))[2]


def row(name: str, stats: tuple[int, int, int, float]) -> str:
    tp, n_a, n_b, f1 = stats
    return f"| {name} | {n_a} | {n_b} | {tp} | **{f1:.3f}** |"


def entities() -> list[str]:
    a, b = load_passes("entities")
    lines = [f"Articles in both passes: {len(a)}.", "", "| measure | pass A | pass B | agree | F1 |", "|---|---|---|---|---|"]
    key = lambda d, e: (d, e["start"], e["end"], e["label"])  # noqa: E731
    ents = lambda p: [(d, e) for d, r in p.items() for e in r["entities"]]  # noqa: E731
    lines.append(row("entity spans + label (strict)", f1_of([key(d, e) for d, e in ents(a)], [key(d, e) for d, e in ents(b)])))
    lines.append(row("entity spans, any label", f1_of([(d, e["start"], e["end"]) for d, e in ents(a)],
                                                      [(d, e["start"], e["end"]) for d, e in ents(b)])))
    for label in ("PERSON", "ORG", "GPE", "LOC"):
        lines.append(row(f"  {label}", f1_of([key(d, e) for d, e in ents(a) if e["label"] == label],
                                             [key(d, e) for d, e in ents(b) if e["label"] == label])))
    chain = lambda e: tuple(t["text"] for t in e.get("titles", []))  # noqa: E731
    people_b = {key(d, e): chain(e) for d, e in ents(b) if e["label"] == "PERSON"}
    both = [(chain(e), people_b[key(d, e)]) for d, e in ents(a) if e["label"] == "PERSON" and key(d, e) in people_b]
    titled = [(x, y) for x, y in both if x or y]
    same = sum(x == y for x, y in titled)
    lines += ["", f"Title chains, on the {len(both)} people both passes found: {len(titled)} carry a title in either "
              f"pass, and the chains are identical for **{same}** of them ({same / max(1, len(titled)):.1%})."]
    return lines


def quantities() -> list[str]:
    a, b = load_passes("quantities")
    qs = lambda p: [(d, q) for d, r in p.items() for q in r["quantities"]]  # noqa: E731
    lines = [f"Articles in both passes: {len(a)}.", "", "| measure | pass A | pass B | agree | F1 |", "|---|---|---|---|---|"]
    span = lambda d, q: (d, q["start"], q["end"])  # noqa: E731
    lines.append(row("span (strict)", f1_of([span(d, q) for d, q in qs(a)], [span(d, q) for d, q in qs(b)])))
    value = lambda d, q: (d, q["end"], q["value"], q.get("low"), q.get("high"))  # noqa: E731
    lines.append(row("value (same end, same value)", f1_of([value(d, q) for d, q in qs(a)], [value(d, q) for d, q in qs(b)])))
    vu = lambda d, q: value(d, q) + (q["unit"],)  # noqa: E731
    lines.append(row("value + unit", f1_of([vu(d, q) for d, q in qs(a)], [vu(d, q) for d, q in qs(b)])))

    def subject_key(strict: bool) -> Callable[[str, dict], Any]:
        def key(d: str, q: dict) -> Any:
            s = q.get("subject")
            return vu(d, q) + ((s["start"], s["end"]) if strict and s else (s["end"],) if s else (None,))
        return key

    strict, lenient = subject_key(True), subject_key(False)
    lines.append(row("value + unit + subject (strict span)", f1_of([strict(d, q) for d, q in qs(a)], [strict(d, q) for d, q in qs(b)])))
    lines.append(row("value + unit + subject (same head: same end)", f1_of([lenient(d, q) for d, q in qs(a)], [lenient(d, q) for d, q in qs(b)])))
    return lines


def signings() -> list[str]:
    a, b = load_passes("signings")
    evs = lambda p: [(d, s) for d, r in p.items() for s in r["signings"]]  # noqa: E731
    lines = [f"Articles in both passes: {len(a)} ({sum(1 for r in a.values() if r['signings'])} with a signing in "
             f"pass A).", "", "| measure | pass A | pass B | agree | F1 |", "|---|---|---|---|---|"]
    # An event is identified by its trigger: the same signing act has the same trigger word in the text.
    trig = lambda d, s: (d, s["trigger"]["start"], s["trigger"]["end"])  # noqa: E731
    lines.append(row("events (same trigger)", f1_of([trig(d, s) for d, s in evs(a)], [trig(d, s) for d, s in evs(b)])))
    parties = lambda d, s: [trig(d, s) + (p["start"], p["end"]) for side in ("parties_a", "parties_b") for p in s[side]]  # noqa: E731
    lines.append(row("parties (exact span, within the same event)",
                     f1_of([k for d, s in evs(a) for k in parties(d, s)], [k for d, s in evs(b) for k in parties(d, s)])))
    count_b = {trig(d, s): s.get("count") for d, s in evs(b)}
    matched = [(s.get("count"), count_b[trig(d, s)]) for d, s in evs(a) if trig(d, s) in count_b]
    with_count = [(x, y) for x, y in matched if x is not None or y is not None]
    same = sum(x == y for x, y in with_count)
    fam_b = {trig(d, s): s.get("family") for d, s in evs(b)}
    fam_same = sum(s.get("family") == fam_b[trig(d, s)] for d, s in evs(a) if trig(d, s) in fam_b)
    lines += ["", f"On the {len(matched)} events both passes found: the count agrees on {same} of the "
              f"{len(with_count)} that carry a count in either pass; the family agrees on {fam_same}."]
    return lines


def main() -> int:
    sections = [("Entities", entities()), ("Quantities", quantities()), ("Signings", signings())]
    text = ["# Agreement between two annotation passes", "",
            "Generated by `python scripts/gold_agreement.py` from `fixtures/gold/*/agreement_B.jsonl` (pass B, an",
            "independent second annotator) and the pass-A lines of the same articles. Both passes followed the",
            "guideline as it stood before the mends listed in each guideline's last section. These figures were",
            "measured before adjudication (the adjudicator read pass B's disagreements, so re-measuring afterwards would",
            "flatter the agreement). Both passes were made by independent helpers of the same kind, reading the articles;",
            "two human annotators would likely disagree more, so read these as an upper bound.", ""]
    for title, lines in sections:
        text += [f"## {title}", "", *lines, ""]
    out = "\n".join(text)
    print(out)
    if "--no-write" not in sys.argv:
        OUT.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
