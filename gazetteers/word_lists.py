"""One reader for the plain word lists under gazetteers/ (one entry per line, `#` starts a comment line).

Why: a dozen rule modules read such lists; one reader keeps their format the same everywhere.
"""

from __future__ import annotations

from pathlib import Path


def read_word_list(path: Path) -> tuple[str, ...]:
    """The entries of ``path`` in file order, each stripped; blank lines and lines starting with # skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
