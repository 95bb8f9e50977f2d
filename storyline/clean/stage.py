"""The clean step: from a raw page to the clean article(s) on it, with their metadata.

Cascade for one page:

1. ``--plain`` (or a plain record): the text exactly as given, one article; its date is the
   record's or the ``--date`` setting. Nothing else is touched (offsets must line up).
2. HTML: trafilatura's main text and metadata, then the line classifier and the splitter
   (:mod:`.html`, :mod:`.text`, :mod:`.split`); the date printed by the headline or htmldate's.
3. Plain text: a ``date YYYY-MM-DD`` header is taken as the date and removed, then the line
   classifier and the splitter; the date, when neither the record nor the page has one, is
   inferred from the text (:mod:`.meta`).

A page with no article (a home page, a 404, a login wall) gives no article and a rejection
(E011) that says why.
"""
from __future__ import annotations

import dataclasses
import re

from ..model import Article
from ..pipeline import Context, register
from . import html as html_mod
from . import meta, split, text as text_mod
from .lang import detect_language

# Fewer words than this is no article: a 404 notice, a login wall, a cookie banner.
MIN_ARTICLE_WORDS = 30
# Line-probability thresholds, chosen by 2-fold cross-validation on the dev pages (weights
# from ``python -m storyline.clean.train`` on one half, F1 on the other): trafilatura's
# lines are mostly body already, so a line must look clearly like boilerplate to go; raw
# page text takes the plain 0.5. (Re-checked with today's features: HTML thresholds 0.2 to
# 0.45 give mean F1 0.9455-0.9467 over the four sets, 0.3 within 0.0003 of the best.)
HTML_THRESHOLD = 0.3
TEXT_THRESHOLD = 0.5
# Hysteresis for page text: a line from this probability on is kept when it touches kept
# text (a short line in the body: a subheading, a list item, a quote's attribution).
# Cross-validated mean F1 of the four sets: none 0.9110, 0.3 0.9107, 0.4 0.9127, 0.45
# 0.9119. (On trafilatura's lines a low threshold changed the mean by 0.0002 at most: none.)
TEXT_LOW_THRESHOLD = 0.4
# When the classifier keeps no line of a page of plain text, its prose lines (a sentence end)
# of at least LONE_PARAGRAPH_MIN_WORDS words scored at least LONE_PARAGRAPH_MIN_PROB are the
# article: a one-paragraph story under hundreds of menu lines scores low for its
# neighbourhood. 2-fold cross-validated page-text F1 (fold 0 / fold 1): aeb 0.9102 / 0.8725
# -> 0.9102 / 0.9011, l3s 0.9274 / 0.9107 -> 0.9293 / 0.9165, big9 and wcxb unchanged
# (floors 0.05-0.2 and 15-50 words all gain; 0.1 and 20 words best on both folds). Not for
# the visible text of HTML pages (a home page there must stay without an article).
LONE_PARAGRAPH_MIN_PROB = 0.1
LONE_PARAGRAPH_MIN_WORDS = 20
# With html.FAST_FIRST: below this many characters of clean text from trafilatura's fast
# extractor, its full cascade runs as well (the fallbacks matter most on short results).
FULL_CASCADE_BELOW_CHARS = 1000
# A page flattened into this few lines has no structure for the line classifier to use;
# when it still holds this many words it is kept whole rather than rejected.
UNSTRUCTURED_MAX_LINES = 3
UNSTRUCTURED_MIN_WORDS = 100
# Element kinds whose runs are kept whole when kept text encloses them (see _keep_enclosed):
# a table, a list or a subheading inside the article is part of it. 2-fold cross-validated
# HTML F1 on wcxb: rows only 0.9333, + items 0.9340, + items and headings 0.9375; the other
# sets within 0.0005.
ENCLOSED_KINDS: tuple[str, ...] = ("row", "item", "head")
# Recurring lines (see _keep_recurring) of at least this many words are kept inside the body
# ("Advertisement" and other one- or two-word widgets recur too), when kept text lies
# within this many lines on both sides (cross-validated HTML F1 on aeb 0.9586 -> 0.9592, the
# rest unchanged).
RECURRING_MIN_WORDS = 3
ENCLOSE_NEAR_LINES = 2
# An article from trafilatura's lines shorter than this (in words) may be a stub of the page
# (a byline and a line or two, the body missed): the page's visible text then goes through
# the plain-text path too, and its articles are taken instead when they hold at least
# STUB_MIN_GAIN times as many words. 2-fold cross-validated HTML F1 on wcxb 0.9409 ->
# 0.9446 (fold 0 0.9554 unchanged, fold 1 0.9263 -> 0.9337: one dev page, a 93-word stub of
# a 5000-word list), aeb, l3s and big9 unchanged; the same for every limit from 94 to 300
# words and every gain from 3 to 10 (the check costs a visible-text pass on short pages).
STUB_MAX_WORDS = 150
STUB_MIN_GAIN = 5
# A run of at most this many dropped lines right between kept lines is kept when each of its
# lines is short and mostly unlinked (see _keep_short_runs): the "Type: Exploit", "Path:
# ..." lines of release notes, a section's heading and its "Key: value" rows. 2-fold
# cross-validated HTML F1 (fold 0 / fold 1): wcxb 0.9529 / 0.9261 -> 0.9554 / 0.9264, aeb
# 0.9423 / 0.9759 -> 0.9425 / 0.9759, big9 +0.0001 / +0.0002, l3s unchanged (runs of 2 to
# 8 lines all gain on wcxb; 10-word lines gain more on wcxb and aeb but lose 0.0004 on l3s).
SHORT_RUN_MAX_LINES = 6
SHORT_RUN_MAX_WORDS = 6
SHORT_RUN_MAX_LINK_SHARE = 0.5
# ... but a subheading in such a run may have up to this many words (a release note's module
# name, "Grav CMS Twig SSTI Authenticated Sandbox Bypass RCE", over its "Type:" lines): HTML F1
# on wcxb 0.9497 -> 0.9500 (even / odd pages 0.9652 / 0.9343 -> 0.9657 / 0.9343), the other
# sets unchanged; 14 words gives the same.
SHORT_RUN_MAX_HEAD_WORDS = 10
# The last lines of an article from HTML are checked for what follows many pages' body
# (see _drop_tail_boilerplate): the author's biography, "<Name> is a/an/the ...", in one of
# the last BIO_TAIL_LINES lines, when no word of the name occurs anywhere else in the
# article (a person the story is about is named before; the writer is not). HTML F1 alone
# (even / odd pages): wcxb 0.9673 / 0.9343 -> 0.9683 / 0.9349, aeb odd 0.9772 -> 0.9773,
# l3s and big9 unchanged; the last line alone gives the same (and without the absent-name
# test l3s lost 0.0007 on its even pages in a dry run: quotes and subjects at the end).
BIO_TAIL_LINES = 2
# ... and a closing run of at least TEASER_MIN_LINES paragraphs of TEASER_MIN_WORDS words
# or more, none with a sentence end: the blurbs of a "related stories" box whose headlines
# were dropped, a credit line and a rights notice (an article's own paragraphs end as
# sentences do; list items and table rows are left alone: a fact box or a feature list at
# the end is the article's). HTML F1 alone (even / odd pages): wcxb 0.9673 / 0.9343 ->
# 0.9673 / 0.9352, aeb 0.9572 / 0.9772 -> 0.9601 / 0.9772, l3s 0.9351 / 0.9397 -> 0.9352 /
# 0.9408, big9 unchanged. Runs of 3 lines: aeb and l3s unchanged; a single line: l3s even
# -0.0030, big9 -0.0003; 10 words the same as 8, 7 words lose 0.0012 on aeb's odd pages.
TEASER_MIN_LINES = 2
TEASER_MIN_WORDS = 8
# A line of at most CROSS_REF_MAX_WORDS words made of a short label and a colon followed by
# a link ("See also: <title>", "Related: <title>": at least CROSS_REF_MIN_LINK_SHARE of its
# text inside links) points to another page: dropped even when the classifier keeps it.
# HTML F1 (even / odd pages): wcxb 0.9683 / 0.9358 -> 0.9690 / 0.9358, aeb 0.9601 / 0.9773
# -> 0.9604 / 0.9776, big9 0.9690 / 0.9647 -> 0.9695 / 0.9650, l3s unchanged; a share of
# 0.8 gives wcxb even 0.9688, 0.5 loses wcxb odd 0.0005 (a label over product names
# linked one by one); without the length limit the same.
CROSS_REF_MIN_LINK_SHARE = 0.65
CROSS_REF_MAX_WORDS = 20
# Keys of ctx.cache.
CACHE_ACROSS = "clean.across_pages"

