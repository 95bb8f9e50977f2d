"""Extractive summary of a story: 3 to 7 of its own sentences, each cited to its source.

Maximal Marginal Relevance (Carbonell and Goldstein, 1998): repeatedly take the sentence that
is most like the story as a whole and least like the sentences already taken, so the summary
covers the story instead of repeating its lead five times. No text is generated: each line is
a span of an article, with its offsets.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from .story_text import cosine, idf, log_tf, sentences, unit, words

MIN_SENTENCES = 3
MAX_SENTENCES = 7
# Relevance against redundancy: 0.7 favours what the story is about and still refuses a
# sentence that says the same thing as one already taken (their cosine is then near 1).
MMR_LAMBDA = 0.7
# A small lift for an article's first two sentences: news leads state the main facts.
LEAD_BONUS = 0.1
LEAD_SENTENCES = 2
# Sentences outside these lengths are headlines, datelines, captions or run-ons.
MIN_CHARS, MAX_CHARS = 40, 400
MIN_WORDS = 6
# A sentence more similar than this to one already taken is a repeat, whatever MMR says.
MAX_OVERLAP = 0.8
# A summary line ends as a sentence does (headlines and captions do not).
SENTENCE_END_RE = re.compile(r"[.!…][\"'”’)\]]*$")


def summary_size(n_articles: int) -> int:
    """3 sentences for one article, one more each time the story doubles, at most 7."""
    return max(MIN_SENTENCES, min(MAX_SENTENCES, 2 + round(math.log2(1 + n_articles))))


def candidate_sentences(articles: list[dict]) -> list[dict]:
    """Every sentence worth quoting, with its article, offsets, position and words."""
    out = []
    for art in articles:
        text = art["text"]
        for pos, (s, e) in enumerate(sentences(text)):
            sent = text[s:e]
            toks = words(sent)
            letters = sum(ch.isalpha() for ch in sent)
            if not (MIN_CHARS <= len(sent) <= MAX_CHARS) or len(toks) < MIN_WORDS:
                continue
            if letters < 0.6 * len(sent) or sent.rstrip().endswith("?"):
                continue  # tables, datelines and questions make poor summary lines
            if not SENTENCE_END_RE.search(sent):
                continue  # a headline or caption: no closing punctuation
            out.append({"art": art, "start": s, "end": e, "pos": pos, "words": toks})
    return out


def story_summary(articles: list[dict]) -> list[dict]:
    """The cited summary: ``[{"text", "source", "index", "start", "end"}]``."""
    cands = candidate_sentences(articles)
    if not cands:
        return []
    df = Counter(t for c in cands for t in set(c["words"]))
    n = len(cands)
    for c in cands:
        c["vec"] = unit({t: w * idf(df[t], n) for t, w in log_tf(Counter(c["words"])).items()})
    centroid: Counter = Counter()
    for c in cands:
        centroid.update(c["vec"])
    centroid_u = unit(dict(centroid))
    for c in cands:
        c["rel"] = cosine(c["vec"], centroid_u) + (LEAD_BONUS if c["pos"] < LEAD_SENTENCES else 0.0)
    chosen: list[dict] = []
    k = min(summary_size(len(articles)), len(cands))
    while len(chosen) < k:
        best, best_score = None, -math.inf
        for c in cands:
            if c in chosen:
                continue
            red = max((cosine(c["vec"], d["vec"]) for d in chosen), default=0.0)
            if red > MAX_OVERLAP:
                continue
            score = MMR_LAMBDA * c["rel"] - (1 - MMR_LAMBDA) * red
            if score > best_score:
                best, best_score = c, score
        if best is None:
            break
        chosen.append(best)
    return [{"text": c["art"]["text"][c["start"]:c["end"]], "source": c["art"]["source"],
             "index": c["art"]["index"], "start": c["start"], "end": c["end"]} for c in chosen]
