"""Documents to records: split, segment, run the extractors, attach ids and source offsets."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from zhnews.extractors.types import QuantityMatch
from zhnews.pipeline import extract_steps
from zhnews.pipeline.gc_pause import gc_paused
from zhnews.pipeline.ingest import Document
from zhnews.pipeline.normalise import OffsetMap, blank_markup, simplified_for_matching
from zhnews.pipeline.records import ArticleRecord
from zhnews.pipeline.segment import Segmenter, get_segmenter
from zhnews.pipeline.split import Article, split_page
from zhnews.pipeline.version import PIPELINE_VERSION


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that changes the output; part of the resume key, so keep it hashable."""

    segmenter: str = "jieba"
    hmm: bool = True
    gazetteer_files: tuple[str, ...] = ()


@dataclass(slots=True)
class Engine:
    """Loaded once per process (and per Dask worker), never per document."""

    settings: Settings
    segmenter: Segmenter
    gazetteer: object
    gazetteer_version: str


@lru_cache(maxsize=4)
def get_engine(settings: Settings = Settings()) -> Engine:
    gazetteer, version = extract_steps.load_gazetteer(settings.gazetteer_files)
    user_words = extract_steps.user_words(gazetteer)
    segmenter = get_segmenter(settings.segmenter, user_words, settings.hmm)
    return Engine(settings, segmenter, gazetteer, version)


def _hash(*parts: str, n: int = 20) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:n]


def article_id(title: str | None, subtitle: str | None, text: str) -> str:
    """Content only (no path, no encoding): the same article read twice gets the same id."""
    return _hash(title or "", subtitle or "", text)


def _span_fields(text: str, offsets: OffsetMap, start: int, end: int) -> dict:
    s, e = offsets.to_source(start, end)
    return {"text": text[start:end], "start": start, "end": end, "source_start": s, "source_end": e}


def _quantity_subject(text: str, offsets: OffsetMap, q: QuantityMatch) -> dict:
    """The subject as written in the record text (the extractor read a simplified copy of the same length)."""
    if q.subject_start is None or q.subject_end is None:
        return {"subject": q.subject, "subject_span": None}
    span = _span_fields(text, offsets, q.subject_start, q.subject_end)
    return {"subject": span["text"], "subject_span": span}


