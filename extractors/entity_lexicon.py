"""Word lists for the entity rules, read once from ``gazetteers/people/`` (data, not code).

Also reads the part-of-speech column of jieba's bundled dictionary: the tags (nr, ns, nt ...)
are a cheap signal per token, without paying for ``jieba.posseg`` (~120k chars/s).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from pathlib import Path

from zhnews.gazetteers.jieba_dict import jieba_entries

DATA_DIR = Path(__file__).resolve().parent.parent / "gazetteers" / "people"


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a TXT list."""
    out: list[str] = []
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def _tsv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh, delimiter="\t") if any(row.values())]


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    titles: tuple[str, ...]  # longest first
    title_set: frozenset[str]
    title_last: frozenset[str]  # last characters of titles, a cheap pre-check
    title_ac: Any  # word scanner of the titles (value: length), or None
    title_breakers: frozenset[str]
    titles_after: frozenset[str]  # titles that also stand right after a name (习近平主席)
    person_stop: frozenset[str]
    not_name_first: frozenset[str]  # characters a title-anchored name never starts with
    translit: frozenset[str]
    given_chars: frozenset[str]
    org_suffixes: dict[str, str]  # suffix -> strength
    org_suffix_kinds: dict[str, str]  # suffix -> kind of body (the note column: school, company, government ...)
    org_suffixes_by_len: tuple[str, ...]  # longest first
    org_suffix_lengths: tuple[int, ...]  # distinct lengths, longest first
    org_suffix_last: frozenset[str]
    org_suffix_last_re: "re.Pattern[str]"  # any of org_suffix_last
    org_names: frozenset[str]
    org_name_lengths: tuple[int, ...]
    org_name_first: dict[str, tuple[int, ...]]
    org_name_ac: Any  # Aho-Corasick automaton of org_names (value: length), or None
    org_breakers: frozenset[str]
    org_generic: frozenset[str]  # kinds of body (议会, 国家队): never an ORG on their own
    org_event_ends: tuple[str, ...]  # 运会, 公报: endings of events and documents, never an ORG
    place_zones: dict[str, str]  # 高新区 -> GPE, 港 -> LOC: after a place, one place with it
    place_zone_lengths: tuple[int, ...]  # longest first
    place_zone_re: Any  # any zone word: most texts have none, and skip the look-up
    org_not_units: frozenset[str]  # 军队, 干部, 大会: never a unit of the organisation before them
    org_ordinary_ends: frozenset[str]  # 大局, 体系: a longer word ending so is no body
    place_suffixes: dict[str, tuple[str, str]]  # suffix -> (label, strength)
    place_suffix_re: "re.Pattern[str]"  # every start of a place suffix (overlapping ones too)
    place_abbr: dict[str, str]  # one char -> canonical name
    place_abbr_kind: dict[str, str]  # one char -> country | region | province
    place_abbr_countries: frozenset[str]  # the characters place_abbr_kind calls country or region
    place_abbr_re: "re.Pattern[str]"  # any one-character abbreviation
    abbr_prefix: frozenset[str]
    abbr_suffix: tuple[str, ...]
    abbr_suffix_set: frozenset[str]
    abbr_not_runs: frozenset[str]  # words made of abbreviation characters that are no places (中华)
    abbr_alone: frozenset[str]  # country abbreviations that are the country as a word of their own (俄)
    abbr_suffix_lengths: tuple[int, ...]
    pos: dict[str, str]  # jieba dictionary word -> POS tag
    extra_places: dict[str, str]  # name -> GPE | LOC, places the gazetteer may not have
    country_names: frozenset[str]  # full names of countries from place_abbreviations.tsv
    extra_place_lengths: tuple[int, ...]
    extra_place_first: dict[str, tuple[int, ...]]  # first character -> lengths, longest first
    extra_place_first_re: "re.Pattern[str]"  # any of extra_place_first
    extra_place_ac: Any  # scanner of the extra places (value: length), or None
    given_llr: dict[str, float]  # name_model.tsv: how name-like a character is after a surname
    surname_llr: dict[str, float]  # name_model.tsv: how often a surname starts a name
    surname_re: "re.Pattern[str]"  # any single or compound surname's first character
    person_first: frozenset[str]  # first characters a person rule can start on (a speed pre-check)
    person_first_re: "re.Pattern[str]"  # any of person_first


def _jieba_pos() -> dict[str, str]:
    return {word: tag for word, _, tag in jieba_entries()}


def _first_index(words: "dict[str, str] | frozenset[str]") -> dict[str, tuple[int, ...]]:
    out: dict[str, set[int]] = {}
    for w in words:
        out.setdefault(w[0], set()).add(len(w))
    return {c: tuple(sorted(ns, reverse=True)) for c, ns in out.items()}


def _name_model() -> tuple[dict[str, float], dict[str, float]]:
    """Generated by scripts/build_name_model.py (from jieba's dictionary); read as data."""
    given: dict[str, float] = {}
    sur: dict[str, float] = {}
    path = DATA_DIR / "name_model.tsv"
    if not path.exists():
        return given, sur
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0] in ("given", "surname"):
                (given if parts[0] == "given" else sur)[parts[1]] = float(parts[2])
    return given, sur


def _automaton(words: "Iterable[str]") -> Any:
    """A word scanner (gazetteers/matcher.py's WordScanner, a compiled trie walk) finding every
    occurrence of ``words`` in one pass: ``.iter(text)`` gives (end index, the word's length).
    None if empty."""
    from zhnews.gazetteers.matcher import WordScanner

    scanner = WordScanner({w: len(w) for w in sorted(set(words)) if w})
    return scanner if len(scanner) else None


