"""The report as a small static site (``out/report/``) that scales to an archive of 10,000 articles.

``index.html`` lists every article, grouped by month (beyond ``INDEX_INLINE`` articles it lists the months,
and ``months/<month>.html`` lists every article of one month); each article has its own small page
(``a/<id>.html``) with its highlighted text, quantities and signing cards; the archive views (who's who,
who signs with whom, numbers at a glance), the review list and the errors are pages of their own.
Long tables are split into numbered pages (``people.html``, ``people-2.html`` ...) that say which rows
they hold: nothing is cut silently.

The records are read twice, one at a time (first the archive tallies, then the pages), so memory holds
the tallies and the index rows, never the archive. Safety is the single-page report's: every input string
passes through ``esc``, labels are our fixed ones, charts are matplotlib SVGs with their text drawn as
paths, and every page carries a Content-Security-Policy with no script source and no network access.
Links are relative, so the site opens from ``file://`` and from any static server.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zhnews.pipeline.archive import Archive, Person, SENTENCE_ENDS, SigningPair, month_of
from zhnews.pipeline.records import ArticleRecord, ErrorEntry, Signing
from zhnews.pipeline.report import (
    COLORS, CSP, Mark, article_marks, choose_marks, esc, evidence_marks, number, precision_section,
)
from zhnews.pipeline.site_review import (
    LABEL_WORDS, NameTally, ReviewItem, RulePrecision, confidence_words, record_review, rule_words,
)

SITE_DIR = "report"
PER_PAGE = 500  # rows per page of the long tables
INDEX_INLINE = 2000  # up to this many articles the index lists them all; beyond, one page per month
NETWORK_TOP = 30  # parties drawn in the network picture
MARK_WORDS = {**LABEL_WORDS, "QUANTITY": "quantity", "DATE": "date", "PARTY_A": "party (one side)",
              "PARTY_B": "party (other side)"}
VIEWS = (("index.html", "Articles"), ("people.html", "Who's who"), ("signings.html", "Who signs with whom"),
         ("numbers.html", "Numbers"), ("review.html", "To review"), ("errors.html", "Errors"))

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0;color:#222;background:#fafafa;line-height:1.6}
header{background:#1f3a5f;color:#fff;padding:.6rem 2rem}
header h1{margin:0;font-size:1.3rem}
header nav a{color:#cfe3ff;margin-right:1rem}
main{padding:1rem 2rem;max-width:1250px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem 1.2rem;margin:1rem 0}
h2{margin:.2rem 0 .6rem;border-bottom:2px solid #1f3a5f;padding-bottom:.2rem;font-size:1.15rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#666;font-size:.85rem}
.note{background:#eef6ff;border-left:4px solid #6aa0df;padding:.3rem .7rem}
.empty{color:#888;font-style:italic}
.cols{display:grid;grid-template-columns:minmax(0,1fr) 17rem;gap:1rem;align-items:start}
.text{white-space:pre-wrap;font-size:1.05rem;line-height:1.9}
.s:target{background:#fff3b0;outline:2px solid #f0c040}
mark{padding:0 .1rem;border-radius:.2rem;color:inherit}
.chip{display:inline-block;padding:0 .4rem;margin:.1rem;border-radius:.3rem;font-size:.85rem}
aside ul{padding-left:1.1rem;margin:.2rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:1rem}
.card{border:1px solid #ccd;border-radius:8px;padding:.7rem 1rem;background:#fcfcff}
.parties{display:flex;align-items:center;gap:.8rem;font-weight:bold}
.parties .side{flex:1}.parties .arrow{font-size:1.5rem;color:#1f3a5f}
.missing{color:#888;font-weight:normal;font-style:italic}
.card dl{display:grid;grid-template-columns:6.5rem 1fr;margin:.5rem 0}
.card dt{color:#666}.card dd{margin:0}
.evidence{background:#fffbe6;border-left:4px solid #f0c040;padding:.2rem .6rem;margin-top:.4rem}
.pages a,.pages strong{margin-right:.5rem}
.months a{margin-right:.7rem;white-space:nowrap}
svg{max-width:100%;height:auto}
.chart{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:start}
.scroll{max-height:36rem;overflow:auto}
td.date{white-space:nowrap}
section.month{content-visibility:auto;contain-intrinsic-size:auto 1500px}
table.fixed{table-layout:fixed}
table.fixed col.n{width:4.6rem}table.fixed col.d{width:6.5rem}table.fixed col.s{width:9rem}
""" + "".join(f".l-{label}{{background:{color}}}" for label, color in COLORS.items())


