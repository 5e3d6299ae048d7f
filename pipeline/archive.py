"""Archive views over many records: who's who, who signs with whom, numbers at a glance.

Everything here is a plain function or accumulator over ``ArticleRecord``s, fed one record at a time
(``Archive.add``), so a 10,000-article archive is never held in memory; only the small per-person,
per-pair and per-month tallies are. The site (``pipeline/site.py``) and the database tables
(``pipeline/archive_db.py``) both read these results.

Who's who merge rule (docs/analysts.md):
1. Within an article, the pipeline already groups the mentions of one person (``Entity.entity_id``); that
   group is one *mention unit* with the union of its titles.
2. Across articles, units with the same name are merged when their titles are compatible: both name an
   organisation and the organisations overlap (one contains the other), or at least one side names only a
   bare role (主席, 记者) and that role is among the other side's roles.
3. A one-character name (a surname alone) is left out.
4. Units with no title at all join the name's single titled person when there is exactly one; when there
   are none they form one untitled person; when there are several they stay apart as "untitled", because
   nothing says which of them is meant.
The same name with unrelated roles (记者 王迪 and 副市长 王迪) therefore stays two persons.
"""

from __future__ import annotations

import hashlib
import heapq
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from zhnews.pipeline.records import ArticleRecord, Party

TOP_AMOUNTS = 50
SENTENCE_ENDS = "。！？!?\n"


@lru_cache(maxsize=1)
def role_words() -> tuple[str, ...]:
    """Role words that end a title (the extractor's own list), longest first."""
    import zhnews.gazetteers as gz

    path = Path(gz.__file__).parent / "people" / "titles.txt"
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return tuple(sorted(set(words), key=len, reverse=True))


def split_title(title: str) -> tuple[str, str]:
    """``国家发展和改革委员会主任`` -> (``国家发展和改革委员会``, ``主任``); an unknown ending is all role."""
    for role in role_words():
        if title.endswith(role) and len(role) < len(title):
            return title[: -len(role)].rstrip("、，, "), role
        if title == role:
            return "", role
    return "", title


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous end mark to the next one, inclusive."""
    left = max((text.rfind(c, 0, start) for c in SENTENCE_ENDS), default=-1) + 1
    rights = [i for i in (text.find(c, end) for c in SENTENCE_ENDS) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return left, right


def month_of(date: str | None) -> str:
    return date[:7] if date and len(date) >= 7 and date[:4].isdigit() else "undated"


def party_key(party: Party) -> str:
    """A party across the archive: its gazetteer id when linked, else its normalised name."""
    if party.kb_id:
        return f"kb:{party.kb_id}"
    return unicodedata.normalize("NFKC", party.text).replace(" ", "").strip()


# --- who's who -------------------------------------------------------------------------------------


@dataclass(slots=True)
class MentionUnit:
    """One person as one article names them (all mentions sharing an entity_id)."""

    record_id: str
    title: str
    date: str | None
    name: str
    titles: tuple[str, ...]
    start: int
    end: int
    sentence: str

    @property
    def orgs(self) -> frozenset[str]:
        return _title_parts(self.titles)[0]


def person_units(record: ArticleRecord) -> list[MentionUnit]:
    groups: dict[str, list] = defaultdict(list)
    for e in record.entities:
        if e.label == "PERSON":
            groups[e.entity_id].append(e)
    units = []
    for mentions in groups.values():
        names = Counter(m.text for m in mentions)
        name = max(names, key=lambda n: (names[n], len(n), n))
        titles = tuple(dict.fromkeys(t for m in mentions for t in m.titles if t))
        first = next(m for m in mentions if m.text == name)
        s0, s1 = sentence_bounds(record.text, first.start, first.end)
        units.append(MentionUnit(record.id, record.title or "", record.date, name, titles, first.start, first.end,
                                 record.text[s0:s1].strip()))
    return units


def _orgs_overlap(a: set[str], b: set[str]) -> bool:
    return any(x == y or (len(x) >= 2 and x in y) or (len(y) >= 2 and y in x) for x in a for y in b)


@lru_cache(maxsize=65536)
def _title_parts(titles: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(organisations, roles, bare roles: titles that are a role alone)."""
    parts = [split_title(t) for title in titles for t in title.split("兼") if t]
    return (frozenset(o for o, _ in parts if o), frozenset(r for _, r in parts),
            frozenset(r for o, r in parts if not o))


def compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Rule 2 of the module docstring, on two title chains."""
    if not a or not b:
        return False
    oa, ra, bare_a = _title_parts(a)
    ob, rb, bare_b = _title_parts(b)
    if oa and ob:
        return _orgs_overlap(set(oa), set(ob))
    return bool((bare_a & rb) or (bare_b & ra))


@dataclass(slots=True)
class Person:
    id: str
    name: str
    units: list[MentionUnit]
    untitled_ambiguous: bool = False

    @property
    def title_chains(self) -> list[tuple[str, int]]:
        chains = Counter("、".join(u.titles) for u in self.units if u.titles)
        return sorted(chains.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def orgs(self) -> list[str]:
        return sorted({o for u in self.units for o in u.orgs})

    @property
    def dates(self) -> list[str]:
        return sorted(u.date for u in self.units if u.date)

    @property
    def first_seen(self) -> str | None:
        return self.dates[0] if self.dates else None

    @property
    def last_seen(self) -> str | None:
        return self.dates[-1] if self.dates else None

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(u.record_id for u in self.units))


def _person_id(name: str, units: Sequence[MentionUnit]) -> str:
    first = min((u.record_id, u.start) for u in units)
    return hashlib.sha256(f"{name}\x00{first[0]}\x00{first[1]}".encode()).hexdigest()[:16]


def merge_persons(units: Iterable[MentionUnit]) -> list[Person]:
    """Merge mention units into persons by the rule in the module docstring; sorted by articles, then name."""
    by_name: dict[str, list[MentionUnit]] = defaultdict(list)
    for u in units:
        if len(u.name) >= 2:  # a surname alone (李, 洪) names nobody in particular
            by_name[u.name].append(u)
    persons: list[Person] = []
    for name, group in by_name.items():
        chains: dict[tuple[str, ...], list[MentionUnit]] = defaultdict(list)
        for u in group:
            if u.titles:
                chains[u.titles].append(u)
        titled = list(chains)  # distinct title chains: identical chains are one person by rule 2
        untitled = [u for u in group if not u.titles]
        parent = list(range(len(titled)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(titled)):
            for j in range(i + 1, len(titled)):
                if find(i) != find(j) and compatible(titled[i], titled[j]):
                    parent[find(j)] = find(i)
        clusters: dict[int, list[MentionUnit]] = defaultdict(list)
        for i, chain in enumerate(titled):
            clusters[find(i)].extend(chains[chain])
        found = list(clusters.values())
        if untitled and len(found) == 1:
            found[0].extend(untitled)
            untitled = []
        people = [Person(_person_id(name, c), name, c) for c in found]
        if untitled:
            people.append(Person(_person_id(name, untitled), name, untitled, untitled_ambiguous=bool(found)))
        persons.extend(people)
    return sorted(persons, key=lambda p: (-len(p.articles), p.name, p.id))


def merge_pairs(person: Person) -> list[tuple[MentionUnit, MentionUnit]]:
    """The merges made for one person: each unit from another article paired with the person's first unit."""
    units = sorted(person.units, key=lambda u: (u.date or "", u.record_id, u.start))
    return [(units[0], u) for u in units[1:] if u.record_id != units[0].record_id]


# --- who signs with whom ---------------------------------------------------------------------------


@dataclass(slots=True)
class SigningPair:
    a: str
    b: str
    names_a: Counter = field(default_factory=Counter)
    names_b: Counter = field(default_factory=Counter)
    count: int = 0
    objects: Counter = field(default_factory=Counter)
    dates: list[str] = field(default_factory=list)
    articles: list[tuple[str, str, str]] = field(default_factory=list)  # (record id, signing id, title)

    @property
    def name_a(self) -> str:
        return self.names_a.most_common(1)[0][0]

    @property
    def name_b(self) -> str:
        return self.names_b.most_common(1)[0][0]


# --- the accumulator -------------------------------------------------------------------------------


@dataclass(slots=True)
class Amount:
    value: float
    unit: str
    text: str
    subject: str | None
    record_id: str
    title: str
    date: str | None
    start: int


