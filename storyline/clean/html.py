"""Main text of an HTML page: trafilatura's extraction, then our line classifier on top.

1. Parse once with lxml (the parser repairs broken markup; huge pages lose their scripts
   and are cut first) and read the metadata from the tree (``read_page``).
2. trafilatura extracts the main text with its own cascade and fallbacks (``main_lines``),
   as XML, which gives each line its element kind (paragraph, heading, list item, table row)
   and the share of its characters inside links.
3. The line classifier (``text.py``, weights learned on these lines) and the splitter
   (``split.py``), run by the stage, drop what trafilatura keeps but news readers do not
   want: captions, teasers, bylines, share lines, the title repeated in the body.
"""
from __future__ import annotations

import re

# Pages beyond this many characters are cut before parsing, once their scripts and styles
# are gone: the article is near the top of any real page, and the rest (inline data,
# endless comment threads) only costs memory and time.
MAX_HTML_CHARS = 3_000_000

# trafilatura's fast extractor first, its fallbacks only for short results: on the dev
# pages (2-fold cross-validated) 0.005-0.01 lower F1 on every set but big9 than the full
# cascade on every page, for only ~12% less time (bench/bench_extract.py). Off.
FAST_FIRST = False

# Ask trafilatura to keep links, so that the share of each line inside links is known
# (without it the cross-validated F1 fell by 0.002-0.009 on every set).
INCLUDE_LINKS = True

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def prepare_html(html: str) -> str:
    """The page cut to a sane size, without an XML declaration lxml refuses on a str."""
    if len(html) > MAX_HTML_CHARS:
        html = drop_scripts(html)[:MAX_HTML_CHARS]
    return _XML_DECL.sub("", html, count=1)


def drop_scripts(html: str) -> str:
    """``html`` without its <script> and <style> elements, in one pass (an unclosed one
    drops the rest of the page, as a browser would show nothing of it either)."""
    lower = html.lower()
    out, pos = [], 0
    while True:
        starts = [i for i in (lower.find("<script", pos), lower.find("<style", pos)) if i >= 0]
        if not starts:
            out.append(html[pos:])
            break
        start = min(starts)
        tag = "</script" if lower.startswith("<script", start) else "</style"
        out.append(html[pos:start])
        end = lower.find(tag, start)
        if end < 0:
            break
        close = lower.find(">", end)
        pos = len(html) if close < 0 else close + 1
    return " ".join(out)


def parse_html(html: str):
    """An lxml tree of the page, or None when there is nothing to parse."""
    from trafilatura.utils import load_html

    return load_html(prepare_html(html))


# trafilatura's XML elements that make one line of text each.
LINE_TAGS = {"p": "p", "head": "head", "item": "item", "row": "row", "code": "code",
             "quote": "quote"}


def read_page(content: str, url: str | None = None):
    """A page's parsed tree and its metadata (title, author, sitename, language, and the
    date sources: a <meta> publication date, else the dates printed by the headline and
    htmldate's), or (None, None) when nothing parses."""
    from . import meta

    tree = parse_html(content)
    if tree is None:
        return None, None
    info = meta.html_metadata(tree, url)
    info["published"] = meta.published_meta_date(tree)
    if not info["published"]:  # the other date sources only count when no tag states it
        info["shown_dates"] = meta.header_dates(tree)
        info["date"] = meta.metadata_date(tree, url)
    return tree, info


def main_lines(tree, url: str | None = None, fast: bool = True) -> list[tuple[str, str, float]]:
    """trafilatura's main text of a parsed page as (line, element kind, link share) lines.
    ``fast``: its own extractor only; else with its cascade of fallbacks (readability,
    jusText). trafilatura works on a copy: ``tree`` stays as it was."""
    import trafilatura

    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_links=INCLUDE_LINKS,
                                      include_comments=False, include_tables=True, fast=fast)
    if not doc or doc.body is None:
        return []
    return list(_xml_lines(doc.body))


def extract(content: str, url: str | None = None):
    """Metadata and main-text lines of a page (what the line classifier is trained on)."""
    tree, info = read_page(content, url)
    if tree is None:
        return None, []
    return info, main_lines(tree, url, fast=FAST_FIRST)


def _xml_lines(node):
    """(line, kind, link share) for each paragraph-like element under ``node``."""
    for el in node:
        kind = LINE_TAGS.get(el.tag)
        if kind is None or (kind == "quote" and el.find("p") is not None) or (
                kind == "item" and el.find("list") is not None):
            yield from _xml_lines(el)
            if kind is None and el.tail and el.tail.strip():
                yield " ".join(el.tail.split()), "tail", 0.0
            continue
        if kind == "row":  # cells side by side: keep a space between them
            text = " ".join(" ".join("".join(c.itertext()).split()) for c in el)
        else:
            text = " ".join("".join(el.itertext()).split())
        if not text:
            continue
        linked = sum(len("".join(r.itertext())) for r in el.iter("ref"))
        yield text, kind, min(1.0, linked / max(len(text), 1))
