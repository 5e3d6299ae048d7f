"""pipeline/split.py builds an article's text with its own piece builder (offsets made in one numpy
step, for speed): text and offsets must be exactly those of normalise.TextBuilder."""

from __future__ import annotations

import random

from zhnews.pipeline.normalise import TextBuilder, to_halfwidth
from zhnews.pipeline.split import _Pieces, split_page

PARTS = ["中国", "　", "  ", " ", "\t", "\u2002", "\u200b", "ＡＢ１２", "，", "记者 张三", "(上接1版)", "\n", "。"]


def test_pieces_equal_text_builder() -> None:
    rng = random.Random(7)
    for _ in range(500):
        page = "".join(rng.choice(PARTS) for _ in range(rng.randint(0, 30)))
        half = to_halfwidth(page)
        fast, slow = _Pieces(half), TextBuilder()
        for _ in range(rng.randint(0, 6)):
            if rng.random() < 0.3:
                pos = rng.randint(0, max(0, len(page) - 1))
                fast.add("\n", pos)
                slow.add_separator("\n", pos)
            else:
                a = rng.randint(0, len(page))
                b = rng.randint(a, len(page))
                fast.add_source(a, b)
                slow.add_source(page, a, b, half)
        text, offsets = fast.build()
        want_text, want_offsets = slow.build()
        assert text == want_text
        assert list(offsets.offsets) == list(want_offsets.offsets)
        assert offsets.offsets.typecode == want_offsets.offsets.typecode


def test_article_offsets_point_at_the_page() -> None:
    page = "标题在此\n本报讯（记者　张三）  今天，ＡＢＣ公司\n成立了。(下转2版)\n第二段。"
    half = to_halfwidth(page)
    for article in split_page(page, single_article=True):
        for i, ch in enumerate(article.text):
            src = article.offsets.offsets[i]
            assert ch in ("\n", " ") or half[src] == ch
