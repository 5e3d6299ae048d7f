"""PERSON, ORG, GPE and LOC mentions in one text: the public entry point of the entity rules.

People are found first (a name is a barrier an organisation never swallows), then organisations
(outermost name wins, so the places inside them are not entities), then places. Overlaps are
resolved once, here; ``coref_key`` ties mentions of one thing together within the text.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from zhnews.extractors.entity_text import Ctx, build_ctx, is_cjk, mentions_of
from zhnews.extractors.org_aliases import alias_label, with_aliases
from zhnews.extractors.org_joint import split_joint_bodies
from zhnews.extractors.org_model import with_model_orgs
from zhnews.extractors.orgs import acronym_of, find_orgs, with_acronym
from zhnews.extractors.people import (NAME_TAGS, PersonCand, find_people, person_cue_after, surname_only_end,
                                      title_end_at, titles_after, titles_before)
from zhnews.extractors.person_as_place import names_used_as_places, people_glued_to_a_suffix
from zhnews.extractors.person_familiar import familiar_surnames
from zhnews.extractors.person_consistency import established_names, is_mention, pieces_of_names
from zhnews.extractors.person_in_org import orgs_named_after_people
from zhnews.extractors.person_lists import list_members
from zhnews.extractors.person_glue import unglued
from zhnews.extractors.person_list_words import list_words
from zhnews.extractors.person_word_ends import word_ends
from zhnews.extractors.person_pieces import rule_joins_tagged
from zhnews.extractors.tagger import TaggedName, default_tagger, tag_names
from zhnews.extractors.places import find_places
from zhnews.extractors.types import EntityMatch

log = logging.getLogger(__name__)

__all__ = ["extract_entities", "default_gazetteer"]

_GAZ: Any = None
_GAZ_FAILED = False


def default_gazetteer() -> Any | None:
    """The package gazetteer, or None (logged once) when it cannot be loaded: rules still run."""
    global _GAZ, _GAZ_FAILED
    if _GAZ is None and not _GAZ_FAILED:
        try:
            from zhnews.gazetteers import load_gazetteer

            _GAZ = load_gazetteer()
        except Exception as exc:  # missing or malformed data must not stop extraction
            _GAZ_FAILED = True
            log.warning("gazetteer unavailable, entities are not linked: %s", exc)
    return _GAZ


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: str
    rule: str
    confidence: float
    rank: int  # lower is chosen first among overlapping candidates of the same length
    kb_id: str | None = None
    canonical: str | None = None
    titles: tuple[str, ...] = ()


def extract_entities(text: str, tokens: Sequence[str] | None = None, gazetteer: Any | None = None) -> list[EntityMatch]:
    """Entity mentions in ``text``, sorted by offset; never raises."""
    if not isinstance(text, str) or not text:
        return []
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    try:
        ctx = build_ctx(text, tokens, gaz)
        return _extract(ctx)
    except Exception:  # pragma: no cover - a bug must cost one text's entities, not the batch
        log.exception("entity extraction failed on a text of %d chars", len(text))
        return []


def _extract(ctx: Ctx) -> list[EntityMatch]:
    cands: list[_Cand] = []
    if default_tagger() is None:  # the rules alone, as before there was a tagger
        tagged: list[TaggedName] = []
        people = find_people(ctx)
    else:
        tagged = _relabelled(ctx, tag_names(ctx))
        people = merge_people(ctx, find_people(ctx, bare=False), [t for t in tagged if t.label == "PER"])
    # Rule-anchored people (a title, a byline) and the tagger's surest people are barriers no
    # organisation name crosses; other tagged people compete by length, so 达瓦(重庆)影像科技
    # (达瓦 tagged at 0.92) stays one organisation. The one exception: a body named after the
    # person (焦裕禄干部学院, 孔子学院) covers the name, and the person is not reported there.
    # (The name stays a barrier to the other organisation rules, so they do not grow a name of
    # their own over it: 常去|孔子学院.)
    named = orgs_named_after_people(ctx, people)
    for o in named:
        cands.append(_Cand(o.start, o.end, o.label, "org.named_after_person", 0.8, 1))
    covered = {o.person for o in named}
    barriers = bytearray(len(ctx.norm))
    for p in people:
        if p.confidence >= (0.85 if p.rule != "person.tagger" else TAGGER_BARRIER):
            barriers[p.start:p.end] = b"\x01" * (p.end - p.start)
    for k, p in enumerate(people):
        if k in covered:
            continue
        rank = 0 if p.confidence >= (0.85 if p.rule != "person.tagger" else TAGGER_BARRIER) else 3
        cands.append(_Cand(p.start, p.end, "PERSON", p.rule, p.confidence, rank, titles=p.titles))
    for o in split_joint_bodies(ctx, find_orgs(ctx, barriers)):
        end = with_acronym(ctx, o.start, o.end)
        cands.append(_Cand(o.start, end, o.label, o.rule, o.confidence, 1, o.kb_id, o.canonical))
    for pl in find_places(ctx):
        rank = 4 if pl.rule == "place.dict" else 2
        cands.append(_Cand(pl.start, pl.end, pl.label, pl.rule, pl.confidence, rank, pl.kb_id, pl.canonical))
    chosen = _with_tagged_places(ctx, _resolve(cands, len(ctx.norm)), tagged)
    chosen = _places_not_people(ctx, chosen)
    # the tagger's organisations only where the rules found none (extractors/org_model.py)
    chosen = with_model_orgs(ctx, chosen, tagged, lambda a, b, conf: _Cand(a, b, "ORG", "org.model", conf, 5))
    chosen = with_aliases(ctx, chosen, lambda a, b, rule: _Cand(a, b, alias_label(rule), rule, 0.7, 1))
    return _finish(ctx, chosen)


# How sure the tagger must be of a name (the lowest marginal of its tags) to report it.
TAGGER_MIN_CONFIDENCE = 0.5
# A tagged person this sure is a barrier like a rule-anchored one; below, organisations may cover it.
TAGGER_BARRIER = 0.95
# A tagged place this sure replaces shorter rule places inside it.
TAGGER_REPLACE = 0.9
# A tagged place holding a count of places is a phrase (湘四省, 两国), not a name (四川 is).
_NUMERAL = re.compile("[0-9一二三四五六七八九十两几多各][省市县区国地州个家方]")
# Rules that read page structure, taken before the tagger: bylines (记者 涂燕 张强) and doctrines
# (马克思主义 -> 马克思), which a sentence-trained tagger does not see as names.
_STRUCTURAL_RULES = frozenset({"person.byline", "person.doctrine", "person.nickname", "person.surname.address",
                               "person.japanese", "person.surname.leader"})
# Title-anchored rules, taken where the tagger found nothing: names the 1998 training text never
# had (普京 after 总统, 奥巴马 before it) and foreign names written with a dot.
_ANCHORED_RULES = frozenset({"person.title.chinese", "person.title.foreign", "person.foreign.dot",
                             "person.title_after"})


def _places_not_people(ctx: Ctx, chosen: list[_Cand]) -> list[_Cand]:
    """Bare mentions of a name the text uses as a place (杨凌 after 杨凌农业高新技术产业示范区) are
    that place, not a person."""
    glued = people_glued_to_a_suffix(ctx, chosen)  # 波特兰市, 胡胡伊|省: a place with its suffix
    if glued:
        chosen = [replace(c, label="GPE", end=glued[k], rule="place.person_suffix", confidence=0.6, titles=())
                  if k in glued else c for k, c in enumerate(chosen)]
    names = names_used_as_places(ctx, chosen)
    if not names:
        return chosen
    return [replace(c, label="GPE", rule="place.named_in_text", confidence=0.7)
            if c.label == "PERSON" and not c.titles and ctx.norm[c.start:c.end] in names else c for c in chosen]


def _relabelled(ctx: Ctx, tagged: list[TaggedName]) -> list[TaggedName]:
    """A transliterated name the tagger read as a place, that no gazetteer knows, followed by a
    title or a verb of speech is a person (库马拉通加总统, 扎加洛说): the 1998 training text had
    few foreign people, and their characters look like foreign places'."""
    known = {(h.start, h.end) for h in ctx.places}
    translit = ctx.lex.translit
    out = []
    for t in tagged:
        if t.label == "LOC" and t.end - t.start >= 2 and (t.start, t.end) not in known and \
                sum(c not in translit for c in ctx.norm[t.start:t.end]) <= (t.end - t.start) // 4 and \
                person_cue_after(ctx, t.end):
            t = TaggedName(t.start, t.end, "PER", t.confidence)
        out.append(t)
    return out


