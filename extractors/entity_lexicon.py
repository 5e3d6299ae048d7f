"""Word lists for the entity rules, read once from ``gazetteers/people/`` (data, not code).

Also reads the part-of-speech column of jieba's bundled dictionary: the tags (nr, ns, nt ...)
are a cheap signal per token, without paying for ``jieba.posseg`` (~120k chars/s).
"""

from __future__ import annotations

import csv
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    title_breakers: frozenset[str]
    person_stop: frozenset[str]
    translit: frozenset[str]
    given_chars: frozenset[str]
    org_suffixes: dict[str, str]  # suffix -> strength
    org_suffixes_by_len: tuple[str, ...]  # longest first
    org_suffix_lengths: tuple[int, ...]  # distinct lengths, longest first
    org_suffix_last: frozenset[str]
    org_names: frozenset[str]
    org_name_lengths: tuple[int, ...]
    org_name_first: dict[str, tuple[int, ...]]
    org_breakers: frozenset[str]
    place_suffixes: dict[str, tuple[str, str]]  # suffix -> (label, strength)
    place_abbr: dict[str, str]  # one char -> canonical name
    place_abbr_kind: dict[str, str]  # one char -> country | region | province
    abbr_prefix: frozenset[str]
    abbr_suffix: tuple[str, ...]
    abbr_suffix_set: frozenset[str]
    abbr_suffix_lengths: tuple[int, ...]
    pos: dict[str, str]  # jieba dictionary word -> POS tag
    extra_places: dict[str, str]  # name -> GPE | LOC, places the gazetteer may not have
    country_names: frozenset[str]  # full names of countries from place_abbreviations.tsv
    extra_place_lengths: tuple[int, ...]
    extra_place_first: dict[str, tuple[int, ...]]  # first character -> lengths, longest first


def _jieba_pos() -> dict[str, str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def _first_index(words: "dict[str, str] | frozenset[str]") -> dict[str, tuple[int, ...]]:
    out: dict[str, set[int]] = {}
    for w in words:
        out.setdefault(w[0], set()).add(len(w))
    return {c: tuple(sorted(ns, reverse=True)) for c, ns in out.items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Cached per process; raises only if the package's own data files are missing."""
    surnames = _lines("surnames.txt")
    titles = sorted(set(_lines("titles.txt")), key=len, reverse=True)
    org = {r["suffix"]: r["strength"] for r in _tsv("org_suffixes.tsv")}
    places = {r["suffix"]: (r["label"], r["strength"]) for r in _tsv("place_suffixes.tsv")}
    abbr = {r["abbr"]: r["canonical"] for r in _tsv("place_abbreviations.tsv")}
    ctx = _lines("place_abbreviation_contexts.txt")
    extra = {r["name"]: r["label"] for r in _tsv("extra_places.tsv")}
    translit = "".join("".join(line.split()) for line in _lines("translit_chars.txt"))
    return Lexicon(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        titles=tuple(titles),
        title_set=frozenset(titles),
        title_last=frozenset(t[-1] for t in titles),
        title_breakers=frozenset(_lines("title_breakers.txt")),
        person_stop=frozenset(_lines("person_stopwords.txt")),
        translit=frozenset(translit),
        given_chars=frozenset("".join("".join(x.split()) for x in _lines("given_name_chars.txt"))),
        org_suffixes=org,
        org_suffixes_by_len=tuple(sorted(org, key=len, reverse=True)),
        org_suffix_lengths=tuple(sorted({len(x) for x in org}, reverse=True)),
        org_suffix_last=frozenset(x[-1] for x in org),
        org_names=frozenset(_lines("org_names.txt")),
        org_name_first=_first_index(frozenset(_lines("org_names.txt"))),
        org_name_lengths=tuple(sorted({len(x) for x in _lines("org_names.txt")}, reverse=True)),
        org_breakers=frozenset(_lines("org_breakers.txt")),
        place_suffixes=places,
        place_abbr=abbr,
        place_abbr_kind={r["abbr"]: r["kind"] for r in _tsv("place_abbreviations.tsv")},
        abbr_prefix=frozenset(c.split(":", 1)[1] for c in ctx if c.startswith("prefix:")),
        abbr_suffix=tuple(sorted((c.split(":", 1)[1] for c in ctx if c.startswith("suffix:")), key=len, reverse=True)),
        abbr_suffix_set=frozenset(c.split(":", 1)[1] for c in ctx if c.startswith("suffix:")),
        abbr_suffix_lengths=tuple(sorted({len(c.split(":", 1)[1]) for c in ctx if c.startswith("suffix:")}, reverse=True)),
        pos=_jieba_pos(),
        extra_places=extra,
        country_names=frozenset(r["canonical"] for r in _tsv("place_abbreviations.tsv") if r["kind"] in ("country", "pair")),
        extra_place_lengths=tuple(sorted({len(x) for x in extra}, reverse=True)),
        extra_place_first=_first_index(extra),
    )
