"""The data behind each page, as plain dicts (the same dict is the page's JSON answer).

Stories and relations come from ``storyline.story.stories`` and ``storyline.story.events``
when they are installed; without them (or before the first ``storyline ingest`` made their
tables) the pages degrade to empty states instead of failing. Every function takes an open
``sqlite3`` connection with ``Row`` factory and only reads.
"""
from __future__ import annotations

import datetime as dt
import importlib
import logging
import sqlite3
from collections import Counter, defaultdict

from . import charts
from .highlight import segments
from .render import short_source

log = logging.getLogger(__name__)

# Days a sparkline shows at most; longer stories are drawn by week so the line stays readable.
SPARKLINE_MAX_DAYS = 120
SPARKLINE_W, SPARKLINE_H = 120, 24  # pixels: fits a table cell beside the outlets
SPARKLINE_MIN_SLOTS = 14  # a story of a few days gets slim bars, not one wide block
COUNTRY_LABELS = ("GPE", "NORP")  # entity labels whose code stands for the country acting
RECENT_ARTICLES = 50  # articles listed on the home page when there are no stories yet
SEARCH_LIMIT = 30  # hits shown for a search: a page's worth; refine the words for more


# ---------------------------------------------------------------------------------- plumbing
def optional(module: str, name: str):
    """A function of a sibling package, or None when that package is not there (yet)."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def safely(func, *args, **kwargs):
    """Call a function of another layer; a missing table means "nothing yet", not a crash."""
    if func is None:
        return None
    try:
        return func(*args, **kwargs)
    except (sqlite3.OperationalError, LookupError, ValueError, TypeError) as exc:
        log.warning("%s: %s", getattr(func, "__name__", func), exc)
        return None


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name=?", (name,)).fetchone() is not None


def counts(conn: sqlite3.Connection) -> dict:
    out = {}
    for table in ("raw_pages", "articles", "entities", "quotes", "events"):
        out[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] if has_table(conn, table) else 0
    return out


def load_stories(conn: sqlite3.Connection) -> list[dict] | None:
    """All stories in the contract's shape, or None when stories are not available."""
    result = safely(optional("storyline.story.stories", "stories_json"), conn)
    if not isinstance(result, dict):
        return None
    return [s for s in result.get("stories") or [] if isinstance(s, dict)]


class ArticleIndex:
    """Looks up stored articles by key or by (source, index), once per page."""

    COLUMNS = "key, source, idx, title, date, outlet, url, author, raw_sha256"

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.cache: dict = {}

    def get(self, ref: dict) -> dict:
        """The reference (from a story) completed with what the store knows about it."""
        key = ref.get("key") or ref.get("article_key")
        cache_key = key or (ref.get("source"), ref.get("index"))
        if cache_key not in self.cache:
            if key:
                row = self.conn.execute(f"SELECT {self.COLUMNS} FROM articles WHERE key=?", (key,)).fetchone()
            else:
                row = self.conn.execute(f"SELECT {self.COLUMNS} FROM articles WHERE source=? AND idx=? "
                                        "ORDER BY rowid DESC LIMIT 1", (ref.get("source"), ref.get("index"))).fetchone()
            self.cache[cache_key] = dict(row) if row else {}
        found = self.cache[cache_key]
        merged = {**{k: v for k, v in found.items() if k != "idx"}, "index": found.get("idx")}
        merged.update({k: v for k, v in ref.items() if v is not None})
        merged.setdefault("key", found.get("key"))
        return merged


# ---------------------------------------------------------------------------------- stories
def stories_page(conn: sqlite3.Connection, query: str | None = None) -> dict:
    stories = load_stories(conn)
    index = ArticleIndex(conn)
    data = {"counts": counts(conn), "stories_available": stories is not None, "query": query or None,
            "stories": [story_row(index, s) for s in stories or []], "results": None, "recent_articles": []}
    if query:
        data["results"] = search(conn, query)
    if not data["stories"]:
        data["recent_articles"] = recent_articles(conn)
    return data


