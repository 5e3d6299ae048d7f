"""The analyst's HTML report: one self-contained page to check extractions by eye.

Spans are drawn by spaCy's displaCy in manual mode. displaCy escapes the text it is given but not
the title, labels or kb links, so titles are rendered here (escaped) and only fixed labels go
to displaCy; every other string passes through ``html.escape``. A Content-Security-Policy with no
script source means that even a bug in escaping could not run a script, and that the page makes no
network request.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy import displacy

from zhnews.pipeline.records import ArticleRecord, ErrorEntry, Signing, Span

REVIEW_BELOW = 0.6
SECTIONS = ("summary", "articles", "quantities", "signings", "review", "errors")
COLORS: dict[str, str] = {
    "PERSON": "#c9b8ff", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561",
    "QUANTITY": "#b6e3a8", "DATE": "#f5b8d9", "PARTY_A": "#ffe066", "PARTY_B": "#9fd3ff",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0;color:#222;background:#fafafa;line-height:1.6}
header{background:#1f3a5f;color:#fff;padding:1rem 2rem}
header h1{margin:0;font-size:1.5rem}
nav a{color:#cfe3ff;margin-right:1rem}
main{padding:1rem 2rem;max-width:1200px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.5rem;margin:1rem 0}
h2{margin-top:0;border-bottom:2px solid #1f3a5f;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
article{border-top:1px solid #eee;padding:.8rem 0}
article h3{margin:.2rem 0}
.meta{color:#666;font-size:.85rem}
.legend span{display:inline-block;padding:.1rem .5rem;margin:.1rem;border-radius:.3rem;font-size:.8rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem}
.card{border:1px solid #ccd;border-radius:8px;padding:.8rem 1rem;background:#fcfcff}
.parties{display:flex;align-items:center;gap:.8rem;font-weight:bold}
.parties .side{flex:1}
.parties .arrow{font-size:1.6rem;color:#1f3a5f}
.card dl{display:grid;grid-template-columns:5rem 1fr;margin:.5rem 0}
.card dt{color:#666}
.evidence{background:#fffbe6;border-left:4px solid #f0c040;padding:.2rem .6rem;margin-top:.4rem}
.low{color:#b00020;font-weight:bold}
mark.entity{-webkit-box-decoration-break:clone;box-decoration-break:clone}
.empty{color:#888;font-style:italic}
"""


def esc(value: object) -> str:
    """Everything that is not displaCy's own text goes through here."""
    return "" if value is None else html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    label: str


def choose_marks(marks: Iterable[Mark]) -> tuple[list[Mark], int]:
    """displaCy's entity view cannot nest: keep the longest of overlapping spans, count the rest."""
    kept: list[Mark] = []
    dropped = 0
    for m in sorted(marks, key=lambda m: (-(m.end - m.start), m.start)):
        if m.end <= m.start or any(m.start < k.end and k.start < m.end for k in kept):
            dropped += 1
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start), dropped


def render_spans(text: str, marks: Iterable[Mark]) -> tuple[str, int]:
    """Text with highlighted spans via displaCy (manual mode); returns the markup and how many were hidden."""
    kept, dropped = choose_marks(marks)
    for m in kept:
        if m.label not in COLORS:  # labels are not escaped by displaCy: only our fixed ones may pass
            raise ValueError(f"unknown span label {m.label!r}")
    doc = {"text": text, "ents": [{"start": m.start, "end": m.end, "label": m.label} for m in kept]}
    markup = displacy.render([doc], style="ent", manual=True, page=False, jupyter=False,
                             options={"colors": COLORS})
    return str(markup), dropped


def article_marks(record: ArticleRecord) -> list[Mark]:
    marks = [Mark(e.start, e.end, e.label) for e in record.entities]
    marks += [Mark(q.start, q.end, "QUANTITY") for q in record.quantities]
    marks += [Mark(d.start, d.end, "DATE") for d in record.dates]
    return marks


def evidence_marks(record: ArticleRecord, signing: Signing, ev: Span) -> list[Mark]:
    """Parties, quantities and dates inside one evidence sentence, offsets relative to it."""
    marks: list[Mark] = []
    for label, parties in (("PARTY_A", signing.parties_a), ("PARTY_B", signing.parties_b)):
        for party in parties:
            if not party.text:
                continue
            at = ev.text.find(party.text)
            while at >= 0:
                marks.append(Mark(at, at + len(party.text), label))
                at = ev.text.find(party.text, at + len(party.text))
    for span, label in [(q, "QUANTITY") for q in record.quantities] + [(d, "DATE") for d in record.dates]:
        if ev.start <= span.start and span.end <= ev.end:
            marks.append(Mark(span.start - ev.start, span.end - ev.start, label))
    return marks