def page_name(record_id: str) -> str:
    """The article page's file name: the id when it is file-safe (our ids are hex), else its hash."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", record_id):
        return f"{record_id}.html"
    return hashlib.sha256(record_id.encode()).hexdigest()[:32] + ".html"


def article_href(record_id: str, up: str = "") -> str:
    return f"{up}a/{page_name(record_id)}"


def _page(title: str, body: str, up: str = "") -> str:
    nav = "".join(f'<a href="{up}{href}">{esc(name)}</a>' for href, name in VIEWS)
    return ("<!DOCTYPE html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="referrer" content="no-referrer">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f"<header><h1>{esc(title)}</h1><nav>{nav}</nav></header><main>{body}</main></body></html>\n")


def _td(value: object, num: bool = False) -> str:
    return f'<td class="num">{esc(value)}</td>' if num else f"<td>{esc(value)}</td>"


def _a(href: str, text: object) -> str:
    """``href`` is always ours (built from file-safe names); the text is escaped."""
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def _table(headers: Sequence[str], rows: Iterable[str], empty: str) -> str:
    body = "".join(rows)
    if not body:
        return f'<p class="empty">{esc(empty)}</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _legend() -> str:
    chips = "".join(f'<span class="chip l-{label}">{esc(MARK_WORDS[label])}</span>' for label in COLORS)
    return f'<p class="legend">{chips}</p>'


# --- highlighted text ------------------------------------------------------------------------------


def sentence_starts(text: str, marks: Sequence[Mark]) -> list[int]:
    """Where sentences start, except inside a drawn mark (a mark never straddles two sentence spans)."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c in SENTENCE_ENDS and i + 1 < len(text)]
    inside = [(m.start, m.end) for m in marks]
    out, j = [], 0
    for s in starts:
        while j < len(inside) and inside[j][1] <= s:
            j += 1
        if j < len(inside) and inside[j][0] < s < inside[j][1]:
            continue
        out.append(s)
    return out


def highlight(text: str, marks: Iterable[Mark], notes: Mapping[tuple[int, int, str], str] | None = None, *,
              sentences: bool = True) -> tuple[str, int, list[int]]:
    """Escaped text with <mark>s (label in the hover title, colour by class), sentences as targets.

    Returns the markup, how many overlapping marks were not drawn, and the sentence starts used as ids.
    """
    kept, dropped = choose_marks(marks)
    for m in kept:
        if m.label not in COLORS:
            raise ValueError(f"unknown span label {m.label!r}")
    starts = sentence_starts(text, kept) if sentences else [0]
    bounds = starts + [len(text)]
    out: list[str] = []
    k = 0
    for s0, s1 in zip(bounds, bounds[1:]):
        if sentences:
            out.append(f'<span class="s" id="t{s0}">')
        at = s0
        while k < len(kept) and kept[k].start < s1:
            m = kept[k]
            out.append(esc(text[at:m.start]))
            tip = MARK_WORDS[m.label] + (f" · {notes[(m.start, m.end, m.label)]}"
                                         if notes and notes.get((m.start, m.end, m.label)) else "")
            out.append(f'<mark class="l-{m.label}" title="{esc(tip)}">{esc(text[m.start:m.end])}</mark>')
            at = m.end
            k += 1
        out.append(esc(text[at:s1]))
        if sentences:
            out.append("</span>")
    return "".join(out), dropped, starts


def _notes(record: ArticleRecord) -> dict[tuple[int, int, str], str]:
    notes: dict[tuple[int, int, str], str] = {}
    for e in record.entities:
        bits = ["、".join(e.titles)] if e.titles else []
        if e.canonical and e.canonical != e.text:
            bits.append(e.canonical)
        if e.kb_id:
            bits.append(f"gazetteer {e.kb_id}")
        notes[(e.start, e.end, e.label)] = " · ".join(bits)
    for q in record.quantities:
        notes[(q.start, q.end, "QUANTITY")] = " ".join(x for x in (q.kind, number(q.value), q.unit or "",
                                                                    f"of {q.subject}" if q.subject else "") if x)
    for d in record.dates:
        notes[(d.start, d.end, "DATE")] = d.resolved or d.value
    return notes