def merge_people(ctx: Ctx, ruled: list[PersonCand], tagged: Sequence[TaggedName]) -> list[PersonCand]:
    """One list of people without overlaps: structural rules, then the tagger, then anchored rules.

    Measured on ner_dev: the tagger alone is far more precise than the bare-name rules (P 0.90 vs
    0.81); the other rules only add what it cannot know, so they come after it and must pass checks.
    """
    taken = bytearray(len(ctx.norm))
    out: list[PersonCand] = []

    def take(c: PersonCand) -> None:
        end = surname_only_end(ctx, c.start, c.end)  # 张大妈 -> 张
        if end != c.end:
            c = PersonCand(c.start, end, c.rule, c.confidence, c.titles)
        if c.end > c.start and not any(taken[c.start:c.end]):
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            out.append(c)

    for c in ruled:
        if c.rule in _STRUCTURAL_RULES:
            take(c)
    for q in familiar_surnames(ctx):  # 老王, 小张 -> 王, 张 (the tagger converts the ones it finds)
        take(PersonCand(q, q + 1, "person.surname.familiar", 0.85))
    tagged = _joined_dictionary_names(ctx, tagged)
    for c in ruled:
        if c.rule in _FOREIGN_ANCHORED and _completes_tagged(ctx, c, tagged) or \
                c.rule in _TITLE_ANCHORED and _anchored_ok(ctx, c) and rule_joins_tagged(ctx, c, tagged):
            take(c)  # 谢赫特曼, not the tagger's 谢赫: the title-anchored rule reads the whole name (赖红宇)
    for t in tagged:
        if t.end - t.start >= 3 and ctx.norm[t.start:t.end] in ctx.lex.person_stop:
            continue  # 华山松: a listed word jieba's dictionary tags as a name
        if t.confidence >= TAGGER_MIN_CONFIDENCE or t.confidence >= TAGGER_DICT_NAME_MIN and _dictionary_name(ctx, t):
            take(PersonCand(t.start, t.end, "person.tagger", t.confidence, titles_before(ctx, t.start)))
    for c in ruled:
        if c.rule in _ANCHORED_RULES and _anchored_ok(ctx, c):
            take(c)
    # A name the tagger found at several mentions is a person at the others too; its pieces found
    # elsewhere (明伟 for 明伟杰) give way to the whole name.
    established = established_names(ctx, out)
    pieces = pieces_of_names(ctx, out, established) if established else set()
    if pieces:
        out = [c for k, c in enumerate(out) if k not in pieces]
        taken = bytearray(len(ctx.norm))
        for c in out:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    for c in _repeated_mentions(ctx, out, taken, established):
        take(c)
    for c in list_members(ctx, out, bytearray(taken)):  # 刘晓庆、丛珊、盖克: names in a list of names
        take(c)
    out.sort(key=lambda c: c.start)
    words = list_words(ctx, out) | word_ends(ctx, out)  # 获得感、幸福感、安全感; 黄鹤楼, 武汉站: words
    return unglued(ctx, [c for k, c in enumerate(out) if k not in words] if words else out)  # 向|习近平


