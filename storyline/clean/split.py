"""From kept lines to articles: group them into blocks, drop teasers, split glued articles.

The line classifier says which lines are article text. Kept lines that follow each other
(allowing a few dropped lines between them: an ad, a caption) form a *block*; an article
*header* (a headline that comes back a few lines later, the way scraped pages repeat the
title over the story) always starts a new block. Blocks then join into articles:

1. a block after a header starts an article, and so does a block under a headline when the
   article before it is short (a teaser) or the block is itself long (a second story);
2. any other block continues the article before it (the story resumes after a box);
3. each article is trimmed of short lines without a sentence end at its edges ("20", "TT",
   a section label, the outlet's name);
4. an article other than the page's largest is dropped when it is short or when the
   classifier kept its lines only hesitantly: teasers of other stories (a headline, a
   paragraph or two, "keep reading").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Dropped lines allowed inside one block: an article body is interrupted by an ad, a caption
# and a "related" line now and then; a longer run of boilerplate ends the block.
MAX_GAP_LINES = 6
# A block shorter than this (in words) is a teaser when a longer block exists on the page:
# teasers run to one or two paragraphs; the shortest real news items run to ~100 words.
TEASER_MAX_WORDS = 80
# ... or when it is smaller than this share of the largest block.
TEASER_MAX_SHARE = 0.15
# A line shorter than this (in words) without a sentence end is not where a body starts or
# ends: "20", "TT", "Analysis | Middle East", an outlet's name under the text, a row of
# share buttons ("Share on Facebook Share on X Copy link"). 2-fold cross-validated: 6 -> 10
# words HTML F1 on l3s 0.9217 -> 0.9249, the other sets and the text path within 0.0005.
EDGE_MAX_WORDS = 10
# ... but a run of at least this many list items or table rows at the end is a list that
# ends the article, kept whole (HTML only: plain text has no element kinds). 2-fold
# (even/odd pages) HTML F1: aeb 0.9447 / 0.9772 -> 0.9478 / 0.9772, l3s, big9 and wcxb
# unchanged, the same with runs of 2; runs at the start as well lost 0.0003 on l3s (a
# date-author-section list, and layout tables, open the body there).
EDGE_LIST_MIN_ITEMS = 3
# The element kinds of a list or a table (HTML lines).
LIST_KINDS = frozenset({"item", "row"})
# A headline that comes back within this many lines marks the start of an article.
HEADER_REPEAT_WINDOW = 10
# A second article on a page must have at least this many words: teasers of other stories
# run to a paragraph or two. Below it, a block under a headline after a long article is
# taken as the article's own continuation after a box.
SPLIT_MIN_WORDS = 150
# A second article on a page must be kept with this mean line probability (its lines read
# clearly as article text; teasers' lines sit near the threshold). 2-fold cross-validated
# on the dev page texts (mean F1 of the four sets): 0.65 0.9082, 0.75 0.9085, 0.8 0.9099,
# 0.85 0.9093, 0.9 0.9072; the HTML path (one article a page nearly always) is unchanged.
SECOND_ARTICLE_MIN_PROB = 0.8
# Headers (headlines that repeat) have at least this many words; "keep reading", "Show
# more" and other repeated widget lines have fewer.
HEADER_MIN_WORDS = 4
# A headline is on the page twice (over the page, over the story); a line that comes back
# more often is a recurring label of the body (an interview's question), not a header
# (taking it for one dropped the interview's opening paragraphs as a teaser).
HEADER_MAX_COPIES = 2
# Element kinds (HTML lines) that never open an article: a list item or a table cell that
# comes back a few lines later is the list's own structure ("Price: $5" under each product
# of a review), not a headline repeated over a story (taken for one, it cut the review in
# two and dropped the second part as a teaser). 2-fold cross-validated HTML F1 on wcxb,
# fold 0 / fold 1: 0.9527 / 0.9251 -> 0.9529 / 0.9260; the other sets unchanged.
NOT_HEADER_KINDS = LIST_KINDS

_END = re.compile(r"[.!?:;,][\"”’')\]]*\s*$")
_WORD = re.compile(r"\w+")
# A byline right under a headline also marks an article's start: "By Ana Ruiz", "By Ana Ruiz |
# May 9, 2024", "BY ANA RUIZ AND LEO MARK". Capitalised name words, nothing sentence-like.
_BYLINE = re.compile(r"^\s*(?:by|BY|By)\s+[A-ZÀ-Ý][\w.'’-]+(?:\s+(?:[A-ZÀ-Ý][\w.'’-]+|and|AND|de|van|von|al|bin)){0,5}"
                     r"\s*(?:[|,·—–-].{0,40})?$")
# The byline stands on the line right under its headline (a navigation bar above a headline
# must not count as one: it too is short and has no sentence end).
BYLINE_WINDOW = 1
# A headline may end in "?" or "!", never in a full stop or a comma.
_STATEMENT_END = re.compile(r"[.:;,][\"”’')\]]*\s*$")


@dataclass
class Block:
    """Kept lines ``lines[first..last]`` (indexes into the page's lines) and their words."""

    first: int
    last: int
    kept: list[int]
    words: int


def word_counts(lines: list[str]) -> list[int]:
    """The number of words of each line (what every size in this module is counted in)."""
    return [len(_WORD.findall(l)) for l in lines]


def blocks(lines: list[str], keep: list[bool], max_gap: int = MAX_GAP_LINES,
           breaks: set[int] | frozenset[int] = frozenset(),
           counts: list[int] | None = None) -> list[Block]:
    """Runs of kept lines, broken where more than ``max_gap`` dropped lines come in a row and
    at every line index in ``breaks`` (article headers). ``counts``: ``word_counts(lines)``,
    when the caller has them already."""
    if counts is None:
        counts = word_counts(lines)
    out: list[Block] = []
    gap = max_gap + 1
    for i, k in enumerate(keep):
        if i in breaks:
            gap = max_gap + 1
        if not k:
            gap += 1
            continue
        n = counts[i]
        if out and gap <= max_gap:
            b = out[-1]
            b.last, b.words = i, b.words + n
            b.kept.append(i)
        else:
            out.append(Block(i, i, [i], n))
        gap = 0
    return out


def drop_teasers(found: list[Block]) -> list[Block]:
    """The blocks that are not teasers (small next to the page's largest block)."""
    if not found:
        return []
    top = max(b.words for b in found)
    return [b for b in found
            if b.words == top or (b.words > TEASER_MAX_WORDS and b.words >= TEASER_MAX_SHARE * top)]


def ends_sentence(line: str) -> bool:
    """The line ends as a sentence does (a full stop, a question mark, a closing quote...)."""
    return bool(_END.search(line))


def is_headline(line: str, min_caps: float = 0.3) -> bool:
    """A line that reads as a headline: a few words, no sentence end, and at least
    ``min_caps`` of its words capitalized."""
    words = line.split()
    if not 3 <= len(words) <= 20 or _STATEMENT_END.search(line) or len(line) > 160:
        return False
    return sum(w[:1].isupper() for w in words) >= min_caps * len(words)


def trim_edges(lines: list[str], kept: list[int], kinds: list[str] | None = None) -> list[int]:
    """An article body starts and ends with sentences: drop the short lines without a
    sentence end (stray counters, section labels, credits) at either edge. ``kinds``: the
    lines' element kinds (HTML), when known: a list of ``EDGE_LIST_MIN_ITEMS`` items or
    rows or more that the classifier kept at the end is part of the article (a table of
    results, the teams that qualified), not stray lines, and stops the trimming there. (Not
    at the start, where such runs are a date, author and section list, or a layout table.)"""
    in_list = _list_runs(kept, kinds) if kinds else set()

    def stray(i: int) -> bool:
        return (len(lines[i].split()) < EDGE_MAX_WORDS and not _END.search(lines[i])) or is_byline(lines[i])

    lo, hi = 0, len(kept)
    while lo < hi and stray(kept[lo]):
        lo += 1
    while hi > lo and kept[hi - 1] not in in_list and stray(kept[hi - 1]):
        hi -= 1
    return kept[lo:hi]


def _list_runs(kept: list[int], kinds: list[str]) -> set[int]:
    """The kept lines that belong to runs of at least ``EDGE_LIST_MIN_ITEMS`` consecutive
    kept list items or table rows."""
    out: set[int] = set()
    run: list[int] = []
    for i in kept + [-1]:
        if i >= 0 and kinds[i] in LIST_KINDS and (not run or i == run[-1] + 1):
            run.append(i)
            continue
        if len(run) >= EDGE_LIST_MIN_ITEMS:
            out.update(run)
        run = [i] if i >= 0 and kinds[i] in LIST_KINDS else []
    return out


def article_headers(lines: list[str], norms: list[str] | None = None,
                    kinds: list[str] | None = None) -> list[int]:
    """Lines that open an article on a scraped page: a headline that comes back within a
    few lines (the page's title, then the same headline over the story, with the photo
    caption between), or a headline with a byline right under it. Returns the index of the
    first copy of each. ``norms``: the lines lower-cased to their words joined by spaces
    (``text.normalize_line``), when the caller has them already; ``kinds``: the lines'
    element kinds (HTML), when known (see ``NOT_HEADER_KINDS``)."""
    out = []
    if norms is None:
        norms = [" ".join(_WORD.findall(l.lower())) for l in lines]
    copies: dict[str, int] = {}
    for n in norms:
        copies[n] = copies.get(n, 0) + 1
    for i, line in enumerate(lines):
        if (len(line.split()) < HEADER_MIN_WORDS or not is_headline(line, min_caps=0.0)
                or (out and norms[out[-1]] == norms[i]) or is_byline(line)
                or (kinds and kinds[i] in NOT_HEADER_KINDS)):
            continue
        ahead = norms[i + 1:i + 1 + HEADER_REPEAT_WINDOW]
        repeated = (norms[i] in ahead and norms[i] not in norms[max(0, i - HEADER_REPEAT_WINDOW):i]
                    and copies[norms[i]] <= HEADER_MAX_COPIES)
        if repeated or any(is_byline(l) for l in lines[i + 1:i + 1 + BYLINE_WINDOW]):
            out.append(i)
    return out


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line)) and len(line) <= 120