_WORD = re.compile(r"\w+")
# A label of one to three words and a colon at the start of a line (see CROSS_REF_...).
_LABEL = re.compile(r"^\W*(?:\w+[\s-]?){1,3}:\s*\S")
# "<Name> is a ..." (or was, has been, serves as): up to three capitalised words, maybe
# after an opening bracket, then a copula and an article (see BIO_TAIL_LINES).
_BIO = re.compile(r"^\(?((?:[A-Z][\w'.\u2019-]*\s){1,3})(?:is|was|has been|serves as)\s+(?:a|an|the)\s")


def _models() -> tuple[dict, dict]:
    model = text_mod.load_model()
    return model["html"], model["text"]


# ------------------------------------------------------------------ shared steps
def _norms(lines: list[str]) -> list[str]:
    """The lines in ``text.normalize_line`` form: made once a page, then passed on."""
    return text_mod.normalize_lines(lines)


def _across_counts(ctx: Context, norms: list[str]) -> dict[str, int]:
    """How many earlier pages of this run hold each of these lines (``norms``: in
    ``normalize_line`` form)."""
    seen: dict[str, int] = ctx.cache.get(CACHE_ACROSS, {})
    return {k: seen.get(k, 0) for k in set(norms)}


def _remember_lines(ctx: Context, norms: list[str]) -> None:
    """Count this page's short lines (``norms``: in ``normalize_line`` form) for the pages
    that come after it in the run (only short ones are ever looked up, so the table stays
    small on long runs)."""
    seen: dict[str, int] = ctx.cache.setdefault(CACHE_ACROSS, {})
    for k in set(norms):
        if len(k.split()) <= text_mod.ACROSS_PAGE_MAX_WORDS:
            seen[k] = seen.get(k, 0) + 1


