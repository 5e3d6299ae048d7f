"""Progress of a run, shown by whoever started it: a bar on a terminal, a line per batch in a log.

The flow reports through :func:`current`; the CLI installs a display with :func:`use`. A flow run
started by a Prefect worker installs nothing and reports only to its Prefect log.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import IO, Iterator, Protocol


class Progress(Protocol):
    def start(self, batches: int, chars: int) -> None: ...
    def advance(self, docs: int, chars: int, reused: bool) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    def start(self, batches: int, chars: int) -> None:
        pass

    def advance(self, docs: int, chars: int, reused: bool) -> None:
        pass

    def close(self) -> None:
        pass


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class _Counts:
    def __init__(self) -> None:
        self.batches = self.chars = self.done_batches = self.done_chars = self.reused = 0
        self.began = time.monotonic()
        self.fresh_chars = 0  # characters extracted now, not reused: the honest speed
        self.fresh_seconds = 0.0
        self._last = time.monotonic()

    def begin(self, batches: int, chars: int) -> None:
        self.batches, self.chars = batches, chars
        self._last = time.monotonic()

    def add(self, chars: int, reused: bool) -> None:
        """One batch finished; its time is the time since the previous one finished."""
        now = time.monotonic()
        seconds, self._last = now - self._last, now
        self.done_batches += 1
        self.done_chars += chars
        if reused:
            self.reused += 1
        else:
            self.fresh_chars += chars
            self.fresh_seconds += seconds

    def speed(self) -> float:
        return self.fresh_chars / self.fresh_seconds if self.fresh_seconds > 0 else 0.0

    def eta(self) -> str:
        speed = self.speed()
        return _clock((self.chars - self.done_chars) / speed) if speed else "?"


class LineProgress:
    """One line per finished batch, on stderr: logs and CI stay readable."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.counts = _Counts()

    def start(self, batches: int, chars: int) -> None:
        self.counts.begin(batches, chars)

    def advance(self, docs: int, chars: int, reused: bool) -> None:
        c = self.counts
        c.add(chars, reused)
        how = "reused" if reused else f"{c.speed():,.0f} chars/s, ETA {c.eta()}"
        print(f"zhnews: batch {c.done_batches}/{c.batches} · {docs} docs · {chars:,} chars · {how}",
              file=self.stream, flush=True)

    def close(self) -> None:
        pass


class BarProgress:
    """A rich progress bar over characters, with batches, speed, ETA and reused batches."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn

        self.counts = _Counts()
        self._bar = RichProgress(
            TextColumn("zhnews"), BarColumn(), TextColumn("{task.fields[batches]}"),
            TextColumn("{task.fields[speed]}"), TimeRemainingColumn(), TextColumn("{task.fields[reused]}"),
            console=Console(stderr=True), transient=True,
        )
        self._task = None

    def start(self, batches: int, chars: int) -> None:
        self._bar.start()
        self._task = self._bar.add_task("run", total=max(chars, 1), batches=f"0/{batches} batches",
                                        speed="", reused="")
        self.counts.begin(batches, chars)

    def advance(self, docs: int, chars: int, reused: bool) -> None:
        c = self.counts
        c.add(chars, reused)
        self._bar.update(self._task, advance=chars, batches=f"{c.done_batches}/{c.batches} batches",
                         speed=f"{c.speed():,.0f} chars/s" if c.speed() else "",
                         reused=f"{c.reused} reused" if c.reused else "")

    def close(self) -> None:
        self._bar.stop()


_current: Progress = NoProgress()


def current() -> Progress:
    return _current


@contextmanager
def use(progress: Progress) -> Iterator[Progress]:
    global _current
    previous, _current = _current, progress
    try:
        yield progress
    finally:
        progress.close()
        _current = previous


def for_terminal(stream: IO[str] | None = None, quiet: bool = False) -> Progress:
    """A bar on a terminal, a line per batch elsewhere, nothing with --quiet."""
    stream = stream or sys.stderr
    if quiet:
        return NoProgress()
    return BarProgress() if stream.isatty() else LineProgress(stream)
