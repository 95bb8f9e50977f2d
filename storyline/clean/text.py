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
from dataclasses import dataclass, field
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
# ... and list items and table cells (HTML element kinds) are never dropped as copies, here
# or in drop_repeated: a review's spec list repeats "Material: steel" under two products and
# each table its header row; a caption does not come as a list item. (2-fold cross-validated
# HTML F1, fold 0 / fold 1: wcxb +0.0004 / +0.0004, aeb +0.0001 / 0, l3s and big9 unchanged.)
DEDUP_EXEMPT_KINDS: tuple[str, ...] = ("item", "row")
# ... and of two near copies (drop_repeated) the likelier is kept when it scores at least
# this: a standfirst the body repeats (cross-validated mean F1 of the 4 sets, HTML 0.9448
# -> 0.9453, text 0.9078 -> 0.9081; 0.7-0.9 the same within 0.0003).
REPEAT_KEEP_PROB = 0.8
# ... but never when the line comes this many times or more (a standfirst comes twice at
# most: above the article and as its first paragraph; a photo caption comes with every copy
# of the picture), nor when it breaks off without a sentence end ("... (Photo:").
REPEAT_CAPTION_COPIES = 3
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*\s*$")
# Neighbourhood sizes (in lines) for the context features.
NEAR, MID, FAR = 2, 5, 12

_WORD = re.compile(r"\w+", re.UNICODE)
_LINKY = re.compile(r"https?://|www\.|\.com\b|@\w|[|»›•·©®™]|\b\d+\s*(?:comments?|shares?)\b", re.I)
# _LINKY in parts, each tried only when the line holds what it needs (a regular expression
# that can start with a word boundary is tried at every character: the whole took 30% of a
# line's features). Together they match exactly the lines _LINKY matches.
_LINKY_ADDRESS = re.compile(r"https?://|www\.|\.com\b", re.I)
_LINKY_HANDLE = re.compile(r"@\w")
_LINKY_SIGN = re.compile(r"[|»›•·©®™]")
_LINKY_COUNT = re.compile(r"\b\d+\s*(?:comments?|shares?)\b", re.I)
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
    """The non-empty lines of one page with their language and features (and, for the later
    steps, the lines in ``normalize_line`` form and their numbers of words)."""

    lines: list[str]
    language: str | None
    features: list[list[float]]
    norms: list[str] = field(default_factory=list)
    word_counts: list[int] = field(default_factory=list)


def normalize_line(line: str) -> str:
    """The form lines are compared in when counting repeats."""
    return " ".join(_WORD.findall(line.lower()))


def line_words(lines: list[str]) -> list[list[str]]:
    """The words of each line (as the features count them)."""
    return [_WORD.findall(l) for l in lines]


def normalize_lines(lines: list[str], words: list[list[str]] | None = None) -> list[str]:
    """``normalize_line`` of each line; from its ``words`` (``line_words``) when given and
    the line is ASCII, where lower-casing the words is lower-casing the line (elsewhere
    lower-casing can change what counts as a word: "İ" becomes "i" and a combining dot)."""
    if words is None:
        return [normalize_line(l) for l in lines]
    return [" ".join(w).lower() if l.isascii() else normalize_line(l) for l, w in zip(lines, words)]


def date_header(text: str) -> tuple[str | None, str]:
    """A leading ``date YYYY-MM-DD`` header line: its date, and the text without it."""
    m = _DATE_HEADER.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end():]


def _is_linky(line: str, has_digit: bool) -> bool:
    """``_LINKY.search(line)``, faster: each part only where it can match (an address needs
    "://", "www." or ".com", whatever the case; a count needs a digit)."""
    low = line.lower()
    return bool(("://" in line or "www." in low or ".com" in low) and _LINKY_ADDRESS.search(line)
                or "@" in line and _LINKY_HANDLE.search(line)
                or _LINKY_SIGN.search(line)
                or has_digit and _LINKY_COUNT.search(line))


