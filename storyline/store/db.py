"""The embedded store: one SQLite file, WAL mode, numbered migrations.

WAL lets ``storyline serve`` (or any reader) read while ``storyline ingest`` writes from another
process. Migrations are the ``NNNN_name.sql`` files beside this module, applied in order once
each and recorded in ``schema_migrations``.

Crash safety: a raw page is committed (status ``pending``) before it is processed; its
articles and the page's status change are committed together in one transaction. A kill at
any point leaves either no articles of a page or all of them, and re-running the same ingest
picks up the pending pages.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Rejection, StoreError
from ..model import Article, RawPage

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# How long a writer waits for another writer's lock before giving up, in ms. Ingest batches
# commit in well under a second, so 60 s only trips on a stuck process.
BUSY_TIMEOUT_MS = 60_000

CHILD_TABLES = {
    "entities": ("start", "end", "text", "label", "canonical", "title", "code", "sector"),
    "times": ("start", "end", "text", "type", "value", "mod"),
    "quotes": ("start", "end", "text", "speaker", "speaker_start", "speaker_end", "direct", "cue"),
    "events": ("start", "end", "actor", "actor_code", "actor_sector", "action", "code", "mode",
               "target", "target_code", "target_sector", "when", "where", "lat", "lon", "score",
               "negated", "modality"),
}
ARTICLE_COLUMNS = ("key", "raw_sha256", "source", "idx", "title", "date", "date_source", "url",
                   "outlet", "author", "language", "text", "text_sha256", "created_at")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        uri = f"file:{Path(path).resolve()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed page
    return conn


def migration_files() -> list[Path]:
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql"))


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    applied = []
    for path in migration_files():
        if path.name in done:
            continue
        script = path.read_text(encoding="utf-8")
        try:
            conn.executescript("BEGIN;\n" + script + "\nINSERT INTO schema_migrations VALUES "
                               f"('{path.name}', '{now()}');\nCOMMIT;")
        except sqlite3.Error as exc:
            conn.rollback()
            raise StoreError(f"migration {path.name} failed: {exc}") from exc
        applied.append(path.name)
    return applied


class Store:
    """The database behind every command. ``Store(path)`` opens (and migrates) it."""

    def __init__(self, path: str | None = None, readonly: bool = False):
        from ..config import default_db_path

        self.path = path or default_db_path()
        if readonly and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `storyline ingest` first)")
        self.conn = connect(self.path, readonly=readonly)
        if not readonly:
            migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ raw pages
    def page_status(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT status FROM raw_pages WHERE sha256=?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_raw_pages(self, pages: Iterable[RawPage]) -> None:
        """Keep each page exactly as received (a page already stored is left as it is)."""
        with self.conn:
            self.conn.executemany(
                "INSERT OR IGNORE INTO raw_pages (sha256, source, kind, url, title, date, plain, container,"
                " content, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(p.sha256, p.source, p.kind, p.url, p.title, p.date, int(p.plain), p.container,
                  p.raw or p.content.encode("utf-8"), now()) for p in pages])

    def pending_pages(self, limit: int | None = None) -> list[RawPage]:
        sql = "SELECT * FROM raw_pages WHERE status='pending' ORDER BY rowid"
        rows = self.conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
        return [raw_page_from_row(r) for r in rows]

    def raw_page(self, sha256: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM raw_pages WHERE sha256=?", (sha256,)).fetchone()

    # ------------------------------------------------------------------ articles
    def save_results(self, page_shas: Iterable[str], articles: list[Article],
                     rejections: list[Rejection]) -> list[str]:
        """Store a batch's articles and mark its pages done, in one transaction.

        Returns the keys of the articles added now."""
        added: list[str] = []
        rejected = {r.source: r for r in rejections}
        with self.conn:
            for article in articles:
                if self.conn.execute("SELECT 1 FROM articles WHERE key=?", (article.key,)).fetchone():
                    continue
                self._resolve_aliases(article)
                self._insert_article(article)
                added.append(article.key)
            with_articles = {a.raw_sha256 for a in articles}
            for sha in page_shas:
                row = self.conn.execute("SELECT source FROM raw_pages WHERE sha256=?", (sha,)).fetchone()
                reason = rejected.get(row[0]) if row else None
                status = "done" if sha in with_articles or reason is None else "rejected"
                self.conn.execute("UPDATE raw_pages SET status=?, reason=? WHERE sha256=?",
                                  (status, str(reason) if reason and status == "rejected" else None, sha))
        return added

    def _resolve_aliases(self, article: Article) -> None:
        try:
            from ..nlp.aliases import resolve_aliases
        except ImportError:  # the alias layer is optional for bare stores
            return
        article.entities = resolve_aliases(self.conn, article.entities)

    def _insert_article(self, a: Article) -> None:
        values = (a.key, a.raw_sha256 or "", a.source, a.index, a.title, a.date, a.date_source, a.url,
                  a.outlet, a.author, a.language, a.text, a.text_sha256, now())
        if a.raw_sha256 is None:  # an article made by the API, not from a stored page
            raise StoreError(f"{a.source}: article has no raw page")
        self.conn.execute(f"INSERT INTO articles ({','.join(ARTICLE_COLUMNS)}) VALUES "
                          f"({','.join('?' * len(ARTICLE_COLUMNS))})", values)
        for table, columns in CHILD_TABLES.items():
            rows = [(a.key, *(_value(getattr(item, c)) for c in columns)) for item in getattr(a, table)]
            if rows:
                cols = ",".join(["article_key", *(f'"{c}"' for c in columns)])
                self.conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({','.join('?' * (len(columns) + 1))})", rows)

    def article(self, key: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE key=?", (key,)).fetchone()
        return self._article_from_row(row) if row else None

    def articles(self) -> Iterator[Article]:
        for row in self.conn.execute("SELECT * FROM articles ORDER BY rowid"):
            yield self._article_from_row(row)

    def _article_from_row(self, row: sqlite3.Row) -> Article:
        data = {k: row[k] for k in row.keys()}
        data["index"] = data.pop("idx")
        for table, columns in CHILD_TABLES.items():
            items = self.conn.execute(
                f"SELECT {','.join(chr(34) + c + chr(34) for c in columns)} FROM {table} "
                "WHERE article_key=? ORDER BY start", (row["key"],)).fetchall()
            data[table] = [dict(zip(columns, item)) for item in items]
        for q in data["quotes"]:
            q["direct"] = bool(q["direct"])
        for e in data["events"]:
            e["negated"] = bool(e["negated"])
        return Article.from_dict(data)

    def count(self, table: str) -> int:
        if table not in self.tables():
            raise StoreError(f"no table {table!r}")
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[sqlite3.Row]:
        """Full-text search over article titles and texts (SQLite FTS5 syntax)."""
        return self.conn.execute(
            "SELECT a.key, a.source, a.idx, a.title, a.date, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (fts_query(query), limit)).fetchall()

    def tables(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                                 "AND name NOT LIKE 'articles_fts%' ORDER BY name").fetchall()
        return [r[0] for r in rows]


def fts_query(text: str) -> str:
    """Turn free text into a safe FTS5 query: every word quoted, all must match."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words) or '""'


def _value(v):
    return int(v) if isinstance(v, bool) else v


def raw_page_from_row(row: sqlite3.Row) -> RawPage:
    raw = bytes(row["content"])
    from ..ingest.decode import decode_bytes

    content = _content_of_record(raw) if row["container"] == "jsonl" else None
    if content is None:
        content = decode_bytes(raw)[0] or ""
    return RawPage(source=row["source"], kind=row["kind"], content=content, raw=raw, url=row["url"],
                   title=row["title"], date=row["date"], plain=bool(row["plain"]), container=row["container"])


def _content_of_record(raw: bytes) -> str | None:
    """A JSON Lines record is stored as its line; its page is the text or html field."""
    import json

    try:
        record = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    for field in ("text", "html"):  # the same preference as ingest.sources.page_from_record
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value
    return None
