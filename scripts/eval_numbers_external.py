"""Score our number finding against Microsoft Recognizers-Text's Chinese number specs (an independent set).

Usage: .venv/bin/python scripts/eval_numbers_external.py --specs DIR [--show-errors N] [--json]

DIR holds the public (MIT) spec files of microsoft/Recognizers-Text, ``Specs/Number/Chinese/``:
NumberModel.json, PercentModel.json, OrdinalModel.json, NumberRangeModel.json (whichever are present).
They are not part of this repository: keep them outside it (e.g. /tmp/rt/) and pass the folder.

Each spec case is {Input, Results: [{Text, TypeName, Resolution: {value}}], NotSupported?}. Cases whose
NotSupported or NotSupportedByDesign lists ``python`` are skipped (RT's own Python port does not pass
them either) and counted separately.

What runs for each file (only that file's TypeName is scored):
- NumberModel (``number``): ``zhnews.extractors.numbers.find_numbers`` over the Input; a numeral that our
  quantity extractor types as a percentage or an ordinal (百分之五十, 三个百分点, 第三) is given that
  type and not counted as a ``number`` (RT types them so too); a one-numeral range (两三千) carries
  no single value and can only count as a false positive.
- PercentModel (``percentage``): ``zhnews.extractors.quantities.extract_quantities`` items of kind percent;
  the value is in percent points, as RT's "50%".
- OrdinalModel (``ordinal``): extract_quantities items of kind ordinal, span cut back to 第+numeral
  (our ordinal span also takes the measure word after it: 第一名).
- NumberRangeModel (``numberrange``): every case is NotSupported for python in RT, so these cases are
  left out of the headline figure and scored on a separate line ("numberrange, ours"): each of our
  quantities becomes an interval, a written range (一到五, 20~100) its low and high, a one-sided
  marker an open bound (以上, 超过, 多, 余 -> (v, ); 以下, 不到, 不足 -> ( , v)); a prediction is right
  when its span overlaps an expected one and both bounds are equal (open or closed brackets are not
  compared: we do not record them). Comparisons written as words (大于二十, 小于等于三十五, 比三十大)
  are not ranges in our schema and count as misses.

Matching rule: a prediction is a true positive when its span text is exactly the Text of an unmatched
expected result (at the same position: results are located left to right in the Input) and its value
equals the expected value within 1e-9 relative (1e-12 absolute near zero). A span that matches with a
wrong value counts as one false positive and one false negative. Precision, recall and F1 are micro
averages over results. Leading approximation markers in our spans (近, 约, 超过) are trimmed before
comparing because RT's spans never include them.

The headline figure is over every supported case. A second figure, labelled "news-form subset", leaves
out cases whose expected Text uses a form that 1.8 M characters of People's Daily never use
(``NON_NEWS`` below): spaces inside a numeral (一百 五 十 二), scientific, power or k/M notation (2e5,
2^5, 40k), collective measure words read as multipliers (一打 = 12, 三双 = 6, 一百对), 兆 as 10^12,
半百, a leading decimal point (.5) and dotted strings (2222.2222.22222). We read all of these now; the
subset is kept to show that reading them cost nothing on the news forms.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhnews.extractors.numbers import NUMERAL_RE, find_numbers  # noqa: E402
from zhnews.extractors.quantities import extract_quantities  # noqa: E402
from zhnews.gazetteers.quantities import load  # noqa: E402

FILES = {
    "NumberModel.json": "number",
    "PercentModel.json": "percentage",
    "OrdinalModel.json": "ordinal",
    "NumberRangeModel.json": "numberrange",
}
NON_NEWS = re.compile(
    r"\s|[0-9０-９][eE^kKＫM]|[eE^][-+－]?[0-9０-９]|[打双雙对對]$|半百|兆|^-?\.|[0-9]\.[0-9]+\.[0-9]"
)
_APPROX_BEFORE = tuple(sorted(load().approx_before, key=len, reverse=True))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cases: int = 0
    skipped: int = 0
    perfect: int = 0
    errors: list[str] = field(default_factory=list)

    def tally(self, text: str, tp: int, n_pred: int, gold: list[tuple[int, int, Any]], wrong: list[str],
              show: int) -> None:
        """Add one case: its matches, and its first disagreements while fewer than ``show`` are kept."""
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += len(gold) - tp
        if tp == len(gold) == n_pred:
            self.perfect += 1
        elif len(self.errors) < show:
            want = [f"{text[a:b]}={v}" for a, b, v in gold]
            self.errors.append(f"  {text[:60]!r}: want {want} got-wrong {wrong}")

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _value(raw: str) -> float | None:
    try:
        return float(raw.rstrip("%"))
    except (ValueError, AttributeError):
        return None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _skipped(case: dict) -> bool:
    ns = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
    return "python" in ns


def _trim_approx(text: str, s: int, e: int) -> int:
    for marker in _APPROX_BEFORE:
        if text.startswith(marker, s) and s + len(marker) < e:
            return s + len(marker)
    return s


_LOWER = frozenset({"超过", "超", "逾", "至少", "不少于", "不低于", "多达", "余", "多", "以上", "之多", "有余", "开外"})
_UPPER = frozenset({"不到", "不足", "不超过", "以下", "以内"})


def _interval(raw: str) -> tuple[float | None, float | None] | None:
    """RT's "(20,35]" / "[3965,)" as (low, high), None for an open end."""
    m = re.fullmatch(r"[\[(]\s*([^,]*),\s*([^\])]*)[\])]", raw or "")
    if not m:
        return None
    lo, hi = (_value(x) if x.strip() else None for x in m.groups())
    return lo, hi


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or _close(a, b)


