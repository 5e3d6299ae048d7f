"""The folders and environment a run needs, made before Prefect is imported.

Why here: Prefect reads its settings when it is first imported and creates ``PREFECT_HOME``
without its parents; a fresh machine (empty ``$HOME``, a ``ZHNEWS_CACHE`` that does not exist
yet) used to fail with a server time-out after three minutes of tracebacks.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "ZHNEWS_CACHE"


def cache_dir() -> Path:
    """$ZHNEWS_CACHE, else $XDG_CACHE_HOME/zhnews, else ~/.cache/zhnews."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zhnews"


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def prepare_prefect(verbose: bool = False) -> None:
    """A quiet, self-contained local Prefect, unless the user points zhnews at their own.

    Setting PREFECT_API_URL or PREFECT_HOME (or a Prefect profile through PREFECT_PROFILES_PATH)
    keeps the user's Prefect; otherwise the temporary server keeps its state in the zhnews cache.
    """
    own_prefect = any(os.environ.get(k) for k in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_PROFILES_PATH"))
    if not own_prefect:
        os.environ["PREFECT_HOME"] = str(ensure_dir(cache_dir() / "prefect"))
    elif os.environ.get("PREFECT_HOME"):
        ensure_dir(Path(os.environ["PREFECT_HOME"]).expanduser())
    defaults = {
        "PREFECT_LOGGING_LEVEL": "INFO" if verbose else "CRITICAL",  # our one-line errors, not its tracebacks
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
        # Dask's own INFO lines (distributed.scheduler ...) are noise for a zhnews user.
        "DASK_LOGGING__DISTRIBUTED": "info" if verbose else "warning",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