def select_articles(lines: list[str], probs: list[float], threshold: float,
                    title: str | None = None, foreign: list[bool] | None = None,
                    kinds: list[str] | None = None, low: float | None = None,
                    norms: list[str] | None = None,
                    counts: list[int] | None = None,
                    links: list[float] | None = None) -> list[tuple[int, list[int]]]:
    """Articles on a page as (headline line index or -1, kept line indexes); ``low``: the
    hysteresis threshold of ``text.keep_mask``; ``norms`` and ``counts``: the lines in
    ``text.normalize_line`` form and their numbers of words, when the caller has them;
    ``links``: each line's share of text inside links (HTML)."""
    if norms is None:
        norms = _norms(lines)
    if counts is None:
        counts = split.word_counts(lines)
    recurring = text_mod.recurring_lines(norms)
    keep = text_mod.keep_mask(lines, probs, threshold, low, norms=norms, recurring=recurring,
                               kinds=kinds)
    if kinds:
        keep = _keep_enclosed(keep, kinds)
    if links:
        keep = _keep_short_runs(keep, counts, links, kinds)
    keep = _keep_recurring(norms, keep, recurring)
    if foreign:
        keep = [k and not f for k, f in zip(keep, foreign)]
    if title:  # the title is metadata, not body: drop its echoes
        tnorm = text_mod.normalize_line(title)
        keep = [k and n != tnorm for n, k in zip(norms, keep)]
    headers = split.article_headers(lines, norms, kinds)
    for h in headers:  # a headline is metadata, not body
        keep[h] = False
    keep = text_mod.drop_repeated(lines, keep, probs, norms=norms, recurring=recurring,
                                  kinds=kinds)
    keep = text_mod.drop_run_together_copies(norms, keep)
    if links:
        keep = _drop_cross_references(lines, keep, counts, links)
    found = split.drop_teasers(split.blocks(lines, keep, breaks=set(headers), counts=counts))
    groups = split.group_articles(lines, found, headers, counts=counts, kinds=kinds)
    groups = split.drop_unsure(lines, groups, probs, counts=counts)
    if kinds:
        groups = [(head, _drop_tail_boilerplate(lines, kept, kinds, counts))
                  for head, kept in groups]
    return groups


