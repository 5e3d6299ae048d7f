"""The learned name tagger: the shipped model matches its metadata, tags names the rules split and
places no list has, leaves common words alone, trains reproducibly, and its absence costs only
the tagger."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import zhnews.extractors.tagger as tagger
from zhnews.extractors.crf_features import FEATURE_VERSION, char_features, sentence_bounds
from zhnews.extractors.entities import extract_entities
from zhnews.extractors.entity_text import build_ctx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_tagger  # noqa: E402

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
    meta = json.loads(tagger.META_FILE.read_text(encoding="utf-8"))
    assert meta["feature_version"] == FEATURE_VERSION
    assert meta["model_sha256"] == hashlib.sha256(tagger.MODEL_FILE.read_bytes()).hexdigest()
    assert tagger.default_tagger() is not None


@pytest.mark.parametrize(("text", "name"), [
    ("我叫姚胜利，1994年，我们一家三口来到这里。", "姚胜利"),  # jieba: 姚 / 胜利
    ("弗拉内舍维奇认为入侵的程度可能比政府估计的严重。", "弗拉内舍维奇"),
    ("刘彦彬最头痛的是贫困户送来的礼。", "刘彦彬"),
])
def test_tagger_finds_names_jieba_splits(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(("text", "place"), [
    ("近日在江苏如皋市城西乡，1000多个品种的花木盆景吸引了游客。", "城西乡"),
    ("黎明村地处旱塬，人均耕地不足1亩。", "黎明村"),
])
def test_tagger_finds_places_no_list_has(text: str, place: str) -> None:
    assert place in [e.text for e in extract_entities(text) if e.label in ("GPE", "LOC")]


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
    text, spans = train_tagger.corpus_spans("李/nr  鹏/nr  乔/nr  石/nr  出席/v", surnames, frozenset())
    assert [(text[s:e], label) for s, e, label in spans] == [("李鹏", "PER"), ("乔石", "PER")]
    text, spans = train_tagger.corpus_spans("小渊/nr  惠三/nr  访问/v  北京/ns", surnames, frozenset())
    assert [(text[s:e], label) for s, e, label in spans] == [("小渊惠三", "PER"), ("北京", "LOC")]
    text, spans = train_tagger.corpus_spans("总统/n  克林顿/nr  说/v", surnames, frozenset())
    assert [(text[s:e], label) for s, e, label in spans] == [("克林顿", "PER")]


def test_training_is_reproducible(tmp_path: Path) -> None:
    corpus = tmp_path / "tiny.txt"
    corpus.write_text(TINY_CORPUS, encoding="utf-8")
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_tagger.py"), "--corpus", str(corpus),
                        "--out", str(out), "--max-iterations", "5"], check=True, capture_output=True)
        digests.append(hashlib.sha256((out / "tagger.crfsuite").read_bytes()).hexdigest())
        meta = json.loads((out / "tagger.json").read_text(encoding="utf-8"))
        assert (meta["people"], meta["places"]) == (6, 2) and meta["feature_version"] == FEATURE_VERSION
    assert digests[0] == digests[1]


def test_missing_model_costs_only_the_tagger(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(tagger, "_TAGGER", None)
    monkeypatch.setattr(tagger, "_FAILED", False)
    monkeypatch.setattr(tagger, "MODEL_FILE", tmp_path / "absent.crfsuite")
    monkeypatch.setattr(tagger, "META_FILE", tmp_path / "absent.json")
    with caplog.at_level("WARNING"):
        people = _people("永川区委副书记、区长常晓勇出席会议并致辞。")
    assert "常晓勇" in people  # the title-anchored rule still finds it
    assert "name tagger unavailable" in caplog.text


def _reference_features(ctx: object) -> list[list[str]]:
    """The plain per-character definition the fast char_features must equal."""
    from zhnews.extractors.crf_features import _char_class, _llr_bucket

    text = ctx.norm  # type: ignore[attr-defined]
    lex = ctx.lex  # type: ignore[attr-defined]
    n = len(text)
    word_pos, word_tag = ["S"] * n, ["x"] * n
    for start, tok, tag in zip(ctx.starts, ctx.tokens, ctx.tags):  # type: ignore[attr-defined]
        for k in range(len(tok)):
            word_pos[start + k] = "S" if len(tok) == 1 else ("B" if k == 0 else ("E" if k == len(tok) - 1 else "M"))
            word_tag[start + k] = tag or "OOV"
    first = frozenset(x[0] for x in lex.compound_surnames)
    cls = "^" + "".join(_char_class(ch, lex.surnames, first, lex.translit) for ch in text) + "$"
    # line breaks spelled as private-use characters (CRFsuite's model dump is line-based)
    p = "^^" + text.replace("\n", "\ue00a").replace("\r", "\ue00d") + "$$"
    out = []
    for i in range(n):
        j = i + 2
        f = ["c=" + p[j], "l=" + p[j - 1], "r=" + p[j + 1], "ll=" + p[j - 2], "rr=" + p[j + 2],
             "lc=" + p[j - 1:j + 1], "cr=" + p[j:j + 2], "llc=" + p[j - 2:j], "crr=" + p[j + 1:j + 3],
             "lcr=" + p[j - 1:j + 2], "k=" + cls[i:i + 3], "w=" + word_pos[i] + word_tag[i], "wp=" + word_pos[i],
             "g=" + _llr_bucket(lex.given_llr.get(p[j])) + _llr_bucket(lex.surname_llr.get(p[j]))]
        if ctx.place_mask and ctx.place_mask[i]:  # type: ignore[attr-defined]
            f.append("place")
        if any(i - size >= 0 and text[i - size:i] in lex.title_set for size in (5, 4, 3, 2)):
            f.append("title_before")
        out.append(f)
    return out


def test_fast_features_equal_the_plain_definition() -> None:
    from zhnews.extractors.entities import default_gazetteer

    corpus = ROOT / "fixtures" / "corpus"
    texts = [json.loads(line)["text"] for path in sorted(corpus.glob("entities.*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append((ROOT / "fixtures" / "pages" / "000_ebd6c998439410a8.txt").read_text(encoding="utf-8"))
    texts += ["", "a", "总统"]
    for text in texts:
        ctx = build_ctx(text, None, default_gazetteer())
        assert char_features(ctx) == _reference_features(ctx), text[:40]


def test_compiled_decoder_agrees_with_crfsuite() -> None:
    """The numba decoder reads CRFsuite's own model: same labels, same marginals (to 1e-5)."""
    import numpy as np
    import pycrfsuite

    from zhnews.extractors.crf_decode import path_marginals, viterbi
    from zhnews.extractors.entities import default_gazetteer

    reference = pycrfsuite.Tagger()
    reference.open(str(tagger.MODEL_FILE))
    ours = tagger.default_tagger()
    assert ours is not None
    corpus = ROOT / "fixtures" / "corpus"
    rows = [json.loads(line) for path in sorted(corpus.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows if isinstance(r.get("text"), str)]
    texts.append((ROOT / "fixtures" / "pages" / "000_ebd6c998439410a8.txt").read_text(encoding="utf-8"))
    sentences = 0
    for text in texts:
        ctx = build_ctx(text, None, default_gazetteer())
        if not ctx.norm:
            continue
        feats = char_features(ctx)
        scores = ours.emissions(ctx)
        bounds = np.array(sentence_bounds(ctx.norm), dtype=np.int64)
        starts, ends = bounds[:, 0].copy(), bounds[:, 1].copy()
        path = viterbi(scores, starts, ends, ours.transitions)
        conf = path_marginals(scores, starts, ends, ours.transitions, path)
        for s, e in zip(starts.tolist(), ends.tolist()):
            expected = reference.tag(feats[s:e])
            assert [ours.labels[y] for y in path[s:e]] == expected, ctx.norm[s:e]
            for i, label in enumerate(expected):
                assert abs(reference.marginal(label, i) - conf[s + i]) < 1e-5
            sentences += 1
    assert sentences > 400


def test_sentences_without_han_characters_are_not_tagged() -> None:
    """A name of this tagger is written in Han characters: a line of digits, Latin letters or signs (a web
    address, 50%50%…) is skipped, and the sentences around it are tagged as before (issue 18)."""
    import numpy as np

    text = "会展中心\nwww.internetplus-expo.com\nhttp://www.cpc.people.com.cn\n会议在北京举行。50%50%50%;李明说。"
    ctx = build_ctx(text, None, None)
    starts, ends = tagger._sentences_with_han(np.array([ord(c) for c in ctx.norm], dtype=np.uint32))
    kept = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    assert kept == ["会展中心\n", "会议在北京举行。", "李明说。"]
    names = tagger.tag_names(ctx)
    assert ("北京", "LOC") in {(text[n.start:n.end], n.label) for n in names}
    assert all(any(a <= n.start and n.end <= b for a, b in zip(starts, ends)) for n in names)
    assert tagger.tag_names(build_ctx("www.internetplus-expo.com\n1.1.1.1.\n", None, None)) == []
