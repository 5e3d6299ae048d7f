"""The per-span path made cheaper (issue 18): the collector paused per document and per report, and the
cached numeral readings and first-character guards giving the same answers as the slow path."""

from __future__ import annotations

import gc
import threading

import pytest

from zhnews.extractors import numbers, quantities
from zhnews.pipeline import assemble, report
from zhnews.pipeline.assemble import extract_text
from zhnews.pipeline.gc_pause import gc_paused
from zhnews.pipeline.report import render_report


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_paused_inside_and_back_on_after(collector_on) -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: still off, and the inner exit does not turn it on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_exception(collector_on) -> None:
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_left_off_when_the_caller_had_it_off(collector_on) -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_threads_leave_it_on(collector_on) -> None:
    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        with gc_paused():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=worker)
    t.start()
    inside.wait(5)
    with gc_paused():  # enters while the worker holds it off, leaves before the worker
        pass
    release.set()
    t.join()
    assert gc.isenabled()


def test_document_and_report_run_with_the_collector_paused(collector_on, monkeypatch) -> None:
    seen: list[tuple[str, bool]] = []
    build, render = assemble.build_record, report._render

    def spy_build(*args, **kwargs):
        seen.append(("build", gc.isenabled()))
        return build(*args, **kwargs)

    def spy_render(*args, **kwargs):
        seen.append(("report", gc.isenabled()))
        return render(*args, **kwargs)

    monkeypatch.setattr(assemble, "build_record", spy_build)
    monkeypatch.setattr(report, "_render", spy_render)
    records = extract_text("重庆市政府与中国建筑集团有限公司3日签约，总投资约120亿元。", page=False)
    render_report(records, [])
    assert seen == [("build", False), ("report", False)]
    assert gc.isenabled()
    assert [q.text for q in records[0].quantities] == ["约120亿元"]


@pytest.mark.parametrize("s", ["3", "十多万", "两三千", "3000余", "1.5万", "半百", "七八", "负1.1", "一二三", "乱"])
def test_cached_reading_equals_the_parsers(s: str) -> None:
    text = "xx" + s + "yy"
    num = numbers.read_numeral(text, 2, 2 + len(s))
    value, rng = numbers.parse_number(s), numbers.parse_range(s)
    if value is None and rng is None:
        assert num is None
        return
    assert (num.start, num.end, num.text) == (2, 2 + len(s), s)
    assert (num.value, num.low, num.high) == ((value, None, None) if value is not None else (None, *rng))
    inner = [c for c in s[1:] if c in "多余几幾来"]
    assert num.approx == (inner[0] if inner else None)


def test_first_character_guards_cover_every_word() -> None:
    """A guard skips a regex only where no word can start: every word's first character is in it."""
    data = quantities._DATA
    for guard, words in ((quantities._UNIT_FIRST, list(data.units)), (quantities._CONN_FIRST, data.connectors),
                         (quantities._APPROX_AFTER_FIRST, data.approx_after)):
        assert guard is not None and guard == {w[0] for w in words}
    assert quantities._first_chars(["至", ""]) is None  # an empty word matches anywhere: no guard
    assert quantities._connector_at("3至5个", 1) is not None and quantities._connector_at("3个", 1) is None
