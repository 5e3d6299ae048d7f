"""Property tests: any Unicode text through extract_text never raises, and every record validates
and keeps every span invariant. `scripts/fuzz.py` runs the same property on 100,000+ inputs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews.pipeline import extract_text
from tests.properties import check_records, news_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@SETTINGS
@given(news_text)
def test_news_like_text_never_raises_and_records_hold(text: str) -> None:
    check_records(text, extract_text(text))


@SETTINGS
@given(st.text())
def test_any_unicode_never_raises(text: str) -> None:
    check_records(text, extract_text(text))


def test_lone_surrogates_become_replacement_characters() -> None:
    text = "永川\ud800区签订3个项目。\udfff"
    [record] = extract_text(text)
    check_records(text, [record])
    assert record.text == "永川\ufffd区签订3个项目。\ufffd"
