-- Stories absorbed into another one (a late article showed two young stories to be one):
-- the retired id stays answerable, so a link or a note that cites it still finds its story.
CREATE TABLE story_merges (
    old_id    INTEGER PRIMARY KEY,         -- the retired story id (never handed out again)
    new_id    INTEGER NOT NULL,            -- the story that holds its articles now
    merged_at TEXT NOT NULL
);
CREATE INDEX story_merges_new ON story_merges(new_id);
