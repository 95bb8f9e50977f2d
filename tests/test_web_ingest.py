"""URLs and feeds, fetched politely from a local HTTP server on 127.0.0.1."""
from __future__ import annotations

import http.server
import threading
import time

import pytest

from storyline.config import Settings
from storyline.errors import Rejection
from storyline.ingest.web import Fetcher, iter_url_pages, parse_feed
from storyline.model import RawPage

from test_ingest_formats import ARTICLE_HTML

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Coastal Ledger</title>
<item><title>Ferry service resumes</title><link>/news/ferry</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>
<item><title>Secret page</title><link>/private/memo</link></item>
<item><title>Gone</title><link>/news/missing</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>One</title><link href="https://x.example/one"/><updated>2024-02-01T10:00:00Z</updated></entry>
</feed>"""
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Handler(http.server.BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        Handler.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent")))
        routes = {"/robots.txt": ("text/plain", ROBOTS), "/feed.xml": ("application/rss+xml", FEED),
                  "/news/ferry": ("text/html; charset=utf-8", ARTICLE_HTML),
                  "/private/memo": ("text/html", ARTICLE_HTML)}
        if self.path not in routes:
            self.send_error(404)
            return
        kind, body = routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.network
def test_a_feed_is_followed_politely(server):
    settings = Settings(fetch_delay=0.2, user_agent="storyline-test/1.0")
    items = list(iter_url_pages(f"{server}/feed.xml", settings))
    pages = [i for i in items if isinstance(i, RawPage)]
    rejections = {i.source.rsplit("/", 1)[-1]: i.code for i in items if isinstance(i, Rejection)}
    assert [p.url for p in pages] == [f"{server}/news/ferry"]
    assert pages[0].date == "2024-03-05" and pages[0].kind == "html" and pages[0].container == "url"
    assert rejections == {"memo": "E010", "missing": "E009"}  # robots.txt, then a 404
    paths = [path for _, path, _ in Handler.requests]
    assert paths[0] == "/robots.txt" and "/private/memo" not in paths
    assert {ua for _, _, ua in Handler.requests} == {"storyline-test/1.0"}
    times = [t for t, path, _ in Handler.requests if path != "/robots.txt"]
    assert all(b - a >= 0.18 for a, b in zip(times, times[1:])), "requests to one host are spaced"


@pytest.mark.network
def test_a_single_url_becomes_a_page(server):
    items = list(iter_url_pages(f"{server}/news/ferry", Settings(fetch_delay=0)))
    assert len(items) == 1 and isinstance(items[0], RawPage)
    assert "Mirren" in items[0].content and items[0].raw == ARTICLE_HTML.encode("utf-8")


def test_unreachable_url_is_a_rejection_not_a_crash():
    fetcher = Fetcher(Settings(fetch_delay=0, fetch_timeout=2))
    items = list(iter_url_pages("http://127.0.0.1:9/nothing-listens-here", Settings(fetch_delay=0), fetcher))
    assert len(items) == 1 and isinstance(items[0], Rejection) and items[0].code == "E009"


def test_atom_feeds_are_parsed():
    assert parse_feed(ATOM.encode(), "https://x.example/") == [("https://x.example/one", "One", "2024-02-01")]
