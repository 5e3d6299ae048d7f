"""Which failures a retry can cure. Prefect calls :func:`worth_retrying` before retrying a task.

A full disk, a read-only or forbidden folder, a bad gazetteer or config fail the same way a second
time: retrying them only delays the error (and repeats it in the log).
"""

from __future__ import annotations

import errno
from typing import Any

from zhnews.gazetteers.loader import GazetteerError
from zhnews.pipeline.errors import UserError

_PERMANENT_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM,
                               errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG})


def is_permanent(exc: BaseException) -> bool:
    if isinstance(exc, (UserError, GazetteerError)):
        return True
    return isinstance(exc, OSError) and exc.errno in _PERMANENT_ERRNOS


def worth_retrying(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry_condition_fn: retry unless the failure is permanent."""
    try:
        state.result()
    except Exception as exc:  # noqa: BLE001 - we only classify it; Prefect raises it afterwards
        return not is_permanent(exc)
    return True
