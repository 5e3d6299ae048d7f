"""Country abbreviations written side by side as words of their own: 中/柬, 非/中, 日/韩.

jieba cuts a pair the dictionary does not know into one-character words with any tag (中 f, 缅 zg,
非 h), so the pair is read from the word boundaries, not from the tags: every character a country
or region abbreviation, the run starting and ending on a word boundary, no longer word inside it.
"""

from __future__ import annotations

import re
from functools import cache

from zhnews.extractors.entity_text import Ctx, is_cjk

# "pair" characters (以, 西, 老) are countries here only with a pair word after them (the older rule)
# or in an article naming the country (place_abbr_doc.tsv makes them "country" there).
_COUNTRY_KINDS = frozenset({"country", "region"})
_NAME_TAGS = frozenset({None, "nr", "nrt", "ns", "nz", "nt", "j", "t"})


def country_pair(ctx: Ctx, i: int, j: int, kinds: dict[str, str]) -> bool:
    """``norm[i:j]`` (2-3 characters) is a pair or triple of country abbreviations cut as words:
    China with another country (中柬, 非中), or two countries of the main list (日韩)."""
    s = ctx.norm
    run = s[i:j]
    if not 2 <= len(run) <= 3 or i not in ctx.tok_at or (j < len(s) and j not in ctx.tok_at):
        return False
    if not all(kinds.get(c) in _COUNTRY_KINDS for c in run):
        return False
    if "中" not in run and not all(kinds.get(c) == "country" for c in run):
        return False
    k = ctx.tok_at[i]
    if len(ctx.tokens[k]) == j - i:  # one word: a name-like one (老中 nr), not 新意 (n)
        return ctx.tags[k] in _NAME_TAGS
    while k < len(ctx.tokens) and ctx.starts[k] < j:
        if len(ctx.tokens[k]) > 1:  # a longer word inside (加以) is read by the dictionary rules
            return False
        k += 1
    return True


@cache
def _pair_contexts() -> tuple[frozenset[str], tuple[int, ...]]:
    """gazetteers/people/place_pair_contexts.txt, read once: the words and their lengths, longest first."""
    from zhnews.extractors.entity_lexicon import DATA_DIR

    lines = (DATA_DIR / "place_pair_contexts.txt").read_text(encoding="utf-8").splitlines()
    words = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return words, tuple(sorted({len(w) for w in words}, reverse=True))


def pair_context_after(ctx: Ctx, i: int, j: int, kinds: dict[str, str]) -> bool:
    """``norm[i:j]`` (2-3 abbreviations) is read as countries side by side because a word that only
    follows a pair comes next (中印同为, 中阿是, 缅中永): the run holds 中 or only countries, and
    starts a word or follows a non-name character."""
    s = ctx.norm
    run = s[i:j]
    if not 2 <= len(run) <= 3 or len(set(run)) != len(run):
        return False
    if not all(kinds.get(c) in _COUNTRY_KINDS for c in run):
        return False
    if "中" not in run and not all(kinds.get(c) == "country" for c in run):
        return False
    if len({ctx.lex.place_abbr.get(c, c) for c in run}) != len(run):
        return False  # 华中 (华 and 中 are both China): a region, no pair
    if i not in ctx.tok_at and i > 0 and is_cjk(s[i - 1]):
        return False
    words, lengths = _pair_contexts()
    return any(s[j:j + n] in words for n in lengths)


def weak_unknown(ctx: Ctx, i: int, j: int, kinds: dict[str, str]) -> bool:
    """A word the dictionary does not know, glued by the segmenter from a date or function word and
    a "pair" character (3日以, 高考中以): no pair of places without a pair word after it."""
    k = ctx.tok_at.get(i)
    if k is None or ctx.tags[k] is not None or ctx.starts[k] + len(ctx.tokens[k]) != j:
        return False
    s = ctx.norm
    return any(kinds.get(c) == "pair" for c in s[i:j]) or (s[i] in "日月" and i > 0 and s[i - 1].isdigit())


def country_before_country(ctx: Ctx, i: int, country_starts: "set[int] | frozenset[int]") -> bool:
    """A country abbreviation glued before a two-character country name the gazetteer knows, with a
    pair word after it: 中|巴新|关系 (巴新 is Papua New Guinea, one name, so 中 is the other country).
    ``country_starts``: where such two-character country names start in the text."""
    if i + 1 not in country_starts:
        return False
    if i not in ctx.tok_at and i > 0 and is_cjk(ctx.norm[i - 1]):
        return False
    return _pair_word_at(ctx, i + 3)


def _pair_word_at(ctx: Ctx, e: int) -> bool:
    """A pair word (关系, 两国: place_abbreviation_contexts.txt suffix:, or place_pair_contexts.txt) starts
    at ``e``."""
    s = ctx.norm
    if any(s[e:e + n] in ctx.lex.abbr_suffix_set for n in ctx.lex.abbr_suffix_lengths):
        return True
    words, lengths = _pair_contexts()  # a pair-only word too: 中|巴新各领域, 中|埃塞全面
    return any(s[e:e + n] in words for n in lengths)


def glued_after_prefix(ctx: Ctx, i: int, j: int) -> bool:
    """A run the segmenter glued to the prefix before it, as a word it does not know: 到|津冀, 于|穗港
    (到津冀 is one unknown word to jieba)."""
    k = ctx.tok_at.get(i - 1)
    return k is not None and ctx.tags[k] is None and ctx.starts[k] + len(ctx.tokens[k]) == j \
        and ctx.norm[i - 1] in ctx.lex.abbr_prefix


_PLACE_COUNT = re.compile("[两三四][地市县省城区]")


def named_place_initials(ctx: Ctx, covered: bytearray) -> list[int]:
    """Positions of one-character abbreviations in a run counted right after it: 淳剑两地 in an article
    on 淳安 and 剑河, 穗港深三城. Each character is the first of a place found in the text (淳安县,
    剑河县) or a provincial abbreviation; the run starts a word (or follows 到, 于 ...) and the count
    word starts one."""
    s = ctx.norm
    if not ctx.places or ("两" not in s and "三" not in s and "四" not in s):
        return []
    firsts = {s[h.start] for h in ctx.places if h.end - h.start >= 2 and h.label == "GPE"}
    firsts |= {c for c, k in ctx.lex.place_abbr_kind.items() if k in ("province", "region")}
    out: list[int] = []
    for m in _PLACE_COUNT.finditer(s):
        b = m.start()
        if b not in ctx.tok_at:
            continue
        for size in (3, 2):  # 穗港深|三城, 淳剑|两地
            a = b - size
            chars = s[max(a, 0):b]
            if a < 0 or len(set(chars)) != size or not all(c in firsts for c in chars) or any(covered[a:b]):
                continue
            if a in ctx.tok_at or (a > 0 and s[a - 1] in ctx.lex.abbr_prefix):
                out.extend(range(a, b))
                break
    return out
