"""CharTable must equal str.translate on short and long text, surrogates and astral characters included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.extractors.char_table import SHORT, CharTable

TABLE = CharTable({0xFF10 + i: 0x30 + i for i in range(10)} | {0x3000: 0x20, 0x9F8D: 0x9F99, 0xD800: 0xFFFD})


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(["０", "９", "\u3000", "龍", "龙", "a", "𠀀", "\ud800", "\udfff", "，"]) | st.characters(),
               min_size=0, max_size=3 * SHORT))
def test_equals_translate(text: str) -> None:
    assert TABLE(text) == text.translate(TABLE.mapping)


def test_long_text_takes_the_array_path() -> None:
    text = "１２３　龍\ud800𠀀" * SHORT
    assert len(text) >= SHORT
    assert TABLE(text) == "123 龙\ufffd𠀀" * SHORT
