"""``storyline events`` and ``storyline relations``: real events and actor-pair relations."""
from __future__ import annotations

import json
import sys
from typing import TextIO

from .core_cmds import FORMATTER, add_read_options, open_readonly_conn

# Width of the bar drawn for the month with the largest absolute score.
BAR_WIDTH = 20


def register(subparsers) -> None:
    """Add the ``events`` and ``relations`` subcommands."""
    p = subparsers.add_parser(
        "events", help="list real events (each once, with the sentences that report it)",
        formatter_class=FORMATTER,
        description="Events coded in PLOVER, one row per real event however many articles report it.",
        epilog="examples:\n  storyline events --actor Russia --since 2024-01\n"
               "  storyline events --type ASSAULT --place Karabakh --format json")
    p.add_argument("--actor", help="an actor on either side: a CAMEO code (RUS) or a name (Russia, the Kremlin)")
    p.add_argument("--type", dest="code", metavar="TYPE", help="a PLOVER event type (AGREE, FIGHT, ...)")
    p.add_argument("--since", help="first date, YYYY[-MM[-DD]]")
    p.add_argument("--until", help="last date, YYYY[-MM[-DD]]")
    p.add_argument("--place", help="part of the place name")
    add_read_options(p)
    p.set_defaults(func=cmd_events)

    p = subparsers.add_parser(
        "relations", help="cooperation/conflict series of an actor pair by month", formatter_class=FORMATTER,
        description="Month by month: the real events between two actors (either direction), how many\n"
                    "cooperate (score > 0) and conflict (score < 0), and their summed score.",
        epilog="examples:\n  storyline relations Russia Armenia\n  storyline relations AZE ARM --format json")
    p.add_argument("actors", nargs="*", metavar="ACTOR", help="zero, one or two actors (code or name)")
    add_read_options(p)
    p.set_defaults(func=cmd_relations)


def cmd_events(args) -> int:
    from ..story.events import list_events

    conn = open_readonly_conn(args.db)
    if conn is None:
        return 2
    try:
        events = list_events(conn, actor=args.actor, code=args.code, since=args.since,
                             until=args.until, place=args.place)
    finally:
        conn.close()
    if args.format == "json":
        json.dump({"events": events}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_events_text(events, sys.stdout)
    return 0


def cmd_relations(args) -> int:
    from ..story.events import relations

    if len(args.actors) > 2:
        print("storyline relations: at most two actors", file=sys.stderr)
        return 2
    a, b = (list(args.actors) + [None, None])[:2]
    conn = open_readonly_conn(args.db)
    if conn is None:
        return 2
    try:
        series = relations(conn, a, b)
    finally:
        conn.close()
    if args.format == "json":
        json.dump({"a": a, "b": b, "series": series}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_relations_text(a, b, series, sys.stdout)
    return 0


def _side(name, code) -> str:
    if name and code:
        return f"{name} [{code}]"
    return name or code or "?"


def write_events_text(events: list[dict], out: TextIO) -> None:
    """One block per event: date, type, who -> whom, where, and each reporting sentence."""
    if not events:
        out.write("no events\n")
        return
    for ev in events:
        flags = " (negated)" if ev["negated"] else (f" ({ev['modality']})" if ev["modality"] else "")
        out.write(f"{ev['date'] or '????'}  {ev['code']:<11} {_side(ev['actor'], ev['actor_code'])} -> "
                  f"{_side(ev['target'], ev['target_code'])}: {ev['action']}{flags}"
                  f"{'  @ ' + ev['where'] if ev['where'] else ''}  score {ev['score']:+.1f}"
                  f"  [{len(ev['mentions'])} mention(s)]\n")
        for m in ev["mentions"]:
            sentence = " ".join((m["sentence"] or "").split())
            out.write(f"    {m['source']} {m['start']}-{m['end']}: {sentence}\n")


def write_relations_text(a, b, series: list[dict], out: TextIO) -> None:
    """A month-by-month table with a bar per month (+ cooperation to the right, - conflict left)."""
    out.write(f"relations {a or '*'} <-> {b or '*'}\n")
    if not series:
        out.write("no events\n")
        return
    peak = max(abs(p["score"]) for p in series) or 1.0
    out.write(f"{'month':<8} {'events':>6} {'coop':>5} {'confl':>5} {'score':>7}  bar\n")
    for p in series:
        n = round(abs(p["score"]) / peak * BAR_WIDTH)
        bar = (" " * (BAR_WIDTH - n) + "#" * n + "|") if p["score"] < 0 else (" " * BAR_WIDTH + "|" + "#" * n)
        out.write(f"{p['month']:<8} {p['n_events']:>6} {p['cooperation']:>5} {p['conflict']:>5} "
                  f"{p['score']:>+7.1f}  {bar}\n")
        for ev in p["events"]:
            out.write(f"{'':<10}{ev['date']} {ev['code']} {_side(ev['actor'], ev['actor_code'])} -> "
                      f"{_side(ev['target'], ev['target_code'])}: {ev['action']} ({ev['score']:+.1f})\n")
