"""Dates and times with unknown parts left unknown: 12月12日 -> XXXX-12-12, 是日上午10时15分 -> XXXX-XX-XXT10:15.

The year is never guessed into ``value``; ``resolved`` carries what the article date (or an earlier
explicit date in the text, for 当天/是日) adds. Word lists live in gazetteers/quantities/dates.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from zhnews.extractors.char_table import CharTable
from zhnews.extractors.numbers import parse_number
from zhnews.extractors.types import DateMatch
from zhnews.gazetteers.quantities import alternation, load

_D = load().dates
_REL: dict[str, dict[str, object]] = _D["relative"]
_PARTS: dict[str, int] = _D["day_parts"]

_CN = "〇零○一二两三四五六七八九十"
_YEAR = r"(?P<y>[12][0-9]{3}|[〇零○一二三四五六七八九]{4})年(?![多余来])"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
_DAY = r"(?P<d>3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号]"
_PART = rf"(?P<p>{alternation(list(_PARTS))})"
_TIME = (
    r"(?:(?P<h>2[0-4]|[01]?[0-9]|[二]?十[一二三四]?|[一二三四五六七八九两])(?P<hs>[时点])"
    r"(?:(?P<mi>[0-5]?[0-9]|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])分|(?P<half>半))?"
    r"|(?P<h2>2[0-3]|[01]?[0-9]):(?P<mi2>[0-5][0-9])(?![0-9]))"
)
_REL_RE = rf"(?P<rel>{alternation(list(_REL))})"
_MOD = rf"(?P<mod>{alternation(_D['modifiers'])})?"
_CONN = r"(?P<conn>至|到|—|-|–|~|～)"

# One date: relative word, or year/month/day in order, then an optional time of day.
_DATE_CN = "〇零○一二三四五六七八九十"  # the Chinese numerals a date can start with
_DATE_START = rf"[0-9]{{1,4}}[年月日号]|[{_DATE_CN}]{{1,4}}[年月日号]|{alternation(list(_REL))}"
_DATE = (
    rf"(?={_DATE_START})(?:{_REL_RE}|(?:{_YEAR})?(?:{_MONTH})?(?:{_DAY})?)"
    rf"(?:{_PART})?(?:{_TIME})?"
)
_DATE_RE = re.compile(_DATE)
# Every character a date can start with (the lookahead above): the scan used to jump between them and
# try _DATE_RE there (tests compare the scan below with that one)
_DATE_FIRST = re.compile("[0-9" + re.escape(_DATE_CN + "".join(sorted({w[0] for w in _REL if w}))) + "]")


def _starting_with_a_class(cn: str, words: list[str]) -> str:
    """_DATE_START written to open with one character class (the same start positions): a pattern that opens
    with alternatives is tried by the regex engine at every character, one that opens with a class only at the
    characters in it (found in C). The class is consumed, then a lookbehind tells which alternative it began."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    first = "0-9" + re.escape(cn + "".join(rests))
    after = [r"(?<=[0-9])[0-9]{0,3}[年月日号]", rf"(?<=[{cn}])[{cn}]{{0,3}}[年月日号]"]
    after += [rf"(?<={re.escape(c)})(?:{alternation(rest)})" if all(rest) else rf"(?<={re.escape(c)})"
              for c, rest in sorted(rests.items())]
    return rf"[{first}](?:{'|'.join(after)})"


