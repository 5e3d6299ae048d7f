"""The report's one-pass span markup (pipeline/report_markup.py) is displaCy's markup, character for character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.pipeline import report_markup
from zhnews.pipeline.report import COLORS, Mark, choose_marks, render_spans
from zhnews.pipeline.report_markup import _GLUES, chunked_markup, displacy, entity_markup, shapes

LABELS = sorted(COLORS)
# Every character displaCy escapes or turns into <br>, the glue characters, Han and Latin text.
ALPHABET = st.sampled_from(list('<>&"\'\n \t永川签约abc') + list(_GLUES)) | st.characters()


def _displacy_one_piece(text: str, kept: list[Mark]) -> str:
    doc = {"text": text, "ents": [{"start": m.start, "end": m.end, "label": m.label} for m in kept]}
    return displacy([doc], COLORS)


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=ALPHABET, max_size=80))
    raw = draw(st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90), st.sampled_from(LABELS)), max_size=12))
    n = len(text)  # spans lie inside their text (records check text[start:end] == span text)
    return text, [Mark(min(a, b, n), min(max(a, b), n), label) for a, b, label in raw]


def test_fast_path_is_in_use() -> None:
    """The probe found displaCy's templates; if it did not, every page would go the slow way unnoticed."""
    made = shapes(tuple(COLORS.items()))
    assert made is not None and set(made.ents) == set(COLORS)


@settings(max_examples=300, deadline=None)
@given(case=text_and_marks())
def test_same_markup_as_displacy(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    kept, _ = choose_marks(marks)
    expected = _displacy_one_piece(text, kept)
    assert entity_markup(text, kept, COLORS) == expected
    assert chunked_markup(text, kept, COLORS, max_chars=7, max_marks=2) == expected


def test_text_holding_every_glue_character() -> None:
    """No character is free to glue the pieces: each piece is escaped on its own, with the same result."""
    text = "".join(_GLUES) + '甲<乙>&"\n丙' * 3
    kept, _ = choose_marks([Mark(1, 4, "ORG"), Mark(6, 9, "GPE"), Mark(12, 20, "DATE")])
    assert entity_markup(text, kept, COLORS) == _displacy_one_piece(text, kept)


def test_long_dense_text_as_displacy() -> None:
    """A span every two characters over many thousands (issue 18's '3个5个'), with line breaks between."""
    text = "3个5个\n" * 3000
    marks = [Mark(k, k + 2, "QUANTITY") for k in range(0, len(text) - 2, 5)]
    markup, dropped = render_spans(text, marks)
    assert dropped == 0 and markup.count("<mark") == len(marks)
    assert markup == _displacy_one_piece(text, choose_marks(marks)[0])


def test_a_displacy_that_writes_otherwise_is_used_as_it_is(monkeypatch) -> None:
    """If the probe does not match, displaCy draws the page itself (never a page unlike displaCy's)."""
    monkeypatch.setattr(report_markup, "shapes", lambda colors: None)
    text = 'a<b>"c"\n' * 50
    kept, _ = choose_marks([Mark(k, k + 3, "ORG") for k in range(0, len(text) - 3, 8)])
    assert entity_markup(text, kept, COLORS) == _displacy_one_piece(text, kept)


def _longest_first(marks: list[Mark]) -> tuple[list[Mark], int]:
    """The rule, written plainly: longest first, then leftmost; a span overlapping a kept one is dropped."""
    kept: list[Mark] = []
    dropped = 0
    for m in sorted(marks, key=lambda m: (-(m.end - m.start), m.start)):
        if m.end <= m.start or m.start < 0 or any(m.start < k.end and k.start < m.end for k in kept):
            dropped += 1
        else:
            kept.append(m)
    return sorted(kept, key=lambda m: m.start), dropped


@st.composite
def disjoint_marks(draw: st.DrawFn) -> list[Mark]:
    """Spans that never overlap (the common case, which choose_marks takes a short way for), shuffled, with
    empty and negative ones mixed in."""
    cuts = sorted(set(draw(st.lists(st.integers(0, 200), max_size=30))))
    marks = [Mark(a, b, draw(st.sampled_from(LABELS))) for a, b in zip(cuts[::2], cuts[1::2])]
    marks += draw(st.lists(st.builds(Mark, st.integers(-3, 5), st.integers(-3, 0), st.sampled_from(LABELS)),
                           max_size=2))
    return draw(st.permutations(marks))


@settings(max_examples=300, deadline=None)
@given(marks=disjoint_marks() | st.lists(st.builds(Mark, st.integers(-2, 40), st.integers(-2, 40),
                                                   st.sampled_from(LABELS)), max_size=15))
def test_choose_marks_keeps_the_longest(marks: list[Mark]) -> None:
    assert choose_marks(marks) == _longest_first(marks)