def build_record(doc: Document, article: Article, engine: Engine) -> ArticleRecord:
    """The record, validated in one call: nested models are given as plain data and pydantic's core
    validates the whole tree (speed: ~100 model constructions per article, each a Python call with its
    keyword arguments, were about as costly as validating the tree; the validation is the same)."""
    text, offsets = article.text, article.offsets
    title = article.title or doc.title
    rid = article_id(title, article.subtitle, text)
    # extractors read a simplified copy (same length), so 重慶 matches 重庆; the record keeps the text as written
    found = extract_steps.run(simplified_for_matching(text), engine.segmenter, engine.gazetteer, doc.date)

    entity_ids: dict[str, str] = {}
    entities: list[dict] = []
    mention_entity: dict[tuple[int, int], str] = {}
    to_source = offsets.to_source
    src_of = offsets.offsets
    for m in found.entities:
        key = m.coref_key or m.kb_id or f"{m.label}:{m.canonical or m.text}"
        eid = entity_ids.setdefault(key, f"{rid}:E{len(entity_ids) + 1}")
        s, e = m.start, m.end
        mention_entity[(s, e)] = eid
        a, b = (src_of[s], src_of[e - 1] + 1) if s < e else to_source(s, e)  # to_source, inlined (as below)
        # speed: one dict literal per mention (these are _span_fields' keys and then the entity's own)
        entities.append({"text": text[s:e], "start": s, "end": e, "source_start": a, "source_end": b,
                         "id": f"{rid}:e{s}-{e}", "entity_id": eid, "label": m.label, "titles": list(m.titles),
                         "kb_id": m.kb_id, "canonical": m.canonical, "confidence": m.confidence, "rule": m.rule})
    quantities = []
    for q in found.quantities:  # span-dense text has 250,000 quantities a MB (issue 18)
        a, b = q.start, q.end
        sa, sb = (src_of[a], src_of[b - 1] + 1) if a < b else offsets.to_source(a, b)
        # The fields every quantity has; the optional ones only when set (the model's defaults are None):
        # a smaller dict is quicker to build and for pydantic to check for unknown keys (~0.8 µs a quantity).
        fields = {"text": text[a:b], "start": a, "end": b, "source_start": sa, "source_end": sb,
                  "id": f"{rid}:q{a}-{b}", "kind": q.kind, "value": q.value, "confidence": q.confidence,
                  "rule": q.rule}
        if q.unit is not None:
            fields["unit"] = q.unit
        if q.approx is not None:
            fields["approx"] = q.approx
        if q.low is not None or q.high is not None:
            fields.update(low=q.low, high=q.high)
        if q.low_inclusive is not None or q.high_inclusive is not None:
            fields.update(low_inclusive=q.low_inclusive, high_inclusive=q.high_inclusive)
        if q.subject is not None or q.subject_start is not None:
            fields.update(_quantity_subject(text, offsets, q))
        quantities.append(fields)
    dates = []
    for d in found.dates:
        fields = _span_fields(text, offsets, d.start, d.end)
        fields.update(id=f"{rid}:d{d.start}-{d.end}", value=d.value, end_value=d.end_value, relative=d.relative,
                      resolved=d.resolved, confidence=d.confidence, rule=d.rule)
        dates.append(fields)
    mention_starts = sorted(mention_entity)  # (start, end): bisect finds a party's entities without a scan of all

    def party(p) -> dict:
        """The entity the party is, or else the longest entity inside it (德国 GFM 教育集团等 -> the ORG)."""
        i = bisect_left(mention_starts, (p.start, -1))
        inside = []
        while i < len(mention_starts) and mention_starts[i][0] < p.end:
            a, b = mention_starts[i]
            if b <= p.end:
                inside.append((b - a, mention_entity[(a, b)]))
            i += 1
        # signing_parties.SigningParty: an expanded pair (中尼 -> 中国) keeps the abbreviation as its mention
        return {"text": p.text, "entity_id": max(inside)[1] if inside else None, "kb_id": getattr(p, "kb_id", None),
                "mention": _span_fields(text, offsets, p.start, p.end),
                "generic": getattr(p, "generic", False), "carried": getattr(p, "carried", False)}

    signings = []
    for s in found.signings:
        evidence = [_span_fields(text, offsets, a, b) for a, b in s.evidence]
        signings.append({
            "id": f"{rid}:s{s.evidence[0][0]}",
            "parties_a": [party(p) for p in s.parties_a], "parties_b": [party(p) for p in s.parties_b],
            "count": s.count, "object": s.object, "date": s.date, "place": s.place, "amount": s.amount,
            "amount_unit": s.amount_unit, "evidence": evidence, "confidence": s.confidence, "rule": s.rule,
            "family": getattr(s, "family", None),
            "signatories": [{"name": _span_fields(text, offsets, g.name.start, g.name.end),
                             "entity_id": mention_entity.get((g.name.start, g.name.end)),
                             "titles": list(g.titles), "represents": g.represents}
                            for g in getattr(s, "signatories", ())],
        })
    b = article.byline
    return ArticleRecord.model_validate({
        "id": rid,
        "source": {"uri": doc.uri, "sha256": doc.sha256, "encoding": doc.encoding,
                   "start": article.source_start, "end": article.source_end},
        "date": doc.date,
        "title": title,
        "subtitle": article.subtitle,
        "byline": {"outlet": b.outlet, "reporters": b.reporters, "interns": b.interns,
                   "photographers": b.photographers, "correspondents": b.correspondents},
        "marks": [{"kind": "continuation", "text": t, "source_start": s, "source_end": e} for t, s, e in article.marks],
        "text": text,
        "entities": entities,
        "quantities": quantities,
        "dates": dates,
        "signings": signings,
        "pipeline_version": PIPELINE_VERSION,
        "gazetteer_version": engine.gazetteer_version,
        "segmenter": engine.segmenter.name,
    })


def process_document(doc: Document, settings: Settings = Settings()) -> list[ArticleRecord]:
    engine = get_engine(settings)
    with gc_paused():  # span-dense text: the collector walked the records being built (pipeline/gc_pause.py)
        page = blank_markup(doc.text) if doc.markup else doc.text  # HTML input only, never JSONL text
        articles = split_page(page, single_article=not doc.is_page)
        records = [build_record(doc, article, engine) for article in articles]
        return extract_steps.link_page(records)


def extract_text(text: str, source: str = "<text>", *, date: str | None = None, page: bool = True,
                 settings: Settings = Settings()) -> list[ArticleRecord]:
    """The Python API: one string to its records; ``page=False`` keeps it one article (no headline split)."""
    from zhnews.pipeline.ingest import is_html_input, sha256_hex

    data = text.encode("utf-8", errors="surrogatepass")
    doc = Document(uri=source, text=text, sha256=sha256_hex(data), encoding="str", is_page=page, date=date,
                   markup=is_html_input(source, text))
    return process_document(doc, settings)


def records_for(docs: Sequence[Document], settings: Settings = Settings()) -> list[ArticleRecord]:
    out: list[ArticleRecord] = []
    for doc in docs:
        out.extend(process_document(doc, settings))
    return out