# --- article pages ---------------------------------------------------------------------------------


def _quantity_rows(record: ArticleRecord, up: str = "") -> list[str]:
    rows = []
    for q in record.quantities:
        value = number(q.value)
        if q.value is None and (q.low is not None or q.high is not None):
            value = f"{number(q.low)}–{number(q.high)}"
        rows.append("<tr>" + _td(q.text) + _td(value, num=True) + _td(q.unit) + _td(q.subject) + _td(q.approx)
                    + _td(q.kind) + _td(confidence_words(q.confidence)) + "</tr>")
    return rows


def _side(parties: Sequence, other_named: bool) -> str:
    if parties:
        return "、".join(esc(p.text) + ("（泛指）" if p.generic else "") for p in parties)
    return '<span class="missing">other side not named</span>' if other_named else \
        '<span class="missing">parties not named</span>'


def signing_card(record: ArticleRecord, s: Signing, up: str = "", known: Container[str] | None = None) -> str:
    """``known``: the ids of the site's records; another report of the signing outside them is named, not linked
    (a link would lead nowhere). None links every one."""
    """A card in words: who with whom, what, when, where, how sure, and the sentence it rests on."""
    if s.parties_a or s.parties_b:
        parties = (f'<div class="side">{_side(s.parties_a, bool(s.parties_b))}</div><div class="arrow">↔</div>'
                   f'<div class="side">{_side(s.parties_b, bool(s.parties_a))}</div>')
    else:
        parties = '<div class="side"><span class="missing">parties not named</span></div>'
    amount = f"{number(s.amount)} {s.amount_unit or ''}".strip() if s.amount is not None else None
    signed_by = "、".join(f"{x.name.text}（{'、'.join(x.titles)}）" if x.titles else x.name.text
                          for x in s.signatories) or None
    facts = [("What", s.object), ("How many", s.count), ("When", s.date), ("Where", s.place), ("Amount", amount),
             ("Signed by", signed_by),
             ("How sure", f"{confidence_words(s.confidence)}: found by {rule_words(s.rule)}")]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts if v not in (None, ""))
    evidence = "".join(
        f'<div class="evidence">{highlight(ev.text, evidence_marks(record, s, ev), sentences=False)[0]}</div>'
        for ev in s.evidence)
    also = ""
    if s.also_reported_in:
        links = "、".join(_a(article_href(rid, up), "another article") if known is None or rid in known
                         else f"another article ({esc(rid)}, not in this archive)" for rid in s.also_reported_in)
        also = f'<p class="meta">Also reported in {links}.</p>'
    return (f'<div class="card" id="s-{esc(s.id)}"><div class="parties">{parties}</div><dl>{dl}</dl>'
            f"{evidence}{also}</div>")


def _source_name(record: ArticleRecord) -> str:
    if record.byline.outlet:
        return record.byline.outlet
    uri = record.source.uri.split("#", 1)[0]
    return uri.rstrip("/").rsplit("/", 1)[-1] or uri


