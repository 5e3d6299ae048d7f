"""What every organisation rule shares: the candidate type, the unit tuple, the suffix look-up, and
which words may be inside an organisation's name (and which of them anchor it as a proper name).

Why a module of its own: unit scanning, the suffix rule and the owned-body rule all ask these same
questions of a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zhnews.extractors.entity_lexicon import Lexicon
from zhnews.extractors.entity_text import Ctx, all_cjk, is_latin
from zhnews.gazetteers.word_lists import read_word_list

# Dictionary tags of the words an organisation's name may hold.
_ABSORB_TAGS = frozenset({"n", "vn", "an", "ng", "nz", "b", "f", "s", "l", "j", "nt", "ns", "nr", "nrt", "nrfg",
                          "a", "eng", "g", "k", "h"})
# Verbs that name what an institution does (发展研究院, 现代制造职业学院); other verbs end a name.
_NAME_VERBS = frozenset("""制造 发展 研究 管理 服务 建设 监督 保护 教育 开发 设计 规划 交流 合作 投资 出版 编辑 培训
救护 饲养 进步 争取 检验 检测 勘探 运输 贸易 经营 生产 销售 咨询 促进 改革 发行 留学 科创 创新 工作 治理 保障 监察 审计 统计 联络
协调 办公 体育 卫生 现代 当代 近代 古代 未来 国际 国家 中央 人民 广播 电视 航空 铁道 通信 邮电 电力 水利 化工 纺织 建筑 印刷 编译 翻译 新闻 信息 推广 援助 救助""".split())
# First characters of unknown words that start a clause, not a name (图为, 这是, 一是, 力克, 找家).
_NOT_NAME_START = frozenset("图这那一是为在将对把被向从给让力找办下日曾隶调据由与和及或但而并其该各每有已正还也都就才又再便即刚以仍均皆亦现")
# First and last characters of an unknown word that show jieba glued a clause word to a name
# (为云米, 孙筱和是): such a word is no part of an organisation's name.
_GLUED_CLAUSE_START = frozenset("为是在将把被向从给让")
_GLUED_CLAUSE_END = frozenset("是的")
# ... and of those that make it a proper name (a place, an organisation, a person, a brand).
_ANCHOR_TAGS = frozenset({"ns", "nt", "nz", "j", "nr", "nrt", "nrfg"})
# A dictionary noun ending in one of these is a body even with no name before it (人事部, 畜牧局,
# 公牛队); a generic company or party word is not (保险公司, 反对党). 代表队, 突击队: a verb before 队.
_WORD_SUFFIXES = frozenset("部局队委院署厅")
# The national level before a body names it: 国家质量技术监督局.
_NATIONAL = frozenset({"国家", "全国", "联邦", "皇家"})


_ANCHOR_WORDS_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "anchor_words.txt"


@cache
def _anchor_words() -> frozenset[str]:
    """gazetteers/orgs/anchor_words.txt: ordinary nouns that name a body inside a longer name (海军, 中铁)."""
    return frozenset(read_word_list(_ANCHOR_WORDS_FILE))


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see extractors/types.py
class OrgCand:
    start: int
    end: int
    rule: str
    confidence: float
    kb_id: str | None = None
    canonical: str | None = None
    label: str = "ORG"  # LOC for a facility (博物馆, 机场): found like an organisation, a place by convention


# A unit is a plain tuple (start, end, text, tag): a token, or a gazetteer hit overriding token
# boundaries; tag is jieba's tag, "GAZ" for a gazetteer hit, None if unknown. Tuples, not objects:
# there is one per token and building them was a third of the entity extractor's time.
Unit = tuple  # (start: int, end: int, text: str, tag: str | None)


# speed: _suffix_of and _absorbable depend only on the word (and its tag) and the lexicon, and the
# organisation rules ask them of the same few thousand words over and over (~130,000 and ~40,000
# questions per 1,000 articles): the answers are kept per lexicon (held, so its id cannot be reused),
# as one tuple read and replaced whole, so threads never see a mix; started afresh past _MEMO_MAX.
_MEMO: tuple = (None, {}, {})  # (lexicon, word -> suffix, (word, tag) -> absorbable)
_MEMO_MAX = 100_000


def _memo(lex: Lexicon) -> tuple[dict[str, str | None], dict[tuple[str, str | None], tuple[bool, bool]]]:
    global _MEMO
    held, suffixes, absorbable = _MEMO
    if held is not lex or len(suffixes) + len(absorbable) > _MEMO_MAX:
        suffixes, absorbable = {}, {}
        _MEMO = (lex, suffixes, absorbable)
    return suffixes, absorbable


def _suffix_of(ctx: Ctx, text: str) -> str | None:
    """Longest listed suffix ``text`` ends with (lengths tried longest first)."""
    if not text or text[-1] not in ctx.lex.org_suffix_last:
        return None
    suffixes = _memo(ctx.lex)[0]
    suffix = suffixes.get(text, _UNKNOWN)
    if suffix is _UNKNOWN:
        suffix = suffixes[text] = _longest_suffix(ctx.lex, text)
    return suffix


_UNKNOWN: Any = object()


def _longest_suffix(lex: Lexicon, text: str) -> str | None:
    table = lex.org_suffixes
    for n in lex.org_suffix_lengths:
        if n <= len(text) and text[-n:] in table:
            return text[-n:]
    return None


_CONNECTORS = frozenset("与和同跟及并")
_POINTERS = frozenset("该此这其本我他")


def joins_with_pointer(text: str) -> bool:
    """An unknown word glued from a connector and a pointing word (同该, 与此, 和我): jieba leaves it
    unsegmented, and an organisation rule must not read it as part of a name."""
    return len(text) == 2 and text[0] in _CONNECTORS and text[1] in _POINTERS


def _absorbable(ctx: Ctx, t: str, tag: str | None) -> tuple[bool, bool]:
    """(may be inside an org name, counts as a proper-name anchor) for a unit's text and tag."""
    absorbable = _memo(ctx.lex)[1]
    key = (t, tag)
    answer = absorbable.get(key)
    if answer is None:
        answer = absorbable[key] = _absorbable_word(ctx, t, tag)
    return answer