def _own_features(line: str, words: list[str], stops: frozenset[str]) -> list[float]:
    n = len(words)
    chars = max(len(line), 1)
    alnum = sum(map(len, words)) - line.count("_")
    spaces = line.count(" ")
    digits = len(_DIGIT.findall(line))
    return [
        1.0,
        math.log1p(n),
        math.log1p(len(line)),
        float(n >= LONG_LINE_WORDS),
        float(n <= 2),
        sum(map(stops.__contains__, map(str.lower, words))) / n if n else 0.0,
        float(bool(_END.search(line))),
        (chars - alnum - spaces) / chars,
        digits / chars,
        sum(map(str.isupper, [w[0] for w in words])) / n if n else 0.0,  # \w+ words: never empty
        line.count(",") / (n + 1),
        float(_is_linky(line, digits > 0)),
    ]


def page_language(lines: list[str]) -> str | None:
    """The language of a page, read from its first ``PAGE_LANG_CHARS`` characters of long
    lines (all lines when it has none)."""
    body = " ".join(l for l in lines if len(l) > 60)[:PAGE_LANG_CHARS] or " ".join(lines)[:PAGE_LANG_CHARS]
    return detect_language(body, default="en")


def page_features(lines: list[str], across: dict[str, int] | None = None,
                  title: str | None = None, kinds: list[str] | None = None,
                  links: list[float] | None = None, line_language: bool = True,
                  norms: list[str] | None = None, words: list[list[str]] | None = None) -> PageLines:
    """Features of every line of a page. ``across`` counts short lines over the run's pages;
    ``kinds`` (p, head, item, row, ...) and ``links`` (share of characters in links) come with
    lines taken from HTML and are left empty for plain text. ``line_language=False`` skips
    the per-line language check (trafilatura's lines rarely switch language, and it is the
    costliest feature). ``norms`` and ``words``: the lines in ``normalize_line`` form and
    their words (``line_words``), when the caller has them already."""
    kinds = kinds or [""] * len(lines)
    links = links or [0.0] * len(lines)
    across = across or {}
    language = page_language(lines)
    stops = stopwords(language)
    if words is None:
        words = line_words(lines)
    if norms is None:
        norms = normalize_lines(lines, words)
    counts: dict[str, int] = {}
    for k in norms:
        counts[k] = counts.get(k, 0) + 1
    title_norm = normalize_line(title) if title else (norms[0] if norms else "")
    seen: set[str] = set()
    total_chars = sum(len(l) for l in lines) or 1
    n_lines = max(len(lines), 1)
    own = [_own_features(l, w, stops) for l, w in zip(lines, words)]
    is_long = [len(w) >= LONG_LINE_WORDS for w in words]
    log_words, stop_ratios = [o[1] for o in own], [o[5] for o in own]
    # the context features, each a list over the lines (same values as one _window_mean a line)
    near_long, mid_long, far_long = (_window_counts_mean(is_long, k) for k in (NEAR, MID, FAR))
    near_words = _window_means(log_words, NEAR)
    mid_stop = _window_means(stop_ratios, MID)
    near_link = _window_means(links, NEAR)
    feats = []
    done_chars = 0
    for i, line in enumerate(lines):
        n = len(words[i])
        norm = norms[i]
        rep_across = across.get(norm, 0) if n <= ACROSS_PAGE_MAX_WORDS else 0
        mismatch = 0.0
        if line_language and n >= LANG_LINE_MIN_WORDS:
            mismatch = float(detect_language(line[:LANG_LINE_MAX_CHARS], default=language) != language)
        title_echo = float(i > 0 and bool(title_norm) and norm == title_norm)
        o = own[i]
        kind = kinds[i]
        feats.append(o + [
            math.log1p(counts[norm] - 1),
            math.log1p(rep_across),
            float(norm in seen and n >= 3),
            i / n_lines,
            done_chars / total_chars,
            mismatch,
            float(3 <= n <= 15 and not o[6] and o[9] > 0.5),  # o[6]: end_punct, o[9]: cap_ratio
            title_echo,
            near_long[i],
            mid_long[i],
            far_long[i],
            near_words[i],
            mid_stop[i],
            float(kind == "head"),
            float(kind == "item"),
            float(kind == "row"),
            links[i],
            near_link[i],
        ])
        seen.add(norm)
        done_chars += len(line)
    return PageLines(lines, language, feats, norms, [len(w) for w in words])


