"""One name, one reading per text: a name the tagger found at several mentions is a person at the
others too, and its pieces found elsewhere give way to it (extractors/person_consistency.py)."""

from __future__ import annotations

import time

from zhnews.extractors.entities import default_gazetteer, merge_people
from zhnews.extractors.entity_text import build_ctx
from zhnews.extractors.people import PersonCand
from zhnews.extractors.person_consistency import established_names, pieces_of_names
from zhnews.extractors.tagger import TaggedName

TEXT = "明伟杰说，他很高兴。明伟杰认为，明伟杰看中了深圳。后来明伟杰回到香港。"


def _names(text: str, people: list[PersonCand]) -> list[tuple[int, str, str]]:
    return [(p.start, text[p.start:p.end], p.rule) for p in people]


def test_pieces_give_way_and_missed_mentions_are_found() -> None:
    ctx = build_ctx(TEXT, None, default_gazetteer())
    tagged = [TaggedName(0, 3, "PER", 0.6), TaggedName(10, 13, "PER", 0.6),
              TaggedName(16, 17, "PER", 0.7), TaggedName(17, 19, "PER", 0.7)]  # 明 + 伟杰
    got = _names(TEXT, merge_people(ctx, [], tagged))
    assert [(s, n) for s, n, _ in got] == [(0, "明伟杰"), (10, "明伟杰"), (16, "明伟杰"), (27, "明伟杰")], got
    assert got[2][2] == "person.repeat" and got[3][2] == "person.repeat"


def test_one_mention_is_not_enough() -> None:
    ctx = build_ctx(TEXT, None, default_gazetteer())
    tagged = [TaggedName(0, 3, "PER", 0.6), TaggedName(16, 17, "PER", 0.7)]
    got = _names(TEXT, merge_people(ctx, [], tagged))
    assert (16, "明", "person.tagger") in got and not [g for g in got if g[2] == "person.repeat"], got


def test_dictionary_words_are_not_established() -> None:
    """马拉松 is tagged nr by jieba's dictionary: the tagger finding it twice makes no person of it."""
    text = "马拉松很热门。马拉松吸引了很多人，马拉松赛事增加。"
    ctx = build_ctx(text, None, default_gazetteer())
    people = [PersonCand(0, 3, "person.tagger", 0.7), PersonCand(7, 10, "person.tagger", 0.7)]
    assert established_names(ctx, people) == []


def test_a_titled_piece_is_kept() -> None:
    ctx = build_ctx(TEXT, None, default_gazetteer())
    people = [PersonCand(0, 3, "person.tagger", 0.6), PersonCand(10, 13, "person.tagger", 0.6),
              PersonCand(16, 18, "person.title.chinese", 0.9, ("经理",))]
    assert established_names(ctx, people) == ["明伟杰"]
    assert pieces_of_names(ctx, people, ["明伟杰"]) == set()
    people[2] = PersonCand(16, 18, "person.tagger", 0.6)
    assert pieces_of_names(ctx, people, ["明伟杰"]) == {2}



def test_pieces_found_among_many_people_by_position() -> None:
    """The people crossing a mention are found by bisection over their starts, not by a scan of all of them at
    each mention (张伟、 x 100,000 took 345 s per MB): the same pieces, and a name list of 20,000 mentions of one
    name stays well inside a generous bound (the scan took tens of seconds here)."""
    n = 20_000
    text = "张伟、" * n + "明伟杰说。" + "明伟杰认为。"
    ctx = build_ctx(text, None, default_gazetteer())
    people = [PersonCand(3 * k, 3 * k + 2, "person.tagger", 0.6) for k in range(n)]
    at = 3 * n
    people += [PersonCand(at, at + 1, "person.tagger", 0.6), PersonCand(at + 1, at + 3, "person.tagger", 0.6),
               PersonCand(at + 5, at + 8, "person.tagger", 0.6)]
    assert pieces_of_names(ctx, people, ["明伟杰"]) == {n, n + 1}  # the whole mention at at+5 is no piece
    started = time.perf_counter()
    assert pieces_of_names(ctx, people, ["张伟"]) == set()  # each mention is a whole person, no piece
    assert time.perf_counter() - started < 10