def summary_rows(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry]) -> list[dict[str, Any]]:
    """The run's summary as rows (metric, count): the report's first table and the flow's artifact."""
    labels = Counter(e.label for r in records for e in r.entities)
    kinds = Counter(q.kind for r in records for q in r.quantities)
    rows: list[dict[str, Any]] = [{"metric": "articles", "count": len(records)}]
    rows.append({"metric": "entities", "count": sum(labels.values())})
    rows += [{"metric": f"entities: {label}", "count": n} for label, n in sorted(labels.items())]
    rows.append({"metric": "quantities", "count": sum(kinds.values())})
    rows += [{"metric": f"quantities: {kind}", "count": n} for kind, n in sorted(kinds.items())]
    rows.append({"metric": "dates", "count": sum(len(r.dates) for r in records)})
    rows.append({"metric": "signings", "count": sum(len(r.signings) for r in records)})
    rows.append({"metric": f"to review (confidence < {REVIEW_BELOW})", "count": len(review_items(records))})
    rows.append({"metric": "errors", "count": len(errors)})
    return rows


def review_items(records: Sequence[ArticleRecord]) -> list[dict[str, Any]]:
    """Low-confidence extractions, least confident first."""
    items: list[dict[str, Any]] = []
    for r in records:
        for kind, spans in (("entity", r.entities), ("quantity", r.quantities), ("date", r.dates)):
            for s in spans:
                if s.confidence < REVIEW_BELOW:
                    label = getattr(s, "label", None) or getattr(s, "kind", None) or getattr(s, "value", "")
                    items.append({"record": r, "type": kind, "label": label, "text": s.text, "start": s.start,
                                  "end": s.end, "confidence": s.confidence, "rule": s.rule})
        for sg in r.signings:
            if sg.confidence < REVIEW_BELOW:
                ev = sg.evidence[0]
                items.append({"record": r, "type": "signing", "label": sg.object or "", "text": ev.text,
                              "start": ev.start, "end": ev.end, "confidence": sg.confidence, "rule": sg.rule})
    return sorted(items, key=lambda i: i["confidence"])


def _anchor(record: ArticleRecord) -> str:
    return "a-" + esc(record.id)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    """Cells arrive already escaped (some hold links), headers are escaped here."""
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    if not body:
        return f'<p class="empty">{esc(empty)}</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(value: object, num: bool = False) -> str:
    return f'<td class="num">{esc(value)}</td>' if num else f"<td>{esc(value)}</td>"


def _link(record: ArticleRecord) -> str:
    name = record.title or record.id
    return f'<td><a href="#{_anchor(record)}">{esc(name[:40])}</a></td>'


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.6g}"


def _legend() -> str:
    chips = "".join(f'<span style="background:{c}">{esc(label)}</span>' for label, c in COLORS.items())
    return f'<p class="legend">{chips}</p>'


def _summary(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry],
             given: Sequence[dict[str, Any]] | None = None) -> str:
    """Rows are (metric, count) dicts, or any two-key dicts such as a flow's run summary."""
    source = given if given is not None else summary_rows(records, errors)
    rows = [[_td(k), _td(v, num=True)] for k, v in (tuple(r.values())[:2] for r in source)]
    return f'<section id="summary"><h2>Summary</h2>{_table(["", "count"], rows, "nothing")}</section>'


def _articles(records: Sequence[ArticleRecord], total: int | None = None) -> str:
    count = f"{len(records)} of {total}" if total is not None and total != len(records) else f"{len(records)}"
    parts = [f'<section id="articles"><h2>Articles ({count})</h2>{_legend()}']
    for r in records:
        body, dropped = render_spans(r.text, article_marks(r))
        byline = ", ".join(x for x in [r.byline.outlet or "", *r.byline.reporters] if x)
        meta = " · ".join(esc(x) for x in (r.date, byline, r.source.uri, r.id) if x)
        hidden = (f'<p class="meta">{dropped} overlapping span(s) not drawn; see the tables below.</p>'
                  if dropped else "")
        subtitle = f'<p class="meta">{esc(r.subtitle)}</p>' if r.subtitle else ""
        parts.append(
            f'<article id="{_anchor(r)}"><h3>{esc(r.title or "(untitled)")}</h3>{subtitle}'
            f'<p class="meta">{meta}</p>{body}{hidden}</article>'
        )
    if not records:
        parts.append('<p class="empty">No articles.</p>')
    parts.append("</section>")
    return "".join(parts)