def _absorbable_word(ctx: Ctx, t: str, tag: str | None) -> tuple[bool, bool]:
    if tag == "GAZ" or t in _anchor_words():
        return True, True
    if t in ctx.lex.org_breakers or t in ctx.lex.title_set:
        return False, False
    if is_latin(t):
        return any(c.isalpha() for c in t), len(t) >= 2  # PGRI, GFM name a body; 甲B's B does not
    if not all_cjk(t):
        return False, False
    if t in _NATIONAL:
        return True, True  # 国家质量技术监督局, 国家留学基金管理委员会: the national level names the body
    if tag == "n" and len(t) >= 3 and t[-1] in _WORD_SUFFIXES and ctx.lex.pos.get(t[:-1]) not in ("v", "vn"):
        return True, True  # a body inside a longer name: 文化部办公厅
    if tag is None:
        if t[0] in _GLUED_CLAUSE_START or t[-1] in _GLUED_CLAUSE_END:
            return False, False  # 生态|为云米, 孙筱和是|管委会: jieba glued a copula or preposition to a name
        if joins_with_pointer(t):
            return False, False  # 北京|同该|出版社: two names and a pointing word, not one name
        if t[0] == "队":
            return False, False  # 健力宝队|同巴西队: a team's 队 glued to the next word ends a name
        return True, len(t) >= 2 and t[0] not in _NOT_NAME_START
    if tag in ("v", "vn") or t in _NAME_VERBS:
        return t in _NAME_VERBS or tag == "vn", False
    if tag == "m":
        return (t.startswith("第") or t.endswith("届")), False
    if tag in _ABSORB_TAGS:
        return True, tag in _ANCHOR_TAGS
    return False, False
