"""`make bench`: throughput and memory ratios from one run on ../shared/corpus/news_real.jsonl.

Every figure is printed beside jieba.lcut on the same text in the same run, so the ratios hold on
any machine. Sections: segmentation baseline, gazetteer matching, the whole pipeline, memory
(1x vs 10x the corpus, each in its own process) and the Prefect flow's overhead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "news_real.jsonl"


def load_texts(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds:,.0f} chars/s"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def jieba_baseline() -> Any:
    """The baseline: a plain jieba.Tokenizer (HMM on in lcut), initialised and warmed up."""
    import logging

    import zhnews  # noqa: F401  (first: it quiets jieba's pkg_resources warning)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    tok.lcut("预热一下")
    return tok


def bench_jieba(texts: list[str]) -> float:
    tok = jieba_baseline()
    t0 = time.perf_counter()
    for text in texts:
        tok.lcut(text)
    return time.perf_counter() - t0


def bench_segmenter(texts: list[str]) -> tuple[float, float, int]:
    """The pipeline's segmenter (jieba's algorithm compiled) against jieba.lcut on the same
    Tokenizer, alternately per document; returns (compiled s, jieba s, documents whose words differ)."""
    from zhnews.pipeline.assemble import Settings, get_engine

    segmenter = get_engine(Settings()).segmenter
    tok = segmenter.tokenizer
    segmenter.cut("预热一下")
    t_fast = t_slow = 0.0
    differ = 0
    for text in texts:
        t0 = time.perf_counter()
        fast = segmenter.cut(text)
        t1 = time.perf_counter()
        slow = tok.lcut(text, HMM=True)
        t2 = time.perf_counter()
        t_fast += t1 - t0
        t_slow += t2 - t1
        differ += fast != slow
    return t_fast, t_slow, differ


def bench_gazetteer(texts: list[str]) -> float | None:
    try:
        from zhnews.gazetteers import load_gazetteer
    except ImportError:
        return None
    gaz = load_gazetteer()
    gaz.match("预热")
    t0 = time.perf_counter()
    for text in texts:
        gaz.match(text)
    return time.perf_counter() - t0


def bench_pipeline(rows: list[dict]) -> tuple[float, float, int]:
    """The pipeline and jieba.lcut timed document by document, alternately, in one process: the
    machine's speed drifts by tens of percent over a minute here, and timing one after the other
    put that drift into the ratio. Returns (pipeline seconds, jieba seconds, records)."""
    from zhnews.pipeline.assemble import Settings, get_engine
    from zhnews.pipeline.batches import extract_documents
    from zhnews.pipeline.ingest import Document

    tok = jieba_baseline()
    settings = Settings()
    get_engine(settings)
    docs = [Document(uri=f"corpus#{r['id']}", text=r["text"], sha256=str(r["id"]), encoding="utf-8",
                     is_page=False, date=r.get("date"), title=r.get("title")) for r in rows]
    extract_documents(docs[:1], settings)  # load the tagger and gazetteers before timing
    t_pipe = t_jieba = 0.0
    n_records = 0
    for doc in docs:
        t0 = time.perf_counter()
        tok.lcut(doc.text)
        t1 = time.perf_counter()
        records, errors = extract_documents([doc], settings)
        t2 = time.perf_counter()
        t_jieba += t1 - t0
        t_pipe += t2 - t1
        n_records += len(records)
        if errors:
            print(f"  !! {doc.uri} failed: {errors[0].message}")
    return t_pipe, t_jieba, n_records


def bench_batches(corpus: Path) -> float:
    """The plain pipeline as the flow runs it (the same batches, no Prefect), in seconds."""
    from zhnews.pipeline.assemble import Settings
    from zhnews.pipeline.batches import extract_documents, iter_batches

    settings = Settings()
    t0 = time.perf_counter()
    for batch in iter_batches([str(corpus)], settings, "bench"):
        extract_documents(batch.items, settings)
    return time.perf_counter() - t0


FLOW_CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
sys.path.insert(0, sys.argv[2] + "/scripts")
import bench
corpus = Path(sys.argv[1])
bench.bench_batches(corpus)  # load everything once
plain = [bench.bench_batches(corpus)]
flows = []
for _ in range(int(sys.argv[3])):
    tiny, flow = bench.bench_flow(corpus)
    flows.append(flow - tiny)
    plain.append(bench.bench_batches(corpus))
print(" ".join(map(str, plain)), "|", " ".join(map(str, flows)))
"""


