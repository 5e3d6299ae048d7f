"""The analyst's HTML report: one self-contained page to check extractions by eye.

Spans are drawn by spaCy's displaCy in manual mode. displaCy escapes the text it is given but not
the title, labels or kb links, so titles are rendered here (escaped) and only fixed labels go
to displaCy; every other string passes through ``html.escape``. A Content-Security-Policy with no
script source means that even a bug in escaping could not run a script, and that the page makes no
network request.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.displacy.render import EntityRenderer

from zhnews.pipeline.records import ArticleRecord, ErrorEntry, Signing, Span
from zhnews.pipeline.site_review import MIN_REVIEWED, RulePrecision, rule_words

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
    # One byte per character says "drawn already": a span overlaps a kept one iff its range holds a
    # marked byte (bytearray.find, C speed), and kept spans mark disjoint ranges, so the work is linear
    # in the text plus the spans' lengths, not spans x kept spans (issue 18: 30,768 spans took 17.6 s).
    ordered = sorted(marks, key=lambda m: (-(m.end - m.start), m.start))
    covered = bytearray(max((m.end for m in ordered), default=0) + 1)
    kept: list[Mark] = []
    dropped = 0
    for m in ordered:
        if m.end <= m.start or m.start < 0 or covered.find(1, m.start, m.end) >= 0:
            dropped += 1
            continue
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept, dropped


def render_spans(text: str, marks: Iterable[Mark]) -> tuple[str, int]:
    """Text with highlighted spans via displaCy (manual mode); returns the markup and how many were hidden."""
    kept, dropped = choose_marks(marks)
    for m in kept:
        if m.label not in COLORS:  # labels are not escaped by displaCy: only our fixed ones may pass
            raise ValueError(f"unknown span label {m.label!r}")
    return _render_chunked(text, kept), dropped


def _chunk_doc(text: str, kept: Sequence[Mark], offset: int = 0) -> dict[str, Any]:
    return {"text": text, "ents": [{"start": m.start - offset, "end": m.end - offset, "label": m.label} for m in kept]}


@lru_cache(maxsize=1)
def _renderer() -> EntityRenderer:
    """One displaCy entity renderer for the process: building one reads spaCy's colour registry (~1 ms),
    which ``displacy.render`` does on every call, i.e. for every signing card's evidence sentence."""
    return EntityRenderer(options={"colors": COLORS})


def _displacy(docs: list[dict[str, Any]]) -> str:
    """``displacy.render(docs, style="ent", manual=True)``'s markup, with the renderer built once."""
    for doc in docs:
        doc["ents"] = sorted(doc["ents"], key=lambda x: (x["start"], x["end"]))  # as displacy.render does
    return str(_renderer().render(docs, page=False, minify=False).strip())


_JOINT: list[str] = []


def _joint() -> str:
    """What displaCy writes between two documents rendered together (end of one wrapper, start of the next)."""
    if not _JOINT:
        probe = _displacy([_chunk_doc("\x00", []), _chunk_doc("\x01", [])])
        _JOINT.append(probe[probe.index("\x00") + 1:probe.index("\x01")])
    return _JOINT[0]


def _render_chunked(text: str, kept: list[Mark], max_chars: int = 4000, max_marks: int = 100) -> str:
    """displaCy's markup of the whole text, made piece by piece: displaCy builds its markup with
    ``+=`` per span and per line, quadratic on a long text dense with spans (issue 18: 12,500 spans,
    13 s). Pieces are cut between spans and rendered in one call, then the wrappers between them
    removed, so the page is the same as one piece's (escaping and <br> work character by character)."""
    if len(text) <= max_chars and len(kept) <= max_marks:
        return _displacy([_chunk_doc(text, kept)])
    docs: list[dict[str, Any]] = []
    pos = i = 0
    n = len(text)
    while pos < n:
        end = min(n, pos + max_chars)
        j = i
        while j < len(kept) and kept[j].start < end and j - i < max_marks:
            j += 1
        if j > i:  # never cut inside a span; at most max_marks spans a piece
            end = kept[j - 1].end if j - i == max_marks else max(end, kept[j - 1].end)
        docs.append(_chunk_doc(text[pos:end], kept[i:j], pos))
        pos, i = end, j
    markup = _displacy(docs)
    joint = _joint()
    if markup.count(joint) != len(docs) - 1:  # a displaCy that writes otherwise: one piece, as before
        return _displacy([_chunk_doc(text, kept)])
    return markup.replace(joint, "")


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
    for spans, label in zip(_by_start(record), ("QUANTITY", "DATE")):
        starts, ordered = spans
        for k in range(bisect_left(starts, ev.start), bisect_right(starts, ev.end)):
            span = ordered[k]
            if span.end <= ev.end:
                marks.append(Mark(span.start - ev.start, span.end - ev.start, label))
    return marks


