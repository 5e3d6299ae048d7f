"""People: Chinese names (surname rule, title context, bylines), transliterated foreign names, titles.

Why rules: a title right before a name ("副区长宋文", "记者 涂燕") is the strongest signal news
text gives, and the surname list plus jieba's unknown-word (HMM) tokens find most bare names.

This module is the entry point (find_people, and the names extractors/entities.py and the tests
import); the rules live in people_*.py:
  people_base           the candidate type, name shape, blocked spans, word lists
  people_titles_before  title chains before a name, the title scan
  people_titles_after   titles and speech verbs after a name, names found by them
  people_titled         pass 1: names right after a title or byline role
  people_bylines        bylines listing several names (记者黄超、左潇)
  people_address        nicknames, surname + kinship or address word
  people_foreign        transliterated, Japanese, dotted and doctrine names
  people_bare           pass 2: bare names from tokens, list neighbours
  people_model          the character name model
"""

from __future__ import annotations

from zhnews.extractors.entity_text import Ctx
from zhnews.extractors.people_address import addressed_surnames, nickname_spans, surname_only_end
from zhnews.extractors.people_bare import _list_neighbours, _person_token_candidates, bare_token_names
from zhnews.extractors.people_base import _WEAK_SURNAMES, NAME_TAGS, PersonCand, _blocked, _good_given, _surname_len, \
    chinese_end
from zhnews.extractors.people_bylines import byline_names
from zhnews.extractors.people_foreign import _DOCTRINE, _dot_or_doctrine, _dot_or_doctrine_tokens, foreign_end, \
    japanese_names
from zhnews.extractors.people_model import _model_names, _model_surname_re, name_score
from zhnews.extractors.people_titled import titled_names
from zhnews.extractors.people_titles_after import _after_title_tokens, _title_after, _titles_after_names, \
    person_cue_after, titles_after
from zhnews.extractors.people_titles_before import _title_ends, _title_scan, title_end_at, titles_before

# What other modules and the tests use from here (the rest is internal to find_people).
__all__ = [
    "NAME_TAGS", "PersonCand", "addressed_surnames", "chinese_end", "find_people", "foreign_end", "japanese_names",
    "name_score", "nickname_spans", "person_cue_after", "surname_only_end", "title_end_at", "titles_after",
    "titles_before",
    # speed shortcuts checked against their plain loops by tests/test_entities_speed.py
    "_DOCTRINE", "_WEAK_SURNAMES", "_after_title_tokens", "_model_surname_re", "_person_token_candidates",
    "_title_after", "_title_ends",
]


def find_people(ctx: Ctx, bare: bool = True) -> list[PersonCand]:
    """People by rule. ``bare=False`` keeps only titles, bylines, dots, doctrines and titles after
    a name: what extractors/entities.py merges with the name tagger (the bare-name rules are its
    fallback when the tagger is unavailable)."""
    found: dict[int, PersonCand] = {}

    def add(c: PersonCand) -> None:
        old = found.get(c.start)
        if old is None or (c.confidence, c.end - c.start) > (old.confidence, old.end - old.start):
            found[c.start] = c

    # 1. Title- or role-anchored names: at every token start right after a title word.
    # speed: a C-level scan for title-final characters, kept where a token starts right after one
    title_ends, glued = _title_scan(ctx)
    titled_names(ctx, title_ends, bare, found, add)

    for q, e, first in byline_names(ctx, _surname_len, _good_given):
        add(PersonCand(q, e, "person.byline", 0.95, titles_before(ctx, first)))

    for q, e in glued:
        if q not in found and not _blocked(ctx, q, e, loose=True):
            add(PersonCand(q, e, "person.title.chinese", 0.9, titles_before(ctx, q)))

    for q, e in nickname_spans(ctx):
        add(PersonCand(q, e, "person.nickname", 0.95, titles_before(ctx, q)))
    for q, e in japanese_names(ctx):
        add(PersonCand(q, e, "person.japanese", 0.92, titles_before(ctx, q)))
    for q in addressed_surnames(ctx):
        if q not in found:
            add(PersonCand(q, q + 1, "person.surname.address", 0.85))

    if not bare:
        # with the name tagger: only the structural rules it cannot replace
        for ti in _dot_or_doctrine_tokens(ctx):
            if ctx.starts[ti] not in found:
                _dot_or_doctrine(ctx, ti, add)
        _titles_after_names(ctx, found, add)
        return sorted(found.values(), key=lambda c: c.start)

    # 2. Bare names from tokens.
    bare_token_names(ctx, found, add)
    # 3. A title written after the name.
    _titles_after_names(ctx, found, add)
    # 4. Lists: a name next to a found name across 、 is a name too (李菊、王楠、杨影).
    _list_neighbours(ctx, found, add)
    # 5. The character model: bare names the token rules missed (杨力/舟说, 郑咏是, 邝日容的).
    _model_names(ctx, found, add)
    return sorted(found.values(), key=lambda c: c.start)