# Where the lookahead holds: searched in C, the scan below visits only the places _DATE_RE matches (it
# can match the empty string after its lookahead), not every digit and numeral
_DATE_START_RE = re.compile(_starting_with_a_class(_DATE_CN, list(_REL)))
# Every date start holds one of these (a number ends in 年月日号, a relative word in its last character): a text
# without any has no date, and the scan below would otherwise stop at every digit of it (issue 18: 1.1.1. ...)
_DATE_START_NEEDS = re.compile("[" + re.escape("年月日号" + "".join(sorted({w[-1] for w in _REL if w}))) + "]")
_MOD_RE = re.compile(_MOD)
_DURATION_BEFORE = re.compile(r"(?:近|约|超过|逾|至少|不到|不足)$")
_TIME_ONLY_RE = re.compile(rf"(?=[0-9一二三四五六七八九十两凌清早上中午下傍晚深夜])(?:{_PART})?{_TIME}")
# Every time of day holds 时, 点 or ':' (see _TIME): without one, _TIME_ONLY_RE, which opens with a lookahead
# and so is tried at every character, cannot match
_TIME_NEEDS = re.compile("[时点:]")
# The end of a range inherits what it leaves out from the start (12月11日至12日).
_END_RE = re.compile(rf"{_CONN}(?:{_YEAR})?(?:{_MONTH})?(?:{_DAY})?")
_YEAR_RANGE_RE = re.compile(r"(?P<a>[12][0-9]{3})(?P<conn>[-—–~～至到])(?P<b>[12][0-9]{3})年")
_MONTH_RANGE_RE = re.compile(r"(?P<a>1[0-2]|0?[1-9])(?P<conn>[-—–~～至到])(?P<b>1[0-2]|0?[1-9])月(?:份)?")
_DECADE_RE = re.compile(r"(?:上世纪|上个世纪|(?P<c>[12][0-9])世纪)?(?P<dec>[0-9]0)年代")
_CENTURY_RE = re.compile(r"(?P<c>[12][0-9])世纪(?![0-9]0年代)")
_QUARTER_RE = re.compile(
    r"(?:(?P<y>[12][0-9]{3})年)?(?:(?P<first>前)(?P<qn>[一二三三1-3])季度|第?(?P<q>[一二三四1-4])季度|(?P<half>[上下])半年)"
)
_CHEAP = re.compile(rf"[0-9{_CN}年月日号时点天世代季半今昨明前去次翌同当是本上下]")
_FULLWIDTH = CharTable(str.maketrans("０１２３４５６７８９：－～", "0123456789:-~"))
_HAS_FULLWIDTH = re.compile(r"[０-９：－～]")
_RANGE_HINT = re.compile(r"[0-9][-—–~～至到][0-9]")
_AFTER_DIGIT = re.compile(r"[0-9０-９.%％]")


@lru_cache(maxsize=1024)
def _num(s: str | None) -> int | None:
    if not s:
        return None
    v = parse_number(s)
    if v is None or v != int(v):
        return None
    return int(v)


