"""Plain-text helpers shared by the story modules: words, sentences, numbers, TF-IDF vectors.

Everything here is a small pure function over strings, so that clustering, summaries and
claims see the same words the same way. Offsets are Python ``str`` indices.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)*")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# A sentence ends at ., ! or ? (optionally followed by a closing quote or bracket) before
# whitespace and a capital, a digit or an opening quote; a line break always ends one.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]?(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n+")

# Words that end with a full stop without ending the sentence ("Dr. Smith", "Gen. Ivanov").
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "st",
                           "sen", "rep", "gov", "pres", "jr", "sr", "no", "vs", "mt", "inc", "co"})
ABBREV_END_RE = re.compile(r"(?:\b([A-Za-z]{1,5})|\b[A-Z](?:\.[A-Z])*)\.$")

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "according", "reported"}


def normalize_word(word: str) -> str | None:
    """Lower-case a word, drop a possessive and a plain plural ``s``; None for stop words."""
    w = word.lower().rstrip("'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) < 2 or w in STOP_WORDS:
        return None
    # a crude plural strip: "pirates" and "pirate" are one feature, "boss" stays "boss"
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss") and not w[0].isdigit():
        w = w[:-1]
    return w


def words(text: str, limit: int | None = None) -> list[str]:
    """The normalized content words of ``text`` (or of its first ``limit`` characters)."""
    out = []
    for m in WORD_RE.finditer(text):
        if limit is not None and m.start() >= limit:
            break
        w = normalize_word(m.group())
        if w:
            out.append(w)
    return out


def numbers(text: str) -> list[str]:
    """Every number written with digits, as written minus thousands separators."""
    return [m.group().replace(",", "") for m in NUMBER_RE.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, trimmed of surrounding whitespace."""
    spans, start = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        spans.append((start, m.start() if m.group().startswith("\n") else m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        if out and _ends_with_abbreviation(text[out[-1][0]:out[-1][1]]) and "\n" not in text[out[-1][1]:s]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _ends_with_abbreviation(sentence: str) -> bool:
    m = ABBREV_END_RE.search(sentence)
    if not m:
        return False
    return m.group(1) is None or m.group(1).lower() in ABBREVIATIONS


def log_tf(counts: Counter) -> dict[str, float]:
    """Sub-linear term frequency: a word said ten times is not ten times as telling."""
    return {t: 1.0 + math.log(c) for t, c in counts.items() if c > 0}


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency; never negative, rare terms weigh most."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vec.values()))
    return {t: x / norm for t, x in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())
