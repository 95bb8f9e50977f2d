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
import threading
from functools import lru_cache

from .text import normalize_line

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
    """An lxml tree of the page, or None when there is nothing to parse: trafilatura's
    ``load_html`` steps (decode, mend what libxml2 trips on, parse; bytes when a str with an
    encoding declaration is refused; no tree for a text that is no HTML), with our parser."""
    from lxml.html import fromstring
    from trafilatura.utils import decode_file, is_dubious_html

    text = decode_file(prepare_html(html))
    beginning = text[:50].lower()
    text = repair_markup(text, beginning)
    parser = _html_parser()
    try:
        tree = fromstring(text, parser=parser)
    except Exception:  # (ValueError: a str that declares its encoding) try bytes below
        tree = None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(text.encode("utf8", "surrogatepass"), parser=parser)
        except Exception:
            return None
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # a fragment or plain text, not a page
    return tree


# Control characters XML forbids (libxml2 stops at them), as bytes of UTF-8: none of them is
# ever part of a longer character there.
_XML_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def has_forbidden_xml_chars(text: str) -> bool:
    """Whether ``text`` holds a character XML forbids. Asked before removing them: a regular
    expression scans a 100 KB page in ~0.4 ms, encoding it and deleting bytes in C takes a
    tenth of that, and almost no page holds one."""
    if "\ufffe" in text or "\uffff" in text:
        return True
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw.translate(None, _XML_FORBIDDEN_BYTES)) != len(raw)


def repair_markup(text: str, beginning: str) -> str:
    """What libxml2 trips on, mended as trafilatura's ``repair_faulty_html`` does (with its
    patterns): forbidden characters removed, a doctype with a slash on the first line
    dropped, a self-closed <html/> opened. ``beginning``: the page's first 50 characters,
    lower-cased."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

    if has_forbidden_xml_chars(text):
        text = INVALID_XML_CHARS.sub("", text)
    if "doctype" in beginning:
        first, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


_PARSERS = threading.local()


def _html_parser():
    """This thread's HTML parser (an lxml parser is not to be shared between threads), set
    like trafilatura's own, except that every element is a plain ``HtmlElement``, chosen in
    C: lxml's default lookup calls back into Python for each element it hands out (to pick
    form and input classes nobody here uses), ~8% of trafilatura's time on our pages. The
    tree keeps its parser through trafilatura's copies of it, so trafilatura gains too."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        from lxml import etree
        from lxml.html import (HtmlComment, HtmlElement, HtmlEntity, HTMLParser,
                               HtmlProcessingInstruction)

        parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                            remove_comments=True, remove_pis=True)
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction,
            entity=HtmlEntity))
        _PARSERS.parser = parser
    return parser


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
        if meta.needs_metadata_date(info["shown_dates"]):
            info["date"] = meta.metadata_date(tree, url)
    # the metadata and htmldate have read the scripts' dates and the <meta> tags; the
    # extraction never uses them
    drop_elements(tree, NO_TEXT_TAGS + ("meta",))
    drop_head(tree)
    drop_heading_ids(tree)
    open_accordions(tree)
    return drop_script_elements(tree), info


# An id of at least this many words that spells the start of a heading's text
# ("menu-innovation-strategies-..." over "Menu Innovation Strategies: Building ..."): an
# anchor for links to that section, named after it. Shorter ones name a kind of box
# ("about-the-author", "in_this_section"), whose id trafilatura is right to read. On the dev
# pages 13 of 120 wcxb pages have such ids, none of the other sets; HTML F1 on wcxb 0.9484 ->
# 0.9497 (one page: a 14-paragraph section lost to the "menu" in its id), the other sets
# unchanged (with 3 words: "about-the-author" boxes on l3s lose their id too, for no gain).
SLUG_ID_MIN_WORDS = 4
# Such an id is looked for on the heading and this many elements above it (the section it
# opens; looking up every id of a page instead cost 0.2-0.3 ms a page, this 0.02-0.07 ms).
SLUG_ID_MAX_UP = 3
_SLUG_SPLIT = re.compile(r"[^0-9a-z]+")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _slug(text: str) -> str:
    """``text`` as a URL fragment: its lower-case letters and digits, words joined by "-"."""
    return "-".join(w for w in _SLUG_SPLIT.split(text.lower()) if w)


