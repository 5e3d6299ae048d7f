"""The ``zhnews`` command. ``run`` goes through Prefect; everything else calls plain functions.

Exit status: 0 all inputs gave records, 2 some inputs failed (see errors.jsonl), 1 usage or fatal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any, Sequence

EXIT_OK, EXIT_FATAL, EXIT_PARTIAL = 0, 1, 2
CONFIG_NAME = "zhnews.toml"


def _prefect_defaults(out_dir: Path) -> None:
    """Quiet, self-contained local Prefect unless the user configured one (PREFECT_API_URL etc.)."""
    defaults = {
        "PREFECT_HOME": str(Path(os.environ.get("ZHNEWS_CACHE", Path.home() / ".cache" / "zhnews")) / "prefect"),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def load_config(path: str | None) -> dict[str, Any]:
    """zhnews.toml ([run] section) from --config or the current folder; CLI options win."""
    candidate = Path(path) if path else Path(CONFIG_NAME)
    if not candidate.exists():
        if path:
            raise SystemExit(f"zhnews: config file {path} not found")
        return {}
    with candidate.open("rb") as handle:
        data = tomllib.load(handle)
    run = data.get("run", {})
    base = candidate.parent
    if "gazetteers" in run:
        run["gazetteers"] = [str((base / p).resolve()) for p in run["gazetteers"]]
    return run


def cmd_run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    out_dir = Path(args.out or config.get("out", "out"))
    out_dir.mkdir(parents=True, exist_ok=True)
    _prefect_defaults(out_dir)
    from flows import extract_news

    flow = extract_news
    if args.runner == "dask":
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=args.dask_address) if args.dask_address else DaskTaskRunner(
            cluster_kwargs={"n_workers": args.workers, "threads_per_worker": 1, "processes": True})
        flow = extract_news.with_options(task_runner=runner)
    summary = flow(
        inputs=list(args.inputs),
        out_dir=str(out_dir),
        segmenter=args.segmenter or config.get("segmenter", "jieba"),
        hmm=not args.no_hmm,
        gazetteer_files=list(args.gazetteer or config.get("gazetteers", [])),
        batch_chars=args.batch_chars,
        db_url=args.db or config.get("db"),
        report=not args.no_report,
    )
    print(f"zhnews: {summary['documents']} documents -> {summary['records']} records, "
          f"{summary['errors']} errors -> {out_dir / 'records.jsonl'}", file=sys.stderr)
    if summary["errors"]:
        print(f"zhnews: some inputs failed, see {out_dir / 'errors.jsonl'}", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.assemble import Settings
    from pipeline.batches import extract_documents
    from pipeline.ingest import iter_documents
    from pipeline.outputs import error_line, record_line

    settings = Settings(segmenter=args.segmenter or "jieba", hmm=not args.no_hmm, gazetteer_files=tuple(args.gazetteer or ()))
    failed = 0
    for item in iter_documents(args.inputs):
        records, errors = extract_documents([item], settings)
        for record in records:
            sys.stdout.write(record_line(record))
        for error in errors:
            failed += 1
            print(error.message, file=sys.stderr)
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from pipeline.records import record_json_schema_text

    sys.stdout.write(record_json_schema_text())
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    from pipeline.db import load_records
    from pipeline.outputs import read_records

    out = Path(args.dir)
    url = args.db or f"sqlite:///{(out / 'zhnews.sqlite').resolve()}"
    counts = load_records(read_records(out), url, prune=args.prune)
    print(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import export_records
    from pipeline.outputs import read_errors, read_records

    out = Path(args.dir)
    paths = export_records(list(read_records(out)), Path(args.to or out / "export"), formats=tuple(args.format),
                           errors=read_errors(out))
    for path in paths:
        print(path)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.batches import count_extractions
    from pipeline.finish import write_run_report
    from pipeline.outputs import count_lines, read_records

    out = Path(args.dir)
    counts = count_extractions(read_records(out / "records.jsonl"))
    summary = [{"measure": k, "value": v} for k, v in sorted(counts.items())]
    print(write_run_report(out, summary=summary, total=count_lines(out / "records.jsonl")))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.evaluate import main as eval_main, main_ner

    if args.kind == "ner":
        return main_ner(Path(args.gold), Path(args.misses) if args.misses else None)

    return eval_main([args.kind, "--gold", args.gold] + (["--misses", args.misses] if args.misses else []))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhnews", description="Chinese newspaper pages to structured JSON records.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default=None, help="default jieba")
        p.add_argument("--no-hmm", action="store_true", help="jieba without its HMM for unknown words")
        p.add_argument("--gazetteer", action="append", metavar="FILE",
                       help="extra gazetteer CSV/TSV (name,type,aliases,id); repeatable")

    run = sub.add_parser("run", help="run the Prefect flow: inputs -> DIR/records.jsonl, errors.jsonl, report.html")
    run.add_argument("inputs", nargs="+", help="files, folders (recursive) or JSONL files")
    run.add_argument("--out", default=None, help="output folder (default out/)")
    run.add_argument("--config", default=None, help=f"TOML config (default ./{CONFIG_NAME} if present)")
    run.add_argument("--runner", choices=["local", "dask"], default="local")
    run.add_argument("--dask-address", default=None, help="scheduler address of an existing Dask cluster")
    run.add_argument("--workers", type=int, default=2, help="workers of the temporary local Dask cluster")
    run.add_argument("--batch-chars", type=int, default=200_000, help="characters per task")
    run.add_argument("--db", default=None, help="also load into this SQLAlchemy URL")
    run.add_argument("--no-report", action="store_true")
    common(run)
    run.set_defaults(func=cmd_run)

    ext = sub.add_parser("extract", help="extract without Prefect: JSON lines to stdout")
    ext.add_argument("inputs", nargs="+", help="files, folders, JSONL, or - for stdin")
    common(ext)
    ext.set_defaults(func=cmd_extract)

    sch = sub.add_parser("schema", help="print the records' JSON Schema")
    sch.set_defaults(func=cmd_schema)

    load = sub.add_parser("load", help="load DIR/records.jsonl into a database (idempotent)")
    load.add_argument("dir")
    load.add_argument("--db", default=None, help="SQLAlchemy URL (default sqlite:///DIR/zhnews.sqlite)")
    load.add_argument("--prune", action="store_true",
                      help="also delete articles of the same source files that this load no longer has")
    load.set_defaults(func=cmd_load)

    exp = sub.add_parser("export", help="one table per record type as CSV and Parquet")
    exp.add_argument("dir")
    exp.add_argument("--to", default=None, help="folder (default DIR/export)")
    exp.add_argument("--format", action="append", choices=["csv", "parquet"], default=None)
    exp.set_defaults(func=cmd_export)

    rep = sub.add_parser("report", help="write DIR/report.html from DIR/records.jsonl")
    rep.add_argument("dir")
    rep.set_defaults(func=cmd_report)

    ev = sub.add_parser("eval", help="score extractions against gold data")
    ev.add_argument("kind", choices=["ner", "quantities", "signings"])
    ev.add_argument("--gold", required=True)
    ev.add_argument("--misses", default=None, help="CSV of misses and false alarms")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "format", None) is None and args.command == "export":
        args.format = ["csv", "parquet"]
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
