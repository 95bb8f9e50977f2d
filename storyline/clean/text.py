"""Boilerplate removal for text that is already flat: a line classifier.

A scraper or a copy-paste gives one block a line: navigation, captions, share buttons, the
title twice, teasers of other stories, then the article, then more of the same. Each line gets
a feature vector of real signals (length, function-word and punctuation density, casing,
position, repetition within the page and across the pages of one run, language against the
page's language, link-like characters, and the same measures over its neighbours). Two
logistic regressions score it: stage 1 on the line's own features, stage 2 adds the stage-1
probabilities of its neighbours (main text comes in runs). The weights are learned on dev data
(``python -m storyline.clean.train``) and shipped as ``data/clean_lines.json``; no scikit-learn
at run time.

The same classifier, with its own weights, cleans the lines trafilatura keeps from HTML.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lang import detect_language, stopwords

MODEL_PATH = Path(__file__).with_name("data") / "clean_lines.json"

# A line with at least this many words reads as prose rather than as a label or a link.
LONG_LINE_WORDS = 10
# Lines of at most this many words are the ones counted across pages: short boilerplate
# ("Advertisement", "Share this") repeats across a site; a longer line seen on two pages is
# more likely a syndicated article and must not be removed for that.
ACROSS_PAGE_MAX_WORDS = 6
# Language of a single line is only trusted from this many words on.
LANG_LINE_MIN_WORDS = 5
# A line in another language has almost none of the page language's function words
# (English prose runs at 0.4-0.5).
FOREIGN_MAX_STOP_RATIO = 0.15
# A line is only dropped as foreign from this many words on: shorter lines without function
# words are mostly lists of names and places ("Path C: Scotland, Norway, Serbia"), which
# the language identifier takes for another language (cross-validated text F1 on aeb
# 0.8816 -> 0.8823; 12 words the same).
FOREIGN_MIN_WORDS = 8
# ... and read from its first this many characters (enough to tell; langid costs per character).
LANG_LINE_MAX_CHARS = 120
# The page's language is read from this many characters of its longer lines (plenty for
# langid, whose cost grows with the text).
PAGE_LANG_CHARS = 1000
# Lines this long (in words) that a page holds twice are captions or headlines, not body.
REPEAT_MIN_WORDS = 4
# ... when the two copies are at most this many lines apart.
REPEAT_NEAR_LINES = 10
# A kept line that repeats an earlier kept line is dropped from this many words on: "Pros:",
# "Overview:" come back in the body of reviews and lists (2-fold cross-validated HTML F1
# on wcxb 0.9375 -> 0.9384 against every length; the other sets unchanged) ...
DEDUP_MIN_WORDS = 3
# ... unless the page holds it more than this many times, never two in a row (a recurring
# label of the body, such as an interview's question: see recurring_lines).
DEDUP_MAX_COPIES = 2
# ... and of two near copies (drop_repeated) the likelier is kept when it scores at least
# this: a standfirst the body repeats (cross-validated mean F1 of the 4 sets, HTML 0.9448
# -> 0.9453, text 0.9078 -> 0.9081; 0.7-0.9 the same within 0.0003).
REPEAT_KEEP_PROB = 0.8
# Neighbourhood sizes (in lines) for the context features.
NEAR, MID, FAR = 2, 5, 12

_WORD = re.compile(r"\w+", re.UNICODE)
_LINKY = re.compile(r"https?://|www\.|\.com\b|@\w|[|»›•·©®™]|\b\d+\s*(?:comments?|shares?)\b", re.I)
_DIGIT = re.compile(r"\d")
_END = re.compile(r"[.!?:;\"”’')\]]\s*$")
_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")

FEATURES = (
    "bias_words", "log_words", "log_chars", "is_long", "is_tiny", "stop_ratio", "end_punct",
    "punct_density", "digit_ratio", "cap_ratio", "comma_rate", "linky", "rep_in_page",
    "rep_across", "first_copy_dup", "rel_pos", "rel_chars", "lang_mismatch", "title_like",
    "title_echo", "near_long", "mid_long", "far_long", "near_words", "mid_stop",
    "is_head", "is_item", "is_row", "link_share", "near_link_share",
)
STAGE2_EXTRA = ("p_self", "p_near", "p_mid", "p_far", "p_before", "p_after", "p_enclosed",
                "struct_enclosed")


@dataclass
class PageLines:
    """The non-empty lines of one page with their language and features."""

    lines: list[str]
    language: str | None
    features: list[list[float]]


def normalize_line(line: str) -> str:
    """The form lines are compared in when counting repeats."""
    return " ".join(_WORD.findall(line.lower()))


def date_header(text: str) -> tuple[str | None, str]:
    """A leading ``date YYYY-MM-DD`` header line: its date, and the text without it."""
    m = _DATE_HEADER.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end():]


def _own_features(line: str, words: list[str], stops: frozenset[str]) -> list[float]:
    n = len(words)
    chars = max(len(line), 1)
    alnum = sum(len(w) for w in words) - line.count("_")
    spaces = line.count(" ")
    digits = len(_DIGIT.findall(line))
    return [
        1.0,
        math.log1p(n),
        math.log1p(len(line)),
        float(n >= LONG_LINE_WORDS),
        float(n <= 2),
        sum(w.lower() in stops for w in words) / n if n else 0.0,
        float(bool(_END.search(line))),
        (chars - alnum - spaces) / chars,
        digits / chars,
        sum(w[:1].isupper() for w in words) / n if n else 0.0,
        line.count(",") / (n + 1),
        float(bool(_LINKY.search(line))),
    ]


def page_features(lines: list[str], across: dict[str, int] | None = None,
                  title: str | None = None, kinds: list[str] | None = None,
                  links: list[float] | None = None, line_language: bool = True) -> PageLines:
    """Features of every line of a page. ``across`` counts short lines over the run's pages;
    ``kinds`` (p, head, item, row, ...) and ``links`` (share of characters in links) come with
    lines taken from HTML and are left empty for plain text. ``line_language=False`` skips
    the per-line language check (trafilatura's lines rarely switch language, and it is the
    costliest feature)."""
    kinds = kinds or [""] * len(lines)
    links = links or [0.0] * len(lines)
    body = " ".join(l for l in lines if len(l) > 60)[:PAGE_LANG_CHARS] or " ".join(lines)[:PAGE_LANG_CHARS]
    language = detect_language(body, default="en")
    stops = stopwords(language)
    words = [_WORD.findall(l) for l in lines]
    norms = [normalize_line(l) for l in lines]
    counts: dict[str, int] = {}
    for k in norms:
        counts[k] = counts.get(k, 0) + 1
    title_norm = normalize_line(title) if title else (norms[0] if norms else "")
    seen: set[str] = set()
    total_chars = sum(len(l) for l in lines) or 1
    n_lines = max(len(lines), 1)
    is_long = [len(w) >= LONG_LINE_WORDS for w in words]
    own = [_own_features(l, w, stops) for l, w in zip(lines, words)]
    log_words, stop_ratios = [o[1] for o in own], [o[5] for o in own]
    feats = []
    done_chars = 0
    for i, line in enumerate(lines):
        n = len(words[i])
        rep_across = (across or {}).get(norms[i], 0) if n <= ACROSS_PAGE_MAX_WORDS else 0
        mismatch = 0.0
        if line_language and n >= LANG_LINE_MIN_WORDS:
            mismatch = float(detect_language(line[:LANG_LINE_MAX_CHARS], default=language) != language)
        title_echo = float(i > 0 and bool(title_norm) and norms[i] == title_norm)
        feats.append(own[i] + [
            math.log1p(counts[norms[i]] - 1),
            math.log1p(rep_across),
            float(norms[i] in seen and n >= 3),
            i / n_lines,
            done_chars / total_chars,
            mismatch,
            float(3 <= n <= 15 and not _END.search(line) and own[i][9] > 0.5),
            title_echo,
            _window_mean(is_long, i, NEAR),
            _window_mean(is_long, i, MID),
            _window_mean(is_long, i, FAR),
            _window_mean(log_words, i, NEAR),
            _window_mean(stop_ratios, i, MID),
            float(kinds[i] == "head"),
            float(kinds[i] == "item"),
            float(kinds[i] == "row"),
            links[i],
            _window_mean(links, i, NEAR),
        ])
        seen.add(norms[i])
        done_chars += len(line)
    return PageLines(lines, language, feats)


def _window_mean(values: list, i: int, k: int) -> float:
    """Mean of ``values`` over the lines around ``i`` (the line itself excluded)."""
    lo, hi = max(0, i - k), min(len(values), i + k + 1)
    n = hi - lo - 1
    if n <= 0:
        return 0.0
    return (sum(float(v) for v in values[lo:hi]) - float(values[i])) / n


def stage2_features(feats: list[list[float]], p1: list[float]) -> list[list[float]]:
    """Stage-1 features plus the stage-1 probabilities around each line."""
    out = []
    i_struct = [FEATURES.index(k) for k in ("is_head", "is_item", "is_row")]
    for i, f in enumerate(feats):
        before = max(p1[max(0, i - FAR):i], default=0.0)
        after = max(p1[i + 1:i + FAR + 1], default=0.0)
        # body text right on both sides: a heading, a list or a short line inside the article
        enclosed = min(max(p1[max(0, i - NEAR):i], default=0.0), max(p1[i + 1:i + NEAR + 1], default=0.0))
        struct = max(f[k] for k in i_struct)
        out.append(f + [p1[i], _window_mean(p1, i, NEAR), _window_mean(p1, i, MID),
                        _window_mean(p1, i, FAR), before, after, enclosed, enclosed * struct])
    return out


def _logit(weights: dict, x: list[float]) -> float:
    z = weights["intercept"]
    for v, m, s, c in zip(x, weights["mean"], weights["scale"], weights["coef"]):
        z += c * (v - m) / s
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def line_probabilities(page: PageLines, model: dict) -> list[float]:
    """Probability that each line belongs to the article, from the two-stage classifier."""
    p1 = [_logit(model["stage1"], f) for f in page.features]
    x2 = stage2_features(page.features, p1)
    return [_logit(model["stage2"], f) for f in x2]


def keep_mask(lines: list[str], probs: list[float], threshold: float,
              low: float | None = None) -> list[bool]:
    """Lines above ``threshold``, plus (hysteresis) lines above ``low`` that touch a kept
    run, each repeated line kept once (captions and titles come twice on scraped pages; an
    article body does not repeat its own paragraphs), except recurring ones (the body's own
    structure: see ``recurring_lines``), which are left to the classifier."""
    low = threshold if low is None else low
    keep = [p >= threshold for p in probs]
    if low < threshold:  # one sweep each way grows every kept run over its >= low neighbours
        for i in range(1, len(keep)):
            keep[i] = keep[i] or (keep[i - 1] and probs[i] >= low)
        for i in range(len(keep) - 2, -1, -1):
            keep[i] = keep[i] or (keep[i + 1] and probs[i] >= low)
    keys = [normalize_line(l) for l in lines]
    recurring = recurring_lines(keys)
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if keep[i] and key in seen and len(key.split()) >= DEDUP_MIN_WORDS and key not in recurring:
            keep[i] = False
        elif keep[i]:
            seen.add(key)
    return keep


def recurring_lines(norms: list[str]) -> set[str]:
    """Lines (in ``normalize_line`` form) that come back more than ``DEDUP_MAX_COPIES``
    times, never twice in a row: the body's own structure, such as an interview's questions
    or "Pros:" over each review. A caption or a headline doubled by the page's markup comes
    in adjacent pairs instead."""
    positions: dict[str, list[int]] = {}
    for i, n in enumerate(norms):
        positions.setdefault(n, []).append(i)
    return {n for n, pos in positions.items()
            if len(pos) > DEDUP_MAX_COPIES and all(b - a > 1 for a, b in zip(pos, pos[1:]))}


def drop_repeated(lines: list[str], keep: list[bool], probs: list[float] | None = None) -> list[bool]:
    """Drop both copies of a line of at least ``REPEAT_MIN_WORDS`` words that comes back
    within ``REPEAT_NEAR_LINES`` lines: photo captions and headlines come twice in a row on
    scraped pages, while an article does not repeat its own paragraphs. A copy the
    classifier reads as body beyond doubt (``REPEAT_KEEP_PROB``, given ``probs``) stays:
    a standfirst repeated as the article's first paragraph is still part of the article.
    Recurring lines (``recurring_lines``) are left alone.
    (A copy further away, as in a page that holds the story twice, is left to
    ``keep_mask``, which keeps the first.)"""
    norms = [normalize_line(l) for l in lines]
    recurring = recurring_lines(norms)
    last: dict[str, int] = {}
    out = list(keep)
    for i, n in enumerate(norms):
        if (len(n.split()) >= REPEAT_MIN_WORDS and n in last and i - last[n] <= REPEAT_NEAR_LINES
                and n not in recurring):
            j = last[n]
            out[i] = out[j] = False
            if probs is not None:
                best = i if probs[i] >= probs[j] else j
                out[best] = (keep[i] or keep[j]) and probs[best] >= REPEAT_KEEP_PROB
        last[n] = i
    return out


def foreign_lines(page: PageLines) -> list[bool]:
    """Lines in another language than the page's: identified as such and nearly free of the
    page language's function words (a lone name or a quote in English stays)."""
    i_lang, i_stop, i_words = (FEATURES.index(k) for k in ("lang_mismatch", "stop_ratio", "log_words"))
    return [f[i_lang] > 0 and f[i_stop] < FOREIGN_MAX_STOP_RATIO
            and math.expm1(f[i_words]) >= FOREIGN_MIN_WORDS - 0.5 for f in page.features]
