"""Support for the story tests (no tests here): a tiny in-memory store built from the migrations.

All articles used with it are fictional, written for these tests.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parents[1] / "storyline" / "store" / "migrations"


def new_store(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row  # as the Store opens it: the story code must not rely on tuples
    for path in sorted(MIGRATIONS.glob("*.sql")):  # every migration, as the Store applies them
        conn.executescript(path.read_text())
    return conn


def add_article(conn: sqlite3.Connection, source: str, text: str, *, title: str | None = None,
                date: str | None = None, outlet: str | None = None, entities=(), times=(), quotes=(),
                events=()) -> str:
    """Insert one article and its readings; return its key.

    entities: (text, label, canonical[, code]); times: (text, type, value);
    quotes: (quoted text, speaker); events: dicts with code, actor, target, when, sentence.
    Offsets are found in ``text`` (first occurrence)."""
    sha = hashlib.sha256((source + text).encode()).hexdigest()
    key = f"{sha[:16]}:0"
    conn.execute("INSERT INTO raw_pages (sha256, source, kind, content, received_at) VALUES (?, ?, 'text', ?, 'now')",
                 (sha, source, text.encode()))
    conn.execute("INSERT INTO articles (key, raw_sha256, source, idx, title, date, outlet, text, text_sha256, created_at) "
                 "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, 'now')",
                 (key, sha, source, title, date, outlet, text, hashlib.sha256(text.encode()).hexdigest()))
    for ent in entities:
        surface, label, canonical, *code = ent
        start = text.index(surface)
        conn.execute('INSERT INTO entities (article_key, start, "end", text, label, canonical, code) '
                     'VALUES (?, ?, ?, ?, ?, ?, ?)', (key, start, start + len(surface), surface, label, canonical,
                                                      code[0] if code else None))
    for surface, typ, value in times:
        start = text.index(surface)
        conn.execute('INSERT INTO times (article_key, start, "end", text, type, value) VALUES (?, ?, ?, ?, ?, ?)',
                     (key, start, start + len(surface), surface, typ, value))
    for quoted, speaker in quotes:
        start = text.index(quoted)
        conn.execute('INSERT INTO quotes (article_key, start, "end", text, speaker, direct) VALUES (?, ?, ?, ?, ?, 1)',
                     (key, start, start + len(quoted), quoted, speaker))
    for ev in events:
        start = text.index(ev["sentence"])
        conn.execute('INSERT INTO events (article_key, start, "end", actor, action, code, target, "when", score) '
                     'VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)', (key, start, start + len(ev["sentence"]), ev.get("actor"),
                                                            ev.get("action", "x"), ev["code"], ev.get("target"),
                                                            ev.get("when")))
    conn.commit()
    return key
