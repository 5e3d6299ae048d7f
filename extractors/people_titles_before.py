"""Title chains written before a name (国务院总理李克强, 经理、老党员刘涛, 本报记者 王沛): where a title
word ends, where the chain of titles starts, and the token starts right after a title.

Why: a title right before a name is the strongest signal news text gives; finding its left edge
(a separator, a date, a function word, a byline in brackets) is most of the work.
"""

from __future__ import annotations

import re
from typing import Any

from zhnews.extractors.entity_text import Ctx, all_cjk, is_cjk, is_latin
from zhnews.extractors.people_base import NAME_TAGS, _WEAK_SURNAMES, _good_given, _token_ending_at

# Dictionary tags of function words (prepositions, conjunctions, particles, pronouns) a title stops at.
_TITLE_STOP_TAGS = frozenset({"p", "c", "u", "r", "y", "e", "o", "uj", "ul", "uz", "ud", "ug", "uv"})
# Punctuation a title never runs across.
_TITLE_SEP = frozenset(",、。;:!?“”\"'‘’《》〈〉【】「」\n\r\t")


def title_end_at(ctx: Ctx, p: int) -> int:
    """Length of a title word ending exactly at p (0 if none)."""
    s, titles = ctx.norm, ctx.lex.title_set
    if p >= 4 and s[p - 2:p] == "之一":
        inner = title_end_at(ctx, p - 2)  # 创始人之一, 负责人之一: one of the posts is the title
        return inner + 2 if inner else 0
    if p == 0 or s[p - 1] not in ctx.lex.title_last:
        return 0
    for n in (5, 4, 3, 2):
        if p - n >= 0 and s[p - n:p] in titles:
            return n
    return 0


# speed: the people rules, the merge and the titles after a name ask the same positions of one text
# again (a third of the titles_before calls, half of the _title_start calls repeat one): the answers
# are kept for the last text (held, so its id cannot be reused; a context is not changed once built),
# as one tuple read and replaced whole, so threads never see a mix.
_MEMO: tuple = (None, {})  # (ctx, (question, position, floor) -> answer)


def _memo_of(ctx: Ctx) -> dict[tuple[str, int, int], Any]:
    global _MEMO
    held, memo = _MEMO
    if held is not ctx:
        memo = {}
        _MEMO = (ctx, memo)
    return memo


def titles_before(ctx: Ctx, p: int, floor: int = 0) -> tuple[str, ...]:
    """Title chain written right before position p, in order (A、B、C宋文 -> (A, B, C)); nothing of it
    before ``floor`` (the end of the person before: 早报记者朱楠实习生李四 gives 李四 only 实习生)."""
    memo = _memo_of(ctx)
    key = ("titles", p, floor)
    chain = memo.get(key)
    if chain is None:
        chain = memo[key] = _titles_before(ctx, p, floor)
    return chain


def _titles_before(ctx: Ctx, p: int, floor: int) -> tuple[str, ...]:
    s = ctx.norm
    out: list[str] = []
    end = p
    if end > 0 and s[end - 1] == " ":
        end -= 1
    elif end > 0 and s[end - 1] == ":" and _credit_before(ctx, end - 1):
        end -= 1  # 参与记者:田颖, 本版制图:蔡华伟
    while end > floor:
        if not title_end_at(ctx, end):
            break
        start = max(_title_start(ctx, end), floor)
        # 尼泊尔工业、商业与供应部长: a 、 inside one body's name (the item holds a 和/与/及 and the
        # part before the 、 ends in no title) is no chain separator
        while start - 1 > floor and s[start - 1] == "、" and not title_end_at(ctx, start - 1) \
                and any(c in _JOINS for c in s[start:end]):
            before = max(_title_start(ctx, start - 1), floor)
            if before >= start - 1:
                break
            start = before
        if start >= end:
            break
        if not out:
            start = _after_deictic(s, start, end)
        out.insert(0, ctx.text[start:end])
        sep = start - 1
        k = _token_ending_at(ctx, start)
        if k is not None and k > 0 and ctx.starts[k] + len(ctx.tokens[k]) == start and (
                ctx.tokens[k] in _descriptive() or "=" + ctx.tokens[k] in _descriptive()):
            sep = ctx.starts[k] - 1  # 经理、老党员刘涛: the chain goes on across 老
        if sep > floor and (s[sep] == "、" or s[sep] == "," and _chain_before_comma(ctx, sep, floor)):
            end = sep
            continue
        break
    return tuple(out)


