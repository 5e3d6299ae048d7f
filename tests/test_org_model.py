"""The learned organisation tagger (extractors/org_model.py): its model file, its decoder, and how
its spans join the rules' (only where the rules found nothing; the rules' outermost names win)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from zhnews.extractors import org_model, tagger
from zhnews.extractors.crf_features import char_features, sentence_bounds
from zhnews.extractors.entities import default_gazetteer, extract_entities
from zhnews.extractors.entity_text import build_ctx
from zhnews.extractors.tagger import NameTagger, TaggedName

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class _C:
    start: int
    end: int
    label: str
    rule: str = "rule"


def _merge(text: str, chosen: list[_C], found: list[TaggedName]) -> list[tuple[str, str, str]]:
    ctx = build_ctx(text, None, default_gazetteer())
    out = org_model.with_model_orgs(ctx, chosen, found, lambda a, b, conf: _C(a, b, "ORG", "org.model"))
    return [(text[c.start:c.end], c.label, c.rule) for c in out]


def test_model_file_matches_its_metadata() -> None:
    meta = json.loads(tagger.ORG_META_FILE.read_text(encoding="utf-8"))
    assert meta["model"] == tagger.ORG_MODEL_FILE.name
    assert hashlib.sha256(tagger.ORG_MODEL_FILE.read_bytes()).hexdigest() == meta["model_sha256"]
    assert meta["labels"] == ["ORG"] and "test3" not in meta["corpus"]
    assert tagger.ORG_MODEL_FILE.stat().st_size < 20_000_000


def test_the_org_model_leaves_the_name_model_as_it_was() -> None:
    """Both models share one weight table: the name model's scores must not change by it."""
    import numpy as np

    both = tagger.default_tagger()
    assert both is not None and len(both.decoders) == 2
    assert sorted(both.decoders[1][1]) == ["B-ORG", "E-ORG", "I-ORG", "O", "S-ORG"]
    alone = NameTagger(tagger.MODEL_FILE, tagger.META_FILE)
    text = "新华社北京3月5日电 国务院总理李克强在人民大会堂作政府工作报告。\n恒力石化董事长范红卫表示。"
    ctx = build_ctx(text, None, default_gazetteer())
    assert np.allclose(both.emissions(ctx), alone.emissions(ctx))
    names = [(t.start, t.end, t.label) for t in both.tag(ctx) if t.label != "ORG"]
    assert names == [(t.start, t.end, t.label) for t in alone.tag(ctx)]


def test_a_rule_organisation_wins_over_an_overlapping_model_span() -> None:
    text = "中国石油天然气集团有限公司董事长说。"
    rule = _C(0, 13, "ORG")
    got = _merge(text, [rule], [TaggedName(2, 9, "ORG", 0.99)])
    assert got == [("中国石油天然气集团有限公司", "ORG", "rule")]


def test_a_model_name_covers_rule_places_strictly_inside_it() -> None:
    text = "赤峰市就业服务局副局长张明介绍。"
    got = _merge(text, [_C(0, 3, "GPE"), _C(11, 13, "PERSON")], [TaggedName(0, 8, "ORG", 0.95)])
    assert got == [("赤峰市就业服务局", "ORG", "org.model"), ("张明", "PERSON", "rule")]


def test_a_model_span_touching_a_person_or_unsure_or_implausible_is_not_taken() -> None:
    text = "恒力石化的中心和张明公司表示。"
    people = [_C(8, 10, "PERSON")]
    assert _merge(text, people, [TaggedName(8, 12, "ORG", 0.99)]) == [("张明", "PERSON", "rule")]
    assert _merge(text, [], [TaggedName(0, 4, "ORG", 0.5)]) == []  # unsure
    assert _merge(text, [], [TaggedName(0, 7, "ORG", 0.99)]) == []  # 的 inside
    assert _merge(text, [], [TaggedName(5, 7, "ORG", 0.99)]) == []  # 中心: one common word
    assert _merge(text, [], [TaggedName(0, 4, "ORG", 0.99)]) == [("恒力石化", "ORG", "org.model")]