def _quantities(records: Sequence[ArticleRecord]) -> str:
    rows = []
    for r in records:
        for q in r.quantities:
            value = _number(q.value)
            if q.value is None and (q.low is not None or q.high is not None):
                value = f"{_number(q.low)}–{_number(q.high)}"
            rows.append([_link(r), _td(q.text), _td(value, num=True), _td(q.unit), _td(q.subject), _td(q.approx),
                         _td(q.kind), _td(f"{q.confidence:.2f}", num=True)])
    n = len(rows)
    table = _table(["article", "as written", "value", "unit", "subject", "approx", "kind", "confidence"], rows,
                   "No quantities.")
    return f'<section id="quantities"><h2>Quantities ({n})</h2>{table}</section>'


def _card(record: ArticleRecord, s: Signing) -> str:
    side_a = "、".join(esc(p.text) for p in s.parties_a) or "?"
    side_b = "、".join(esc(p.text) for p in s.parties_b) or "?"
    facts = [("count", s.count), ("object", s.object), ("date", s.date), ("place", s.place),
             ("confidence", f"{s.confidence:.2f}"), ("rule", s.rule)]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v) if v is not None else '—'}</dd>" for k, v in facts)
    evidence = "".join(
        f'<div class="evidence">{render_spans(ev.text, evidence_marks(record, s, ev))[0]}</div>' for ev in s.evidence
    )
    low = ' <span class="low">review</span>' if s.confidence < REVIEW_BELOW else ""
    return (
        f'<div class="card" id="s-{esc(s.id)}"><div class="parties"><div class="side">{side_a}</div>'
        f'<div class="arrow">↔</div><div class="side">{side_b}</div></div>{low}<dl>{dl}</dl>'
        f'<div class="meta">from <a href="#{_anchor(record)}">{esc(record.title or record.id)}</a></div>'
        f"{evidence}</div>"
    )


def _signings(records: Sequence[ArticleRecord]) -> str:
    cards = [_card(r, s) for r in records for s in r.signings]
    inner = f'<div class="cards">{"".join(cards)}</div>' if cards else '<p class="empty">No signings.</p>'
    return f'<section id="signings"><h2>Signings ({len(cards)})</h2>{inner}</section>'


def _context(text: str, start: int, end: int, width: int = 15) -> str:
    left, right = text[max(0, start - width):start], text[end:end + width]
    return f"…{esc(left)}<strong>{esc(text[start:end])}</strong>{esc(right)}…"


def _review(records: Sequence[ArticleRecord]) -> str:
    rows = [
        [_link(i["record"]), _td(i["type"]), _td(i["label"]),
         f'<td>{_context(i["record"].text, i["start"], i["end"])}</td>',
         _td(f'{i["confidence"]:.2f}', num=True), _td(i["rule"])]
        for i in review_items(records)
    ]
    table = _table(["article", "type", "label / kind", "in context", "confidence", "rule"], rows,
                   "Nothing below the review threshold.")
    return f'<section id="review"><h2>To review: confidence &lt; {REVIEW_BELOW} ({len(rows)})</h2>{table}</section>'


def _errors(errors: Sequence[ErrorEntry]) -> str:
    rows = [[_td(e.uri), _td(e.code), _td(e.message), _td(e.line, num=True), _td(e.byte_offset, num=True)]
            for e in errors]
    table = _table(["input", "code", "message", "line", "byte offset"], rows, "No errors.")
    return f'<section id="errors"><h2>Errors ({len(rows)})</h2>{table}</section>'


def render_report(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry], title: str = "zhnews report",
                  *, summary: Sequence[dict[str, Any]] | None = None, total_articles: int | None = None) -> str:
    """``summary``/``total_articles`` let a caller that shows only the first articles report the whole run."""
    nav = "".join(f'<a href="#{s}">{s}</a>' for s in SECTIONS)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><nav>{nav}</nav></header><main>"
        f"{_summary(records, errors, summary)}{_articles(records, total_articles)}{_quantities(records)}"
        f"{_signings(records)}"
        f"{_review(records)}{_errors(errors)}</main></body></html>\n"
    )


def write_report(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry], path: Path, *,
                 summary: Sequence[dict[str, Any]] | None = None, total_articles: int | None = None) -> Path:
    """Write the report (UTF-8) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(records, errors, summary=summary, total_articles=total_articles), encoding="utf-8")
    return path
