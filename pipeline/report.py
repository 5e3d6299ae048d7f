"""The analyst's HTML report: one self-contained page to check extractions by eye.

Spans are drawn by spaCy's displaCy in manual mode (``report_markup`` writes displaCy's markup in one pass).
displaCy escapes the text it is given but not the title, labels or kb links, so titles are rendered here
(escaped) and only fixed labels go to displaCy; every other string passes through ``html.escape``. A
Content-Security-Policy with no script source means that even a bug in escaping could not run a script, and
that the page makes no network request.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from zhnews.pipeline.gc_pause import gc_paused
from zhnews.pipeline.records import ArticleRecord, ErrorEntry, Quantity, Signing, Span
from zhnews.pipeline.report_markup import COLUMNS_FROM, column_pieces, entity_markup, shapes
from zhnews.pipeline.site_review import MIN_REVIEWED, RulePrecision, rule_words

REVIEW_BELOW = 0.6
SECTIONS = ("summary", "articles", "quantities", "signings", "review", "errors")
# Rows of the quantities table for one article: the corpus's most is 75, while a text dense with numbers
# (issue 18: "3个5个" repeated) has 250,000 a MB, more than any reader can use; the rest are in records.jsonl.
QUANTITY_ROWS_PER_ARTICLE = 1000
# Signing cards for one article: a news article has a few (a list of a ceremony's deals a few dozen), while
# a signing sentence repeated makes 17,000 a MB.
SIGNING_CARDS_PER_ARTICLE = 200
QUANTITY_HEADERS = ("article", "as written", "value", "unit", "subject", "approx", "kind", "confidence")
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


class Mark(NamedTuple):
    """A span to draw; a tuple because a span-dense text makes hundreds of thousands (issue 18)."""

    start: int
    end: int
    label: str


def choose_marks(marks: Iterable[Mark]) -> tuple[list[Mark], int]:
    """displaCy's entity view cannot nest: keep the longest of overlapping spans, count the rest."""
    # One byte per character says "drawn already": a span overlaps a kept one iff its range holds a
    # marked byte (bytearray.find, C speed), and kept spans mark disjoint ranges, so the work is linear
    # in the text plus the spans' lengths, not spans x kept spans (issue 18: 30,768 spans took 17.6 s).
    marks = list(marks)
    disjoint = _disjoint(marks)
    if disjoint is not None:
        return disjoint, len(marks) - len(disjoint)
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


def _disjoint(marks: list[Mark]) -> list[Mark] | None:
    """The drawable spans sorted by start when none overlaps another, as in most texts (then all are kept);
    None when some do."""
    # sorted as tuples (start, end, label), without a key function per mark: two drawable marks with the same
    # start overlap, so whenever the spans are disjoint this is the order by start
    valid = sorted([m for m in marks if m.end > m.start and m.start >= 0])
    for before, after in zip(valid, valid[1:]):
        if after.start < before.end:
            return None
    return valid


def render_spans(text: str, marks: Iterable[Mark]) -> tuple[str, int]:
    """Text with highlighted spans via displaCy (manual mode); returns the markup and how many were hidden."""
    kept, dropped = choose_marks(marks)
    for m in kept:
        if m.label not in COLORS:  # labels are not escaped by displaCy: only our fixed ones may pass
            raise ValueError(f"unknown span label {m.label!r}")
    return entity_markup(text, kept, COLORS), dropped


def article_marks(record: ArticleRecord) -> list[Mark]:
    # speed: tuple.__new__(Mark, ...) makes the same Mark as Mark(...) without a call of the named tuple's
    # Python-level __new__; a text dense with numbers has 250,000 quantities a MB (issue 18)
    new = tuple.__new__
    marks = [new(Mark, (e.start, e.end, e.label)) for e in record.entities]
    marks += [new(Mark, (q.start, q.end, "QUANTITY")) for q in record.quantities]
    marks += [new(Mark, (d.start, d.end, "DATE")) for d in record.dates]
    return marks