@lru_cache(maxsize=1024)
def _year(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    v = parse_number(s)
    return None if v is None else int(v)


def _fmt(y: int | None, m: int | None, d: int | None) -> str:
    if y is None and m is None and d is None:
        return "XXXX-XX-XX"
    out = f"{y:04d}" if y is not None else "XXXX"
    if m is None and d is None:
        return out
    out += f"-{m:02d}" if m is not None else "-XX"
    if d is not None:
        out += f"-{d:02d}"
    return out


def _time(g: dict[str, str | None]) -> tuple[str | None, bool]:
    """'T10:15' from the groups; False when the written time is impossible."""
    part = g.get("p")
    h = _num(g.get("h")) if g.get("h") else _num(g.get("h2"))
    if h is None:
        return None, True
    mi = _num(g.get("mi")) if g.get("mi") else _num(g.get("mi2"))
    if g.get("half"):
        mi = 30
    if part and _PARTS.get(part, 0) == 12 and h < 12:
        h += 12
    if h > 24 or (mi is not None and mi > 59):
        return None, False
    return f"T{h:02d}:{(mi or 0):02d}", True


def _valid(m: int | None, d: int | None) -> bool:
    return (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31)


def _shift(article: dt.date, rel: dict[str, object]) -> str:
    off = int(rel.get("offset", 0))  # type: ignore[arg-type]
    unit = rel.get("unit", "day")
    if unit == "year":
        return f"{article.year + off:04d}"
    if unit == "month":
        k = article.year * 12 + article.month - 1 + off
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    return (article + dt.timedelta(days=off)).isoformat()


def _parse_article_date(article_date: str | None) -> dt.date | None:
    if not article_date:
        return None
    try:
        return dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return None


class _Taken:
    """Characters already inside a date: one byte each, so "does s..e overlap an earlier date" costs the
    span's length (bytearray.find), not the number of earlier dates (issue 18: 12月12日 x 100,000)."""

    __slots__ = ("marks",)

    def __init__(self, n: int) -> None:
        self.marks = bytearray(n + 1)

    def add(self, s: int, e: int) -> None:
        if e > s:
            self.marks[s:e] = b"\x01" * (e - s)

    def overlaps(self, s: int, e: int) -> bool:
        return e > s and self.marks.find(1, s, e) >= 0


def _claimed(taken: _Taken, s: int, e: int) -> bool:
    return taken.overlaps(s, e)


def extract_dates(text: str, article_date: str | None = None) -> list[DateMatch]:
    """Every date or time expression in text, left to right; never raises."""
    try:
        work = _FULLWIDTH(text) if _HAS_FULLWIDTH.search(text) else text  # same length
        found = _extract(work, article_date)
        if work is text:
            return found  # spans already hold text[start:end]
        return [replace(d, text=text[d.start:d.end]) for d in found]
    except Exception:  # an extractor must not stop a batch; the survey script reports such texts
        return []


def _extract(text: str, article_date: str | None) -> list[DateMatch]:
    if not text or not _CHEAP.search(text):
        return []
    art = _parse_article_date(article_date)
    out: list[DateMatch] = []
    taken = _Taken(len(text))

    def add(match: DateMatch) -> None:
        out.append(match)
        taken.add(match.start, match.end)

    for rx, rule in ((_YEAR_RANGE_RE, "date.year_range"), (_MONTH_RANGE_RE, "date.month_range")):
        if not _RANGE_HINT.search(text):
            break
        for m in rx.finditer(text):
            if m.start() and text[m.start() - 1].isdigit():
                continue
            a, b = int(m.group("a")), int(m.group("b"))
            if a >= b:
                continue
            if rule == "date.year_range":
                add(DateMatch(m.start(), m.end(), m.group(), f"{a:04d}", rule, 0.9, end_value=f"{b:04d}"))
            else:
                add(DateMatch(m.start(), m.end(), m.group(), f"XXXX-{a:02d}", rule, 0.85, end_value=f"XXXX-{b:02d}"))
    for m in _DECADE_RE.finditer(text) if "年代" in text else ():
        if _claimed(taken, m.start(), m.end()):
            continue
        dec = int(m.group("dec"))
        cent = int(m.group("c")) - 1 if m.group("c") else (19 if dec >= 20 else 20)
        add(DateMatch(m.start(), m.end(), m.group(), f"{cent:02d}{dec // 10}X", "date.decade", 0.85))
    for m in _CENTURY_RE.finditer(text) if "世纪" in text else ():
        if not _claimed(taken, m.start(), m.end()):
            add(DateMatch(m.start(), m.end(), m.group(), f"{int(m.group('c')) - 1:02d}XX", "date.century", 0.85))
    for m in _QUARTER_RE.finditer(text) if ("季度" in text or "半年" in text) else ():
        if _claimed(taken, m.start(), m.end()):
            continue
        y = m.group("y") or "XXXX"
        if m.group("half"):
            add(DateMatch(m.start(), m.end(), m.group(), f"{y}-H{1 if m.group('half') == '上' else 2}", "date.half", 0.85))
        elif m.group("qn"):
            add(DateMatch(m.start(), m.end(), m.group(), f"{y}-Q1", "date.quarters", 0.85,
                          end_value=f"{y}-Q{_num(m.group('qn'))}"))
        else:
            add(DateMatch(m.start(), m.end(), m.group(), f"{y}-Q{_num(m.group('q'))}", "date.quarter", 0.85))

    last_explicit: tuple[int | None, int, int] | None = None  # (year, month, day) for 当天/是日
    pos = 0
    n = len(text) if _DATE_START_NEEDS.search(text) else 0  # 0: no date can start anywhere, nothing to scan
    date_first = _DATE_START_RE.search
    date_at = _DATE_RE.match
    while pos < n:
        c = date_first(text, pos)
        if c is None:
            break
        m = date_at(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        pos = m.end() if m.end() > m.start() else m.start() + 1
        s, e = m.start(), m.end()
        g = m.groupdict()
        if e == s or _claimed(taken, s, e):
            continue
        if not (g["rel"] or g["y"] or g["m"] or g["d"]):
            continue  # a bare time: handled below
        if g["y"] and g["d"] and not g["m"]:
            continue
        if s and text[s - 1] in "0123456789０-９.第" and not g["rel"]:
            continue  # 123日: part of a longer number; 第3日: ordinal
        if g["rel"] is None and g["y"] is None and g["m"] is None:
            if g["d"] and not g["d"][0].isdigit():
                continue  # 一日, 十日 alone: more often a count than a date
        if g["y"] and g["y"].isdigit() and not 1000 <= int(g["y"]) <= 2099:
            continue
        if g["y"] and s and _DURATION_BEFORE.search(text[max(0, s - 2):s]):
            continue  # 近2000年: a duration
        y, mo, d = _year(g["y"]), _num(g["m"]), _num(g["d"])
        if not _valid(mo, d):
            continue
        hs = g.get("hs")
        if hs == "点" and not (g.get("p") or g.get("mi") or g.get("half")):
            # 10点 alone is too often a count of points; keep the date without the time
            e = m.start("h")
            g = {k: None for k in ("h", "h2", "mi", "mi2", "half", "p")} | {k: g[k] for k in ("rel", "y", "m", "d")}
            if e <= s:
                continue
        t, ok = _time(g)
        if not ok:
            continue
        mod = _MOD_RE.match(text, e)  # at e, never text[e:] (a copy of the rest of the text per date)
        if mod and mod.group("mod") and t is None and not g["rel"] and (y or mo) and d is None:
            e += len(mod.group("mod"))
        rel = g["rel"]
        if rel:
            spec = _REL[rel]
            unit = spec.get("unit", "day")
            value = "XXXX" if unit == "year" else "XXXX-XX" if unit == "month" else "XXXX-XX-XX"
            resolved: str | None = None
            if spec.get("anchor") == "text" and last_explicit is not None:
                ly, lm, ld = last_explicit
                ly = ly if ly is not None else (art.year if art else None)
                base = _fmt(ly, lm, ld)
                if ly is not None:
                    try:
                        base = (dt.date(ly, lm, ld) + dt.timedelta(days=int(spec.get("offset", 0)))).isoformat()  # type: ignore[arg-type]
                    except ValueError:
                        pass
                resolved = base
            elif art is not None:
                resolved = _shift(art, spec)
            if t:
                value += t
                resolved = resolved + t if resolved else None
            add(DateMatch(s, e, text[s:e], value, "date.relative", 0.8, relative=True, resolved=resolved))
            continue
        value = _fmt(y, mo, d) + (t or "")
        end_value = None
        rule = "date.explicit" if (y or mo) else "date.day"
        r = _END_RE.match(text, e)
        if r:
            ey, em, ed = _year(r.group("y")), _num(r.group("m")), _num(r.group("d"))
            # the end must not be more precise than the start at the top (12日至1月: no)
            if _valid(em, ed) and (ey or em or ed) and not (ey and not y) and not (em and not (mo or y)):
                ey2 = ey if ey is not None else y
                em2 = em if em is not None else mo
                if ed is not None or em is not None or ey is not None:
                    end_value = _fmt(ey2, em2, ed if ed is not None else None)
                    e = r.end()
                    rule = "date.range"
        if d is not None and mo is not None:
            last_explicit = (y, mo, d)
        resolved = None
        if y is None and art is not None and mo is not None:
            resolved = _fmt(art.year, mo, d) + (t or "")  # the year comes from the article, never into value
        conf = 0.95 if (y or mo) else 0.7
        add(DateMatch(s, e, text[s:e], value, rule, conf, end_value=end_value, resolved=resolved))
    # times of day with no date before them (上午10时15分, 10:30)
    for m in _TIME_ONLY_RE.finditer(text) if _TIME_NEEDS.search(text) else ():
        s, e = m.start(), m.end()
        if _claimed(taken, s, e) or (s and _AFTER_DIGIT.match(text[s - 1])):
            continue
        g = m.groupdict()
        if g.get("hs") == "点" and not (g.get("p") or g.get("mi") or g.get("half")):
            continue
        if g.get("hs") == "时" and not (g.get("p") or g.get("mi")) and not (g["h"] or "").isdigit():
            continue  # 一时, 十时: words, not clock times
        if e < len(text) and text[e] in "间候期代刻":
            continue  # 时间, 时候, 时期, 时代
        t, ok = _time(g)
        if not ok or t is None:
            continue
        add(DateMatch(s, e, text[s:e], "XXXX-XX-XX" + t, "date.time", 0.8))
    out.sort(key=lambda d: d.start)
    return out
