"""normalise.TextBuilder makes its offsets in one numpy step (for speed): text and offsets must be exactly
those of a plain reference that appends each character's source offset one by one."""

from __future__ import annotations

import random

from zhnews.pipeline.normalise import _SPACE_RUN, TextBuilder, to_halfwidth
from zhnews.pipeline.split import split_page

PARTS = ["中国", "　", "  ", " ", "\t", "\u2002", "\u200b", "ＡＢ１２", "，", "记者 张三", "(上接1版)", "\n", "。"]


class _Reference:
    """TextBuilder's contract written the obvious way: one offset appended per character."""

    def __init__(self) -> None:
        self.text = ""
        self.offsets: list[int] = []

    def _append(self, text: str, start: int) -> None:
        self.text += text
        self.offsets.extend(range(start, start + len(text)))

    def add_source(self, half: str, start: int, end: int) -> None:
        piece = half[start:end]
        pos = 0
        for m in _SPACE_RUN.finditer(piece):
            self._append(piece[pos:m.start()], start + pos)
            self._append(" ", start + m.start())
            pos = m.end()
        self._append(piece[pos:], start + pos)


def test_text_builder_equals_the_reference() -> None:
    rng = random.Random(7)
    for _ in range(500):
        page = "".join(rng.choice(PARTS) for _ in range(rng.randint(0, 30)))
        half = to_halfwidth(page)
        fast, slow = TextBuilder(), _Reference()
        for _ in range(rng.randint(0, 6)):
            if rng.random() < 0.3:
                pos = rng.randint(0, max(0, len(page) - 1))
                fast.add_separator("\n", pos)
                slow._append("\n", pos)
            else:
                a = rng.randint(0, len(page))
                b = rng.randint(a, len(page))
                fast.add_source(page, a, b, half if rng.random() < 0.5 else None)
                slow.add_source(half, a, b)
        assert len(fast) == len(slow.text)
        text, offsets = fast.build()
        assert text == slow.text
        assert list(offsets.offsets) == slow.offsets
        assert offsets.offsets.typecode == "l"


def test_article_offsets_point_at_the_page() -> None:
    page = "标题在此\n本报讯（记者　张三）  今天，ＡＢＣ公司\n成立了。(下转2版)\n第二段。"
    half = to_halfwidth(page)
    for article in split_page(page, single_article=True):
        for i, ch in enumerate(article.text):
            src = article.offsets.offsets[i]
            assert ch in ("\n", " ") or half[src] == ch
