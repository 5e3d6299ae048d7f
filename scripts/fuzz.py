"""The fuzz run of `make bench`: the property of tests/test_properties.py on many generated inputs.

Not in CI (it takes minutes); prints how many inputs ran and how many failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from zhnews.pipeline import extract_text
    from tests.properties import check_records, news_text

    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=100_000)
    args = parser.parse_args()
    counter = {"n": 0}

    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(news_text, st.text()))
    def prop(text: str) -> None:
        counter["n"] += 1
        check_records(text, extract_text(text))

    t0 = time.perf_counter()
    try:
        prop()
    except Exception as exc:  # noqa: BLE001 - report the minimal failing input and fail
        print(f"fuzz: FAILED after {counter['n']:,} inputs: {type(exc).__name__}: {exc}")
        return 1
    print(f"fuzz: {counter['n']:,} generated inputs through extract_text, 0 failures "
          f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
