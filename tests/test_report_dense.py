"""A span-dense article (issue 18): its quantities table and signing cards show a labelled first part and say
where all of them are; an ordinary article shows every row, as before."""

from __future__ import annotations

from html.parser import HTMLParser

from zhnews.pipeline.records import ArticleRecord, Quantity
from zhnews.pipeline.report import (
    QUANTITY_HEADERS, QUANTITY_ROWS_PER_ARTICLE, SIGNING_CARDS_PER_ARTICLE, render_report,
)
from zhnews.pipeline.site import SITE_DIR, article_href
from tests.downstream_fixtures import plain_record, signing_record


class Rows(HTMLParser):
    """Rows of the quantities table, each as its cells' text, and the hrefs of the section's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.hrefs: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = []
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def units_record(n: int) -> ArticleRecord:
    """'3个' n times, each a quantity (built unchecked: thousands of spans)."""
    base = plain_record(7)
    text = "3个" * n
    quantities = [Quantity.model_construct(text="3个", start=2 * k, end=2 * k + 2, source_start=2 * k,
                                           source_end=2 * k + 2, id=f"{base.id}:q{k}", kind="count", value=3.0,
                                           unit="个", subject=None, approx=None, low=None, high=None,
                                           confidence=0.9, rule="test.count") for k in range(n)]
    return base.model_copy(update={"text": text, "quantities": quantities})


def section(page: str, name: str, following: str) -> str:
    return page.split(f'<section id="{name}">')[1].split(f'<section id="{following}">')[0]


def quantity_rows(page: str) -> Rows:
    rows = Rows()
    rows.feed(section(page, "quantities", "signings"))
    rows.close()
    return rows


def test_ordinary_article_lists_every_quantity() -> None:
    n = QUANTITY_ROWS_PER_ARTICLE
    page = render_report([units_record(n)], [])
    rows = quantity_rows(page)
    assert f"<h2>Quantities ({n})</h2>" in page
    assert len(rows.rows) == n + 1  # the header row and every quantity
    assert "not listed" not in page and "first" not in section(page, "quantities", "signings")


def test_dense_article_shows_a_labelled_first_part() -> None:
    n = QUANTITY_ROWS_PER_ARTICLE + 250
    record = units_record(n)
    page = render_report([record, signing_record()], [])
    quantities = section(page, "quantities", "signings")
    rows = quantity_rows(page)
    assert f"<h2>Quantities ({n + 3})</h2>" in page  # the count is the whole run's
    data = [r for r in rows.rows if len(r) == len(QUANTITY_HEADERS)]
    assert len(data) == QUANTITY_ROWS_PER_ARTICLE + 3  # the other article's three rows all come
    assert f"first {QUANTITY_ROWS_PER_ARTICLE:,} of the {n:,} quantities" in quantities
    cut = [r for r in rows.rows if len(r) == 1]
    assert len(cut) == 1 and cut[0][0].startswith("250 more quantities of this article are not listed here")
    assert "records.jsonl" in cut[0][0]
    page_href = f"{SITE_DIR}/{article_href(record.id)}"
    assert rows.hrefs.count(page_href) == 2 and f"#a-{record.id}" in rows.hrefs
    # the article's text still draws every span
    assert section(page, "articles", "quantities").count("<mark") >= n


def test_dense_signings_show_a_labelled_first_part() -> None:
    one = signing_record()
    many = [one.signings[0].model_copy(update={"id": f"{one.id}:s{k}"}) for k in range(SIGNING_CARDS_PER_ARTICLE + 5)]
    page = render_report([one.model_copy(update={"signings": many})], [])
    signings = section(page, "signings", "review")
    assert f"<h2>Signings ({len(many)})</h2>" in signings
    assert signings.count('<div class="card"') == SIGNING_CARDS_PER_ARTICLE
    assert f"first {SIGNING_CARDS_PER_ARTICLE:,} of the {len(many):,} signings" in signings
    assert f'href="{SITE_DIR}/{article_href(one.id)}"' in signings


def test_ordinary_signings_all_shown() -> None:
    one = signing_record()
    many = [one.signings[0].model_copy(update={"id": f"{one.id}:s{k}"}) for k in range(SIGNING_CARDS_PER_ARTICLE)]
    signings = section(render_report([one.model_copy(update={"signings": many})], []), "signings", "review")
    assert signings.count('<div class="card"') == SIGNING_CARDS_PER_ARTICLE and "first" not in signings
