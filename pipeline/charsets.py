"""Which legacy encoding a non-UTF-8 file is in: Chinese (GB18030, Big5), or Japanese and Korean to refuse.

GB18030 and Big5 each decode almost any byte string, so "it decodes" proves nothing: the reading we keep
is the one whose letters are mostly common Chinese characters (the 1,000 most frequent: ~88% of the sample
page's letters, at least 67% in every corpus example, under 35% in every wrong reading we measured).
Japanese and Korean are told by their own scripts (kana, hangul), which a Chinese file read in their
encodings does not produce.
"""

from __future__ import annotations

import codecs
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from zhnews.pipeline.normalise import simplified_for_matching, to_halfwidth

COMMON_CHARS = 1000  # how many of the most frequent characters count as common
COMMON_SHARE = 0.5  # a Chinese reading has at least this share of common characters among its letters
JUDGE_LETTERS = 20  # with fewer letters a text is too short to refuse as not Chinese
REPAIR_PENALTY = 0.25  # a repaired reading must beat a clean one by this much of the common share
REPAIRABLE = 20  # at most one byte in 20 invalid (and replaced); more is not this encoding
SAMPLE_CHARS = 20000

# (name recorded, Python codec) in the order tried; Big5-HKSCS is a superset of Big5, CP950 of Big5 too
GB_CODECS: tuple[tuple[str, str], ...] = (("gb18030", "gb18030"),)
BIG5_CODECS: tuple[tuple[str, str], ...] = (("big5", "big5"), ("cp950", "cp950"), ("big5-hkscs", "big5hkscs"))
FOREIGN_CODECS: tuple[tuple[str, str, str], ...] = (
    ("shift_jis", "cp932", "Japanese"), ("euc-jp", "euc_jp", "Japanese"), ("euc-kr", "euc_kr", "Korean"),
)
# charset-normalizer's names for the same families, when it is the one that recognises them
FOREIGN_DETECTED = {
    "cp932": "Japanese", "shift_jis": "Japanese", "shift_jis_2004": "Japanese", "shift_jisx0213": "Japanese",
    "euc_jp": "Japanese", "euc_jis_2004": "Japanese", "euc_jisx0213": "Japanese", "iso2022_jp": "Japanese",
    "iso2022_jp_1": "Japanese", "iso2022_jp_2": "Japanese", "iso2022_jp_3": "Japanese", "iso2022_jp_ext": "Japanese",
    "cp949": "Korean", "euc_kr": "Korean", "johab": "Korean", "iso2022_kr": "Korean",
}
# 7-bit encodings pass as UTF-8 (they are ASCII); their escape sequences give them away
ISO2022_ESCAPES: tuple[tuple[str, str, str], ...] = (
    ("\x1b$B", "iso-2022-jp", "Japanese"), ("\x1b$@", "iso-2022-jp", "Japanese"),
    ("\x1b$(D", "iso-2022-jp", "Japanese"), ("\x1b$)C", "iso-2022-kr", "Korean"),
)


@dataclass(frozen=True, slots=True)
class Reading:
    """The bytes decoded with one codec, invalid sequences replaced by U+FFFD."""

    encoding: str
    text: str
    bad: int  # invalid bytes replaced
    first_bad: int | None  # byte offset of the first one

    @property
    def label(self) -> str:
        """What the record's source.encoding says: the codec, and the repair when there was one."""
        if not self.bad:
            return self.encoding
        return f"{self.encoding} (repaired: {self.bad} invalid bytes replaced, first at byte {self.first_bad})"


class _TooManyBad(Exception):
    pass


_TALLY = threading.local()


