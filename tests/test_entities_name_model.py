"""The generated name model (gazetteers/people/name_model.tsv) is reproducible and is read as data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_name_model_regenerates_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "name_model.tsv"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_name_model.py"), "--out", str(out)], check=True)
    committed = (ROOT / "gazetteers" / "people" / "name_model.tsv").read_bytes()
    assert out.read_bytes() == committed, "name_model.tsv differs from a fresh build: run scripts/build_name_model.py"


def test_name_model_separates_name_characters_from_function_words() -> None:
    from zhnews.extractors.entity_lexicon import load_lexicon

    lex = load_lexicon()
    assert lex.given_llr["芳"] > 2 > 0 > lex.given_llr["的"]
    assert lex.surname_llr["王"] > lex.surname_llr["由"]
