"""Progress display: a bar on a terminal, one line per batch elsewhere, nothing with --quiet."""

from __future__ import annotations

import io

from zhnews.pipeline import progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_display_fits_where_it_writes() -> None:
    assert isinstance(progress.for_terminal(_Tty()), progress.BarProgress)
    assert isinstance(progress.for_terminal(io.StringIO()), progress.LineProgress)
    assert isinstance(progress.for_terminal(_Tty(), quiet=True), progress.NoProgress)


def test_line_per_batch_with_counts_speed_and_reuse() -> None:
    out = io.StringIO()
    display = progress.LineProgress(out)
    display.start(batches=2, chars=3000)
    display.advance(docs=4, chars=1000, reused=True)
    display.advance(docs=5, chars=2000, reused=False)
    first, second = out.getvalue().splitlines()
    assert first == "zhnews: batch 1/2 · 4 docs · 1,000 chars · reused"
    assert second.startswith("zhnews: batch 2/2 · 5 docs · 2,000 chars · ") and "chars/s, ETA 0:00:00" in second


def test_use_restores_the_previous_display() -> None:
    before = progress.current()
    with progress.use(progress.LineProgress(io.StringIO())) as shown:
        assert progress.current() is shown
    assert progress.current() is before