def article_page(record: ArticleRecord, review: Sequence[ReviewItem],
                 known: Container[str] | None = None) -> tuple[str, list[int]]:
    up = "../"
    body, dropped, starts = highlight(record.text, article_marks(record), _notes(record))
    byline = "、".join(x for x in [record.byline.outlet or "", *record.byline.reporters] if x)
    meta = " · ".join(esc(x) for x in (record.date, byline, record.source.uri) if x)
    people = sorted({(e.text, "、".join(e.titles)) for e in record.entities if e.label == "PERSON"})
    people_li = "".join(f"<li>{esc(n)}{' <span class=meta>' + esc(t) + '</span>' if t else ''}</li>"
                        for n, t in people) or '<li class="empty">none</li>'
    counts = Counter(e.label for e in record.entities)
    count_li = "".join(f"<li>{esc(MARK_WORDS[k])}: {n}</li>" for k, n in sorted(counts.items()))
    count_li += f"<li>quantities: {len(record.quantities)}</li><li>dates: {len(record.dates)}</li>"
    count_li += f"<li>signings: {len(record.signings)}</li>"
    hidden = (f'<p class="meta">{dropped} overlapping span(s) not drawn; the tables below list them.</p>'
              if dropped else "")
    aside = (f"<aside><section><h2>Legend</h2>{_legend()}<p class=\"meta\">Point at a highlighted span to see "
             f"what it is.</p></section><section><h2>Counts</h2><ul>{count_li}</ul></section>"
             f"<section><h2>People</h2><ul>{people_li}</ul></section></aside>")
    subtitle = f'<p class="meta">{esc(record.subtitle)}</p>' if record.subtitle else ""
    text = (f'<section><p>{_a(up + "index.html", "← all articles")}</p>{subtitle}<p class="meta">{meta}</p>'
            f'<div class="text">{body}</div>{hidden}</section>')
    quantities = _table(["as written", "value", "unit", "subject", "approx.", "kind", "how sure"],
                        _quantity_rows(record), "No quantities.")
    cards = "".join(signing_card(record, s, up, known) for s in record.signings)
    cards = f'<div class="cards">{cards}</div>' if cards else '<p class="empty">No signings.</p>'
    rows = [f"<tr><td><a href=\"#t{_sentence_of(starts, i.start)}\">{esc(i.text[:40])}</a></td>"
            + _td(f"{i.kind}: {i.label}") + _td("; ".join(i.reasons)) + "</tr>" for i in review]
    review_html = _table(["what", "taken for", "why it is doubtful"], rows, "Nothing doubtful in this article.")
    page = (f'<div class="cols">{text}{aside}</div>'
            f'<section id="quantities"><h2>Quantities ({len(record.quantities)})</h2>{quantities}</section>'
            f'<section id="signings"><h2>Signings ({len(record.signings)})</h2>{cards}</section>'
            f'<section id="review"><h2>To review ({len(review)})</h2>{review_html}</section>'
            f'<p>{_a(up + "index.html", "← all articles")}</p>')
    return _page(record.title or "(untitled)", page, up), starts


def _sentence_of(starts: Sequence[int], offset: int) -> int:
    return starts[max(bisect_right(starts, offset) - 1, 0)]


# --- paged tables ----------------------------------------------------------------------------------


def _paged_name(stem: str, n: int) -> str:
    return f"{stem}.html" if n == 1 else f"{stem}-{n}.html"


