"""A story's timeline: its events and dated statements in order, each line citing every source.

Lines come from two tables filled by the readers:

- ``events``: one line per real-world event. Mentions with the same ``event_id`` (set by the
  event reader) are one event; without one, the same type, actor, target and date are.
- ``times``: a sentence that carries a calendar date (``2023-09-19``, ``2023-09``, ``2023``) and
  states no event already listed; the same date and much the same words from several
  articles make one line.

Dates keep the precision the text gives: a month stays ``2023-09``, and sorts before the days
of that month. Undated event lines take no date (``when`` null) and come last.
"""
from __future__ import annotations

import re
import sqlite3

from .story_text import sentences, words

# A calendar date value at day, month or year precision (weeks, seasons, durations are left out).
CALENDAR_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# Two dated statements with the same date whose word sets overlap this much say the same thing.
MERGE_JACCARD = 0.3


def _refs(art: dict, start: int, end: int) -> dict:
    return {"source": art["source"], "index": art["index"], "start": start, "end": end}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cites(line: dict, art: dict) -> bool:
    return any(r["source"] == art["source"] and r["index"] == art["index"] for r in line["sources"])


def _sentence_at(text: str, spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return pos, pos


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def event_lines(conn: sqlite3.Connection, articles: list[dict]) -> list[dict]:
    """Event mentions of the story's articles, one line per real-world event."""
    lines: dict[tuple, dict] = {}
    for art in articles:
        for row in conn.execute(
                'SELECT start, "end", actor, actor_code, action, code, target, target_code, "when", event_id, '
                'negated FROM events WHERE article_key = ? ORDER BY start', (art["key"],)):
            start, end, actor, acode, action, code, target, tcode, when, event_id, negated = row
            start, end = _trim(art["text"], start, end)
            if negated or end <= start:
                continue  # "did not attack" is not an event on the timeline
            when = when if when and CALENDAR_RE.match(when) else None
            key = ("id", event_id) if event_id is not None else (code, actor or acode, target or tcode, when)
            line = lines.get(key)
            if line is None:
                line = lines[key] = {"when": when, "text": art["text"][start:end], "kind": "event",
                                     "code": code, "actor": actor, "target": target, "sources": []}
            elif line["when"] is None and when:
                line["when"] = when
            if not _cites(line, art):  # one citation per article, its first mention
                line["sources"].append(_refs(art, start, end))
    return list(lines.values())


def statement_lines(conn: sqlite3.Connection, articles: list[dict], taken: set[tuple[str, int]]) -> list[dict]:
    """Sentences with a calendar date, merged across articles; ``taken`` are (key, sentence
    start) pairs already on the timeline as events."""
    lines: list[dict] = []
    for art in articles:
        spans = sentences(art["text"])
        for start, value in conn.execute(
                "SELECT start, value FROM times WHERE article_key = ? AND type = 'DATE' ORDER BY start",
                (art["key"],)):
            if not CALENDAR_RE.match(value or ""):
                continue
            s, e = _sentence_at(art["text"], spans, start)
            if e <= s or (art["key"], s) in taken:
                continue
            taken.add((art["key"], s))
            bag = set(words(art["text"][s:e]))
            same = next((ln for ln in lines if ln["when"] == value and _jaccard(ln["_bag"], bag) >= MERGE_JACCARD),
                        None)
            if same is None:
                lines.append({"when": value, "text": art["text"][s:e], "kind": "statement",
                              "sources": [_refs(art, s, e)], "_bag": bag})
            elif not _cites(same, art):
                same["sources"].append(_refs(art, s, e))
    for ln in lines:
        del ln["_bag"]
    return lines


def _sort_key(line: dict) -> tuple:
    # "2023-09" < "2023-09-05" as strings, so a month sorts before its days; undated last.
    return (line["when"] is None, line["when"] or "", -len(line["sources"]))


def story_timeline(conn: sqlite3.Connection, articles: list[dict]) -> list[dict]:
    """The story's timeline: ``[{"when", "text", "sources": [{"source", "index", "start", "end"}], ...}]``."""
    events = event_lines(conn, articles)
    taken = set()
    by_key = {a["key"]: a for a in articles}
    for art in articles:
        spans = sentences(art["text"])
        for (start,) in conn.execute("SELECT start FROM events WHERE article_key = ?", (art["key"],)):
            taken.add((art["key"], _sentence_at(by_key[art["key"]]["text"], spans, start)[0]))
    lines = events + statement_lines(conn, articles, taken)
    return sorted(lines, key=_sort_key)
