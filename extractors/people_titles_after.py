"""What is written right after a name: a title (克林顿总统, 习近平主席、国家主席, 张某(某报副总编辑)) or
a verb of speech (扎加洛说); and the name found by the title after it (李素芝院长, 吴先生).

Why: a title or a speech verb after a span is what tells a person from a place or a word.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from zhnews.extractors.entity_text import PUNCT, Ctx, all_cjk, is_cjk
from zhnews.extractors.people_base import (_NOT_GIVEN, _WEAK_SURNAMES, PersonCand, _blocked, _good_given,
                                           _surname_len)
from zhnews.extractors.people_titles_before import _title_start, title_end_at, titles_before

# Titles written after a name: 克林顿总统, 李素芝院长, 吴先生.
_AFTER_TITLES = ("总统", "总理", "首相", "主席", "总书记", "委员长", "议长", "院长", "局长", "部长", "厅长", "市长",
                 "省长", "县长", "书记", "主任", "校长", "所长", "厂长", "经理", "董事长", "教授", "博士", "先生",
                 "女士", "小姐", "夫人", "大夫", "医生", "老师", "师傅", "同志", "将军", "上将", "中将", "少将",
                 "大使", "外长", "国王", "天皇", "女王", "亲王", "王子", "司令", "政委", "老人", "一行", "等人")
_AFTER_SET = frozenset(_AFTER_TITLES)
_AFTER_FIRST = frozenset(w[0] for w in _AFTER_TITLES) | {"老"}
_AFTER_LENGTHS = tuple(sorted({len(w) for w in _AFTER_TITLES}, reverse=True))
# Words after a bare name that make it a person (沈金强宣布, 张智奎代表).
_SPEECH = ("表示", "说", "指出", "认为", "强调", "介绍", "宣布", "代表", "出席", "主持", "会见", "会晤",
           "致辞", "讲话", "透露", "告诉", "回忆", "称", "等人", "同志", "先生", "女士", "一行", "率团", "说道",
           "会谈", "坦言", "感慨")
_SPEECH_SET = frozenset(_SPEECH)
_SPEECH_LENGTHS = tuple(sorted({len(w) for w in _SPEECH}, reverse=True))


def titles_after(ctx: Ctx, end: int, limit: int | None = None) -> tuple[str, ...]:
    """Titles written right after the name (习近平主席, 陈木胜导演, 王涛主任, 张工代表说): the longest title
    word starting at ``end`` that is whole words (主任医师, not 主任 of 主任医师; 书记处 is no title), and
    further ones across 、 (本扬总书记、国家主席) that end before ``limit`` (the next person)."""
    s = ctx.norm
    limit = len(s) + 1 if limit is None else limit
    if s[end:end + 1] == "(":
        # the post in brackets right after the name: 张某(某报副总编辑) -> 某报副总编辑, brackets out
        close = s.find(")", end, end + 32)
        if close > end + 2 and close < limit and title_end_at(ctx, close) and _title_start(ctx, close) == end + 1:
            return (ctx.text[end + 1:close],)
        return ()
    out: list[str] = []
    n = _after_word(ctx, end, limit)
    while n:
        out.append(ctx.text[end:end + n])
        end += n
        if s[end:end + 1] != "、":
            break
        n = _after_word(ctx, end + 1, limit)
        if n and end + 1 + n < len(s) and is_cjk(s[end + 1 + n]) and end + 1 + n not in ctx.tok_at:
            break
        end += 1
    return tuple(out)


def _after_word(ctx: Ctx, end: int, limit: int) -> int:
    """Length of the title word written after a name at ``end`` (0 if none): whole words only;
    代表 only where the sentence goes on as a deputy's does (张工代表介绍, not 张三代表公司发言)."""
    s = ctx.norm
    if end >= len(s):
        return 0
    glued_end = -1
    if end not in ctx.tok_at:
        # 陈老师 as one word: the title glued to a surname counts when it closes that word
        i = bisect.bisect_right(ctx.starts, end) - 1
        if i < 0 or ctx.starts[i] >= end:
            return 0
        glued_end = ctx.starts[i] + len(ctx.tokens[i])
    for n in (5, 4, 3, 2):
        word = s[end:end + n]
        if len(word) != n or end + n >= limit or not (end + n == len(s) or end + n in ctx.tok_at):
            continue
        if glued_end >= 0 and end + n != glued_end:
            continue
        if word in ctx.lex.titles_after:
            return n
        if word == "代表" and (end + n == len(s) or s[end + n] in PUNCT or _deputy_goes_on(s, end + n)):
            return n
    return 0


# What follows a deputy's name and 代表 (王耕捷代表充满信心, 张工代表介绍), not the verb 代表 (to represent).
_DEPUTY_NEXT = ("说", "表示", "介绍", "认为", "指出", "建议", "提出", "坦言", "告诉", "充满", "对", "也", "还",
                "则", "就", "谈", "称", "强调", "呼吁", "发言", "透露", "表达", "回忆", "感慨", "直言")


def _deputy_goes_on(s: str, p: int) -> bool:
    return s.startswith(_DEPUTY_NEXT, p)