def story_row(index: ArticleIndex, story: dict) -> dict:
    articles = [index.get(a) for a in story.get("articles") or [] if isinstance(a, dict)]
    dates = sorted(d for a in articles if (d := _day(a.get("date"))))
    outlets = story.get("outlets") or sorted({a["outlet"] for a in articles if a.get("outlet")})
    copies = _count(story.get("copies")) or sum(1 for a in articles if a.get("copy_of"))
    originals = sum(1 for a in articles if not a.get("copy_of"))
    if copies and originals == len(articles):  # copies listed apart from the articles
        copies_in_articles = 0
    else:
        copies_in_articles = copies
    return {"id": story.get("id"), "title": story.get("title"), "size": len(articles) - copies_in_articles,
            "copies": copies, "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None, "outlets": outlets,
            "sparkline": sparkline(Counter(dates))}


def sparkline(per_day: Counter) -> dict | None:
    """Articles per day (per week for long stories) as SVG bars: numbers only, safe in markup."""
    if not per_day:
        return None
    first, last = (dt.date.fromisoformat(d) for d in (min(per_day), max(per_day)))
    days = (last - first).days + 1
    step = 1 if days <= SPARKLINE_MAX_DAYS else 7
    bins = [0] * ((days - 1) // step + 1)
    for day, n in per_day.items():
        bins[(dt.date.fromisoformat(day) - first).days // step] += n
    top, slot = max(bins), SPARKLINE_W / max(len(bins), SPARKLINE_MIN_SLOTS)
    bars = [{"x": round(i * slot, 1), "w": round(max(slot * 0.8, 1), 1),
             "h": round(max((SPARKLINE_H - 2) * n / top, 1.5), 1)} for i, n in enumerate(bins) if n]
    for bar in bars:
        bar["y"] = round(SPARKLINE_H - bar["h"], 1)
    return {"bars": bars, "days": len(bins), "width": SPARKLINE_W, "height": SPARKLINE_H, "peak": top,
            "per": "week" if step == 7 else "day"}


def story_page(conn: sqlite3.Connection, story_id: str) -> dict | None:
    story = _find_story(conn, story_id)
    if story is None:
        return None
    index = ArticleIndex(conn)
    articles = [index.get(a) for a in story.get("articles") or [] if isinstance(a, dict)]
    keys = [a["key"] for a in articles if a.get("key")]
    timeline = [_cited(index, item) for item in story.get("timeline") or [] if isinstance(item, dict)]
    summary = [index.get(s) | {"text": s.get("text")} for s in story.get("summary") or [] if isinstance(s, dict)]
    events = story_events(conn, keys)
    voices = voices_by_outlet(conn, keys)
    network = actor_network(events)
    # Fields shown in their own sections (or in the header); anything else goes under "More".
    known = {"id", "title", "articles", "timeline", "summary", "claims", "copies", "voices", "outlets",
             "first_date", "last_date", "size", "created_at", "updated_at"}
    return {
        "story": {"id": story.get("id"), "title": story.get("title")},
        "row": story_row(index, story), "articles": articles, "summary": summary, "timeline": timeline,
        "claims": [resolve_refs(index, c) for c in story.get("claims") or [] if isinstance(c, dict)],
        "copies": resolve_refs(index, story.get("copies") or []), "voices": voices, "events": events,
        "perspectives": story.get("voices") if isinstance(story.get("voices"), dict) else None,
        "network": network,
        "extra": {k: resolve_refs(index, v) for k, v in story.items() if k not in known},
        "charts": {"timeline": charts.timeline_spec(timeline), "map": charts.map_spec(events),
                   "network": charts.network_spec(network["nodes"], network["edges"]),
                   "voices": charts.voices_spec(voices["cells"])},
    }


def _find_story(conn: sqlite3.Connection, story_id: str) -> dict | None:
    one = optional("storyline.story.stories", "story_json")
    story = safely(one, conn, story_id) if one else None
    if story is None and one is not None and str(story_id).isdigit():
        story = safely(one, conn, int(story_id))  # ids may be integers in the store
    if isinstance(story, dict) and story:
        return story
    for candidate in load_stories(conn) or []:
        if str(candidate.get("id")) == str(story_id):
            return candidate
    return None


def resolve_refs(index: ArticleIndex, value, depth: int = 0):
    """Give every nested ``{"source", "index", ...}`` the stored article's key and outlet, so
    extra story fields (claims, copies, ...) link to their articles whatever their shape."""
    if depth > 5:
        return value
    if isinstance(value, list):
        return [resolve_refs(index, v, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: resolve_refs(index, v, depth + 1) for k, v in value.items()}
    if "source" in out and "index" in out and "key" not in out:
        found = index.get({"source": out["source"], "index": out["index"]})
        out.update({k: found.get(k) for k in ("key", "outlet") if found.get(k) and not out.get(k)})
    return out


def _cited(index: ArticleIndex, item: dict) -> dict:
    sources = [index.get(s) for s in item.get("sources") or [] if isinstance(s, dict)]
    return {**item, "sources": sources}


def story_events(conn: sqlite3.Connection, keys: list[str]) -> list[dict]:
    """The story's real-world events: mentions with the same ``event_id`` count once."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f'SELECT e.*, a.outlet, a.title AS article_title, a.date AS article_date FROM events e '
        f'JOIN articles a ON a.key = e.article_key WHERE e.article_key IN ({marks}) ORDER BY e."when", e.id',
        keys).fetchall()
    grouped: dict = {}
    for row in rows:
        ident = row["event_id"] if row["event_id"] is not None else f"m{row['id']}"
        if ident not in grouped:
            grouped[ident] = dict(row) | {"mentions": 0, "articles": []}
        grouped[ident]["mentions"] += 1
        grouped[ident]["articles"].append(row["article_key"])
    return list(grouped.values())


def actor_network(events: list[dict]) -> dict:
    """Actors and the events between them, one edge per (actor, target) pair.

    An actor is its CAMEO code when it has one ("Tajikistan", "Tajik" and "Dushanbe" are one
    node, TJK), else its name; the label adds the name used most."""
    counts: Counter = Counter()
    names: dict = defaultdict(Counter)
    pairs: dict = defaultdict(list)
    for e in events:
        actor, target = _actor(e, "actor"), _actor(e, "target")
        if actor and target and actor != target:
            for node, role in ((actor, "actor"), (target, "target")):
                counts[node] += 1
                if e.get(role):
                    names[node][e[role]] += 1
            pairs[(actor, target)].append(e)
    edges = [{"source": a, "target": b, "count": len(evs),
              "score": round(sum(e.get("score") or 0 for e in evs) / len(evs), 2),
              "codes": sorted({e.get("code") for e in evs if e.get("code")}),
              "actor_code": evs[0].get("actor_code"), "target_code": evs[0].get("target_code")}
             for (a, b), evs in sorted(pairs.items(), key=lambda kv: -len(kv[1]))]
    nodes = [{"id": n, "count": c, "label": _node_label(n, names[n])} for n, c in counts.most_common()]
    labels = {n["id"]: n["label"] for n in nodes}
    for edge in edges:
        edge["source_label"], edge["target_label"] = labels[edge["source"]], labels[edge["target"]]
    return {"nodes": nodes, "edges": edges}


def _actor(event: dict, role: str) -> str | None:
    return event.get(f"{role}_code") or event.get(role)


def _node_label(node: str, names: Counter) -> str:
    if not names or node in names:
        return node
    return f"{node} ({names.most_common(1)[0][0]})"


def voices_by_outlet(conn: sqlite3.Connection, keys: list[str]) -> dict:
    """Which outlets quote which speakers, from the quotes of the story's articles."""
    if not keys:
        return {"outlets": [], "cells": []}
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT COALESCE(a.outlet, a.source) AS outlet, q.speaker, COUNT(*) AS n FROM quotes q "
        f"JOIN articles a ON a.key = q.article_key WHERE q.article_key IN ({marks}) AND q.speaker IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY 1, n DESC", keys).fetchall()
    outlets: dict = defaultdict(list)
    for r in rows:
        outlets[short_source(r["outlet"])].append({"speaker": r["speaker"], "quotes": r["n"]})
    return {"outlets": [{"outlet": o, "speakers": s} for o, s in outlets.items()],
            "cells": [{"outlet": short_source(r["outlet"]), "speaker": r["speaker"], "quotes": r["n"]} for r in rows]}


# ---------------------------------------------------------------------------------- articles
def recent_articles(conn: sqlite3.Connection, limit: int = RECENT_ARTICLES) -> list[dict]:
    if not has_table(conn, "articles"):
        return []
    rows = conn.execute("SELECT key, source, idx AS 'index', title, date, outlet FROM articles "
                        "ORDER BY date DESC, rowid DESC LIMIT ?", (limit,)).fetchall()
    return [dict(r) for r in rows]


# Private-use characters mark the matches in FTS snippets: they cannot occur in page text by
# accident the way "[" and "]" can, and the template turns them into <mark> elements.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"


def search(conn: sqlite3.Connection, query: str, limit: int = SEARCH_LIMIT) -> list[dict]:
    """Full-text hits, best first; ``snippet`` is a list of ``{"text", "hit"}`` parts."""
    from ..store.db import fts_query

    try:
        rows = conn.execute(
            "SELECT a.key, a.source, a.idx AS 'index', a.title, a.date, a.outlet, "
            "snippet(articles_fts, 1, ?, ?, '…', 14) AS snippet FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (HIT_OPEN, HIT_CLOSE, fts_query(query), limit)).fetchall()
    except sqlite3.OperationalError as exc:
        log.warning("search %r: %s", query, exc)
        return []
    return [dict(r) | {"snippet": snippet_parts(r["snippet"] or "")} for r in rows]


def snippet_parts(snippet: str) -> list[dict]:
    parts = []
    for n, piece in enumerate(snippet.replace(HIT_CLOSE, HIT_OPEN).split(HIT_OPEN)):
        if piece:
            parts.append({"text": piece, "hit": n % 2 == 1})
    return parts


def article_page(conn: sqlite3.Connection, key: str, stories: list[dict] | None = None) -> dict | None:
    """An article with its annotations; ``stories`` (all stories, if already loaded) saves a reload."""
    row = conn.execute("SELECT * FROM articles WHERE key=?", (key,)).fetchone()
    if row is None:
        return None
    article = {k: row[k] for k in row.keys() if k != "idx"} | {"index": row["idx"]}
    parts = {table: _children(conn, table, key) for table in ("entities", "times", "quotes", "events")}
    raw = conn.execute("SELECT sha256, source, kind, container, url, date, received_at, LENGTH(content) AS size "
                       "FROM raw_pages WHERE sha256=?", (row["raw_sha256"],)).fetchone()
    return {"article": article, **parts, "raw": dict(raw) if raw else None,
            "segments": segments(row["text"], parts["entities"], parts["times"], parts["quotes"], parts["events"]),
            "stories": stories_of(conn, row["source"], row["idx"], stories, key)}


def _children(conn: sqlite3.Connection, table: str, key: str) -> list[dict]:
    rows = conn.execute(f"SELECT * FROM {table} WHERE article_key=? ORDER BY start", (key,)).fetchall()
    return [{k: r[k] for k in r.keys() if k != "article_key"} for r in rows]


def stories_of(conn: sqlite3.Connection, source: str, index: int, stories: list[dict] | None = None,
               key: str | None = None) -> list[dict]:
    """The stories an article belongs to: from the story tables when they exist (one indexed
    query), else by scanning the stories' article lists."""
    if stories is None and key and has_table(conn, "story_articles") and has_table(conn, "stories"):
        rows = conn.execute("SELECT s.id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
                            "WHERE sa.article_key = ?", (key,)).fetchall()
        if rows:
            return [{"id": r["id"], "title": r["title"]} for r in rows]
    found = []
    for story in stories if stories is not None else load_stories(conn) or []:
        if any(a.get("source") == source and a.get("index") == index for a in story.get("articles") or []):
            found.append({"id": story.get("id"), "title": story.get("title")})
    return found


def raw_page(conn: sqlite3.Connection, key: str) -> dict | None:
    """The page an article came from: its bytes exactly as received, and a decoded view."""
    row = conn.execute("SELECT r.* FROM raw_pages r JOIN articles a ON a.raw_sha256 = r.sha256 WHERE a.key=?",
                       (key,)).fetchone()
    if row is None:
        return None
    content = bytes(row["content"])
    decode = optional("storyline.ingest.decode", "decode_bytes")
    text = (decode(content)[0] if decode else None) or content.decode("utf-8", "replace")
    info = {k: row[k] for k in row.keys() if k != "content"}
    return {"key": key, "page": info, "bytes": content, "text": text, "size": len(content)}


# ---------------------------------------------------------------------------------- entities
def entity_page(conn: sqlite3.Connection, name: str) -> dict | None:
    mentions = conn.execute(
        "SELECT text, label, code, sector, title, COUNT(*) AS n FROM entities WHERE canonical=? "
        "GROUP BY text, label ORDER BY n DESC", (name,)).fetchall()
    quotes = conn.execute(
        "SELECT q.text, q.direct, q.cue, a.key, a.title AS article_title, a.date, a.outlet FROM quotes q "
        "JOIN articles a ON a.key = q.article_key WHERE q.speaker=? ORDER BY a.date, q.start", (name,)).fetchall()
    # A country (GPE, NORP) also acts under its code: "Kyrgyz officials", "Bishkek" -> KGZ.
    codes = sorted({m["code"] for m in mentions if m["code"] and m["label"] in COUNTRY_LABELS})
    marks = ",".join("?" * len(codes))
    by_code = f' OR e.actor_code IN ({marks}) OR e.target_code IN ({marks})' if codes else ""
    events = conn.execute(
        'SELECT e.*, a.title AS article_title, a.outlet FROM events e JOIN articles a ON a.key = e.article_key '
        f'WHERE e.actor=? OR e.target=?{by_code} ORDER BY e."when", e.id', (name, name, *codes, *codes)).fetchall()
    if not mentions and not quotes and not events:
        return None
    articles = conn.execute(
        "SELECT a.key, a.title, a.date, a.outlet, a.source, COUNT(*) AS mentions FROM entities e "
        "JOIN articles a ON a.key = e.article_key WHERE e.canonical=? GROUP BY a.key ORDER BY a.date", (name,)).fetchall()
    aliases = conn.execute("SELECT alias, label, n FROM aliases WHERE canonical=? ORDER BY n DESC",
                           (name,)).fetchall() if has_table(conn, "aliases") else []
    codes = sorted({m["code"] for m in mentions if m["code"]})
    return {"name": name, "labels": sorted({m["label"] for m in mentions}), "codes": codes,
            "titles": sorted({m["title"] for m in mentions if m["title"]}),
            "mentions": [dict(m) for m in mentions], "aliases": [dict(a) for a in aliases],
            "articles": [dict(a) for a in articles], "quotes": [dict(q) for q in quotes],
            "events": [dict(e) for e in events]}


def entity_names(conn: sqlite3.Connection) -> list[str]:
    names = {r[0] for r in conn.execute("SELECT DISTINCT canonical FROM entities")}
    names |= {r[0] for r in conn.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")}
    return sorted(names)


# ---------------------------------------------------------------------------------- helpers
def _day(value) -> str | None:
    """A full YYYY-MM-DD date, else None (a sparkline needs days)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _count(value) -> int:
    if isinstance(value, (list, tuple, dict)):
        return len(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
