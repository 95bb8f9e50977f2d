"""URLs and RSS/Atom feeds, fetched politely.

Politeness: every request carries our user agent, robots.txt is asked first (once per host),
and requests to one host are spaced by ``Settings.fetch_delay`` seconds. A feed yields the
pages its items link to (each fetched with the same rules); the item's date and title come
along as the page's record data.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Iterator
from urllib.parse import urljoin, urlsplit

from ..config import Settings
from ..errors import Rejection
from ..model import RawPage

FEED_CONTENT_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                      "application/rdf+xml")
# Items followed per feed at most: a feed is a pointer to recent pages, not a crawl frontier.
MAX_FEED_ITEMS = 200


@dataclass
class Fetcher:
    """One polite HTTP client: robots.txt per host, a delay per host, our user agent."""

    settings: Settings
    robots: dict = field(default_factory=dict)
    last_request: dict = field(default_factory=dict)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self.robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                status, _, body = self._get(urljoin(host, "/robots.txt"))
                parser.parse(body.decode("utf-8", "replace").splitlines() if status == 200 else [])
            except (urllib.error.URLError, OSError, ValueError):
                parser.parse([])  # no robots.txt reachable: everything is allowed
            self.robots[host] = parser
        return self.robots[host].can_fetch(self.settings.user_agent, url)

    def fetch(self, url: str) -> tuple[int, str, bytes]:
        return self._get(url)

    def _get(self, url: str) -> tuple[int, str, bytes]:
        host = urlsplit(url).netloc
        wait = self.last_request.get(host, 0) + self.settings.fetch_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.settings.fetch_timeout) as resp:
                body = resp.read(self.settings.max_input_bytes + 1)
                return resp.status, resp.headers.get("Content-Type", ""), body
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", "") if exc.headers else "", b""
        finally:
            self.last_request[host] = time.monotonic()


def iter_url_pages(url: str, settings: Settings, fetcher: Fetcher | None = None) -> Iterator[RawPage | Rejection]:
    fetcher = fetcher or Fetcher(settings)
    item = fetch_page(url, fetcher)
    if isinstance(item, list):  # a feed: follow its items
        for link, title, date in item:
            page = fetch_page(link, fetcher, follow_feeds=False)
            if isinstance(page, RawPage):
                page.title = page.title or title
                page.date = page.date or date
            yield page
    else:
        yield item


def fetch_page(url: str, fetcher: Fetcher, follow_feeds: bool = True):
    """A RawPage, a Rejection, or (for a feed, when ``follow_feeds``) a list of (link, title, date)."""
    from .sources import page_from_bytes

    if not fetcher.allowed(url):
        return Rejection(url, "E010")
    try:
        status, content_type, body = fetcher.fetch(url)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Rejection(url, "E009", str(getattr(exc, "reason", exc)))
    if status != 200:
        return Rejection(url, "E009", f"HTTP {status}")
    if follow_feeds and is_feed(content_type, body):
        try:
            return parse_feed(body, url)[:MAX_FEED_ITEMS]
        except ValueError as exc:
            return Rejection(url, "E009", f"unreadable feed: {exc}")
    kind = "text" if content_type.lower().startswith("text/plain") else "html"
    return page_from_bytes(url, body, kind, fetcher.settings, url=url, content_type=content_type,
                           container="url")


def is_feed(content_type: str, body: bytes) -> bool:
    if content_type.lower().split(";")[0].strip() in FEED_CONTENT_TYPES:
        return True
    head = body[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in body[:2048].lower() or b"<feed" in body[:2048].lower())


def parse_feed(body: bytes, base_url: str) -> list[tuple[str, str | None, str | None]]:
    """(link, title, date) of each item of an RSS 2.0, RSS 1.0 or Atom feed."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(body, parser)
    if root is None:
        raise ValueError("not XML")
    items = []
    for node in root.iter():
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if tag not in ("item", "entry"):
            continue
        link = title = date = None
        for child in node:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name == "link":
                link = child.get("href") or (child.text or "").strip() or link
            elif name == "title":
                title = (child.text or "").strip() or None
            elif name in ("pubDate", "published", "updated", "date") and not date:
                date = _feed_date(child.text or "")
        if link:
            items.append((urljoin(base_url, link), title, date))
    return items


def _feed_date(value: str) -> str | None:
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
