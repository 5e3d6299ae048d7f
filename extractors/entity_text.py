"""The shared view of one text the entity rules work on: folded text, tokens, tags, gazetteer hits.

Built once per call so people/orgs/places rules stay small and never re-segment.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from zhnews.extractors.char_table import CharTable
from zhnews.extractors.entity_lexicon import Lexicon, load_lexicon
from zhnews.gazetteers.matcher import WordScanner

log = logging.getLogger(__name__)

# One-to-one folding (same length): full-width ASCII and CJK punctuation to the forms the rules use.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x3001: ord("、"), 0xFF0C: ord(","), 0x3002: ord("。")})
_FOLD.update({ord("·"): ord("·"), ord("•"): ord("·"), ord("‧"): ord("·"), ord("・"): ord("·"), ord("．"): ord(".")})

# the characters folding changes (some map to themselves)
_FOLD_TABLE = CharTable(_FOLD)
_FOLDED_RE = re.compile("[" + "".join(re.escape(chr(a)) for a, b in sorted(_FOLD.items()) if a != b) + "]")

PUNCT = frozenset(",、。;:!?()[]{}<>\"'“”‘’「」『』《》〈〉【】—…-~/\\|\n\r\t ")
SENT_END = frozenset("。!?;\n")


def fold(text: str) -> str:
    """Same length as ``text``: offsets found in the result index the original."""
    return _FOLD_TABLE(text)


GAZ_LABEL = {"COUNTRY": "GPE", "PROVINCE": "GPE", "PREFECTURE": "GPE", "COUNTY": "GPE",
             "REGION": "GPE", "ABBR": "GPE", "LOC": "LOC", "ORG": "ORG"}


@dataclass(slots=True, unsafe_hash=True)
class GazHit:
    """A gazetteer hit as the entity rules read it. Plain (not frozen) for speed, like gazetteers.loader.Hit;
    unsafe_hash keeps equality and hashing by the fields."""

    start: int
    end: int
    label: str  # GPE | LOC | ORG
    kb_id: str | None
    canonical: str | None


@dataclass(slots=True)
class Ctx:
    text: str  # the caller's text (offsets index it)
    norm: str  # folded, same length
    tokens: list[str]
    starts: list[int]
    tags: list[str | None]  # jieba dictionary POS, None when the word is not in the dictionary
    lex: Lexicon
    gaz: Any | None
    places: list[GazHit] = field(default_factory=list)  # gazetteer GPE/LOC hits
    orgs: list[GazHit] = field(default_factory=list)  # gazetteer ORG hits
    tok_at: dict[int, int] = field(default_factory=dict)  # char offset -> index of token starting there
    place_mask: bytearray = field(default_factory=bytearray)  # 1 where a gazetteer place covers a char
    tok_ends: list[int] = field(default_factory=list)  # where each token ends (read-only: shared)
    # speed, for the name tagger's word features: the tokens' lengths, and their tags as numbers into
    # tag_names, as arrays (a context is not changed once built); set by build_ctx when the segmenter
    # gave the spans, else None and the tagger reads tokens and tags
    token_lengths: np.ndarray | None = None
    tag_numbers: np.ndarray | None = None
    tag_names: list[str | None] | None = None

    @property
    def ends(self) -> list[int]:
        return [s + len(t) for s, t in zip(self.starts, self.tokens)]

    def tag_of(self, word: str) -> str | None:
        return self.lex.pos.get(word)


_TOKENIZER: Any = None
_TOKENIZER_LOCK = threading.Lock()


def _tokenizer() -> Any:
    """jieba's plain dictionary, compiled (same words as jieba.lcut), built on first use: never jieba's
    global tokenizer, never at import."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _TOKENIZER_LOCK:
            if _TOKENIZER is None:
                import jieba

                from zhnews.gazetteers.jieba_compiled import CompiledJieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.initialize()
                _TOKENIZER = CompiledJieba(tk)
    return _TOKENIZER


def segment(text: str) -> list[str]:
    return _tokenizer().cut(text)


def _gazetteer_hits(gaz: Any, norm: str) -> tuple[list[GazHit], list[GazHit]]:
    places: list[GazHit] = []
    orgs: list[GazHit] = []
    if gaz is None:
        return places, orgs
    for h in gaz.match(norm):
        label = GAZ_LABEL.get(h.type)
        if label is None:
            continue
        canonical = None
        try:
            canonical = gaz.entries[h.entry_id].name
        except Exception:  # an adapter without entries: keep the hit unlinked to a name
            canonical = None
        hit = GazHit(h.start, h.end, label, h.entry_id, canonical)
        (orgs if label == "ORG" else places).append(hit)
    return places, orgs


# A place inside a longer word tagged like this is kept (重庆市委); inside other words, including
# person names (巴马 in 奥巴马), it is not a place.
_PLACEISH_TAGS = frozenset({"ns", "nt", "nz", "j"})


