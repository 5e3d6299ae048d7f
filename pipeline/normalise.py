"""Offset-preserving normalisation: every output character remembers where it came from.

Character mapping is one-to-one (full-width ASCII to ASCII, ideographic space to space), so a
span in the normalised text maps back to the decoded input with ``OffsetMap.to_source``.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from typing import Any

import numpy as np

from zhnews.extractors.char_table import CharTable

# Full-width digits, Latin letters and the symbols numbers use (％．＋－／) to ASCII, U+3000 to
# space. Chinese punctuation (，。：（）) is left as written: it is the text, not noise.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FULLWIDTH.update({ord(c): ord(c) - 0xFEE0 for c in "％．＋－／＆＠＃"})
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH[0x00A0] = 0x20
_FULLWIDTH[0xFEFF] = 0x20  # stray BOMs inside text
# Lone surrogates (JSON escapes like "\ud800" can carry them) cannot be written as UTF-8.
_FULLWIDTH.update({cp: 0xFFFD for cp in range(0xD800, 0xE000)})
_HALFWIDTH = CharTable(_FULLWIDTH)
_SPACE_RUN = re.compile(r"[ \t\u2002\u2003\u2009\u200b]{2,}|[\t\u2002\u2003\u2009\u200b]")

CONTINUATION_MARK = re.compile(
    r"[(（]\s*(?:上接|下转|下接|接|转|紧接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*[版页]\s*[)）]"
)


def to_halfwidth(text: str) -> str:
    """Same length as the input: safe to use for matching with the original offsets."""
    return _HALFWIDTH(text)


# --- Lines joined only where a word was cut ----------------------------------------------------
# A line that does not end a sentence is either cut by a column or page break (join it to the next: 职业学|院)
# or a line of its own: a sub-heading, a label, a figure (核心阅读, 1014名, 经党中央国务院批准的…). Gluing those
# made spans across the join (超过3000万 + 1014名 read as 30,001,014; ORG 河北省人民政府经党中央). A line of its own
# is short and holds no sentence punctuation (or, very short, only inside: 朱婷圆梦，榜样闪光); a cut fragment of a
# paragraph holds some (a column is wider than a clause) or ends on a comma, or the next line starts with what
# cannot start a paragraph (授予|了聘书). Two numbers on two lines are two figures, never one cut number.
STANDALONE_MAX = 64
HEADING_MAX = 24  # a two-part heading with a comma inside; a column's cut fragment is longer
_SENTENCE_MARK = re.compile(r"[，,。；;！!？?、：:]")
_GOES_ON = frozenset("，,、：:；;—-《“(（[")
_ENDS = frozenset("。！？!?…”’」』》)）；;\"'")
_NOT_INITIAL = frozenset("了的地得着过们之，,。.、；;：:！!？?）)》」』”’%％")


def stands_alone(line: str) -> bool:
    """A short line that is not half a sentence: a heading, a label or a figure."""
    if not line or line[-1] in _GOES_ON or line[-1] in _ENDS:  # half a sentence, or the end of one
        return False
    if "、" in line:  # a list, which goes on
        return False
    return len(line) <= HEADING_MAX or (len(line) <= STANDALONE_MAX and not _SENTENCE_MARK.search(line))


def continues_cut_line(line: str, next_line: str) -> bool:
    """Whether ``line`` (which does not end a sentence) was cut by a break and goes on in ``next_line``."""
    if not line or not next_line:
        return False
    if next_line[0] in _NOT_INITIAL:
        return True
    if line[-1].isdigit() and next_line[0].isdigit():
        return False
    return not stands_alone(line) and not stands_alone(next_line)


@dataclass(slots=True)
class OffsetMap:
    """Normalised offset -> source offset, one entry per normalised character."""

    offsets: array

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


_OFFSET_DTYPE = np.dtype(f"i{array('l').itemsize}")  # OffsetMap holds an array("l")


class TextBuilder:
    """Builds normalised text piece by piece while keeping the source offset of each character.

    Each piece keeps only its first source offset; the per-character offsets are made in one numpy
    step in ``build`` (speed: extending an array from a range per piece was most of an article's split)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._sources: list[int] = []  # source offset of each part's first character
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add_source(self, source: str, start: int, end: int, half: str | None = None) -> None:
        """Append source[start:end], half-width mapped, with runs of spaces collapsed to one;
        ``half``: the whole source already mapped by ``to_halfwidth`` (same length), if the caller has it."""
        piece = to_halfwidth(source[start:end]) if half is None else half[start:end]
        pos = 0
        for m in _SPACE_RUN.finditer(piece):
            self._append(piece[pos:m.start()], start + pos)
            self._append(" ", start + m.start())
            pos = m.end()
        self._append(piece[pos:], start + pos)

    def add_separator(self, char: str, source_pos: int) -> None:
        self._append(char, source_pos)

    def _append(self, text: str, source_start: int) -> None:
        if text:
            self._parts.append(text)
            self._sources.append(source_start)
            self._length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        offsets = array("l")
        if self._parts:
            lengths = np.fromiter(map(len, self._parts), dtype=np.int64, count=len(self._parts))
            firsts = np.cumsum(lengths) - lengths  # where each part starts in the text
            shift = np.repeat(np.array(self._sources, dtype=np.int64) - firsts, lengths)
            offsets.frombytes((np.arange(self._length, dtype=np.int64) + shift).astype(_OFFSET_DTYPE).tobytes())
        return "".join(self._parts), OffsetMap(offsets)


# --- Same-length transforms: they change characters, never offsets. ---------------------------

# An HTML document opens with a doctype or <html> (after an XML declaration or comments); a news text that
# merely mentions <p> or <script> is not one, and blanking it would lose the text.
_HTML_DOCUMENT = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!DOCTYPE\s+html|html)\b",
                            re.I | re.S)
