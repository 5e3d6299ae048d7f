"""Load, validate and hash the gazetteer data files; one ``Gazetteer`` per process and extra-path set.

Only the files named in ``BUILTIN_FILES`` (plus user files passed in) are read, so other engineers'
folders under ``gazetteers/`` (people/, quantities/, signings/) are never touched here.
Every problem is reported as ``GazetteerError`` naming the file and line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType

from zhnews.gazetteers.matcher import LongestMatcher
from zhnews.gazetteers.suppressions import (
    REQUIRED as SUPPRESSION_REQUIRED, SUPPRESSION_COLUMNS, Suppression, is_suppression_file, parse_suppressions,
)

DATA_DIR = Path(__file__).resolve().parent

# Entry files shipped with the package, in load order (the order feeds the version hash).
BUILTIN_FILES: tuple[str, ...] = (
    "places/countries.tsv",
    "places/divisions.tsv",
    "places/abbreviations.tsv",
    "places/regions.tsv",
    "places/world_cities.tsv",
    "places/jieba_places.tsv",
    "orgs/orgs.tsv",
)
# Surfaces that look like names but are not (沿海地区 hides 海地): consumed by matching, never returned.
BLOCKER_FILES: tuple[str, ...] = ("places/blockers.tsv",)
# Common words that straddle or contain a two-character county/prefecture name (创新|平台 around 新平).
GUARD_FILES: tuple[str, ...] = ("places/guard_words.tsv",)
GUARDED_TYPES: frozenset[str] = frozenset({"COUNTY", "PREFECTURE"})
# A name gives up its last character before a word it straddles (济南市场 = 济南 + 市场).
TRIM_FILES: tuple[str, ...] = ("places/trims.tsv",)
TRIM_COLUMNS: tuple[str, ...] = ("ending", "following", "except_following", "note")

TYPES: frozenset[str] = frozenset(
    {"COUNTRY", "PROVINCE", "PREFECTURE", "COUNTY", "REGION", "ORG", "LOC", "ABBR"}
)
ENTITY_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "COUNTRY": "GPE", "PROVINCE": "GPE", "PREFECTURE": "GPE", "COUNTY": "GPE",
        "REGION": "GPE", "ABBR": "GPE", "LOC": "LOC", "ORG": "ORG",
    }
)
# Preference among entries sharing a surface (after user-before-builtin and name-before-alias).
TYPE_RANK: Mapping[str, int] = MappingProxyType(
    {"COUNTRY": 0, "PROVINCE": 1, "PREFECTURE": 2, "COUNTY": 3, "REGION": 4, "LOC": 5, "ORG": 6, "ABBR": 7}
)

ENTRY_COLUMNS: tuple[str, ...] = ("id", "type", "name", "aliases", "parent", "note")
BUILTIN_REQUIRED: frozenset[str] = frozenset({"id", "type", "name"})
USER_REQUIRED: frozenset[str] = frozenset({"name", "type"})
BLOCKER_COLUMNS: tuple[str, ...] = ("surface", "note")
GUARD_COLUMNS: tuple[str, ...] = ("word",)

_ID_RE = re.compile(r"^[^\s|,]+$")
_BAD_CHARS = re.compile(r"[\t\r\n|]")


class GazetteerError(ValueError):
    """A data file is malformed; the message starts with ``path:line:``."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    source: str

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def label(self) -> str:
        """Entity label the extractors use (GPE | LOC | ORG)."""
        return ENTITY_LABELS[self.type]


@dataclass(slots=True, unsafe_hash=True)
class Hit:
    """A gazetteer match. Plain (not frozen) for speed: a frozen dataclass costs ~4x more to build, and place-dense
    text makes one per name (issue 18); unsafe_hash keeps equality and hashing by the fields."""

    start: int
    end: int
    surface: str
    entry_id: str
    type: str


@dataclass(frozen=True, slots=True)
class _Row:
    """One validated data row before entries are merged and parents checked."""

    entry: Entry
    path: str
    line: int
    user: bool


# ---------------------------------------------------------------- reading files


