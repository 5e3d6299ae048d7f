"""The learned name tagger: a character CRF (python-crfsuite) for people and places that ships in
gazetteers/models.

Why learned: rules built on jieba's words miss names jieba splits (姚/胜利, 弗拉/内舍维奇) and
take common words for names (智慧, 温馨); a tagger that reads characters in context, trained on
the People's Daily 1998 corpus (see scripts/train_tagger.py), gets both right far more often.
The rules still decide titles, bylines, organisations and gazetteer links; see
extractors/entities.py for how the two are merged.
Without the model file or pycrfsuite the tagger logs once and finds nothing: rules still run.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.crf_features import FEATURE_VERSION, char_features, sentence_bounds
from extractors.entity_text import Ctx

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "gazetteers" / "models"
MODEL_FILE = MODEL_DIR / "tagger.crfsuite"
META_FILE = MODEL_DIR / "tagger.json"


@dataclass(frozen=True, slots=True)
class TaggedName:
    start: int
    end: int
    label: str  # PER | LOC
    confidence: float  # the lowest marginal probability of the span's tags


class NameTagger:
    """One loaded model; ``tag`` is not thread-safe (crfsuite keeps state), so each thread gets its own."""

    def __init__(self, model: Path, meta: Path):
        import pycrfsuite

        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{model}: trained with features v{info.get('feature_version')}, "
                             f"code has v{FEATURE_VERSION}: run `make tagger-model`")
        self.path = model
        self.info = info
        self._local = threading.local()
        self._pycrfsuite = pycrfsuite
        self._tagger()  # fail here, not on first use, if the file is unreadable

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._local.tagger = tagger
        return tagger

    def tag(self, ctx: Ctx) -> list[TaggedName]:
        tagger = self._tagger()
        feats = char_features(ctx)
        out: list[TaggedName] = []
        for start, end in sentence_bounds(ctx.norm):
            labels = tagger.tag(feats[start:end])
            if labels.count("O") == len(labels):
                continue
            for s, e, label in _spans(labels):
                conf = min(tagger.marginal(labels[k], k) for k in range(s, e))
                out.append(TaggedName(start + s, start + e, label, conf))
        return out


def _spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """BIOES labels (B-PER ...) to spans; a broken sequence (B without E) yields nothing."""
    spans: list[tuple[int, int, str]] = []
    begin: int | None = None
    for i, lab in enumerate(labels):
        head = lab[0]
        if head == "S":
            spans.append((i, i + 1, lab[2:]))
            begin = None
        elif head == "B":
            begin = i
        elif head == "E":
            if begin is not None and labels[begin][2:] == lab[2:]:
                spans.append((begin, i + 1, lab[2:]))
            begin = None
        elif head != "I":
            begin = None
    return spans


_TAGGER: NameTagger | None = None
_FAILED = False
_LOCK = threading.Lock()


def default_tagger() -> NameTagger | None:
    global _TAGGER, _FAILED
    if _TAGGER is None and not _FAILED:
        with _LOCK:
            if _TAGGER is None and not _FAILED:
                try:
                    _TAGGER = NameTagger(MODEL_FILE, META_FILE)
                except Exception as exc:  # a missing model must not stop extraction
                    _FAILED = True
                    log.warning("name tagger unavailable, people and places come from rules only: %s", exc)
    return _TAGGER


def tag_names(ctx: Ctx) -> list[TaggedName]:
    tagger = default_tagger()
    return tagger.tag(ctx) if tagger is not None else []
