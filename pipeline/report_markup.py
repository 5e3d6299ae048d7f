"""displaCy's entity markup (manual mode), made in one pass over the text.

displaCy builds its markup with ``+=`` and four ``str.replace`` calls per piece of text, which on a text
dense with spans (issue 18: ``3个5个`` repeated, one span every two characters) costs far more than the
text itself. Its markup is simple, though: the text between spans escaped with ``<br>`` for each line
break, each span's escaped text inside a per-label template, the whole inside one wrapper. The wrapper and
the per-label templates are read off displaCy's own output for probe texts, and one probe with every
character that is escaped, in spans and between them, is compared with displaCy's markup before the fast
path is used; a displaCy that writes otherwise is drawn by displaCy itself, piece by piece, as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any, Protocol

import numpy as np
from spacy.displacy.render import EntityRenderer
from spacy.util import escape_html

# Characters that never reach a page from the pipeline's own text in practice (private use area); one not in
# the text glues all pieces together so the text is escaped in a handful of C-speed calls, not per span.
_GLUES = ("\ue000", "\ue001", "\ue002", "\ue003", "\uf8ff")
# Spans from which a text is cut by numpy (column_markup) rather than a Python loop. Its fixed cost per text
# (~0.2 ms) outweighs the loop's below a few hundred spans (an article of the corpus has at most 435; measured
# there, in a run, the loop was faster); from 1,000 it is twice as fast, and a text dense with numbers has
# 333,000 spans a MB (issue 18).
COLUMNS_FROM = 1000


class Drawn(Protocol):
    """A span to draw (the report's ``Mark``): read-only, so a named tuple fits."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Shapes:
    """displaCy's wrapper around a text and, per label, the markup before and after a span's escaped text."""

    before: str
    after: str
    ents: Mapping[str, tuple[str, str]]


@lru_cache(maxsize=8)
def _renderer(colors: tuple[tuple[str, str], ...]) -> EntityRenderer:
    """One displaCy entity renderer per colour set: building one reads spaCy's colour registry (~1 ms),
    which ``displacy.render`` does on every call, i.e. for every signing card's evidence sentence."""
    return EntityRenderer(options={"colors": dict(colors)})


def displacy(docs: list[dict[str, Any]], colors: Mapping[str, str]) -> str:
    """``displacy.render(docs, style="ent", manual=True)``'s markup, with the renderer built once."""
    for doc in docs:
        doc["ents"] = sorted(doc["ents"], key=lambda x: (x["start"], x["end"]))  # as displacy.render does
    return str(_renderer(tuple(colors.items())).render(docs, page=False, minify=False).strip())


def _doc(text: str, kept: Sequence[Drawn], offset: int = 0) -> dict[str, Any]:
    return {"text": text, "ents": [{"start": m.start - offset, "end": m.end - offset, "label": m.label} for m in kept]}


@dataclass(frozen=True, slots=True)
class _Probe:
    start: int
    end: int
    label: str


def _probe_marks(labels: Sequence[str]) -> tuple[str, list[_Probe]]:
    """A text with every escaped character and line breaks between spans and inside them, one span per label."""
    nasty = 'a&b<c>d"e\'f\n\ng'
    text, marks = "", []
    for label in labels:
        text += nasty
        marks.append(_Probe(len(text), len(text) + len(nasty), label))
        text += nasty
    return text + "\n尾", marks


@lru_cache(maxsize=8)
def shapes(colors: tuple[tuple[str, str], ...]) -> Shapes | None:
    """The wrapper and per-label templates from displaCy's own markup; None if the fast path would differ."""
    palette = dict(colors)
    hole = "\x00"
    empty = displacy([_doc(hole, [])], palette)
    if empty.count(hole) != 1:
        return None
    before, after = empty.split(hole)
    ents: dict[str, tuple[str, str]] = {}
    for label in palette:
        drawn = displacy([_doc(hole, [_Probe(0, 1, label)])], palette)
        if not (drawn.startswith(before) and drawn.endswith(after)) or drawn.count(hole) != 1:
            return None
        pre, post = drawn[len(before):len(drawn) - len(after)].split(hole)
        ents[label] = (pre, post)
    made = Shapes(before, after, ents)
    text, marks = _probe_marks(list(palette))
    return made if fast_markup(text, marks, made) == displacy([_doc(text, marks)], palette) else None


def _escaped_pieces(text: str, kept: Sequence[Drawn]) -> list[str]:
    """The text cut at every span's start and end (gap, span, gap, ..., gap), each piece escaped."""
    pieces: list[str] = []
    at = 0
    for m in kept:
        pieces.append(text[at:m.start])
        pieces.append(text[m.start:m.end])
        at = m.end
    pieces.append(text[at:])
    glue = next((g for g in _GLUES if g not in text), None)
    if glue is None:
        return [escape_html(p) for p in pieces]
    out = escape_html(glue.join(pieces)).split(glue)
    return out if len(out) == len(pieces) else [escape_html(p) for p in pieces]


def fast_markup(text: str, kept: Sequence[Drawn], made: Shapes) -> str:
    """displaCy's markup for disjoint spans sorted by start, in time linear in the text and the spans."""
    if len(kept) >= COLUMNS_FROM:
        halves = [made.ents[m.label] for m in kept]
        markup = column_markup(text, np.array([m.start for m in kept], dtype=np.intp),
                               np.array([m.end for m in kept], dtype=np.intp), [h[0] for h in halves],
                               [h[1] for h in halves], made)
        if markup is not None:
            return markup
    pieces = _escaped_pieces(text, kept)
    ents = made.ents
    out = [made.before]
    for k, m in enumerate(kept):
        pre, post = ents[m.label]
        out.append(pieces[2 * k].replace("\n", "<br>"))
        out.append(pre)
        out.append(pieces[2 * k + 1])
        out.append(post)
    out.append(pieces[-1].replace("\n", "<br>"))
    out.append(made.after)
    return "".join(out)


def column_markup(text: str, starts: np.ndarray, ends: np.ndarray, pres: Sequence[str], posts: Sequence[str],
                  made: Shapes) -> str | None:
    """fast_markup's page for spans given as columns (column_pieces), joined."""
    pieces = column_pieces(text, starts, ends, pres, posts, made)
    return None if pieces is None else "".join(pieces)


def column_pieces(text: str, starts: np.ndarray, ends: np.ndarray, pres: Sequence[str], posts: Sequence[str],
                  made: Shapes) -> list[str] | None:
    """fast_markup's page in pieces to join, for spans given as columns: ``starts`` and ``ends`` sorted and
    disjoint, ``pres`` and ``posts`` each span's template halves (``made.ents[label]``). A glue character is
    put at every cut by numpy and the glued text escaped and split by C code, so the Python work per span is
    a step of a join; None when no glue character is free (the text holds them) or a span lies outside the text.
    Pieces rather than one string: a caller joining the page once saves a copy of a markup of tens of MB."""
    glues = [g for g in _GLUES if g not in text]
    if len(glues) < 2 or (len(ends) and (ends[-1] > len(text) or starts[0] < 0)):
        return None
    glue, newline = glues[0], glues[1]
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lines = np.flatnonzero(chars == 10)
    if len(lines) and len(starts):  # a line break inside a span stays one (displaCy: <br> between spans only)
        k = np.searchsorted(starts, lines, side="right") - 1
        inside = lines[(k >= 0) & (lines < ends[k])]
        if len(inside):
            chars = chars.copy()
            chars[inside] = ord(newline)
    cuts = np.empty(2 * len(starts), dtype=np.intp)
    cuts[0::2], cuts[1::2] = starts, ends
    glued = np.insert(chars, cuts, ord(glue)).tobytes().decode("utf-32-le", "surrogatepass")
    pieces = escape_html(glued).replace("\n", "<br>").replace(newline, "\n").split(glue)
    spans = chain.from_iterable(zip(pieces[0::2], pres, pieces[1::2], posts))
    return [made.before, *spans, pieces[-1], made.after]


_JOINT: dict[tuple[tuple[str, str], ...], str] = {}


def _joint(palette: Mapping[str, str]) -> str:
    """What displaCy writes between two documents rendered together (end of one wrapper, start of the next)."""
    key = tuple(palette.items())
    if key not in _JOINT:
        probe = displacy([_doc("\x00", []), _doc("\x01", [])], palette)
        _JOINT[key] = probe[probe.index("\x00") + 1:probe.index("\x01")]
    return _JOINT[key]


def chunked_markup(text: str, kept: Sequence[Drawn], palette: Mapping[str, str], max_chars: int = 4000,
                   max_marks: int = 100) -> str:
    """displaCy's markup of the whole text by displaCy itself, made piece by piece: displaCy builds its
    markup with ``+=`` per span and per line, quadratic on a long text dense with spans (issue 18: 12,500
    spans, 13 s). Pieces are cut between spans and rendered in one call, then the wrappers between them
    removed, so the page is the same as one piece's (escaping and <br> work character by character)."""
    if len(text) <= max_chars and len(kept) <= max_marks:
        return displacy([_doc(text, kept)], palette)
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
        docs.append(_doc(text[pos:end], kept[i:j], pos))
        pos, i = end, j
    markup = displacy(docs, palette)
    joint = _joint(palette)
    if markup.count(joint) != len(docs) - 1:  # a displaCy that writes otherwise: one piece, as before
        return displacy([_doc(text, kept)], palette)
    return markup.replace(joint, "")


def entity_markup(text: str, kept: Sequence[Drawn], palette: Mapping[str, str]) -> str:
    """displaCy's entity markup of ``text`` with the disjoint spans ``kept`` (sorted by start)."""
    made = shapes(tuple(palette.items()))
    if made is None or any(m.label not in made.ents for m in kept):
        return chunked_markup(text, kept, palette)
    return fast_markup(text, kept, made)
