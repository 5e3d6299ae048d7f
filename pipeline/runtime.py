"""The folders and environment a run needs, made before Prefect is imported.

Why here: Prefect reads its settings when it is first imported and creates ``PREFECT_HOME``
without its parents; a fresh machine (empty ``$HOME``, a ``ZHNEWS_CACHE`` that does not exist
yet) used to fail with a server time-out after three minutes of tracebacks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

CACHE_ENV = "ZHNEWS_CACHE"
RUN_TOKEN_ENV = "ZHNEWS_RUN_TOKEN"  # inherited by everything a run starts: how the watchdog finds it

# The watchdog, a separate small process: it blocks on a pipe whose only writer is the run, so the kernel
# wakes it when the run ends in any way (SIGKILL included); it then ends every process that carries the
# run's token in its environment (the temporary Prefect server, a local Dask cluster), TERM then KILL.
_WATCHDOG = r"""
import os, select, signal, sys, time
token, parent = sys.argv[1].encode(), int(sys.argv[2])
mark = b"ZHNEWS_RUN_TOKEN=" + token
while True:
    ready, _, _ = select.select([0], [], [], 1.0)
    if (ready and not os.read(0, 1)) or os.getppid() != parent:
        break

def carriers():
    found = []
    if os.path.isdir("/proc/self"):
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) != os.getpid():
                try:
                    with open(f"/proc/{name}/environ", "rb") as handle:
                        if mark in handle.read().split(b"\0"):
                            found.append(int(name))
                except OSError:
                    pass
        return found
    try:
        import psutil
    except ImportError:
        return found
    for proc in psutil.process_iter():
        try:
            if proc.pid != os.getpid() and proc.environ().get("ZHNEWS_RUN_TOKEN") == token.decode():
                found.append(proc.pid)
        except (psutil.Error, OSError):
            pass
    return found

for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 0.0)):
    left = carriers()
    for pid in left:
        try:
            os.kill(pid, sig)
        except OSError:
            pass
    deadline = time.monotonic() + grace
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = carriers()
    if not left:
        break
"""
_watchdog: subprocess.Popen | None = None
_watchdog_pipe: int | None = None


def cache_dir() -> Path:
    """$ZHNEWS_CACHE, else $XDG_CACHE_HOME/zhnews, else ~/.cache/zhnews."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zhnews"


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def prepare_prefect(verbose: bool = False, watch: bool = True) -> None:
    """A quiet, self-contained local Prefect, unless the user points zhnews at their own.

    Setting PREFECT_API_URL or PREFECT_HOME (or a Prefect profile through PREFECT_PROFILES_PATH)
    keeps the user's Prefect; otherwise the temporary server keeps its state in the zhnews cache.
    ``watch`` starts the watchdog that ends the temporary server (and any process the run started)
    with the run, even when the run is killed.
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
    if watch:
        start_watchdog()


def start_watchdog() -> None:
    """Whatever ends this process, even SIGKILL, the processes it started end too (issue 18, finding 9).

    Why not Prefect's own clean-up: the temporary server is stopped by an atexit hook, which SIGKILL skips,
    and Prefect gives no hook to set a parent-death signal on it (which Linux would also fire when the
    thread that started it ends). Once per process; call it before Prefect starts anything.
    """
    global _watchdog, _watchdog_pipe
    if _watchdog is not None:
        return
    token = f"{os.getpid()}-{time.time_ns()}"
    read_end, write_end = os.pipe()  # not inherited by other children: only this process holds the writer
    env = {k: v for k, v in os.environ.items() if k != RUN_TOKEN_ENV}
    try:
        _watchdog = subprocess.Popen([sys.executable, "-I", "-c", _WATCHDOG, token, str(os.getpid())], stdin=read_end,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                     start_new_session=True)  # Ctrl-C in the terminal does not reach it
    except OSError:
        os.close(write_end)
        return
    finally:
        os.close(read_end)
    _watchdog_pipe = write_end
    os.environ[RUN_TOKEN_ENV] = token
