"""A company's full registered name before its legal form: 江苏润和软件股份有限公司,
中车青岛四方机车车辆股份有限公司, 山东和同信息科技股份有限公司.

Why a rule of its own: a registered name is written whole, place and brand and line of business,
and jieba cuts brands into verbs, numbers and conjunctions (润|和, 四方, 和|同) that the suffix rule
stops at. Before a long legal form (股份有限公司, 有限公司) nothing but the name can stand, so the
name is read back over any word to a phrase boundary (punctuation, a function word, a clause verb, a
post) and kept when it starts with a place or a proper name. Word list: gazetteers/orgs/legal_forms.txt.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from operator import itemgetter
from pathlib import Path

from zhnews.extractors.entity_text import Ctx, is_cjk
from zhnews.extractors.org_base import _ANCHOR_TAGS, _NAME_VERBS, OrgCand, Unit
from zhnews.gazetteers.word_lists import read_word_list

_FILE = Path(__file__).resolve().parents[1] / "gazetteers" / "orgs" / "legal_forms.txt"
_MAX_CHARS = 22
# Tags of words that end a name read leftwards: prepositions, particles, pronouns, adverbs, interjections.
_STOP_TAGS = frozenset({"p", "uj", "ul", "uz", "ug", "uv", "ud", "u", "r", "d", "y", "e", "o", "t", "x", "zg"})
# One-character verbs that are a clause's, not a brand's (是山东..., 在江苏...).
_CLAUSE_VERBS = frozenset("是在为有到对把被让给向从由将")
# Words before a legal form's phrase that point back to a company named before (该, 这家, 一家).
_POINTERS = frozenset({"该", "这", "那", "此", "本", "其", "这家", "那家", "一家", "该家", "某"})


@cache
def _forms() -> tuple[str, ...]:
    return tuple(sorted(read_word_list(_FILE), key=len, reverse=True))


def _stops(ctx: Ctx, units: list[Unit], j: int) -> bool:
    """Unit j ends the name read leftwards."""
    _, _, text, tag = units[j]
    if not all(is_cjk(c) or c.isalnum() for c in text) or tag in _STOP_TAGS or text in ctx.lex.title_set:
        return True
    if tag == "v":
        return len(text) == 1 and text in _CLAUSE_VERBS or len(text) >= 2 and text not in _NAME_VERBS
    if tag == "c":  # 润|和|软件: a conjunction between characters of a cut brand, else two names
        return len(text) != 1 or j == 0 or len(units[j - 1][2]) != 1
    return False


def legal_companies(ctx: Ctx, units: list[Unit], barriers: bytearray) -> list[OrgCand]:
    """One ORG per unit ending in a long legal form, read back to a phrase boundary."""
    forms = _forms()
    s = ctx.norm
    if "公司" not in s:
        return []
    out: list[OrgCand] = []
    i = s.find("公司")
    while i >= 0:  # speed: only the units ending in 公司, found by str.find and a bisect
        k = bisect_right(units, i + 1, key=itemgetter(0)) - 1
        i = s.find("公司", i + 2)
        a, b, text, _tag = units[k]
        if not text.endswith("公司"):
            continue
        form = next((f for f in forms if s.endswith(f, 0, b)), None)
        if form is None or barriers[b - 1]:
            continue
        start = b - len(form)
        # the unit may hold the name's last word too (科技股份有限公司 as one word)
        first: int | None = k if a < start else None
        j = k - 1
        while j >= 0 and b - units[j][0] <= _MAX_CHARS and not barriers[units[j][0]] and not _stops(ctx, units, j):
            first = j
            j -= 1
        if first is None or units[first][0] >= start:
            continue
        if j >= 0 and units[j][2] in _POINTERS:
            continue  # 该|房地产开发有限公司: a company named before, not a name
        head = units[first]
        if not ((head[3] in _ANCHOR_TAGS and head[3] != "j") or head[3] == "GAZ" or
                (head[3] is None and len(head[2]) >= 2)):
            continue  # the name must start with a place or a proper name, not a common word (房地产 is j)
        if b - head[0] - len(form) >= 2:
            out.append(OrgCand(head[0], b, "org.legal", 0.8))
    return out
