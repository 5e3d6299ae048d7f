"""Find and read numerals: Arabic, full-width, Chinese, financial and mixed (1.5万, 3万4000).

Our own parser, not cn2an, because cn2an drops minus signs, rejects 十多万 / 两三千 / 一点五亿 /
4.78万亿 and reads 七八 as 78; it is also ~30 µs a call. cn2an's ``an2cn`` is used in the tests as an
independent writer of numerals that this parser must read back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteers.quantities import load

_DATA = load()
_NUM = _DATA.numerals
_DIGITS = {c: v for c, (v, t) in _NUM.items() if t in ("digit", "zero")}
_SMALL = {c: v for c, (v, t) in _NUM.items() if t == "small"}
_BIG = {c: v for c, (v, t) in _NUM.items() if t == "big"}
_ZERO = {c for c, (_, t) in _NUM.items() if t == "zero"}

_FW = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")
CN_CHARS = "".join(c for c in _NUM if c != "兆")  # 兆 stays out of spans: 兆瓦 is a unit
_CN_DIGIT_CHARS = "".join(_DIGITS)
_UNIT_CHARS = "".join(c for c in list(_SMALL) + list(_BIG) if c != "兆")

ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
# A numeral run: digits, Chinese numerals, a decimal 点 between digits, and 多/余/几/来 inside
# (十多万, 3000余万) only when a multiplier follows.
NUMERAL = (
    rf"(?:{ARABIC}|[{CN_CHARS}])"
    rf"(?:{ARABIC}|[{CN_CHARS}]|点(?=[0-9{_CN_DIGIT_CHARS}])|[多余几来](?=[{_UNIT_CHARS}]))*"
)
NUMERAL_RE = re.compile(NUMERAL)
_ARABIC_FULL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_TOKEN = re.compile(rf"[0-9]+(?:\.[0-9]+)?|点[{_CN_DIGIT_CHARS}]+|[{''.join(_NUM)}]")
_INNER_APPROX = re.compile(r"[多余几来]")
_SIGN = ("负", "-", "−", "－")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A numeral as found in text; ``value`` is None for ranges (两三千), which carry low/high."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approx: str | None = None  # 多/余/几/来 written inside the numeral


def _clean(s: str) -> str:
    return s.translate(_FW).replace(",", "").replace(" ", "").replace("\u3000", "")


def _cn_run(s: str) -> bool:
    return bool(s) and all(c in _DIGITS for c in s)


def _parse_core(s: str) -> float | None:
    """Unsigned numeral without approximation marks; None when it is not well formed."""
    if not s:
        return None
    if _ARABIC_FULL.fullmatch(s):
        return float(s)
    if _cn_run(s):
        if len(s) == 1:
            return _DIGITS[s]
        if len(s) == 2 and not (set(s) & _ZERO):
            return None  # 七八, 三五: a range or a name, never 78
        return float("".join(str(int(_DIGITS[c])) for c in s))  # 二〇二三, 一九九七
    total = 0.0
    section = 0.0
    cur: float | None = None
    cur_cn_digit = False
    last_unit = 0.0
    last_small = 0.0
    decimals = False
    pos = 0
    for m in _TOKEN.finditer(s):
        if m.start() != pos:
            return None
        pos = m.end()
        tok = m.group()
        if tok[0] == "点":
            if cur is None and section == 0 and total == 0 and m.start() > 0:
                cur = 0.0  # 零点五
            if cur is None or decimals:
                return None
            cur = float(f"{int(cur)}." + "".join(str(int(_DIGITS[c])) for c in tok[1:]))
            decimals = True
            cur_cn_digit = False
        elif tok[0].isdigit():
            if cur is not None:
                return None
            cur = float(tok)
            cur_cn_digit = False
            decimals = "." in tok
        elif tok in _ZERO:
            if cur is not None:
                return None
            last_unit = 0.0
        elif tok in _DIGITS:
            if cur is not None:
                return None
            cur = _DIGITS[tok]
            cur_cn_digit = True
        elif tok in _SMALL:
            u = _SMALL[tok]
            if last_small and u >= last_small:
                return None  # 十百, 百百: units must fall
            section += (1.0 if cur is None else cur) * u
            cur = None
            last_unit = last_small = u
            decimals = False
        elif tok in _BIG:
            u = _BIG[tok]
            sec = section + (cur or 0.0)
            if sec == 0:
                if total == 0:
                    return None  # 万, 亿 alone
                total *= u
            elif total == 0 or total >= u:
                total += sec * u
            else:
                total = (total + sec) * u
            section = 0.0
            cur = None
            last_unit = u
            last_small = 0.0
            decimals = False
        else:
            return None
    if pos != len(s):
        return None
    if cur is not None and cur_cn_digit and last_unit >= 100:
        cur *= last_unit / 10  # 两千六 = 2600, 三万五 = 35000, 百三 = 130
    return total + section + (cur or 0.0)


def _split_sign(s: str) -> tuple[float, str]:
    for sign in _SIGN:
        if s.startswith(sign):
            return -1.0, s[len(sign):]
    return 1.0, s


def parse_number(s: str) -> float | None:
    """Read one numeral (二十, 两千六, 一点五亿, 负1.1, 1,200万, １９９７); None if it is not one number.

    Inner approximations read as their base (十多万 -> 100000); ranges (两三千, 七八) give None: use
    ``parse_range``.
    """
    try:
        sign, body = _split_sign(_clean(s))
        body = _INNER_APPROX.sub("", body) if len(body) > 1 else body
        value = _parse_core(body)
        return None if value is None else sign * value
    except (ValueError, OverflowError, KeyError):
        return None


def _adjacent_pair(s: str) -> int:
    """Index of a pair of Chinese digits written side by side as a range (两三, 七八, 三五), or -1."""
    for i in range(len(s) - 1):
        a, b = s[i], s[i + 1]
        if a in _DIGITS and b in _DIGITS and a not in _ZERO and b not in _ZERO:
            da, db = _DIGITS[a], _DIGITS[b]
            before = s[i - 1] if i else ""
            after = s[i + 2] if i + 2 < len(s) else ""
            if before in _DIGITS or after in _DIGITS:
                return -1  # 一九九七: a digit string
            if 0 < db - da <= 2:
                return i
    return -1


def parse_range(s: str) -> tuple[float, float] | None:
    """Read a range written in one numeral: 两三千 (2000, 3000), 二三十 (20, 30), 十七八 (17, 18)."""
    try:
        sign, body = _split_sign(_clean(s))
        body = _INNER_APPROX.sub("", body) if len(body) > 1 else body
        i = _adjacent_pair(body)
        if i < 0 or sign < 0:
            return None
        low = _parse_core(body[:i] + body[i] + body[i + 2:])
        high = _parse_core(body[:i] + body[i + 1] + body[i + 2:])
        if low is None or high is None or low >= high:
            return None
        return low, high
    except (ValueError, OverflowError, KeyError):
        return None


def read_numeral(text: str, start: int, end: int) -> Numeral | None:
    """Resolve text[start:end] as one number or a one-numeral range."""
    s = text[start:end]
    inner = _INNER_APPROX.search(s[1:]) if len(s) > 1 else None
    approx = inner.group() if inner else None
    value = parse_number(s)
    if value is not None:
        return Numeral(start, end, s, value, approx=approx)
    rng = parse_range(s)
    if rng is not None:
        return Numeral(start, end, s, None, rng[0], rng[1], approx=approx)
    return None


def big_suffix(s: str) -> float:
    """The multiplier a numeral ends with (5-10万: 万 applies to 5 too); 1 if none."""
    mult = 1.0
    for c in reversed(s):
        if c in _BIG:
            mult *= _BIG[c]
        else:
            break
    return mult


def find_numbers(text: str) -> list[Numeral]:
    """Every numeral in text that reads as a number or range, with a leading minus when written.

    No filtering of words like 一些 or 统一: that is the quantity extractor's job (it needs a unit).
    """
    out: list[Numeral] = []
    try:
        for m in NUMERAL_RE.finditer(text):
            start, end = m.start(), m.end()
            # trim inner approximation marks left dangling at the end (十多 before a non-unit)
            while end > start + 1 and text[end - 1] in "多余几来点":
                end -= 1
            if start > 0 and text[start - 1] == "负":
                start -= 1
            elif start > 0 and text[start - 1] in "-−－" and (start < 2 or not text[start - 2].isdigit()):
                if start < 2 or text[start - 2] not in CN_CHARS:
                    start -= 1
            num = read_numeral(text, start, end)
            if num is not None:
                out.append(num)
    except Exception:  # never raise on odd input: an extractor returns what it could read
        return out
    return out
