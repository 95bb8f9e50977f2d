"""A small hand-made store for the web and report tests, and tests of the page queries.

Everything here is fictional (Aldonia, Vesterland, Port Alden, made-up outlets and people),
written for these tests. ``build_store`` fills a store through ``Store.save_results`` with
hand-made Article records (no spaCy); ``fake_stories_module`` stands in for
``storyline.story.stories`` so the pages can be tested whatever state that layer is in.
"""
from __future__ import annotations

import sys
import types

import pytest

from storyline.model import Article, Entity, Event, Quote, RawPage, TimeMention
from storyline.store.db import Store

XSS = '<script>window.__xss=1</script>'
XSS_IMG = '<img src=x onerror="window.__xss=2">'
XSS_LINK = '<a href="javascript:window.__xss=3">click me</a>'
XSS_AUTHOR = '"><svg onload=window.__xss=4>'
XSS_URL = 'javascript:window.__xss=5'
XSS_NAME = '<b onmouseover="window.__xss=6">Evil Corp</b>'


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _entity(text, part, label, canonical, code=None):
    s, e = _span(text, part)
    return Entity(s, e, part, label, canonical, code=code)


def _article(source, title, text, date, outlet, url=None, author=None, raw=None, **parts) -> tuple[RawPage, Article]:
    page = RawPage(source=source, kind="html" if raw else "text", content=raw or text,
                   raw=(raw or text).encode("utf-8"), url=url, title=title, date=date)
    article = Article(source=source, index=0, text=text, title=title, date=date, url=url, outlet=outlet,
                      author=author, raw_sha256=page.sha256, **parts)
    return page, article


def strike_articles() -> list[tuple[RawPage, Article]]:
    t1 = ("Dockworkers in Port Alden walked off the job on Tuesday, halting container traffic. "
          "\"We will stay out until the contracts are honoured,\" said union leader Mara Velez. "
          "Vesterland offered to mediate between the union and the Aldonian government.")
    a1 = _article("gazette/strike.html", "Dockworkers walk out in Port Alden", t1, "2024-03-05", "Harbour Gazette",
                  url="https://gazette.example/strike", author="Tomas Reyes",
                  raw="<html><head><title>Dockworkers walk out</title></head><body><p>" + t1 + "</p></body></html>",
                  entities=[_entity(t1, "Port Alden", "GPE", "Port Alden"),
                            _entity(t1, "Mara Velez", "PERSON", "Mara Velez"),
                            _entity(t1, "Vesterland", "GPE", "Vesterland", "VES")],
                  times=[TimeMention(*_span(t1, "Tuesday"), "Tuesday", "DATE", "2024-03-05")],
                  quotes=[Quote(*_span(t1, "We will stay out until the contracts are honoured,"),
                                "We will stay out until the contracts are honoured,", "Mara Velez",
                                *_span(t1, "Mara Velez"), True, "said")],
                  events=[Event(*_span(t1, "Vesterland offered to mediate between the union and the Aldonian government."),
                                "Vesterland", "VES", "offered to mediate", "CONSULT", "Aldonia", "ALD",
                                "2024-03-05", "Port Alden", 3.0, lat=10.5, lon=20.25)])
    t2 = ("The strike at Port Alden entered its second week on Monday. Harbour chief Ilse Moreau said "
          "losses had reached 40 million crowns. Aldonia accused Vesterland of stirring the dispute.")
    a2 = _article("wire/strike-week2.txt", "Strike at Port Alden enters second week", t2, "2024-03-12", "Coastal Wire",
                  entities=[_entity(t2, "Port Alden", "GPE", "Port Alden"),
                            _entity(t2, "Ilse Moreau", "PERSON", "Ilse Moreau"),
                            _entity(t2, "Aldonia", "GPE", "Aldonia", "ALD"),
                            _entity(t2, "Vesterland", "GPE", "Vesterland", "VES")],
                  times=[TimeMention(*_span(t2, "Monday"), "Monday", "DATE", "2024-03-11")],
                  quotes=[Quote(*_span(t2, "losses had reached 40 million crowns"),
                                "losses had reached 40 million crowns", "Ilse Moreau",
                                *_span(t2, "Ilse Moreau"), False, "said")],
                  events=[Event(*_span(t2, "Aldonia accused Vesterland of stirring the dispute."), "Aldonia", "ALD",
                                "accused", "DISAPPROVE", "Vesterland", "VES", "2024-04", "Port Alden", -2.0,
                                lat=10.5, lon=20.25)])
    t3 = t2.replace("Monday", "Monday afternoon")
    a3 = _article("tide/strike-copy.txt", "Strike at Port Alden enters second week", t3, "2024-03-13", "Daily Tide",
                  entities=[_entity(t3, "Ilse Moreau", "PERSON", "Ilse Moreau")],
                  quotes=[Quote(*_span(t3, "losses had reached 40 million crowns"),
                                "losses had reached 40 million crowns", "Ilse Moreau",
                                *_span(t3, "Ilse Moreau"), False, "said")],
                  events=[Event(*_span(t3, "Aldonia accused Vesterland of stirring the dispute."), "Aldonia", "ALD",
                                "accused", "DISAPPROVE", "Vesterland", "VES", "2024-04", "Port Alden", -2.0,
                                lat=10.5, lon=20.25)])
    return [a1, a2, a3]


