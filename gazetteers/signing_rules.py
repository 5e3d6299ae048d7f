"""Loads the signing rules in gazetteers/signings/ once per process and checks them as it goes."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhnews.gazetteers.word_lists import read_word_list

SIGNINGS_DIR = Path(__file__).resolve().parent / "signings"
WHERES = {"before", "after", "rightbefore", "sentence", "clause", "leftsentence"}


class SigningRuleError(ValueError):
    """A bad row in a signing rules file: names the file and the line."""


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    kind: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Veto:
    pattern: re.Pattern
    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class SigningRules:
    triggers: tuple[Trigger, ...]
    vetoes: tuple[Veto, ...]
    agreement_nouns: tuple[str, ...]
    collective_parties: tuple[str, ...]
    # char -> ((kind, full name, kb id), ...) in file order: the readings of one character of a pair (中尼)
    pair_readings: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = ()
    # family -> confidence (its event precision on dev), and the default for a family not in the table
    family_confidence: tuple[tuple[str, float], ...] = ()
    # name -> words of a rule family's word list (family_words.tsv), read by extractors/signings.py
    family_words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def words(self, name: str) -> tuple[str, ...]:
        return dict(self.family_words)[name]


def _tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != columns:
            raise SigningRuleError(f"{path}:1: expected columns {columns}, got {reader.fieldnames}")
        return [(n, row) for n, row in enumerate(reader, start=2)]


@lru_cache(maxsize=1)
def load_signing_rules(folder: Path = SIGNINGS_DIR) -> SigningRules:
    triggers = []
    for n, row in _tsv(folder / "triggers.tsv", ("trigger", "kind", "confidence")):
        try:
            triggers.append(Trigger(row["trigger"], row["kind"], float(row["confidence"])))
        except (TypeError, ValueError) as exc:
            raise SigningRuleError(f"{folder / 'triggers.tsv'}:{n}: {exc}") from None
    vetoes = []
    for n, row in _tsv(folder / "not_signing.tsv", ("pattern", "where", "reason")):
        if row["where"] not in WHERES:
            raise SigningRuleError(f"{folder / 'not_signing.tsv'}:{n}: unknown where {row['where']!r}")
        try:
            vetoes.append(Veto(re.compile(row["pattern"]), row["where"], row["reason"]))
        except re.error as exc:
            raise SigningRuleError(f"{folder / 'not_signing.tsv'}:{n}: bad pattern: {exc}") from None
    # longest trigger first, so 集中签约 wins over 签约
    triggers.sort(key=lambda t: -len(t.text))
    readings: dict[str, list[tuple[str, str, str]]] = {}
    for n, row in _tsv(folder / "pair_abbreviations.tsv", ("char", "kind", "name", "kb_id")):
        if row["kind"] not in ("country", "province", "name", "pronoun"):
            raise SigningRuleError(f"{folder / 'pair_abbreviations.tsv'}:{n}: unknown kind {row['kind']!r}")
        readings.setdefault(row["char"], []).append((row["kind"], row["name"], row["kb_id"]))
    confidence = []
    for n, row in _tsv(folder / "family_confidence.tsv", ("family", "confidence", "dev_found", "dev_false", "note")):
        try:
            value = float(row["confidence"])
        except ValueError as exc:
            raise SigningRuleError(f"{folder / 'family_confidence.tsv'}:{n}: {exc}") from None
        if not 0.0 <= value <= 1.0:
            raise SigningRuleError(f"{folder / 'family_confidence.tsv'}:{n}: confidence {value} outside [0, 1]")
        confidence.append((row["family"], value))
    family_words = []
    for n, row in _tsv(folder / "family_words.tsv", ("name", "words", "note")):
        words = tuple(w for w in row["words"].split("|") if w)
        if not words:
            raise SigningRuleError(f"{folder / 'family_words.tsv'}:{n}: no words for {row['name']!r}")
        family_words.append((row["name"], words))
    return SigningRules(
        family_words=tuple(family_words),
        pair_readings=tuple((c, tuple(r)) for c, r in readings.items()),
        family_confidence=tuple(confidence),
        triggers=tuple(triggers),
        vetoes=tuple(vetoes),
        agreement_nouns=tuple(sorted(read_word_list(folder / "agreement_nouns.txt"), key=len, reverse=True)),
        collective_parties=tuple(sorted(read_word_list(folder / "collective_parties.txt"), key=len, reverse=True)),
    )