def _drop_cross_references(lines: list[str], keep: list[bool], counts: list[int],
                           links: list[float]) -> list[bool]:
    """``keep`` without the lines that point to another page: a short label and a colon over
    a link ("See also: <title>": see CROSS_REF_MIN_LINK_SHARE)."""
    return [k and not (links[i] >= CROSS_REF_MIN_LINK_SHARE and counts[i] <= CROSS_REF_MAX_WORDS
                       and _LABEL.match(lines[i]))
            for i, k in enumerate(keep)]


def _drop_tail_boilerplate(lines: list[str], kept: list[int], kinds: list[str],
                           counts: list[int]) -> list[int]:
    """An article's kept lines (``kept``) without what follows the body on many pages:
    a closing run of unfinished paragraphs (the blurbs of related stories:
    ``TEASER_MIN_LINES``) and the author's biography (``BIO_TAIL_LINES``)."""
    run = 0
    for i in reversed(kept):
        if kinds[i] != "p" or counts[i] < TEASER_MIN_WORDS or split.ends_sentence(lines[i]):
            break
        run += 1
    if TEASER_MIN_LINES <= run < len(kept):
        kept = kept[:-run]
    for n in range(max(1, len(kept) - BIO_TAIL_LINES), len(kept)):
        m = _BIO.match(lines[kept[n]])
        if not m:
            continue
        rest = " ".join(lines[i] for i in kept if i != kept[n]).lower()
        if not any(re.search(r"\b%s\b" % re.escape(w.lower()), rest) for w in m.group(1).split()):
            kept = kept[:n] + kept[n + 1:]
            break
    return kept


def _keep_enclosed(keep: list[bool], kinds: list[str]) -> list[bool]:
    """Keep a run of table rows or list items that kept text encloses on both sides: a
    table or a list inside an article is part of it (one beside it is not enclosed)."""
    out = list(keep)
    i = 0
    while i < len(kinds):
        if kinds[i] not in ENCLOSED_KINDS:
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] in ENCLOSED_KINDS:
            j += 1
        before = next((keep[k] for k in range(i - 1, max(-1, i - 3), -1)), False)
        after = next((keep[k] for k in range(j, min(len(keep), j + 2))), False)
        if before and after:
            out[i:j] = [True] * (j - i)
        i = j
    return out


def _keep_short_runs(keep: list[bool], counts: list[int], links: list[float],
                     kinds: list[str] | None = None) -> list[bool]:
    """Keep a run of at most ``SHORT_RUN_MAX_LINES`` dropped lines right between kept lines
    when every line of it is short and mostly unlinked: a section's "Key: value" lines and
    its heading inside the body (the classifier reads short lines without a sentence end as
    boilerplate; an ad or a "related" box between paragraphs is linked or longer). With
    ``kinds``, a subheading may have up to ``SHORT_RUN_MAX_HEAD_WORDS`` words."""
    out = list(keep)
    i, n = 0, len(keep)
    while i < n:
        if keep[i]:
            i += 1
            continue
        j = i
        while j < n and not keep[j]:
            j += 1
        if (0 < i and j < n and j - i <= SHORT_RUN_MAX_LINES
                and all(counts[k] <= (SHORT_RUN_MAX_HEAD_WORDS if kinds and kinds[k] == "head"
                                      else SHORT_RUN_MAX_WORDS)
                        and links[k] <= SHORT_RUN_MAX_LINK_SHARE
                        for k in range(i, j))):
            out[i:j] = [True] * (j - i)
        i = j
    return out


