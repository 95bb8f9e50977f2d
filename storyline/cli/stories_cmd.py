"""``storyline stories`` and ``storyline story ID``: the stories found, as text or JSON."""
from __future__ import annotations

import json
import sqlite3
import sys
from typing import TextIO

from .core_cmds import FORMATTER, add_read_options, open_readonly_conn

# Lines of each part shown per story in the text listing (the JSON has everything).
TEXT_TIMELINE_LINES = 5
TEXT_SUMMARY_LINES = 3


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stories", help="list the stories: articles, timeline, cited summary", formatter_class=FORMATTER,
        description="Every story in the store, largest first, with its articles, merged timeline,\n"
                    "claims compared across sources and cited summary.",
        epilog="examples:\n  storyline stories\n  storyline stories --db news.db --format json | jq '.stories[0].summary'")
    add_read_options(p)
    p.set_defaults(func=cmd_stories)

    p = subparsers.add_parser(
        "story", help="show one story in full", formatter_class=FORMATTER,
        description="One story: its articles and copies, timeline, claims, voices and summary.",
        epilog="examples:\n  storyline story 3\n  storyline story 3 --format json | jq '.timeline[] | .when + \" \" + .text'")
    p.add_argument("id", type=int, metavar="ID", help="the story id shown by `storyline stories`")
    add_read_options(p)
    p.set_defaults(func=cmd_story)


def cmd_stories(args) -> int:
    from ..story.stories import stories_json

    conn = open_readonly_conn(args.db)
    if conn is None:
        return 2
    with conn:
        if args.format == "json":
            json.dump(stories_json(conn), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            print_stories_text(conn, sys.stdout)
    return 0


def cmd_story(args) -> int:
    from ..story.stories import story_json

    conn = open_readonly_conn(args.db)
    if conn is None:
        return 2
    with conn:
        story = story_json(conn, args.id)
    if story is None:
        print(f"storyline: no story {args.id} (see `storyline stories`)", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(story, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_story_text(story, sys.stdout, full=True)
    return 0


def print_stories_text(conn: sqlite3.Connection, out: TextIO) -> None:
    """The text listing `storyline stories` and `storyline run` print."""
    from ..story.stories import stories_json

    stories = stories_json(conn)["stories"]
    if not stories:
        out.write("No stories yet: run `storyline ingest PAGES...` first.\n")
        return
    for story in stories:
        write_story_text(story, out, full=False)


def write_story_text(story: dict, out: TextIO, full: bool) -> None:
    dates = " to ".join(sorted({d for d in (story.get("first_date"), story.get("last_date")) if d}))
    n_copies = len(story.get("copies", []))
    out.write(f"[{story['id']}] {story['title']}\n")
    out.write(f"    {len(story['articles'])} articles ({n_copies} copies)"
              f"{', ' + dates if dates else ''}{', ' + ', '.join(story['outlets']) if story.get('outlets') else ''}\n")
    timeline = story["timeline"] if full else story["timeline"][:TEXT_TIMELINE_LINES]
    for line in timeline:
        cites = ", ".join(f"{s['source']}#{s['index']}" for s in line["sources"])
        out.write(f"    {line['when'] or '?':<10} {line['text'][:100]}  [{cites}]\n")
    summary = story["summary"] if full else story["summary"][:TEXT_SUMMARY_LINES]
    for s in summary:
        out.write(f"    * {s['text']}  [{s['source']}#{s['index']} {s['start']}-{s['end']}]\n")
    if full:
        for group in story.get("claims", []):
            values = "; ".join(f"{c['text']} ({c['source']})" for c in group["claims"])
            out.write(f"    claim {group['about']}: {group['status']}: {values}\n")
        for row in story.get("voices", {}).get("by_outlet", []):
            voices = ", ".join(f"{v} {n}" for v, n in sorted(row["voices"].items()))
            out.write(f"    voices in {row['outlet']}: {voices}\n")
        for a in story["articles"]:
            copy = f" (copy of {a['copy_of']['source']})" if a.get("copy_of") else ""
            out.write(f"    - {a['source']}#{a['index']} {a['date'] or ''} {a['title'] or ''}{copy}\n")
    out.write("\n")