_BY_START: tuple = (None, ())


def _by_start(record: ArticleRecord) -> tuple[tuple[list[int], list], tuple[list[int], list]]:
    """The record's quantities and dates sorted by start, once per record (one tuple, replaced whole):
    each evidence sentence then looks up its own spans instead of scanning every span of the
    record (issue 18: signings x spans)."""
    global _BY_START
    held, index = _BY_START
    if held is not record:
        index = tuple(([x.start for x in ordered], ordered) for ordered in (
            sorted(record.quantities, key=lambda x: x.start), sorted(record.dates, key=lambda x: x.start)))
        _BY_START = (record, index)
    return index


def summary_rows(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry],
                 precision: Sequence[RulePrecision] | None = None) -> list[dict[str, Any]]:
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
    rows.append({"metric": "to review (doubtful)", "count": len(review_items(records, precision))})
    rows.append({"metric": "errors", "count": len(errors)})
    return rows


def review_items(records: Sequence[ArticleRecord],
                 precision: Sequence[RulePrecision] | None = None) -> list[dict[str, Any]]:
    """Doubtful extractions, most doubtful first, each with its reasons in words (pipeline/site_review.py).

    Doubt is the confidence corrected by what the page knows: a byline or a title confirms a person,
    a gazetteer link confirms a place; a name seen once with no title is more doubtful than its score says.
    A rule's precision measured by reviewers (``precision``) replaces the estimate for that rule.
    """
    from zhnews.pipeline.site_review import rank_review

    by_id = {r.id: r for r in records}
    by_rule = {r.rule: r for r in precision or ()}
    return [{"record": by_id[i.record_id], "type": i.kind, "label": i.label, "text": i.text, "start": i.start,
             "end": i.end, "confidence": i.confidence, "rule": i.rule, "doubt": i.doubt, "reasons": i.reasons}
            for i in rank_review(records, precision=by_rule)]


def _percent(value: float | None) -> str:
    return "–" if value is None or value != value else f"{value:.0%}"  # NaN != NaN: nothing measured


def precision_section(table: Sequence[RulePrecision] | None, note: str = "") -> str:
    """Measured precision per rule from reviewers' verdicts (``zhnews review import``), least precise first;
    the single page and the site's review page both show it."""
    head = '<section id="precision"><h2>Measured precision per rule</h2>'
    if not table:
        return (head + '<p class="empty">No review verdicts yet: the doubt below is estimated from the '
                "extractors' confidence and the archive (zhnews review sample, then zhnews review import).</p>"
                "</section>")
    rows = []
    for r in sorted(table, key=lambda r: (r.precision, r.rule)):
        interval = f"{_percent(r.low)} – {_percent(r.high)}" if r.low is not None and r.high is not None else ""
        rows.append([_td(rule_words(r.rule)), _td(r.rule), _td(_percent(r.precision), num=True), _td(interval),
                     _td(r.reviewed, num=True), _td("yes" if r.reviewed >= MIN_REVIEWED else "not yet")])
    intro = (f"{note} " if note else "") + (
        "Precision is right / (right + wrong) with a 95% Wilson interval; unsure verdicts are not scored. "
        f"Once a rule has {MIN_REVIEWED} verdicts, 1 − precision is its items' doubt in the list below.")
    table_html = _table(["rule, in words", "rule", "precision", "95% interval", "verdicts",
                         "sets the doubt"], rows, "")
    return f'{head}<p class="meta">{esc(intro)}</p>{table_html}</section>'


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


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.6g}"


def _legend() -> str:
    chips = "".join(f'<span style="background:{c}">{esc(label)}</span>' for label, c in COLORS.items())
    return f'<p class="legend">{chips}</p>'


def _summary(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry],
             given: Sequence[dict[str, Any]] | None = None, precision: Sequence[RulePrecision] | None = None) -> str:
    """Rows are (metric, count) dicts, or any two-key dicts such as a flow's run summary."""
    source = given if given is not None else summary_rows(records, errors, precision)
    rows = [[_td(k), _td(v, num=True)] for k, v in (tuple(r.values())[:2] for r in source)]
    return f'<section id="summary"><h2>Summary</h2>{_table(["", "count"], rows, "nothing")}</section>'