# How sure the tagger must be of an untitled person for its other mentions to be taken as it too.
REPEAT_MIN_CONFIDENCE = 0.95


def _sure_person(c: PersonCand) -> bool:
    """A person whose other mentions are people too: titled (通伦 after 老挝总理), a byline or a
    dotted foreign name, or the tagger's surest (an untitled 胡萝卜 or brand is not enough)."""
    return bool(c.titles) or c.rule in ("person.byline", "person.foreign.dot") or \
        (c.rule == "person.tagger" and c.confidence >= REPEAT_MIN_CONFIDENCE)
def _repeated_mentions(ctx: Ctx, people: list[PersonCand], taken: bytearray,
                       established: Sequence[str] = ()) -> list[PersonCand]:
    """Other mentions of a surely found person (a title, a byline, the tagger's surest names, a
    name the tagger found at several mentions): 布拉索昆说 after 国务兼外交国际合作部大臣布拉索昆 is
    the same person, though nothing marks it. Names of two characters or more, each mention on a
    word boundary and free of other people."""
    s = ctx.norm
    # an ordered set (first found first): a set's order changed with the process's string hash seed,
    # and so did which of two overlapping repeats (其米德策耶, 米德策耶) won
    # (a title written after the name makes it sure too: 奥利总理 ... 奥利表示)
    names = dict.fromkeys(s[c.start:c.end] for c in people if c.end - c.start >= 2
                          and (_sure_person(c) or titles_after(ctx, c.end))
                          and all(is_cjk(ch) or ch == "·" for ch in s[c.start:c.end]))
    names.update(dict.fromkeys(established))
    out: list[PersonCand] = []
    mentions = mentions_of(s, list(names))  # (one scan for all names: a find per name was quadratic)
    for name in names:
        for p in mentions[name]:
            e = p + len(name)
            if not any(taken[p:e]) and is_mention(ctx, p, e):
                out.append(PersonCand(p, e, "person.repeat", 0.8, titles_before(ctx, p)))
    return out