def group_articles(lines: list[str], found: list[Block], headers: list[int] = (),
                   counts: list[int] | None = None,
                   kinds: list[str] | None = None) -> list[tuple[int, list[int]]]:
    """Articles as (index of their headline line or -1, kept line indexes). A block that
    follows an article header starts an article; so does a block under a headline when it
    follows a teaser or is itself long. Other blocks join the article before them (an
    article interrupted by a box). Articles much smaller than the page's largest (teasers
    of other stories) are dropped. ``counts``: ``word_counts(lines)``, when the caller has
    them already."""
    if counts is None:
        counts = word_counts(lines)
    articles: list[tuple[int, list[int]]] = []
    for b in found:
        lo = articles[-1][1][-1] + 1 if articles else 0
        header = min((h for h in headers if lo <= h < b.first), default=-1)
        head = header if header >= 0 else _headline_before(lines, b, lo)
        if articles and header < 0:
            prev_words = sum(counts[i] for i in articles[-1][1])
            # under a headline: a new story after a teaser, or a second long story
            if head < 0 or (prev_words >= SPLIT_MIN_WORDS > b.words):
                articles[-1][1].extend(b.kept)
                continue
        articles.append((head, list(b.kept)))
    articles = [(h, trim_edges(lines, kept, kinds)) for h, kept in articles]
    articles = [(h, kept) for h, kept in articles if kept]
    articles = _headers_of_trimmed(articles, headers)
    sizes = [sum(counts[i] for i in kept) for _, kept in articles]
    top = max(sizes, default=0)
    return [a for a, n in zip(articles, sizes) if n == top or n >= SPLIT_MIN_WORDS]