def _char_class(chars: "Iterable[str]") -> "re.Pattern[str]":
    """A regex matching any one of ``chars`` (never matches when there are none)."""
    chars = sorted(set(chars))
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else r"(?!x)x")


def _starts_of(words: "Iterable[str]") -> "re.Pattern[str]":
    """A zero-width regex matching wherever one of ``words`` starts (overlapping starts included)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("(?=" + "|".join(map(re.escape, words)) + ")" if words else r"(?!x)x")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Cached per process; raises only if the package's own data files are missing."""
    surnames = _lines("surnames.txt")
    titles = sorted(set(_lines("titles.txt")), key=len, reverse=True)
    org_rows = _tsv("org_suffixes.tsv") + _tsv("../orgs/org_suffixes_modern.tsv")  # + suffixes of modern news
    org = {r["suffix"]: r["strength"] for r in org_rows}
    places = {r["suffix"]: (r["label"], r["strength"]) for r in _tsv("place_suffixes.tsv")}
    abbr = {r["abbr"]: r["canonical"] for r in _tsv("place_abbreviations.tsv")}
    ctx = _lines("place_abbreviation_contexts.txt")
    extra = {r["name"]: r["label"] for r in _tsv("extra_places.tsv")}
    translit = "".join("".join(line.split()) for line in _lines("translit_chars.txt"))
    given_llr, surname_llr = _name_model()
    zones = {r["word"]: r["label"] for r in _tsv("place_zones.tsv")}
    return Lexicon(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        titles=tuple(titles),
        title_set=frozenset(titles),
        title_last=frozenset(t[-1] for t in titles),
        title_ac=_automaton(titles),
        title_breakers=frozenset(_lines("title_breakers.txt")),
        titles_after=frozenset(titles) - frozenset(_lines("titles_not_after.txt")),
        person_stop=frozenset(_lines("person_stopwords.txt")),
        not_name_first=frozenset("".join("".join(x.split()) for x in _lines("not_name_first.txt"))),
        translit=frozenset(translit),
        given_chars=frozenset("".join("".join(x.split()) for x in _lines("given_name_chars.txt"))),
        org_suffixes=org,
        org_suffix_kinds={r["suffix"]: r["note"] for r in org_rows if r.get("note")},
        org_suffixes_by_len=tuple(sorted(org, key=len, reverse=True)),
        org_suffix_lengths=tuple(sorted({len(x) for x in org}, reverse=True)),
        org_suffix_last=frozenset(x[-1] for x in org),
        org_suffix_last_re=_char_class(x[-1] for x in org),
        org_names=frozenset(_lines("org_names.txt")),
        org_name_first=_first_index(frozenset(_lines("org_names.txt"))),
        org_name_ac=_automaton(_lines("org_names.txt")),
        org_name_lengths=tuple(sorted({len(x) for x in _lines("org_names.txt")}, reverse=True)),
        org_breakers=frozenset(_lines("org_breakers.txt")),
        org_generic=frozenset(_lines("org_generic.txt")),
        org_event_ends=tuple(_lines("org_event_ends.txt")),
        place_zones=zones,
        place_zone_lengths=tuple(sorted({len(w) for w in zones}, reverse=True)),
        place_zone_re=re.compile("|".join(map(re.escape, sorted(zones, key=len, reverse=True))) or "(?!)"),
        org_not_units=frozenset(_lines("org_not_units.txt")),
        org_ordinary_ends=frozenset(_lines("org_ordinary_ends.txt")),
        place_suffixes=places,
        place_suffix_re=_starts_of(places),
        place_abbr=abbr,
        place_abbr_kind={r["abbr"]: r["kind"] for r in _tsv("place_abbreviations.tsv")},
        place_abbr_countries=frozenset(r["abbr"] for r in _tsv("place_abbreviations.tsv")
                                       if r["kind"] in ("country", "region")),
        place_abbr_re=_char_class(r["abbr"] for r in _tsv("place_abbreviations.tsv") if len(r["abbr"]) == 1),
        abbr_prefix=frozenset(c.split(":", 1)[1] for c in ctx if c.startswith("prefix:")),
        abbr_suffix=tuple(sorted((c.split(":", 1)[1] for c in ctx if c.startswith("suffix:")), key=len, reverse=True)),
        abbr_suffix_set=frozenset(c.split(":", 1)[1] for c in ctx if c.startswith("suffix:")),
        abbr_not_runs=frozenset(c.split(":", 1)[1] for c in ctx if c.startswith("word:")),
        abbr_alone=frozenset(c.split(":", 1)[1] for c in ctx if c.startswith("alone:")),
        abbr_suffix_lengths=tuple(sorted({len(c.split(":", 1)[1]) for c in ctx if c.startswith("suffix:")}, reverse=True)),
        pos=_jieba_pos(),
        extra_places=extra,
        country_names=frozenset(name for r in _tsv("place_abbreviations.tsv") if r["kind"] in ("country", "pair")
                                for name in r["canonical"].split("|")),
        extra_place_lengths=tuple(sorted({len(x) for x in extra}, reverse=True)),
        extra_place_first=_first_index(extra),
        extra_place_first_re=_char_class(x[0] for x in extra if x),
        extra_place_ac=_automaton(extra),
        given_llr=given_llr,
        surname_llr=surname_llr,
        person_first=frozenset({x[0] for x in surnames} | set(translit) | {"·"}),
        person_first_re=_char_class({x[0] for x in surnames} | set(translit) | {"·"}),
        surname_re=re.compile("[" + "".join(sorted({x[0] for x in surnames})) + "]"),
    )