def _not_inside_words(places: list[GazHit], toks: list[str], starts: list[int], lex: Lexicon) -> list[GazHit]:
    """Drop a place found strictly inside one ordinary dictionary word (中国 in 发展中国家)."""
    import bisect

    out: list[GazHit] = []
    for h in places:
        i = bisect.bisect_right(starts, h.start) - 1
        if i >= 0:
            tok = toks[i]
            t_end = starts[i] + len(tok)
            if h.end <= t_end and len(tok) > h.end - h.start and lex.pos.get(tok, "ns") not in _PLACEISH_TAGS:
                continue
        out.append(h)
    return out


def _with_extra_places(norm: str, tok_at: dict[int, int], places: list[GazHit], orgs: list[GazHit],
                       lex: Lexicon) -> list[GazHit]:
    """Add listed places (gazetteers/people/extra_places.tsv) starting on a word, where no
    gazetteer hit is."""
    taken = bytearray(len(norm))
    for h in places + orgs:
        taken[h.start:h.end] = b"\x01" * (h.end - h.start)
    extra: list[GazHit] = []
    table = lex.extra_places
    first = lex.extra_place_first
    # speed: every listed place in one C-level Aho-Corasick pass (their first characters, 中 大 新,
    # are common), kept where a word starts; lengths tried in the lexicon's order, longest first
    at: dict[int, set[int]] = {}
    for end, n in (lex.extra_place_ac.iter(norm) if lex.extra_place_ac is not None else ()):
        if end + 1 - n in tok_at:
            at.setdefault(end + 1 - n, set()).add(n)
    for p in sorted(at):
        lengths = first[norm[p]]
        if taken[p]:
            continue
        for n in lengths:
            if n in at[p] and not any(taken[p:p + n]):
                word = norm[p:p + n]
                extra.append(GazHit(p, p + n, table[word], None, word))
                taken[p:p + n] = b"\x01" * n
                break
    if not extra:
        return places
    return sorted(places + extra, key=lambda h: h.start)


# (id of the CompiledJieba, id of the pos dict) -> (both, held so their ids stay theirs, node -> tag array,
# tags of words with no node, node -> tag number array, the tags numbered); a few slots: the pipeline's
# segmenter and entity_text's own
_TAG_TABLES: dict[tuple[int, int], tuple] = {}


def _tag_tables(compiled: Any, pos: dict[str, str]) -> tuple:
    """Built once per segmenter: see _TAG_TABLES."""
    held = _TAG_TABLES.get((id(compiled), id(pos)))
    if held is not None:
        return held
    words = list(pos)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    spans = np.empty((len(words), 2), dtype=np.int64)
    spans[:, 1] = np.cumsum(lengths)
    spans[:, 0] = spans[:, 1] - lengths
    nodes = compiled.nodes(np.frombuffer("".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32),
                           spans).tolist()
    table = np.full(compiled.node_count + 1, None, dtype=object)
    names: list[str | None] = [None, *sorted(set(pos.values()))]
    number_of = {tag: k for k, tag in enumerate(names)}
    numbers = np.zeros(compiled.node_count + 1, dtype=np.int64)  # 0: None, as in table
    unreached: dict[str, str] = {}
    for word, node in zip(words, nodes):
        if node >= 0:
            table[node] = pos[word]
            numbers[node] = number_of[pos[word]]
        else:
            unreached[word] = pos[word]
    if len(_TAG_TABLES) >= 4:
        _TAG_TABLES.clear()
    held = _TAG_TABLES[(id(compiled), id(pos))] = (compiled, pos, table, unreached, numbers, names)
    return held


def _tag_table(compiled: Any, pos: dict[str, str]) -> tuple[np.ndarray, dict[str, str]]:
    """Each trie node's dictionary tag (None past the last node: a word with no node), and the tags of
    the few dictionary words the trie cannot reach; built once per segmenter."""
    held = _tag_tables(compiled, pos)
    return held[2], held[3]


def _tags(toks: list[str], pos: dict[str, str], cut: tuple[Any, np.ndarray] | None, codes: Any) -> list[str | None]:
    """``[pos.get(t) for t in toks]``. speed: when the tokens are the segmenter's last cut, from the trie
    node of each token's (folded) text: one array read per token instead of a look-up in jieba's
    350,000-word dictionary, which misses the CPU caches (a twentieth of the entity rules' time).
    ``codes``: the folded text's code points."""
    return _tags_numbered(toks, pos, cut, codes)[0]


def _tags_numbered(toks: list[str], pos: dict[str, str], cut: tuple[Any, np.ndarray] | None,
                   codes: Any) -> tuple[list[str | None], np.ndarray | None, list[str | None] | None]:
    """_tags, and when it read them from the trie, also as numbers (an array) into a list of the tags,
    for the name tagger's word features (Ctx.tag_numbers)."""
    if cut is None:
        return list(map(pos.get, toks)), None, None
    compiled, spans = cut
    _compiled, _pos, table, unreached, number_table, names = _tag_tables(compiled, pos)
    nodes = compiled.nodes(codes, spans)
    tags = table[nodes].tolist()  # node -1 reads the last slot: None
    numbers = number_table[nodes]
    if unreached:
        for i in np.flatnonzero(nodes < 0).tolist():
            tags[i] = unreached.get(toks[i])
            numbers[i] = names.index(tags[i])
    return tags, numbers, names