# Joining words a tagged name after a title may wrongly start with (主席和本扬).
_JOIN_FIRST = frozenset("和与同及跟")
# After a surname: 刘某 (so-and-so), 杜氏, 林老 (respect) name the person 刘, 杜, 林.
_AFTER_SURNAME = frozenset("某氏老")
# A regnal number after a name is part of it: 伊丽莎白二世, 哈桑二世.
_REGNAL = re.compile("[一二三四五六七八九十]{1,2}世")
# Dictionary tags of words that are never a person's name: idioms (张冠李戴, 安营扎寨), verbs and
# adjectives (张口, 萧瑟). The 1998 training text taught the tagger surname-like first characters.
_NOT_NAME_WORD_TAGS = frozenset({"i", "l", "v", "a", "z", "ad", "an", "d"})
_IDIOM_TAGS = frozenset({"i", "l"})  # only four characters or more: jieba tags 雷抒雁 i


def _joined_dictionary_names(ctx: Ctx, tagged: Sequence[TaggedName]) -> list[TaggedName]:
    """The tagger's people in the news annotation convention: two tagged people side by side that
    together are one name in jieba's dictionary are one person (the 1998 training text never had
    习近平, and the tagger reads 习 + 近平); 老郭, 小王, 刘某, 杜氏, 林老 and 张医生 name the person
    by the surname alone; 伊丽莎白二世 keeps its number; an idiom is no name."""
    out: list[TaggedName] = []
    norm = ctx.norm
    surnames = ctx.lex.surnames
    for t in tagged:
        if out and out[-1].end == t.start and ctx.lex.pos.get(norm[out[-1].start:t.end]) in NAME_TAGS:
            prev = out.pop()
            t = TaggedName(prev.start, t.end, "PER", min(prev.confidence, t.confidence))
        size = t.end - t.start
        if size >= 3 and norm[t.start] in _JOIN_FIRST and title_end_at(ctx, t.start):
            # 习近平主席和本扬总书记: the 和 after a title joins two people, it is no surname
            t = TaggedName(t.start + 1, t.end, "PER", t.confidence)
            size -= 1
        if size == 2 and norm[t.start] in "老小" and norm[t.start + 1] in surnames:
            t = TaggedName(t.start + 1, t.end, "PER", t.confidence)
        elif size >= 2 and norm[t.start] in surnames and (
                (size == 2 and norm[t.start + 1] in _AFTER_SURNAME) or norm[t.start + 1:t.end] in ctx.lex.title_set):
            t = TaggedName(t.start, t.start + 1, "PER", t.confidence)
        elif _is_word_of(ctx, t.start, t.end, _NOT_NAME_WORD_TAGS) and (size >= 4 or not _is_word_of(
                ctx, t.start, t.end, _IDIOM_TAGS)):
            continue
        m = _REGNAL.match(norm, t.end)
        if m is not None:
            t = TaggedName(t.start, m.end(), "PER", t.confidence)
        out.append(t)
    return out


def _is_word_of(ctx: Ctx, start: int, end: int, tags: frozenset[str]) -> bool:
    """The span is one segmenter word whose dictionary tag is one of ``tags``."""
    k = ctx.tok_at.get(start)
    return k is not None and start + len(ctx.tokens[k]) == end and ctx.tags[k] in tags


