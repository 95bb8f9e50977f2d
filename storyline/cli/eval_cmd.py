"""``storyline eval KIND DATA.jsonl``: figures from the shared scorer."""
from __future__ import annotations

import argparse
import sys

from ..evaluate import BASELINES, KINDS, evaluate
from .core_cmds import settings_from


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="run on an evaluation data set and print the shared scorer's figures",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Make the system's inputs with score.py, run storyline on them, score with score.py.",
        epilog="examples:\n  storyline eval timex ../shared/data/tempeval3/dev.jsonl\n"
               "  storyline eval extract ../shared/data/scrapinghub_aeb/dev.jsonl --baseline trafilatura\n"
               "  storyline eval stories ../shared/data/ecbplus_clusters/dev.jsonl")
    p.add_argument("kind", choices=sorted(KINDS))
    p.add_argument("data", metavar="DATA.jsonl")
    p.add_argument("--limit", type=int, help="only the first N records (a quick look)")
    p.add_argument("--baseline", choices=sorted(BASELINES),
                   help="also score a baseline on the same inputs: trafilatura (extract, pagetext, dates), "
                        "textacy (quotes), majority (events)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default: %(default)s)")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args) -> int:
    settings = settings_from(args).replace(progress=False)
    if args.baseline and args.kind not in BASELINES[args.baseline]:
        print(f"storyline: eval: baseline {args.baseline} is for {', '.join(BASELINES[args.baseline])}", file=sys.stderr)
        return 2
    try:
        print(evaluate(args.kind, args.data, settings, limit=args.limit, baseline=args.baseline), end="")
    except (FileNotFoundError, RuntimeError, ValueError) as exc:
        print(f"storyline: eval: {exc}", file=sys.stderr)
        return 2
    return 0
