"""The features an article is matched to a story on, one bag of terms per channel.

Channels (each compared separately, cosine of TF-IDF vectors, then weighed in cluster.py):

- ``w``: every content word of the title and text (what the story is about);
- ``l``: the words of the title and lead (what this article says happened, first);
- ``e``: canonical names of people, organisations, places and events (who and where);
- ``p``: surnames of the people named (the same person written several ways);
- ``n``: numbers written with digits (how many, how strong, what year, what time).

The last three are the distinguishing details that keep two similar events apart: two
earthquakes share "quake", "magnitude" and "injured", not "5.6" and "Qeshm"; two rehab stays
share "rehab" and "Malibu", not the celebrity's name.
"""
from __future__ import annotations

import sqlite3
from collections import Counter

from .story_text import numbers, words

CHANNELS = ("w", "l", "e", "p", "n")
# The lead: where a news article says what happened (inverted pyramid). 300 characters is
# about the first sentence and a half.
LEAD_CHARS = 300
# Entity labels that name a who or a where (dates and quantities go to the number channel).
# Where a date came from (articles.date_source) when it was guessed rather than read.
UNTRUSTED_DATE_SOURCES = frozenset({"text"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})


def article_features(title: str | None, text: str, entities: list[tuple[str, str]]) -> dict[str, Counter]:
    """Term counts per channel for one article; ``entities`` are (canonical, label, ...) tuples."""
    head = f"{title}\n" if title else ""
    feats = {
        "w": Counter(words(head + text)),
        "l": Counter(words(head + text[:LEAD_CHARS])),
        "e": Counter(),
        "p": Counter(),
        "n": Counter(numbers(text)),
    }
    for canonical, label, *_ in entities:
        if label not in NAME_LABELS:
            continue
        name = _name_key(canonical)
        if not name:
            continue
        feats["e"][name] += 1
        if label == "PERSON":
            feats["p"][name.split()[-1]] += 1
    return {c: v for c, v in feats.items() if v}


def lead_details(text: str, entities: list[tuple]) -> set[tuple[str, str]]:
    """(channel, term) of the names and numbers in the lead: the who, where and how many of
    the event this article reports. ``entities`` are (canonical, label, start) triples."""
    out = {("n", n) for n in numbers(text[:LEAD_CHARS])}
    for canonical, label, start in entities:
        if label in NAME_LABELS and start < LEAD_CHARS:
            name = _name_key(canonical)
            if name:
                out.add(("e", name))
    return out


def _name_key(canonical: str) -> str:
    name = canonical.strip().lower()
    return name[4:] if name.startswith("the ") else name


def load_article(conn: sqlite3.Connection, key: str) -> dict | None:
    """The article row plus its (canonical, label) entities, or None if it is not stored."""
    row = conn.execute("SELECT key, source, idx, title, date, text, text_sha256, date_source FROM articles "
                       "WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    ents = conn.execute("SELECT canonical, label, start FROM entities WHERE article_key = ? ORDER BY start",
                        (key,)).fetchall()
    return {"key": row[0], "source": row[1], "index": row[2], "title": row[3], "date": row[4],
            "text": row[5], "text_sha256": row[6], "entities": [(c, lab, st) for c, lab, st in ents],
            "window_date": window_date(row[4], row[7])}


def window_date(date: str | None, date_source: str | None) -> str | None:
    """The date the story window may use: a publication date from the page or the record.
    A date guessed from the text is left out: it is often the date of something the article
    mentions, and a wrong date would split a story for good."""
    return date if date and date_source not in UNTRUSTED_DATE_SOURCES else None