def _delimiter(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        return "\t"
    if suffix == ".csv":
        return ","
    raise GazetteerError(path, None, f"unsupported file type {suffix!r} (use .tsv or .csv)")


def _read_table(path: Path, data: bytes, allowed: Sequence[str], required: frozenset[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, column -> value); blank lines and '#' comment lines are skipped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GazetteerError(path, None, f"not UTF-8: {exc}") from None
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(path), quoting=csv.QUOTE_MINIMAL if path.suffix.lower() == ".csv" else csv.QUOTE_NONE)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for fields in reader:
        line = reader.line_num
        if not fields or all(not f.strip() for f in fields) or fields[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [f.strip().lower() for f in fields]
            unknown = [c for c in header if c not in allowed]
            if unknown:
                raise GazetteerError(path, line, f"unknown column(s) {unknown}; allowed: {list(allowed)}")
            if len(set(header)) != len(header):
                raise GazetteerError(path, line, f"duplicate column in header {header}")
            missing = sorted(required - set(header))
            if missing:
                raise GazetteerError(path, line, f"missing required column(s) {missing}")
            continue
        if len(fields) != len(header):
            raise GazetteerError(path, line, f"expected {len(header)} fields ({', '.join(header)}), got {len(fields)}")
        rows.append((line, {c: v.strip() for c, v in zip(header, fields)}))
    if header is None:
        raise GazetteerError(path, None, "no header row")
    return rows


def _user_id(type_: str, name: str) -> str:
    return "USER-" + hashlib.sha1(f"{type_}\t{name}".encode()).hexdigest()[:10]


def _parse_entries(path: Path, label: str, data: bytes, *, user: bool) -> list[_Row]:
    required = USER_REQUIRED if user else BUILTIN_REQUIRED
    out: list[_Row] = []
    for line, row in _read_table(path, data, ENTRY_COLUMNS, required):
        def bad(problem: str) -> GazetteerError:
            return GazetteerError(path, line, problem)

        type_ = row.get("type", "").upper() if user else row.get("type", "")
        if type_ not in TYPES:
            raise bad(f"unknown type {row.get('type', '')!r}; allowed: {sorted(TYPES)}")
        name = row.get("name", "")
        if not name:
            raise bad("empty name")
        if _BAD_CHARS.search(name):
            raise bad(f"name {name!r} contains a tab, newline or '|'")
        id_ = row.get("id", "") or (_user_id(type_, name) if user else "")
        if not _ID_RE.match(id_):
            raise bad(f"bad id {id_!r} (non-empty, no spaces, '|' or ',')")
        aliases: list[str] = []
        for alias in row.get("aliases", "").split("|"):
            alias = alias.strip()
            if alias and alias != name and alias not in aliases:
                if _BAD_CHARS.search(alias):
                    raise bad(f"alias {alias!r} contains a tab or newline")
                aliases.append(alias)
        surfaces = [name, *aliases]
        if type_ == "ABBR":
            if any(len(s) != 1 for s in surfaces):
                raise bad(f"ABBR entries are single characters, got {surfaces}")
        elif any(len(s) < 2 for s in surfaces):
            raise bad(f"one-character surface in {surfaces}: only ABBR entries may be one character")
        parent = row.get("parent", "") or None
        if parent is not None and not _ID_RE.match(parent):
            raise bad(f"bad parent id {parent!r}")
        entry = Entry(id=id_, type=type_, name=name, aliases=tuple(aliases), parent=parent, source=label)
        out.append(_Row(entry, str(path), line, user))
    return out


def _parse_blockers(path: Path, data: bytes) -> list[str]:
    out: list[str] = []
    for line, row in _read_table(path, data, BLOCKER_COLUMNS, frozenset({"surface"})):
        surface = row["surface"]
        if len(surface) < 2 or _BAD_CHARS.search(surface):
            raise GazetteerError(path, line, f"bad blocker surface {surface!r}")
        out.append(surface)
    return out


def _parse_guards(path: Path, data: bytes) -> list[str]:
    out: list[str] = []
    for line, row in _read_table(path, data, GUARD_COLUMNS, frozenset({"word"})):
        word = row["word"]
        if not 2 <= len(word) <= 4 or _BAD_CHARS.search(word):
            raise GazetteerError(path, line, f"bad guard word {word!r} (2-4 characters)")
        out.append(word)
    return out


def _parse_trims(path: Path, data: bytes) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for line, row in _read_table(path, data, TRIM_COLUMNS, frozenset({"ending", "following"})):
        ending, following, unless = row["ending"], row["following"], row.get("except_following", "")
        if not ending or not following or (unless and not unless.startswith(following)):
            raise GazetteerError(path, line, "ending and following are required; except_following must start with following")
        out.append((ending, following, unless))
    return out


# ---------------------------------------------------------------- the gazetteer


class Gazetteer:
    """Validated entries plus the automata built from them; immutable after construction."""

    def __init__(
        self, rows: Sequence[_Row], blockers: Sequence[str], version: str,
        guards: Sequence[str] = (), trims: Sequence[tuple[str, str, str]] = (),
        suppressions: Sequence[Suppression] = (),
    ) -> None:
        self.version = version
        self.suppressions: tuple[Suppression, ...] = tuple(suppressions)  # applied by pipeline/suppress.py
        self._guards = frozenset(guards)
        # every word _guarded may find starts with one of these pairs of characters: a start whose next two
        # characters are none of them is skipped without reading its three possible words (place-dense text)
        self._guard_heads = frozenset(g[:2] for g in self._guards if len(g) >= 2)
        self._trims = tuple(trims)
        # speed: the characters a trim's following text starts with (None: some trim needs none)
        self._trim_next = None if any(not f for _, f, _ in self._trims) else frozenset(f[0] for _, f, _ in self._trims)
        entries: dict[str, Entry] = {}
        origin: dict[str, _Row] = {}
        user_ids: set[str] = set()
        for row in rows:
            e = row.entry
            known = entries.get(e.id)
            if known is None:
                entries[e.id] = e
                origin[e.id] = row
            elif row.user and known.type == e.type:
                # A user row may extend a shipped entry with more aliases (e.g. a local name).
                extra = tuple(s for s in e.surfaces if s not in known.surfaces)
                entries[e.id] = replace(known, aliases=known.aliases + extra, parent=known.parent or e.parent)
            else:
                first = origin[e.id]
                raise GazetteerError(row.path, row.line, f"duplicate id {e.id!r} (first at {first.path}:{first.line})")
            if row.user:
                user_ids.add(e.id)
        for row in rows:
            parent = row.entry.parent
            if parent is not None and parent not in entries:
                raise GazetteerError(row.path, row.line, f"unknown parent id {parent!r}")
        self.entries: Mapping[str, Entry] = MappingProxyType(entries)
        self._user_ids = frozenset(user_ids)

        by_surface: dict[str, list[tuple[tuple[int, int, int, str], str]]] = {}
        for e in entries.values():
            for i, s in enumerate(e.surfaces):
                key = (0 if e.id in user_ids else 1, 0 if i == 0 else 1, TYPE_RANK[e.type], e.id)
                bucket = by_surface.setdefault(s, [])
                if all(eid != e.id for _, eid in bucket):
                    bucket.append((key, e.id))
        self._by_surface: dict[str, tuple[str, ...]] = {
            s: tuple(eid for _, eid in sorted(b)) for s, b in by_surface.items()
        }
        main: dict[str, tuple[str, ...] | None] = {
            s: ids for s, ids in self._by_surface.items() if len(s) >= 2
        }
        # A blocker wins over an entry surface: 郊区 is the full name of a county and a common word.
        self._blockers = frozenset(blockers)
        for b in self._blockers:
            main[b] = None
        checked = [
            s for s, ids in main.items()
            if ids is not None and len(s) == 2 and entries[ids[0]].type in GUARDED_TYPES
        ] if guards else []
        self._main: LongestMatcher[tuple[str, ...] | None] = LongestMatcher(main, checked)
        self._abbr: dict[str, str] = {
            s: ids[0] for s, ids in self._by_surface.items()
            if len(s) == 1 and entries[ids[0]].type == "ABBR"
        }
        chars = "".join(sorted(self._abbr))
        self._abbr_run = re.compile(f"[{re.escape(chars)}]{{2,}}") if chars else None
        self._ancestors: dict[str, frozenset[str]] = {}
        self._last_scan: tuple[str, list[tuple[int, int, str, tuple[str, ...] | None]]] | None = None

    # -- helpers

    def ancestors(self, entry_id: str) -> frozenset[str]:
        """All parent ids above an entry (cycle-safe)."""
        cached = self._ancestors.get(entry_id)
        if cached is not None:
            return cached
        seen: list[str] = []
        cur = self.entries[entry_id].parent if entry_id in self.entries else None
        while cur is not None and cur not in seen:
            seen.append(cur)
            cur = self.entries[cur].parent if cur in self.entries else None
        result = frozenset(seen)
        self._ancestors[entry_id] = result
        return result

    def _guarded(self, text: str, start: int, end: int, ids: tuple[str, ...] | None) -> bool:
        """True when a common word crosses or contains a two-character county/prefecture hit.

        Only the few two-character division hits are checked: at most 16 set look-ups each.
        """
        if end - start != 2 or ids is None or self.entries[ids[0]].type not in GUARDED_TYPES:
            return False
        guards = self._guards
        if not guards:
            return False
        n = len(text)
        heads = self._guard_heads
        for i in range(max(0, start - 3), end):
            if text[i:i + 2] not in heads:
                continue  # every candidate word at i (two to four characters) starts with text[i:i + 2]
            for j in range(max(i + 2, start + 1), min(n, i + 4) + 1):
                if (i, j) != (start, end) and j > start and text[i:j] in guards:
                    return True
        return False

    def _scan(self, text: str) -> list[tuple[int, int, str, tuple[str, ...] | None]]:
        # match() and match_abbreviations() on the same string share one scan (one-slot memo;
        # the tuple swap is atomic, so threads sharing a Gazetteer at worst rescan).
        last = self._last_scan
        if last is not None and last[0] is text:
            return last[1]
        if self._guards:
            found = self._main.find(text, lambda s, e, ids: not self._guarded(text, s, e, ids))
        else:
            found = self._main.find(text)
        self._last_scan = (text, found)
        return found

    # -- public API

    def match(self, text: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping matches of every multi-character name and alias.

        A surface shared by several entries (江北区 in 重庆 and 宁波) resolves to the candidate whose
        ancestor is named unambiguously elsewhere in the same text, else to the preferred candidate
        (user entries, then canonical names, then higher administrative level).
        """
        raw = [r for r in self._scan(text) if r[3] is not None]
        context: set[str] = set()
        # speed: the context only decides between candidates, so it is gathered only when a surface has several
        for _, _, _, ids in raw if any(len(r[3]) > 1 for r in raw) else ():
            if ids is not None and len(ids) == 1:
                context.add(ids[0])
                context.update(self.ancestors(ids[0]))
        hits: list[Hit] = []
        trim_next = self._trim_next
        for start, end, surface, ids in raw:
            assert ids is not None
            chosen = ids[0]
            if len(ids) > 1 and context:
                # Ancestors every candidate shares (ISO-CN) say nothing about which one is meant.
                shared = frozenset.intersection(*(self.ancestors(i) for i in ids))
                chosen = next((i for i in ids if (self.ancestors(i) - shared) & context), chosen)
            if trim_next is None or text[end:end + 1] in trim_next:  # speed: _trim's own first test, before the call
                end, surface = self._trim(text, end, surface, chosen)
            hits.append(Hit(start, end, surface, chosen, self.entries[chosen].type))
        return hits

    def _trim(self, text: str, end: int, surface: str, entry_id: str) -> tuple[int, str]:
        if self._trim_next is not None and text[end:end + 1] not in self._trim_next:
            return end, surface  # speed: no trim's following text starts here (most hits)
        for ending, following, unless in self._trims:
            if surface.endswith(ending) and text.startswith(following, end) and not (unless and text.startswith(unless, end - len(ending) + 1)):
                short = surface[: -len(ending)]
                if short in self.entries[entry_id].surfaces:
                    return end - len(ending), short
        return end, surface

    def match_abbreviations(self, text: str) -> list[Hit]:
        """One-character ABBR hits, only inside runs of two or more (川渝, 京津冀, 苏浙沪).

        Runs overlapping a blocker (新京报) or a longer name that is not itself made of
        abbreviations (新津县) are skipped.
        """
        if self._abbr_run is None:
            return []
        runs = list(self._abbr_run.finditer(text))
        if not runs:
            return []
        covered = sorted(
            (s, e) for s, e, surface, ids in self._scan(text)
            if ids is None or any(ch not in self._abbr for ch in surface)
        )
        # A run overlaps a covered span when one starting before the run's end reaches past its start: with the
        # spans sorted by start, the furthest end among those starting before a point is a running maximum, read
        # by bisection (issue 18: comparing every run with every span was quadratic on 京津冀上海市 repeated).
        starts = [s for s, _ in covered]
        reach = list(accumulate((e for _, e in covered), max))
        hits: list[Hit] = []
        for m in runs:
            k = bisect_left(starts, m.end())  # the spans starting before the run's end: covered[:k]
            if k and reach[k - 1] > m.start():
                continue
            for i in range(m.start(), m.end()):
                eid = self._abbr[text[i]]
                hits.append(Hit(i, i + 1, text[i], eid, "ABBR"))
        return hits

    def lookup(self, surface: str) -> list[Entry]:
        """Every entry with this exact name or alias, preferred first."""
        return [self.entries[i] for i in self._by_surface.get(surface, ())]

    def user_words(self) -> list[tuple[str, str]]:
        """(word, jieba POS) for every multi-character surface: nt for ORG, ns for places."""
        out: dict[str, str] = {}
        for surface, ids in self._by_surface.items():
            if len(surface) >= 2:
                out[surface] = "nt" if self.entries[ids[0]].type == "ORG" else "ns"
        return sorted(out.items())

    def label(self, entry_id: str) -> str:
        """Entity label (GPE | LOC | ORG) of an entry id."""
        return ENTITY_LABELS[self.entries[entry_id].type]

    def canonical(self, entry_id: str) -> str:
        return self.entries[entry_id].name

    def is_user(self, entry_id: str) -> bool:
        return entry_id in self._user_ids

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Gazetteer(version={self.version!r}, entries={len(self.entries)})"


# ---------------------------------------------------------------- loading


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GazetteerError(path, None, f"cannot read: {exc.strerror or exc}") from None


def _normalise_extra(extra: Sequence[str | Path]) -> tuple[str, ...]:
    if isinstance(extra, (str, Path)):
        extra = (extra,)
    return tuple(str(Path(p).expanduser().resolve()) for p in extra)


def _version(blobs: Sequence[bytes]) -> str:
    h = hashlib.sha256()
    for b in blobs:
        h.update(hashlib.sha256(b).digest())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Gazetteer:
    rows: list[_Row] = []
    blobs: list[bytes] = []
    for rel in BUILTIN_FILES:
        data = _read_bytes(DATA_DIR / rel)
        blobs.append(data)
        rows.extend(_parse_entries(DATA_DIR / rel, rel, data, user=False))
    blockers: list[str] = []
    for rel in BLOCKER_FILES:
        data = _read_bytes(DATA_DIR / rel)
        blobs.append(data)
        blockers.extend(_parse_blockers(DATA_DIR / rel, data))
    guards: list[str] = []
    for rel in GUARD_FILES:
        data = _read_bytes(DATA_DIR / rel)
        blobs.append(data)
        guards.extend(_parse_guards(DATA_DIR / rel, data))
    trims: list[tuple[str, str, str]] = []
    for rel in TRIM_FILES:
        data = _read_bytes(DATA_DIR / rel)
        blobs.append(data)
        trims.extend(_parse_trims(DATA_DIR / rel, data))
    suppressions: list[Suppression] = []
    for p in extra:
        path = Path(p)
        data = _read_bytes(path)
        blobs.append(data)
        if is_suppression_file(data):  # a review's suppression list (gazetteers/suppressions.py)
            table = _read_table(path, data, SUPPRESSION_COLUMNS, SUPPRESSION_REQUIRED)
            suppressions.extend(parse_suppressions(path, table))
            continue
        rows.extend(_parse_entries(path, str(path), data, user=True))
    return Gazetteer(rows, blockers, _version(blobs), guards, trims, suppressions)


def load_gazetteer(extra: Sequence[str | Path] = ()) -> Gazetteer:
    """The gazetteer with built-in files plus user CSV/TSV files (name,type,aliases,id[,parent]).

    Built once per process for each distinct set of extra paths.
    """
    return _load(_normalise_extra(extra))


def gazetteer_version(extra: Sequence[str | Path] = ()) -> str:
    """Content hash of every loaded file: goes into each record as ``gazetteer_version``."""
    return load_gazetteer(extra).version


def clear_cache() -> None:
    """Forget loaded gazetteers (tests that edit user files in place)."""
    _load.cache_clear()