@dataclass(slots=True)
class Archive:
    """Tallies fed one record at a time; nothing keeps a record."""

    units: list[MentionUnit] = field(default_factory=list)
    pairs: dict[tuple[str, str], SigningPair] = field(default_factory=dict)
    party_names: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    kind_unit: Counter = field(default_factory=Counter)
    money: dict[str, list[tuple[float, int, Amount]]] = field(default_factory=lambda: defaultdict(list))
    signings_month: Counter = field(default_factory=Counter)
    signed_amount_month: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    money_month: Counter = field(default_factory=Counter)
    articles_month: Counter = field(default_factory=Counter)
    signings_one_side: int = 0
    signings_no_party: int = 0
    records: int = 0
    _seq: int = 0

    def add(self, record: ArticleRecord) -> None:
        self.records += 1
        month = month_of(record.date)
        self.articles_month[month] += 1
        self.units.extend(person_units(record))
        for q in record.quantities:
            self.kind_unit[(q.kind, q.unit or "")] += 1
            if q.kind == "money" and q.value is not None:
                self.money_month[month] += 1
                self._seq += 1
                heap = self.money[q.unit or ""]
                item = (q.value, -self._seq, Amount(q.value, q.unit or "", q.text, q.subject, record.id,
                                                    record.title or "", record.date, q.start))
                (heapq.heappush if len(heap) < TOP_AMOUNTS else heapq.heappushpop)(heap, item)
        for s in record.signings:
            self.signings_month[month] += 1
            if s.amount is not None:
                self.signed_amount_month[s.amount_unit or ""][month] += s.amount
            if not s.parties_a and not s.parties_b:
                self.signings_no_party += 1
            elif not s.parties_a or not s.parties_b:
                self.signings_one_side += 1
            self._add_pairs(record, s)

    def _add_pairs(self, record: ArticleRecord, s) -> None:
        seen: set[tuple[str, str]] = set()
        for pa in s.parties_a:
            for pb in s.parties_b:
                ka, kb = party_key(pa), party_key(pb)
                if not ka or not kb or ka == kb:
                    continue
                (ka, na), (kb, nb) = sorted([(ka, pa.text), (kb, pb.text)])
                if (ka, kb) in seen:
                    continue
                seen.add((ka, kb))
                pair = self.pairs.setdefault((ka, kb), SigningPair(ka, kb))
                pair.names_a[na] += 1
                pair.names_b[nb] += 1
                self.party_names[ka][na] += 1
                self.party_names[kb][nb] += 1
                pair.count += 1
                if s.object:
                    pair.objects[s.object] += 1
                if record.date:
                    pair.dates.append(record.date)
                pair.articles.append((record.id, s.id, record.title or ""))

    # -- results --

    def persons(self) -> list[Person]:
        return merge_persons(self.units)

    def signing_pairs(self) -> list[SigningPair]:
        return sorted(self.pairs.values(), key=lambda p: (-p.count, p.a, p.b))

    def largest_amounts(self) -> list[Amount]:
        """The largest money amounts per unit (TOP_AMOUNTS each), largest first within a unit."""
        out: list[Amount] = []
        for unit in sorted(self.money, key=lambda u: (-len(self.money[u]), u)):
            out += [a for _, _, a in sorted(self.money[unit], key=lambda t: (-t[0], -t[1]))]
        return out

    def money_counts(self) -> Counter:
        return Counter({u: n for (k, u), n in self.kind_unit.items() if k == "money"})

    def months(self) -> list[str]:
        return sorted(self.articles_month)


def build_archive(records: Iterable[ArticleRecord]) -> Archive:
    archive = Archive()
    for record in records:
        archive.add(record)
    return archive


def sample_merges(persons: Sequence[Person], n: int = 50, seed: int = 17) -> list[tuple[Person, MentionUnit, MentionUnit]]:
    """``n`` merges to judge by hand: persons drawn uniformly among those with a merge across articles, then
    one of each person's merges, so the frequent names (习近平) do not fill the sample."""
    import random

    rng = random.Random(seed)
    merged = [p for p in persons if merge_pairs(p)]
    chosen = rng.sample(merged, min(n, len(merged)))
    return [(p, *rng.choice(merge_pairs(p))) for p in sorted(chosen, key=lambda p: (p.name, p.id))]