_DESCRIPTIVE: frozenset[str] | None = None


def _descriptive() -> frozenset[str]:
    """gazetteers/people/titles_descriptive.txt, read once."""
    global _DESCRIPTIVE
    if _DESCRIPTIVE is None:
        from zhnews.extractors.entity_lexicon import DATA_DIR

        lines = (DATA_DIR / "titles_descriptive.txt").read_text(encoding="utf-8").splitlines()
        _DESCRIPTIVE = frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return _DESCRIPTIVE


def _credit_before(ctx: Ctx, end: int) -> bool:
    """A byline or credit role ends at ``end`` (written before a colon: 记者:, 制图:)."""
    n = title_end_at(ctx, end)
    return bool(n) and ctx.norm[end - n:end].endswith(_CREDIT_ROLES)


def _after_deictic(s: str, start: int, end: int) -> int:
    """本报 / 本版 / 本台 before a byline role point at the paper itself: not part of the title."""
    for word in _DEICTIC:
        if s.startswith(word, start) and start + len(word) < end:
            return start + len(word)
    return start


def _chain_before_comma(ctx: Ctx, comma: int, floor: int) -> bool:
    """A chain goes on across a comma only when what is before it is a title that itself starts
    after a separator (浙江省人大代表,浙江双环…董事长吴长鸿), never after a verb (王五是公司经理,副经理李四)."""
    if not title_end_at(ctx, comma):
        return False
    start = _title_start(ctx, comma)
    return floor <= start < comma and (start == 0 or ctx.norm[start - 1] in _TITLE_SEP)


_JOINS = frozenset({"和", "与", "及"})
# Dictionary tags of the words a 和/与/及 joins inside one body's or post's name (fields, trades).
_FIELD_TAGS = frozenset({"n", "vn", "an", "l", "nz", "j", "b"})
# Roles a byline or credit writes before a colon and the name(s): 参与记者:田颖、沈忠浩; 本版制图:蔡华伟.
_CREDIT_ROLES = ("记者", "通讯员", "实习生", "摄影", "制图", "设计", "编辑", "美编", "插图", "绘图", "撰稿", "摄像",
                 "统筹")
# Words that point at the paper itself before a byline role (本报记者 -> 记者, 综合本报记者 -> 记者).
_DEICTIC = ("综合本报", "本报", "本版", "本台", "本刊", "本网", "本期")
_BYLINE_IN_BRACKETS = re.compile(r"\([^()]*(记者|通讯员|实习生|摄影)[^()]*\)")


