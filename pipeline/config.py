"""Run options from three places, in this order of precedence: the command line (or the flow's
parameters), ``zhnews.toml``, built-in defaults.

One function resolves them for both the CLI and the Prefect flow, so a scheduled flow run with no
parameters does the same work as ``zhnews run`` in the folder that holds ``zhnews.toml``.
A broken config file is a :class:`ConfigError`: one line naming the file and the problem.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from zhnews.pipeline.errors import UserError
from zhnews.pipeline.ingest import FOLDER_GLOBS

CONFIG_NAME = "zhnews.toml"
CONFIG_ENV = "ZHNEWS_CONFIG"
SEGMENTERS = ("jieba", "pkuseg")


class ConfigError(UserError):
    """zhnews.toml (or a file it names) is missing or malformed."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Everything ``zhnews run`` and the ``extract_news`` flow need, resolved and checked."""

    inputs: tuple[str, ...] = ()
    out: str = "out"
    segmenter: str = "jieba"
    hmm: bool = True
    gazetteers: tuple[str, ...] = ()
    db: str | None = None
    batch_chars: int = 200_000
    report: bool = True
    glob: tuple[str, ...] = FOLDER_GLOBS
    doc_seconds: float = 120.0  # per-document time budget; over it a document is an E017 error entry; 0: none
    config_path: str | None = field(default=None, compare=False)


_TYPES: dict[str, tuple[type, ...]] = {
    "inputs": (list,), "out": (str,), "segmenter": (str,), "hmm": (bool,), "gazetteers": (list,),
    "db": (str,), "batch_chars": (int,), "report": (bool,), "glob": (list,),
    "doc_seconds": (int, float),
}
_PATH_LISTS = ("inputs", "gazetteers")


def find_config(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """--config, then $ZHNEWS_CONFIG, then ./zhnews.toml; a named file that is missing is an error."""
    named = explicit or os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            source = "--config" if explicit else f"${CONFIG_ENV}"
            raise ConfigError(f"config file {path} ({source}) not found")
        return path
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


def read_config(path: Path) -> dict[str, Any]:
    """The ``[run]`` table, checked key by key; relative paths are taken from the file's folder."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    unknown_tables = sorted(set(data) - {"run"})
    if unknown_tables:
        raise ConfigError(f"{path}: unknown table(s) {unknown_tables}; zhnews reads only [run]")
    run = data.get("run", {})
    if not isinstance(run, dict):
        raise ConfigError(f"{path}: 'run' must be a table ([run])")
    unknown = sorted(set(run) - set(_TYPES))
    if unknown:
        raise ConfigError(f"{path}: [run] unknown key(s) {unknown}; allowed: {sorted(_TYPES)}")
    for key, value in run.items():
        expected = _TYPES[key]
        if not isinstance(value, expected) or (type(value) is bool and bool not in expected):
            names = " or ".join(t.__name__ for t in expected)
            raise ConfigError(f"{path}: [run] {key} = {value!r} should be a {names}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [run] {key} should be a list of strings")
    base = path.resolve().parent
    for key in _PATH_LISTS:
        if key in run:
            run[key] = [str(base / p) for p in run[key]]
    if "out" in run:
        run["out"] = str(base / run["out"])
    return run


def resolve_options(config: str | os.PathLike[str] | None = None, **given: Any) -> RunOptions:
    """Merge given values (None means 'not given') over the config file over the defaults."""
    path = find_config(config)
    from_file = read_config(path) if path else {}
    names = {f.name for f in fields(RunOptions)} - {"config_path"}
    values: dict[str, Any] = {}
    for name in names:
        value = given.get(name)
        if value is None or (name in ("inputs", "gazetteers", "glob") and not value):
            value = from_file.get(name)
        if value is not None:
            values[name] = tuple(value) if isinstance(value, list) else value
    options = RunOptions(config_path=str(path) if path else None, **values)
    if options.segmenter not in SEGMENTERS:
        raise ConfigError(f"segmenter {options.segmenter!r} is unknown; use one of {list(SEGMENTERS)}")
    if options.batch_chars < 1:
        raise ConfigError(f"batch_chars must be positive, not {options.batch_chars}")
    if not options.doc_seconds >= 0:  # also refuses NaN
        raise ConfigError(f"doc_seconds must be 0 (no budget) or more, not {options.doc_seconds}")
    return options