def bridge_article() -> tuple[RawPage, Article]:
    t = "The long-delayed Tessel bridge opened to traffic on Monday, two years behind schedule."
    return _article("valley/bridge.txt", "New bridge opens over the Tessel river", t, "2024-05-20", "Valley Post",
                    entities=[_entity(t, "Tessel", "LOC", "Tessel river")],
                    times=[TimeMention(*_span(t, "two years"), "two years", "DURATION", "P2Y")])


def hostile_article() -> tuple[RawPage, Article]:
    """A page whose every field tries to run script."""
    t = f"Breaking: {XSS} and {XSS_IMG} then {XSS_LINK}. The board of {XSS_NAME} met on Friday."
    return _article("evil/page.html", f"{XSS}Evil title {XSS_IMG}", t, "2024-06-01", XSS_NAME, url=XSS_URL,
                    author=XSS_AUTHOR, raw=f"<html><body onload=\"window.__xss=7\">{XSS}{t}</body></html>",
                    entities=[_entity(t, XSS_NAME, "ORG", XSS_NAME)],
                    times=[TimeMention(*_span(t, "Friday"), "Friday", "DATE", "2024-05-31")],
                    quotes=[Quote(*_span(t, XSS_IMG), XSS_IMG, XSS_NAME, None, None, True, XSS)],
                    events=[Event(*_span(t, f"The board of {XSS_NAME} met on Friday."), XSS_NAME, "<i>X</i>",
                                XSS_LINK, "CONSULT", "Vesterland", "VES", "2024-05-31", XSS, 1.0, lat=5.0, lon=5.0)])


def build_store(path: str, hostile: bool = True) -> dict:
    """Fill a store at ``path``; return {"keys": {...}, "stories": [...]} for the fake story layer."""
    pairs = strike_articles() + [bridge_article()] + ([hostile_article()] if hostile else [])
    store = Store(path)
    try:
        store.add_raw_pages([p for p, _ in pairs])
        store.save_results([p.sha256 for p, _ in pairs], [a for _, a in pairs], [])
        # Event identity: the two reports of the accusation are one real-world event.
        store.conn.execute("UPDATE events SET event_id = 1 WHERE code = 'DISAPPROVE'")
        store.conn.execute("UPDATE events SET event_id = id + 100 WHERE event_id IS NULL")
        store.conn.commit()
    finally:
        store.close()
    arts = [a for _, a in pairs]
    return {"keys": {a.source: a.key for a in arts}, "stories": _stories(arts)}


def _ref(a: Article) -> dict:
    return {"source": a.source, "index": a.index, "title": a.title, "date": a.date}


