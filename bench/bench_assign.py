"""Time to place one new article in its story with N articles already stored (issue 6: < 50 ms at 100,000).

Generated data: a stream of short articles about N/8 invented stories (topic words, names,
figures, a date), in date order so that stories interleave as in a news feed. The store is
filled through the same ``update_stories`` the ingest uses (views left stale during the bulk
load), then ``--measure`` more articles are placed one call each and timed: the assignment
alone (dedup + clustering) and with the story's stored view refreshed.

    python bench/bench_assign.py            # 100,000 stored articles (several minutes)
    python bench/bench_assign.py --n 5000   # a quick run
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.store.db import migrate  # noqa: E402
from storyline.story.stories import refresh_view, update_stories  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "el", "dan", "ri", "su", "mor", "tel", "ba", "zin", "qua",
             "pe", "ly", "gon", "ar", "is", "un", "fe", "do", "har", "sil"]
ARTICLES_PER_STORY = 8


def pseudo_word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def make_world(n: int, rng: random.Random) -> tuple[list[str], list[dict]]:
    vocab = sorted({pseudo_word(rng, rng.randint(2, 4)) for _ in range(20000)})
    start = dt.date(2022, 1, 1)
    stories = []
    for _ in range(max(1, n // ARTICLES_PER_STORY)):
        stories.append({
            "topic": rng.sample(vocab, 12),
            "names": [pseudo_word(rng, 2).title() + " " + pseudo_word(rng, 3).title() for _ in range(3)],
            "numbers": [str(rng.randint(2, 9999)) for _ in range(3)],
            "date": start + dt.timedelta(days=rng.randint(0, 3 * 365)),
        })
    return vocab, stories


def make_article(rng: random.Random, vocab: list[str], story: dict) -> tuple[str, list, str]:
    words = []
    for _ in range(rng.randint(80, 150)):
        r = rng.random()
        if r < 0.35:
            words.append(rng.choice(story["topic"]))
        elif r < 0.40:
            words.append(rng.choice(story["numbers"]))
        else:  # Zipf-like general vocabulary
            words.append(vocab[min(len(vocab) - 1, int(rng.paretovariate(1.1)) - 1)])
    ents = []
    text = " ".join(words[:10])
    for name in rng.sample(story["names"], 2):
        ents.append((len(text) + 1, name))
        text += " " + name + " " + " ".join(words[10:40]) + "."
        words = words[30:] or words
    text += " " + " ".join(words) + "."
    date = (story["date"] + dt.timedelta(days=rng.randint(0, 10))).isoformat()
    return text, ents, date


def new_store(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    migrate(conn)  # every migration, as the Store applies them
    return conn


def insert(conn: sqlite3.Connection, i: int, text: str, ents: list, date: str) -> str:
    sha = hashlib.sha256(f"{i}:{text}".encode()).hexdigest()
    key = f"{sha[:16]}:0"
    conn.execute("INSERT INTO raw_pages (sha256, source, kind, content, received_at) VALUES (?, ?, 'text', ?, 'now')",
                 (sha, f"gen{i}", b""))
    conn.execute("INSERT INTO articles (key, raw_sha256, source, idx, date, text, text_sha256, created_at) "
                 "VALUES (?, ?, ?, 0, ?, ?, ?, 'now')",
                 (key, sha, f"gen{i}", date, text, hashlib.sha256(text.encode()).hexdigest()))
    conn.executemany('INSERT INTO entities (article_key, start, "end", text, label, canonical) '
                     'VALUES (?, ?, ?, ?, \'PERSON\', ?)', [(key, s, s + len(nm), nm, nm) for s, nm in ents])
    return key


def stream(n: int, rng: random.Random):
    vocab, stories = make_world(n, rng)
    items = []
    for _ in range(n):
        story = rng.choice(stories)
        items.append(make_article(rng, vocab, story))
    items.sort(key=lambda x: x[2])
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="articles stored before measuring")
    ap.add_argument("--measure", type=int, default=200, help="articles placed and timed one by one")
    ap.add_argument("--batch", type=int, default=1000, help="articles per update_stories call while filling")
    ap.add_argument("--db", help="database file (default: a temporary file, removed at the end)")
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    items = stream(args.n + args.measure, rng)
    fill, probe = items[:args.n], items[args.n:]
    tmp = None
    if not args.db:
        tmp = tempfile.TemporaryDirectory()
        args.db = os.path.join(tmp.name, "bench.db")
    conn = new_store(args.db)
    t0 = time.perf_counter()
    for i in range(0, len(fill), args.batch):
        keys = [insert(conn, i + j, *it) for j, it in enumerate(fill[i:i + args.batch])]
        conn.commit()
        update_stories(conn, keys, refresh_views=False)
        done = i + len(keys)
        print(f"\rfilled {done}/{len(fill)} ({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    n_stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    assign_ms, view_ms = [], []
    for j, it in enumerate(probe):
        key = insert(conn, args.n + j, *it)
        conn.commit()
        t = time.perf_counter()
        update_stories(conn, [key], refresh_views=False)
        t1 = time.perf_counter()
        sid = conn.execute("SELECT story_id FROM story_articles WHERE article_key = ?", (key,)).fetchone()[0]
        refresh_view(conn, sid)
        conn.commit()
        t2 = time.perf_counter()
        assign_ms.append(1000 * (t1 - t))
        view_ms.append(1000 * (t2 - t))
    q = statistics.quantiles(assign_ms, n=20)
    print(f"stored articles: {args.n}, stories: {n_stories}, fill: {time.perf_counter() - t0:.0f} s")
    print(f"assign one article: median {statistics.median(assign_ms):.1f} ms, p95 {q[18]:.1f} ms, "
          f"mean {statistics.mean(assign_ms):.1f} ms per article (target < 50 ms)")
    print(f"assign + refresh the story's stored view: median {statistics.median(view_ms):.1f} ms per article")
    conn.close()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
