"""The learned name tagger: a character CRF for people and places that ships in gazetteers/models.

Why learned: rules built on jieba's words miss names jieba splits (姚/胜利, 弗拉/内舍维奇) and
take common words for names (智慧, 温馨); a tagger that reads characters in context, trained on
the People's Daily 1998 corpus (see scripts/train_tagger.py), gets both right far more often.
The rules still decide titles, bylines, organisations and gazetteer links; see
extractors/entities.py for how the two are merged.

The model is trained and stored by python-crfsuite; tagging reads its weights into one numpy
table and decodes with compiled loops (extractors/crf_decode.py: Viterbi for the labels,
forward-backward for each name's confidence), because spelling out fourteen attribute strings
per character for CRFsuite cost more than the rest of the pipeline together.
tests/test_tagger.py checks that both give the same labels and marginals.
Without the model file or pycrfsuite the tagger logs once and finds nothing: rules still run.
The organisation model (org.crfsuite, same features; extractors/org_model.py decides what to keep)
is loaded into the same weight table when present: one pass over the features scores both models,
each decoded with its own labels and transitions.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from zhnews.extractors.char_table import code_points
from zhnews.extractors.crf_decode import (
    HEAD_B, HEAD_E, HEAD_I, HEAD_OTHER, HEAD_S, build_hash, emission_scores, feature_rows, named_spans, sentence_spans,
)
from zhnews.extractors.crf_features import (
    FEATURE_VERSION, LINE_BREAK_SPELLING, NGRAM_TEMPLATES, char_info, title_ends,
)
from zhnews.extractors.entity_text import Ctx

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "gazetteers" / "models"
MODEL_FILE = MODEL_DIR / "tagger.crfsuite"
META_FILE = MODEL_DIR / "tagger.json"
# The organisation model (scripts/train_tagger.py --org; used by extractors/org_model.py): same
# features, so its weights join the name model's table and one pass over the features scores both.
ORG_MODEL_FILE = MODEL_DIR / "org.crfsuite"
ORG_META_FILE = MODEL_DIR / "org.json"
_BITS = 21  # every code point fits in 21 bits: an n-gram of up to 3 characters is one uint64 key


class TaggedName(NamedTuple):
    """A named tuple, not a frozen dataclass: about fifty per article, built in half the time."""

    start: int
    end: int
    label: str  # PER | LOC (the name model) | ORG (the organisation model)
    confidence: float  # the lowest marginal probability of the span's tags


_UNSPELL = {v: k for k, v in LINE_BREAK_SPELLING.items()}
# The characters that end a sentence in crf_features.sentence_bounds, as code points for
# crf_decode.sentence_spans (tests/test_speed_ent_shortcuts.py checks the two split alike).
_SENTENCE_ENDS = np.array([ord(c) for c in "。!?;\n"], dtype=np.uint32)


def _key(value: str) -> int:
    k = 0
    for ch in value:
        k = (k << _BITS) | ord(_UNSPELL.get(ch, ch))
    return k


class NameTagger:
    """One loaded model. Its per-code-point tables only ever gain entries for characters not seen
    before (idempotent writes), so threads can share it.

    All state-feature weights sit in one matrix (row 0 is zeros, for values the model never saw);
    each template owns a block of rows, found by n-gram key (a compiled hash table) or by value."""

    def __init__(self, model: Path, meta: Path, extra: Sequence[tuple[Path, Path]] = ()):
        """``extra``: more models trained on the same features (the organisation model); their
        labels get columns of their own in the weight table and are decoded on their own. One that
        cannot be loaded is logged and left out."""
        dumps = [_read_model(model, meta)]
        for more in extra:
            try:
                dumps.append(_read_model(*more))
            except Exception as exc:  # an optional model must not cost the names
                log.warning("%s not loaded, its labels are not tagged: %s", more[0].name, exc)
        # the columns of each model: (first column, labels, transitions, index of O)
        self.decoders: list[tuple[int, list[str], np.ndarray, int]] = []
        size = 0
        for labels, dump in dumps:
            index = {lab: k for k, lab in enumerate(labels)}
            trans = np.zeros((len(labels), len(labels)))
            for (a, b), w in dump.transitions.items():
                trans[index[a], index[b]] = w
            self.decoders.append((size, labels, trans, index["O"]))
            size += len(labels)
        _, self.labels, self.transitions, self.outside = self.decoders[0]
        self._readers = [_label_reader(labels) for _, labels, _, _ in self.decoders]
        grouped: dict[str, dict[str, np.ndarray]] = {}
        for (first, labels, _, _), (_, dump) in zip(self.decoders, dumps):
            index = {lab: first + k for k, lab in enumerate(labels)}
            for (attr, label), w in dump.state_features.items():
                name, sep, value = attr.partition("=")
                if not sep:
                    name, value = "flag", attr
                row = grouped.setdefault(name, {}).setdefault(value, np.zeros(size))
                row[index[label]] = w
        blocks: list[np.ndarray] = [np.zeros((1, size))]
        offset = 1

        def block(values: dict[str, np.ndarray], keys: list[str]) -> int:
            nonlocal offset
            start = offset
            blocks.append(np.array([values[v] for v in keys]).reshape(len(keys), size))
            offset += len(keys)
            return start

        # n-gram templates: sorted integer keys, rows in the same order
        # one hash table per n-gram template, stacked so one compiled call looks up all of them
        names = [*NGRAM_TEMPLATES, "k"]
        tables = []
        for name in names:
            values = grouped.get(name, {})
            ordered = sorted(values, key=_key)
            first = block(values, ordered)
            bits = max(4, (2 * len(ordered)).bit_length())
            tables.append((*build_hash(np.array([_key(v) for v in ordered], dtype=np.uint64),
                                       np.arange(first, first + len(ordered), dtype=np.int64), bits), bits))
        width = max(len(t[0]) for t in tables)
        self.slot_keys = np.zeros((len(names), width), dtype=np.uint64)
        self.slot_rows = np.zeros((len(names), width), dtype=np.int64)
        for t, (keys, rows, _) in enumerate(tables):
            self.slot_keys[t, :len(keys)] = keys
            self.slot_rows[t, :len(rows)] = rows
        self.bits = np.array([t[2] for t in tables], dtype=np.int64)
        self.offsets = np.full((len(names), 3), -99, dtype=np.int64)
        for t, name in enumerate(names[:-1]):
            self.offsets[t, :len(NGRAM_TEMPLATES[name])] = NGRAM_TEMPLATES[name]
        self.offsets[-1] = (-1, 0, 1)  # k: the classes of the previous, this and the next character
        last = len(NGRAM_TEMPLATES)  # the character n-grams, then the class template
        self._char_tables = (self.offsets[:last], self.slot_keys[:last], self.slot_rows[:last], self.bits[:last])
        self._class_tables = (self.offsets[last:], self.slot_keys[last:], self.slot_rows[last:], self.bits[last:])
        # templates looked up by value
        self.value_rows: dict[str, dict[str, int]] = {}
        for name in ("w", "wp", "g", "flag"):
            values = grouped.get(name, {})
            ordered = sorted(values)
            start = block(values, ordered)
            self.value_rows[name] = {v: start + i for i, v in enumerate(ordered)}
        self.weights = np.concatenate(blocks)
        # word rows by (tag, position in word): 0 S, 1 B, 2 M, 3 E; tag 0 is any tag never seen
        word_rows = self.value_rows["w"]
        tags = sorted({v[1:] for v in word_rows})
        self._tag_ids = {tag: i + 1 for i, tag in enumerate(tags)}
        self.word_rows = np.zeros((len(tags) + 1, 4), dtype=np.int64)
        for tag, i in self._tag_ids.items():
            for k, p in enumerate("SBME"):
                self.word_rows[i, k] = word_rows.get(p + tag, 0)
        self.word_pos_rows = np.array([self.value_rows["wp"].get(p, 0) for p in "SBME"], dtype=np.int64)
        self._tag_ids[None] = self._tag_ids.get("OOV", 0)  # jieba's tag is None for unknown words
        self._place_row = self.value_rows["flag"].get("place", 0)  # row 0 weighs nothing
        self._title_row = self.value_rows["flag"].get("title_before", 0)
        # (Ctx.tag_names, this model's tag id of each): see _word_tag_ids
        self._ids_of_numbers: tuple[list[str | None] | None, np.ndarray] = (None, np.zeros(0, dtype=np.int64))
        # per code point: seen yet, class letter (the k template), g row; filled as characters appear
        self._primed = False
        self._known = np.zeros(0x110000, dtype=bool)
        self._class_lut = np.zeros(0x110000, dtype=np.uint32)
        self._g_lut = np.zeros(0x110000, dtype=np.int64)

    def emissions(self, ctx: Ctx) -> np.ndarray:
        """The name model's state scores, (characters, its labels)."""
        scores = self.all_emissions(ctx)
        return scores if len(self.decoders) == 1 else np.ascontiguousarray(scores[:, :len(self.labels)])

    def all_emissions(self, ctx: Ctx) -> np.ndarray:
        """State scores, (characters, every model's labels): the sum of the weights of each position's features.

        The same templates as crf_features.char_features, computed as arrays (speed: no string per
        feature); tests/test_tagger.py checks the two agree through CRFsuite's own tagger."""
        return self._emissions(ctx, code_points("^^" + ctx.norm + "$$"))

    def _emissions(self, ctx: Ctx, padded: np.ndarray) -> np.ndarray:
        """all_emissions, given ``padded``: the code points of "^^" + ctx.norm + "$$"."""
        text = ctx.norm
        n = len(text)
        self._learn_chars(ctx, padded[2:n + 2])
        lengths = ctx.token_lengths
        if lengths is None:
            lengths = np.fromiter(map(len, ctx.tokens), dtype=np.int64, count=len(ctx.tokens))
        tag_ids = self._word_tag_ids(ctx)
        titles = np.array(title_ends(text, ctx.lex), dtype=np.int64)
        rows = feature_rows(padded, *self._char_tables, *self._class_tables, self._class_lut, self._g_lut, lengths,
                            tag_ids, self.word_rows, self.word_pos_rows, np.frombuffer(ctx.place_mask, dtype=np.uint8),
                            self._place_row, titles, self._title_row)
        return emission_scores(rows, self.weights)

    def _word_tag_ids(self, ctx: Ctx) -> np.ndarray:
        """Each token's dictionary tag as this model's tag id (0: a tag training never saw). speed: from
        the context's tag numbers when it has them, one array read per token (a look-up per token cost
        a twentieth of the tagger's time); the ids of the numbered tags are kept for their list."""
        if ctx.tag_numbers is None or ctx.tag_names is None:
            return np.fromiter(map(self._tag_ids.get, ctx.tags, repeat(0)), dtype=np.int64, count=len(ctx.tags))
        names, ids = self._ids_of_numbers
        if names is not ctx.tag_names:
            names = ctx.tag_names
            ids = np.array([self._tag_ids.get(tag, 0) for tag in names], dtype=np.int64)
            self._ids_of_numbers = (names, ids)  # one tuple, replaced whole: threads never see a mix
        return ids[ctx.tag_numbers]

    def _learn_chars(self, ctx: Ctx, chars: np.ndarray) -> None:
        """Fill the per-code-point tables (class letter, g row) for characters not seen before; the
        first call fills them for all common characters at once (~30 ms), so a text seldom pays."""
        if not self._primed:
            self._primed = True
            self._learn(ctx, [chr(c) for r in _COMMON_RANGES for c in range(*r)])
        known = self._known[chars]
        if not known.all():
            self._learn(ctx, [chr(c) for c in np.unique(chars[~known]).tolist()])

    def _learn(self, ctx: Ctx, missing: list[str]) -> None:
        info = char_info(ctx.lex, missing)
        g_rows = self.value_rows["g"]
        for ch in missing:
            letter, g = info[ch]
            self._class_lut[ord(ch)] = ord(letter)
            self._g_lut[ord(ch)] = g_rows.get(g, 0)
            self._known[ord(ch)] = True

    def tag(self, ctx: Ctx) -> list[TaggedName]:
        """The names of every model: the name model's (in order), then the organisation model's."""
        n = len(ctx.norm)
        if not n:
            return []
        padded = code_points("^^" + ctx.norm + "$$")
        starts, ends = _sentences_with_han(padded[2:n + 2])
        if not len(starts):
            return []
        scores = self._emissions(ctx, padded)
        out: list[TaggedName] = []
        for (first, labels, trans, outside), reader in zip(self.decoders, self._readers):
            out += _decode(scores, first, len(labels), starts, ends, trans, outside, reader)
        return out


