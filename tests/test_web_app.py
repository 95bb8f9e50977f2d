"""The web app over a hand-made store: every page in HTML and JSON, errors and empty states,
security headers, no write endpoints, no path traversal, and untrusted content kept inert."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from storyline.web.app import create_app  # noqa: E402

from test_web_store import XSS, XSS_IMG, XSS_NAME, web_store  # noqa: E402,F401  (fixture)


@pytest.fixture
def client(web_store):  # noqa: F811
    path, built = web_store
    return TestClient(create_app(path)), built


class MarkupAudit(HTMLParser):
    """Collects everything in a page that could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "script" and not (attrs.get("src") or "").startswith(("/static/", "static/", "../static/")):
            self.problems.append(f"script element {attrs}")
        if tag in ("iframe", "object", "embed", "img", "svg", "b", "i", "base", "meta") and tag != "meta":
            if tag not in ("svg",) or any(k.startswith("on") for k in attrs):
                self.problems.append(f"untrusted-looking element <{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{name}={value!r} on <{tag}>")


def audit(html: str) -> list[str]:
    parser = MarkupAudit()
    parser.feed(html)
    return parser.problems


def _evil_key(built):
    return built["keys"]["evil/page.html"]


def test_every_page_renders_html_and_json(client):
    c, built = client
    key = built["keys"]["gazette/strike.html"]
    pages = {"/": "Port Alden dock strike", "/story/1": "Dockworkers in Port Alden walked off",
             f"/article/{key}": "union leader", f"/entity/{quote('Mara Velez')}": "We will stay out",
             "/relations": "VES", "/relations?a=ALD&b=VES": "offered to mediate",
             f"/article/{key}/raw": "&lt;title&gt;Dockworkers walk out&lt;/title&gt;"}
    for url, expected in pages.items():
        r = c.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert expected in r.text, url
        as_json = c.get(url, headers={"Accept": "application/json"})
        assert as_json.headers["content-type"] == "application/json", url
        assert isinstance(as_json.json(), dict)
    assert c.get("/story/1.json").json()["story"]["title"] == "Port Alden dock strike"
    assert c.get(f"/article/{key}.json").json()["article"]["outlet"] == "Harbour Gazette"
    assert c.get("/index.json").json()["stories"][0]["title"] == "Port Alden dock strike"
    assert "/story/1.json" in c.get("/story/1").text  # the page links its JSON twin


def test_story_page_shows_summary_timeline_claims_voices_and_charts(client):
    c, built = client
    html = c.get("/story/1").text
    for part in ("Harbour chief Ilse Moreau said losses", "2024-04", "losses of the port", "agree",
                 "Who is quoted", "Mara Velez", "Daily Tide", 'data-chart="timeline"', 'data-chart="network"',
                 'data-chart="map"', 'data-chart="voices"', "copy of"):
        assert part in html, part
    assert f'href="/article/{built["keys"]["wire/strike-week2.txt"]}#at-60"' in html  # a cited sentence


def test_article_page_highlights_and_links_entities(client):
    c, built = client
    key = built["keys"]["gazette/strike.html"]
    html = c.get(f"/article/{key}").text
    assert 'class="entity ent-person" href="/entity/Mara%20Velez"' in html
    assert 'class="time"' in html and "quote" in html and "offered to mediate" in html
    assert f'href="/article/{key}/raw"' in html and "Port Alden dock strike" in html  # story crumb


def test_search_box_uses_the_full_text_index(client):
    c, built = client
    html = c.get("/?q=Tessel").text
    assert "New bridge opens over the Tessel river" in html and "<mark>Tessel</mark>" in html
    assert "No article matches" in c.get("/?q=zeppelin").text
    assert c.get("/index.json?q=Tessel").json()["results"][0]["key"] == built["keys"]["valley/bridge.txt"]


def test_raw_page_is_plain_text_exactly_as_received(client):
    c, built = client
    r = c.get(f"/article/{_evil_key(built)}/raw.txt")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.content.startswith(b'<html><body onload="window.__xss=7">')


def test_untrusted_content_renders_as_text_everywhere(client):
    c, built = client
    key = _evil_key(built)
    urls = ["/", "/story/3", f"/article/{key}", f"/article/{key}/raw", f"/entity/{quote(XSS_NAME, safe='')}",
            "/relations", f"/relations?a={quote(XSS_NAME)}&b=VES", f"/?q={quote(XSS)}", f"/story/{quote(XSS)}"]
    for url in urls:
        r = c.get(url)
        assert r.status_code in (200, 404), url
        assert audit(r.text) == [], (url, audit(r.text))
    article = c.get(f"/article/{key}").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in article  # shown, as text
    assert 'href="javascript:' not in article and "javascript:window.__xss=5" in article  # URL as text only
    story = c.get("/story/3").text
    assert "&lt;img src=x onerror=" in story
    # the only script elements are the six of our own static files; page data never closes one
    assert story.count("<script") == story.count("</script>") == story.count('<script src="/static/') == 6


def test_chart_data_in_attributes_round_trips(client):
    c, _ = client
    html = c.get("/story/3").text
    start = html.index('data-chart="timeline" data-spec="') + len('data-chart="timeline" data-spec="')
    raw = html[start:html.index('"', start)]
    import html as html_lib

    spec = json.loads(html_lib.unescape(raw))
    assert spec["data"]["values"][0]["text"] == XSS_IMG  # the browser gets the text back unchanged


