"""A newspaper page to articles: headlines, subtitles, bylines, captions, continuation marks.

Works on blocks (non-empty lines of the decoded page) and decides with layout cues that hold
across papers: a headline is a short unpunctuated block followed by a byline, a continuation
mark, a dateline or a subtitle; a block that ends mid-sentence was cut by a column or page break
and is joined to the next one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import itemgetter

from zhnews.pipeline.normalise import (
    CONTINUATION_MARK, OffsetMap, TextBuilder, continues_cut_line, simplified_for_matching, to_halfwidth,
)

TERMINAL = set("。！？!?…”’」』》)）:：;；—\"'")
SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?]")
HEADLINE_MAX = 64

BYLINE_START = re.compile(
    r"^\s*(?:本报讯|本报(?:[\u4e00-\u9fff]{0,6})(?:\d{1,2}月\d{1,2}日)?电|新华社[\u4e00-\u9fff]{0,8}(?:\d{1,2}月\d{1,2}日)?电"
    r"|(?:[\u4e00-\u9fff]{2,8})?记者\s*[\u4e00-\u9fff·]{2,8}\s*(?:报道|摄))"
)
DATELINE = re.compile(r"^\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日")
BYLINE_PAREN = re.compile(
    r"^\s*(?:本报讯|本报[\u4e00-\u9fff\d]{0,12}电|新华社[\u4e00-\u9fff\d]{0,14}电)\s*[(（]([^()（）]{2,80})[)）]")
CAPTION = re.compile(
    r"(?:(?P<outlet>[\u4e00-\u9fff]{2,10}?)?(?:记者|通讯员|特约摄影|摄影记者)\s*)?(?P<names>[\u4e00-\u9fff·]{2,8}(?:[\s、]+[\u4e00-\u9fff·]{2,8}){0,3})\s*/?\s*摄\s*[)）]?\s*$"
)
ROLE_WORDS = ("记者", "实习生", "通讯员", "见习记者", "特约记者", "摄影")
NAME_SPLIT = re.compile(r"[\s、,，]+")


@dataclass(slots=True)
class Block:
    start: int
    end: int
    text: str  # half-width, stripped
    is_mark: bool = False  # a continuation mark standing on its own line
    pieces: tuple[tuple[int, int], ...] = ()  # source ranges once inline marks are cut out
    view: str = ""  # text in Simplified characters, same length: what the layout rules read (本報訊 as 本报讯)

    def __post_init__(self) -> None:
        if not self.view:
            self.view = simplified_for_matching(self.text)

    @property
    def headline_like(self) -> bool:
        t = self.view
        return (
            not self.is_mark
            and 0 < len(t) <= HEADLINE_MAX
            and not SENTENCE_PUNCT.search(t)
            and t[-1] not in "、"
            and not BYLINE_START.match(t)
            and not CAPTION.search(t)
        )


@dataclass(slots=True)
class BylineInfo:
    outlet: str | None = None
    reporters: list[str] = field(default_factory=list)
    interns: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One article of a page: normalised text plus the map back to the page."""

    text: str
    offsets: OffsetMap
    source_start: int
    source_end: int
    title: str | None = None
    subtitle: str | None = None
    byline: BylineInfo = field(default_factory=BylineInfo)
    marks: list[tuple[str, int, int]] = field(default_factory=list)


