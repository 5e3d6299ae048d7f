"""The mainland-word pass of simplified_for_matching must give what zhconv's own maximum-match tokens
gave (the pass used zhconv.tokenize before it walked a compiled trie)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from zhconv import zhconv

from zhnews.pipeline import normalise
from zhnews.pipeline.normalise import simplified_for_matching

WORDS = sorted(w for w in zhconv.getdict("zh-cn") if len(w) > 1)
CHARS = sorted(set("".join(WORDS)) | set("，。a1 \n"))


def _reference(text: str, simple: str) -> str:
    words = zhconv.getdict("zh-cn")
    out = list(simple)
    pos = 0
    for token in zhconv.tokenize(text, "zh-cn"):
        end = pos + len(token)
        if len(token) > 1 and simple[pos:end] != token:
            mainland = words.get(token)
            if mainland is not None and len(mainland) == len(token):
                out[pos:end] = mainland
        pos = end
    return "".join(out)


def test_known_words() -> None:
    text = "寮國與東協簽署協議，乾隆年間的臺灣"
    simple = normalise._simplified_table()(text)
    assert simple != text
    assert normalise._mainland_words(text, simple) == _reference(text, simple)
    assert simplified_for_matching(text).startswith("老挝与东盟")


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(CHARS)), max_size=30))
def test_generated_text(parts: list[str]) -> None:
    text = "".join(parts)
    simple = normalise._simplified_table()(text)
    assert normalise._mainland_words(text, simple) == _reference(text, simple)