def drop_heading_ids(tree) -> None:
    """Remove, in place, the ids that spell the heading of their section (see
    SLUG_ID_MIN_WORDS): trafilatura discards any element whose id holds "menu", "nav",
    "share", "social", "related" and the like, and a section named after its heading
    ("Menu innovation strategies", "Why social commerce matters") is body, not a menu."""
    for head in tree.iter(*_HEADING_TAGS):
        heading = None
        el = head
        for _ in range(SLUG_ID_MAX_UP + 1):
            if el is None:
                break
            name = el.get("id")
            # (a cheap count of the id's word separators before any slug is made)
            if name and name.count("-") + name.count("_") >= SLUG_ID_MIN_WORDS - 1:
                heading = heading if heading is not None else _slug("".join(head.itertext()))
                name = _slug(name)
                if name.count("-") + 1 >= SLUG_ID_MIN_WORDS and heading.startswith(name):
                    del el.attrib["id"]
            el = el.getparent()


# Class names (tokens holding these) and styles that hide a closed accordion's panel.
_HIDING_CLASS = re.compile(r"hid|collaps", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none\s*;?", re.I)


def open_accordions(tree) -> None:
    """Open, in place, the accordions of a page (the usual form of a FAQ): a <button> that
    holds a heading or sits in one (the WAI-ARIA accordion pattern) and names the panel it
    opens in ``aria-controls``. trafilatura drops every <button>, with the question in it,
    and every element hidden by a "hidden" class, an attribute or a style, which a closed
    panel is, with the answer in it. The button becomes a <div> and its panel is shown.
    (A menu's or a search box's button holds no heading.) On the dev pages: 4 wcxb pages
    have such accordions, none of the other sets; wcxb HTML F1 0.9500 -> 0.9508 (a page whose
    FAQ was lost: 0.84 -> 0.93), the other sets unchanged."""
    panels: set[str] = set()
    for button in tree.iter("button"):
        controls = button.get("aria-controls")
        if not controls:
            continue
        parent = button.getparent()
        around = (parent, parent.getparent() if parent is not None else None)
        if (any(el is not None and el.tag in _HEADING_TAGS for el in around)
                or next(button.iter(*_HEADING_TAGS), None) is not None):
            panels.update(controls.split())
            button.tag = "div"
    if not panels:
        return
    for el in tree.xpath("//*[@id]"):
        if el.get("id") not in panels:
            continue
        el.attrib.pop("hidden", None)
        el.attrib.pop("aria-hidden", None)
        style = el.get("style")
        if style and "none" in style:
            el.set("style", _DISPLAY_NONE.sub("", style))
        classes = el.get("class")
        if classes:
            el.set("class", " ".join(c for c in classes.split() if not _HIDING_CLASS.search(c)))


def drop_script_elements(tree):
    """``tree`` without its <script> and <style> elements (their tails stay), but with its
    JSON-LD scripts, in place. trafilatura discards them itself, but only after copying
    and pruning the whole tree several times: on the dev pages this leaves its lines
    identical on all 607 dev pages and cuts ~0.35 ms (3%) of its time per page."""
    for el in list(tree.iter("script", "style")):
        if el.getparent() is None or _is_json_ld(el):
            continue  # the JSON-LD article body is trafilatura's last-resort fallback
        _remove_keep_tail(el)
    return tree


# Elements that hold no text of an article: drawings, form fields, embedded players and
# frames (whose own text is a "your browser cannot show this" notice), and the page's
# footers, asides, dialogs and menus. trafilatura's own extractor discards all of them, and
# with them gone once the metadata is read, its many passes over the tree (and its copies
# of it) have ~20% fewer elements to visit (~1 ms a page). The extracted lines are the same
# on all 608 dev pages; <form>, <button>, <img>, <noscript>, <nav>, <header>, and <link>
# and <title> out of the <head> (see drop_head), are not in the list, because removing them
# changed the lines of some (readability and jusText, trafilatura's fallbacks, read the page
# before its cleaning).
NO_TEXT_TAGS = ("svg", "math", "select", "input", "label", "iframe", "template", "object",
                "embed", "canvas", "video", "audio", "picture", "source", "footer", "aside",
                "dialog", "fieldset", "menu", "map")


def drop_elements(tree, tags) -> None:
    """Remove the elements named ``tags`` (with what they hold, but not their tails) from
    ``tree``, in place."""
    for el in list(tree.iter(*tags)):
        if el.getparent() is not None:  # (not the root)
            _remove_keep_tail(el)


# What a page's <head> holds for the browser alone (broken pages can have body elements
# there too, which stay).
HEAD_ONLY_TAGS = frozenset({"title", "link", "base", "style", "noscript", "script", "meta"})


def drop_head(tree) -> None:
    """Remove what the page's <head> holds for the browser alone (see HEAD_ONLY_TAGS), but
    its JSON-LD scripts, in place: once the metadata is read, its title, links and styles
    are no text of the article, and nothing the extraction reads (the same lines on all
    608 dev pages)."""
    head = tree.find("head")
    if head is None:
        return
    for el in list(head):
        if el.tag in HEAD_ONLY_TAGS and not _is_json_ld(el):
            _remove_keep_tail(el)


def _is_json_ld(el) -> bool:
    """A JSON-LD script: the article body it may hold is trafilatura's last-resort fallback."""
    return el.tag == "script" and "ld+json" in (el.get("type") or "")


def _remove_keep_tail(el) -> None:
    """Remove ``el`` and what it holds, its tail text joined to what came before it."""
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# Elements whose text a browser does not show.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
# Elements that start a new line of visible text (blocks, cells, breaks).
BREAK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
                        "h5", "h6", "tr", "td", "th", "table", "section", "article", "aside", "nav",
                        "header", "footer", "main", "blockquote", "pre", "figure", "figcaption",
                        "form", "fieldset", "address", "hr", "details", "summary", "option"})


