"""Every input format of the contract goes in, is kept exactly as received, and gives articles."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from storyline.ingest.job import ingest
from storyline.ingest.sources import iter_pages
from storyline.model import RawPage
from storyline.store.db import Store, raw_page_from_row

from conftest import BRIDGE_STORY, HARBOUR_STORY

ARTICLE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ferry service resumes | The Coastal Ledger</title>
<meta property="og:title" content="Ferry service resumes after storm">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Ferry service resumes after storm</h1>
<p>The ferry between the fictional islands of Mirren and Holt resumed on Tuesday after a three-day
storm kept every boat in harbour and left hundreds of travellers stranded on both sides.</p>
<p>Operators said the first crossing left at dawn with a full deck of lorries carrying food and fuel
to shops that had run low during the storm, and that extra sailings were planned for the weekend.</p>
<p>Residents of Holt, who depend on the ferry for almost everything, queued at the quay for hours.
Many said they had never seen the harbour so busy, and the island council thanked the crews.</p>
</article>
<footer>Copyright The Coastal Ledger. All rights reserved.</footer>
</body></html>"""


def stored(db: str) -> tuple[list, list]:
    with Store(db) as store:
        pages = store.conn.execute("SELECT * FROM raw_pages ORDER BY rowid").fetchall()
        articles = store.conn.execute("SELECT * FROM articles ORDER BY rowid").fetchall()
    return pages, articles


def write_warc(path, pages: list[tuple[str, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2024-03-05T09:10:11Z"})
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


def test_text_file_is_kept_as_received_and_gives_its_article(tmp_path, fast_settings):
    page = tmp_path / "harbour.txt"
    page.write_bytes(HARBOUR_STORY.encode("utf-8"))
    report = ingest([str(page)], fast_settings, on_rejection=pytest.fail)
    pages, articles = stored(fast_settings.db)
    assert report.articles_added == 1
    assert bytes(pages[0]["content"]) == HARBOUR_STORY.encode("utf-8")
    assert pages[0]["status"] == "done" and pages[0]["source"] == str(page)
    assert "Mara Velez" in articles[0]["text"]


def test_html_file_gives_the_article_body_without_navigation(tmp_path, fast_settings):
    page = tmp_path / "ferry.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    ingest([str(page)], fast_settings, on_rejection=pytest.fail)
    pages, articles = stored(fast_settings.db)
    assert pages[0]["kind"] == "html"
    text = articles[0]["text"]
    assert "queued at the quay" in text
    assert "All rights reserved" not in text and "Sport" not in text
    assert articles[0]["date"] == "2024-03-05"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records_keep_target_uri_and_date(tmp_path, fast_settings, gz):
    path = tmp_path / ("wire.warc.gz" if gz else "wire.warc")
    write_warc(path, [("https://ledger.example/ferry", ARTICLE_HTML),
                      ("https://ledger.example/ferry-2", ARTICLE_HTML.replace("Tuesday", "Wednesday"))], gz)
    ingest([str(path)], fast_settings, on_rejection=pytest.fail)
    pages, articles = stored(fast_settings.db)
    assert [p["url"] for p in pages] == ["https://ledger.example/ferry", "https://ledger.example/ferry-2"]
    assert all(p["container"] == "warc" for p in pages)
    assert [a["url"] for a in articles] == ["https://ledger.example/ferry", "https://ledger.example/ferry-2"]
    assert "Wednesday" in articles[1]["text"]


def test_jsonl_records_text_and_html_with_their_metadata(tmp_path, fast_settings):
    path = tmp_path / "feed.jsonl"
    records = [{"id": "r1", "text": HARBOUR_STORY, "date": "2024-04-02", "title": "Strike", "url": "https://a.example/1"},
               {"id": "r2", "html": ARTICLE_HTML}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest([str(path)], fast_settings, on_rejection=pytest.fail)
    pages, articles = stored(fast_settings.db)
    assert [p["source"] for p in pages] == ["r1", "r2"]
    assert [p["kind"] for p in pages] == ["text", "html"]
    first = articles[0]
    assert (first["source"], first["date"], first["url"]) == ("r1", "2024-04-02", "https://a.example/1")
    # a stored JSON line reads back as the same page (what a resumed ingest processes)
    again = raw_page_from_row(pages[0])
    assert again.content == HARBOUR_STORY and again.container == "jsonl"


def test_folder_is_read_recursively_and_glob_and_stdin_work(tmp_path, fast_settings, pages_dir):
    sources = [p.source for p in iter_pages([str(pages_dir)], fast_settings)]
    assert sources == [str(pages_dir / "harbour.txt"), str(pages_dir / "sub" / "bridge.txt")]
    globbed = [p.source for p in iter_pages([str(pages_dir / "**" / "*.txt")], fast_settings)]
    assert sorted(globbed) == sorted(sources)
    stdin = io.BytesIO(json.dumps({"id": "piped", "text": BRIDGE_STORY}).encode() + b"\n")
    piped = list(iter_pages(["-"], fast_settings, stdin=stdin))
    assert [p.source for p in piped] == ["piped"] and piped[0].content == BRIDGE_STORY


def test_legacy_encodings_are_detected(tmp_path, fast_settings):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(("Le café du port a rouvert ses portes après la grève des dockers. " * 4).encode("latin-1"))
    cyrillic = tmp_path / "cyr.html"
    body = "<p>" + "Паром снова ходит между островами после шторма. " * 5 + "</p>"
    cyrillic.write_bytes(f'<html><head><meta charset="windows-1251"></head><body>{body}</body></html>'.encode("cp1251"))
    pages = list(iter_pages([str(latin), str(cyrillic)], fast_settings))
    assert all(isinstance(p, RawPage) for p in pages)
    assert "café" in pages[0].content and "après" in pages[0].content
    assert "Паром" in pages[1].content


def test_reingesting_the_same_content_adds_nothing(tmp_path, fast_settings, pages_dir):
    first = ingest([str(pages_dir)], fast_settings)
    copy = tmp_path / "copy-of-harbour.txt"
    copy.write_bytes((pages_dir / "harbour.txt").read_bytes())
    second = ingest([str(pages_dir), str(copy)], fast_settings)
    pages, articles = stored(fast_settings.db)
    assert first.articles_added == 2 and second.articles_added == 0
    assert second.pages_known == 3 and second.pages_new == 0
    assert len(pages) == 2 and len(articles) == 2


def test_a_store_records_its_migrations_once(tmp_path):
    db = str(tmp_path / "m.db")
    with Store(db) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
        assert names[0] == "0001_init.sql"
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db) as store:  # opening again applies nothing twice
        again = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert again == names


def test_full_text_search_finds_stored_articles(fast_settings, pages_dir):
    ingest([str(pages_dir)], fast_settings)
    with Store(fast_settings.db) as store:
        hits = store.search("container traffic")
        assert len(hits) == 1 and "harbour" in hits[0]["source"]
        assert store.search('dockworkers" OR "x') == []  # quotes in the query cannot break FTS syntax
