"""The web commands: ``serve`` (the read-only web app) and ``report`` (the same pages as
static files). Parsing only; the work is in ``storyline.web`` and ``storyline.report``."""
from __future__ import annotations

import sys

from .core_cmds import FORMATTER, add_db


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="browse the stories in a web browser (read-only)", formatter_class=FORMATTER,
        description="Serve the store as web pages: stories, each story's summary, timeline, claims, voices,\n"
                    "actors and map, articles with their entities, times, quotes and events, entities and\n"
                    "actor relations. Every page also answers as JSON (add .json or send Accept:\n"
                    "application/json). It only reads, so it can run while `storyline ingest` writes.",
        epilog="examples:\n  storyline serve                       # http://127.0.0.1:8000/\n"
               "  storyline serve --db news.db --port 8080\n"
               "  curl -s http://127.0.0.1:8000/index.json | jq '.stories[].title'")
    add_db(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    p.set_defaults(func=cmd_serve)

    p = subparsers.add_parser(
        "report", help="write the stories as static HTML pages that open from disk", formatter_class=FORMATTER,
        description="Write the same pages as `storyline serve` into a folder of static files with\n"
                    "relative links and the chart library beside them: open index.html, no server needed.",
        epilog="examples:\n  storyline report --out report/ && xdg-open report/index.html\n"
               "  storyline report --db news.db --out /tmp/news-report")
    add_db(p)
    p.add_argument("--out", default="storyline-report", help="folder to write (default: %(default)s)")
    p.set_defaults(func=cmd_report)


def _db_path(args) -> str:
    from ..config import default_db_path

    return args.db or default_db_path()


def cmd_serve(args) -> int:
    import uvicorn

    from ..web.app import create_app

    path = _db_path(args)
    print(f"storyline: serving {path} on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("storyline: warning: listening beyond this machine; the pages show everything in the store",
              file=sys.stderr)
    uvicorn.run(create_app(path), host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_report(args) -> int:
    from pathlib import Path

    from ..report.static import write_report
    from ..store.db import Store

    path = _db_path(args)
    if not Path(path).exists():
        print(f"storyline: {path}: no such database (run `storyline ingest PAGES` first)", file=sys.stderr)
        return 2
    with Store(path, readonly=True) as store:
        index = write_report(store, args.out)
    print(f"storyline: report written to {index}", file=sys.stderr)
    return 0