def _joins_one_name(ctx: Ctx, i: int, end: int) -> bool:
    """和/与 at token i inside one organisation's name (国家发展和改革委员会主任, 中国劳动和社会保障科学研究院):
    what follows it, up to the title, already holds an organisation suffix, and no name comes before it."""
    if ctx.tokens[i] not in _JOINS or i == 0 or ctx.tags[i - 1] in NAME_TAGS or not is_cjk(ctx.tokens[i - 1][-1]):
        return False
    j = i + 1
    while j < len(ctx.tokens) and ctx.starts[j] < end - 1:
        tok = ctx.tokens[j]
        if (tok in ctx.lex.org_suffixes or (len(tok) >= 3 and tok.endswith(ctx.lex.org_suffixes_by_len))) \
                and ctx.starts[j] + len(tok) < end:
            return True  # 研究与|信息中心|主任: a body name ends before the post
        if any(tok[:n] in ctx.lex.org_suffixes and tok[n:] in ctx.lex.title_set for n in (2, 3) if len(tok) > n):
            return True  # 贸易商和出口商协会主席: the body (协会) is glued to the post
        j += 1
    # two fields or trades joined inside a body's or a post's name: 卫生和计划生育局, 磁头及硬盘运营,
    # 商业与供应部长, 病毒学和免疫学教授 (never a title, a place or a name on either side)
    left, right = ctx.tokens[i - 1], ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else ""
    # (the right word may hold the post's start: 经济和|能源部长, the ministry fused with 部长)
    return ctx.tags[i - 1] in _FIELD_TAGS and ctx.tags[i + 1] in _FIELD_TAGS and left not in ctx.lex.title_set \
        and right not in ctx.lex.title_set and (ctx.starts[i + 1] + len(right) < end or (
            ctx.starts[i + 1] + len(right) == end and len(right) > title_end_at(ctx, end) > 0
            and right[:-1].endswith(tuple(w for w in ctx.lex.org_suffixes if len(w) == 1))))


def _title_start(ctx: Ctx, end: int) -> int:
    """Walk back over tokens until a separator, a breaker word or a function word."""
    memo = _memo_of(ctx)
    key = ("start", end, 0)
    start = memo.get(key)
    if start is None:
        start = memo[key] = _walk_title_start(ctx, end)
    return start


def _walk_title_start(ctx: Ctx, end: int) -> int:
    s = ctx.norm
    if s[end - 2:end] == "之一" and end >= 4 and title_end_at(ctx, end - 2):
        return _title_start(ctx, end - 2)  # 服务总队的创始人之一: the post's start
    # token index of the token ending at `end`
    i = _token_ending_at(ctx, end)
    start = end
    if i is not None and ctx.starts[i] + len(ctx.tokens[i]) > end and ctx.starts[i] < end:
        # a word across the title's end is a segmentation slip (主任|何立峰 cut as 主|任何|立峰): its part
        # before the name belongs to the title, whatever the word's tag
        start = ctx.starts[i]
        i -= 1
    desc = _descriptive()
    while i is not None and i >= 0:
        tok = ctx.tokens[i]
        if tok == "》" and i + 1 < len(ctx.tokens) and ctx.starts[i + 1] < end:
            # a periodical's name before its post: 《柳叶刀》主编 (the marks are part of the title)
            k = i - 1
            while k >= 0 and i - k <= 6 and ctx.tokens[k] != "《" and not any(c in _TITLE_SEP for c in ctx.tokens[k]):
                k -= 1
            if k < 0 or ctx.tokens[k] != "《" or k == i - 1:
                break
            start = ctx.starts[k]
            i = k - 1
            continue
        if tok == "”":
            # a quoted name inside the title: 五洲传播中心“有熊猫”全球青年文化推广计划负责人
            k = _quoted_inside(ctx, i)
            if k < 0:
                k = _quoted_opening(ctx, i)
                if k >= 0 and end - ctx.starts[i] <= 7:
                    start = ctx.starts[k]  # “大功三连”指导员: a quoted unit opens the chain
                break
            if end - ctx.starts[k] > 40:
                break
            start = ctx.starts[k]
            i = k - 1
            continue
        if any(c in _TITLE_SEP for c in tok):
            break
        if tok[0] in _DASHES and _dash_signs(ctx, i):
            break  # ——法国前总理拉法兰: a quote signed with a dash (阿拉伯—中国友好协会 goes on)
        if tok.isspace() and not (i > 0 and is_latin(ctx.tokens[i - 1].strip())):
            break
        if (ctx.tags[i] is None or tok[0] in _DATE_FIRST) and _date_or_slip(ctx, i):
            break  # 国家主席习近平5月20日晚同缅甸总统: a date, or a word glued to 同, ends the title
        if (tok in ctx.lex.title_breakers or ctx.tags[i] in _TITLE_STOP_TAGS) and not _joins_one_name(ctx, i, end) \
                and not _unit_word(ctx, i) or tok in desc \
                or "=" + tok in desc and ctx.starts[i] + len(tok) == end - title_end_at(ctx, end):
            break
        if end - ctx.starts[i] > 40:
            break
        start = ctx.starts[i]
        i -= 1
    # a descriptive word glued to the role in one token is no part of it (优秀党员, 老党员 -> 党员)
    k = ctx.tok_at.get(start)
    if k is not None and ctx.starts[k] + len(ctx.tokens[k]) == end:
        tok = ctx.tokens[k]
        for w in _descriptive():
            w = w.lstrip("=")  # (glued in one token, the word is right before the role: 老党员)
            if tok.startswith(w) and tok[len(w):] in ctx.lex.title_set:
                start += len(w)
                break
    # never start on a space, a closing bracket or an unclosed opening one (本报讯(记者)
    while start < end and (s[start] in " )" or s[start] in _DASHES):
        start += 1
    opened = s.rfind("(", start, end)
    if opened >= 0 and s.find(")", opened, end) < 0:
        start = opened + 1
    # nor before a closing bracket whose opening one is not in it: (记者王迪、王海林)国家主席习近平
    closed = s.rfind(")", start, end)
    if closed >= 0 and s.rfind("(", start, closed) < 0:
        start = closed + 1
    # a byline in brackets before the title is not part of it: (记者王迪)国务院总理李克强
    for match in _BYLINE_IN_BRACKETS.finditer(s, start, end):
        start = match.end()
    return start


