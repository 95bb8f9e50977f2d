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
# page text takes the plain 0.5.
HTML_THRESHOLD = 0.3
TEXT_THRESHOLD = 0.5
# With html.FAST_FIRST: below this many characters of clean text from trafilatura's fast
# extractor, its full cascade runs as well (the fallbacks matter most on short results).
FULL_CASCADE_BELOW_CHARS = 1000
# A page flattened into this few lines has no structure for the line classifier to use;
# when it still holds this many words it is kept whole rather than rejected.
UNSTRUCTURED_MAX_LINES = 3
UNSTRUCTURED_MIN_WORDS = 100
# Element kinds whose runs are kept whole when kept text encloses them (see _keep_enclosed).
ENCLOSED_KINDS: tuple[str, ...] = ("row",)
# Keys of ctx.cache.
CACHE_ACROSS = "clean.across_pages"

_WORD = re.compile(r"\w+")


def _models() -> tuple[dict, dict]:
    model = text_mod.load_model()
    return model["html"], model["text"]


# ------------------------------------------------------------------ shared steps
def _across_counts(ctx: Context, lines: list[str]) -> dict[str, int]:
    """How many earlier pages of this run hold each of these lines."""
    seen: dict[str, int] = ctx.cache.get(CACHE_ACROSS, {})
    return {k: seen.get(k, 0) for k in {text_mod.normalize_line(l) for l in lines}}


def _remember_lines(ctx: Context, lines: list[str]) -> None:
    """Count this page's short lines for the pages that come after it in the run (only short
    ones are ever looked up, so the table stays small on long runs)."""
    seen: dict[str, int] = ctx.cache.setdefault(CACHE_ACROSS, {})
    for k in {text_mod.normalize_line(l) for l in lines}:
        if len(k.split()) <= text_mod.ACROSS_PAGE_MAX_WORDS:
            seen[k] = seen.get(k, 0) + 1


def select_articles(lines: list[str], probs: list[float], threshold: float,
                    title: str | None = None, foreign: list[bool] | None = None,
                    kinds: list[str] | None = None) -> list[tuple[int, list[int]]]:
    """Articles on a page as (headline line index or -1, kept line indexes)."""
    keep = text_mod.keep_mask(lines, probs, threshold)
    if kinds:
        keep = _keep_enclosed(keep, kinds)
    if foreign:
        keep = [k and not f for k, f in zip(keep, foreign)]
    if title:  # the title is metadata, not body: drop its echoes
        tnorm = text_mod.normalize_line(title)
        keep = [k and text_mod.normalize_line(l) != tnorm for l, k in zip(lines, keep)]
    headers = split.article_headers(lines)
    for h in headers:  # a headline is metadata, not body
        keep[h] = False
    keep = text_mod.drop_repeated(lines, keep)
    found = split.drop_teasers(split.blocks(lines, keep, breaks=set(headers)))
    groups = split.group_articles(lines, found, headers)
    return split.drop_unsure(lines, groups, probs)


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
        return [], "the page has no parsable HTML"
    title = article.title or info.get("title")
    fast = html_mod.FAST_FIRST
    found, groups = _html_articles(html_mod.main_lines(tree, page.url, fast=fast), title, ctx)
    if fast and sum(len(found[i][0]) for _, kept in groups for i in kept) < FULL_CASCADE_BELOW_CHARS:
        found, groups = _html_articles(html_mod.main_lines(tree, page.url, fast=False), title, ctx)
    if not found:
        return [], "no main text found (home page, index or empty page?)"
    lines = [t for t, _, _ in found]
    _remember_lines(ctx, lines)
    out = []
    for head, kept in groups:
        body = "\n".join(lines[i] for i in kept)
        if _words(body) < MIN_ARTICLE_WORDS:
            continue
        a = _new_article(article, len(out), body)
        a.title = (lines[head] if head >= 0 and out else title) or None
        a.author = info.get("author")
        a.outlet = info.get("sitename") or meta.outlet_from_url(page.url)
        a.language = detect_language(body[:1000], default=info.get("language") or "en")
        out.append(a)
    if not out:
        return [], f"main text too short (under {MIN_ARTICLE_WORDS} words): not an article"
    if not article.date:
        date = meta.choose_date(info.get("shown_dates") or [], info.get("date"), info.get("published"))
        for a in out:
            a.date, a.date_source = date, "page" if date else None
    return out, ""


def _html_articles(found: list[tuple[str, str, float]], title: str | None, ctx: Context):
    """The classified main-text lines of a page and the articles they hold."""
    if not found:
        return found, []
    lines = [t for t, _, _ in found]
    feats = text_mod.page_features(lines, _across_counts(ctx, lines), title=title,
                                   kinds=[k for _, k, _ in found], links=[f for _, _, f in found],
                                   line_language=False)
    html_model, _ = _models()
    probs = text_mod.line_probabilities(feats, html_model)
    kinds = [k for _, k, _ in found]
    return found, select_articles(lines, probs, HTML_THRESHOLD, title, kinds=kinds)


# ------------------------------------------------------------------ plain text
def clean_text(article: Article, ctx: Context) -> tuple[list[Article], str]:
    """The article(s) of a page of plain text, or [] and why not."""
    page = article.page
    header, content = text_mod.date_header(page.content)
    lines = [l.strip() for l in content.splitlines() if l.strip()]
    if not lines:
        return [], "the page is empty"
    feats = text_mod.page_features(lines, _across_counts(ctx, lines))
    _remember_lines(ctx, lines)
    _, text_model = _models()
    probs = text_mod.line_probabilities(feats, text_model)
    groups = select_articles(lines, probs, TEXT_THRESHOLD, foreign=text_mod.foreign_lines(feats))
    if not groups and len(lines) <= UNSTRUCTURED_MAX_LINES and _words(content) >= UNSTRUCTURED_MIN_WORDS:
        groups = [(-1, list(range(len(lines))))]  # no line structure to classify: keep it all
    out = []
    for n, (head, kept) in enumerate(groups):
        body = "\n".join(lines[i] for i in kept)
        if _words(body) < MIN_ARTICLE_WORDS:
            continue
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