def _window_mean(values: list, i: int, k: int) -> float:
    """Mean of ``values`` over the lines around ``i`` (the line itself excluded)."""
    lo, hi = max(0, i - k), min(len(values), i + k + 1)
    n = hi - lo - 1
    if n <= 0:
        return 0.0
    return (sum(float(v) for v in values[lo:hi]) - float(values[i])) / n


def _window_means(values: list[float], k: int) -> list[float]:
    """``_window_mean(values, i, k)`` for every ``i`` of a list of floats, to the last bit:
    the same left-to-right sum of the same slice (a running sum would round differently
    and move the learned weights' inputs)."""
    size = len(values)
    out = []
    for i in range(size):
        lo, hi = max(0, i - k), min(size, i + k + 1)
        n = hi - lo - 1
        out.append((sum(values[lo:hi]) - values[i]) / n if n > 0 else 0.0)
    return out


def _window_counts_mean(flags: list[bool], k: int) -> list[float]:
    """``_window_mean(flags, i, k)`` for every ``i`` of a list of booleans, from running
    counts: whole numbers add up exactly, so the means are the same to the last bit."""
    size = len(flags)
    before = [0]
    for f in flags:
        before.append(before[-1] + f)
    out = []
    for i in range(size):
        lo, hi = max(0, i - k), min(size, i + k + 1)
        n = hi - lo - 1
        out.append((before[hi] - before[lo] - flags[i]) / n if n > 0 else 0.0)
    return out


def stage2_features(feats: list[list[float]], p1: list[float]) -> list[list[float]]:
    """Stage-1 features plus the stage-1 probabilities around each line (the columns of
    ``_array_stage2_extra``: training and ``line_probabilities`` compute them alike)."""
    if not feats:
        return []
    import numpy as np

    extra = _array_stage2_extra(np.asarray(feats, dtype=float), np.asarray(p1, dtype=float))
    return [f + row for f, row in zip(feats, extra.tolist())]


def _logit(weights: dict, x: list[float]) -> float:
    return _logits(weights, [x])[0]


def _logits(weights: dict, rows: list[list[float]]) -> list[float]:
    """The logistic model's probability for each feature row (standardised features: the
    same operations in the same order for every row, so the same bits as one at a time)."""
    terms = list(zip(weights["mean"], weights["scale"], weights["coef"]))
    intercept = weights["intercept"]
    out = []
    for x in rows:
        z = intercept
        for v, (m, s, c) in zip(x, terms):
            z += c * (v - m) / s
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def line_probabilities(page: PageLines, model: dict) -> list[float]:
    """Probability that each line belongs to the article, from the two-stage classifier:
    ``_logits`` of ``stage2_features`` over ``_logits``, computed on arrays (page texts of
    hundreds of lines: ~0.8 ms a page less; the sums run in another order, so the
    probabilities can differ in the last bits, which moved no line on any of the 1216 dev
    pages, HTML and page text)."""
    if not page.features:
        return []
    import numpy as np

    x1 = np.asarray(page.features, dtype=float)
    p1 = _array_logits(model["stage1"], x1)
    x2 = np.hstack([x1, _array_stage2_extra(x1, p1)])
    return _array_logits(model["stage2"], x2).tolist()


