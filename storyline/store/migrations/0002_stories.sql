-- Stories: near-duplicate copies, incremental story clusters and the indexes that keep
-- assigning a new article independent of how many stories exist. Filled by storyline.story.

-- An article that repeats another one (same text, or the same wire story with small edits).
CREATE TABLE copies (
    article_key TEXT PRIMARY KEY REFERENCES articles(key) ON DELETE CASCADE,
    copy_of_key TEXT NOT NULL,             -- the first-stored article of the group
    similarity  REAL NOT NULL,             -- estimated Jaccard of word shingles (1.0: exact)
    kind        TEXT NOT NULL              -- "exact" | "near"
);
CREATE INDEX copies_of ON copies(copy_of_key);

-- MinHash signature of every article and its LSH band buckets (the near-duplicate index).
CREATE TABLE minhash_sigs (
    article_key TEXT PRIMARY KEY,
    sig         BLOB NOT NULL              -- num_perm unsigned 64-bit hash values
);
CREATE TABLE minhash_bands (
    band        INTEGER NOT NULL,
    bucket      TEXT NOT NULL,
    article_key TEXT NOT NULL,
    PRIMARY KEY (band, bucket, article_key)
) WITHOUT ROWID;

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,       -- stable: never reused, never renumbered
    title       TEXT,
    first_date  TEXT,                      -- the date window: earliest member date read from a page or
    last_date   TEXT,                      -- record (YYYY-MM-DD; guessed dates left out), or null
    size        INTEGER NOT NULL DEFAULT 0,   -- member articles, copies included
    originals   INTEGER NOT NULL DEFAULT 0,   -- members that are not copies (the centroid's)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX stories_dates ON stories(last_date);

CREATE TABLE story_articles (
    article_key TEXT PRIMARY KEY,
    story_id    INTEGER NOT NULL REFERENCES stories(id),
    score       REAL,                      -- the match score that put it there (null: founder or copy)
    added_at    TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);

-- Store-wide document frequency of every feature, per channel (words, entities, numbers...).
CREATE TABLE term_df (
    channel TEXT NOT NULL,
    term    TEXT NOT NULL,
    df      INTEGER NOT NULL,
    PRIMARY KEY (channel, term)
) WITHOUT ROWID;
CREATE TABLE story_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- A story's centroid: summed log term frequencies of its members, per channel. The index on
-- (channel, term) is the inverted index that finds candidate stories for a new article.
CREATE TABLE story_terms (
    story_id INTEGER NOT NULL,
    channel  TEXT NOT NULL,
    term     TEXT NOT NULL,
    weight   REAL NOT NULL,
    PRIMARY KEY (story_id, channel, term)
) WITHOUT ROWID;
CREATE INDEX story_terms_term ON story_terms(channel, term);
-- Squared norm of each centroid channel, kept up to date as members join (cosine needs it).
CREATE TABLE story_norms (
    story_id INTEGER NOT NULL,
    channel  TEXT NOT NULL,
    norm2    REAL NOT NULL,
    PRIMARY KEY (story_id, channel)
) WITHOUT ROWID;

-- The computed views of a story (timeline, claims, voices, summary) as JSON, refreshed when
-- the story changes, so readers (web UI, report) need not recompute them.
CREATE TABLE story_views (
    story_id   INTEGER PRIMARY KEY,
    json       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