def _sentences_with_han(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the sentences that hold a Han character. A name of this Chinese tagger is written
    in Han characters, and a sentence of digits, Latin letters or signs alone (50%50%…, 1.1.1.…, an English
    line) holds none it could read: the tagger skips them (issue 18: span-dense text with no Chinese in it
    read 3x more characters per MB than news, each through the tagger)."""
    starts, ends = sentence_spans(codes, _SENTENCE_ENDS)
    han = ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))
    before = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(han, out=before[1:])
    keep = before[ends] > before[starts]
    return (starts, ends) if keep.all() else (starts[keep], ends[keep])


def _read_model(model: Path, meta: Path) -> tuple[list[str], Any]:
    """A CRFsuite model's labels and weights, after checking it was trained on these features."""
    import pycrfsuite

    info = json.loads(meta.read_text(encoding="utf-8"))
    if info.get("feature_version") != FEATURE_VERSION:
        raise ValueError(f"{model}: trained with features v{info.get('feature_version')}, "
                         f"code has v{FEATURE_VERSION}: run `make tagger-model`")
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    dump = crf.info()
    labels = list(crf.labels())
    crf.close()
    return labels, dump


# What named_spans needs of a model's labels: each label's head (HEAD_*), each label's name type
# (an index into the list of types) and that list.
_LabelReader = tuple[np.ndarray, np.ndarray, list[str]]
_HEADS = {"B": HEAD_B, "I": HEAD_I, "E": HEAD_E, "S": HEAD_S}


def _label_reader(labels: list[str]) -> _LabelReader:
    """B-PER -> (HEAD_B, the index of PER): the label strings as numbers for the compiled reader."""
    kinds = sorted({lab[2:] for lab in labels})
    return (np.array([_HEADS.get(lab[0], HEAD_OTHER) for lab in labels], dtype=np.int64),
            np.array([kinds.index(lab[2:]) for lab in labels], dtype=np.int64), kinds)


def _decode(scores: np.ndarray, first: int, size: int, starts: np.ndarray, ends: np.ndarray, transitions: np.ndarray,
            outside: int, reader: _LabelReader) -> list[TaggedName]:
    """One model's best path (its scores: columns first .. first + size), read as spans, each with
    the lowest marginal of its tags."""
    heads, kinds, kind_names = reader
    rows, lows = named_spans(scores, first, size, starts, ends, transitions, outside, heads, kinds)
    # speed: tuple.__new__ makes the same TaggedName without the named tuple's Python-level __new__ (a name-dense
    # text has 200,000 tagged names a MB, issue 18)
    new = tuple.__new__
    return [new(TaggedName, (a, b, kind_names[kind], low)) for (a, b, kind), low in zip(rows.tolist(), lows.tolist())]


# ASCII, CJK punctuation, the CJK Unified Ideographs and full-width forms: learned on first use
_COMMON_RANGES = ((0x20, 0x7F), (0x3000, 0x3040), (0x4E00, 0xA000), (0xFF00, 0xFFF0))


_TAGGER: NameTagger | None = None
_FAILED = False
_LOCK = threading.Lock()


def default_tagger() -> NameTagger | None:
    global _TAGGER, _FAILED
    if _TAGGER is None and not _FAILED:
        with _LOCK:
            if _TAGGER is None and not _FAILED:
                try:
                    extra = [(ORG_MODEL_FILE, ORG_META_FILE)] if ORG_MODEL_FILE.exists() else []
                    _TAGGER = NameTagger(MODEL_FILE, META_FILE, extra)
                except Exception as exc:  # a missing model must not stop extraction
                    _FAILED = True
                    log.warning("name tagger unavailable, people and places come from rules only: %s", exc)
    return _TAGGER


def tag_names(ctx: Ctx) -> list[TaggedName]:
    tagger = default_tagger()
    return tagger.tag(ctx) if tagger is not None else []