def _blocks(page: str, half: str) -> tuple[list[Block], list[tuple[str, int, int]]]:
    """Non-empty lines with continuation marks cut out (and returned as marks); ``half``: the page
    half-width mapped (same length: one mapping of the page, not one per line)."""
    # speed: one look at the whole page; a page without Traditional characters is its own view
    simplified = simplified_for_matching(page) == page
    blocks: list[Block] = []
    marks: list[tuple[str, int, int]] = []
    for line in re.finditer(r"[^\n\r]+", page):
        start, end = line.start(), line.end()
        pieces: list[tuple[int, int]] = []
        pos = start
        for m in CONTINUATION_MARK.finditer(page, start, end):
            marks.append((m.group(0), m.start(), m.end()))
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, end))
        if len(pieces) > 1 and not "".join(page[a:b] for a, b in pieces).strip():
            text = to_halfwidth(page[start:end].strip())
            blocks.append(Block(start, end, text, is_mark=True, view=text if simplified else ""))
            continue
        pieces = _strip_pieces(page, pieces)
        if pieces:
            text = half[pieces[0][0]:pieces[0][1]] if len(pieces) == 1 else "".join(half[a:b] for a, b in pieces)
            blocks.append(Block(pieces[0][0], pieces[-1][1], text, pieces=tuple(pieces), view=text if simplified else ""))
    return blocks, marks


