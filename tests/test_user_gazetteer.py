"""A data team's own gazetteer entries change the extraction: matching, linking and segmentation."""

from __future__ import annotations

from pathlib import Path

from zhnews.pipeline import extract_text
from zhnews.pipeline.assemble import Settings, get_engine

TEXT = "昨天，上万名游客来到茶山竹海景区游览。"


def _user_file(tmp_path: Path) -> Path:
    path = tmp_path / "my_orgs.csv"
    path.write_text("name,type,aliases,id\n茶山竹海,LOC,茶竹,MY-001\n", encoding="utf-8")
    return path


def test_added_name_becomes_a_linked_entity(tmp_path: Path) -> None:
    [before] = extract_text(TEXT)
    assert not [e for e in before.entities if e.text == "茶山竹海"]
    settings = Settings(gazetteer_files=(str(_user_file(tmp_path)),))
    [after] = extract_text(TEXT, settings=settings)
    [place] = [e for e in after.entities if e.text == "茶山竹海"]
    assert (place.label, place.kb_id) == ("LOC", "MY-001")
    assert after.gazetteer_version != before.gazetteer_version


def test_added_name_is_a_jieba_user_word(tmp_path: Path) -> None:
    settings = Settings(gazetteer_files=(str(_user_file(tmp_path)),))
    assert "茶山竹海" in get_engine(settings).segmenter.cut(TEXT)
    assert "茶山竹海" not in get_engine(Settings()).segmenter.cut(TEXT)


def test_config_file_names_the_gazetteer(tmp_path: Path, monkeypatch) -> None:
    from zhnews.pipeline.config import resolve_options

    _user_file(tmp_path)
    (tmp_path / "zhnews.toml").write_text('[run]\ngazetteers = ["my_orgs.csv"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert resolve_options(None).gazetteers == (str(tmp_path / "my_orgs.csv"),)