def write_paged(out: Path, stem: str, title: str, intro: str, headers: Sequence[str], rows: Sequence[str],
                empty: str, per_page: int = PER_PAGE, what: str = "rows") -> list[Path]:
    """One table over as many pages as it takes; each page says which rows it holds and links the others."""
    pages = max(1, -(-len(rows) // per_page))
    for stale in out.glob(f"{stem}-*.html"):  # pages of an earlier, longer run
        stale.unlink()
    paths = []
    for n in range(1, pages + 1):
        chunk = rows[(n - 1) * per_page:n * per_page]
        links = "".join(f"<strong>{k}</strong>" if k == n else _a(_paged_name(stem, k), k)
                        for k in range(1, pages + 1))
        where = (f'<p class="note">{what} {(n - 1) * per_page + 1}–{(n - 1) * per_page + len(chunk)} of '
                 f'{len(rows)}, page {n} of {pages}. <span class="pages">Pages: {links}</span></p>'
                 if pages > 1 else f'<p class="meta">All {len(rows)} {what}.</p>')
        body = f"{intro if n == 1 else ''}<section>{where}{_table(headers, chunk, empty)}{where if pages > 1 else ''}</section>"
        path = out / _paged_name(stem, n)
        path.write_text(_page(title if pages == 1 else f"{title} ({n}/{pages})", body), encoding="utf-8")
        paths.append(path)
    return paths


# --- the views -------------------------------------------------------------------------------------


def _article_links(ids: Sequence[str], titles: Mapping[str, str], limit: int = 3) -> str:
    """A few article links; the rest counted, never dropped silently."""
    links = "<br>".join(_a(article_href(i), titles.get(i, i)[:30] or i) for i in ids[:limit])
    return links + (f'<br><span class="meta">and {len(ids) - limit} more</span>' if len(ids) > limit else "")


def people_rows(persons: Sequence[Person], titles: Mapping[str, str]) -> list[str]:
    rows = []
    for p in persons:
        chains = "<br>".join(f"{esc(c)} <span class=meta>×{n}</span>" for c, n in p.title_chains) or \
            '<span class="empty">no title</span>'
        name = esc(p.name) + (' <span class="meta">(untitled mentions; the same name has titled persons '
                              "above or below)</span>" if p.untitled_ambiguous else "")
        rows.append(f"<tr><td>{name}</td><td>{chains}</td>" + _td("、".join(p.orgs)) + _td(p.first_seen)
                    + _td(p.last_seen) + _td(len(p.articles), num=True)
                    + f"<td>{_article_links(p.articles, titles)}</td></tr>")
    return rows


def pair_rows(pairs: Sequence[SigningPair], titles: Mapping[str, str]) -> list[str]:
    rows = []
    for p in pairs:
        objects = "、".join(f"{o}（{n}）" if n > 1 else o for o, n in p.objects.most_common())
        dates = sorted(p.dates)
        when = f"{dates[0]} – {dates[-1]}" if dates and dates[0] != dates[-1] else (dates[0] if dates else "")
        ids = list(dict.fromkeys(r for r, _, _ in p.articles))
        rows.append("<tr>" + _td(p.name_a) + _td(p.name_b) + _td(p.count, num=True) + _td(objects) + _td(when)
                    + f"<td>{_article_links(ids, titles)}</td></tr>")
    return rows


def numbers_page(archive: Archive, titles: Mapping[str, str]) -> str:
    from zhnews.pipeline.charts import bar_chart, missing_font_note

    kinds = Counter()
    for (kind, _), n in archive.kind_unit.items():
        kinds[kind] += n
    kind_rows = ["<tr>" + _td(k) + _td(u or "(none)") + _td(n, num=True) + "</tr>"
                 for (k, u), n in sorted(archive.kind_unit.items(), key=lambda kv: (-kv[1], kv[0]))]
    top_kinds = kinds.most_common()
    kinds_svg = bar_chart([k for k, _ in top_kinds], [n for _, n in top_kinds], "Quantities by kind",
                          xlabel="quantities", horizontal=True)
    months = archive.months()
    month_rows = []
    for m in months:
        signed = "; ".join(f"{number(v[m])} {u}".strip() for u, v in sorted(archive.signed_amount_month.items())
                           if v.get(m))
        month_rows.append("<tr>" + _td(m) + _td(archive.articles_month[m], num=True)
                          + _td(archive.signings_month[m], num=True) + _td(signed)
                          + _td(archive.money_month[m], num=True) + "</tr>")
    months_svg = bar_chart(months, [archive.signings_month[m] for m in months],
                           "Signings reported per month (by article date)", xlabel="signings")
    yuan = archive.signed_amount_month.get("元", Counter())
    amount_svg = bar_chart(months, [yuan.get(m, 0) / 1e8 for m in months],
                           "Signed amounts per month, 亿元 (signings that state an amount in 元)", xlabel="亿元")
    amounts = archive.largest_amounts()
    amount_rows = ["<tr>" + _td(number(a.value), num=True) + _td(a.unit) + _td(a.text) + _td(a.subject)
                   + _td(a.date) + f"<td>{_a(article_href(a.record_id), a.title[:30] or a.record_id)}</td></tr>"
                   for a in amounts]
    money = archive.money_counts()
    per_unit = "; ".join(f"{u or '(no unit)'}: {min(n, 50)} of {n}" for u, n in money.most_common())
    return (f'<section><h2>Quantities by kind and unit</h2><div class="chart"><div>{kinds_svg}</div><div>'
            f'<div class="scroll">{_table(["kind", "unit", "quantities"], kind_rows, "No quantities.")}</div></div></div></section>'
            f'<section><h2>Per month</h2><div class="chart"><div>{months_svg}{amount_svg}</div><div>'
            f'{_table(["month", "articles", "signings", "signed amounts", "money amounts"], month_rows, "No articles.")}'
            f"</div></div>{missing_font_note()}</section>"
            f'<section><h2>Largest money amounts</h2><p class="note">The 50 largest per unit ({esc(per_unit)}). '
            f"Every amount is on its article's page.</p>"
            f'{_table(["value", "unit", "as written", "subject", "date", "article"], amount_rows, "No money amounts.")}'
            f"</section>")


def signings_intro(archive: Archive, pairs: Sequence[SigningPair]) -> str:
    from zhnews.pipeline.charts import missing_font_note, network_chart

    strength: Counter = Counter()
    for p in pairs:
        strength[p.a] += p.count
        strength[p.b] += p.count
    top = {k for k, _ in strength.most_common(NETWORK_TOP)}
    names = {k: v.most_common(1)[0][0] for k, v in archive.party_names.items()}
    edges = [(names[p.a], names[p.b], p.count) for p in pairs if p.a in top and p.b in top]
    svg = network_chart(edges, f"The {len(top)} parties with most signings")
    return (f'<section><h2>Network</h2><p class="note">Parties are matched across articles by gazetteer id, else '
            f"by name (spaces and full-width forms ignored). The picture shows the {len(top)} parties with most "
            f"signings of {len(strength)}; the table below lists every pair. Signings with only one side named "
            f"({archive.signings_one_side}) or no party named ({archive.signings_no_party}) form no pair and are on "
            f"their article pages.</p>{svg}{missing_font_note()}</section>")


def review_rows(items: Sequence[ReviewItem], anchors: Mapping[tuple[str, int], int]) -> list[str]:
    rows = []
    for i in items:
        href = f"{article_href(i.record_id)}#t{anchors.get((i.record_id, i.start), 0)}"
        rows.append(f'<tr><td><a href="{esc(href)}">{esc(i.text[:40])}</a></td>' + _td(f"{i.kind}: {i.label}")
                    + _td("; ".join(i.reasons)) + _td(f"{i.doubt:.2f}", num=True)
                    + _td(i.record_title[:30]) + "</tr>")
    return rows


def errors_rows(errors: Sequence[ErrorEntry]) -> list[str]:
    return ["<tr>" + _td(e.uri) + _td(e.code) + _td(e.message) + _td(e.line, num=True)
            + _td(e.byte_offset, num=True) + "</tr>" for e in errors]


# --- the index -------------------------------------------------------------------------------------


@dataclass(slots=True)
class IndexRow:
    record_id: str
    date: str | None
    source: str
    title: str
    persons: int
    orgs: int
    places: int
    quantities: int
    signings: int
    review: int


def _month_slug(month: str) -> str:
    return re.sub(r"[^0-9A-Za-z-]", "-", month)


def _month_table(month: str, month_rows: Sequence[IndexRow], up: str = "") -> str:
    headers = ["date", "title", "source", "people", "orgs", "places", "quantities", "signings", "to review"]
    trs = []
    for r in month_rows:
        trs.append(f'<tr><td class="date">{esc(r.date)}</td>'
                   f"<td>{_a(article_href(r.record_id, up), r.title or '(untitled)')}</td>"
                   + _td(r.source) + _td(r.persons, num=True) + _td(r.orgs, num=True) + _td(r.places, num=True)
                   + _td(r.quantities, num=True) + _td(r.signings, num=True) + _td(r.review or "", num=True)
                   + "</tr>")
    cols = '<colgroup><col class="d"><col><col class="s">' + '<col class="n">' * 6 + "</colgroup>"
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return (f'<section class="month" id="m-{_month_slug(month)}"><h2>{esc(month)} ({len(month_rows)} articles)</h2>'
            f'<table class="fixed">{cols}<thead><tr>{head}</tr></thead><tbody>{"".join(trs)}</tbody>'
            f"</table></section>")


def index_page(rows: Sequence[IndexRow], errors: Sequence[ErrorEntry], archive: Archive,
               persons: int, pairs: int, review: int, inline: int = 2000) -> tuple[str, dict[str, str]]:
    """The index body and, for an archive of more than ``inline`` articles, one page per month
    (``months/<month>.html``) that the index links to: the index then lists months, each page every article of
    its month. Returns (index body, {file name: page body})."""
    by_month: dict[str, list[IndexRow]] = {}
    for r in sorted(rows, key=lambda r: (r.date or "9999", r.record_id)):
        by_month.setdefault(month_of(r.date), []).append(r)
    split = len(rows) > inline
    if split:
        months = "".join(_a(f"months/{_month_slug(m)}.html", f"{m} ({len(rs)})") for m, rs in by_month.items())
        where = (f"The archive has {len(rows):,} articles: each month below links to a page that lists every "
                 "article of that month (undated last).")
    else:
        months = "".join(_a(f"#m-{_month_slug(m)}", f"{m} ({len(rs)})") for m, rs in by_month.items())
        where = "Every article is listed below, by month of publication (undated last)."
    totals = [("articles", len(rows)), ("people mentioned", sum(r.persons for r in rows)),
              ("organisations", sum(r.orgs for r in rows)), ("places", sum(r.places for r in rows)),
              ("quantities", sum(r.quantities for r in rows)), ("signings", sum(r.signings for r in rows)),
              ("persons in who's who", persons), ("signing pairs", pairs), ("items to review", review),
              ("inputs that failed", len(errors))]
    summary = "".join("<tr>" + _td(k) + _td(f"{v:,}", num=True) + "</tr>" for k, v in totals)
    errors_note = (f'<p class="note">{len(errors)} input(s) could not be read: see {_a("errors.html", "errors")}.</p>'
                   if errors else "")
    parts = [f'<section><h2>Summary</h2><table><tbody>{summary}</tbody></table>{errors_note}'
             f'<p class="meta">{esc(where)} '
             f'Views: {_a("people.html", "who is who")}, {_a("signings.html", "who signs with whom")}, '
             f'{_a("numbers.html", "numbers at a glance")}, {_a("review.html", "what to review")}.</p>'
             f'<p class="months">{months}</p></section>']
    pages: dict[str, str] = {}
    if split:
        trs = [f"<tr><td>{_a(f'months/{_month_slug(m)}.html', m)}</td>" + _td(len(rs), num=True)
               + _td(sum(r.signings for r in rs), num=True) + _td(sum(r.review for r in rs), num=True) + "</tr>"
               for m, rs in by_month.items()]
        parts.append("<section><h2>Months</h2>" + _table(["month", "articles", "signings", "to review"], trs, "")
                     + "</section>")
        for m, rs in by_month.items():
            pages[f"{_month_slug(m)}.html"] = (f'<p>{_a("../index.html", "← all months")}</p>'
                                               + _month_table(m, rs, "../"))
    else:
        parts += [_month_table(m, rs) for m, rs in by_month.items()]
    if not rows:
        parts.append('<section><p class="empty">No articles.</p></section>')
    return "".join(parts), pages


# --- writing the site ------------------------------------------------------------------------------


@dataclass(slots=True)
class SiteSummary:
    path: Path
    articles: int = 0
    pages: int = 0
    persons: int = 0
    pairs: int = 0
    review: int = 0
    files: list[str] = field(default_factory=list)


RecordSource = Callable[[], Iterable[ArticleRecord]] | Sequence[ArticleRecord]


def _stream(source: RecordSource) -> Iterable[ArticleRecord]:
    return source() if callable(source) else source


def write_site(source: RecordSource, errors: Sequence[ErrorEntry], out: Path, *,
               precision: Sequence[RulePrecision] | None = None, precision_note: str = "",
               title: str = "zhnews archive", index_inline: int = INDEX_INLINE) -> SiteSummary:
    """Write the site into ``out`` (replacing the article pages there); ``source`` is read twice.

    ``source`` is a list of records or a function returning a fresh iterator over them (e.g.
    ``lambda: read_records(path)``), so a big archive streams. ``precision`` is the measured precision per
    rule from reviewers, when there is one: it replaces the estimated doubt of the rules it covers, and
    ``review.html`` shows it (``precision_note`` says whose verdicts they are; ``pipeline/review.py``).
    Beyond ``index_inline`` articles the index lists months and ``months/<month>.html`` lists their articles.
    """
    out = Path(out)
    pages_dir = out / "a"
    if pages_dir.exists():
        shutil.rmtree(pages_dir)
    pages_dir.mkdir(parents=True)
    archive, names = Archive(), NameTally()
    known: set[str] = set()  # the records with a page: links to others would lead nowhere
    for record in _stream(source):
        archive.add(record)
        names.add(record)
        known.add(record.id)
    by_rule = {r.rule: r for r in precision or ()}
    rows: list[IndexRow] = []
    titles: dict[str, str] = {}
    review: list[ReviewItem] = []
    anchors: dict[tuple[str, int], int] = {}
    for record in _stream(source):
        items = sorted(record_review(record, names, by_rule), key=lambda i: (-i.doubt, i.start))
        html_page, starts = article_page(record, items, known)
        (pages_dir / page_name(record.id)).write_text(html_page, encoding="utf-8")
        for i in items:
            anchors[(record.id, i.start)] = _sentence_of(starts, i.start)
        review += items
        labels = Counter(e.label for e in record.entities)
        rows.append(IndexRow(record.id, record.date, _source_name(record), record.title or "",
                             labels["PERSON"], labels["ORG"], labels["GPE"] + labels["LOC"], len(record.quantities),
                             len(record.signings), len(items)))
        titles[record.id] = record.title or record.id
    persons, pairs = archive.persons(), archive.signing_pairs()
    review.sort(key=lambda i: (-i.doubt, i.record_id, i.start))
    summary = SiteSummary(out, articles=len(rows), pages=len(rows), persons=len(persons), pairs=len(pairs),
                          review=len(review))
    index_body, month_pages = index_page(rows, errors, archive, len(persons), len(pairs), len(review), index_inline)
    (out / "index.html").write_text(_page(title, index_body), encoding="utf-8")
    months_dir = out / "months"
    if months_dir.exists():
        shutil.rmtree(months_dir)
    if month_pages:
        months_dir.mkdir()
        for name, body in month_pages.items():
            (months_dir / name).write_text(_page(f"{title}: {name[:-5]}", body, "../"), encoding="utf-8")
    people_intro = ('<section><p class="note">One row per person across the archive, most articles first. '
                    "Mentions with the same name are one person when their titles share an organisation (or a "
                    "bare role such as 主席 matches); the same name with unrelated roles stays apart; mentions "
                    "with no title join the name's only titled person, and stay apart when there are several. "
                    "A surname alone is left out. Details: docs/analysts.md.</p></section>")
    summary.files += [p.name for p in write_paged(
        out, "people", "Who's who", people_intro,
        ["name", "titles as given (×articles)", "organisations in the titles", "first seen", "last seen",
         "articles", "where"], people_rows(persons, titles), "No people.", what="persons")]
    pairs_written = write_paged(
        out, "signings", "Who signs with whom", signings_intro(archive, pairs),
        ["party", "party", "signings", "what was signed", "dates (articles)", "where"], pair_rows(pairs, titles),
        "No signing pairs.", what="pairs")
    summary.files += [p.name for p in pairs_written]
    (out / "numbers.html").write_text(_page("Numbers at a glance", numbers_page(archive, titles)), encoding="utf-8")
    review_intro = (precision_section(precision, precision_note) + '<section><p class="note">Ranked by doubt: the extractor\'s '
                    "confidence corrected by what the archive knows (names in bylines or given titles, "
                    "gazetteer links) and, where reviewers measured it, by the rule's measured precision. "
                    "Each row links to its sentence.</p></section>")
    summary.files += [p.name for p in write_paged(
        out, "review", "To review", review_intro, ["what", "taken for", "why it is doubtful", "doubt", "article"],
        review_rows(review, anchors), "Nothing doubtful.", what="items")]
    (out / "errors.html").write_text(_page("Errors", "<section>" + _table(
        ["input", "code", "message", "line", "byte offset"], errors_rows(errors), "No errors.") + "</section>"),
        encoding="utf-8")
    summary.files = ["index.html", *summary.files, "numbers.html", "errors.html"]
    return summary


def write_site_for_run(run_dir: Path, out: Path | None = None, *,
                       precision: Sequence[RulePrecision] | None = None, precision_note: str = "") -> SiteSummary:
    """The site for a run folder (``records.jsonl``, ``errors.jsonl``), by default into ``run_dir/report``."""
    from zhnews.pipeline.outputs import ERRORS, RECORDS, read_errors, read_records

    run_dir = Path(run_dir)
    return write_site(lambda: read_records(run_dir / RECORDS), read_errors(run_dir / ERRORS),
                      out or run_dir / SITE_DIR, precision=precision, precision_note=precision_note)