def bench_flow_child(corpus: Path, rounds: int = 3) -> list[float]:
    """Flow overhead over the plain pipeline per round, in a fresh process as `zhnews run` is: plain
    batches and flow runs alternate, and each flow run is compared with the plain runs either side of
    it (this machine's speed drifts by tens of percent within a minute; alternating bounds that)."""
    out = subprocess.run([sys.executable, "-c", FLOW_CHILD, str(corpus), str(ROOT), str(rounds)], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    plain_part, flow_part = out.split("|")
    plain = [float(x) for x in plain_part.split()]
    flows = [float(x) for x in flow_part.split()]
    return [flow / ((plain[k] + plain[k + 1]) / 2) - 1 for k, flow in enumerate(flows)]


MEMORY_CHILD = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[2])
from zhnews.pipeline.assemble import Settings
from zhnews.pipeline.batches import extract_documents, plan_batches
from zhnews.pipeline.ingest import iter_documents
from zhnews.pipeline.outputs import record_line
settings = Settings()
chars = 0
t0 = time.perf_counter()
with open("/dev/null", "w") as sink:
    for batch in plan_batches(iter_documents([sys.argv[1]]), settings, "bench"):
        records, errors = extract_documents(batch.items, settings)
        chars += sum(len(d.text) for d in batch.documents)
        for r in records:
            sink.write(record_line(r))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, chars, time.perf_counter() - t0)
"""


def bench_memory(rows: list[dict], times: int) -> tuple[float, int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"corpus_x{times}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for k in range(times):
                for r in rows:
                    handle.write(json.dumps({"id": f"{k}-{r['id']}", "text": r["text"], "date": r.get("date")},
                                            ensure_ascii=False) + "\n")
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(path), str(ROOT)], check=True,
                             capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


def bench_flow(corpus: Path) -> tuple[float, float]:
    """Seconds for a warm flow run on a tiny input (start-up) and on the corpus."""
    work = Path(tempfile.mkdtemp(prefix="zhnews-bench-"))
    os.environ.setdefault("PREFECT_HOME", str(work / ".prefect"))
    for key, value in {"PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                       "PREFECT_SERVER_UI_ENABLED": "false",
                       "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90"}.items():
        os.environ.setdefault(key, value)
    from zhnews.flows import extract_news

    sample = ROOT / "fixtures" / "pages"
    extract_news(inputs=[str(sample)], out_dir=str(work / "warm"), report=False)  # server start-up, excluded
    t0 = time.perf_counter()
    extract_news(inputs=[str(sample)], out_dir=str(work / "tiny"), report=False)
    tiny = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract_news(inputs=[str(corpus)], out_dir=str(work / "corpus"), report=False)
    return tiny, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-flow", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"bench: corpus not found at {args.corpus}: it lives in ../shared/corpus beside the project "
              f"(internal research material, not in the repo). Nothing measured.")
        return 0
    rows = load_texts(args.corpus)
    texts = [r["text"] for r in rows]
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} articles, {chars:,} characters ({args.corpus})")

    t_jieba = bench_jieba(texts)
    print(f"jieba.lcut (HMM on, Tokenizer instance): {rate(chars, t_jieba)}")
    t_gaz = bench_gazetteer(texts)
    if t_gaz is not None:
        print(f"gazetteer matching:                      {rate(chars, t_gaz)}   = {t_jieba / t_gaz:.1f}x jieba.lcut")
    t_fast, t_slow, differ = bench_segmenter(texts)
    print(f"segmenter (jieba compiled, user words):  {rate(chars, t_fast)}   = {t_slow / t_fast:.1f}x jieba.lcut on the "
          f"same Tokenizer, timed alternately ({rate(chars, t_slow)}); documents whose words differ: {differ}")
    t_pipe, t_jieba_alt, n_records = bench_pipeline(rows)
    print(f"pipeline (segment + extract + records):  {rate(chars, t_pipe)}   = {t_jieba_alt / t_pipe:.2f}x jieba.lcut "
          f"timed alternately, document by document ({rate(chars, t_jieba_alt)}; {n_records} records; floor 0.35x; "
          f"issue 4 asks >= 100,000 chars/s)")
    print(f"peak memory of this process so far: {peak_rss_mb():,.0f} MB")

    if not args.skip_memory:
        m1, c1, s1 = bench_memory(rows, 1)
        m10, c10, s10 = bench_memory(rows, 10)
        print(f"streaming memory: 1x corpus {m1:,.0f} MB peak ({rate(c1, s1)}), 10x corpus {m10:,.0f} MB peak "
              f"({rate(c10, s10)}): ratio {m10 / m1:.2f} (ceiling 1.20)")
    if not args.skip_flow:
        overheads = sorted(bench_flow_child(args.corpus))
        median = overheads[len(overheads) // 2]
        print(f"flow overhead over the plain pipeline (same batches, fixed start-up excluded), {len(overheads)} "
              f"alternating rounds in a fresh process: median {median * 100:+.1f}% "
              f"(rounds {', '.join(f'{o * 100:+.1f}%' for o in overheads)}; ceiling +25%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
