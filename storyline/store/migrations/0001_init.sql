-- Storyline's base schema. Every raw input is kept exactly as received, keyed by content hash.

CREATE TABLE raw_pages (
    sha256      TEXT PRIMARY KEY,          -- hash of the bytes as received
    source      TEXT NOT NULL,             -- the record's id, the path as given, or the URL
    kind        TEXT NOT NULL,             -- "text" or "html"
    url         TEXT,
    title       TEXT,
    date        TEXT,                      -- YYYY-MM-DD when the input carried one
    plain       INTEGER NOT NULL DEFAULT 0,
    container   TEXT NOT NULL DEFAULT 'file',   -- file | jsonl | warc | url: how content is wrapped
    content     BLOB NOT NULL,             -- the bytes exactly as received
    received_at TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',   -- pending | done | rejected
    reason      TEXT
);
CREATE INDEX raw_pages_status ON raw_pages(status);

CREATE TABLE articles (
    key         TEXT PRIMARY KEY,          -- "<raw sha256[:16]>:<index>"
    raw_sha256  TEXT NOT NULL REFERENCES raw_pages(sha256),
    source      TEXT NOT NULL,
    idx         INTEGER NOT NULL,
    title       TEXT,
    date        TEXT,
    date_source TEXT,
    url         TEXT,
    outlet      TEXT,
    author      TEXT,
    language    TEXT,
    text        TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX articles_raw ON articles(raw_sha256);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_text_sha ON articles(text_sha256);

CREATE TABLE entities (
    article_key TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, label TEXT NOT NULL, canonical TEXT NOT NULL,
    title TEXT, code TEXT, sector TEXT
);
CREATE INDEX entities_article ON entities(article_key);
CREATE INDEX entities_canonical ON entities(canonical);

CREATE TABLE times (
    article_key TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT
);
CREATE INDEX times_article ON times(article_key);

CREATE TABLE quotes (
    article_key TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,
    direct INTEGER NOT NULL, cue TEXT
);
CREATE INDEX quotes_article ON quotes(article_key);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_key TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    actor TEXT, actor_code TEXT, actor_sector TEXT,
    action TEXT NOT NULL, code TEXT NOT NULL, mode TEXT,
    target TEXT, target_code TEXT, target_sector TEXT,
    "when" TEXT, "where" TEXT, lat REAL, lon REAL,
    score REAL NOT NULL, negated INTEGER NOT NULL DEFAULT 0, modality TEXT,
    event_id INTEGER                        -- the real-world event this mention belongs to
);
CREATE INDEX events_article ON events(article_key);
CREATE INDEX events_event ON events(event_id);
CREATE INDEX events_pair ON events(actor_code, target_code);

-- Store-wide alias table: a name as written -> the canonical name it stands for.
CREATE TABLE aliases (
    alias     TEXT NOT NULL,
    label     TEXT NOT NULL,
    canonical TEXT NOT NULL,
    n         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (alias, label)
);
CREATE INDEX aliases_canonical ON aliases(canonical);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- Which connect stages (duplicates, stories, event identity) have seen each article, so an
-- interrupted ingest finishes the connect step on the next run.
CREATE TABLE connected (
    article_key TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    stage       TEXT NOT NULL,
    PRIMARY KEY (article_key, stage)
) WITHOUT ROWID;