def _titles_after_names(ctx: Ctx, found: dict[int, PersonCand], add: Callable[[PersonCand], None]) -> None:
    """A title written after the name: 克林顿总统, 李素芝院长, 吴先生, 江总书记."""
    for ti in _after_title_tokens(ctx):
        cand = _name_before(ctx, ti)
        if cand is not None and cand[0] not in found and not _blocked(ctx, *cand, loose=True):
            rule = "person.title_after"
            nxt = ctx.tokens[ti + 1] if ti + 1 < len(ctx.tokens) else ""
            if cand[1] - cand[0] == 1 and ctx.norm[cand[0]] + ctx.tokens[ti] in _leader_forms() \
                    and nxt not in ctx.lex.org_suffixes and nxt not in ctx.lex.place_suffixes and nxt not in _SITES:
                rule = "person.surname.leader"  # 习主席: a sure person whatever the tagger says
            add(PersonCand(cand[0], cand[1], rule, 0.75, titles_before(ctx, cand[0])))


# Words after a leader form that make it the name of a place or body (周总理纪念馆 is handled by the
# org suffixes; 毛主席故居 here).
_SITES = frozenset({"故居", "旧居", "像", "塑像", "雕像", "铜像", "广场"})
_LEADER_FORMS: frozenset[str] | None = None


def _leader_forms() -> frozenset[str]:
    """gazetteers/people/leader_forms.txt, read once."""
    global _LEADER_FORMS
    if _LEADER_FORMS is None:
        from zhnews.extractors.entity_lexicon import DATA_DIR

        lines = (DATA_DIR / "leader_forms.txt").read_text(encoding="utf-8").splitlines()
        _LEADER_FORMS = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return _LEADER_FORMS


_AFTER_AC: Any = None


def _after_title_tokens(ctx: Ctx) -> list[int]:
    """Indices (never the first) of the tokens a title written after a name starts on (where
    _title_after is not 0), in order: one C-level Aho-Corasick pass."""
    global _AFTER_AC
    if _AFTER_AC is None:
        from zhnews.extractors.entity_lexicon import _automaton

        _AFTER_AC = _automaton(_AFTER_TITLES)
    tok_at = ctx.tok_at
    return sorted({k for k in (tok_at.get(end + 1 - n) for end, n in _AFTER_AC.iter(ctx.norm)) if k})


def _name_before(ctx: Ctx, ti: int) -> tuple[int, int] | None:
    """The name ending right before token ti: a foreign run, a Chinese name or a lone surname."""
    s = ctx.norm
    e = ctx.starts[ti]
    prev = ctx.tokens[ti - 1]
    p = ctx.starts[ti - 1]
    if not all_cjk(prev):
        return None
    # a lone surname: 吴先生, 江总书记 (the character before it must not be part of a word)
    if len(prev) == 1 and _surname_len(ctx, p) == 1 and prev not in _WEAK_SURNAMES \
            and (p == 0 or not is_cjk(s[p - 1]) or len(ctx.tokens[ti - 2]) >= 2):
        if prev not in _NOT_GIVEN:
            return p, e
    sl = _surname_len(ctx, p)
    if sl and sl + 1 <= len(prev) <= sl + 2 and _good_given(prev[sl:]) and ctx.tags[ti - 1] in (None, "nr", "nrfg", "nrt"):
        return p, e
    # (nz too: jieba's dictionary tags some transliterated names as other proper nouns, 奥利总理)
    if len(prev) >= 2 and all(c in ctx.lex.translit for c in prev) and ctx.tags[ti - 1] in _TRANSLIT_NAME_TAGS:
        start = p
        k = ti - 2
        while k >= 0 and len(ctx.tokens[k]) == 1 and ctx.tokens[k] in ctx.lex.translit and e - ctx.starts[k] <= 6:
            start = ctx.starts[k]
            k -= 1
        return start, e
    # surname + one-character tokens: 李/素芝 handled above; 姚/保国
    if ti >= 2 and len(prev) <= 2 and _surname_len(ctx, ctx.starts[ti - 2]) == len(ctx.tokens[ti - 2]) \
            and _good_given(prev) and ctx.tags[ti - 1] in (None, "nr", "nrfg"):
        return ctx.starts[ti - 2], e
    return None


_TRANSLIT_NAME_TAGS = frozenset({None, "nr", "nrt", "nrfg", "ns", "nz"})


def _title_after(ctx: Ctx, e: int) -> int:
    """Length of a title word written right after a name (克林顿总统, 吴先生, 朱老), or 0."""
    s = ctx.norm
    if s[e:e + 1] not in _AFTER_FIRST:
        return 0
    for n in _AFTER_LENGTHS:
        if s[e:e + n] in _AFTER_SET:
            return n
    return 0


def person_cue_after(ctx: Ctx, e: int) -> bool:
    """A title or a verb of speech right after position e (克林顿总统, 扎加洛说): what follows a
    person, not a place."""
    s = ctx.norm
    return _title_after(ctx, e) > 0 or any(s[e:e + n] in _SPEECH_SET for n in _SPEECH_LENGTHS)


def _speech_after(ctx: Ctx, e: int) -> bool:
    """A verb of speech, a comma or a 、 right after e: a bare name in a sentence, not a word."""
    s = ctx.norm
    return (e < len(s) and s[e] in ",、") or any(s[e:e + n] in _SPEECH_SET for n in _SPEECH_LENGTHS)

