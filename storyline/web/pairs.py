"""The relations pages: actor pairs, and the monthly cooperation/conflict series of one pair.

The series comes from ``storyline.story.events.relations`` when it is installed; its points are
normalised here to ``{"month", "cooperation", "conflict", "score", "events"}``. Without it the
series is computed from the events table (counts of positive and negative events per month,
the net Goldstein score, each real event counted once).
"""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

from . import charts
from .queries import has_table, optional, safely

PAIRS_LIMIT = 100  # actor pairs listed on the relations page, most events first


def pairs_page(conn: sqlite3.Connection) -> dict:
    """Actor pairs (by code, else by name) with how many events link them, most first."""
    if not has_table(conn, "events"):
        return {"pairs": []}
    rows = conn.execute(
        "SELECT COALESCE(actor_code, actor) AS a, COALESCE(target_code, target) AS b, COUNT(*) AS mentions, "
        "COUNT(DISTINCT COALESCE(event_id, -id)) AS events, AVG(score) AS score FROM events "
        "WHERE COALESCE(actor_code, actor) IS NOT NULL AND COALESCE(target_code, target) IS NOT NULL "
        "AND COALESCE(actor_code, actor) != COALESCE(target_code, target) "
        "GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?", (PAIRS_LIMIT,)).fetchall()
    return {"pairs": [dict(r) | {"score": round(r["score"] or 0, 2)} for r in rows]}


def relations_page(conn: sqlite3.Connection, a: str, b: str) -> dict:
    series = _from_events_module(conn, a, b)
    if series is None:
        series = monthly_series(conn, a, b)
    return {"a": a, "b": b, "series": series,
            "totals": {"events": sum(len(p["events"]) for p in series),
                       "cooperation": sum(p["cooperation"] for p in series),
                       "conflict": sum(p["conflict"] for p in series)},
            "charts": {"relations": charts.relations_spec(series)}}


def _from_events_module(conn, a: str, b: str) -> list[dict] | None:
    result = safely(optional("storyline.story.events", "relations"), conn, a, b)
    if isinstance(result, dict):  # tolerate {"series": [...]} or {"months": [...]}
        result = result.get("series") or result.get("months")
    if not isinstance(result, list):
        return None
    points = [p for p in (normalise(x) for x in result if isinstance(x, dict)) if p]
    return points if points or not result else None


def normalise(point: dict) -> dict | None:
    month = point.get("month") or point.get("period") or point.get("when")
    if not isinstance(month, str) or not re.match(r"\d{4}-\d{2}", month):
        return None
    events = [event_row(e) for e in point.get("events") or [] if isinstance(e, dict)]
    coop = point.get("cooperation", point.get("coop"))
    conflict = point.get("conflict")
    if coop is None:
        coop = sum(1 for e in events if (e.get("score") or 0) > 0)
    if conflict is None:
        conflict = sum(1 for e in events if (e.get("score") or 0) < 0)
    score = point.get("score", point.get("net"))
    if score is None:
        score = sum(e.get("score") or 0 for e in events)
    return {"month": month[:7], "cooperation": abs(_number(coop)), "conflict": abs(_number(conflict)),
            "score": round(_number(score), 2), "events": events}


def event_row(event: dict) -> dict:
    """An event from the events layer, in the shape the events table shows: its mentions (each
    a sentence in an article) become ``sources``, and ``mentions`` their count."""
    mentions = event.get("mentions")
    if not isinstance(mentions, list):
        return event
    sources = [m for m in mentions if isinstance(m, dict)]
    first = sources[0] if sources else {}
    return {**event, "mentions": len(sources), "sources": sources,
            "article_key": event.get("article_key") or first.get("article_key"),
            "start": event.get("start", first.get("start")),
            "article_date": event.get("article_date") or first.get("article_date")}


def monthly_series(conn: sqlite3.Connection, a: str, b: str) -> list[dict]:
    """Events between a and b (either direction, by code or by name), one point per month."""
    if not has_table(conn, "events"):
        return []
    rows = conn.execute(
        'SELECT e.*, ar.date AS article_date, ar.title AS article_title, ar.outlet FROM events e '
        'JOIN articles ar ON ar.key = e.article_key WHERE '
        '(COALESCE(e.actor_code, e.actor) = ? AND COALESCE(e.target_code, e.target) = ?) OR '
        '(COALESCE(e.actor_code, e.actor) = ? AND COALESCE(e.target_code, e.target) = ?) '
        'ORDER BY e."when", e.id', (a, b, b, a)).fetchall()
    months: dict = defaultdict(dict)
    for row in rows:
        month = _month(row["when"]) or _month(row["article_date"])
        if month is None:
            continue
        ident = row["event_id"] if row["event_id"] is not None else f"m{row['id']}"
        event = months[month].setdefault(ident, dict(row) | {"mentions": 0})
        event["mentions"] += 1
    series = []
    for month in sorted(months):
        events = list(months[month].values())
        series.append({"month": month, "events": events,
                       "cooperation": sum(1 for e in events if (e["score"] or 0) > 0),
                       "conflict": sum(1 for e in events if (e["score"] or 0) < 0),
                       "score": round(sum(e["score"] or 0 for e in events), 2)})
    return series


def _month(value) -> str | None:
    return value[:7] if isinstance(value, str) and re.match(r"\d{4}-\d{2}", value) else None


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