def article_pieces(record: ArticleRecord) -> tuple[list[str], int]:
    """``render_spans(record.text, article_marks(record))`` as pieces to join (the page joins once). A record with
    many spans that do not overlap (a text dense with numbers: 333,000 a MB, issue 18) is drawn from columns
    of offsets, without a Mark per span; any other goes the way of render_spans."""
    spans = [*record.entities, *record.quantities, *record.dates]
    made = shapes(tuple(COLORS.items())) if len(spans) >= COLUMNS_FROM else None
    if made is not None and all(e.label in made.ents for e in record.entities):
        labels = list(made.ents)
        codes = np.array([labels.index(e.label) for e in record.entities]
                         + [labels.index("QUANTITY")] * len(record.quantities)
                         + [labels.index("DATE")] * len(record.dates), dtype=np.intp)
        # one pass over the spans, in C: reading a span's fields costs mostly its first touch (cache misses)
        offsets = np.fromiter(chain.from_iterable(map(attrgetter("start", "end"), spans)), dtype=np.intp,
                              count=2 * len(spans))
        starts, ends = offsets[0::2], offsets[1::2]
        drawable = np.flatnonzero((ends > starts) & (starts >= 0))  # as choose_marks: the rest are not drawn
        order = drawable[np.argsort(starts[drawable], kind="stable")]
        starts, ends, codes = starts[order], ends[order], codes[order]
        if not np.any(starts[1:] < ends[:-1]):  # overlapping spans: choose_marks keeps the longest
            pres = np.array([made.ents[label][0] for label in labels], dtype=object)
            posts = np.array([made.ents[label][1] for label in labels], dtype=object)
            pieces = column_pieces(record.text, starts, ends, pres[codes].tolist(), posts[codes].tolist(), made)
            if pieces is not None:
                return pieces, len(spans) - len(order)
    body, dropped = render_spans(record.text, article_marks(record))
    return [body], dropped


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
                 precision: Sequence[RulePrecision] | None = None, *,
                 review: Sequence[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The run's summary as rows (metric, count): the report's first table and the flow's artifact.
    ``review`` is ``review_items(records, precision)`` when the caller has it already."""
    labels = Counter(e.label for r in records for e in r.entities)
    kinds = Counter(q.kind for r in records for q in r.quantities)
    rows: list[dict[str, Any]] = [{"metric": "articles", "count": len(records)}]
    rows.append({"metric": "entities", "count": sum(labels.values())})
    rows += [{"metric": f"entities: {label}", "count": n} for label, n in sorted(labels.items())]
    rows.append({"metric": "quantities", "count": sum(kinds.values())})
    rows += [{"metric": f"quantities: {kind}", "count": n} for kind, n in sorted(kinds.items())]
    rows.append({"metric": "dates", "count": sum(len(r.dates) for r in records)})
    rows.append({"metric": "signings", "count": sum(len(r.signings) for r in records)})
    doubtful = review if review is not None else review_items(records, precision)
    rows.append({"metric": "to review (doubtful)", "count": len(doubtful)})
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
             given: Sequence[dict[str, Any]] | None = None, precision: Sequence[RulePrecision] | None = None,
             review: Sequence[dict[str, Any]] | None = None) -> str:
    """Rows are (metric, count) dicts, or any two-key dicts such as a flow's run summary."""
    source = given if given is not None else summary_rows(records, errors, precision, review=review)
    rows = [[_td(k), _td(v, num=True)] for k, v in (tuple(r.values())[:2] for r in source)]
    return f'<section id="summary"><h2>Summary</h2>{_table(["", "count"], rows, "nothing")}</section>'


def _articles(records: Sequence[ArticleRecord], total: int | None = None) -> list[str]:
    """The articles section in pieces, joined once with the rest of the page: a text dense with spans has a body
    of tens of MB, and each join or f-string around it copies it (issue 18)."""
    count = f"{len(records)} of {total}" if total is not None and total != len(records) else f"{len(records)}"
    parts = [f'<section id="articles"><h2>Articles ({count})</h2>{_legend()}']
    if total is not None and total != len(records):
        parts.append(f'<p class="meta">This page shows the first {len(records)} of the run\'s {total} articles. '
                     'Every article, and who\'s who, signing pairs and charts, are in the archive site: '
                     '<a href="report/index.html">report/index.html</a>.</p>')
    for r in records:
        body, dropped = article_pieces(r)
        byline = ", ".join(x for x in [r.byline.outlet or "", *r.byline.reporters] if x)
        meta = " · ".join(esc(x) for x in (r.date, byline, r.source.uri, r.id) if x)
        hidden = (f'<p class="meta">{dropped} overlapping span(s) not drawn; see the tables below.</p>'
                  if dropped else "")
        subtitle = f'<p class="meta">{esc(r.subtitle)}</p>' if r.subtitle else ""
        parts += (f'<article id="{_anchor(r)}"><h3>{esc(r.title or "(untitled)")}</h3>{subtitle}'
                  f'<p class="meta">{meta}</p>', *body, f"{hidden}</article>")
    if not records:
        parts.append('<p class="empty">No articles.</p>')
    parts.append("</section>")
    return parts


def _site_page(record: ArticleRecord) -> str:
    """The article's own page in the archive site written beside this report (``report/``, pipeline/site.py)."""
    from zhnews.pipeline.site import SITE_DIR, article_href

    return f"{SITE_DIR}/{article_href(record.id)}"


def _named(record: ArticleRecord) -> str:
    """A link to the article's text above, named by its title."""
    return f'<a href="#{_anchor(record)}">{esc((record.title or record.id)[:40])}</a>'


def _everything_in(record: ArticleRecord) -> str:
    """Where all of an article's extractions are when the page lists only the first of them."""
    page = esc(_site_page(record))
    return (f'All of them are in records.jsonl and on the article\'s page in the archive site: '
            f'<a href="{page}">{page}</a>.')


def _quantity_value(q: Quantity) -> str:
    if q.value is None and (q.low is not None or q.high is not None):
        return f"{number(q.low)}–{number(q.high)}"
    return number(q.value)


def _quantity_cells(q: Quantity, memo: dict[tuple[Any, ...], str]) -> str:
    """A quantity's cells after the article link, made once per distinct row: a text dense with numbers
    repeats the same few rows thousands of times (issue 18)."""
    key = (q.text, q.value, q.low, q.high, q.unit, q.subject, q.approx, q.kind, q.confidence)
    cells = memo.get(key)
    if cells is None:
        cells = memo[key] = (
            f'<td>{esc(q.text)}</td><td class="num">{esc(_quantity_value(q))}</td><td>{esc(q.unit)}</td>'
            f"<td>{esc(q.subject)}</td><td>{esc(q.approx)}</td><td>{esc(q.kind)}</td>"
            f'<td class="num">{esc(f"{q.confidence:.2f}")}</td>')
    return cells


def _quantities(records: Sequence[ArticleRecord], per_article: int = QUANTITY_ROWS_PER_ARTICLE) -> str:
    """Every quantity of the articles shown, but at most ``per_article`` rows for one article, with a line
    above the table and one at the cut saying how many it has and where they all are."""
    rows: list[tuple[str]] = []
    notes: list[str] = []
    memo: dict[tuple[Any, ...], str] = {}
    n = 0
    for r in records:
        quantities = r.quantities
        n += len(quantities)
        link = _link(r)
        rows += [(link + _quantity_cells(q, memo),) for q in quantities[:per_article]]
        if len(quantities) > per_article:
            where = _everything_in(r)
            notes.append(f'<p class="meta">The table lists the first {per_article:,} of the {len(quantities):,} '
                         f"quantities of {_named(r)}. {where}</p>")
            rows.append((f'<td colspan="{len(QUANTITY_HEADERS)}" class="meta">{len(quantities) - per_article:,} more '
                         f"quantities of this article are not listed here. {where}</td>",))
    table = _table(QUANTITY_HEADERS, rows, "No quantities.")
    return f'<section id="quantities"><h2>Quantities ({n})</h2>{"".join(notes)}{table}</section>'


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


def _signings(records: Sequence[ArticleRecord], per_article: int = SIGNING_CARDS_PER_ARTICLE) -> str:
    """A card per signing, but at most ``per_article`` cards for one article, with a line saying how many it
    has and where they all are."""
    cards: list[str] = []
    notes: list[str] = []
    n = 0
    for r in records:
        n += len(r.signings)
        cards += [_card(r, s) for s in r.signings[:per_article]]
        if len(r.signings) > per_article:
            notes.append(f'<p class="meta">The cards below show the first {per_article:,} of the '
                         f'{len(r.signings):,} signings of {_named(r)}. {_everything_in(r)}</p>')
    inner = f'<div class="cards">{"".join(cards)}</div>' if cards else '<p class="empty">No signings.</p>'
    return f'<section id="signings"><h2>Signings ({n})</h2>{"".join(notes)}{inner}</section>'


def _context(text: str, start: int, end: int, width: int = 15) -> str:
    left, right = text[max(0, start - width):start], text[end:end + width]
    return f"…{esc(left)}<strong>{esc(text[start:end])}</strong>{esc(right)}…"


def _review(records: Sequence[ArticleRecord], precision: Sequence[RulePrecision] | None = None,
            precision_note: str = "", items: Sequence[dict[str, Any]] | None = None) -> str:
    """The review list (``items``: ``review_items(records, precision)`` when the caller has it already);
    with reviewers' verdicts (``precision`` not None) the measured precision first."""
    rows = [
        [_link(i["record"]), _td(i["type"]), _td(i["label"]),
         f'<td>{_context(i["record"].text, i["start"], i["end"])}</td>',
         _td("; ".join(i["reasons"])), _td(f'{i["doubt"]:.2f}', num=True)]
        for i in (items if items is not None else review_items(records, precision))
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
    with gc_paused():  # a mark per span: the collector would walk every record each pass (pipeline/gc_pause.py)
        return _render(records, errors, title, summary, total_articles, precision, precision_note)


def _render(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry], title: str,
            summary: Sequence[dict[str, Any]] | None, total_articles: int | None,
            precision: Sequence[RulePrecision] | None, precision_note: str) -> str:
    nav = "".join(f'<a href="#{s}">{s}</a>' for s in SECTIONS)
    items = review_items(records, precision)  # once: the summary counts them, the review section lists them
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><nav>{nav}</nav></header><main>"
        f"{_summary(records, errors, summary, precision, items)}"
    )
    articles = _articles(records, total_articles)
    tail = (
        f"{_quantities(records)}{_signings(records)}"
        f"{_review(records, precision, precision_note, items)}{_errors(errors)}</main></body></html>\n"
    )
    return "".join([head, *articles, tail])


def write_report(records: Sequence[ArticleRecord], errors: Sequence[ErrorEntry], path: Path, *,
                 summary: Sequence[dict[str, Any]] | None = None, total_articles: int | None = None,
                 precision: Sequence[RulePrecision] | None = None, precision_note: str = "") -> Path:
    """Write the report (UTF-8) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(records, errors, summary=summary, total_articles=total_articles,
                                  precision=precision, precision_note=precision_note), encoding="utf-8")
    return path
