"""Where pkuseg's model lives, whether it is there, and how to get it without the internet.

spacy-pkuseg ships no model and its named models download from a host these machines cannot
reach; the pkuseg 0.0.25 source distribution on the package index carries the pretrained default
model, so pip can fetch it. ``zhnews pkuseg-model`` does that (for a wheel user as for a checkout).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from zhnews.pipeline.errors import UserError
from zhnews.pipeline.runtime import cache_dir

MODEL_ENV = "ZHNEWS_PKUSEG_MODEL"
FILES = ("features.pkl", "weights.npz")
SDIST = "pkuseg==0.0.25"


class MissingModel(UserError):
    pass


def model_dir() -> Path:
    return Path(os.environ.get(MODEL_ENV) or cache_dir() / "pkuseg" / "default")


def require_model() -> Path:
    """The model folder, or one line saying how to get it (checked once, before any document)."""
    path = model_dir()
    missing = [f for f in FILES if not (path / f).is_file()]
    if missing:
        raise MissingModel(
            f"--segmenter pkuseg needs its model, and {path} has no {', '.join(missing)}: "
            f"run `zhnews pkuseg-model` once (fetches it from the package index), or set {MODEL_ENV}"
        )
    return path


def fetch_model() -> Path:
    """Unpack the default model from the pkuseg sdist into model_dir(); a no-op when present."""
    target = model_dir()
    if all((target / f).is_file() for f in FILES):
        return target
    with tempfile.TemporaryDirectory() as tmp:
        # --no-binary + --no-build-isolation: pip only downloads the sdist (its metadata step needs
        # setuptools, wheel and numpy from this environment), nothing is built or installed.
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "setuptools<81", "wheel"], check=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "--no-build-isolation", SDIST, "-d", tmp], check=True)
        [sdist] = Path(tmp).glob("pkuseg-0.0.25*")
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                parts = Path(member.name).parts
                if parts[-3:-1] == ("models", "default") and parts[-1] in FILES:
                    member.name = parts[-1]
                    tar.extract(member, target, filter="data")
    return require_model()
