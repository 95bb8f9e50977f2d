"""``storyline``: the root command. Each command group lives in its own module with a
``register(subparsers)`` function; this module only assembles them and maps exit codes.

Exit codes (CONTRACT.md): 0 all inputs read, 1 some inputs rejected (each named on stderr),
2 usage error.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

# Command modules, in the order their commands appear in --help.
COMMAND_MODULES = (
    "storyline.cli.core_cmds",  # extract, ingest, run, export, search
    "storyline.cli.stories_cmd",  # stories, story
    "storyline.cli.events_cmd",  # events, relations
    "storyline.cli.web_cmd",  # serve, report
    "storyline.cli.eval_cmd",  # eval
)

# Third-party packages of the extras: without them their commands are simply absent.
OPTIONAL_DEPENDENCIES = ("fastapi", "uvicorn", "starlette", "jinja2", "dask", "distributed")

DESCRIPTION = """Turn a pile of raw news pages into the story they tell.

Typical use:
  storyline ingest pages/ feed.jsonl          # read, extract and store (./storyline.db)
  storyline stories                           # the stories found, with timelines and summaries
  storyline extract page.html | jq .title     # JSON Lines for one-off use, stores nothing
  storyline run examples/                     # ingest + stories + HTML report in one go
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storyline", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"storyline {_version()}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a command group whose extra is not installed
            if exc.name not in (name, *OPTIONAL_DEPENDENCIES):
                raise
            continue
        module.register(subparsers)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("storyline")
    except PackageNotFoundError:
        return "0+unknown"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2),
                        format="storyline: %(levelname)s: %(message)s", stream=sys.stderr)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `storyline extract ... | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("storyline: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


def entry_point() -> None:
    sys.exit(main())