def _stories(arts: list[Article]) -> list[dict]:
    s1, s2, s3, bridge = arts[:4]
    stories = [
        {"id": 1, "title": "Port Alden dock strike", "articles": [_ref(s1), _ref(s2)],
         "timeline": [
             {"when": "2024-03-05", "text": "Dockworkers walk out in Port Alden.",
              "sources": [{"source": s1.source, "index": 0, "start": 0, "end": 80}]},
             {"when": "2024-03-11", "text": "The strike enters its second week.",
              "sources": [{"source": s2.source, "index": 0, "start": 0, "end": 60},
                          {"source": s3.source, "index": 0, "start": 0, "end": 60}]},
             {"when": "2024-04", "text": "Aldonia accuses Vesterland of stirring the dispute.",
              "sources": [{"source": s2.source, "index": 0, "start": 120, "end": 170}]}],
         "summary": [{"text": "Dockworkers in Port Alden walked off the job on Tuesday.", "source": s1.source,
                      "index": 0, "start": 0, "end": 55},
                     {"text": "Harbour chief Ilse Moreau said losses had reached 40 million crowns.",
                      "source": s2.source, "index": 0, "start": 60, "end": 130}],
         "claims": [{"about": "losses of the port",
                     "values": [{"text": "40 million crowns", "source": s2.source, "index": 0},
                                {"text": "40 million crowns", "source": s3.source, "index": 0}],
                     "agree": True}],
         "copies": [{"source": s3.source, "index": 0, "copy_of": {"source": s2.source, "index": 0}}]},
        {"id": 2, "title": "Tessel bridge opens", "articles": [_ref(bridge)], "timeline": [], "summary": []},
    ]
    if len(arts) > 4:
        evil = arts[4]
        stories.append({"id": 3, "title": f"{XSS} story", "articles": [_ref(evil)],
                        "timeline": [{"when": "2024-05-31", "text": XSS_IMG,
                                      "sources": [{"source": evil.source, "index": 0, "start": 0, "end": 10}]}],
                        "summary": [{"text": XSS_LINK, "source": evil.source, "index": 0, "start": 0, "end": 10}],
                        "claims": [{"about": XSS, "values": [{"text": XSS_IMG, "source": evil.source, "index": 0}],
                                    "agreement": XSS_AUTHOR}],
                        "voices": {XSS_NAME: [XSS]}})
    return stories


def fake_stories_module(stories: list[dict]) -> types.ModuleType:
    module = types.ModuleType("storyline.story.stories")
    module.stories_json = lambda conn: {"stories": stories}
    module.story_json = lambda conn, story_id: next((s for s in stories if str(s["id"]) == str(story_id)), None)
    return module


def no_events_module() -> types.ModuleType:
    """An events layer without ``relations``: the pages fall back to their own monthly series."""
    return types.ModuleType("storyline.story.events")


@pytest.fixture
def web_store(tmp_path, monkeypatch):
    path = str(tmp_path / "web.db")
    built = build_store(path)
    monkeypatch.setitem(sys.modules, "storyline.story.stories", fake_stories_module(built["stories"]))
    monkeypatch.setitem(sys.modules, "storyline.story.events", no_events_module())
    return path, built


# ------------------------------------------------------------------------------ query tests
def _conn(path):
    from storyline.store.db import connect

    return connect(path, readonly=True)


def test_stories_page_rows_have_size_dates_outlets_and_sparkline(web_store):
    from storyline.web import queries

    path, _ = web_store
    data = queries.stories_page(_conn(path))
    strike = next(s for s in data["stories"] if s["id"] == 1)
    assert strike["size"] == 2 and strike["copies"] == 1
    assert (strike["first"], strike["last"]) == ("2024-03-05", "2024-03-12")
    assert strike["outlets"] == ["Coastal Wire", "Harbour Gazette"]
    spark = strike["sparkline"]
    assert spark["days"] == 8 and len(spark["bars"]) == 2  # the 5th to the 12th, articles on two days
    assert spark["bars"][1]["x"] > spark["bars"][0]["x"] and spark["peak"] == 1
    assert data["counts"]["articles"] == 5


def test_story_page_resolves_citations_events_voices_and_network(web_store):
    from storyline.web import queries

    path, built = web_store
    data = queries.story_page(_conn(path), "1")
    keys = built["keys"]
    assert [a["key"] for a in data["articles"]] == [keys["gazette/strike.html"], keys["wire/strike-week2.txt"]]
    assert data["summary"][1]["key"] == keys["wire/strike-week2.txt"]
    assert data["timeline"][1]["sources"][1]["outlet"] == "Daily Tide"  # a copy is still cited
    assert data["claims"][0]["values"][1]["key"] == keys["tide/strike-copy.txt"]
    assert {(o["outlet"], o["speakers"][0]["speaker"]) for o in data["voices"]["outlets"]} == {
        ("Harbour Gazette", "Mara Velez"), ("Coastal Wire", "Ilse Moreau")}
    assert {n["id"] for n in data["network"]["nodes"]} == {"VES", "ALD"}  # actors by code
    assert {n["label"] for n in data["network"]["nodes"]} == {"VES (Vesterland)", "ALD (Aldonia)"}
    assert data["charts"]["network"]["data"][1]["values"]  # links for the force layout
    places = data["charts"]["map"]["layer"][1]["data"]["values"]
    assert [(p["where"], p["events"], p["score"]) for p in places] == [("Port Alden", 2, 0.5)]  # one dot per place
    assert data["charts"]["timeline"]["data"]["values"][2]["end"] == "2024-05-01"  # a month stays a month


