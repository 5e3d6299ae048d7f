"""Signing-dense text in linear time (issue 18): filing an event must not look back over every event before it,
and reading a pair abbreviation (中美) must not search the whole article each time.

A ceremony retold without its parties ("签约仪式结束后…") is merged into the article's latest ceremony; finding
that one by scanning every earlier event back made each such sentence cost time in the number of events, so
text with many signings and many retold ceremonies grew quadratically. Reading one sentence takes ~100 µs and one
step of that scan ~10 ns, so the quadratic term only shows past ~10,000 events through the whole extractor: the
growth test replaces the per-sentence reading (``_candidates``) with a fixed answer, which leaves the filing of
events (what was quadratic) as most of the time.
"""

from __future__ import annotations

import pytest

from tests.timing import best_of
from zhnews.extractors import signings
from zhnews.extractors.signing_window import ArticleIndex
from zhnews.extractors.types import PartyRef, SigningMatch
from zhnews.gazetteers.signing_rules import SigningRules

SIGNING = "甲公司与乙公司签约。"
CEREMONY = "签约仪式举行。"


def _read_sentence(text: str, e0: int, e1: int, index: ArticleIndex, rules: SigningRules) -> list[signings._Candidate]:
    """What ``_candidates`` gives for SIGNING (a named pair) and CEREMONY (a ceremony without parties), without
    reading the sentence: a stand-in for the per-sentence work, which is linear and not under test here."""
    t0 = text.find("签约", e0, e1)
    if text.startswith(CEREMONY, e0):
        return [signings._Candidate(sentence=(e0, e1), trigger=(t0, t0 + 2), confidence=0.9, family="ceremony")]
    return [signings._Candidate(sentence=(e0, e1), trigger=(t0, t0 + 2), confidence=0.9,
                                parties_a=[PartyRef("甲公司", e0, e0 + 3)], parties_b=[PartyRef("乙公司", e0 + 4, e0 + 7)])]


def test_ceremonies_retold_after_many_signings_grow_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """n signings after a ceremony, then the ceremony retold n times: four times n takes about four times as
    long (the old scan, n steps for each retelling: 12.5x at this size, and more as it grows). Best of three runs
    each, and a bound of 8x, so a busy machine does not fail it."""
    monkeypatch.setattr(signings, "_candidates", _read_sentence)

    def run(n: int) -> list[SigningMatch]:
        events = signings.extract_signings(CEREMONY + SIGNING * n + CEREMONY * n)
        assert len(events) == n + 1  # one ceremony (told n + 1 times) and n signings
        return events

    n = 6000
    small, large = best_of(lambda: run(n)), best_of(lambda: run(4 * n))
    assert large < 8 * small, f"{small:.3f} s at n={n}, {large:.3f} s at 4n"


def test_a_ceremony_retold_after_other_signings_is_the_same_event() -> None:
    """What the bounded look-up must keep: the retold ceremony joins the latest ceremony, however many other
    signings were reported in between, and a ceremony before it is not the one joined."""
    first, second = "签约仪式在重庆举行。", "丙公司与丁公司签约仪式在成都举行。"
    text = first + second + SIGNING * 5 + "签约仪式结束后，大家合影。"
    found = signings.extract_signings(text)
    ceremonies = [e for e in found if e.family == "ceremony"]
    assert [e.evidence for e in ceremonies] == [
        ((0, len(first)),),
        ((len(first), len(first + second)), (text.index("签约仪式结束后"), len(text))),
    ]


def test_pair_abbreviations_in_a_long_article_grow_linearly() -> None:
    """Each 中美 is read as 中国 and 美国, the reading the article writes first, else the first one: where each full
    name is first written was searched in the whole article for every abbreviation read (none is written here, so
    every search went to the end). Four times the text took ~10x at this size (and more as it grows); a bound of 7x."""
    sentence = "据悉，中美经贸协议今天在华盛顿签署。"

    def run(n: int) -> list[SigningMatch]:
        events = signings.extract_signings(sentence * n)
        assert [p.text for p in events[0].parties_a] == ["中国", "美国"]  # the same event, reported n times
        return events

    n = 3000
    small, large = best_of(lambda: run(n)), best_of(lambda: run(4 * n))
    assert large < 7 * small, f"{small:.3f} s at n={n}, {large:.3f} s at 4n"


def test_last_break_finds_the_last_clause_break_character() -> None:
    """_last_break writes CLAUSE_BREAK's characters out (speed): it must find what a find per character finds."""
    for text in ("甲，乙：丙,丁:戊", "无标点", "，", "a:b，c", ""):
        for start, end in ((0, None), (1, 3), (0, len(text))):
            stop = len(text) if end is None else end
            assert signings._last_break(text, start, end) == max(text.rfind(c, start, stop) for c in signings.CLAUSE_BREAK)
