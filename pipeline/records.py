"""The record contract with downstream databases: the only place records are defined.

Change these models only together with a SCHEMA_VERSION bump and a regenerated
``schema/record.schema.json`` (``make schema``); ``tests/test_schema.py`` fails otherwise.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"

# 1.1 (pipeline 0.3): Quantity.subject_span, low_inclusive, high_inclusive; Party.kb_id, mention, generic,
# carried; Signing.family, signatories. Every 1.0 field keeps its name, type and meaning.

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC"]
QuantityKind = Literal[
    "count", "money", "percent", "multiple", "area", "length", "weight", "volume",
    "duration", "ordinal", "number", "other",
]

Offset = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A piece of the record's text; offsets are half-open into ``ArticleRecord.text``."""

    text: str
    start: Offset
    end: Offset
    source_start: Offset = Field(description="Offset into the decoded input document.")
    source_end: Offset = Field(description="Half-open end offset into the decoded input document.")
    # Order, length and text are checked by ArticleRecord, in one pass over all its spans: a Python validator
    # per span cost ~0.35 µs each, on text carrying 333,000 quantities a MB (issue 18).


class Entity(Span):
    id: str = Field(description="Mention id, stable for the same record, label and offsets.")
    entity_id: str = Field(description="Shared by every mention of the same thing within the record.")
    label: EntityLabel
    titles: list[str] = Field(default_factory=list, description="A person's titles as written, in order.")
    kb_id: str | None = Field(default=None, description="Gazetteer id, e.g. a division code or ISO 3166 code.")
    canonical: str | None = Field(default=None, description="The gazetteer's canonical name, when linked.")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str


class Quantity(Span):
    id: str
    kind: QuantityKind
    value: float | None = Field(description="The normalised number (20万 -> 200000); null for pure ranges.")
    low: float | None = None
    high: float | None = None
    approx: str | None = Field(default=None, description="Qualifier as written: 余, 多, 近, 约, 以上 ...")
    unit: str | None = None
    subject: str | None = Field(default=None, description="What is counted or measured, as written.")
    subject_span: Span | None = Field(default=None, description="Where the subject is written (its text is ``subject``).")
    low_inclusive: bool | None = Field(default=None, description="Whether ``low`` belongs to the range (大于 20 -> false); null when unbounded or a plain value.")
    high_inclusive: bool | None = Field(default=None, description="Whether ``high`` belongs to the range (小于等于 35 -> true).")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str


class DateExpr(Span):
    id: str
    value: str = Field(description="ISO-like date with unknown parts as X: 'XXXX-12-12', '2023', 'XXXX-12-12T10:15'.")
    end_value: str | None = Field(default=None, description="End of a range (12月11日至12日).")
    relative: bool = Field(default=False, description="True for 当天/是日/今天 and the like.")
    resolved: str | None = Field(default=None, description="A relative expression resolved against the text.")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str


class Party(_Model):
    text: str = Field(description="The party's name: as written, or the full name an abbreviation stands for (中尼 -> 中国, 尼泊尔).")
    entity_id: str | None = None
    kb_id: str | None = Field(default=None, description="Gazetteer id when the party is linked (e.g. ISO 3166 code).")
    mention: Span | None = Field(default=None, description="Where the party is written; for an expanded abbreviation, the abbreviation.")
    generic: bool = Field(default=False, description="A counted or generic party kept as written (一批领军企业, 22个省（区、市）).")
    carried: bool = Field(default=False, description="Named in an earlier sentence of the article, not in the evidence sentence.")


class Signatory(_Model):
    """A person who signs for a party (X代表双方签字)."""

    name: Span
    entity_id: str | None = None
    titles: list[str] = Field(default_factory=list)
    represents: str | None = Field(default=None, description="The party the person signs for, as in ``Party.text``.")