def _with_tagged_places(ctx: Ctx, chosen: list[_Cand], tagged: Sequence[TaggedName]) -> list[_Cand]:
    """Places the tagger found where no rule found anything (城西乡, 黎明村, 约旦河西岸): rules and
    the gazetteer come first because they link and label; the tagger only fills gaps."""
    places = [t for t in tagged if t.label == "LOC" and t.confidence >= TAGGER_MIN_CONFIDENCE
              and not _NUMERAL.search(ctx.norm, t.start, t.end)]
    if not places:
        return chosen
    # A surer, longer tagged place replaces the places strictly inside it: 城西乡, not the county
    # short form 西乡 the gazetteer finds in it.
    replaced: set[int] = set()
    # speed: ``chosen`` comes from _resolve, sorted by start and without overlaps, so the entities a
    # span overlaps are the run of them found by bisection (not a map of every character's owner)
    starts, ends = [c.start for c in chosen], [c.end for c in chosen]
    for t in places:
        if t.confidence < TAGGER_REPLACE:
            continue
        inside = range(bisect.bisect_right(ends, t.start), bisect.bisect_left(starts, t.end))
        if inside and all(chosen[k].rule in ("place.gazetteer", "place.dict") and t.start <= chosen[k].start
                          and chosen[k].end <= t.end
                          and chosen[k].end - chosen[k].start < t.end - t.start for k in inside):
            replaced.update(inside)
    if replaced:
        chosen = [c for k, c in enumerate(chosen) if k not in replaced]
        starts, ends = [c.start for c in chosen], [c.end for c in chosen]
    added = False
    for t in places:
        if bisect.bisect_right(ends, t.start) >= bisect.bisect_left(starts, t.end):  # overlaps no entity chosen
            label = ctx.lex.place_suffixes.get(ctx.norm[t.end - 1], ("LOC", ""))[0]
            chosen.append(_Cand(t.start, t.end, label, "place.tagger", t.confidence, 5))
            added = True
    if added:
        chosen.sort(key=lambda c: c.start)
    return chosen


_FOREIGN_ANCHORED = frozenset({"person.title.foreign", "person.foreign.dot"})
_TITLE_ANCHORED = frozenset({"person.title.chinese", "person.title.foreign"})
# A less sure tagged person is kept when jieba's dictionary also has it as a three-character name.
TAGGER_DICT_NAME_MIN = 0.3


def _dictionary_name(ctx: Ctx, t: TaggedName) -> bool:
    """The tagged span is one segmenter word of three characters, surname first, that jieba's
    dictionary tags as a person (习近平: the 1998 training text never had it)."""
    k = ctx.tok_at.get(t.start)
    return k is not None and t.end - t.start == 3 and len(ctx.tokens[k]) == 3 and ctx.tags[k] in NAME_TAGS \
        and ctx.norm[t.start] in ctx.lex.surnames


def _completes_tagged(ctx: Ctx, c: PersonCand, tagged: Sequence[TaggedName]) -> bool:
    """The rule's foreign name starts where a tagged person does and only adds transliteration
    characters to its end (谢赫 + 特曼, 维罗妮 + 卡), up to a non-name character."""
    translit = ctx.lex.translit
    # the tagged names are in text order: those starting at c.start found by bisection (a walk over all
    # of them for every foreign name grew with their number times the text's: issue 18)
    for i in range(bisect.bisect_left(tagged, c.start, key=lambda t: t.start), len(tagged)):
        t = tagged[i]
        if t.start != c.start:
            break
        if t.label == "PER" and t.end < c.end:
            return all(ch in translit or ch in "·—" for ch in ctx.norm[t.end:c.end])  # 威廉—亚历山大
    return False


def _anchored_ok(ctx: Ctx, c: PersonCand) -> bool:
    text = ctx.norm
    if text[c.start] in ctx.lex.not_name_first:
        return False  # 记者曾去过, 总统和总理: a function word after a title, not a surname
    if c.rule == "person.title_after":
        # only a transliterated name standing alone (奥巴马总统), not the tail of a longer one
        translit = ctx.lex.translit
        return c.end - c.start >= 2 and all(ch in translit for ch in text[c.start:c.end]) \
            and (c.start == 0 or text[c.start - 1] not in translit)
    return True


