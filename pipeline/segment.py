"""Word segmentation: a private jieba.Tokenizer (or pkuseg), built once per process, as spaCy Docs too.

jieba's global tokenizer is shared mutable state and writes its cache to /tmp; a private
instance with its cache under our cache folder keeps runs, tests and Dask workers independent.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Protocol

from zhnews.gazetteers.jieba_compiled import CompiledJieba
from zhnews.pipeline.pkuseg_model import require_model
from zhnews.pipeline.runtime import cache_dir


class Segmenter(Protocol):
    name: str

    def cut(self, text: str) -> list[str]: ...


class JiebaSegmenter:
    """jieba with gazetteer names as user words, so a place or organisation is one token."""

    def __init__(self, user_words: Iterable[tuple[str, str]] = (), hmm: bool = True, cache: Path | None = None):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        cache = cache or cache_dir()
        cache.mkdir(parents=True, exist_ok=True)
        self.tokenizer = jieba.Tokenizer()  # public: benchmarks and tests compare the compiled cut with it
        self.tokenizer.tmp_dir = str(cache)
        self.tokenizer.cache_file = "jieba.default.cache"
        self.tokenizer.initialize()
        for word, tag in user_words:
            if len(word) > 1:
                self.tokenizer.add_word(word, freq=None, tag=tag or None)
        self.hmm = hmm
        self.name = f"jieba-{jieba.__version__}{'+hmm' if hmm else ''}"
        # jieba's own algorithm and tables, compiled: the same words ~7x faster (gazetteers/jieba_compiled.py)
        self._compiled = CompiledJieba(self.tokenizer) if hmm else None

    def cut(self, text: str) -> list[str]:
        if self._compiled is not None:
            return self._compiled.cut(text)
        return self.tokenizer.lcut(text, HMM=self.hmm)


class PkusegSegmenter:
    """spacy-pkuseg with a model from disk: pkuseg's named models would download, which fails here."""

    def __init__(self, model_dir: Path | None = None):
        import spacy_pkuseg

        path = Path(model_dir) if model_dir else require_model()
        self._seg = spacy_pkuseg.pkuseg(str(path), user_dict=None)
        # Its bundled word list overrides the model in ways that hurt news text.
        self._seg.postprocesser.common_words = set()
        self._seg.postprocesser.other_words = set()
        self.name = "pkuseg-default"

    def cut(self, text: str) -> list[str]:
        return self._seg.cut(text)


@lru_cache(maxsize=4)
def get_segmenter(kind: str = "jieba", user_words: tuple[tuple[str, str], ...] = (), hmm: bool = True) -> Segmenter:
    """One segmenter per process (and so per Dask worker), whatever the number of documents."""
    if kind == "jieba":
        return JiebaSegmenter(user_words, hmm=hmm)
    if kind == "pkuseg":
        return PkusegSegmenter()
    raise ValueError(f"unknown segmenter {kind!r}: use 'jieba' or 'pkuseg'")


class SpacyTokenizer:
    """A spaCy tokenizer over any Segmenter, so users get Docs (and our components) from it."""

    def __init__(self, vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str):
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        words = [w for w in self.segmenter.cut(text) if w]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "SpacyTokenizer":
        return self


def make_nlp(segmenter: Segmenter | None = None):
    """A blank spaCy zh pipeline whose tokenizer is our segmenter."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = SpacyTokenizer(nlp.vocab, segmenter or get_segmenter())
    return nlp
