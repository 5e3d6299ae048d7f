"""The ``zhnews`` command. ``run`` goes through Prefect; everything else calls plain functions.

Ordinary mistakes (a missing input, an unwritable --out, a broken zhnews.toml or gazetteer, no
pkuseg model) are found before Prefect starts and reported in one line; ``--debug`` (or
ZHNEWS_DEBUG=1) shows the traceback instead. Exit codes: see ``zhnews.pipeline.errors``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from zhnews.pipeline.errors import (
    EXIT_FATAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, UsageError, UserError,
)
from zhnews.pipeline.gold import SPLIT_CHOICES
from zhnews.pipeline.version import PIPELINE_VERSION

_FORBIDDEN_OUT = (Path("/proc"), Path("/sys"), Path("/dev"))


def _say(message: str) -> None:
    print(f"zhnews: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- checks made before any work

def check_inputs(inputs: Sequence[str]) -> None:
    missing = [p for p in inputs if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError(f"input {missing[0]} does not exist" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))


def check_out_dir(out: str) -> Path:
    """The output folder exists (made with its parents) and a file can be written in it."""
    path = Path(out).expanduser()
    resolved = path.resolve()
    if any(resolved == f or f in resolved.parents for f in _FORBIDDEN_OUT):
        raise UsageError(f"--out {out} is inside {next(f for f in _FORBIDDEN_OUT if f == resolved or f in resolved.parents)}, "
                         f"a system folder; choose a folder of your own")
    if path.exists() and not path.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".zhnews-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UserError(f"cannot write to --out {out}: {exc.strerror or exc}") from None
    return path


def check_records_dir(folder: str) -> Path:
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"{folder} is not a folder (give the --out folder of a `zhnews run`)")
    if not (path / "records.jsonl").is_file():
        raise UsageError(f"{folder} holds no records.jsonl (run `zhnews run INPUT --out {folder}` first)")
    return path


def check_engine(segmenter: str, hmm: bool, gazetteers: Sequence[str]) -> Any:
    """Load gazetteers and the segmenter once, here: the flow then reuses them (cached per process)."""
    from zhnews.gazetteers import GazetteerError
    from zhnews.pipeline.assemble import Settings, get_engine

    for name in gazetteers:
        if not Path(name).is_file():
            raise UserError(f"gazetteer file {name} not found")
    settings = Settings(segmenter=segmenter, hmm=hmm, gazetteer_files=tuple(gazetteers))
    try:
        get_engine(settings)
    except GazetteerError as exc:
        raise UserError(f"gazetteer {exc}") from None
    # One short text through every extractor: compiled loops are built (once per checkout) and the
    # name tagger loaded now, so the first batch's speed is the extraction's, not the set-up's.
    from zhnews.pipeline.assemble import extract_text

    extract_text("本报北京电（记者王迪）江北区人民政府与重庆大学签署3项合作协议。", settings=settings)
    return settings


# ---------------------------------------------------------------- commands

def cmd_run(args: argparse.Namespace) -> int:
    from zhnews.pipeline.config import resolve_options
    from zhnews.pipeline.runtime import prepare_prefect

    started = time.monotonic()
    prepare_prefect(verbose=args.verbose or args.debug)  # before anything imports Prefect
    opts = resolve_options(args.config, inputs=args.inputs, out=args.out, segmenter=args.segmenter,
                           hmm=False if args.no_hmm else None, gazetteers=args.gazetteer,
                           batch_chars=args.batch_chars, db=args.db, report=False if args.no_report else None,
                           glob=args.glob, doc_seconds=args.doc_seconds)
    if not opts.inputs:
        raise UsageError("no inputs: give files or folders, or set [run] inputs in zhnews.toml")
    check_inputs(opts.inputs)
    out = check_out_dir(opts.out)
    from zhnews.pipeline.lock import acquire, release

    held = acquire(out, wait=args.wait)  # one run per --out, refused before the slow set-up; freed at exit too
    check_engine(opts.segmenter, opts.hmm, opts.gazetteers)

    from zhnews.flows import extract_news
    from zhnews.pipeline import progress
    from zhnews.pipeline.batches import DOC_SECONDS_ENV

    os.environ[DOC_SECONDS_ENV] = str(opts.doc_seconds)  # read by every batch, also in local Dask workers

    flow = extract_news
    if args.runner == "dask":
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=args.dask_address) if args.dask_address else DaskTaskRunner(
            cluster_kwargs={"n_workers": args.workers, "threads_per_worker": 1, "processes": True})
        flow = extract_news.with_options(task_runner=runner)
    with progress.use(progress.for_terminal(sys.stderr, quiet=args.quiet)):
        summary = flow(inputs=list(opts.inputs), out_dir=str(out), segmenter=opts.segmenter, hmm=opts.hmm,
                       gazetteer_files=list(opts.gazetteers), batch_chars=opts.batch_chars, db_url=opts.db,
                       report=opts.report, globs=list(opts.glob), config=opts.config_path,
                       doc_seconds=opts.doc_seconds)
    release(held)
    if not args.quiet:
        _say(f"{summary['records']} records, {summary['errors']} errors, {summary['warnings']} warnings, "
             f"{summary['batches']} batches ({summary['batches_reused']} reused) in {time.monotonic() - started:.1f} s"
             f" -> " + ", ".join(summary["paths"]))
    if summary["errors"]:
        _say(f"some inputs failed: each is listed in {out / 'errors.jsonl'}")
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from zhnews.pipeline.batches import extract_documents
    from zhnews.pipeline.ingest import iter_documents
    from zhnews.pipeline.outputs import record_line

    check_inputs(args.inputs)
    settings = check_engine(args.segmenter or "jieba", not args.no_hmm, args.gazetteer or ())
    budget = {} if args.doc_seconds is None else {"doc_seconds": args.doc_seconds or None}
    failed = 0
    for item in iter_documents(args.inputs):
        records, errors = extract_documents([item], settings, **budget)
        for record in records:
            sys.stdout.write(record_line(record))
        sys.stdout.flush()
        for error in errors:
            failed += error.severity == "error"
            print(error.message, file=sys.stderr)
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from zhnews.pipeline.records import record_json_schema_text

    sys.stdout.write(record_json_schema_text())
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    from zhnews.pipeline.db import load_records
    from zhnews.pipeline.finish import safe_url
    from zhnews.pipeline.outputs import read_records

    out = check_records_dir(args.dir)
    url = args.db or f"sqlite:///{(out / 'zhnews.sqlite').resolve()}"
    problems: list = []  # records the database refused (the rest loaded) and characters replaced on the way
    counts = load_records(read_records(out), url, prune=args.prune, problems=problems)
    from zhnews.pipeline.finish import load_archive_tables

    load_archive_tables(out, url)  # who's who, signing pairs, numbers: archive_* tables (pipeline/archive_db.py)
    print(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    for problem in problems:
        _say(problem.message)
    _say(f"loaded into {safe_url(url)}")
    return EXIT_PARTIAL if counts.get("failed_articles") else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from zhnews.pipeline.export import export_records
    from zhnews.pipeline.outputs import read_errors, read_records

    out = check_records_dir(args.dir)
    paths = export_records(read_records(out), Path(args.to or out / "export"),  # streamed: memory flat in records
                           formats=tuple(args.format or ("csv", "parquet")), errors=read_errors(out))
    for path in paths:
        print(path)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from zhnews.pipeline.batches import count_extractions
    from zhnews.pipeline.finish import read_precision, write_run_report, write_run_site
    from zhnews.pipeline.outputs import count_lines, read_records

    out = check_records_dir(args.dir)
    counts = count_extractions(read_records(out / "records.jsonl"))
    summary = [{"measure": k, "value": v} for k, v in sorted(counts.items())]
    measured = read_precision(out, args.db)  # reviewers' verdicts (`zhnews review import`), when there are any
    print(write_run_report(out, summary=summary, total=count_lines(out / "records.jsonl"), precision=measured))
    print(write_run_site(out, precision=measured))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from zhnews.pipeline.evaluate import main as eval_main, main_ner
    from zhnews.pipeline.gold import expand_split

    if not Path(args.gold).exists():
        raise UsageError(f"gold file {args.gold} not found")
    if args.split in ("test2", "test3"):
        _say(f"scoring the held-out {args.split.upper()} split: do this once, at the end, and report it as it is")
    if args.kind == "ner":
        return main_ner(Path(args.gold), Path(args.misses) if args.misses else None, expand_split(args.split),
                        Path(args.corpus) if args.corpus else None)
    return eval_main([args.kind, "--gold", args.gold, "--split", args.split] + (["--misses", args.misses] if args.misses else [])
                     + (["--corpus", args.corpus] if args.corpus else []))


def cmd_serve(args: argparse.Namespace) -> int:
    """A long-running process that runs the flow on a schedule (Prefect's `serve`)."""
    from zhnews.pipeline.config import resolve_options
    from zhnews.pipeline.runtime import prepare_prefect

    prepare_prefect(verbose=True)
    opts = resolve_options(args.config)  # a broken config fails now, not at the first scheduled run
    if opts.config_path is None or not opts.inputs:
        raise UsageError("serve needs a zhnews.toml with [run] inputs (scheduled runs take their parameters from it)")
    from zhnews.flows import extract_news

    schedule = {"cron": args.cron} if args.cron else {"interval": args.interval} if args.interval else {}
    extract_news.serve(name=args.name, parameters={"config": str(Path(opts.config_path).resolve())}, **schedule)
    return EXIT_OK


def cmd_pkuseg_model(args: argparse.Namespace) -> int:
    from zhnews.pipeline.pkuseg_model import fetch_model

    print(fetch_model())
    return EXIT_OK


def cmd_browse(args: argparse.Namespace) -> int:
    from zhnews.pipeline.browse import serve

    return serve(args.dir, db=args.db, host=args.host, port=args.port, say=_say)


def cmd_review(args: argparse.Namespace) -> int:
    from zhnews.pipeline.review import command

    return command(args, say=_say)


# ---------------------------------------------------------------- the parser

def _segmentation_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default=None,
                   help="word segmenter (default jieba; pkuseg needs `zhnews pkuseg-model` once)")
    p.add_argument("--no-hmm", action="store_true", help="jieba without its HMM for unknown words")
    p.add_argument("--gazetteer", action="append", metavar="FILE",
                   help="extra gazetteer CSV/TSV (name,type,aliases,id); repeatable")


