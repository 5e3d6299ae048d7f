"""The one regex of gazetteers/quantities/exclusions.tsv, split by the kind of character a match starts with.

Why (issue 18 and the corpus speed floor): the exclusions are ~50 alternatives scanned at every position that
passes a first-character test, and each alternative is tried in turn there. About 20 of them start with a
lookbehind (``(?<![0-9])[0-9]++…``), which the regex engine cannot skip cheaply, so a position of Chinese text
paid for the digit rules and a digit paid for the Chinese words: ~1.8 µs a position, ~25% of extract_quantities
on ordinary text, more on digit-dense text.

The regex built here tries, at an ASCII character (digits, Latin letters, ``-``), only the alternatives that
can start with an ASCII character, and elsewhere only those that can start with another character; each keeps
the order of the data file. An alternative that cannot start with the character at a position cannot match
there, so every match (first alternative that matches, leftmost, non-overlapping) is the one the single
alternation finds. The start characters are read from the parsed pattern (``re._parser``): lookarounds consume
nothing and are skipped; anything the reading does not know counts as able to start anywhere.

The ASCII side is split once more, by the character before the position: most digit rules open with a
lookbehind that refuses a digit (``(?<![0-9])``) or needs something else (a Han character, ``(?<=中证)``),
so inside a run of digits (50%50%…, 1,000…, 21至21…) only the few rules that may start after a digit are
tried. The two guards (``(?<![0-9])`` and ``(?<=[0-9])``) exclude each other and one of them always holds, so
each position still gets the first matching alternative in file order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

try:  # the regex parser of the standard library (private: if it moves, the plain alternation is used)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - other Python versions
    _sre = _sre_parse = None

ASCII, OTHER = "ascii", "other"
_BOTH = frozenset({ASCII, OTHER})


def _side(code: int) -> str:
    return ASCII if code < 128 else OTHER


def _sequence_start(items: Iterable) -> tuple[frozenset[str], bool]:
    """(the kinds of character the sequence may start with, whether it may match the empty string)."""
    kinds: set[str] = set()
    for op, av in items:
        first, nullable = _item_start(op, av)
        kinds |= first
        if not nullable:
            return frozenset(kinds), False
    return frozenset(kinds), True


def _item_start(op, av) -> tuple[frozenset[str], bool]:
    c = _sre
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return frozenset(), True  # zero-width: the match starts with what follows
    if op is c.LITERAL:
        return frozenset({_side(av)}), False
    if op is c.IN:
        kinds: set[str] = set()
        for item_op, item_av in av:
            if item_op is c.LITERAL:
                kinds.add(_side(item_av))
            elif item_op is c.RANGE:
                kinds |= {_side(item_av[0]), _side(item_av[1])}
            else:
                return _BOTH, False  # a negated class or a category: any character
        return frozenset(kinds), False
    if op is c.SUBPATTERN:
        return _sequence_start(av[3])
    if op is c.ATOMIC_GROUP:
        return _sequence_start(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, sub = av
        kinds, nullable = _sequence_start(sub)
        return kinds, nullable or low == 0
    if op is c.BRANCH:
        starts = [_sequence_start(alt) for alt in av[1]]
        return frozenset().union(*(k for k, _ in starts)), any(n for _, n in starts)
    return _BOTH, True  # anything else (., a back-reference, ...): assume it may start anywhere


def start_kinds(pattern: str) -> frozenset[str]:
    """ASCII and/or OTHER: the characters a match of ``pattern`` may start with (both when unsure)."""
    try:
        kinds, nullable = _sequence_start(_sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply tried everywhere
        return _BOTH
    return _BOTH if nullable or not kinds else kinds


_DIGITS = range(ord("0"), ord("9") + 1)


def _class_digits(items) -> set[int] | None:
    """The ASCII digits a character class matches; None for a class it cannot read (\\d, \\s: unsure)."""
    c = _sre
    negate, found = False, set()
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            found.update({av} & set(_DIGITS))
        elif op is c.RANGE:
            found.update(d for d in _DIGITS if av[0] <= d <= av[1])
        else:
            return None
    return set(_DIGITS) - found if negate else found


def _one_char_digits(sub) -> set[int] | None:
    """The digits a one-character pattern matches (``[0-9]``, ``[^ ]``, ``x``); None when it is not one character."""
    c = _sre
    if len(sub) != 1:
        return None
    op, av = sub[0]
    if op is c.LITERAL:
        return {av} & set(_DIGITS)
    if op is c.IN:
        return _class_digits(av)
    return None


def _never_after_digit(items) -> bool:
    """True when a match of the sequence cannot start right after an ASCII digit while the character at the
    start is ASCII: it opens with a lookbehind refusing every digit, or one needing a last character that is
    no digit, or it is an alternation whose every branch does (or cannot start with ASCII). False when unsure."""
    c = _sre
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT) and av[0] == -1:  # a lookbehind
            sub = list(av[1])
            if op is c.ASSERT_NOT and _one_char_digits(sub) == set(_DIGITS):
                return True  # (?<![0-9]), (?<![^\n \t])
            last = _one_char_digits(sub[-1:]) if sub else None
            if op is c.ASSERT and last is not None and not last:
                return True  # (?<=[\u4e00-\u9fff]), (?<=中证): the character before is no digit
            continue  # another lookbehind: look at what follows
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        if op is c.SUBPATTERN:
            return _never_after_digit(av[3])
        if op is c.BRANCH:
            return all(_never_after_digit(alt) or _cannot_start_ascii(alt) for alt in av[1])
        return False  # it consumes a character first: unsure, it may
    return False


def _cannot_start_ascii(items) -> bool:
    kinds, nullable = _sequence_start(items)
    return not nullable and ASCII not in kinds


def may_start_after_digit(pattern: str) -> bool:
    """Whether a match of ``pattern`` starting with an ASCII character may follow an ASCII digit (True when unsure)."""
    try:
        return not _never_after_digit(_sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply tried everywhere
        return True


def split_alternation(patterns: Sequence[str], ascii_first: str, other_first: str) -> re.Pattern[str]:
    """One regex matching as ``(?=[first])(?:p1|p2|…)`` does, where ``ascii_first`` and ``other_first`` are
    the ASCII and the other characters of ``[first]`` (every match starts with one of them).

    Falls back to that plain form when the parser is missing or a pattern of the ASCII side has a capturing
    group (the OTHER side comes second, so its group numbers, and any back-reference, stay as written)."""
    wrapped = [f"(?:{p})" for p in patterns]
    plain = rf"(?=[{ascii_first}{other_first}])(?:" + "|".join(wrapped) + ")"
    if _sre_parse is None:
        return re.compile(plain)
    kinds = [start_kinds(p) for p in patterns]
    ascii_side = [w for w, k in zip(wrapped, kinds) if ASCII in k]
    other_side = [w for w, k in zip(wrapped, kinds) if OTHER in k]
    if any(re.compile(p).groups for p, k in zip(patterns, kinds) if ASCII in k):
        return re.compile(plain)
    parts = []
    if ascii_side:
        after_digit = [w for w, p, k in zip(wrapped, patterns, kinds) if ASCII in k and may_start_after_digit(p)]
        parts.append(rf"(?=[{ascii_first}])(?:(?<![0-9])(?:" + "|".join(ascii_side) + ")"
                     + (rf"|(?<=[0-9])(?:" + "|".join(after_digit) + "))" if after_digit else ")"))
    if other_side:
        parts.append(rf"(?=[{other_first}])(?:" + "|".join(other_side) + ")")
    return re.compile("|".join(parts))
