"""Article metadata: title, outlet, author and publication date.

Dates come, in this order of trust, from the record, from the page (the date printed next to
the headline, else the page's metadata through trafilatura/htmldate), and last from the text
(a ``date YYYY-MM-DD`` header, a dated caption, the latest full date the article mentions
outside future contexts and no older than the latest year it names, a day written with its
weekday). Every date is a plain ``YYYY-MM-DD``.
"""
from __future__ import annotations

import re
from collections import deque
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).with_name("data")

MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = (
    (re.compile(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), ("m", "d", "y")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON}),?\s+(\d{{4}})\b", re.I), ("d", "m", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("m", "d", "y")),
)
_YEAR_DIGITS = re.compile(r"\d{4}")
# The date printed with the headline sits within this many text chunks after the <h1>
# (byline, date line, share buttons come between); further down dates belong to the story.
HEADER_CHUNKS_AFTER = 40
HEADER_CHUNKS_BEFORE = 6
# A chunk longer than this (in words) is prose, not a date line or a byline.
DATE_LINE_MAX_WORDS = 16
# Years outside this range are not publication dates of web news.
MIN_YEAR, MAX_YEAR = 1990, date.today().year + 1
# htmldate's extensive search (every date-like string of the page) costs up to seconds on
# old pages with long archives and, on the wcxb dev pages, changed the result of few pages
# once the headline date is read: off.
EXTENSIVE_DATE_SEARCH = False
# Month-day mentions without a year: a capitalised month name ("may" is a verb) not
# followed by a year (those are full dates, read above).
_MONTH_DAY_PATTERNS = (
    (re.compile(r"\b([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)"), ("m", "d")),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Z][a-z]{2,8})\b\.?(?!,?\s*\d)"), ("d", "m")),
)
# Stricter than _MON, which a year after it backs up: "15th Separate" is no date.
_MONTH_NAME = re.compile(r"(?:january|february|march|april|may|june|july|august|september|october|"
                         r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?", re.I)
_YEAR = re.compile(r"\b(\d{4})\b")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A weekday right before the day: "Monday, Nov. 3", "on Tuesday (April 22)", "Thu 3 Nov".
_WEEKDAY_BEFORE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                             r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.),?\s*\(?\s*$", re.I)
# The years after the text's latest named year in which a weekday-dated day may fall: an
# article names years up to its own, often the previous one ("last year's talks").
WEEKDAY_YEARS_AFTER = 2
# Days without a year nor a weekday, placed in the latest year the text names: off. On the
# plain-text news with a known date (tempeval3 and polnear dev, each half) they dated 46 more
# texts and only one of them right (an article names older years far more often than its
# own), while the weekday-dated ones turned one wrong date right and no right one wrong.
# Likewise a wire dateline's day ("PARIS, Nov. 3 (AFP) -") is mostly right there, but the
# year the text names mostly is not its year (1 more right, 3 more wrong): not used.
PLAIN_MONTH_DAY = False
# Words before a date in the same sentence that put it in the future or make it a deadline:
# such a date is not when the article was written.
_FUTURE_CUE = re.compile(r"\b(will|would|shall|scheduled|due|until|by|next|planned|expected|"
                         r"before|deadline)\b(?:\s+[^\s.!?]+){0,2}\s*$", re.I)


def parse_date(text: str) -> str | None:
    """The first full date (day, month, year) written in ``text``, as YYYY-MM-DD."""
    found = find_dates(text)
    return found[0][2] if found else None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full date in ``text`` as (start, end, YYYY-MM-DD), in text order."""
    out = []
    if not _YEAR_DIGITS.search(text):  # every pattern needs a four-digit year: one scan, not five
        return out
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _to_iso(dict(zip(order, m.groups())))
            if iso:
                out.append((m.start(), m.end(), iso))
    out.sort()
    return out


def _to_iso(parts: dict) -> str | None:
    try:
        y = int(parts["y"])
        m = parts["m"]
        month = int(m) if m.isdigit() else MONTHS.get(m[:3].lower())
        d = date(y, month, int(parts["d"]))
    except (TypeError, ValueError):
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    return d.isoformat()


# ------------------------------------------------------------------ HTML pages
def header_dates(tree) -> list[str]:
    """The dates printed near the page's headline (what a reader sees as the article date),
    in page order; a numeric date that reads both ways (03/10/2023) gives both readings."""
    if tree is None:
        return []
    h1 = tree.find(".//h1")
    if h1 is None:
        return []
    # the text chunks in page order: only the last few before the headline are kept (the
    # headline is often deep in the page), all up to the limit from it on
    chunks: deque[str] | list[str] = deque(maxlen=HEADER_CHUNKS_BEFORE)
    at = -1
    for el in tree.iter():
        if el is h1:
            chunks, at = list(chunks), len(chunks)
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript", "template"):
            continue
        if el.tag == "time" and el.get("datetime"):  # the machine-readable form comes first
            chunks.append(el.get("datetime"))
        for t in (el.text, el.tail):
            if t and t.strip():
                chunks.append(t.strip())
        if at >= 0 and len(chunks) > at + HEADER_CHUNKS_AFTER:
            break
    if at < 0:
        return []
    out: list[str] = []
    for chunk in chunks[:at + HEADER_CHUNKS_AFTER]:
        if len(chunk.split()) <= DATE_LINE_MAX_WORDS:
            for _, _, iso in find_dates(chunk):
                out.append(iso)
                swapped = _swap_day_month(iso)
                if swapped and re.search(r"\d{1,2}/\d{1,2}/\d{4}", chunk):
                    out.append(swapped)
    return out


def _swap_day_month(iso: str) -> str | None:
    y, m, d = (int(x) for x in iso.split("-"))
    try:
        return date(y, d, m).isoformat() if d <= 12 and d != m else None
    except ValueError:
        return None


def choose_date(shown: list[str], meta_date: str | None,
                published: str | None = None) -> str | None:
    """The page's publication date: the one a <meta> tag states as such (``published``);
    else from the dates printed by its headline (``shown``) and htmldate's date: the metadata's when the page prints it too (give or take a day), or
    prints none; else
    the printed one (pages that show a "last updated" date call that their date)."""
    if published:  # stated in a <meta> tag as the publication date: trusted first
        return published
    meta_date = meta_date[:10] if meta_date else None
    if meta_date and (not shown or any(_days_apart(meta_date, s) <= 1 for s in shown)):
        return meta_date  # a day apart: the same date in another time zone
    return shown[0] if shown else None


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return 99


def _meta_content(tree, names: tuple[str, ...]) -> str | None:
    """The first non-empty ``content`` of a <meta> whose name or property is in ``names``."""
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in names:
            value = " ".join((el.get("content") or "").split())
            if value:
                return value
    return None


_LD_AUTHOR = re.compile(r'"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"([^"]{3,80})"')
_TITLE_SEP = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+::\s+")


def html_metadata(tree, url: str | None) -> dict:
    """Title, author, site name and language from a page's markup: its meta tags, JSON-LD
    and headline (cheap lookups; trafilatura's full metadata pass costs as much as the
    extraction itself)."""
    if tree is None:
        return {}
    title = _meta_content(tree, ("og:title", "twitter:title"))
    h1 = tree.find(".//h1")
    if not title and h1 is not None:
        title = " ".join("".join(h1.itertext()).split()) or None
    if not title:
        el = tree.find(".//title")
        raw = " ".join("".join(el.itertext()).split()) if el is not None else ""
        title = max(_TITLE_SEP.split(raw), key=len) if raw else None
    author = _meta_content(tree, ("author", "article:author", "parsely-author", "dc.creator",
                                  "sailthru.author", "byl"))
    if author and ("/" in author or "." in author.split()[-1][-4:]):
        author = None  # a profile URL, not a name
    if not author:
        for script in tree.iter("script"):
            if "ld+json" in (script.get("type") or "") and script.text:
                m = _LD_AUTHOR.search(script.text)
                if m:
                    author = m.group(1)
                    break
    if author:
        author = re.sub(r"^by\s+", "", author, flags=re.I).strip() or None
    site = _meta_content(tree, ("og:site_name", "application-name")) or outlet_from_url(url)
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or root.get("xml:lang") or "").split("-")[0].lower() or None
    return {"title": title, "author": author, "sitename": site, "language": lang}


# <meta> names and properties that state the original publication date (not a modification).
PUBLISHED_META = ("article:published_time", "og:published_time", "og:publish_date",
                  "parsely-pub-date", "pubdate", "publishdate", "publish-date", "date.published",
                  "sailthru.date", "dc.date.issued", "citation_publication_date")


def published_meta_date(tree) -> str | None:
    """The publication date a <meta> tag states explicitly (article:published_time, ...)."""
    if tree is None:
        return None
    value = _meta_content(tree, PUBLISHED_META)
    return parse_date(value) if value else None


def needs_metadata_date(shown: list[str]) -> bool:
    """Whether htmldate's date can change ``choose_date``'s answer: not when the headline
    shows exactly one date (htmldate then only moves it by a time zone's day, which
    happened on none of the 49 such wcxb dev pages), and its ~1 ms is saved."""
    return len(set(shown)) != 1


def metadata_date(tree, url: str | None) -> str | None:
    """htmldate's publication date of the page (original, not last-modified)."""
    from htmldate import find_date

    try:
        return find_date(tree, url=url, original_date=True, extensive_search=EXTENSIVE_DATE_SEARCH)
    except (ValueError, TypeError):
        return None


def outlet_from_url(url: str | None) -> str | None:
    """The site's name from its address: ``https://www.example-news.com/x`` -> example-news.com."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = re.sub(r"^(www\d?|m|mobile|amp|edition)\.", "", host)
    return host or None


# ------------------------------------------------------------------ plain text
@lru_cache(maxsize=1)
def wire_agencies() -> tuple[str, ...]:
    """Names of news agencies whose credit marks a wire story (data file, one a line)."""
    path = DATA / "clean_wire_agencies.txt"
    return tuple(l.strip() for l in path.read_text(encoding="utf-8").splitlines()
                 if l.strip() and not l.startswith("#"))


def wire_outlet(text: str) -> str | None:
    """The agency credited in the text: "(AP) --", "told AFP", "AFP reported", ..."""
    names = "|".join(re.escape(n) for n in wire_agencies())
    pattern = re.compile(rf"\(({names})\)|\b(?:told|to|said|reported|according to)\s+({names})\b|"
                         rf"\b({names})\s+(?:reported|said|reports)\b")
    m = pattern.search(text)
    if not m:
        return None
    return next(g for g in m.groups() if g)


def byline_author(lines: list[str]) -> str | None:
    """The author of a "By First Last" byline among the first lines."""
    for line in lines[:15]:
        m = re.match(r"^\s*By\s*:?\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3})(?:\s*(?:,|\||and|$))", line)
        if m and len(line.split()) <= 12:
            return m.group(1)
    return None


def text_date(text: str) -> str | None:
    """The date a text was written, inferred from the text alone: the latest date it
    mentions outside future or deadline contexts. Full dates count ("on 17 April 2024",
    a dated caption) unless the text names a later year (then they are history); so do
    days written with their weekday but no year ("on Monday (Nov. 3)", "Tuesday, April
    22"), in the year, from the latest one the text names on, where that day is that
    weekday."""
    anchor = anchor_year(text)
    found = [iso for start, _, iso in find_dates(text) if not _in_future(text, start)]
    found = [iso for iso in found if anchor is None or int(iso[:4]) >= anchor]
    if anchor is not None:
        found += [iso for start, iso in month_day_dates(text, anchor) if not _in_future(text, start)]
    return max(found) if found else None


def _in_future(text: str, start: int) -> bool:
    return bool(_FUTURE_CUE.search(text[max(0, start - 40):start]))


def anchor_year(text: str) -> int | None:
    """The latest year the text names outside future contexts ("in 2023", "the 2019
    ceasefire", a full date's year): the text was written in it or later."""
    years = [int(m.group(1)) for m in _YEAR.finditer(text)
             if MIN_YEAR <= int(m.group(1)) <= MAX_YEAR and not _in_future(text, m.start())]
    return max(years) if years else None


def month_day_dates(text: str, year: int) -> list[tuple[int, str]]:
    """(position, YYYY-MM-DD) of each day written without its year ("April 22", "3 Nov."),
    placed in ``year``, or with a weekday beside it ("Monday, Nov. 3", "on Monday (Nov 3)")
    in the year from ``year`` to ``year + WEEKDAY_YEARS_AFTER`` where that day is that
    weekday (dropped when none or several are)."""
    out = []
    for pattern, order in _MONTH_DAY_PATTERNS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups()))
            if not _MONTH_NAME.fullmatch(parts["m"]):
                continue
            weekday = _WEEKDAY_BEFORE.search(text[max(0, m.start() - 16):m.start()])
            if weekday:
                wanted = WEEKDAYS.index(weekday.group(1).lower()[:3])
                years = [y for y in range(year, year + WEEKDAY_YEARS_AFTER + 1)
                         if _weekday(y, parts) == wanted]
                if len(years) != 1:
                    continue
                parts["y"] = years[0]
            elif PLAIN_MONTH_DAY:
                parts["y"] = year
            else:
                continue
            iso = _to_iso(parts)
            if iso:
                out.append((m.start(), iso))
    return out


def _weekday(year: int, parts: dict) -> int | None:
    iso = _to_iso({**parts, "y": year})
    return date.fromisoformat(iso).weekday() if iso else None