def page_visible_lines(content: str, tree=None) -> list[str]:
    """The visible text of a page, one block a line (what a copy of the whole page gives):
    the input of the plain-text classifier when trafilatura finds no article on a page.
    From ``tree`` when it shows any text, else from the markup parsed again by lxml alone
    (broken markup, such as an unclosed <title> or a cut doctype, can leave trafilatura's
    parse empty while a browser still shows the article)."""
    lines = visible_lines(tree) if tree is not None else []
    if lines:
        return lines
    import lxml.html
    from lxml.etree import ParserError

    try:  # bytes: lxml refuses a str that declares its own encoding
        doc = lxml.html.document_fromstring(prepare_html(content).encode("utf-8"))
    except (ParserError, ValueError):
        return []
    return visible_lines(doc)


def visible_lines(tree) -> list[str]:
    """The visible text under a parsed page's <body> (or its root), one block a line (each
    table cell a line of its own)."""
    return [line for line, _, _, _ in visible_blocks(tree, rows_on_one_line=False)]


def main_lines(tree, url: str | None = None, fast: bool = True) -> list[tuple[str, str, float]]:
    """trafilatura's main text of a parsed page as (line, element kind, link share) lines.
    ``fast``: its own extractor only; else with its cascade of fallbacks (readability,
    jusText). trafilatura works on a copy: ``tree`` stays as it was."""
    import trafilatura

    # output_format="xml": the body tree is all we read; the default ("python") also renders
    # it as text (~0.4 ms a page), for nothing. The lines are the same on all dev pages.
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_links=INCLUDE_LINKS,
                                      include_comments=False, include_tables=True, fast=fast,
                                      output_format="xml",
                                      options=_extraction_options(fast) if url is None else None)
    if not doc or doc.body is None:
        return []
    return list(_xml_lines(doc.body))