def test_compiled_decoder_agrees_with_crfsuite_on_the_org_model() -> None:
    """Same labels as CRFsuite's own tagger, on text with line breaks (spelled specially in the
    model's attributes: CRFsuite's dump is line-based)."""
    import pycrfsuite

    ours = tagger.default_tagger()
    assert ours is not None
    reference = pycrfsuite.Tagger()
    reference.open(str(tagger.ORG_MODEL_FILE))
    text = ("记者从四川省眉山市东坡区农业农村局获悉,\n当地的恒力石化和沅江纸业有限责任公司扩大生产。\n"
            "中债信用增进公司联合杭州银行创设了新产品。")
    ctx = build_ctx(text, None, default_gazetteer())
    feats = char_features(ctx)
    want = []
    for a, b in sentence_bounds(ctx.norm):
        labels = reference.tag(feats[a:b])
        begin = -1
        for i, lab in enumerate(labels):
            if lab.startswith("S-"):
                want.append((a + i, a + i + 1))
            elif lab.startswith("B-"):
                begin = i
            elif lab.startswith("E-") and begin >= 0:
                want.append((a + begin, a + i + 1))
                begin = -1
    got = [(t.start, t.end) for t in ours.tag(ctx) if t.label == "ORG"]
    assert got == want
    assert want  # the model finds organisations here at all


# Constructed sentences (not from any gold article) with bodies no list or suffix rule finds.
@pytest.mark.parametrize("text,name", [
    ("广元市医疗纠纷调解委员会从医学专家库中随机抽取专家。", "广元市医疗纠纷调解委员会"),
    ("绵阳市就业服务局副局长王强介绍,今年新增岗位三千个。", "绵阳市就业服务局"),
    ("据南非《星报》报道,当地旱情严重。", "南非《星报》"),
])
def test_the_model_finds_organisations_no_list_holds(text: str, name: str) -> None:
    ctx = build_ctx(text, None, default_gazetteer())
    ours = tagger.default_tagger()
    assert ours is not None
    start = text.index(name)
    assert any((t.start, t.end) == (start, start + len(name)) and t.confidence >= org_model.ORG_MIN_CONFIDENCE
               for t in ours.tag(ctx) if t.label == "ORG")
    assert name in {m.text for m in extract_entities(text) if m.label == "ORG"}
    # and the place inside is not reported on its own: the outermost name wins
    assert not [m for m in extract_entities(text) if m.label in ("GPE", "LOC") and m.start == start]


def _tiny_gold(tmp_path: Path) -> tuple[Path, Path]:
    """Two articles (one with a line break: CRFsuite's dump must still read the model) and their ORG spans."""
    texts = {"a1": "沅江纸业今年扩大生产。\n赤峰市就业服务局副局长张明介绍。", "a2": "中债信用增进公司联合杭州银行创设新产品。"}
    names = {"a1": ["沅江纸业", "赤峰市就业服务局"], "a2": ["中债信用增进公司", "杭州银行"]}
    gold = tmp_path / "gold"
    gold.mkdir()
    rows = [{"doc_id": k, "split": "dev", "pass": "A", "entities": [
        {"start": t.index(n), "end": t.index(n) + len(n), "text": n, "label": "ORG"} for n in names[k]]}
        for k, t in texts.items()]
    (gold / "dev_01.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n" for k, t in texts.items()),
                      encoding="utf-8")
    return gold, corpus


def test_org_training_is_reproducible_and_loadable(tmp_path: Path) -> None:
    import subprocess
    import sys

    gold, corpus = _tiny_gold(tmp_path)
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_tagger.py"), "--org", "--org-splits", "dev",
                        "--gold", str(gold), "--gold-corpus", str(corpus), "--out", str(out), "--max-iterations", "5"],
                       check=True, capture_output=True)
        meta = json.loads((out / "org.json").read_text(encoding="utf-8"))
        assert (meta["articles"], meta["organisations"]) == (2, 4) and meta["labels"] == ["ORG"]
        digests.append(hashlib.sha256((out / "org.crfsuite").read_bytes()).hexdigest())
        assert digests[-1] == meta["model_sha256"]
        both = NameTagger(tagger.MODEL_FILE, tagger.META_FILE, [(out / "org.crfsuite", out / "org.json")])
        assert len(both.decoders) == 2  # loaded, line-break attributes and all
    assert digests[0] == digests[1]
    refused = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_tagger.py"), "--org", "--org-splits",
                              "dev,test3", "--gold", str(gold), "--gold-corpus", str(corpus), "--out",
                              str(tmp_path / "c")], capture_output=True, text=True)
    assert refused.returncode != 0 and "held-out" in refused.stderr


def test_a_model_span_holding_a_policy_verb_is_a_clause_not_a_name() -> None:
    """明光市|加快|科技 (明光市 speeds up science) is cut from a clause; a verb that names hold (就业, 调解) stays."""
    text = "明光市加快科技创新。赤峰市就业服务局表示。"
    assert _merge(text, [], [TaggedName(0, 7, "ORG", 0.99)]) == []
    assert _merge(text, [], [TaggedName(10, 18, "ORG", 0.99)]) == [("赤峰市就业服务局", "ORG", "org.model")]
