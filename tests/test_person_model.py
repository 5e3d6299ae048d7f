"""The learned person tagger: the shipped model matches its metadata, tags names the rules split,
leaves common words alone, trains reproducibly, and its absence costs only the tagger."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import extractors.person_model as person_model
from extractors.crf_features import FEATURE_VERSION, char_features, sentence_bounds
from extractors.entities import extract_entities
from extractors.entity_text import build_ctx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_person_model  # noqa: E402

# Word/tag lines in the corpus format (invented sentences, not corpus text).
TINY_CORPUS = """\
记者/n  王/nr  小明/nr  报道/v  ：/w  市长/n  李/nr  华/nr  今天/t  会见/v  了/u  客人/n  。/w
总统/n  克林顿/nr  说/v  ，/w  两/m  国/n  关系/n  很/d  好/a  。/w
李/nr  鹏/nr  乔/nr  石/nr  出席/v  会议/n  。/w
小渊/nr  惠三/nr  访问/v  北京/ns  。/w
用/p  中国/ns  人/n  的/u  智慧/n  建设/v  家乡/n  。/w
"""


def _people(text: str) -> list[str]:
    return [e.text for e in extract_entities(text) if e.label == "PERSON"]


def test_shipped_model_matches_its_metadata() -> None:
    meta = json.loads(person_model.META_FILE.read_text(encoding="utf-8"))
    assert meta["feature_version"] == FEATURE_VERSION
    assert meta["model_sha256"] == hashlib.sha256(person_model.MODEL_FILE.read_bytes()).hexdigest()
    assert person_model.default_tagger() is not None


@pytest.mark.parametrize(("text", "name"), [
    ("我叫姚胜利，1994年，我们一家三口来到这里。", "姚胜利"),  # jieba: 姚 / 胜利
    ("弗拉内舍维奇认为入侵的程度可能比政府估计的严重。", "弗拉内舍维奇"),
    ("刘彦彬最头痛的是贫困户送来的礼。", "刘彦彬"),
])
def test_tagger_finds_names_jieba_splits(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize("text", [
    "青年人才，用今天中国人的智慧，续写中华民族的辉煌。",
    "咖啡馆内灯光暗淡的温馨，或许还保留有几分古朴。",
    "这些兴趣小组门类齐全，艺术类有合唱团、绘画。",
])
def test_tagger_leaves_common_words_alone(text: str) -> None:
    assert _people(text) == []


def test_every_character_gets_features_and_sentences_cover_the_text() -> None:
    text = "总统克林顿说。两国关系很好!\n李华"
    ctx = build_ctx(text, None, None)
    assert len(char_features(ctx)) == len(text)
    bounds = sentence_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))


def test_corpus_people_join_surname_and_given_name() -> None:
    surnames = frozenset("王李乔江")
    text, spans = train_person_model.person_spans("李/nr  鹏/nr  乔/nr  石/nr  出席/v", surnames, frozenset())
    assert [text[s:e] for s, e in spans] == ["李鹏", "乔石"]
    text, spans = train_person_model.person_spans("小渊/nr  惠三/nr  访问/v", surnames, frozenset())
    assert [text[s:e] for s, e in spans] == ["小渊惠三"]
    text, spans = train_person_model.person_spans("总统/n  克林顿/nr  说/v", surnames, frozenset())
    assert [text[s:e] for s, e in spans] == ["克林顿"]


def test_training_is_reproducible(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.txt"
    corpus.write_text(TINY_CORPUS, encoding="utf-8")
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_person_model.py"), "--corpus", str(corpus),
                        "--out", str(out), "--max-iterations", "5"], check=True, capture_output=True)
        digests.append(hashlib.sha256((out / "person.crfsuite").read_bytes()).hexdigest())
        meta = json.loads((out / "person.json").read_text(encoding="utf-8"))
        assert meta["people"] == 6 and meta["feature_version"] == FEATURE_VERSION
    assert digests[0] == digests[1]


def test_missing_model_costs_only_the_tagger(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(person_model, "_TAGGER", None)
    monkeypatch.setattr(person_model, "_FAILED", False)
    monkeypatch.setattr(person_model, "MODEL_FILE", tmp_path / "absent.crfsuite")
    monkeypatch.setattr(person_model, "META_FILE", tmp_path / "absent.json")
    with caplog.at_level("WARNING"):
        people = _people("永川区委副书记、区长常晓勇出席会议并致辞。")
    assert "常晓勇" in people  # the title-anchored rule still finds it
    assert "person model unavailable" in caplog.text