def _strip_pieces(page: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop empty pieces and the whitespace around the line, keeping source offsets."""
    if len(pieces) == 1:  # speed: a line without marks (nearly all)
        a, b = pieces[0]
        line = page[a:b]
        kept_line = line.strip()
        if not kept_line:
            return []
        left = len(line) - len(line.lstrip())
        return [(a + left, a + left + len(kept_line))]
    kept = [(a, b) for a, b in pieces if page[a:b].strip()]
    if not kept:
        return []
    a, b = kept[0]
    kept[0] = (a + len(page[a:b]) - len(page[a:b].lstrip()), b)
    a, b = kept[-1]
    kept[-1] = (a, b - (len(page[a:b]) - len(page[a:b].rstrip())))
    return kept


def _is_headline_start(blocks: list[Block], i: int) -> int:
    """Number of headline blocks (title [+ subtitle]) starting at i, or 0."""
    b = blocks[i]
    if not b.headline_like:
        return 0
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None:
        return 0
    if nxt.is_mark or _opens_body(nxt):
        return 1
    if i == 0 and len(b.text) >= 8 and not nxt.headline_like:
        return 1
    # title + subtitle, or kicker (引题) + title + subtitle, then the body
    for n in (2, 3):
        if i + n < len(blocks) and all(blocks[k].headline_like for k in range(i + 1, i + n)) \
                and (blocks[i + n].is_mark or _opens_body(blocks[i + n])):
            return n
    return 0


def _opens_body(block: Block) -> bool:
    return bool(BYLINE_START.match(block.view) or DATELINE.match(block.view))


def _written(block: Block, found: str | None) -> str | None:
    """Something the rules found in the block's Simplified view, as the block writes it (same offsets)."""
    at = block.view.find(found) if found else -1
    return block.text[at:at + len(found)] if at >= 0 else found


def _byline_as_written(info: BylineInfo, block: Block) -> BylineInfo:
    def names(found: list[str]) -> list[str]:
        return [_written(block, n) or n for n in found]

    return BylineInfo(outlet=_written(block, info.outlet), reporters=names(info.reporters),
                      interns=names(info.interns), photographers=names(info.photographers),
                      correspondents=names(info.correspondents))


def _ends_sentence(text: str) -> bool:
    return text[-1] in TERMINAL or text.endswith("摄")


# a byline without brackets ("记者 张三 李四") and the roles inside a bracketed one, compiled once
BYLINE_REPORTERS = re.compile(r"^\s*(?:[\u4e00-\u9fff]{2,8})?记者\s*([\u4e00-\u9fff·]{2,8}(?:[\s、]+[\u4e00-\u9fff·]{2,8})*)")
BYLINE_ROLES = re.compile(r"(见习记者|特约记者|记者|实习生|通讯员)")


def parse_byline(text: str) -> BylineInfo:
    """本报讯(渝西都市报记者 涂燕 实习生 欧亚菲) -> outlet 渝西都市报, reporters [涂燕], interns [欧亚菲]."""
    info = BylineInfo()
    m = BYLINE_PAREN.match(text)
    if not m:
        m2 = BYLINE_REPORTERS.match(text)
        if m2:
            info.reporters = [n for n in NAME_SPLIT.split(m2.group(1)) if n]
        return info
    inner = m.group(1)
    parts = BYLINE_ROLES.split(inner)
    outlet = parts[0].strip()
    if outlet and outlet not in ("本报",):
        info.outlet = outlet
    for role, names_text in zip(parts[1::2], parts[2::2]):
        names = [n for n in NAME_SPLIT.split(names_text.strip()) if n]
        if role == "实习生":
            info.interns.extend(names)
        elif role == "通讯员":
            info.correspondents.extend(names)
        else:
            info.reporters.extend(names)
    return info


def parse_caption(text: str) -> tuple[str | None, list[str]]:
    """'…渝西都市报记者 袁卿予 摄' -> (渝西都市报, [袁卿予])."""
    m = CAPTION.search(text)
    if not m:
        return None, []
    names = [n for n in NAME_SPLIT.split(m.group("names")) if n and n not in ROLE_WORDS]
    outlet = m.group("outlet")
    if outlet and "。" in outlet:
        outlet = outlet.rsplit("。", 1)[-1]
    return outlet or None, names


def split_page(page: str, *, single_article: bool = False) -> list[Article]:
    """Articles in page order; a page with no headline is one article."""
    half = to_halfwidth(page)  # speed: the page once, not every line twice (a line's text, the article's text)
    blocks, marks = _blocks(page, half)
    if not blocks:
        return []
    groups: list[tuple[list[Block], list[Block]]] = []  # (headline blocks, body blocks)
    i = 0
    current: tuple[list[Block], list[Block]] | None = None
    while i < len(blocks):
        n = 0 if single_article else _is_headline_start(blocks, i)
        if n and (current is None or current[1] or not current[0]):
            current = (blocks[i : i + n], [])
            groups.append(current)
            i += n
            continue
        if current is None:
            current = ([], [])
            groups.append(current)
        if not blocks[i].is_mark:
            current[1].append(blocks[i])
        i += 1
    articles = [_build_article(page, half, heads, body, marks) for heads, body in groups if body]
    return articles


def _marks_within(marks: list[tuple[str, int, int]], lo: int, hi: int) -> range:
    """Indices of the marks starting in [lo, hi]: marks come in page order, so a bisection, not a scan per article."""
    return range(bisect_left(marks, lo, key=itemgetter(1)), bisect_right(marks, hi, key=itemgetter(1)))


def _build_article(page: str, half: str, heads: list[Block], body: list[Block],
                   marks: list[tuple[str, int, int]]) -> Article:
    builder = TextBuilder()
    for k, block in enumerate(body):
        if k > 0 and (_ends_sentence(body[k - 1].view) or not continues_cut_line(body[k - 1].view, block.view)):
            builder.add_separator("\n", body[k - 1].end)
        for a, b in block.pieces or ((block.start, block.end),):
            builder.add_source(page, a, b, half)
    text, offsets = builder.build()
    start = heads[0].start if heads else body[0].start
    end = body[-1].end
    byline = _byline_as_written(parse_byline(body[0].view), body[0])
    listed = set(byline.photographers)  # (a set: a list's `in` per name grew with the names times the captions)
    for block in body:
        if block.view.endswith("摄") or block.view.endswith("摄)"):
            outlet, found = parse_caption(block.view)
            for name in (_written(block, n) or n for n in found):
                if name not in listed:
                    listed.add(name)
                    byline.photographers.append(name)
            if byline.outlet is None and outlet:
                byline.outlet = _written(block, outlet)
    ranges = [(start, end)] + ([(heads[-1].end, body[0].start)] if heads else [])
    own_marks = [marks[i] for i in sorted(set().union(*(_marks_within(marks, a, b) for a, b in ranges)))]
    return Article(
        text=text,
        offsets=offsets,
        source_start=start,
        source_end=end,
        title=heads[0].text if heads else None,
        subtitle=" ".join(h.text for h in heads[1:]) or None,
        byline=byline,
        marks=own_marks,
    )
