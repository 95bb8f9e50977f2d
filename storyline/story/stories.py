"""The connect step's entry points: update the stories after an ingest batch, read them back.

``update_stories(conn, keys)`` runs after each committed ingest batch: for every new article
it marks copies (dedup.py), then places the article in a story (cluster.py), absorbs the small
neighbour stories the article shows to be the same story, then refreshes the stored views
(timeline, claims, voices, summary) of the stories that changed. Articles already placed are
skipped, so re-running adds nothing. Story ids are never renumbered nor reused: an absorbed
story's id is retired.

``stories_json(conn)`` and ``story_json(conn, id)`` give the contract's shape
(CONTRACT.md, ``storyline stories --format json``) plus copies, claims, voices, dates, outlets.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

from . import cluster, dedup
from .claims import story_claims, story_voices
from .story_features import article_features, lead_details, load_article
from .story_text import sentences
from .summary import story_summary
from .timeline import story_timeline

# A story title made from a first sentence is cut at this many characters (at a word).
TITLE_CHARS = 120


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def update_stories(conn: sqlite3.Connection, article_keys: list[str], refresh_views: bool = True) -> None:
    """Mark copies and assign each new article to a story, in the order given; commit.
    ``refresh_views=False`` leaves the stored views stale (a bulk load refreshes them once at
    the end with :func:`refresh_views`); readers then compute them on demand."""
    touched: set[int] = set()
    for key in article_keys:
        if conn.execute("SELECT 1 FROM story_articles WHERE article_key = ?", (key,)).fetchone():
            continue  # placed by an earlier run: re-ingesting adds nothing
        art = load_article(conn, key)
        if art is None:
            continue
        sid, absorbed = _place(conn, art)
        touched -= absorbed
        touched.add(sid)
    if refresh_views:
        for sid in sorted(touched):
            refresh_view(conn, sid)
    conn.commit()


def _place(conn: sqlite3.Connection, art: dict) -> tuple[int, set[int]]:
    """Put one article in a story; return the story id and the ids of stories absorbed into it."""
    now = _now()
    copy = dedup.mark_copy(conn, art["key"], art["text"], art["text_sha256"])
    if copy:
        row = conn.execute("SELECT story_id FROM story_articles WHERE article_key = ?", (copy[0],)).fetchone()
        if row:
            _join(conn, row[0], art, None, now)
            return row[0], set()
    feats = article_features(art["title"], art["text"], art["entities"])
    details = lead_details(art["text"], art["entities"])
    sid, score, vec, neighbours = cluster.assign(conn, feats, art["window_date"], details)
    if sid is None:
        sid = _new_story(conn, art, now)
        score = None
    cluster.add_to_centroid(conn, sid, vec)
    _join(conn, sid, art, score, now)
    return absorb_neighbours(conn, sid, neighbours)


def absorb_neighbours(conn: sqlite3.Connection, sid: int, neighbours: dict[int, float]) -> tuple[int, set[int]]:
    """Absorb each small neighbour story (best first) that passes ``cluster.absorbable`` into
    the article's story ``sid``; the larger of the two keeps its id (the older on a tie).
    Returns the surviving id of the article's story and the retired ids."""
    retired: set[int] = set()
    for other, _score in sorted(neighbours.items(), key=lambda kv: (-kv[1], kv[0])):
        if other in retired or other == sid or not cluster.absorbable(conn, sid, other, story_details(conn, other)):
            continue
        keep, gone = sorted((sid, other), key=lambda s: (-(cluster.story_size(conn, s) or 0), s))
        cluster.absorb_story(conn, keep, gone)
        record_merge(conn, gone, keep)
        conn.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (_now(), keep))
        retired.add(gone)
        sid = keep
    return sid, retired


def record_merge(conn: sqlite3.Connection, gone: int, keep: int) -> None:
    """Remember that story ``gone`` now lives in ``keep``; earlier merges into ``gone`` follow."""
    conn.execute("UPDATE story_merges SET new_id = ? WHERE new_id = ?", (keep, gone))
    conn.execute("INSERT OR REPLACE INTO story_merges (old_id, new_id, merged_at) VALUES (?, ?, ?)",
                 (gone, keep, _now()))


def current_story_id(conn: sqlite3.Connection, story_id: int) -> int:
    """The id that holds story ``story_id``'s articles now: itself, or the story it was merged into."""
    row = conn.execute("SELECT new_id FROM story_merges WHERE old_id = ?", (story_id,)).fetchone()
    return row[0] if row else story_id


def story_details(conn: sqlite3.Connection, sid: int) -> set[tuple[str, str]]:
    """The lead details of every original article of a (small) story, together."""
    details: set[tuple[str, str]] = set()
    for (key,) in conn.execute("SELECT s.article_key FROM story_articles s LEFT JOIN copies c "
                               "ON c.article_key = s.article_key WHERE s.story_id = ? AND c.article_key IS NULL",
                               (sid,)):
        art = load_article(conn, key)
        if art is not None:
            details |= lead_details(art["text"], art["entities"])
    return details