def _replace_counting(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+FFFD for each invalid sequence, noting where; stops past the limit."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    spans = _TALLY.spans
    spans.append((exc.start, exc.end))
    if len(spans) > _TALLY.limit:
        raise _TooManyBad
    return "\ufffd", max(exc.end, exc.start + 1)


codecs.register_error("zhnews.replace-counting", _replace_counting)


def decode_replacing(data: bytes, codec: str, max_bad: int) -> tuple[str | None, int, int | None]:
    """(text, bad bytes, first bad offset); text is None once more than max_bad bytes are bad.

    One pass in the codec's C loop (an error handler counts), linear in the bytes however many are bad.
    """
    _TALLY.spans, _TALLY.limit = [], max_bad
    try:
        text: str | None = data.decode(codec, errors="zhnews.replace-counting")
    except _TooManyBad:
        text = None
    spans, _TALLY.spans = _TALLY.spans, []
    bad = sum(max(end, start + 1) - start for start, end in spans)
    if bad > max_bad:
        text = None
    return text, bad, spans[0][0] if spans else None


def max_bad(data: bytes) -> int:
    return max(3, len(data) // REPAIRABLE)


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The most frequent Chinese characters, counted over the words of jieba's dictionary by their frequency."""
    from collections import Counter

    from zhnews.gazetteers.jieba_dict import jieba_entries

    counts: Counter[str] = Counter()
    for word, freq, _tag in jieba_entries():
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                counts[ch] += freq
    return frozenset(ch for ch, _ in counts.most_common(COMMON_CHARS))


def letters(text: str) -> list[str]:
    """Non-ASCII characters that are not punctuation or spaces: Han, kana, hangul, symbols, U+FFFD, ...

    Full-width digits and letters are mapped to ASCII first, and Traditional characters to Simplified,
    so a Big5 reading is judged by the same list as a GB one.
    """
    sample = simplified_for_matching(to_halfwidth(text[:SAMPLE_CHARS]))
    return [ch for ch in sample if ord(ch) > 0x7F and _is_letter(unicodedata.category(ch))]


def _is_letter(category: str) -> bool:
    """Letters, numbers and symbols count (U+FFFD is a symbol), and private-use characters, which GB18030
    gives for Big5 bytes; punctuation, spaces and controls do not."""
    return category[0] not in "PZC" or category == "Co"


def common_share(text: str) -> tuple[float, int]:
    """(share of common Chinese characters among the letters, number of letters)."""
    found = letters(text)
    if not found:
        return 0.0, 0
    common = common_chars()
    return sum(ch in common for ch in found) / len(found), len(found)


def chinese_readings(data: bytes) -> list[Reading]:
    """The GB18030 reading and the best Big5 reading that decode with few enough bad bytes."""
    readings = []
    for family in (GB_CODECS, BIG5_CODECS):
        reading = _first_reading(data, family)
        if reading is not None:
            readings.append(reading)
    return readings


def _first_reading(data: bytes, family: tuple[tuple[str, str], ...]) -> Reading | None:
    """The first codec of the family that decodes strictly; else the last (widest) one, repaired."""
    for name, codec in family:
        try:
            return Reading(name, data.decode(codec), 0, None)
        except UnicodeDecodeError:
            continue
    name, codec = family[-1]
    text, bad, first = decode_replacing(data, codec, max_bad(data))
    return None if text is None else Reading(name, text, bad, first)


def best_chinese(readings: list[Reading]) -> Reading | None:
    """The reading that is Chinese text, or None when none is.

    The reading with most common characters wins (GB vs Big5 is decided here), a repaired one only
    by a clear margin (REPAIR_PENALTY); on a tie the one with fewer bad bytes, then GB18030. It is
    refused only when there is enough text to judge (JUDGE_LETTERS) and still too few common
    characters: a short text is read whatever it scores.
    """
    if not readings:
        return None
    scored = [(common_share(r.text), -r.bad, -k, r) for k, r in enumerate(readings)]
    (share, n), _bad, _order, best = max(
        scored, key=lambda item: (item[0][0] - (REPAIR_PENALTY if item[1] else 0.0), item[1], item[2]))
    return None if n >= JUDGE_LETTERS and share < COMMON_SHARE else best


def foreign_language(data: bytes) -> tuple[str, str] | None:
    """(encoding, language) when the bytes are Japanese or Korean text, else None.

    Each test needs a reading with at most 0.5% bad bytes, which Big5 text never gives in these codecs
    (its trail bytes 0x40-0x7E are invalid in EUC). Japanese: a fifth of the letters are kana (Chinese
    text gives none: GB2312 keeps kana in the same rows as JIS, unused; half-width kana are not counted).
    Korean (EUC-KR): most letters hangul, few Han, and spaces between words; GB2312 text read as EUC-KR
    gives hanja for a third or more of its letters, and no spaces.
    """
    sample = data[:65536]
    for name, codec, language in FOREIGN_CODECS:
        text, _bad, _first = decode_replacing(sample, codec, len(sample) // 200)  # none in a short text
        if text is None:
            continue
        found = letters(text)
        if language == "Japanese" and len(found) >= 10 and _kana(found) >= 0.2 * len(found):
            return name, language
        if language == "Korean" and len(found) >= 10 and _hangul(found) >= 0.6 * len(found) \
                and _han(found) <= 0.1 * len(found) and text.count(" ") >= 0.1 * len(found):
            return name, language
    return None


def iso2022_language(text: str) -> tuple[str, str] | None:
    """(encoding, language) of a 7-bit ISO-2022 Japanese or Korean text that passed as UTF-8."""
    for escape, name, language in ISO2022_ESCAPES:
        if escape in text:
            return name, language
    return None


def _kana(found: list[str]) -> int:
    # the middle dot and the long-vowel mark also appear in Chinese text: not counted
    return sum("\u3041" <= ch <= "\u30fa" for ch in found)


def _hangul(found: list[str]) -> int:
    return sum("\uac00" <= ch <= "\ud7a3" for ch in found)


def _han(found: list[str]) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in found)