@lru_cache(maxsize=2)
def _extraction_options(fast: bool):
    """trafilatura's options for ``main_lines`` without an address, made once: the same
    as its keyword arguments give (it reads nine settings from its configuration for them
    on every call otherwise). trafilatura copies them before changing any."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="xml", fast=fast, comments=False, links=INCLUDE_LINKS,
                     tables=True, with_metadata=False)


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
            linked = sum(len("".join(r.itertext())) for r in el.iter("ref"))
            if text:
                yield text, kind, min(1.0, linked / max(len(text), 1))
            continue
        for text, linked in _broken_lines(el):
            yield text, kind, min(1.0, linked / max(len(text), 1))
        if el.tail and el.tail.strip():  # loose text after a paragraph is text too
            yield " ".join(el.tail.split()), "tail", 0.0


def _glued(before: str, after: str) -> bool:
    """Whether two pieces of text would run two words together."""
    return before[-1:].isalnum() and after[:1].isalnum()


def _broken_lines(el) -> list[tuple[str, int]]:
    """The text of one element as lines, broken where it has a line break (<lb/>: a list
    of dates, an address, verse; run together they would glue the words at each break),
    each with its number of characters inside links."""
    if len(el) == 0:  # most paragraphs: text alone, no link, no break
        text = " ".join((el.text or "").split())
        return [(text, 0)] if text else []
    out: list[tuple[str, int]] = []
    line = _LineBuffer()
    _walk_broken(el, False, line, out)
    line.flush(out)
    return out


class _LineBuffer:
    """The pieces of text of the line being read, and how many characters are in links."""

    __slots__ = ("pieces", "linked")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.linked = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.pieces.append(text)
            if in_link:
                self.linked += len(text)

    def flush(self, out: list[tuple[str, int]]) -> None:
        text = " ".join("".join(self.pieces).split())
        if text:
            out.append((text, self.linked))
        self.pieces.clear()
        self.linked = 0


def _walk_broken(node, in_link: bool, line: _LineBuffer, out: list[tuple[str, int]]) -> None:
    in_link = in_link or node.tag == "ref"
    line.add(node.text, in_link)
    for child in node:
        if child.tag == "lb":
            line.flush(out)
        else:
            _walk_broken(child, in_link, line, out)
        if child.tag == "ref" and child.tail and line.pieces and _glued(line.pieces[-1], child.tail):
            line.add(" ", in_link)  # trafilatura strips the space after a link
        line.add(child.tail, in_link)


# ------------------------------------------------------------------ lines trafilatura left out
# Visible lines trafilatura leaves out between two of its own lines are added to its lines
# (``fill_gaps``) when they are list items, headings or quotes, mostly unlinked, in the same
# element as the lines around them: the bullet list, the subheading or the pull quote of the
# body that its extractor skipped (the classifier then judges them with the rest). 2-fold
# (even / odd dev pages) HTML F1, trafilatura's lines alone -> with the added lines: wcxb
# 0.9561 / 0.9298 -> 0.9626 / 0.9343, l3s 0.9350 / 0.9391 -> 0.9351 / 0.9397, big9 0.9683 /
# 0.9648 -> 0.9690 / 0.9647, aeb 0.9572 / 0.9772 unchanged. Adding paragraphs as well
# (captions, ads, "Read more" lines) lost 0.0004 on aeb and 0.0003 on big9 for nothing on
# wcxb; headings gain 0.0018 on wcxb (items and quotes alone: 0.9466). Cost: ~0.3 ms a page
# on bench_extract's pages (a third of them hold a list, a heading or a quote beside the
# body's paragraphs, and only their body is walked).
GAP_KINDS = frozenset({"item", "head", "quote"})
# ... at most this share of a line's characters inside links ("Related articles" boxes):
# 0.25 gives the same F1 to 0.0001; 1.0 (any line) loses 0.0006 on big9's second half.
GAP_MAX_LINK_SHARE = 0.5
# ... only between two of trafilatura's lines at most this many visible lines apart (a list
# or a heading inside the body; 40 lines: the same F1 to 0.0001 on every set).
GAP_MAX_LINES = 10
# ... and only once the body has begun: after the first of trafilatura's lines of at least
# this many words (a standfirst, a dateline or a "Key points" box above the body stays out:
# wcxb 0.9464 with no such limit, 0.9484 from 20 or 30 words, 0.9481 from 50; the other sets
# within 0.0004 of these figures for all four).
GAP_BODY_START_WORDS = 30
# A paragraph is found on the page by this many of its first characters.
REGION_PREFIX_CHARS = 60

# Block elements and the kind of line they give (what trafilatura's XML would call them).
_BLOCK_KINDS = {"li": "item", "dt": "item", "dd": "item", "h1": "head", "h2": "head", "h3": "head",
                "h4": "head", "h5": "head", "h6": "head", "blockquote": "quote"}
_LIST_TAGS = frozenset({"li", "dt", "dd"})
# Table cells run on in one line, as trafilatura gives a table row.
_CELL_TAGS = frozenset({"td", "th"})


def visible_blocks(tree, rows_on_one_line: bool = True) -> list[tuple[str, str, float, object]]:
    """The visible text under ``tree``'s <body> (or under ``tree``, a part of a page) as
    (line, kind, link share, element): one block a line (a table row on one line, as
    trafilatura gives it, unless not ``rows_on_one_line``), with the kind of the innermost
    block element the line starts in (``_BLOCK_KINDS``, else "p"), the share of its
    characters inside links, and that element."""
    cells = _CELL_TAGS if rows_on_one_line else frozenset()
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[tuple[str, str, float, object]] = []
    buf: list[str] = []  # the pieces of text of the line being read
    linked: list[str] = []  # ... those of them inside links
    blocks = [root]  # the open block elements
    start = [root]  # the block element the current line starts in
    links = 0

    def brk() -> None:
        text = " ".join("".join(buf).split())
        if text:
            share = sum(len(" ".join(t.split())) for t in linked) / len(text) if linked else 0.0
            el = start[0]
            lines.append((text, _BLOCK_KINDS.get(el.tag, "p"), min(1.0, share), el))
        buf.clear()
        linked.clear()
        start[0] = blocks[-1]

    stack = [(root, False)]  # (element, its end reached): an explicit stack for deep pages
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        # an element's end, or a hidden one (comments and processing instructions too): its tail
        if closing or tag in HIDDEN_TAGS or not tag:
            if closing:
                if tag == "a":
                    links -= 1
                if tag in cells:
                    buf.append(" ")
                elif tag in BREAK_TAGS:
                    brk()
                    blocks.pop()
                    start[0] = blocks[-1]
            if el.tail and el is not root:
                buf.append(el.tail)
                if links:
                    linked.append(el.tail)
            continue
        if tag in cells:
            buf.append(" ")
        elif tag in BREAK_TAGS:
            brk()
            blocks.append(el)
            start[0] = el
        if tag == "a":
            links += 1
        if el.text:
            buf.append(el.text)
            if links:
                linked.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    brk()
    return lines


def _body_region(tree, found: list[tuple[str, str, float]]):
    """The smallest element of the page that holds the <p> elements of trafilatura's first
    and last lines of at least ``GAP_BODY_START_WORDS`` words (the body, where gaps are
    filled: walking it alone costs a fifth to a half of walking the page), or None when
    there are no such lines or no <p> element starts with them."""
    long = [t for t, _, _ in found if t.count(" ") + 1 >= GAP_BODY_START_WORDS]  # (one space a word gap)
    if len(long) < 2:
        return None
    first, last = long[0][:REGION_PREFIX_CHARS], long[-1][:REGION_PREFIX_CHARS]
    start = end = None
    initials = {first[0], last[0]}
    for p in tree.iter("p"):
        lead = p.text  # its text up to its first tag: a cheap test before joining all of it
        if lead:
            lead = lead.lstrip()
            if lead and (lead[0] not in initials or not (
                    first.startswith(lead := " ".join(lead.split())[:REGION_PREFIX_CHARS])
                    or last.startswith(lead))):
                continue
        text = " ".join("".join(p.itertext()).split())
        if start is None and text.startswith(first):
            start = p
        if start is not None and text.startswith(last):
            end = p
            break
    if start is None or end is None:
        return None
    above = set(start.iterancestors())
    above.add(start)
    while end is not None and end not in above:
        end = end.getparent()
    return end


def _container(el):
    """The element that holds block ``el``: its parent, or for a list item its list's."""
    if el.tag in _LIST_TAGS:
        up = el.getparent()
        while up is not None and up.tag not in ("ul", "ol", "dl"):
            up = up.getparent()
        if up is not None:
            el = up
    return el.getparent()