def score_ranges(cases: list[dict], show: int) -> Score:
    """Our quantity ranges and one-sided markers against RT's numberrange results (see the docstring)."""
    sc = Score()
    for case in cases:
        sc.cases += 1
        text = case["Input"]
        gold = []
        pos = 0
        for r in case.get("Results", []):
            i = text.find(r["Text"], pos)
            if i < 0:
                continue
            pos = i + len(r["Text"])
            gold.append((i, pos, _interval(r.get("Resolution", {}).get("value", ""))))
        pred = []
        for q in extract_quantities(text):
            if q.low is not None or q.high is not None:
                pred.append((q.start, q.end, (q.low, q.high)))
            elif q.approx in _LOWER:
                pred.append((q.start, q.end, (q.value, None)))
            elif q.approx in _UPPER:
                pred.append((q.start, q.end, (None, q.value)))
        used = [False] * len(gold)
        tp = 0
        wrong = []
        for s, e, iv in pred:
            hit = next((k for k, (gs, ge, giv) in enumerate(gold) if not used[k] and s < ge and gs < e
                        and giv is not None and _same(iv[0], giv[0]) and _same(iv[1], giv[1])), None)
            if hit is None:
                wrong.append(f"{text[s:e]}={iv}")
            else:
                used[hit] = True
                tp += 1
        sc.tally(text, tp, len(pred), gold, wrong, show)
    return sc


def predict(text: str, type_name: str) -> list[tuple[int, int, float | None]]:
    """Our (start, end, value) for one RT TypeName."""
    if type_name == "numberrange":
        return []
    qs = extract_quantities(text)
    if type_name == "percentage":
        return [(_trim_approx(text, q.start, q.end), q.end, q.value) for q in qs if q.kind == "percent"]
    if type_name == "ordinal":
        out = []
        for q in qs:
            if q.kind == "ordinal" and text.startswith("第", q.start):
                m = NUMERAL_RE.match(text, q.start + 1)
                out.append((q.start, m.end() if m else q.end, q.value))
        return out
    typed = [(q.start, q.end) for q in qs if q.kind in ("percent", "ordinal")]
    out = []
    for n in find_numbers(text, skip_words=True):
        if any(a <= n.start and n.end <= b for a, b in typed):
            continue
        out.append((n.start, n.end, n.value))
    return out


def _expected(case: dict, type_name: str) -> list[tuple[int, int, float | None]]:
    text = case["Input"]
    out, pos = [], 0
    for r in case.get("Results", []):
        if r.get("TypeName") != type_name:
            continue
        t = r["Text"]
        i = text.find(t, pos)
        if i < 0:
            i = text.find(t)
        if i < 0:
            continue
        pos = i + len(t)
        out.append((i, i + len(t), _value(r.get("Resolution", {}).get("value"))))
    return out


def _non_news(case: dict) -> bool:
    return any(NON_NEWS.search(r.get("Text", "")) for r in case.get("Results", []))


