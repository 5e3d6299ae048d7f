"""Agreement signings: the user's sample page pinned, then one test per corpus line.

fixtures/corpus/signings.jsonl: {"text", "signings": [{parties_a, parties_b, count, object, date, place}],
optional "xfail": reason}; only the fields a gold signing gives are compared, parties as lists of texts,
signings in order. signings.negative.jsonl: {"text", "why"} must give no signing at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhnews.extractors.signings import extract_signings
from zhnews.pipeline import extract_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
PAGE = ROOT / "fixtures" / "pages" / "000_ebd6c998439410a8.txt"
FIELDS = ("count", "object", "date", "place")


def _lines(name: str) -> list[dict]:
    path = CORPUS / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _params(rows: list[dict]) -> list:
    """One pytest param per line; known gaps are strict xfails, so fixing one makes its test fail until
    the line's xfail mark is removed."""
    return [pytest.param(row, id=f"line{n}", marks=[pytest.mark.xfail(reason=row["xfail"], strict=True)]
                         if row.get("xfail") else []) for n, row in enumerate(rows, start=1)]


def _found(text: str) -> list[dict]:
    records = extract_text(text, date="2020-06-15")
    return [
        {"parties_a": [p.text for p in s.parties_a], "parties_b": [p.text for p in s.parties_b],
         **{k: getattr(s, k) for k in FIELDS}}
        for r in records for s in r.signings
    ]


@pytest.fixture(scope="module")
def page_records():
    return extract_text(PAGE.read_text(encoding="utf-8"), source=str(PAGE))


def test_sample_page_has_exactly_two_signings(page_records) -> None:
    signings = [s for r in page_records for s in r.signings]
    assert len(page_records) == 3 and len(signings) == 2


def test_sample_page_nine_projects(page_records) -> None:
    colleges = ["重庆水利电力职业技术学院", "重庆城市职业学院", "重庆财经职业学院", "重庆科创职业学院",
                "重庆智能工程职业学院", "重庆现代制造职业学院"]
    first, _, third = page_records
    s = next(s for s in first.signings if s.count == 9)
    assert [p.text for p in s.parties_a] == colleges
    assert len(s.parties_b) == 9
    assert s.parties_b[0].text.startswith("马来西亚") and s.parties_b[-1].text == "德国 GFM 教育集团"
    assert (s.object, s.date, s.place) == ("国际化合作项目", "12月12日", "永川")
    assert s.also_reported_in == [third.id]
    assert not third.signings
    # every party is linked to the entity the entity extractor found for it
    entity_ids = {e.entity_id for e in first.entities}
    assert all(p.entity_id in entity_ids for p in s.parties_a + s.parties_b)


def test_sample_page_ten_key_projects(page_records) -> None:
    s = page_records[1].signings[0]
    assert (s.count, s.object, s.date, s.place) == (10, "重点项目", "12月11日至12日", "永川")
    assert len(s.evidence) == 2 and all("10个重点项目集中签约" in e.text for e in s.evidence)
    assert not s.parties_a and not s.parties_b


def test_no_trigger_returns_at_once() -> None:
    assert extract_signings("两地就产业合作进行了深入交流。") == []


def test_corpus_size() -> None:
    assert len(_lines("signings.jsonl")) + len(_lines("signings.negative.jsonl")) >= 80


@pytest.mark.parametrize("row", _params(_lines("signings.jsonl")))
def test_signing_corpus(row: dict) -> None:
    found = _found(row["text"])
    assert len(found) == len(row["signings"]), found
    for gold, got in zip(row["signings"], found):
        for key, value in gold.items():
            assert got[key] == value, (key, got)


@pytest.mark.parametrize("row", _params(_lines("signings.negative.jsonl")))
def test_not_a_signing(row: dict) -> None:
    assert _found(row["text"]) == [], row["why"]
