"""Charts drawn without a Chinese font: no warning per glyph (a run printed hundreds), one note on the page."""

from __future__ import annotations

import warnings

import pytest

from zhnews.pipeline import charts


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "_fonts", lambda: ["DejaVu Sans"])


def test_no_glyph_warnings_without_a_chinese_font(no_cjk_font: None) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = charts.bar_chart(["签约", "投资"], [3, 5], "按月签约", xlabel="亿元")
        svg += charts.network_chart([("重庆市政府", "中国建筑", 2)], "签约网络")
    assert svg.count("<svg") == 2
    assert [str(w.message) for w in caught if "Glyph" in str(w.message)] == []
    assert "No Chinese font" in charts.missing_font_note()


def test_no_note_with_a_chinese_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "_fonts", lambda: ["WenQuanYi Micro Hei", "DejaVu Sans"])
    assert charts.missing_font_note() == ""


def test_other_warnings_still_show(no_cjk_font: None) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with charts._style():
            warnings.warn("something else", UserWarning)
    assert [str(w.message) for w in caught] == ["something else"]
