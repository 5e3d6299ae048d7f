"""jieba's own dictionary (dict.txt, MIT), read from the installed package: the word lists and
models built from it (place words, name model, collective words, verbs) and the entity rules'
part-of-speech look-ups all read it through here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def jieba_entries() -> Iterator[tuple[str, int, str]]:
    """(word, frequency, tag) for every well-formed line, in file order."""
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                yield parts[0], int(parts[1]), parts[2]