def build_ctx(text: str, tokens: Sequence[str] | None, gaz: Any | None) -> Ctx:
    norm = fold(text)
    toks: list[str]
    starts: list[int] = []
    cut = codes = None
    if tokens is not None and "".join(tokens) == text:
        # The pipeline's tokens: fold them the same way so tags and matching agree.
        # C-level maps instead of a Python loop per token (speed: this runs on every token)
        from zhnews.gazetteers.jieba_compiled import code_points, last_cut, split_spans

        cut = last_cut(tokens)  # the spans, when the tokens are the compiled segmenter's last cut
        if cut is None:
            toks = list(filter(None, tokens))
            ends = list(accumulate(map(len, toks)))
            starts = [0] + ends[:-1] if ends else []
        else:  # no empty word; the spans run on from 0
            toks, starts, ends = list(tokens), cut[1][:, 0].tolist(), cut[1][:, 1].tolist()
        tok_at = dict(zip(starts, range(len(starts))))
        if cut is not None:
            codes = code_points(norm)
            if norm != text:  # the folded words all at once, at C level (the same slices of norm as below)
                toks = split_spans(norm, codes, cut[1])
        elif norm != text:
            # only the tokens holding a folded character change; the caller's other strings are
            # kept (equal to the slices, and their hashes are cached: the tag look-ups are faster)
            for p in [m.start() for m in _FOLDED_RE.finditer(text)]:
                i = tok_at.get(p)  # speed: a folded character mostly starts a token (，： are tokens)
                if i is None:
                    i = bisect_right(starts, p) - 1
                toks[i] = norm[starts[i]:ends[i]]
    else:
        toks, starts = _tokenizer().cut_with_starts(norm)
        ends = list(accumulate(map(len, toks)))
        tok_at = dict(zip(starts, range(len(starts))))
    lex = load_lexicon()
    tags, tag_numbers, tag_names = _tags_numbered(toks, lex.pos, cut, codes)
    places, orgs = _gazetteer_hits(gaz, norm)
    places = _not_inside_words(places, toks, starts, lex)
    places = _with_extra_places(norm, tok_at, places, orgs, lex)
    ctx = Ctx(text=text, norm=norm, tokens=toks, starts=starts, tags=tags, lex=lex, gaz=gaz,
              places=places, orgs=orgs)
    ctx.tok_at = tok_at
    ctx.tok_ends = ends
    if cut is not None:
        ctx.token_lengths = cut[1][:, 1] - cut[1][:, 0]
        ctx.tag_numbers, ctx.tag_names = tag_numbers, tag_names
    mask = bytearray(len(norm))
    for h in places:
        mask[h.start:h.end] = b"\x01" * (h.end - h.start)
    ctx.place_mask = mask
    return ctx


def positions_of(items: list[Any], value: Any) -> list[int]:
    """Every index of ``value`` in ``items``, in order (list.index in C: a tag is rare among tokens,
    and a Python loop over every token cost more)."""
    out: list[int] = []
    i = -1
    while True:
        try:
            i = items.index(value, i + 1)
        except ValueError:
            return out
        out.append(i)


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# the same two ranges as is_cjk
_CJK_ONLY = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]*")


def all_cjk(text: str) -> bool:
    """``all(is_cjk(c) for c in text)`` (True for ""), as one C-level match: the rules ask it of
    every word they walk over, and a generator calling is_cjk per character cost several times more."""
    return _CJK_ONLY.fullmatch(text) is not None


def is_latin(s: str) -> bool:
    return bool(s) and all(c.isascii() and (c.isalnum() or c in "&.-'") for c in s)


def is_name_char(ch: str) -> bool:
    """CJK ideograph that can be part of a name (not punctuation, not a digit)."""
    return is_cjk(ch) and unicodedata.category(ch) == "Lo"


# Up to this many names, one str.find per name and mention is cheapest (C-level, nothing to set up:
# most texts repeat a few names); past it, one scan of the text for all the names at once, because a
# find per name over a text naming thousands of people grew with their number times the text (issue 18).
_FIND_EACH_MAX = 16


def mentions_of(text: str, names: Sequence[str]) -> dict[str, list[int]]:
    """Where each name is written in ``text``: the starts of its non-overlapping mentions, left to
    right, as ``str.find`` from the end of the last mention gives them."""
    if len(names) <= _FIND_EACH_MAX:
        return {name: _find_each(text, name) for name in names}
    out: dict[str, list[int]] = {name: [] for name in names}
    ends = dict.fromkeys(names, 0)  # where each name's last mention ends
    for last, name in WordScanner({name: name for name in names}).iter(text):  # by end: by start per name
        start = last + 1 - len(name)
        if start >= ends[name]:  # not overlapping the name's previous mention (哈哈 in 哈哈哈: once)
            out[name].append(start)
            ends[name] = last + 1
    return out


def _find_each(text: str, name: str) -> list[int]:
    out: list[int] = []
    p = text.find(name)
    while p >= 0:
        out.append(p)
        p = text.find(name, p + len(name))
    return out
