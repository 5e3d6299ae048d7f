"""The cyclic garbage collector paused while one document is processed (issue 18: span-dense text).

Every span makes container objects (matches, dicts, pydantic models); CPython's collector runs every
700 new containers and, on full passes, walks every live one, including the records being built. On a
text carrying 250,000 quantities per MB that was ~30% of the run (and ~5% on ordinary news). Nearly all
of a document's garbage is freed by reference counting anyway: the collector is paused for the document
only and runs as usual afterwards, so a long run keeps no more cyclic garbage than one document makes.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collector off inside, back on afterwards unless someone else had turned it off (nests, and
    threads that overlap leave it on once the last one that found it on is done)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