_DATE_UNITS = ("年", "月", "日", "时", "点", "号")
_DATE_FIRST = frozenset("0123456789年月日时点号")
# Last characters of an unknown two-character word that is a slip of the segmenter over a function
# word (晚同, 并与): the title cannot go on over it.
_SLIP_LAST = frozenset("同和与向对为在给把被将从是")


def _date_or_slip(ctx: Ctx, i: int) -> bool:
    """Token i is a number of a date or time (5月, 20日: not 2020届学生, 48家集团), a date unit after one,
    or an unknown word ending in a function character."""
    tok = ctx.tokens[i]
    if tok.isascii() and tok.isdigit():
        nxt = ctx.tokens[i + 1] if i + 1 < len(ctx.tokens) else ""
        return nxt.startswith(_DATE_UNITS)
    if tok.startswith(_DATE_UNITS) and i > 0 and ctx.tokens[i - 1].isascii() and ctx.tokens[i - 1].isdigit():
        return True
    # 晚同 (晚 + 同), 地教 (耐心地 + 教): the unknown word holds a function character of the sentence
    return ctx.tags[i] is None and 2 <= len(tok) <= 3 and is_cjk(tok[0]) and (tok[-1] in _SLIP_LAST or tok[0] == "地")


def _quoted_inside(ctx: Ctx, close: int) -> int:
    """Index of the opening quote of the quoted name whose closing quote is token ``close``, when
    the quote is glued to a word of the title on both sides (中心“有熊猫”全球); else -1."""
    k = close - 1
    while k >= 0 and close - k <= 8:
        tok = ctx.tokens[k]
        if tok == "“":
            prev = k - 1
            if prev < 0 or not is_cjk(ctx.tokens[prev][-1]) or ctx.tokens[prev] in ctx.lex.title_breakers \
                    or ctx.tags[prev] in _TITLE_STOP_TAGS:
                return -1
            return k
        if not all_cjk(tok):
            return -1  # a name is written in characters: “80后” is an epithet
        k -= 1
    return -1


_DASHES = frozenset("—–―-")
# Words after which a quoted name is an epithet of the person, not a unit (的“大国工匠”, 被誉为“…”).
_EPITHET_MARKS = frozenset({"的", "之", "为", "称", "誉为", "称为", "号称", "人称"})