def _keep_recurring(norms: list[str], keep: list[bool], recurring: set[str]) -> list[bool]:
    """Keep every copy of a recurring line (an interview's question: ``recurring``, from
    ``text.recurring_lines`` over the page's ``norms``) of at least ``RECURRING_MIN_WORDS``
    words when kept lines enclose it: the classifier scores such a line down for its
    repeats, but inside the body it is the body's own."""
    recurring = {n for n in recurring if len(n.split()) >= RECURRING_MIN_WORDS}
    if not recurring:
        return keep
    out = list(keep)
    for i, n in enumerate(norms):
        if n in recurring and not keep[i]:
            before = any(keep[max(0, i - ENCLOSE_NEAR_LINES):i])
            after = any(keep[i + 1:i + 1 + ENCLOSE_NEAR_LINES])
            out[i] = before and after
    return out


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _new_article(base: Article, index: int, body: str) -> Article:
    return Article(source=base.source, index=index, text=body, title=base.title,
                   date=base.date, url=base.url, raw_sha256=base.raw_sha256,
                   date_source=base.date_source)


# ------------------------------------------------------------------ HTML
def clean_html(article: Article, ctx: Context) -> tuple[list[Article], str]:
    """The article(s) of an HTML page, or [] and why not.

    trafilatura's main text (with its fallbacks: readability, jusText), cleaned by the line
    classifier. With ``html.FAST_FIRST`` a cascade instead: (1) trafilatura's fast extractor,
    cleaned; (2) only when that leaves less than ``FULL_CASCADE_BELOW_CHARS``, the full one."""
    page = article.page
    tree, info = html_mod.read_page(page.content, page.url)
    if tree is None:
        return _visible_text_articles(article, ctx, None, {}, "the page has no parsable HTML")
    title = article.title or info.get("title")
    fast = html_mod.FAST_FIRST
    # No address for trafilatura: it would make every link target absolute (~0.6 ms a page
    # through courlan), and only the share of text inside links is used, not the targets.
    traf = html_mod.main_lines(tree, None, fast=fast)
    found, feats, groups = _html_articles(html_mod.fill_gaps(traf, tree), title, ctx)
    if len(found) > len(traf):
        # lines added from the page (html.fill_gaps): only those the classifier keeps stay,
        # and the page is classified again without the rest (a dropped widget line between
        # two paragraphs would otherwise still split the body into blocks)
        kept = {i for _, k in groups for i in k}
        ours = set(traf)
        rest = [l for i, l in enumerate(found) if i in kept or l in ours]
        if len(rest) < len(found):  # (all kept: the same lines, classified alike already)
            found, feats, groups = _html_articles(rest, title, ctx)
    if fast and sum(len(found[i][0]) for _, kept in groups for i in kept) < FULL_CASCADE_BELOW_CHARS:
        found, feats, groups = _html_articles(html_mod.main_lines(tree, None, fast=False), title, ctx)
    if not found:
        return _visible_text_articles(article, ctx, tree, info,
                                      "no main text found (home page, index or empty page?)")
    lines = [t for t, _, _ in found]
    _remember_lines(ctx, feats.norms)
    language = feats.language
    out = []
    # only the groups long enough to be articles, first: when one is, its language is the
    # page's, and no second guess is needed (the words of the lines are the body's: a word
    # never runs over a line break)
    groups = [(head, kept) for head, kept in groups
              if sum(feats.word_counts[i] for i in kept) >= MIN_ARTICLE_WORDS]
    for head, kept in groups:
        body = "\n".join(lines[i] for i in kept)
        a = _new_article(article, len(out), body)
        a.title = (lines[head] if head >= 0 and out else title) or None
        a.author = info.get("author")
        a.outlet = info.get("sitename") or meta.outlet_from_url(page.url)
        # one article: the language the classifier found for the page's lines (the same as
        # the article's own on all 609 dev articles, and a second language guess saved)
        a.language = language if len(groups) == 1 and language else detect_language(
            body[:1000], default=info.get("language") or "en")
        out.append(a)
    if not out:
        return _visible_text_articles(article, ctx, tree, info,
                                      f"main text too short (under {MIN_ARTICLE_WORDS} words): not an article",
                                      counted=frozenset(feats.norms))
    # (each group left gave one article, and its words are those of its lines)
    stub_words = sum(feats.word_counts[i] for _, kept in groups for i in kept)
    if stub_words < STUB_MAX_WORDS:
        whole, _ = _visible_text_articles(article, ctx, tree, info, "",
                                          min_words=STUB_MIN_GAIN * stub_words,
                                          counted=frozenset(feats.norms))
        if sum(_words(a.text) for a in whole) >= STUB_MIN_GAIN * stub_words:
            return whole, ""
    if not article.date:
        date = meta.choose_date(info.get("shown_dates") or [], info.get("date"), info.get("published"))
        for a in out:
            a.date, a.date_source = date, "page" if date else None
    return out, ""


