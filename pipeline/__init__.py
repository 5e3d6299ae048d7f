"""zhnews pipeline: ingest, normalise, split, segment, assemble records, outputs.

``from zhnews.pipeline import extract_text`` (or ``zhnews.extract_text``) is the Python API (no Prefect involved).
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_text"]


def __getattr__(name: str) -> Any:
    if name == "extract_text":
        from zhnews.pipeline.assemble import extract_text

        return extract_text
    raise AttributeError(name)