def test_missing_story_and_article_give_none(web_store):
    from storyline.web import queries

    path, _ = web_store
    assert queries.story_page(_conn(path), "999") is None
    assert queries.article_page(_conn(path), "nope:0") is None
    assert queries.entity_page(_conn(path), "Nobody At All") is None


def test_entity_page_collects_aliases_articles_quotes_and_events(web_store):
    from storyline.web import queries

    path, _ = web_store
    data = queries.entity_page(_conn(path), "Ilse Moreau")
    assert len(data["articles"]) == 2 and len(data["quotes"]) == 2
    data = queries.entity_page(_conn(path), "Vesterland")
    assert data["codes"] == ["VES"]
    assert {e["code"] for e in data["events"]} >= {"CONSULT", "DISAPPROVE"}


def test_relations_fallback_counts_each_real_event_once(web_store):
    from storyline.web import pairs

    path, _ = web_store
    data = pairs.relations_page(_conn(path), "ALD", "VES")
    months = {p["month"]: p for p in data["series"]}
    assert set(months) == {"2024-03", "2024-04"}
    assert months["2024-04"]["conflict"] == 1  # two articles, one event (event_id 1)
    assert months["2024-04"]["events"][0]["mentions"] == 2
    assert months["2024-03"]["cooperation"] == 1
    assert data["charts"]["relations"]["data"]["values"]
    listed = {(p["a"], p["b"]) for p in pairs.pairs_page(_conn(path))["pairs"]}
    assert ("VES", "ALD") in listed and ("ALD", "VES") in listed


def test_relations_from_the_events_layer_are_normalised(web_store, monkeypatch):
    from storyline.web import pairs

    module = types.ModuleType("storyline.story.events")
    module.relations = lambda conn, a, b: [{"month": "2024-02", "cooperation": 2.5, "conflict": -4, "score": -1.5,
                                            "events": [{"code": "FIGHT", "score": -4}]}]
    monkeypatch.setitem(sys.modules, "storyline.story.events", module)
    path, _ = web_store
    series = pairs.relations_page(_conn(path), "ALD", "VES")["series"]
    assert series == [{"month": "2024-02", "cooperation": 2.5, "conflict": 4.0, "score": -1.5,
                       "events": [{"code": "FIGHT", "score": -4}]}]


def test_pages_degrade_without_a_story_layer(tmp_path, monkeypatch):
    from storyline.web import queries

    path = str(tmp_path / "bare.db")
    build_store(path, hostile=False)
    monkeypatch.setitem(sys.modules, "storyline.story.stories", types.ModuleType("storyline.story.stories"))
    data = queries.stories_page(_conn(path))
    assert data["stories"] == [] and data["stories_available"] is False
    assert len(data["recent_articles"]) == 4


def test_search_finds_articles_and_survives_fts_syntax(web_store):
    from storyline.web import queries

    path, built = web_store
    hits = queries.search(_conn(path), "Tessel bridge")
    assert [h["key"] for h in hits] == [built["keys"]["valley/bridge.txt"]]
    assert queries.search(_conn(path), 'AND OR "( NEAR') == []


def test_highlight_segments_cover_the_text_exactly():
    from storyline.web.highlight import segments

    text = "Mara Velez said \"we stay\" on Tuesday. Next sentence."
    ents = [{"start": 0, "end": 10, "label": "PERSON", "canonical": "Mara Velez"}]
    segs = segments(text, ents, [{"start": 29, "end": 36, "type": "DATE", "value": "2024-03-05"}],
                    [{"start": 17, "end": 24, "speaker": "Mara Velez"}],
                    [{"start": 0, "end": 37, "code": "PROTEST", "action": "said"}, {"start": 500, "end": 9}])
    assert "".join(s["text"] for s in segs) == text
    first = segs[0]
    assert first["entity"] == "Mara Velez" and "event" in first["classes"] and "entity" in first["classes"]
    assert any(s["text"] == "Tuesday" and "time" in s["classes"] for s in segs)
    assert any(s["start"] == 38 for s in segs)  # a sentence start is a segment start


def test_date_intervals_keep_the_precision_of_the_text():
    from storyline.web.charts import date_interval

    assert date_interval("2024-02") == ("2024-02-01", "2024-03-01")
    assert date_interval("2023-12-31") == ("2023-12-31", "2024-01-01")
    assert date_interval("2024") == ("2024-01-01", "2025-01-01")
    assert date_interval("2024-W16") == ("2024-04-15", "2024-04-22")
    assert date_interval("PRESENT_REF") is None and date_interval("2024-13") is None