def _visible_text_articles(article: Article, ctx: Context, tree, info: dict, why: str,
                           min_words: int = 1,
                           counted: frozenset[str] = frozenset()) -> tuple[list[Article], str]:
    """When trafilatura finds no article on a page, the plain-text path on the page's whole
    visible text, or [] and ``why``: markup trafilatura's parser gives up on (a cut
    doctype) can still hold an article (2-fold cross-validated F1 on l3s 0.9340 -> 0.9377,
    the other sets unchanged; switching to the page text whenever it finds more text than
    trafilatura's lines lost 0.01-0.02 on aeb and big9). A visible text of fewer than
    ``min_words`` words is not worth classifying (the caller needs at least that many).
    ``counted``: the page's lines from trafilatura, counted across pages already."""
    text = "\n".join(html_mod.page_visible_lines(article.page.content, tree))
    if not text or (min_words > 1 and _words(text) < min_words):
        return [], why
    page = dataclasses.replace(article.page, kind="text", content=text)
    out, _ = clean_text(dataclasses.replace(article, page=page), ctx, lone_paragraphs=False,
                        counted=counted)
    if not out:
        return [], why
    date = None if article.date else meta.choose_date(
        info.get("shown_dates") or [], info.get("date"), info.get("published"))
    for a in out:
        a.title = article.title or info.get("title") or a.title
        a.author = info.get("author") or a.author
        a.outlet = info.get("sitename") or a.outlet
        if date:
            a.date, a.date_source = date, "page"
    return out, ""


def _html_articles(found: list[tuple[str, str, float]], title: str | None, ctx: Context):
    """The classified main-text lines of a page, their features (with their language, their
    ``normalize_line`` form and their numbers of words) and the articles they hold."""
    if not found:
        return found, None, []
    lines = [t for t, _, _ in found]
    words = text_mod.line_words(lines)
    norms = text_mod.normalize_lines(lines, words)
    kinds = [k for _, k, _ in found]
    feats = text_mod.page_features(lines, _across_counts(ctx, norms), title=title,
                                   kinds=kinds, links=[f for _, _, f in found],
                                   line_language=False, norms=norms, words=words)
    html_model, _ = _models()
    probs = text_mod.line_probabilities(feats, html_model)
    groups = select_articles(lines, probs, HTML_THRESHOLD, title, kinds=kinds, norms=norms,
                             counts=feats.word_counts, links=[f for _, _, f in found])
    return found, feats, groups


