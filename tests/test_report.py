"""The analyst report: sections, highlighted spans, tables, and markup in inputs shown as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.pipeline.records import ErrorEntry
from zhnews.pipeline.report import Mark, choose_marks, render_report, render_spans, summary_rows, write_report
from tests.downstream_fixtures import XSS_TEXT, all_records, plain_record, sample_errors, signing_record, xss_record

SECTIONS = ("summary", "articles", "quantities", "signings", "review", "errors")


class Collector(HTMLParser):
    """Every start tag with its attributes, and the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> Collector:
    c = Collector()
    c.feed(markup)
    c.close()
    return c


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(all_records(), sample_errors())


def test_sections_and_marks(page: str) -> None:
    doc = parse(page)
    ids = [a.get("id") for _, a in doc.tags]
    for section in SECTIONS:
        assert section in ids
    marks = [a for t, a in doc.tags if t == "mark"]
    # signing article: 6 entities + 3 quantities + 1 date; xss article: 2 entities + 1 quantity;
    # signing card evidence: 4 parties + 3 quantities + 1 date
    assert len(marks) == 10 + 3 + 8
    text = "".join(doc.text)
    assert "重庆水利电力职业技术学院" in text and "↔" in text and "老挝铁道技术学院" in text


def test_markup_in_inputs_is_text_not_markup(page: str) -> None:
    doc = parse(page)
    tags = {t for t, _ in doc.tags}
    assert "script" not in tags and "img" not in tags and "i" not in tags and "b" not in tags
    for _, attrs in doc.tags:
        assert not [k for k in attrs if k.startswith("on")]
    text = "".join(doc.text)
    # the title, the text, a span inside markup, a subject, a rule and an error message all come back verbatim
    assert xss_record().title in text
    assert 'document.title="PWNED";document.body.setAttribute("data-pwned","1")</script><img src=x onerror=' in text
    assert "<i>受伤</i>" in text and "<b>a.jsonl</b>" in text
    assert XSS_TEXT.split("<script>")[0] in text


def test_self_contained_and_script_free(page: str) -> None:
    doc = parse(page)
    csp = [a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]
    for tag, attrs in doc.tags:
        assert "src" not in attrs, tag
        if tag in ("a", "link"):
            assert (attrs.get("href") or "").startswith("#"), attrs
    assert "http://" not in page.replace("http-equiv", "") and "https://" not in page


def test_summary_counts() -> None:
    rows = {r["metric"]: r["count"] for r in summary_rows(all_records(), sample_errors())}
    assert rows["articles"] == 4 and rows["entities"] == 8 and rows["entities: ORG"] == 5
    assert rows["quantities"] == 4 and rows["signings"] == 1 and rows["errors"] == 2
    # 老挝铁道技术学院 0.55, 约20万元 0.5, <script> 0.3; 张智奎 (0.4) is named with a title (区长), so not doubtful
    assert rows["to review (doubtful)"] == 3


def test_review_lists_doubtful_items_with_reasons(page: str) -> None:
    review = page.split('id="review"')[1].split('id="errors"')[0]
    text = "".join(parse("<div " + review).text)
    assert "约20万元" in text and "老挝铁道技术学院" in text
    assert "entityperson" not in text  # 张智奎 scores 0.4, but is named with a title: not doubtful
    assert review.count("<tr>") == 1 + 3  # header + three doubtful items
    assert "not found in a gazetteer" in text and "reading or unit is uncertain" in text  # reasons in words
    # most doubtful first: the 0.3 span over markup, then 0.5, then 0.55
    assert text.index("PWNED") < text.index("约20万元") < text.index("老挝铁道技术学院")
    assert "test.count" not in text and "test.signing" not in text  # 0.9+ quantities, the 0.8 signing


def test_quantities_table_values(page: str) -> None:
    section = page.split('id="quantities"')[1].split('id="signings"')[0]
    cells = [c.strip() for c in parse("<div " + section).text if c.strip()]
    i = cells.index("约20万元")
    assert cells[i + 1:i + 5] == ["200,000", "元", "约", "money"]


def test_overlaps_keep_longest_and_count_hidden() -> None:
    kept, dropped = choose_marks([Mark(0, 4, "ORG"), Mark(2, 3, "QUANTITY"), Mark(5, 7, "DATE"), Mark(3, 6, "GPE")])
    assert kept == [Mark(0, 4, "ORG"), Mark(5, 7, "DATE")] and dropped == 2
    markup, hidden = render_spans("重庆永川12月", [Mark(0, 4, "GPE"), Mark(2, 4, "GPE")])
    assert hidden == 1 and markup.count("<mark") == 1


def test_unknown_label_is_refused() -> None:
    with pytest.raises(ValueError, match="label"):
        render_spans("abc", [Mark(0, 1, '<script>')])


def test_empty_report_and_write(tmp_path: Path) -> None:
    path = write_report([], [], tmp_path / "deep" / "report.html")
    text = path.read_text(encoding="utf-8")
    assert "No articles." in text and "No signings." in text and "No errors." in text
    path = write_report([plain_record(1), signing_record()],
                        [ErrorEntry(uri="x", code="E001", message="empty input")], tmp_path / "r.html")
    assert "Signings (1)" in path.read_text(encoding="utf-8")


class _Visible(HTMLParser):
    """Text a reader sees, minus displaCy's label chips (the <span> inside each <mark>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_label = 0
        self.in_mark = False
        self.out: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self.in_mark = True
        elif tag == "span" and self.in_mark:
            self.depth_label += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.in_mark = False
        elif tag == "span" and self.depth_label:
            self.depth_label -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth_label:
            self.out.append(data)


_LABELS = ["PERSON", "ORG", "GPE", "LOC", "QUANTITY", "DATE"]


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("<>&\"'/=;永川签约 \nabc()")) | st.characters(), max_size=60),
    raw=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(_LABELS)), max_size=6),
)
def test_any_text_renders_verbatim_with_only_our_tags(text: str, raw: list[tuple[int, int, str]]) -> None:
    marks = [Mark(min(a, b, len(text)), min(max(a, b), len(text)), label) for a, b, label in raw]
    markup, _ = render_spans(text, marks)
    seen = _Visible()
    seen.feed(markup)
    seen.close()
    assert set(seen.tags) <= {"div", "mark", "span", "br"}
    assert "".join("".join(seen.out).split()) == "".join(text.split())


def test_partial_report_names_the_whole_run() -> None:
    page = render_report([plain_record(1)], [], summary=[{"measure": "records", "value": 1000}], total_articles=1000)
    assert "Articles (1 of 1000)" in page
    summary = "".join(parse(page.split('id="summary"')[1].split('id="articles"')[0]).text)
    assert "records1,000" not in summary and "records1000" in summary
