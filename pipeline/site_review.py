"""The review list: extractions ranked by doubt, each with the reason in words.

A raw confidence below a threshold is a poor guide: the name tagger gives 习近平 0.59 in one sentence and
华山松 0.58 in another. Doubt here starts from the confidence and is then corrected by what the archive
knows: a person in the article's byline or given a title, a name the archive sees often or with titles,
a place or organisation linked to a gazetteer. When reviewers have measured a rule's precision
(``RulePrecision`` rows, e.g. from a ``reviews`` table), that measurement replaces the guess:
``doubt = 1 - precision``. ``rank_review`` is the one entry point; the site and the single-page report
pass it the archive's name tallies and, when there is one, the precision table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from zhnews.pipeline.records import ArticleRecord

SHOW_FROM = 0.4  # items with this much doubt or less are not listed (confidence 0.6 and up, uncorrected)
MIN_REVIEWED = 20  # a measured precision counts once this many verdicts back it

LABEL_WORDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place (administrative)", "LOC": "place"}
# What a rule means, for readers who do not know the rule names (the longest matching prefix wins).
RULE_WORDS = {
    "person.tagger": "the statistical name tagger",
    "person.title": "a title written next to the name",
    "person.byline": "the article's byline",
    "person.foreign": "a foreign name written with a middle dot",
    "person.doctrine": "a doctrine named after a person (…思想)",
    "place.gazetteer": "the gazetteer of places",
    "place.abbreviation": "a one-character place abbreviation (川, 渝, 中美)",
    "place.suffix": "a place-name ending (…镇, …村)",
    "place.dict": "the word list of places",
    "place.tagger": "the statistical tagger",
    "org.gazetteer": "the gazetteer of organisations",
    "org.suffix": "an organisation ending (…公司, …大学)",
    "org": "organisation patterns",
    "quantity.vague": "a vague amount (约, 余, 多)",
    "quantity.unit": "a number with a unit",
    "count.bare": "a number with a measure word and no unit",
    "number.bare": "a number standing alone",
    "signing.sign": "a signing verb (签署, 签订, 签约 …) between named parties",
    "signing.conclude": "an agreement reached or concluded (达成, 缔结)",
}


def rule_words(rule: str) -> str:
    """A rule in words; an unknown rule keeps its name, quoted."""
    parts = rule.split(".")
    for n in range(len(parts), 0, -1):
        found = RULE_WORDS.get(".".join(parts[:n]))
        if found:
            return found
    return f"the rule “{rule}”"


def confidence_words(confidence: float) -> str:
    if confidence >= 0.85:
        return "likely right"
    if confidence >= 0.6:
        return "probably right; worth a look"
    return "doubtful; please check"


@dataclass(frozen=True, slots=True)
class RulePrecision:
    """Measured precision of one rule from reviewers' verdicts (the hook for ``zhnews review import``)."""

    rule: str
    precision: float
    reviewed: int
    low: float | None = None  # confidence interval, when the importer computes one
    high: float | None = None


@dataclass(slots=True)
class NameTally:
    """What the whole archive says about person names: in how many articles, how often with a title."""

    articles: Counter = field(default_factory=Counter)
    titled: Counter = field(default_factory=Counter)

    def add(self, record: ArticleRecord) -> None:
        names = {e.text for e in record.entities if e.label == "PERSON"}
        titled = {e.text for e in record.entities if e.label == "PERSON" and e.titles}
        self.articles.update(names)
        self.titled.update(titled)


@dataclass(slots=True)
class ReviewItem:
    record_id: str
    record_title: str
    kind: str  # entity, quantity, date, signing
    label: str
    text: str
    start: int
    end: int
    confidence: float
    rule: str
    doubt: float
    reasons: list[str]


def _byline_names(record: ArticleRecord) -> set[str]:
    b = record.byline
    return {*b.reporters, *b.interns, *b.photographers, *b.correspondents}


def _measured(rule: str, precision: Mapping[str, RulePrecision] | None) -> RulePrecision | None:
    found = (precision or {}).get(rule)
    return found if found is not None and found.reviewed >= MIN_REVIEWED else None