# ------------------------------------------------------------------ plain text
def clean_text(article: Article, ctx: Context, lone_paragraphs: bool = True,
               counted: frozenset[str] = frozenset()) -> tuple[list[Article], str]:
    """The article(s) of a page of plain text, or [] and why not; ``lone_paragraphs``: with
    no line kept, take the page's likeliest long prose lines (see ``_lone_paragraphs``);
    ``counted``: lines of this page (``normalize_line`` form) already counted in the table
    of lines seen across pages (each page counts a line once)."""
    page = article.page
    header, content = text_mod.date_header(page.content)
    lines = [l.strip() for l in content.splitlines() if l.strip()]
    if not lines:
        return [], "the page is empty"
    words = text_mod.line_words(lines)
    norms = text_mod.normalize_lines(lines, words)
    feats = text_mod.page_features(lines, _across_counts(ctx, norms), norms=norms, words=words)
    _remember_lines(ctx, [k for k in norms if k not in counted] if counted else norms)
    _, text_model = _models()
    probs = text_mod.line_probabilities(feats, text_model)
    groups = select_articles(lines, probs, TEXT_THRESHOLD, foreign=text_mod.foreign_lines(feats),
                             low=TEXT_LOW_THRESHOLD, norms=norms, counts=feats.word_counts)
    if not groups and lone_paragraphs:
        found = _lone_paragraphs(lines, probs, feats.word_counts)
        groups = [(-1, found)] if found else []
    if not groups and len(lines) <= UNSTRUCTURED_MAX_LINES and _words(content) >= UNSTRUCTURED_MIN_WORDS:
        groups = [(-1, list(range(len(lines))))]  # no line structure to classify: keep it all
    out = []
    for n, (head, kept) in enumerate(groups):
        if sum(feats.word_counts[i] for i in kept) < MIN_ARTICLE_WORDS:  # the body's words
            continue
        body = "\n".join(lines[i] for i in kept)
        a = _new_article(article, len(out), body)
        start = kept[0]
        if head < 0 and n == 0:
            head = _first_headline(lines, start)
        a.title = (article.title if n == 0 and article.title else None) or (
            lines[head] if head >= 0 else None)
        region = lines[max(0, (head if head >= 0 else start) - 3):kept[-1] + 1]
        a.author = meta.byline_author(region)
        a.outlet = meta.outlet_from_url(page.url) or meta.wire_outlet(body)
        a.language = detect_language(body, default=feats.language or "en")
        if not a.date:
            if header:
                a.date, a.date_source = header, "page"
            else:
                a.date = meta.text_date("\n".join(region))
                a.date_source = "text" if a.date else None
        out.append(a)
    if not out:
        return [], f"no block of article text (under {MIN_ARTICLE_WORDS} words of prose)"
    return out, ""


def _lone_paragraphs(lines: list[str], probs: list[float], counts: list[int]) -> list[int]:
    """The prose lines of at least ``LONE_PARAGRAPH_MIN_WORDS`` words scored at least
    ``LONE_PARAGRAPH_MIN_PROB``: a page's short story that the menus around it drown."""
    return [i for i, (line, p, n) in enumerate(zip(lines, probs, counts))
            if p >= LONE_PARAGRAPH_MIN_PROB and n >= LONE_PARAGRAPH_MIN_WORDS
            and split.ends_sentence(line)]


def _first_headline(lines: list[str], start: int) -> int:
    """The page's headline: the first headline-like line before the body starts."""
    for i in range(start):
        if split.is_headline(lines[i]):
            return i
    return -1


# ------------------------------------------------------------------ the stage
@register("clean", step="clean", reads=("page",),
          writes=("text", "title", "date", "url", "outlet", "author", "language"))
def clean_stage(article: Article, ctx: Context) -> list[Article]:
    """One page in, its articles out (``index`` 0, 1, ...), or [] with a rejection."""
    page = article.page
    article.url = article.url or page.url
    if page.date and not article.date:
        article.date = page.date
    if article.date:
        article.date_source = "record"
    if page.plain or ctx.settings.plain:
        article.text = page.content
        article.date = page.date or ctx.settings.date
        article.date_source = "record" if article.date else None
        return [article]
    if page.kind == "html":
        out, why = clean_html(article, ctx)
    else:
        out, why = clean_text(article, ctx)
    if not out:
        ctx.reject(page.source, "E011", why)
        return []
    for a in out:
        if not a.date and ctx.settings.date:
            a.date, a.date_source = ctx.settings.date, "record"
        a.outlet = a.outlet or meta.outlet_from_url(a.url)
    return out