def _grams(text: str) -> list[tuple[str, ...]]:
    """The word 4-grams of a line (a line of fewer words: its words as one tuple)."""
    toks = normalize_line(text).split()
    if len(toks) < 4:
        return [tuple(toks)] if toks else []
    return [tuple(toks[i:i + 4]) for i in range(len(toks) - 3)]


def _inside_lines(blocks, within: str) -> bool:
    """Whether the text of every element of ``blocks`` lies inside one of trafilatura's lines
    (``within``: each in ``normalize_line`` form between spaces, a line apart), word for
    word. Then no visible line that starts in one of them is new to trafilatura (each is a
    run of its element's words), and the page needs no walk: on the dev pages, 87 of the 187
    walks (lines were added on 19 pages; the added lines the same on all 607 pages with and
    without this test)."""
    for el in blocks:
        words = normalize_line("".join(el.itertext()))
        if words and f" {words} " not in within:
            return False
    return True


def fill_gaps(found: list[tuple[str, str, float]], tree) -> list[tuple[str, str, float]]:
    """trafilatura's lines (``found``) with the visible lines of the page it left out between
    two of them added in place, when they are of a ``GAP_KINDS`` kind, mostly unlinked and
    held by the same element as one of the two (see the constants above); ``found`` itself
    when there is none. Each of trafilatura's lines is placed at the first visible line after
    the last placed one with the same text (the rest, edited by trafilatura, are not placed);
    a visible line most of whose word 4-grams trafilatura has (a line it split or joined)
    is not added."""
    region = _body_region(tree, found)
    if region is None:
        return found
    blocks = list(region.iter(*_BLOCK_KINDS))
    if not any(_container(el) is not None and _container(el).find("p") is not None for el in blocks):
        return found  # (no list, heading or quote beside a paragraph: no walk needed)
    norms = [normalize_line(t) for t, _, _ in found]
    # trafilatura's words line by line: a run of words lies inside one of its lines when it is
    # found here between spaces (a line break is no space)
    within = "\n".join(f" {n} " for n in norms)
    if _inside_lines(blocks, within):
        return found  # (every one inside a line trafilatura has: none can be new)
    vis = visible_blocks(region)
    where: dict[str, list[int]] = {}
    for j, v in enumerate(vis):
        where.setdefault(v[0], []).append(j)
    out: list[tuple[str, str, float]] = []
    added = []  # (index in out to insert at, visible lines)
    prev, body = -1, False
    for line in found:
        j = next((j for j in where.get(line[0], ()) if j > prev), -1)
        if j >= 0:
            if body and prev >= 0 and 1 < j - prev <= GAP_MAX_LINES + 1:
                homes = (_container(vis[prev][3]), _container(vis[j][3]))
                gap = [v for v in vis[prev + 1:j] if v[1] in GAP_KINDS and v[2] <= GAP_MAX_LINK_SHARE
                       and _container(v[3]) in homes]
                if gap:
                    added.append((len(out), gap))
            prev = j
        body = body or line[0].count(" ") + 1 >= GAP_BODY_START_WORDS
        out.append(line)
    if not added:
        return found
    joined = " " + " ".join(norms) + " "

    def new(text: str) -> bool:
        gs = _grams(text)
        if not gs:
            return False
        if len(gs[0]) < 4:  # a line of a few words: new unless trafilatura has these words
            return " " + " ".join(gs[0]) + " " not in joined
        # (a 4-gram of one of trafilatura's lines: in ``within``, not spanning two lines)
        return 2 * sum(f" {' '.join(g)} " in within for g in gs) < len(gs)

    for at, gap in reversed(added):
        out[at:at] = [v[:3] for v in gap if new(v[0])]
    return out