def _headers_of_trimmed(articles: list[tuple[int, list[int]]], headers) -> list[tuple[int, list[int]]]:
    """An article whose body began with stray lines (a masthead, a navigation bar) gets the
    last article header between the article before it and its first trimmed line."""
    out, lo = [], 0
    for head, kept in articles:
        if head < 0:
            head = max((h for h in headers if lo <= h < kept[0]), default=-1)
        out.append((head, kept))
        lo = kept[-1] + 1
    return out


def _headline_before(lines: list[str], b: Block, lo: int) -> int:
    """The nearest headline-like line in the dropped lines just before block ``b``."""
    for i in range(b.first - 1, max(lo, b.first - 2 * MAX_GAP_LINES) - 1, -1):
        if is_headline(lines[i]):
            return i
    return -1


def drop_unsure(lines: list[str], groups: list[tuple[int, list[int]]],
                probs: list[float], counts: list[int] | None = None) -> list[tuple[int, list[int]]]:
    """Drop every article but the largest whose lines the classifier keeps only hesitantly
    (word-weighted mean probability under ``SECOND_ARTICLE_MIN_PROB``): teasers read like
    article text, but less so than an article's own paragraphs. ``counts``:
    ``word_counts(lines)``, when the caller has them already."""
    if len(groups) < 2:
        return groups
    if counts is None:
        counts = word_counts(lines)
    sizes = [sum(counts[i] for i in kept) for _, kept in groups]
    top = sizes.index(max(sizes))
    out = []
    for n, ((head, kept), size) in enumerate(zip(groups, sizes)):
        weight = sum(probs[i] * counts[i] for i in kept) / max(size, 1)
        if n == top or weight >= SECOND_ARTICLE_MIN_PROB:
            out.append((head, kept))
    return out
