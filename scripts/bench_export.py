"""Export memory: peak RSS of `zhnews export` on N and 4N records, each size in its own process.

Streaming export (pipeline/export.py) should keep the ratio near 1; the old way (every table as a
DataFrame in memory, ``--mode frames``) grows with the records. Records are synthetic: the bundled
sample page's records, copied with new article ids.

    .venv/bin/python scripts/bench_export.py [--records 1000] [--mode stream|frames|both]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PAGE = ROOT / "fixtures" / "pages" / "000_ebd6c998439410a8.txt"


def make_records(path: Path, n: int) -> None:
    """n records: the sample page's, repeated with distinct ids (the export drops repeated ids)."""
    from zhnews.pipeline import extract_text
    from zhnews.pipeline.outputs import record_line

    base = [record_line(r) for r in extract_text(SAMPLE_PAGE.read_text(encoding="utf-8"), source=str(SAMPLE_PAGE))]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            line = base[i % len(base)]
            rid = json.loads(line)["id"]
            handle.write(line.replace(f'"id":"{rid}"', f'"id":"{rid}-{i}"', 1))


def export_once(records: Path, out: Path, mode: str) -> None:
    """In this process: export, then print the peak RSS (MB) and seconds as JSON."""
    from zhnews.pipeline.export import export_records  # noqa: F401 - imports counted in the baseline
    from zhnews.pipeline.outputs import read_records

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    if mode == "stream":
        from zhnews.pipeline.export import export_records

        export_records(read_records(records), out)
    else:  # what export did before it streamed: every table a DataFrame, then written whole
        from zhnews.pipeline.export import TABLE_COLUMNS, csv_safe, record_frames

        out.mkdir(parents=True, exist_ok=True)
        for name, frame in record_frames(list(read_records(records))).items():
            csv_safe(frame, TABLE_COLUMNS[name]).to_csv(out / f"{name}.csv", index=False, encoding="utf-8-sig")
            frame.to_parquet(out / f"{name}.parquet", index=False, engine="pyarrow")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": round(peak, 1), "baseline_mb": round(baseline, 1), "seconds": round(seconds, 1)}))


def measure(records: Path, out: Path, mode: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--one", str(records), str(out), mode],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000, help="N (the second size is 4N)")
    parser.add_argument("--mode", choices=["stream", "frames", "both"], default="both")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        export_once(Path(args.one[0]), Path(args.one[1]), args.one[2])
        return
    modes = ["stream", "frames"] if args.mode == "both" else [args.mode]
    with tempfile.TemporaryDirectory(prefix="zhnews-bench-export-") as tmp:
        folder = Path(tmp)
        sizes = (args.records, 4 * args.records)
        for n in sizes:
            make_records(folder / f"records-{n}.jsonl", n)
        # the process's imports (pandas, pyarrow, the pipeline) are the baseline; the export's own memory is above it
        print(f"{'mode':8} {'records':>8} {'peak MB':>9} {'baseline':>9} {'export MB':>10} {'seconds':>8}")
        for mode in modes:
            peaks, above = [], []
            for n in sizes:
                found = measure(folder / f"records-{n}.jsonl", folder / f"export-{mode}-{n}", mode)
                peaks.append(found["peak_mb"])
                above.append(max(found["peak_mb"] - found["baseline_mb"], 0.1))
                print(f"{mode:8} {n:8,} {found['peak_mb']:9.1f} {found['baseline_mb']:9.1f} {above[-1]:10.1f} "
                      f"{found['seconds']:8.1f}")
            print(f"{mode:8} peak RSS 4N/N: {peaks[1] / peaks[0]:.2f} (above the imports: {above[0]:.0f} -> {above[1]:.0f} MB)")


if __name__ == "__main__":
    main()
