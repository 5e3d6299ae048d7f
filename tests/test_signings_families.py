"""Issue 16 rule families, one test per example line.

fixtures/corpus/signings.families.jsonl: {"text", "signings": [{parties_a, parties_b, count, object, date, place,
family}], "rule": which rule the line shows, optional "xfail"}; only the fields a line gives are compared, signings
in text order. signings.families.negative.jsonl: {"text", "why"} must give no signing at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhnews.pipeline import extract_text

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
FIELDS = ("count", "object", "date", "place", "family")


def _lines(name: str) -> list[dict]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _params(rows: list[dict]) -> list:
    """Known gaps are strict xfails: fixing one makes its test fail until the mark is removed."""
    return [pytest.param(row, id=f"line{n}", marks=[pytest.mark.xfail(reason=row["xfail"], strict=True)]
                         if row.get("xfail") else []) for n, row in enumerate(rows, start=1)]


def _found(text: str) -> list[dict]:
    return [
        {"parties_a": [p.text for p in s.parties_a], "parties_b": [p.text for p in s.parties_b],
         **{k: getattr(s, k) for k in FIELDS}}
        for r in extract_text(text, date="2020-06-15") for s in r.signings
    ]


def test_corpus_has_both_kinds() -> None:
    assert len(_lines("signings.families.jsonl")) >= 15 and len(_lines("signings.families.negative.jsonl")) >= 5


@pytest.mark.parametrize("row", _params(_lines("signings.families.jsonl")))
def test_family_line(row: dict) -> None:
    found = _found(row["text"])
    assert len(found) == len(row["signings"]), (row["rule"], found)
    for gold, got in zip(row["signings"], found):
        for key, value in gold.items():
            assert got[key] == value, (row["rule"], key, got)


@pytest.mark.parametrize("row", _params(_lines("signings.families.negative.jsonl")))
def test_family_negative(row: dict) -> None:
    assert _found(row["text"]) == [], row["why"]


def test_carried_signer_is_marked_carried() -> None:
    text = "成都兴城投资集团有限公司积极推进项目建设。5月8日，正式签订了施工总承包合同。"
    s = next(s for r in extract_text(text, date="2020-06-15") for s in r.signings)
    m = s.parties_a[0].mention
    assert s.parties_a[0].carried and m is not None and text[m.source_start:m.source_end] == m.text == s.parties_a[0].text


def test_relative_reached_keeps_agent_span() -> None:
    text = "两国都将遵守石油输出国组织达成的减产协议。"
    s = next(s for r in extract_text(text, date="2020-06-15") for s in r.signings)
    p = s.parties_a[0]
    assert p.mention is not None and text[p.mention.source_start:p.mention.source_end] == "石油输出国组织" and not p.carried


def test_dateline_matches_at_a_position() -> None:
    """DATELINE is used as .match(text, pos): a story starting mid-page has its dateline found there too."""
    from zhnews.extractors.signings import DATELINE

    text = "今年全区经济平稳运行。本报南宁2月25日电 （记者张明）广西北部湾银行与华润集团签署了战略合作协议。"
    pos = text.index("本报")
    m = DATELINE.match(text, pos)
    assert m is not None and text[m.end():].startswith("广西北部湾银行")
    assert DATELINE.match("5日电话会议上，双方签署了协议。", 0) is None  # 日电话 is no dateline


def test_company_anaphor_carries_the_named_company() -> None:
    text = ("从事废水处理的海天环保科技有限公司，去年一度陷入困境。最终，建设银行为其贷款500万元。"
            "“公司顺利签约了一个新项目。”财务总监说。")
    s = next(s for r in extract_text(text, date="2020-06-15") for s in r.signings)
    p = s.parties_a[0]
    assert p.text == "海天环保科技有限公司" and p.carried
    assert p.mention is not None and text[p.mention.source_start:p.mention.source_end] == p.text


def _signings_seconds(text: str) -> float:
    from time import perf_counter

    from zhnews.extractors.entities import extract_entities
    from zhnews.extractors.quantities import extract_quantities
    from zhnews.extractors.signings import extract_signings

    entities, quantities = extract_entities(text), extract_quantities(text)
    t0 = perf_counter()
    extract_signings(text, entities, quantities)
    return perf_counter() - t0


@pytest.mark.parametrize("unit", ["刚", "于", "刚刚于"])
def test_lead_adverbs_take_linear_time(unit: str) -> None:
    """"刚刚…好，现在签订了": 刚刚 vs 刚+刚 (and 于 plus any characters) made the regex form exponential (34 刚: 5 s)."""
    _signings_seconds("现在签订了聘用合同。")  # warm-up: dictionaries loaded
    short = _signings_seconds(unit * 34 + "好，现在签订了聘用合同。")
    assert short < 2.0  # before the longer text, which would not end with an exponential matcher
    long = _signings_seconds(unit * 136 + "好，现在签订了聘用合同。")
    assert long < max(10 * short, 0.5)


@pytest.mark.parametrize("text,expected", [("", True), ("现在已经", True), ("刚刚", True), ("刚刚刚好", False),
                                           ("于5月8日正式", True), ("于5月8日和10日之间", False), ("当天即", True)])
def test_unwritten_lead_as_the_regex_says(text: str, expected: bool) -> None:
    """The linear matcher accepts what ``(?:words|modifiers)*`` fully matches, and says no (False, not None)."""
    from zhnews.extractors.signings import UNWRITTEN_LEAD

    assert UNWRITTEN_LEAD.fullmatch(text) is expected


def test_trailing_modifiers_start_as_the_regex_says() -> None:
    from zhnews.extractors.signings import MODIFIER_RUN

    text = "甲公司等正式于近日共同"
    assert MODIFIER_RUN.trailing(text, 0, len(text), "等") == 3  # 等正式于近日共同
    assert MODIFIER_RUN.trailing(text, 0, 3, "等") == 3  # nothing trails 甲公司


@pytest.mark.parametrize("text", ["党委街道润和仪式上 合作协议科技签订了”边境澳监督胡胡伊5该华菱习近平之总理医疗队与获得感",
                                  "缅印运营商度软件和 备忘录尼街道达成成功5李四成功自治区黄鹤楼幸福感一斤支援华诞签署30家钢铁之和一斤%",
                                  "北京公司和 上海公司签署了合作协议。"])
def test_party_as_written_span_skips_leading_space(text: str) -> None:
    """A party kept as written after a space: its span starts at the name (text[start:end] == its text)."""
    from zhnews.extractors.entities import extract_entities
    from zhnews.extractors.quantities import extract_quantities
    from zhnews.extractors.signings import extract_signings

    parties = [p for s in extract_signings(text, extract_entities(text), extract_quantities(text))
               for p in list(s.parties_a) + list(s.parties_b)]
    assert parties
    assert [text[p.start:p.end] for p in parties] == [p.text for p in parties]
