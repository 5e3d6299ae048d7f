"""One run per output folder: a lock file in ``--out`` holding the holder's pid and host.

Why: two runs on one folder deleted each other's batch files (the first to finish drops every
batch file that is not its own) and the second lost its records. The lock is ``fcntl.flock`` on
``<out>/.zhnews.lock``: the kernel drops it when the holder dies, even by SIGKILL, so a lock file
left behind by a killed run is stale by construction and is taken over with a warning; the pid
and host written in it are for the message only. Only the flow's driver process takes the lock
(the CLI, then the flow itself, re-entrantly); Dask workers write batch files under its cover.
flock works on local file systems (and NFS v4 on Linux); POSIX only.
"""

from __future__ import annotations

import atexit
import fcntl
import functools
import inspect
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from zhnews.pipeline.errors import UserError

LOCK_NAME = ".zhnews.lock"
POLL_SECONDS = 0.2

F = TypeVar("F", bound=Callable[..., Any])


class OutLocked(UserError):
    """Another run holds the output folder (exit code 1: the command could not do its job)."""


@dataclass(slots=True)
class _Held:
    fd: int
    path: Path
    depth: int = 1


_HELD: dict[str, _Held] = {}  # per process: the CLI takes the lock, then the flow in the same process again


@atexit.register
def _release_all() -> None:
    """A process that ends on an error or Ctrl-C leaves no lock file behind (only SIGKILL does)."""
    for held in list(_HELD.values()):
        held.depth = 1
        release(held)


def lock_path(out_dir: Path | str) -> Path:
    return Path(out_dir) / LOCK_NAME


def read_holder(path: Path) -> dict[str, Any]:
    """What a lock file says about its holder ({} when empty or unreadable)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def describe(holder: dict[str, Any]) -> str:
    if not holder:
        return "another zhnews run"
    since = holder.get("started")
    when = time.strftime(" since %Y-%m-%d %H:%M:%S UTC", time.gmtime(since)) if isinstance(since, (int, float)) else ""
    return f"zhnews run pid {holder.get('pid', '?')} on host {holder.get('host', '?')}{when}"


def _say(message: str) -> None:
    print(f"zhnews: {message}", file=sys.stderr, flush=True)


def _try_lock(path: Path) -> int | None:
    """An fd holding the flock on the file now at ``path``, or None when another process holds it.

    A holder that finishes unlinks the file; whoever was waiting on the old inode retries on the new one.
    """
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # unlinked between our open and our flock: lock the new file instead


def acquire(out_dir: Path | str, *, wait: bool = False, say: Callable[[str], None] = _say) -> _Held:
    """Take the folder's lock, or raise OutLocked naming the holder (``wait``: until it is free)."""
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    held = _HELD.get(key)
    if held is not None:
        held.depth += 1
        return held
    told = False
    while (fd := _try_lock(path)) is None:
        holder = describe(read_holder(path))
        if not wait:
            raise OutLocked(f"--out {out_dir} is in use by {holder}; wait for it (--wait), or choose another --out")
        if not told:
            say(f"--out {out_dir} is in use by {holder}; waiting for it to finish")
            told = True
        time.sleep(POLL_SECONDS)
    previous = read_holder(path)
    if previous:  # a holder that finishes removes its file: this one was left by a run that was killed
        say(f"warning: took over a stale lock on --out {out_dir} left by {describe(previous)}, "
            f"which is gone (killed?); its finished batches are reused")
    info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}  # no argv: a --db URL has a password
    os.ftruncate(fd, 0)
    os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
    held = _HELD[key] = _Held(fd=fd, path=path)
    return held


def release(held: _Held) -> None:
    """Unlink while still holding the flock, then close: the file never names a run that is gone."""
    held.depth -= 1
    if held.depth > 0:
        return
    _HELD.pop(str(held.path.resolve()), None)
    try:
        held.path.unlink(missing_ok=True)
    finally:
        os.close(held.fd)


@contextmanager
def hold_out(out_dir: Path | str, *, wait: bool = False) -> Iterator[None]:
    held = acquire(out_dir, wait=wait)
    try:
        yield
    finally:
        release(held)


def locked_out(fn: F) -> F:
    """For the flow: hold its output folder's lock for the whole run (re-entrant in the CLI's process).

    The folder is resolved exactly as the flow resolves it (a parameter, else zhnews.toml).
    """
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from zhnews.pipeline.config import resolve_options

        given = signature.bind(*args, **kwargs).arguments  # Prefect passes parameters positionally too
        out = given.get("out_dir")
        if out is None:
            out = resolve_options(given.get("config"), out=None).out
        with hold_out(out):
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
