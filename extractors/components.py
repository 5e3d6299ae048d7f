"""spaCy components over the plain extractors, so spaCy users can ``nlp.add_pipe("zhnews_entities")``.

Published through the ``spacy_factories`` entry point (``zhnews_entities =
extractors.components:make_entities``). The component writes ``doc.ents`` (non-overlapping) and
``doc.spans["zhnews_entities"]``; each span carries ``kb_id_`` and ``span._.titles`` /
``span._.rule`` / ``span._.confidence`` / ``span._.coref_key``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from zhnews.extractors.entities import default_gazetteer, extract_entities

SPAN_KEY = "zhnews_entities"
_EXTENSIONS = {"titles": (), "rule": None, "confidence": None, "coref_key": None}


def _register_extensions() -> None:
    for name, default in _EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


class EntityComponent:
    """Runs ``extract_entities`` on ``doc.text``; spans snap outwards to token boundaries."""

    def __init__(self, nlp: Language, name: str, use_doc_tokens: bool, use_gazetteer: bool) -> None:
        self.name = name
        self.use_doc_tokens = use_doc_tokens
        self.use_gazetteer = use_gazetteer
        self._gaz: Any | None = None
        _register_extensions()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, nlp: Language | None = None) -> None:
        """Load dictionaries and the gazetteer once, here, not on the first document."""
        if self.use_gazetteer:
            self._gaz = default_gazetteer()
        extract_entities("初始化。", gazetteer=self._gaz)

    def __call__(self, doc: Doc) -> Doc:
        if self.use_gazetteer and self._gaz is None:
            self._gaz = default_gazetteer()
        tokens = [t.text_with_ws for t in doc] if self.use_doc_tokens else None
        matches = extract_entities(doc.text, tokens, self._gaz)
        spans: list[Span] = []
        for m in matches:
            span = doc.char_span(m.start, m.end, label=m.label, kb_id=m.kb_id or "", alignment_mode="expand")
            if span is None:
                continue
            span._.titles = m.titles
            span._.rule = m.rule
            span._.confidence = m.confidence
            span._.coref_key = m.coref_key
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.ents = filter_spans(spans)
        return doc


@Language.factory(
    "zhnews_entities",
    default_config={"use_doc_tokens": False, "use_gazetteer": True},
)
def make_entities(nlp: Language, name: str, use_doc_tokens: bool, use_gazetteer: bool) -> EntityComponent:
    """``use_doc_tokens``: pass the doc's tokens to the extractor (only with a jieba-segmented doc;
    spaCy's default zh segmenter is per character, which the rules cannot use)."""
    return EntityComponent(nlp, name, use_doc_tokens, use_gazetteer)