class Signing(_Model):
    id: str
    parties_a: list[Party]
    parties_b: list[Party]
    family: str | None = Field(default=None, description="The kind of report: bilateral, listed, aggregate, witnessed, ceremony ... (docs/extraction.md).")
    signatories: list[Signatory] = Field(default_factory=list)
    count: int | None = Field(default=None, description="How many agreements or projects were signed.")
    object: str | None = Field(default=None, description="What was signed, e.g. 国际化合作项目.")
    date: str | None = None
    place: str | None = None
    amount: float | None = Field(default=None, description="Money involved when stated (60亿元 -> 6000000000).")
    amount_unit: str | None = Field(default=None, description="Unit of the amount: 元, 美元 ...")
    evidence: list[Span] = Field(min_length=1, description="The sentence(s) reporting the signing.")
    also_reported_in: list[str] = Field(default_factory=list, description="Ids of other records on the page reporting the same signing.")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str


class Source(_Model):
    uri: str
    sha256: str = Field(description="SHA-256 of the input document's bytes (of the JSONL line for JSONL input).")
    encoding: str
    start: Offset = Field(description="Where this article starts in the decoded input.")
    end: Offset


class Byline(_Model):
    outlet: str | None = None
    reporters: list[str] = Field(default_factory=list)
    interns: list[str] = Field(default_factory=list)
    photographers: list[str] = Field(default_factory=list)
    correspondents: list[str] = Field(default_factory=list)


class Mark(_Model):
    """Something normalisation took out of the text, e.g. a page-continuation mark ``(上接1版)``."""

    kind: Literal["continuation"]
    text: str
    source_start: Offset
    source_end: Offset


class ArticleRecord(_Model):
    id: str = Field(description="Content-derived: the same article text gives the same id, whatever file or encoding it came from.")
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    source: Source
    date: str | None = Field(default=None, description="Publication date when the input gives it (JSONL 'date').")
    title: str | None = None
    subtitle: str | None = None
    byline: Byline = Field(default_factory=Byline)
    marks: list[Mark] = Field(default_factory=list)
    text: str
    entities: list[Entity] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateExpr] = Field(default_factory=list)
    signings: list[Signing] = Field(default_factory=list)
    pipeline_version: str
    gazetteer_version: str
    segmenter: str

    def spans(self) -> Iterator[Span]:
        yield from self.entities
        yield from self.quantities
        yield from self.dates
        for quantity in self.quantities:
            if quantity.subject_span is not None:
                yield quantity.subject_span
        for signing in self.signings:
            yield from signing.evidence
            for party in (*signing.parties_a, *signing.parties_b):
                if party.mention is not None:
                    yield party.mention
            for signatory in signing.signatories:
                yield signatory.name

    @model_validator(mode="after")
    def _spans_index_text(self) -> "ArticleRecord":
        """Every span of the record, in one pass: it runs forwards (source too), it is as long as its text,
        its text is the record's text at its offsets, and a quantity's subject is its subject span's text."""
        text = self.text
        for span in self.spans():
            start, end = span.start, span.end
            if end - start != len(span.text) or span.source_end < span.source_start:
                raise ValueError(f"span {span.text!r} [{start}:{end}], source [{span.source_start}:"
                                 f"{span.source_end}]: end before start, or length {len(span.text)} != end-start")
            if text[start:end] != span.text:
                raise ValueError(f"span {span.text!r} [{start}:{end}] does not match the record text "
                                 f"({text[start:end]!r})")
        for quantity in self.quantities:
            if quantity.subject_span is not None and quantity.subject_span.text != quantity.subject:
                raise ValueError(f"quantity {quantity.text!r}: subject {quantity.subject!r} != subject_span "
                                 f"{quantity.subject_span.text!r}")
        return self


class ErrorEntry(_Model):
    """One input that could not be turned into records; written to errors.jsonl, never raised through a run."""

    uri: str
    code: str
    message: str
    severity: Literal["error", "warning"] = "error"
    line: int | None = None
    byte_offset: int | None = None


def record_json_schema() -> dict[str, Any]:
    schema = ArticleRecord.model_json_schema()
    schema["$id"] = f"https://zhnews.invalid/schema/record-{SCHEMA_VERSION}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def record_json_schema_text() -> str:
    return json.dumps(record_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