def _seconds(value: str) -> float:
    seconds = float(value)
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"{value}: give 0 (no budget) or a number of seconds")
    return seconds


def _budget_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--doc-seconds", type=_seconds, default=None, metavar="S",
                   help="time budget per document: a document still extracting after S seconds becomes an "
                        "E017 error entry and the run goes on (default 120; `run` also reads [run] doc_seconds; 0: none)")


def _global_options(p: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else False
    p.add_argument("--debug", action="store_true", default=default,
                   help="show full tracebacks (also ZHNEWS_DEBUG=1), for bug reports")
    p.add_argument("-q", "--quiet", action="store_true", default=default, help="print errors only")
    p.add_argument("-v", "--verbose", action="store_true", default=default, help="also show Prefect's and Dask's logs")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhnews", description="Chinese newspaper pages to structured JSON records.")
    parser.add_argument("--version", action="version", version=f"zhnews {PIPELINE_VERSION}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        _global_options(p, suppress=True)
        p.set_defaults(func=func)
        return p

    run = command("run", "run the Prefect flow: inputs -> DIR/records.jsonl, errors.jsonl, report.html", cmd_run)
    run.add_argument("inputs", nargs="*", help="files, folders (recursive) or JSONL files; default: [run] inputs of zhnews.toml")
    run.add_argument("--out", default=None, help="output folder (default out/)")
    run.add_argument("--config", default=None, help="TOML config (default $ZHNEWS_CONFIG, else ./zhnews.toml if present)")
    run.add_argument("--glob", action="append", metavar="PATTERN",
                     help="file names read from folders (default *.txt and *.jsonl); repeatable")
    run.add_argument("--runner", choices=["local", "dask"], default="local",
                     help="local: one process (default); dask: a Dask cluster")
    run.add_argument("--dask-address", default=None, help="scheduler address of an existing Dask cluster")
    run.add_argument("--workers", type=int, default=2, help="workers of the temporary local Dask cluster (default 2)")
    run.add_argument("--batch-chars", type=int, default=None, help="characters per task (default 200000)")
    run.add_argument("--db", default=None, help="also load into this SQLAlchemy URL")
    run.add_argument("--no-report", action="store_true", help="do not write report.html")
    _budget_option(run)
    run.add_argument("--wait", action="store_true",
                     help="if another run holds --out, wait for it to finish instead of refusing")
    _segmentation_options(run)

    ext = command("extract", "extract without Prefect: JSON lines to stdout", cmd_extract)
    ext.add_argument("inputs", nargs="+", help="files, folders, JSONL, or - for stdin")
    _budget_option(ext)
    _segmentation_options(ext)

    command("schema", "print the records' JSON Schema", cmd_schema)

    load = command("load", "load DIR/records.jsonl into a database (idempotent)", cmd_load)
    load.add_argument("dir", help="the output folder of a run")
    load.add_argument("--db", default=None, help="SQLAlchemy URL (default sqlite:///DIR/zhnews.sqlite)")
    load.add_argument("--prune", action="store_true",
                      help="also delete articles of the same source files that this load no longer has")

    exp = command("export", "one table per record type as CSV and Parquet", cmd_export)
    exp.add_argument("dir", help="the output folder of a run")
    exp.add_argument("--to", default=None, help="folder (default DIR/export)")
    exp.add_argument("--format", action="append", choices=["csv", "parquet"], default=None,
                     help="csv and/or parquet (default both); repeatable")

    rep = command("report", "write DIR/report.html and the archive site DIR/report/ from DIR/records.jsonl",
                  cmd_report)
    rep.add_argument("dir", help="the output folder of a run")
    rep.add_argument("--db", default=None,
                     help="database with review verdicts (default DIR/zhnews.sqlite, when it exists)")

    ev = command("eval", "score extractions against gold data", cmd_eval)
    ev.add_argument("kind", choices=["ner", "quantities", "signings"], help="what to score")
    ev.add_argument("--gold", required=True, help="gold JSONL file, or a folder of our gold (fixtures/gold/entities)")
    ev.add_argument("--split", choices=list(SPLIT_CHOICES), default="dev",
                    help="split of a gold folder (default dev; tune = dev + the spent test split, tune2 = tune + the spent "
                         "test2, tune3 = tune2 + the spent test3)")
    ev.add_argument("--corpus", default=None,
                    help="the articles a gold folder points into (default $ZHNEWS_CORPUS or ../shared/corpus/news_real.jsonl)")
    ev.add_argument("--misses", default=None, help="CSV of misses and false alarms")

    serve = command("serve", "run the flow on a schedule, parameters from zhnews.toml (Prefect serve)", cmd_serve)
    serve.add_argument("--name", default="zhnews", help="deployment name (default zhnews)")
    serve.add_argument("--cron", default=None, help='cron schedule, e.g. "0 6 * * *"')
    serve.add_argument("--interval", type=int, default=None, help="seconds between runs (instead of --cron)")
    serve.add_argument("--config", default=None, help="TOML config (default $ZHNEWS_CONFIG, else ./zhnews.toml)")

    command("pkuseg-model", "fetch pkuseg's default model from the package index (once, for --segmenter pkuseg)",
            cmd_pkuseg_model)

    browse = command("browse", "serve DIR's database with Datasette (loads DIR/records.jsonl first if needed)", cmd_browse)
    browse.add_argument("dir", help="the output folder of a run, or a SQLite file")
    browse.add_argument("--db", default=None, help="SQLite file (default DIR/zhnews.sqlite)")
    browse.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    browse.add_argument("--port", type=int, default=8001, help="port (default 8001)")

    review = command("review", "judge a sample of extractions: sample, import verdicts, export corrections", cmd_review)
    steps = review.add_subparsers(dest="step", required=True, metavar="STEP", help="sample, import, export or precision")
    sample = steps.add_parser("sample", help="write a review sheet (CSV, or XLSX with --to FILE.xlsx)")
    sample.add_argument("dir", help="the output folder of a run")
    sample.add_argument("--n", type=int, default=200, help="extractions to sample (default 200)")
    sample.add_argument("--seed", type=int, default=0, help="same seed, same sample (default 0)")
    sample.add_argument("--kind", action="append", choices=["entity", "quantity", "date", "signing"],
                        help="only these kinds; repeatable (default all)")
    sample.add_argument("--to", default=None, help="sheet file, .csv or .xlsx (default DIR/review.csv)")
    imp = steps.add_parser("import", help="store a filled sheet's verdicts and print precision per rule")
    imp.add_argument("sheet", help="the filled review sheet")
    imp.add_argument("dir", help="the output folder of the run it was sampled from")
    imp.add_argument("--no-export", action="store_true", help="do not write DIR/corrections.csv")
    rexp = steps.add_parser("export", help="wrong verdicts as a suppression list for the next run's --gazetteer")
    rexp.add_argument("dir", help="the output folder of a run")
    rexp.add_argument("--to", default=None, help="file (default DIR/corrections.csv)")
    prec = steps.add_parser("precision", help="print measured precision per rule")
    prec.add_argument("dir", help="the output folder of a run")
    prec.add_argument("--pipeline-version", default=None, help="only verdicts on this zhnews version")
    for step in (imp, rexp, prec):
        step.add_argument("--db", default=None, help="SQLAlchemy URL (default sqlite:///DIR/zhnews.sqlite)")
    for step in (sample, imp, rexp, prec):
        _global_options(step, suppress=True)
    return parser


def _quiet_stdout() -> None:
    """After a closed pipe (`zhnews extract … | head -1`): no more writes, no error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) and usage errors (2)
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    debug = args.debug or os.environ.get("ZHNEWS_DEBUG", "") not in ("", "0")
    args.debug = debug
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _say("interrupted; run the same command again to resume (finished batches are kept)")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except UserError as exc:
        if debug:
            raise
        _say(f"error: {exc}")
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - a bug: one line, and how to get the traceback
        if debug:
            raise
        _say(f"error: {type(exc).__name__}: {exc} (re-run with --debug for the traceback, and please report it)")
        return EXIT_FATAL


if __name__ == "__main__":
    sys.exit(main())
