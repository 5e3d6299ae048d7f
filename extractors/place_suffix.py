"""Names glued to an administrative suffix by the segmenter: 渊郡, 厂镇, 球树村, 爱知县.

jieba does not know most village, town and foreign district names, and its HMM glues their last
characters to the suffix (三池|渊郡, 老金|厂镇) or tags the whole as a person (爱知县 nr). The word
ends in the suffix, so the place is that word, with the word before it when the word alone is only
one character of name (渊郡 needs 三池). Known places take a suffix written after them as part of
the name (平壤|市, 江陵|郡), unless the suffix starts a word of its own (义乌|市场).
"""

from __future__ import annotations

import re

from zhnews.extractors.entity_text import Ctx, all_cjk

_END_RE = re.compile("[郡府镇村乡县市州]")
# Tags of an unknown or name-like word: jieba's HMM words have none, odd names are nr/nz.
_GLUED_TAGS = frozenset({None, "nr", "nrt", "nz"})
# Tags of a one-character word that cannot start a place name: function words, verbs, numerals.
_NOT_NAME_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "m", "q", "f", "v", "vn",
                            "t", "y", "e", "o", "x", "k", "h"})
_TWO_CHAR_HEAD_TAGS = frozenset({None, "ns", "nr", "nz", "nrt", "j"})
_ADMIN = frozenset("省市县区州乡镇村郡旗盟")
# A word ending in these is not a place however it is tagged (城市, 超市, 股市, 上市).
_NOT_PLACES = ("城市", "超市", "股市", "上市", "门市", "都市", "开市", "闭市", "菜市", "集市", "黑市", "楼市", "车市",
               "政府", "王府", "官府", "首府", "学府", "乡村", "农村", "城乡", "城镇", "村镇", "乡镇", "州府",
               "全市", "全县", "全村", "全镇", "全乡", "本市", "该市", "该县", "该村", "各市", "各县", "各村",
               # slogans and kinds of village, not names: 工业强市, 复产复市, 驻村, 网红村, 画乡
               "强市", "强县", "强村", "强镇", "强省", "复市", "驻村", "进村", "入村", "红村", "画乡", "小镇")
_KNOWN_SUFFIX = "市县郡州"
# Two-character units a known name takes after it: 街道 (subdistrict), 嘎查 and 苏木 (Inner Mongolian
# village and township).
_UNITS_AFTER_NAME = ("街道", "嘎查", "苏木")
_FUNCTION_FIRST = frozenset("这那是的了在和与及对从向为把被将第")
_NUMERALS = frozenset("一二三四五六七八九十两几百千万")


def glued_suffix_places(ctx: Ctx, covered: bytearray) -> list[tuple[int, int]]:
    """(start, end) of each place whose name the segmenter glued to its suffix."""
    s = ctx.norm
    out: list[tuple[int, int]] = []
    toks, starts, tags, tok_at = ctx.tokens, ctx.starts, ctx.tags, ctx.tok_at
    n = len(s)
    for m in _END_RE.finditer(s):  # speed: only words ending in a suffix character
        e = m.end()
        if e < n and e not in tok_at:
            continue
        k = (tok_at.get(e) if e < n else len(toks)) or 0
        k -= 1
        if k < 0:
            continue
        tok, p, tag = toks[k], starts[k], tags[k]
        if p + len(tok) != e or len(tok) < 2 or tag not in _GLUED_TAGS or tok.endswith(_NOT_PLACES) \
                or not all_cjk(tok) or any(covered[p:e]) or tok[0] in _FUNCTION_FIRST \
                or any(c in _NUMERALS for c in tok):
            continue  # (这是解州, 沿河六县, 第一村: a phrase, not a name)
        start = p
        if k > 0 and len(tok) <= 3:
            prev, ptag = toks[k - 1], tags[k - 1]
            pp = starts[k - 1]
            if all_cjk(prev) and not any(covered[pp:p]) and (
                    (len(prev) == 1 and ptag not in _NOT_NAME_TAGS and prev not in _ADMIN) or (len(prev) == 2 and len(tok) == 2
                                                                         and ptag in _TWO_CHAR_HEAD_TAGS)):
                start = pp
        if e - start >= 3:
            out.append((start, e))
    return out


def known_place_suffix(ctx: Ctx, start: int, end: int) -> int:
    """End of a known place with the administrative suffix written after it (平壤市, 江陵郡), or ``end``:
    the suffix must be a word of its own, not the start of one (义乌|市场, 平壤|市民)."""
    s = ctx.norm
    n = len(s)
    for unit in _UNITS_AFTER_NAME:
        if s.startswith(unit, end) and (end + len(unit) == n or end + len(unit) in ctx.tok_at):
            return end + len(unit)  # 临沭|街道: a subdistrict named after its town; 北安|嘎查 (a Mongol village)
    if end >= n or s[end] not in _KNOWN_SUFFIX or s[end - 1] in "省市县区郡旗":
        return end  # 汉滨区|县河镇: a name that has its suffix takes no second one
    if end not in ctx.tok_at:
        # 平壤市 as one word: the place and its suffix make the whole word
        k = ctx.tok_at.get(start)
        return end + 1 if k is not None and ctx.starts[k] + len(ctx.tokens[k]) == end + 1 else end
    if end + 1 < n and end + 1 not in ctx.tok_at and ctx.lex.pos.get(s[end:end + 2]) is not None:
        return end  # 义乌|市场, 平壤|市民: the suffix starts a word
    return end + 1
