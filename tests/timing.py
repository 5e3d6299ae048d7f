"""Timing for the growth tests (issue 18): the fastest of a few runs, with the cyclic collector paused as the
pipeline pauses it per document (pipeline/gc_pause.py). A full collection walks every live object, the test
suite's included, and one landing in the large run and not in the small one skewed a ratio (9.5x once in CI for
a linear case)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from zhnews.pipeline.gc_pause import gc_paused


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    """Seconds of the fastest of ``runs`` calls of ``fn``."""
    gc.collect()
    best = float("inf")
    with gc_paused():
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - started)
    return best
