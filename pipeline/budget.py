"""A per-document time budget: a document that takes too long becomes an error entry, the run goes on.

Two mechanisms, because documents are processed in the main thread (``zhnews extract``), in Prefect's
worker threads and in Dask workers:

- in the main thread, ``signal.setitimer`` raises :class:`OverBudget` wherever extraction is (even
  inside a long regular-expression match, which checks for signals);
- everywhere, :func:`check` between stages (each extractor, each article of a page) raises once the
  deadline has passed. Signals cannot be used outside the main thread, so there the budget is kept
  at stage boundaries: a stage already running finishes first (every stage is linear in the text,
  issue 18, so that is bounded too).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_DOC_SECONDS = 120.0


class OverBudget(Exception):
    """Raised inside extraction when the document's deadline has passed."""

    def __init__(self, seconds: float, stage: str) -> None:
        self.seconds = seconds
        self.stage = stage
        super().__init__(f"still extracting after {seconds:g} s (in {stage})")


class _State(threading.local):
    deadline: float | None = None
    seconds: float = 0.0
    stage: str = "extraction"
    armed: bool = False


_state = _State()


def check(stage: str) -> None:
    """Raise OverBudget if this thread's document is over its deadline; note the stage for the message."""
    _state.stage = stage
    if _state.deadline is not None and time.monotonic() > _state.deadline:
        raise OverBudget(_state.seconds, stage)


def _on_alarm(signum: int, frame: object) -> None:
    if _state.armed:
        _state.armed = False
        raise OverBudget(_state.seconds, _state.stage)


def _start_alarm(seconds: float) -> object | None:
    """The previous SIGALRM handler if the alarm is set; None where signals cannot be used."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return None
    try:
        if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
            return None  # someone else's timer: do not take it over
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    except (ValueError, OSError):  # not the main interpreter, or no SIGALRM here
        return None
    _state.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous if previous is not None else signal.SIG_DFL


def _stop_alarm(previous: object) -> None:
    try:
        _state.armed = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)  # type: ignore[arg-type]


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` (None or <= 0: no budget). Not reentrant on purpose:
    an inner budget replaces the outer one for its duration and restores it after."""
    if seconds is None or seconds <= 0:
        yield
        return
    saved = (_state.deadline, _state.seconds, _state.stage)
    _state.deadline, _state.seconds, _state.stage = time.monotonic() + seconds, seconds, "extraction"
    previous = _start_alarm(seconds) if saved[0] is None else None
    try:
        yield
    finally:
        try:
            if previous is not None:
                _stop_alarm(previous)
        finally:
            _state.deadline, _state.seconds, _state.stage = saved
