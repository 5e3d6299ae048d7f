"""What extractors return: plain, read-only matches over one text.

Extractors know nothing of records, files or source offsets; ``zhnews.pipeline.assemble`` turns
these into the pydantic records. Offsets are half-open into the text the extractor was given.

Nothing changes a match once it is made (``dataclasses.replace`` makes a new one). The matches and the
extractors' candidates (EntityMatch, QuantityMatch, DateMatch, people_base.PersonCand, org_base.OrgCand,
places.PlaceCand) are not frozen all the same: a frozen dataclass sets each field through object.__setattr__
(~4 µs a quantity against ~0.5 µs; 1.1 µs an entity against 0.2), and span-dense text makes hundreds of
thousands of them a MB (issue 18: 1至21至2…, 50%50%…, 京津冀上海市…). unsafe_hash keeps the hash and equality
a frozen one had. The signing types (PartyRef, SigningMatch and signing_parties' SigningParty, Signatory,
SigningEvent) likewise: a sentence of signing-dense text made seven of them (重庆市政府与中国建筑集团有限公司签约。 repeated).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class EntityMatch:
    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | GPE | LOC
    rule: str
    confidence: float
    kb_id: str | None = None
    canonical: str | None = None
    titles: tuple[str, ...] = ()
    # Mentions with the same key within one text are the same thing (acronym, repeated name).
    coref_key: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class QuantityMatch:
    start: int
    end: int
    text: str
    kind: str
    value: float | None
    rule: str
    confidence: float
    low: float | None = None
    high: float | None = None
    approx: str | None = None
    unit: str | None = None
    subject: str | None = None
    # The record carries these as Quantity.subject_span (pipeline/records.py, schema 1.1).
    subject_start: int | None = None  # text[subject_start:subject_end] == subject
    subject_end: int | None = None
    low_inclusive: bool | None = None  # 大于20 -> False, 不低于60 -> True; None when there is no bound
    high_inclusive: bool | None = None


@dataclass(slots=True, unsafe_hash=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: str
    rule: str
    confidence: float
    end_value: str | None = None
    relative: bool = False
    resolved: str | None = None


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see above
class PartyRef:
    text: str
    start: int
    end: int


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see above
class SigningMatch:
    parties_a: tuple[PartyRef, ...]
    parties_b: tuple[PartyRef, ...]
    evidence: tuple[tuple[int, int], ...]  # sentence spans
    rule: str
    confidence: float
    count: int | None = None
    object: str | None = None
    date: str | None = None
    place: str | None = None
    amount: float | None = None
    amount_unit: str | None = None
