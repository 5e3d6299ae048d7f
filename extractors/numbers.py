"""Find and read numerals: Arabic, full-width, Chinese, financial and mixed (1.5万, 3万4000).

Our own parser, not cn2an, because cn2an drops minus signs, rejects 十多万 / 两三千 / 一点五亿 /
4.78万亿 and reads 七八 as 78; it is also ~30 µs a call. cn2an's ``an2cn`` is used in the tests as an
independent writer of numerals that this parser must read back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from zhnews.gazetteers.quantities import load

_DATA = load()
_NUM = _DATA.numerals
_DIGITS = {c: v for c, (v, t) in _NUM.items() if t in ("digit", "zero")}
_SMALL = {c: v for c, (v, t) in _NUM.items() if t == "small"}
_BIG = {c: v for c, (v, t) in _NUM.items() if t == "big"}
_ZERO = {c for c, (_, t) in _NUM.items() if t == "zero"}
_COLLECTIVES = _DATA.collectives  # 打 12, 双 2, 对 2 (collectives.tsv)

_FW = str.maketrans("０１２３４５６７８９．，－％點負幾ｋＫ＋", "0123456789.,-%点负几kK+")
CN_CHARS = "".join(c for c in _NUM if c != "兆")  # 兆 stays out of spans: 兆瓦 is a unit
_CN_DIGIT_CHARS = "".join(_DIGITS)
# Digits that may follow a decimal point: 两/俩 never do (一点两小时 is 一 and 两, not 1.2).
_DECIMAL_DIGITS = "".join(c for c in _DIGITS if c not in "两兩俩倆")
_POINT = "点點"
_APPROX_CHARS = "多余几幾来"
_UNIT_CHARS = "".join(c for c in list(_SMALL) + list(_BIG) if c != "兆")

# Thousands separators: an ASCII comma, or a full-width one between full-width digits (１，２３４).
ARABIC = (
    r"[0-9０-９]+(?:,[0-9０-９]{3}(?![0-9０-９])|(?<=[０-９])，[０-９]{3}(?![0-9０-９]))*"
    r"(?:[.．][0-9０-９]+)?"
)
# What may follow an Arabic numeral: an exponent (2e5, 12.32e+14, ２.７８９０e－１), a power (2^5,
# 2.5^-1) or a k / M multiplier (40k, 2.5M). Not before a letter (50kvA, 3e8f), not M before a slash
# (48M/S is a rate), and an upper-case K or M never after a lone digit: 4K, 8K and 3M are names.
ARABIC_SUFFIX = (
    r"(?:[eE][-+－]?[0-9０-９]+(?![0-9０-９A-Za-z.．])"
    r"|\^[-+－]*[0-9０-９]+(?:[.．][0-9０-９]+)?(?![0-9０-９A-Za-z])"
    r"|(?:[kｋ]|(?<=[0-9０-９.．][0-9０-９])[KＫM])(?![A-Za-z/／]))"
)
ARABIC_X = rf"{ARABIC}{ARABIC_SUFFIX}?"
# A numeral run: digits, Chinese numerals, a decimal 点 between digits, and 多/余/几/来 inside
# (十多万, 3000余万) only when a multiplier follows. 兆 (10^12) only inside, before another numeral
# (五兆六十二亿), never before a unit (兆瓦, 兆赫). A leading decimal point (.5) only after no digit,
# letter or dot; 半百 (50) as a whole.
NUMERAL = (
    rf"(?=[0-9０-９.．半{CN_CHARS}])"  # most positions fail here, at once
    rf"(?:{ARABIC_X}|[.．](?<![0-9０-９A-Za-z.．][.．])(?=[0-9０-９])|半百|[{CN_CHARS}])"
    rf"(?:{ARABIC_X}|[{CN_CHARS}]|[{_POINT}](?=[{_DECIMAL_DIGITS}])|[{_APPROX_CHARS}](?=[{_UNIT_CHARS}])"
    rf"|兆(?=[{_CN_DIGIT_CHARS}]))*"
)
NUMERAL_RE = re.compile(NUMERAL)
_ARABIC_FULL = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")
# 2e5, 2^-1, 1.1^--23 (two minus signs cancel), 40k, 2.5M: read before the Chinese parser.
_ARABIC_SUFFIXED = re.compile(
    r"(?P<m>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
    r"(?:[eE](?P<e>[-+]?[0-9]+)|\^(?P<ps>[-+]*)(?P<p>[0-9]+(?:\.[0-9]+)?)|(?P<k>[kKM]))"
)
_SUFFIX_MULT = {"k": 1e3, "K": 1e3, "M": 1e6}
_TOKEN = re.compile(rf"[0-9]+(?:\.[0-9]+)?|点[{_DECIMAL_DIGITS}]+|[{''.join(_NUM)}]")
_INNER_APPROX = re.compile(r"[多余几幾来]")
_ARABIC_INT = re.compile(r"[0-9０-９]+")
_SIGN = ("负", "-", "−", "－")
_SIGN_CHARS = "负負-−－"


# Spaces inside a numeral (一百 五 十 二, 7 万5 千4 百, 百 分之 五, 三分  之一) are closed up before
# reading, but only between numeral characters and never between two digits (2019 2020, 七 八 stay
# apart): see ``close_spaces``.
_NUMERALISH = CN_CHARS + "兆点點多余几幾来分之又个個成折负負0123456789０１２３４５６７８９kKＫM"
_DIGITISH = frozenset(_CN_DIGIT_CHARS + "0123456789０１２３４５６７８９")
_NUMERALISH_SET = frozenset(_NUMERALISH)
_SPACE_RUN_RE = re.compile(r"[ \t\u3000\u00a0]+")


def close_spaces(text: str) -> tuple[str, list[int]] | None:
    """Text with the spaces inside numerals removed and, for each of its characters, the index it had
    in ``text`` (plus ``len(text)`` at the end); None when there is nothing to close (the usual case)."""
    if " " not in text and "\u3000" not in text and "\t" not in text and "\u00a0" not in text:
        return None
    cuts = []
    n = len(text)
    for m in _SPACE_RUN_RE.finditer(text):
        a, b = m.span()
        if 0 < a and b < n:
            before, after = text[a - 1], text[b]
            if before in _NUMERALISH_SET and after in _NUMERALISH_SET and not (
                    before in _DIGITISH and after in _DIGITISH):
                cuts.append((a, b))
    if not cuts:
        return None
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for a, b in cuts:
        parts.append(text[pos:a])
        index.extend(range(pos, a))
        pos = b
    parts.append(text[pos:])
    index.extend(range(pos, len(text) + 1))
    return "".join(parts), index


# Not frozen, though no code changes a Numeral: a frozen dataclass sets each field through object.__setattr__
# (~2 µs a Numeral against ~0.3 µs), and span-dense text reads 400,000 numerals a MB (issue 18, 1至21至2…).
# unsafe_hash keeps the hash a frozen one had (from the fields).
@dataclass(slots=True, unsafe_hash=True)
class Numeral:
    """A numeral as found in text; ``value`` is None for ranges (两三千), which carry low/high. Read-only
    by convention (see above)."""

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
    if s == "半百":
        return 50.0
    suffixed = _ARABIC_SUFFIXED.fullmatch(s)
    if suffixed:
        base = float(suffixed["m"])
        if suffixed["e"] is not None:
            return float(f"{suffixed['m']}e{suffixed['e']}")
        if suffixed["p"] is not None:
            exp = float(suffixed["p"]) * (-1 if suffixed["ps"].count("-") % 2 else 1)
            return base ** exp
        if suffixed["k"] != "k" and len(suffixed["m"]) == 1:
            return None  # 4K, 8K, 3M: names, not 4000 (as in ARABIC_SUFFIX)
        return base * _SUFFIX_MULT[suffixed["k"]]
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
            if decimals or (m.start() == 0):
                return None
            if cur is not None and cur_cn_digit and last_unit >= 100:
                cur *= last_unit / 10  # 两千三点一 = 2300.1, 一千六点五 = 1600.5
            base = section + (cur or 0.0)  # 十点二三三, 两千点零; 零点五 has base 0
            if base != int(base):
                return None
            frac = "".join(c if c.isdigit() else str(int(_DIGITS[c])) for c in tok[1:])
            cur = float(f"{int(base)}.{frac}")
            section = 0.0
            last_small = 0.0
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


def _parse_number(s: str) -> float | None:
    """Read one numeral (二十, 两千六, 一点五亿, 负1.1, 1,200万, １９９７); None if it is not one number.

    Inner approximations read as their base (十多万 -> 100000); ranges (两三千, 七八) give None: use
    ``parse_range``. Also read: spaces between numeral characters (一百 五 十), 2e5, 2^-1, 40k, 2.5M,
    .5, 半百, 兆 (10^12), and a collective measure word at the end (一打 = 12, 三双 = 6, 一百对 = 200).
    """
    try:
        sign, body = _split_sign(_clean(s))
        body = _INNER_APPROX.sub("", body) if len(body) > 1 else body
        mult = 1.0
        if len(body) > 1 and body[-1] in _COLLECTIVES:
            mult = _COLLECTIVES[body[-1]]  # 一打 = 12, 三双 = 6
            body = body[:-1]
        value = _parse_core(body)
        return None if value is None else sign * value * mult
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


def _parse_range(s: str) -> tuple[float, float] | None:
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


_CACHED_LEN = 24  # numerals repeat (12, 2019, 3000万): short ones are read once; a cache never holds long runs
_parse_number_cached = lru_cache(maxsize=8192)(_parse_number)
_parse_range_cached = lru_cache(maxsize=2048)(_parse_range)


def parse_number(s: str) -> float | None:
    """Read one numeral (二十, 两千六, 一点五亿, 负1.1, 1,200万, １９９７); None if it is not one number.

    See ``_parse_number``; short numerals are cached (a value is a float or None, nothing mutable)."""
    return _parse_number_cached(s) if len(s) <= _CACHED_LEN else _parse_number(s)


def parse_range(s: str) -> tuple[float, float] | None:
    """Read a range written in one numeral: 两三千 (2000, 3000), 二三十 (20, 30), 十七八 (17, 18)."""
    return _parse_range_cached(s) if len(s) <= _CACHED_LEN else _parse_range(s)


def _reading(s: str) -> tuple[float | None, float | None, float | None, str | None] | None:
    """(value, low, high, approx) of one numeral as written; None when it reads as no number or range."""
    inner = _INNER_APPROX.search(s, 1) if len(s) > 1 else None
    approx = inner.group() if inner else None
    value = parse_number(s)
    if value is not None:
        return value, None, None, approx
    rng = parse_range(s)
    if rng is not None:
        return None, rng[0], rng[1], approx
    return None


# One cached reading per numeral text (a tuple: nothing mutable): span-dense text reads the same few
# numerals again and again (issue 18), and each read was a regex search, two cache calls and a branch.
_reading_cached = lru_cache(maxsize=8192)(_reading)


def read_numeral(text: str, start: int, end: int) -> Numeral | None:
    """Resolve text[start:end] as one number or a one-numeral range."""
    s = text[start:end]
    r = _reading_cached(s) if len(s) <= _CACHED_LEN else _reading(s)
    return None if r is None else Numeral(start, end, s, *r)


def big_suffix(s: str) -> float:
    """The multiplier a numeral ends with (5-10万: 万 applies to 5 too); 1 if none."""
    if s[-1:] not in _BIG:
        return 1.0  # most numerals (and both ends of every range read): no loop
    mult = 1.0
    for c in reversed(s):
        if c in _BIG:
            mult *= _BIG[c]
        else:
            break
    return mult


_LONE_OK_AFTER = frozenset(_APPROX_CHARS) | frozenset("至到-—–~～－分")
_UNIT_START_RE = re.compile("|".join(re.escape(u) for u in sorted(_DATA.units, key=len, reverse=True)))
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_word_part(text: str, num: Numeral) -> bool:
    """A lone Chinese numeral glued to a following character that is no unit: 一切, 四川, 陆地, 一看."""
    if len(num.text) != 1 or num.text not in CN_CHARS or num.end >= len(text):
        return False
    nxt = text[num.end]
    if not _CJK.match(nxt) or nxt in _LONE_OK_AFTER or nxt in CN_CHARS:
        return False
    return _UNIT_START_RE.match(text, num.end) is None


def _fraction(text: str, den: Numeral, num: Numeral) -> Numeral | None:
    """den 分之 num (三分之一, 负３分之负一百五十七) or den/num written with a slash (1/2, ３／５)."""
    if den.value is None or num.value is None or den.value == 0:
        return None
    return Numeral(den.start, num.end, text[den.start:num.end], num.value / den.value)


def _merge_fractions(text: str, nums: list[Numeral]) -> list[Numeral]:
    out: list[Numeral] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        b = nums[i + 1] if i + 1 < len(nums) else None
        frac = None
        if b is not None:
            gap = text[a.end:b.start]
            if gap == "分之":
                frac = _fraction(text, a, b)
            elif gap in ("/", "／") and _ARABIC_INT.fullmatch(a.text.lstrip("-−－负")) and _ARABIC_INT.fullmatch(b.text) \
                    and not text[max(0, a.start - 1):a.start] in ("/", "／", ".") \
                    and not text[b.end:b.end + 1] in ("/", "／", "."):
                frac = _fraction(text, b, a)
                if frac is not None:
                    frac = Numeral(a.start, b.end, text[a.start:b.end], a.value / b.value)
        if frac is not None:
            # 一又二分之一, 3又一千分之23: a whole number and a fraction joined by 又
            prev = out[-1] if out else None
            if prev is not None and prev.value is not None and text[prev.end:frac.start] == "又" and frac.value >= 0:
                whole = prev.value
                value = whole - frac.value if whole < 0 or text[prev.start] in _SIGN_CHARS else whole + frac.value
                out[-1] = Numeral(prev.start, frac.end, text[prev.start:frac.end], value)
            else:
                out.append(frac)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_COLLECTIVE_WORDS = _DATA.collective_words
_TO_SIMPLIFIED = str.maketrans("雙對", "双对")
# After 一对 / 三对 these make it "one to one", "three against three" (一对一, 一对多), not pairs.
_VERSUS_NEXT = frozenset(CN_CHARS + "0123456789０１２３４５６７８９多少几幾")
_CHAIN_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+){2,}")


def _collective(text: str, num: Numeral) -> Numeral:
    """一打 = 12, 三双 = 6, 一百对 = 200: the measure word right after a numeral multiplies it, unless
    it begins a word (一打造, 统一对外, 一双手: collective_words.tsv) or a numeral follows (一对一)."""
    if num.value is None or num.end >= len(text) or text[num.end] not in _COLLECTIVES:
        return num
    word = text[num.end:num.end + 2].translate(_TO_SIMPLIFIED)
    nxt = text[num.end + 1:num.end + 2]
    if nxt and (nxt in _VERSUS_NEXT or word in _COLLECTIVE_WORDS):
        return num
    end = num.end + 1
    return Numeral(num.start, end, text[num.start:end], num.value * _COLLECTIVES[text[num.end]], approx=num.approx)


def _mixed_fraction(text: str, nums: list[Numeral]) -> list[Numeral]:
    """1 3/5 = 1.6: an Arabic whole number, one space, then a fraction written with a slash."""
    out: list[Numeral] = []
    for n in nums:
        prev = out[-1] if out else None
        if (prev is not None and n.value is not None and prev.value is not None and "/" in n.text.replace("／", "/")
                and text[prev.end:n.start] == " " and _ARABIC_INT.fullmatch(prev.text)
                and _ARABIC_INT.fullmatch(n.text.replace("／", "/").split("/")[0])):
            out[-1] = Numeral(prev.start, n.end, text[prev.start:n.end], prev.value + n.value)
            continue
        out.append(n)
    return out


def find_numbers(text: str, *, skip_words: bool = False) -> list[Numeral]:
    """Every numeral in text that reads as a number or range, with a leading minus when written.

    Fractions are one number: 三分之一 = 1/3, 一又二分之一 = 1.5, 1/2 = 0.5, 1 3/5 = 1.6. Spaces between
    numeral characters are read through (一百 五 十 二 = 152; the span keeps them). Collective measure
    words multiply (一打 = 12, 三双 = 6); dotted digit strings are their parts (2222.22.2 -> 2222, 22, 2).
    By default no filtering of words like 一些 or 统一: that is the quantity extractor's job (it needs a
    unit); ``skip_words`` drops a lone Chinese numeral glued to a character that is no unit (一切, 四川,
    陆地, 一看).
    """
    packed = close_spaces(text)
    if packed is None:
        return _find_numbers(text, skip_words)
    closed, index = packed
    out = []
    for n in _find_numbers(closed, skip_words):
        s, e = index[n.start], index[n.end - 1] + 1
        out.append(Numeral(s, e, text[s:e], n.value, n.low, n.high, n.approx))
    return out


def _find_numbers(text: str, skip_words: bool) -> list[Numeral]:
    out: list[Numeral] = []
    try:
        skip_to = 0
        for m in NUMERAL_RE.finditer(text):
            start, end = m.start(), m.end()
            if start < skip_to:
                continue
            if text[end:end + 1] in (".", "．") and (m.group().count(".") or m.group().count("．")):
                chain = _CHAIN_RE.match(text, start)
                if chain:  # 2222.2222.22222: a dotted string of digits, each part its own number
                    for part in re.finditer(r"[0-9０-９]+", chain.group()):
                        ps, pe = start + part.start(), start + part.end()
                        out.append(Numeral(ps, pe, text[ps:pe], float(_clean(part.group()))))
                    skip_to = chain.end()
                    continue
            # trim inner approximation marks left dangling at the end (十多 before a non-unit)
            while end > start + 1 and text[end - 1] in "多余几幾来点點":
                end -= 1
            if start > 0 and text[start - 1] in "负負":
                start -= 1
            elif start > 0 and text[start - 1] in "-−－" and (start < 2 or not text[start - 2].isdigit()):
                if start < 2 or text[start - 2] not in CN_CHARS + "-−－":
                    start -= 1
            num = read_numeral(text, start, end)
            if num is not None:
                out.append(_collective(text, num))
        out = _merge_fractions(text, out)
        out = _mixed_fraction(text, out)
        if skip_words:
            out = [n for n in out if not _is_word_part(text, n)]
    except Exception:  # never raise on odd input: an extractor returns what it could read
        return out
    return out