def _resolve(cands: list[_Cand], n: int) -> list[_Cand]:
    """Anchored people first, then longest first (the outermost name), then by rank."""
    order = sorted(cands, key=lambda c: (c.rank != 0, -(c.end - c.start), c.rank, -c.confidence, c.start))
    taken = bytearray(n)
    out: list[_Cand] = []
    for c in order:
        if c.end <= c.start or any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _share_titles(ctx: Ctx, chosen: list[_Cand]) -> list[_Cand]:
    """A title before a list of names is each one's: 副市长张三、李四; 记者孙广勇、暨佩娟、王慧."""
    out: list[_Cand] = []
    for c in chosen:
        prev = out[-1] if out else None
        if (c.label == "PERSON" and not c.titles and prev is not None and prev.label == "PERSON" and prev.titles
                and ctx.norm[prev.end:c.start] == "、" and not titles_after(ctx, prev.end)):
            c = replace(c, titles=prev.titles)
        out.append(c)
    return out


def _titles_stop_at_people(ctx: Ctx, chosen: list[_Cand],
                            afters: dict[tuple[int, int | None], tuple[str, ...]] | None = None) -> list[_Cand]:
    """A title chain never reaches back over the person before it: 早报记者朱楠实习生李四 gives
    李四 only 实习生 (the words before belong to 朱楠). ``afters`` keeps the titles after each person,
    by (end, limit), for _finish (speed: not read twice)."""
    out: list[_Cand] = []
    floor = 0
    starts = [c.start for c in chosen if c.label == "PERSON"]
    for c in chosen:
        if c.label == "PERSON":
            if c.titles and sum(map(len, c.titles)) > c.start - floor:
                c = replace(c, titles=titles_before(ctx, c.start, floor))
            k = bisect.bisect_right(starts, c.start)
            limit = starts[k] if k < len(starts) else None
            after = titles_after(ctx, c.end, limit)
            if afters is not None:
                afters[(c.end, limit)] = after
            if c.titles or after:  # a titled person ends the chain before it; a bare name may sit inside a title
                floor = c.end + sum(map(len, after)) + max(0, len(after) - 1)
        out.append(c)
    return out


def _finish(ctx: Ctx, chosen: list[_Cand]) -> list[EntityMatch]:
    out: list[EntityMatch] = []
    afters: dict[tuple[int, int | None], tuple[str, ...]] = {}
    chosen = _titles_stop_at_people(ctx, chosen, afters)
    starts = [c.start for c in chosen if c.label == "PERSON"]
    for c in _share_titles(ctx, chosen):
        if c.label in ("GPE", "LOC") and c.end - c.start > 3 and ctx.norm.endswith("地区", c.start, c.end):
            # 华北地区, 亚太地区: the place is 华北 (the annotated news never ends a place with 地区);
            # 落后地区, 北方地区 name no place
            if ctx.lex.pos.get(ctx.norm[c.start:c.end - 2]) in ("f", "a", "ad", "an", "v", "vn", "b", "d"):
                continue
            c = replace(c, end=c.end - 2)
        surface = ctx.text[c.start:c.end]
        key = _coref_key(ctx, c)
        if c.label == "PERSON":
            k = bisect.bisect_right(starts, c.start)
            limit = starts[k] if k < len(starts) else None
            after = afters.get((c.end, limit))
            titles = c.titles + (after if after is not None else titles_after(ctx, c.end, limit))
        else:
            titles = c.titles
        # the fields in EntityMatch's order, positional (speed: keywords made this frozen dataclass's
        # construction a third slower, once per entity)
        out.append(EntityMatch(c.start, c.end, surface, c.label, c.rule,  # start, end, text, label, rule
                               round(c.confidence, 3), c.kb_id, c.canonical,  # confidence, kb_id, canonical
                               titles, key))  # titles, coref_key
    return out


def _coref_key(ctx: Ctx, c: _Cand) -> str:
    surface = ctx.norm[c.start:c.end]
    if c.label == "ORG":
        acr = acronym_of(ctx, c.start, c.end)
        if acr:
            return f"ORG:acronym:{acr}"
    if c.kb_id:
        return f"{c.label}:kb:{c.kb_id}"
    return f"{c.label}:{surface.replace(' ', '')}"