def _array_logits(weights: dict, x):
    """``_logits`` of the rows of the array ``x``."""
    import numpy as np

    z = ((x - np.asarray(weights["mean"])) / np.asarray(weights["scale"])) @ np.asarray(weights["coef"])
    return 1.0 / (1.0 + np.exp(-np.clip(z + weights["intercept"], -30.0, 30.0)))


def _array_stage2_extra(x1, p1):
    """The columns ``stage2_features`` adds to the features ``x1``, from the stage-1
    probabilities ``p1`` (arrays): each line's own probability; the mean of its NEAR, MID
    and FAR neighbours on either side; the highest within FAR before it and after it; body
    text right on both sides (the lower of the highest within NEAR before and after: a
    heading, a list or a short line inside the article), alone and for a heading, list item
    or row."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    n = len(p1)
    # each line's window of FAR lines on either side, zeros beyond the page (no probability
    # is below zero, so a zero never wins a maximum the lines themselves would not)
    win = sliding_window_view(np.concatenate([np.zeros(FAR), p1, np.zeros(FAR)]), 2 * FAR + 1)
    pos = np.arange(n)
    cols = [p1]
    for k in (NEAR, MID, FAR):
        count = np.minimum(n, pos + k + 1) - np.maximum(0, pos - k) - 1
        total = win[:, FAR - k:FAR + k + 1].sum(axis=1) - p1
        cols.append(np.divide(total, count, out=np.zeros(n), where=count > 0))
    cols.append(win[:, :FAR].max(axis=1))  # before
    cols.append(win[:, FAR + 1:].max(axis=1))  # after
    enclosed = np.minimum(win[:, FAR - NEAR:FAR].max(axis=1), win[:, FAR + 1:FAR + 1 + NEAR].max(axis=1))
    struct = x1[:, [FEATURES.index(k) for k in ("is_head", "is_item", "is_row")]].max(axis=1)
    cols += [enclosed, enclosed * struct]
    return np.column_stack(cols)


def keep_mask(lines: list[str], probs: list[float], threshold: float,
              low: float | None = None, norms: list[str] | None = None,
              recurring: set[str] | None = None,
              kinds: list[str] | None = None) -> list[bool]:
    """Lines above ``threshold``, plus (hysteresis) lines above ``low`` that touch a kept
    run, each repeated line kept once (captions and titles come twice on scraped pages; an
    article body does not repeat its own paragraphs), except recurring ones (the body's own
    structure: see ``recurring_lines``), which are left to the classifier. ``norms`` and
    ``recurring``: the lines in ``normalize_line`` form and their recurring ones, when the
    caller has them already; ``kinds``: the lines' element kinds (HTML), when known (see
    ``DEDUP_EXEMPT_KINDS``)."""
    low = threshold if low is None else low
    keep = [p >= threshold for p in probs]
    if low < threshold:  # one sweep each way grows every kept run over its >= low neighbours
        for i in range(1, len(keep)):
            keep[i] = keep[i] or (keep[i - 1] and probs[i] >= low)
        for i in range(len(keep) - 2, -1, -1):
            keep[i] = keep[i] or (keep[i + 1] and probs[i] >= low)
    keys = [normalize_line(l) for l in lines] if norms is None else norms
    if recurring is None:
        recurring = recurring_lines(keys)
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if (keep[i] and key in seen and len(key.split()) >= DEDUP_MIN_WORDS and key not in recurring
                and not (kinds and kinds[i] in DEDUP_EXEMPT_KINDS)):
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


def drop_repeated(lines: list[str], keep: list[bool], probs: list[float] | None = None,
                  norms: list[str] | None = None, recurring: set[str] | None = None,
                  kinds: list[str] | None = None) -> list[bool]:
    """Drop both copies of a line of at least ``REPEAT_MIN_WORDS`` words that comes back
    within ``REPEAT_NEAR_LINES`` lines: photo captions and headlines come twice in a row on
    scraped pages, while an article does not repeat its own paragraphs. A copy the
    classifier reads as body beyond doubt (``REPEAT_KEEP_PROB``, given ``probs``) stays:
    a standfirst repeated as the article's first paragraph is still part of the article.
    Recurring lines (``recurring_lines``) are left alone.
    (A copy further away, as in a page that holds the story twice, is left to
    ``keep_mask``, which keeps the first.) ``norms``, ``recurring``, ``kinds``: as for
    ``keep_mask`` (list items and table rows are never copies: ``DEDUP_EXEMPT_KINDS``)."""
    if norms is None:
        norms = [normalize_line(l) for l in lines]
    if recurring is None:
        recurring = recurring_lines(norms)
    copies: dict[str, int] = {}
    for n in norms:
        copies[n] = copies.get(n, 0) + 1
    last: dict[str, int] = {}
    out = list(keep)
    for i, n in enumerate(norms):
        if (len(n.split()) >= REPEAT_MIN_WORDS and n in last and i - last[n] <= REPEAT_NEAR_LINES
                and n not in recurring
                and not (kinds and kinds[i] in DEDUP_EXEMPT_KINDS and kinds[last[n]] in DEDUP_EXEMPT_KINDS)):
            j = last[n]
            out[i] = out[j] = False
            if probs is not None:
                best = i if probs[i] >= probs[j] else j
                out[best] = ((keep[i] or keep[j]) and probs[best] >= REPEAT_KEEP_PROB
                             and copies[n] < REPEAT_CAPTION_COPIES
                             and bool(_SENTENCE_END.search(lines[best])))
        last[n] = i
    return out


# A kept line of at least COPY_MIN_WORDS words whose text is mostly (COPY_MIN_SHARE of its
# characters) other kept lines, each found whole in it and none making more than
# COPY_MAX_ONE_SHARE of it, is the body run together again (a page's metadata repeats the
# whole article as one line): dropped. Whole lines are looked for (a substring search in C)
# rather than shared word 4-grams, which cost ~0.4 ms a page. (A paragraph that one other
# line repeats is left alone: pages repeat a paragraph as a summary or an answer, and the
# wcxb gold keeps both; without that limit wcxb lost 0.0004.) HTML F1 on aeb: 0.9625 ->
# 0.9672 (one page holding its article twice), the other sets unchanged.
COPY_MIN_WORDS = 100
COPY_MIN_SHARE = 0.8
COPY_MAX_ONE_SHARE = 0.5
# Lines shorter than this (characters, normalised) are not looked for in a long line: short
# phrases turn up inside any paragraph.
COPY_PART_MIN_CHARS = 40


def drop_run_together_copies(norms: list[str], keep: list[bool]) -> list[bool]:
    """``keep`` without the long kept lines that repeat other kept lines run together
    (``norms``: the lines in ``normalize_line`` form)."""
    out = list(keep)
    for i, k in enumerate(keep):
        if not k or norms[i].count(" ") + 1 < COPY_MIN_WORDS:
            continue
        whole = norms[i]
        parts = [len(norms[j]) for j, kj in enumerate(out)
                 if kj and j != i and len(norms[j]) >= COPY_PART_MIN_CHARS and norms[j] in whole]
        if sum(parts) >= COPY_MIN_SHARE * len(whole) and max(parts) < COPY_MAX_ONE_SHARE * len(whole):
            out[i] = False
    return out


def foreign_lines(page: PageLines) -> list[bool]:
    """Lines in another language than the page's: identified as such and nearly free of the
    page language's function words (a lone name or a quote in English stays)."""
    i_lang, i_stop, i_words = (FEATURES.index(k) for k in ("lang_mismatch", "stop_ratio", "log_words"))
    return [f[i_lang] > 0 and f[i_stop] < FOREIGN_MAX_STOP_RATIO
            and math.expm1(f[i_words]) >= FOREIGN_MIN_WORDS - 0.5 for f in page.features]
