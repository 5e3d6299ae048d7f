"""The built wheel: one top-level name (``zhnews``), every subpackage and data file, working entry points.

A PyPI package called ``pipeline`` once overwrote ours in site-packages; a wheel whose only top-level
name is ``zhnews`` cannot collide like that.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_PAGE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the source, so setuptools' build/ and egg-info never land in the working tree
    source = tmp_path_factory.mktemp("src") / "zhnews"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "out", ".cache", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
    # --no-build-isolation: the venv's setuptools (a dev dependency), no download
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    [path] = out.glob("zhnews-*.whl")
    return path


def _packages_in_tree() -> set[str]:
    found = {"zhnews"}
    for top in ("pipeline", "extractors", "gazetteers"):
        for init in (ROOT / top).rglob("__init__.py"):
            found.add("zhnews." + ".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_wheel_installs_only_zhnews_at_the_top(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"zhnews"}
    packages = {n.rsplit("/", 1)[0].replace("/", ".") for n in names if n.endswith("/__init__.py")}
    assert packages == _packages_in_tree()  # a new subpackage not listed in pyproject.toml fails here
    for needed in ("zhnews/flows.py", "zhnews/cli.py", "zhnews/__main__.py",
                   "zhnews/gazetteers/models/tagger.crfsuite", "zhnews/gazetteers/places/divisions.tsv"):
        assert needed in names
    assert not [n for n in names if n.startswith(("zhnews/tests/", "zhnews/scripts/", "zhnews/fixtures/"))]


def test_wheel_entry_points(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    [entry_points] = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "zhnews = zhnews.cli:main" in text
    assert "zhnews_entities = zhnews.extractors.components:make_entities" in text


def test_installed_wheel_runs_and_registers_the_spacy_factory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = dict(os.environ, PYTHONPATH=str(target))  # the wheel's copy comes before the editable checkout
    version = subprocess.run([sys.executable, "-m", "zhnews", "--version"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("zhnews "), version.stderr
    probe = (
        "import spacy, zhnews\n"
        f"assert zhnews.__file__.startswith({str(target)!r}), zhnews.__file__\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('zhnews_entities')\n"  # found through the spacy_factories entry point, no import of ours
        "nlp.initialize()\n"
        f"doc = nlp(open({str(SAMPLE_PAGE)!r}, encoding='utf-8').read()[:400])\n"
        "print(len(doc.spans['zhnews_entities']))\n"
        "print(len(zhnews.extract_text('本报讯 记者王迪报道，江北区人民政府与重庆大学签署合作协议。')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    spans, records = map(int, proc.stdout.split())
    assert spans > 0 and records == 1