# script and style elements: the opening tag, then the first closing tag of the same name. Found with two
# searches, not one ``<(script|style)\b.*?</\1\s*>``: that rescans the rest of the text from every
# unclosed <script (quadratic, issue 18). A tag never holds "<" here, so a block tag's scan stops at the next.
_HTML_DROP_OPEN = re.compile(r"<(script|style)\b", re.I)
_HTML_DROP_CLOSE = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
_HTML_BLOCK = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|table|section|article|header|footer)\b[^<>]*>", re.I)
_HTML_TAG = re.compile(r"<[^<>]{1,500}>")
_HTML_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def is_html_document(text: str) -> bool:
    """Text that is clearly a whole HTML document; files named .html are HTML whatever they start with."""
    return bool(_HTML_DOCUMENT.match(text[:5000]))


def blank_markup(text: str) -> str:
    """HTML to text of the same length: tags become spaces (block tags a newline), entities their
    character padded with spaces, script and style blanked, so every offset still points into the input."""
    import html

    def spaces(m: re.Match) -> str:
        return " " * (m.end() - m.start())

    def newline(m: re.Match) -> str:
        return "\n" + " " * (m.end() - m.start() - 1)

    def entity(m: re.Match) -> str:
        char = html.unescape(m.group(0))
        if len(char) != 1:
            return spaces(m)
        return char + " " * (m.end() - m.start() - 1)

    text = _drop_script_style(text)
    text = _HTML_BLOCK.sub(newline, text)
    text = _HTML_TAG.sub(spaces, text)
    return _HTML_ENTITY.sub(entity, text)


def _drop_script_style(text: str) -> str:
    """Each <script>/<style> element up to its first closing tag becomes spaces; an element never
    closed is left to the tag pattern (its opening tag blanked, as before). Linear: every search starts
    where the last one ended, and a name found unclosed once is unclosed for the rest of the text."""
    parts: list[str] = []
    pos = search = 0
    unclosed: set[str] = set()
    while True:
        m = _HTML_DROP_OPEN.search(text, search)
        if m is None:
            break
        name = m.group(1).lower()
        close = None if name in unclosed else _HTML_DROP_CLOSE[name].search(text, m.end())
        if close is None:
            unclosed.add(name)
            search = m.end()
            continue
        parts.append(text[pos:m.start()])
        parts.append(" " * (close.end() - m.start()))
        pos = search = close.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


_SIMPLIFIED: CharTable | None = None


def _simplified_table() -> CharTable:
    global _SIMPLIFIED
    if _SIMPLIFIED is None:
        from zhconv import zhconv

        table = zhconv.getdict("zh-cn")
        _SIMPLIFIED = CharTable({
            ord(k): ord(v) for k, v in table.items()
            if len(k) == 1 and len(v) == 1 and k != v and "\u3400" <= k <= "\u9fff"
        })
    return _SIMPLIFIED


def simplified_for_matching(text: str) -> str:
    """Traditional characters to simplified, one for one, so gazetteers and rules match 重慶 as 重庆.

    Text with Traditional characters also gets the mainland word where zhconv's table gives one of the
    same length (寮國 -> 老挝, 東協 -> 东盟: Taiwan and Hong Kong news name places differently), so the
    length, and every offset, is kept. Text in Simplified characters is returned as it is, never
    re-worded. Only the copy the extractors read is converted: records keep the text as written.
    """
    simple = _simplified_table()(text)
    return simple if simple == text else _mainland_words(text, simple)


_MAINLAND: Any = None


def _mainland_matcher() -> Any:
    """zhconv's zh-cn words of two or more characters, leftmost-longest: zhconv.tokenize's forward maximum
    match (it extends a word while it is a prefix of one of these words), where its one-character tokens are
    only skipped. speed: a compiled trie walk, not zhconv's Python loop per character (a tenth of the
    time of splitting a page that holds Traditional characters)."""
    global _MAINLAND
    if _MAINLAND is None:
        from zhconv import zhconv

        from zhnews.gazetteers.matcher import LongestMatcher

        _MAINLAND = LongestMatcher({w: m for w, m in zhconv.getdict("zh-cn").items() if len(w) > 1})
    return _MAINLAND


def _mainland_words(text: str, simple: str) -> str:
    """``simple`` with each word that holds a Traditional character replaced by zhconv's mainland word,
    when that word has the same length (zhconv's maximum-match tokens, linear in the text)."""
    out = list(simple)
    for pos, end, token, mainland in _mainland_matcher().find(text):
        if simple[pos:end] != token and len(mainland) == len(token):
            out[pos:end] = mainland
    return "".join(out)
