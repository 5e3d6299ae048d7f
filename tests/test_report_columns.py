"""A record's spans drawn from columns of offsets (report.article_pieces, report_markup.column_pieces, the way of
a text dense with spans, issue 18) give the page that render_spans gives, character for character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.pipeline import report, report_markup
from zhnews.pipeline.records import ArticleRecord, DateExpr, Entity, Quantity
from zhnews.pipeline.report import COLORS, article_marks, article_pieces, choose_marks, render_spans
from zhnews.pipeline.report_markup import _GLUES, chunked_markup, displacy
from tests.downstream_fixtures import plain_record

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC")
# Every character displaCy escapes or turns into <br>, the glue characters, Han and Latin text.
ALPHABET = st.sampled_from(list('<>&"\'\n \t永川签约abc') + list(_GLUES)) | st.characters()


def _record(text: str, spans: list[tuple[int, int, str]]) -> ArticleRecord:
    """A record holding ``spans`` (start, end, label) as entities, quantities and dates (built unchecked)."""
    entities, quantities, dates = [], [], []
    for k, (start, end, label) in enumerate(spans):
        common = {"text": text[start:end], "start": start, "end": end, "source_start": start, "source_end": end,
                  "id": f"x:{k}", "confidence": 0.9, "rule": "test"}
        if label == "QUANTITY":
            quantities.append(Quantity.model_construct(**common, kind="count", value=1.0))
        elif label == "DATE":
            dates.append(DateExpr.model_construct(**common, value="2019"))
        else:
            entities.append(Entity.model_construct(**common, entity_id=f"e{k}", label=label))
    return plain_record(1).model_copy(update={"text": text, "entities": entities, "quantities": quantities,
                                              "dates": dates})


@st.composite
def records(draw: st.DrawFn) -> ArticleRecord:
    """Spans mostly disjoint (the column way) and sometimes overlapping, empty or negative (render_spans's way)."""
    text = "".join(draw(st.lists(ALPHABET, max_size=60)))  # (st.text draws line breaks seldom)
    n = len(text)
    cuts = sorted(set(draw(st.lists(st.integers(0, n), max_size=20))))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    spans += draw(st.lists(st.tuples(st.integers(-2, n), st.integers(-2, n)), max_size=draw(st.sampled_from([0, 2]))))
    labels = st.sampled_from([*ENTITY_LABELS, "QUANTITY", "DATE"])
    return _record(text, draw(st.permutations([(a, b, draw(labels)) for a, b in spans])))


@settings(max_examples=400, deadline=None)
@given(record=records())
def test_columns_give_the_page_render_spans_gives(record: ArticleRecord) -> None:
    """Every record takes the column way here (the threshold at 0); render_spans, small, takes its loop."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report, "COLUMNS_FROM", 0)
        pieces, dropped = article_pieces(record)
    assert ("".join(pieces), dropped) == render_spans(record.text, article_marks(record))


@settings(max_examples=300, deadline=None)
@given(record=records())
def test_column_markup_is_displacys(record: ArticleRecord) -> None:
    """The columns of a record's drawn spans marked up directly, next to displaCy's own page."""
    import numpy as np

    kept, _ = choose_marks(article_marks(record))
    made = report_markup.shapes(tuple(COLORS.items()))
    assert made is not None
    markup = report_markup.column_markup(
        record.text, np.array([m.start for m in kept], dtype=np.intp), np.array([m.end for m in kept], dtype=np.intp),
        [made.ents[m.label][0] for m in kept], [made.ents[m.label][1] for m in kept], made)
    doc = {"text": record.text, "ents": [{"start": m.start, "end": m.end, "label": m.label} for m in kept]}
    if sum(g not in record.text for g in _GLUES) < 2:  # fewer than two glue characters free: the loop's way
        assert markup is None
    else:
        assert markup == displacy([doc], COLORS)


def test_a_dense_record_takes_the_column_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of disjoint spans, line breaks between and inside them: drawn without a Mark per span, and
    the page is displaCy's (made by displaCy piece by piece)."""
    text = "3个\n5个" * 2000
    spans = [(k, k + 5, "QUANTITY" if k % 2 else "ORG") for k in range(0, len(text), 5)]
    record = _record(text, spans)
    expected = chunked_markup(text, choose_marks(article_marks(record))[0], COLORS)
    monkeypatch.setattr(report, "article_marks", lambda r: pytest.fail("a Mark per span"))
    pieces, dropped = article_pieces(record)
    assert "".join(pieces) == expected and dropped == 0


def test_overlapping_spans_go_the_way_of_choose_marks() -> None:
    """Overlaps are for choose_marks to settle (longest kept): the page says how many were not drawn."""
    text = "重庆永川12月" * 40
    spans = [(k, k + 4, "GPE") for k in range(0, len(text), 7)] + [(k + 2, k + 4, "GPE") for k in range(0, len(text), 7)]
    record = _record(text, spans)
    pieces, dropped = article_pieces(record)
    assert ("".join(pieces), dropped) == render_spans(text, article_marks(record)) and dropped == 40