def test_security_headers_and_no_write_endpoints(client):
    c, _ = client
    r = c.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert r.headers["x-frame-options"] == "DENY"
    for method in ("post", "put", "delete", "patch"):
        assert getattr(c, method)("/").status_code == 405
        assert getattr(c, method)("/story/1").status_code == 405


def test_no_path_traversal_through_static_or_parameters(client, tmp_path):
    c, _ = client
    for url in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/vendor/../../render.py",
                "/static/%2e%2e/%2e%2e/store/db.py", "/static//etc/passwd"):
        r = c.get(url)
        assert r.status_code == 404, url
        assert "def " not in r.text and "root:" not in r.text
    assert c.get("/static/vendor/vega.min.js").status_code == 200
    assert c.get("/entity/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_404_and_errors_say_what_to_do_next(client):
    c, _ = client
    r = c.get("/no/such/page")
    assert r.status_code == 404 and "Start from the stories list" in r.text
    assert "Content-Security-Policy" in r.headers
    r = c.get("/story/999.json")
    assert r.status_code == 404
    assert set(r.json()["error"]) == {"status", "message", "hint"}
    r = c.get("/story/999", headers={"Accept": "application/json"})
    assert r.json()["error"]["status"] == 404


def test_missing_database_gives_empty_state_and_hints(tmp_path):
    c = TestClient(create_app(str(tmp_path / "none.db")))
    r = c.get("/")
    assert r.status_code == 200 and "storyline ingest PAGES" in r.text
    r = c.get("/story/1")
    assert r.status_code == 503 and "storyline ingest PAGES" in r.text
    assert not (tmp_path / "none.db").exists()  # reading never creates a database


def test_empty_store_says_to_ingest(tmp_path):
    from storyline.store.db import Store

    Store(str(tmp_path / "empty.db")).close()
    c = TestClient(create_app(str(tmp_path / "empty.db")))
    html = c.get("/").text
    assert "No stories yet" in html and "storyline ingest PAGES" in html
    assert "No events between two actors yet" in c.get("/relations").text


def test_reads_while_another_connection_writes(web_store):  # noqa: F811
    """The app opens a read-only connection per request: it sees new commits at once."""
    from storyline.store.db import Store
    from test_web_store import bridge_article

    path, _ = web_store
    c = TestClient(create_app(path))
    before = c.get("/index.json").json()["counts"]["articles"]
    page, article = bridge_article()
    page.raw, page.content = b"another page", "another page"
    page.digest = None
    article.raw_sha256, article.source = page.sha256, "valley/other.txt"
    with Store(path) as writer:
        writer.conn.execute("BEGIN IMMEDIATE")  # a writer holding the lock does not block readers
        assert c.get("/").status_code == 200
        writer.conn.rollback()
        writer.add_raw_pages([page])
        writer.save_results([page.sha256], [article], [])
    assert c.get("/index.json").json()["counts"]["articles"] == before + 1


def test_the_audit_itself_catches_executable_markup():
    hostile = ('<p onclick="x()">a</p><script>alert(1)</script><a href=" javascript:alert(1)">b</a>'
               '<img src=x onerror=alert(1)><svg onload=alert(1)></svg>')
    problems = audit(hostile)
    assert len(problems) >= 5
    assert audit('<script src="/static/charts.js"></script><a href="https://example.org/">ok</a>') == []


def test_pages_over_the_real_story_layer(tmp_path):
    """The stories made by storyline.story.stories (when installed) render and stay inert."""
    stories = pytest.importorskip("storyline.story.stories")
    from storyline.store.db import Store
    from test_web_store import build_store

    path = str(tmp_path / "real.db")
    build_store(path)
    with Store(path) as store:
        keys = [r[0] for r in store.conn.execute("SELECT key FROM articles ORDER BY rowid")]
        stories.update_stories(store.conn, keys)
    c = TestClient(create_app(path))
    listed = c.get("/index.json").json()["stories"]
    assert listed and sum(s["size"] for s in listed) + sum(s["copies"] for s in listed) == len(keys)
    for s in listed:
        r = c.get(f"/story/{s['id']}")
        assert r.status_code == 200 and audit(r.text) == [], s["id"]
    key = keys[0]
    assert c.get(f"/article/{key}.json").json()["stories"], "an article links back to its story"


def test_storyline_serve_command_answers_on_localhost(web_store, tmp_path):  # noqa: F811
    """`storyline serve` in its own process (the story layer here is whatever is installed)."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    path, _ = web_store
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", path, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, body = time.time() + 60, None
        while time.time() < deadline and body is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json", timeout=5).read()
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.2)
        assert body is not None, "the server did not answer"
        assert json.loads(body)["counts"]["articles"] == 5
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        proc.stderr.close()


def test_an_unexpected_failure_gets_the_same_error_shape(web_store, monkeypatch):  # noqa: F811
    from storyline.web import queries

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(queries, "story_page", broken)
    c = TestClient(create_app(web_store[0]), raise_server_exceptions=False)
    r = c.get("/story/1")
    assert r.status_code == 500 and "Something went wrong" in r.text and "boom" not in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert c.get("/story/1.json").json()["error"]["status"] == 500