def _dash_signs(ctx: Ctx, i: int) -> bool:
    """Dash token i signs a quote rather than joining two words of one name: it is doubled (——)
    or has no character right before it (a line or sentence opens with it)."""
    p = ctx.starts[i]
    s = ctx.norm
    return len(ctx.tokens[i]) > 1 or p == 0 or s[p - 1] in _DASHES or not is_cjk(s[p - 1]) \
        or p + 1 < len(s) and s[p + 1] in _DASHES


def _quoted_opening(ctx: Ctx, close: int) -> int:
    """Index of the opening quote of a short quoted unit name (at most 8 characters, all CJK) that
    opens a title chain (“大功三连”指导员, 时任“红四连”指导员): nothing but a separator, a space or a
    word that stops titles comes before it, never 的 (的“神奇工长”南宁局…工长 is an epithet, the caller
    also wants the post right after the quote); else -1."""
    k = close - 1
    while k >= 0 and close - k <= 6:
        tok = ctx.tokens[k]
        if tok == "“":
            if ctx.starts[close] - ctx.starts[k] - 1 > 8 or k == close - 1:
                return -1
            prev = k - 1
            if prev >= 0 and ctx.tokens[prev] in _EPITHET_MARKS:
                return -1
            if prev < 0 or ctx.tokens[prev].isspace() or any(c in _TITLE_SEP for c in ctx.tokens[prev]) \
                    or ctx.tokens[prev] in ctx.lex.title_breakers or ctx.tags[prev] in _TITLE_STOP_TAGS:
                return k
            return -1
        if not all_cjk(tok):
            return -1
        k -= 1
    return -1


def _unit_word(ctx: Ctx, i: int) -> bool:
    """Token i is part of a body's name although its tag stops titles: 某 in 某银行职员, the unit
    所 (tagged as a conjunction) in 经济所所长."""
    tok = ctx.tokens[i]
    if i + 1 >= len(ctx.tokens) or not is_cjk(ctx.tokens[i + 1][0]):
        return False
    if tok[0] == "某":  # 某银行, 某报 (the dictionary tags 某报 as a pronoun)
        return True
    return len(tok) == 1 and tok in ctx.lex.org_suffixes and i > 0 and is_cjk(ctx.tokens[i - 1][-1]) \
        and ctx.tags[i - 1] not in _TITLE_STOP_TAGS and ctx.tokens[i - 1] not in ctx.lex.title_breakers


def _title_scan(ctx: Ctx) -> tuple[list[int], list[tuple[int, int]]]:
    """One C-level Aho-Corasick pass over the titles: the token starts right after a title (what
    _title_ends returns) and the names whose surname the segmenter glued to the title's last
    character (董事长江涛 cut as 董事/长江/涛, 副局长江开勇 as 副局/长江/开勇): the rest of that
    two-character word is the surname, the next one- or two-character word the given name."""
    ac = ctx.lex.title_ac
    if ac is None:
        return [], []
    s, tok_at = ctx.norm, ctx.tok_at
    ends: set[int] = set()
    glued: list[tuple[int, int]] = []
    for end, n in ac.iter(s):
        q = end + 1
        if s[q:q + 2] == "之一" and q + 2 in tok_at and 2 <= n <= 5:
            ends.add(q + 2)  # 创始人之一吴元兵
        if q in tok_at:
            if 2 <= n <= 5:
                ends.add(q)
            continue
        k = tok_at.get(end)
        if k is None or n < 2 or len(ctx.tokens[k]) != 2 or k + 1 >= len(ctx.tokens) \
                or s[q] not in ctx.lex.surnames or s[q] in _WEAK_SURNAMES:
            continue
        given = ctx.tokens[k + 1]
        e = q + 1 + len(given)
        if len(given) <= 2 and _good_given(given) and ctx.tags[k + 1] in (None, "nr", "nrfg") \
                and given not in ctx.lex.title_set and (e >= len(s) or e in tok_at):
            glued.append((q, e))
    return sorted(ends), glued


def _title_ends(ctx: Ctx) -> list[int]:
    """Token starts right after a title of two to five characters (where title_end_at is not 0),
    in order."""
    return _title_scan(ctx)[0]