def _new_story(conn: sqlite3.Connection, art: dict, now: str) -> int:
    # The id comes from a counter, not from SQLite's max(id) + 1: an absorbed story with the
    # highest id must not have its id handed to the next story.
    last = conn.execute("SELECT max(id) FROM stories").fetchone()[0] or 0
    sid = max(last, cluster.counter(conn, "story_ids")) + 1
    conn.execute("INSERT INTO story_counters (name, value) VALUES ('story_ids', ?) "
                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (sid,))
    conn.execute("INSERT INTO stories (id, title, first_date, last_date, size, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, 0, ?, ?)",
                 (sid, story_title(art), art["window_date"], art["window_date"], now, now))
    return sid


def _join(conn: sqlite3.Connection, sid: int, art: dict, score: float | None, now: str) -> None:
    conn.execute("INSERT INTO story_articles (article_key, story_id, score, added_at) VALUES (?, ?, ?, ?)",
                 (art["key"], sid, score, now))
    conn.execute(
        "UPDATE stories SET size = size + 1, updated_at = :now, "
        "first_date = CASE WHEN :d IS NULL THEN first_date WHEN first_date IS NULL OR :d < first_date THEN :d "
        "ELSE first_date END, "
        "last_date = CASE WHEN :d IS NULL THEN last_date WHEN last_date IS NULL OR :d > last_date THEN :d "
        "ELSE last_date END WHERE id = :sid", {"now": now, "d": art["window_date"], "sid": sid})


def story_title(art: dict) -> str:
    """The founding article's title, else its first sentence cut at a word."""
    if art.get("title"):
        return art["title"].strip()
    text = art["text"]
    spans = sentences(text)
    first = text[spans[0][0]:spans[0][1]] if spans else text
    if len(first) > TITLE_CHARS:
        first = first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return first


# ---------------------------------------------------------------- reading stories back

def story_members(conn: sqlite3.Connection, sid: int) -> list[dict]:
    """The story's articles (copies included) in date then arrival order."""
    rows = conn.execute(
        "SELECT a.key, a.source, a.idx, a.title, a.date, a.outlet, a.url, a.text, c.copy_of_key, c.similarity, c.kind "
        "FROM story_articles s JOIN articles a ON a.key = s.article_key "
        "LEFT JOIN copies c ON c.article_key = a.key WHERE s.story_id = ? "
        "ORDER BY a.date IS NULL, a.date, a.rowid", (sid,)).fetchall()
    return [{"key": r[0], "source": r[1], "index": r[2], "title": r[3], "date": r[4], "outlet": r[5],
             "url": r[6], "text": r[7], "copy_of": r[8], "similarity": r[9], "copy_kind": r[10]} for r in rows]


def build_view(conn: sqlite3.Connection, sid: int) -> dict | None:
    """Compute one story's full JSON object from the tables."""
    row = conn.execute("SELECT id, title, size, created_at, updated_at FROM stories WHERE id = ?",
                       (sid,)).fetchone()
    if row is None:
        return None
    members = story_members(conn, sid)
    ref = {m["key"]: {"source": m["source"], "index": m["index"]} for m in members}
    originals = [m for m in members if not m["copy_of"]]
    dates = sorted(m["date"] for m in members if m["date"])
    return {
        "id": row[0],
        "title": row[1],
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "size": row[2],
        "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
        "articles": [{"source": m["source"], "index": m["index"], "title": m["title"], "date": m["date"],
                      "outlet": m["outlet"], "url": m["url"], "key": m["key"],
                      "copy_of": ref.get(m["copy_of"]) if m["copy_of"] else None} for m in members],
        "copies": [{"source": m["source"], "index": m["index"], "copy_of": ref.get(m["copy_of"]),
                    "similarity": round(m["similarity"], 3), "kind": m["copy_kind"]}
                   for m in members if m["copy_of"]],
        "timeline": story_timeline(conn, originals),
        "summary": story_summary(originals),
        "claims": story_claims(originals),
        "voices": story_voices(conn, originals),
        "created_at": row[3],
        "updated_at": row[4],
    }


def refresh_view(conn: sqlite3.Connection, sid: int) -> dict | None:
    view = build_view(conn, sid)
    if view is not None:
        conn.execute("INSERT OR REPLACE INTO story_views (story_id, json, updated_at) VALUES (?, ?, ?)",
                     (sid, json.dumps(view, ensure_ascii=False), _now()))
    return view


def story_json(conn: sqlite3.Connection, story_id: int) -> dict | None:
    """One story in the contract's shape (plus extras), or None if there is no such story. A
    retired id (a story merged into another) gives the story that holds its articles now."""
    story_id = current_story_id(conn, int(story_id))
    row = conn.execute("SELECT v.json FROM story_views v JOIN stories s ON s.id = v.story_id "
                       "WHERE v.story_id = ? AND v.updated_at >= s.updated_at", (int(story_id),)).fetchone()
    if row:
        return json.loads(row[0])
    return build_view(conn, int(story_id))


def stories_json(conn: sqlite3.Connection) -> dict:
    """Every story, largest first (then oldest id): ``{"stories": [...]}``."""
    ids = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY size DESC, id")]
    return {"stories": [s for s in (story_json(conn, sid) for sid in ids) if s is not None]}