def _entity_doubt(byline: set[str], e, names: NameTally) -> tuple[float, list[str]]:
    """``byline``: the record's byline names (_byline_names), made once per record: a page of thousands of
    photo credits made it per entity quadratic (issue 18)."""
    doubt = 1.0 - e.confidence
    why: list[str] = []
    if e.kb_id:
        return 0.0, ["linked to the gazetteer"]
    if e.label != "PERSON":
        if doubt > SHOW_FROM:
            why.append(f"the {LABEL_WORDS[e.label]} was guessed from its shape, and not found in a gazetteer")
        return doubt, why
    if e.text in byline:
        return 0.0, ["named in the byline"]
    if e.titles:
        return doubt * 0.3, ["named with a title"]
    seen, titled = names.articles[e.text], names.titled[e.text]
    if titled:
        return doubt * 0.5, [f"given a title in {titled} article(s)"]
    if seen >= 3:
        return doubt * 0.7, [f"named as a person in {seen} articles, never with a title"]
    if len(e.text) == 1:
        return max(doubt, 0.6), ["a single character taken for a name"]
    why.append("named once in the archive, never with a title or in a byline" if seen <= 1
               else f"named in only {seen} articles, never with a title")
    if doubt >= 0.2:
        why.append(f"{rule_words(e.rule)} was unsure ({e.confidence:.2f})")
    return doubt + (0.2 if seen <= 1 else 0.1), why


def record_review(record: ArticleRecord, names: NameTally,
                  precision: Mapping[str, RulePrecision] | None = None) -> list[ReviewItem]:
    """The doubtful extractions of one record (doubt > SHOW_FROM)."""
    items: list[ReviewItem] = []

    def add(kind: str, label: str, span, conf: float, rule: str, doubt: float, why: list[str]) -> None:
        measured = _measured(rule, precision)
        if measured is not None:
            doubt = 1.0 - measured.precision
            why = [f"reviewers found {round(100 * (1 - measured.precision))}% of this rule's "
                   f"extractions wrong ({measured.reviewed} checked)"] + why
        if doubt > SHOW_FROM:
            items.append(ReviewItem(record.id, record.title or record.id, kind, label, span.text, span.start,
                                    span.end, conf, rule, round(doubt, 3), why))

    byline = _byline_names(record)
    for e in record.entities:
        doubt, why = _entity_doubt(byline, e, names)
        add("entity", LABEL_WORDS[e.label], e, e.confidence, e.rule, doubt, why)
    # What add() would not list (no more doubt than SHOW_FROM, no measured precision to set it) is skipped before
    # its reasons are written, in one comprehension per kind (speed: 333,000 quantities a MB, issue 18).
    measured = {rule for rule in (precision or {}) if _measured(rule, precision) is not None}
    for q in [q for q in record.quantities if 1.0 - q.confidence > SHOW_FROM or q.rule in measured]:
        why = [f"{rule_words(q.rule)}: the reading or unit is uncertain"] if q.confidence < 1 - SHOW_FROM else []
        if q.value is None and q.low is None and q.high is None:
            why.append("no value could be read")
        add("quantity", q.kind, q, q.confidence, q.rule, 1.0 - q.confidence, why)
    for d in [d for d in record.dates if 1.0 - d.confidence > SHOW_FROM or d.rule in measured]:
        add("date", d.value, d, d.confidence, d.rule, 1.0 - d.confidence, ["the date's reading is uncertain"])
    for s in record.signings:
        doubt, why = 1.0 - s.confidence, []
        if not s.parties_a and not s.parties_b:
            doubt, why = max(doubt, 0.6), ["a signing verb with no party named"]
        elif not s.parties_a or not s.parties_b:
            doubt, why = max(doubt, 0.45), ["only one side of the signing is named"]
        elif doubt > SHOW_FROM:
            why.append(f"found by {rule_words(s.rule)}, a weak pattern")
        add("signing", s.object or "", s.evidence[0], s.confidence, s.rule, doubt, why)
    return _once_per_article(items)


def _once_per_article(items: list[ReviewItem]) -> list[ReviewItem]:
    """The same text taken for the same thing twice in one article is one item to review, not two."""
    first: dict[tuple[str, str, str, str], ReviewItem] = {}
    seen: Counter = Counter()
    for item in items:
        key = (item.kind, item.label, item.text, item.rule)
        seen[key] += 1
        if key not in first or item.doubt > first[key].doubt:
            first[key] = item
    for key, item in first.items():
        if seen[key] > 1:
            item.reasons = [*item.reasons, f"{seen[key]} times in this article"]
    return sorted(first.values(), key=lambda i: i.start)


def rank_review(records: Iterable[ArticleRecord], names: NameTally | None = None,
                precision: Mapping[str, RulePrecision] | None = None) -> list[ReviewItem]:
    """Most doubtful first; ``names`` defaults to the tallies of ``records`` themselves."""
    records = list(records) if names is None else records
    if names is None:
        names = NameTally()
        for r in records:
            names.add(r)
    items = [i for r in records for i in record_review(r, names, precision)]
    return sorted(items, key=lambda i: (-i.doubt, i.record_id, i.start))
