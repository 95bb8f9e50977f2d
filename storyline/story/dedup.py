"""Near-duplicates and syndication: one wire story republished by several outlets.

1. Exact copies: the same ``text_sha256`` as an article stored before.
2. Near copies: MinHash (datasketch) over word 3-shingles, looked up through LSH band buckets
   kept in the ``minhash_bands`` table, confirmed by the estimated Jaccard similarity.

A copy points at the first-stored article of its group (``copies.copy_of_key``), so a chain of
copies never forms: the earliest version stays the article, the others are its copies.
"""
from __future__ import annotations

import hashlib
import sqlite3

import numpy as np
from datasketch import MinHash

from .story_text import WORD_RE

# 128 permutations: the estimate of Jaccard similarity has a standard error of ~0.04, plenty
# to tell a lightly edited copy (J > 0.6) from a rewrite of the same news (J < 0.3).
NUM_PERM = 128
# 32 bands of 4 rows: a pair with Jaccard 0.5 becomes a candidate with probability 0.87, one
# with Jaccard 0.7 with probability > 0.999, one with Jaccard 0.2 with probability 0.05.
LSH_BANDS = 32
LSH_ROWS = NUM_PERM // LSH_BANDS
# Word shingles of 3: short enough that a small edit breaks only three shingles, long enough
# that two articles on one topic share few of them.
SHINGLE_WORDS = 3
# Estimated Jaccard similarity of shingle sets above which an article is a copy of another:
# syndicated copies with a different standfirst or trimmed ending score 0.6-0.95; two
# outlets' own reports of one event score below 0.3.
NEAR_DUP_JACCARD = 0.5
# Texts shorter than this many words are not matched as near copies (too few shingles for a
# reliable estimate); exact copies are still found by hash.
MIN_WORDS = 12
SEED = 1


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word k-shingles of ``text`` (punctuation and spacing ignored)."""
    toks = [m.group().lower() for m in WORD_RE.finditer(text)]
    return {" ".join(toks[i:i + k]) for i in range(max(1, len(toks) - k + 1))} if toks else set()


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``, or None when it is too short to compare."""
    if len(WORD_RE.findall(text)) < MIN_WORDS:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return mh.hashvalues.astype(np.uint64)


def band_buckets(sig: np.ndarray) -> list[tuple[int, str]]:
    """(band, bucket) pairs of a signature: two signatures share a bucket when one band agrees."""
    out = []
    for b in range(LSH_BANDS):
        chunk = sig[b * LSH_ROWS:(b + 1) * LSH_ROWS].tobytes()
        out.append((b, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
    return out


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.mean(sig_a == sig_b))


def find_copy(conn: sqlite3.Connection, key: str, text_sha256: str,
              sig: np.ndarray | None) -> tuple[str, float, str] | None:
    """The (original key, similarity, kind) this article copies, or None. Looks only at
    articles indexed before it."""
    row = conn.execute(
        "SELECT a.key FROM articles a JOIN minhash_sigs m ON m.article_key = a.key "
        "WHERE a.text_sha256 = ? AND a.key != ? ORDER BY a.rowid LIMIT 1", (text_sha256, key)).fetchone()
    if row:
        return _root(conn, row[0]), 1.0, "exact"
    if sig is None:
        return None
    best: tuple[str, float] | None = None
    for other in _bucket_mates(conn, sig, key):
        blob = conn.execute("SELECT sig FROM minhash_sigs WHERE article_key = ?", (other,)).fetchone()
        sim = jaccard(sig, np.frombuffer(blob[0], dtype=np.uint64))
        if sim >= NEAR_DUP_JACCARD and (best is None or sim > best[1]):
            best = (other, sim)
    if best is None:
        return None
    return _root(conn, best[0]), best[1], "near"


def _bucket_mates(conn: sqlite3.Connection, sig: np.ndarray, key: str) -> list[str]:
    mates: list[str] = []
    seen = {key}
    for band, bucket in band_buckets(sig):
        for (other,) in conn.execute(
                "SELECT article_key FROM minhash_bands WHERE band = ? AND bucket = ?", (band, bucket)):
            if other not in seen:
                seen.add(other)
                mates.append(other)
    return mates


def _root(conn: sqlite3.Connection, key: str) -> str:
    """The original a copy points at (copies always point at an original, never a copy)."""
    row = conn.execute("SELECT copy_of_key FROM copies WHERE article_key = ?", (key,)).fetchone()
    return row[0] if row else key


def index_article(conn: sqlite3.Connection, key: str, sig: np.ndarray | None) -> None:
    """Store the signature and its LSH buckets (an empty signature marks 'seen, too short')."""
    blob = sig.tobytes() if sig is not None else b""
    conn.execute("INSERT OR REPLACE INTO minhash_sigs (article_key, sig) VALUES (?, ?)", (key, blob))
    if sig is not None:
        conn.executemany("INSERT OR IGNORE INTO minhash_bands (band, bucket, article_key) VALUES (?, ?, ?)",
                         [(b, h, key) for b, h in band_buckets(sig)])


def mark_copy(conn: sqlite3.Connection, key: str, text: str, text_sha256: str) -> tuple[str, float, str] | None:
    """Find what ``key`` copies, record it in ``copies``, index the article; return the match."""
    sig = signature(text)
    match = find_copy(conn, key, text_sha256, sig)
    if match:
        conn.execute("INSERT OR REPLACE INTO copies (article_key, copy_of_key, similarity, kind) "
                     "VALUES (?, ?, ?, ?)", (key, *match))
    index_article(conn, key, sig)
    return match