def score_file(cases: list[dict], type_name: str, show: int, news_only: bool = False) -> Score:
    sc = Score()
    for case in cases:
        if _skipped(case) or (news_only and _non_news(case)):
            sc.skipped += 1
            continue
        sc.cases += 1
        text = case["Input"]
        gold = _expected(case, type_name)
        pred = predict(text, type_name)
        used = [False] * len(gold)
        tp = 0
        wrong = []
        for s, e, v in pred:
            hit = next((i for i, g in enumerate(gold) if not used[i] and g[0] == s and g[1] == e), None)
            if hit is not None and _close(v, gold[hit][2]):
                used[hit] = True
                tp += 1
            else:
                wrong.append(f"{text[s:e]}={v}")
        sc.tally(text, tp, len(pred), gold, wrong, show)
    return sc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--specs", required=True, help="folder with RT's Specs/Number/Chinese/*.json")
    ap.add_argument("--show-errors", type=int, default=0, help="print up to N failing cases per file")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    specs = Path(args.specs)
    if not specs.is_dir():
        print(f"specs folder not found: {specs}\n"
              "Fetch Specs/Number/Chinese/*.json of microsoft/Recognizers-Text (MIT) into a folder outside "
              "the repository and pass it with --specs.", file=sys.stderr)
        return 2
    present = [name for name in FILES if (specs / name).is_file()]
    if not present:
        print(f"no spec files in {specs}: expected any of {', '.join(FILES)}", file=sys.stderr)
        return 2
    total = Score()
    news = Score()
    report: dict[str, dict] = {}
    t0 = time.perf_counter()
    for name in present:
        type_name = FILES[name]
        cases = json.loads((specs / name).read_text(encoding="utf-8-sig"))
        sub = score_file(cases, type_name, 0, news_only=True)
        for k in ("tp", "fp", "fn", "cases"):
            setattr(news, k, getattr(news, k) + getattr(sub, k))
        sc = score_file(cases, type_name, args.show_errors)
        p, r, f = sc.prf()
        report[name] = {"type": type_name, "cases": sc.cases, "skipped_not_supported": sc.skipped,
                        "perfect_cases": sc.perfect, "tp": sc.tp, "fp": sc.fp, "fn": sc.fn,
                        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                        "news_form_subset": {"cases": sub.cases, "f1": round(sub.prf()[2], 4)}}
        for k in ("tp", "fp", "fn", "cases", "skipped", "perfect"):
            setattr(total, k, getattr(total, k) + getattr(sc, k))
        if not args.json:
            scored = "not scored (all cases NotSupported for python)" if sc.cases == 0 else (
                f"P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {sc.tp} fp {sc.fp} fn {sc.fn})")
            print(f"{name:24} {type_name:12} cases {sc.cases:3} skipped {sc.skipped:3} "
                  f"perfect {sc.perfect:3}  {scored}")
            if sc.cases:
                print(f"{'':37} news-form subset: cases {sub.cases:3}  F1 {sub.prf()[2]:.3f}")
            for line in sc.errors:
                print(line)
        if type_name == "numberrange":
            rs = score_ranges(cases, args.show_errors)
            rp, rr, rf = rs.prf()
            report[name]["ours_separately"] = {"cases": rs.cases, "perfect_cases": rs.perfect, "tp": rs.tp,
                                               "fp": rs.fp, "fn": rs.fn, "precision": round(rp, 4),
                                               "recall": round(rr, 4), "f1": round(rf, 4)}
            if not args.json:
                print(f"{'  numberrange, ours':37} cases {rs.cases:3} perfect {rs.perfect:3}  "
                      f"P {rp:.3f} R {rr:.3f} F1 {rf:.3f}  (tp {rs.tp} fp {rs.fp} fn {rs.fn}; "
                      "not in the totals below)")
                for line in rs.errors:
                    print(line)
    p, r, f = total.prf()
    np_, nr, nf = news.prf()
    report["news_form_subset"] = {"cases": news.cases, "tp": news.tp, "fp": news.fp, "fn": news.fn,
                                  "precision": round(np_, 4), "recall": round(nr, 4), "f1": round(nf, 4)}
    report["all"] = {"cases": total.cases, "skipped_not_supported": total.skipped, "tp": total.tp,
                     "fp": total.fp, "fn": total.fn, "precision": round(p, 4), "recall": round(r, 4),
                     "f1": round(f, 4), "seconds": round(time.perf_counter() - t0, 2)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"{'all':24} {'':12} cases {total.cases:3} skipped {total.skipped:3} "
              f"perfect {total.perfect:3}  P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {total.tp} fp {total.fp} fn {total.fn})")
        print(f"{'news-form subset':37} cases {news.cases:3}  P {np_:.3f} R {nr:.3f} F1 {nf:.3f}  "
              f"(tp {news.tp} fp {news.fp} fn {news.fn})")
        print("TypeNames in the totals: number, percentage, ordinal; numberrange (NotSupported for python "
              "in RT) is the separate line above.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