def _articles(records: Sequence[ArticleRecord], total: int | None = None) -> str:
    count = f"{len(records)} of {total}" if total is not None and total != len(records) else f"{len(records)}"
    parts = [f'<section id="articles"><h2>Articles ({count})</h2>{_legend()}']
    if total is not None and total != len(records):
        parts.append(f'<p class="meta">This page shows the first {len(records)} of the run\'s {total} articles. '
                     'Every article, and who\'s who, signing pairs and charts, are in the archive site: '
                     '<a href="report/index.html">report/index.html</a>.</p>')
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
            value = number(q.value)
            if q.value is None and (q.low is not None or q.high is not None):
                value = f"{number(q.low)}–{number(q.high)}"
            rows.append([_link(r), _td(q.text), _td(value, num=True), _td(q.unit), _td(q.subject), _td(q.approx),
                         _td(q.kind), _td(f"{q.confidence:.2f}", num=True)])
    n = len(rows)
    table = _table(["article", "as written", "value", "unit", "subject", "approx", "kind", "confidence"], rows,
                   "No quantities.")
    return f'<section id="quantities"><h2>Quantities ({n})</h2>{table}</section>'


def _card(record: ArticleRecord, s: Signing) -> str:
    from zhnews.pipeline.site_review import confidence_words, rule_words

    missing = "other side not named" if s.parties_a or s.parties_b else "parties not named"
    side_a = "、".join(esc(p.text) for p in s.parties_a) or f'<span class="empty">{missing}</span>'
    side_b = "、".join(esc(p.text) for p in s.parties_b) or f'<span class="empty">{missing}</span>'
    facts = [("count", s.count), ("object", s.object), ("date", s.date), ("place", s.place),
             ("how sure", f"{confidence_words(s.confidence)}: found by {rule_words(s.rule)}")]
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


def _review(records: Sequence[ArticleRecord], precision: Sequence[RulePrecision] | None = None,
            precision_note: str = "") -> str:
    """The review list; with reviewers' verdicts (``precision`` not None) the measured precision first."""
    rows = [
        [_link(i["record"]), _td(i["type"]), _td(i["label"]),
         f'<td>{_context(i["record"].text, i["start"], i["end"])}</td>',
         _td("; ".join(i["reasons"])), _td(f'{i["doubt"]:.2f}', num=True)]
        for i in review_items(records, precision)
    ]
    table = _table(["article", "type", "taken for", "in context", "why it is doubtful", "doubt"], rows,
                   "Nothing doubtful.")
    measured = precision_section(precision, precision_note) if precision is not None else ""
    return (f'{measured}<section id="review"><h2>To review, most doubtful first ({len(rows)})</h2>{table}'
            "</section>")


def _errors(errors: Sequence[ErrorEntry]) -> str:
    rows = [[_td(e.uri), _td(e.code), _td(e.message), _td(e.line, num=True), _td(e.byte_offset, num=True)]
            for e in errors]
    table = _table(["input", "code", "message", "line", "byte offset"], rows, "No errors.")
    return f'<section id="errors"><h2>Errors ({len(rows)})</h2>{table}</section>'


def render_report(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry], title: str = "zhnews report",
                  *, summary: Sequence[dict[str, Any]] | None = None, total_articles: int | None = None,
                  precision: Sequence[RulePrecision] | None = None, precision_note: str = "") -> str:
    """``summary``/``total_articles`` let a caller that shows only the first articles report the whole run;
    ``precision`` (reviewers' measured precision per rule, ``pipeline/review.py``) adds its table before the
    review list and ranks that list by it; ``precision_note`` says whose verdicts they are."""
    nav = "".join(f'<a href="#{s}">{s}</a>' for s in SECTIONS)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><nav>{nav}</nav></header><main>"
        f"{_summary(records, errors, summary, precision)}{_articles(records, total_articles)}"
        f"{_quantities(records)}{_signings(records)}"
        f"{_review(records, precision, precision_note)}{_errors(errors)}</main></body></html>\n"
    )


def write_report(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry], path: Path, *,
                 summary: Sequence[dict[str, Any]] | None = None, total_articles: int | None = None,
                 precision: Sequence[RulePrecision] | None = None, precision_note: str = "") -> Path:
    """Write the report (UTF-8) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(records, errors, summary=summary, total_articles=total_articles,
                                  precision=precision, precision_note=precision_note), encoding="utf-8")
    return path
