"""zhnews: Chinese newspaper pages to structured, validated JSON records.

The repository root is the ``zhnews`` package (``package-dir`` in pyproject.toml), so the
folders the user asked for (``pipeline/``, ``extractors/``, ``gazetteers/``, ``flows.py``)
install as ``zhnews.pipeline`` and so on, and nothing generic lands at the top of site-packages.

    import zhnews
    records = zhnews.extract_text("……", source="page.txt")
"""

from __future__ import annotations

import warnings
from typing import Any

# jieba 0.42 imports pkg_resources, which setuptools 80 deprecates with a warning on every start; jieba
# falls back to plain files without it. The warning says nothing a zhnews user can act on.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning, module="jieba")

from zhnews.pipeline.version import PIPELINE_VERSION as __version__

__all__ = ["__version__", "extract_text"]


def __getattr__(name: str) -> Any:
    # Lazy: `zhnews --version` and `zhnews schema` should not pay for loading the extractors.
    if name == "extract_text":
        from zhnews.pipeline.assemble import extract_text

        return extract_text
    raise AttributeError(f"module 'zhnews' has no attribute {name!r}")
