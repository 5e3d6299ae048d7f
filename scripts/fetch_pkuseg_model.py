"""Unpack pkuseg's pretrained default model from the pkuseg 0.0.25 sdist on the package index.

spacy-pkuseg ships no model and its named models download from the internet (not reachable
here); the old pkuseg source distribution carries the default model, so pip can fetch it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

CACHE = Path(os.environ.get("ZHNEWS_CACHE", Path.home() / ".cache" / "zhnews"))
TARGET = CACHE / "pkuseg" / "default"
FILES = ("features.pkl", "weights.npz")


def main() -> int:
    if all((TARGET / f).exists() for f in FILES):
        print(f"pkuseg model already at {TARGET}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        # the sdist builds its metadata with setuptools + wheel (and numpy) from this environment
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "setuptools", "wheel"], check=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "--no-build-isolation", "pkuseg==0.0.25", "-d", tmp], check=True)
        [sdist] = Path(tmp).glob("pkuseg-0.0.25*")
        TARGET.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                parts = Path(member.name).parts
                if parts[-3:-1] == ("models", "default") and parts[-1] in FILES:
                    member.name = parts[-1]
                    tar.extract(member, TARGET, filter="data")
    missing = [f for f in FILES if not (TARGET / f).exists()]
    if missing:
        print(f"pkuseg sdist did not contain {missing}", file=sys.stderr)
        return 1
    print(f"pkuseg model unpacked to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
