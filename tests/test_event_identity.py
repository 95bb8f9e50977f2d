"""Event identity across articles, the relations series, the event listing and their CLI."""
import argparse
import json
import sqlite3

import pytest

from storyline.store.db import migrate
from storyline.story.events import assign_event_ids, dates_compatible, list_events, relations

SENT = "Russia withdrew its peacekeepers from Karabakh."


@pytest.fixture()
def conn():
    c = sqlite3.connect(":memory:")
    migrate(c)
    for key, date in (("a1:0", "2024-04-18"), ("a2:0", "2024-04-19"), ("a3:0", "2024-05-02"), ("a4:0", "2023-09-20")):
        c.execute("INSERT INTO raw_pages (sha256, source, kind, content, received_at) VALUES (?, ?, 'text', '', '')",
                  (key, key))
        c.execute("INSERT INTO articles (key, raw_sha256, source, idx, date, text, text_sha256, created_at) "
                  "VALUES (?, ?, ?, 0, ?, ?, '', '')", (key, key, f"src-{key}", date, SENT + " More text."))
    return c


def add(conn, key, code="RETREAT", actor=("Russia", "RUS"), target=("Karabakh", "AZE"), when="2024-04-17",
        where=None, score=5.0, negated=0, lat=None, lon=None):
    cur = conn.execute(
        'INSERT INTO events (article_key, start, "end", actor, actor_code, action, code, target, target_code, '
        '"when", "where", lat, lon, score, negated) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        (key, len(SENT), actor[0], actor[1], "withdrew", code, target[0], target[1], when, where, lat, lon,
         score, negated))
    return cur.lastrowid


def event_of(conn, rowid):
    return conn.execute("SELECT event_id FROM events WHERE id = ?", (rowid,)).fetchone()[0]


def test_dates_compatible():
    assert dates_compatible("2024-04", "2024-04-17")
    assert dates_compatible("2024", "2024-04-17")
    assert not dates_compatible("2024-04-18", "2024-04-17")
    assert not dates_compatible("2024-05", "2024-04-17")
    assert not dates_compatible(None, "2024-04-17")


def test_two_articles_one_event(conn):
    m1 = add(conn, "a1:0", when="2024-04-17", where="Stepanakert")
    m2 = add(conn, "a2:0", when="2024-04", where=None)  # a month holds the day
    assert assign_event_ids(conn, ["a1:0", "a2:0"]) == 2
    assert event_of(conn, m1) == event_of(conn, m2) == m1


def test_different_events_stay_apart(conn):
    m1 = add(conn, "a1:0", when="2024-04-17")
    m2 = add(conn, "a2:0", when="2024-05-20")  # another date
    m3 = add(conn, "a2:0", code="FIGHT", score=-10, when="2024-04-17")  # another type
    m4 = add(conn, "a3:0", target=("Armenia", "ARM"), when="2024-04-17")  # another target
    m5 = add(conn, "a3:0", negated=1, when="2024-04-17")  # "did not withdraw"
    assign_event_ids(conn)
    ids = [event_of(conn, m) for m in (m1, m2, m3, m4, m5)]
    assert len(set(ids)) == 5


def test_far_places_stay_apart(conn):
    m1 = add(conn, "a1:0", code="ASSAULT", where="Yerevan", lat=40.18, lon=44.51)
    m2 = add(conn, "a2:0", code="ASSAULT", where="Gyumri", lat=40.79, lon=43.85)
    m3 = add(conn, "a3:0", code="ASSAULT", where="Erevan", lat=40.17, lon=44.52)  # same city, other spelling
    assign_event_ids(conn)
    assert event_of(conn, m1) != event_of(conn, m2)
    assert event_of(conn, m1) == event_of(conn, m3)


def test_mutual_types_ignore_direction(conn):
    m1 = add(conn, "a1:0", code="CONSULT", actor=("Armenia", "ARM"), target=("Azerbaijan", "AZE"), score=1)
    m2 = add(conn, "a2:0", code="CONSULT", actor=("Azerbaijan", "AZE"), target=("Armenia", "ARM"), score=1)
    assign_event_ids(conn)
    assert event_of(conn, m1) == event_of(conn, m2)


def test_undated_mentions_match_only_in_their_article(conn):
    m1 = add(conn, "a1:0", when=None)
    m2 = add(conn, "a1:0", when=None)
    m3 = add(conn, "a2:0", when=None)
    assign_event_ids(conn)
    assert event_of(conn, m1) == event_of(conn, m2) != event_of(conn, m3)


def test_incremental(conn):
    m1 = add(conn, "a1:0")
    assert assign_event_ids(conn, ["a1:0"]) == 1
    m2 = add(conn, "a2:0")
    assert assign_event_ids(conn, ["a2:0"]) == 1  # only the new mention is matched
    assert assign_event_ids(conn, ["a1:0", "a2:0"]) == 0
    assert event_of(conn, m2) == event_of(conn, m1)


def test_list_events_one_row_per_event(conn):
    add(conn, "a1:0", when="2024-04-17")
    add(conn, "a2:0", when="2024-04-17")
    add(conn, "a4:0", code="FIGHT", actor=("Azerbaijan", "AZE"), target=("Armenia", "ARM"), when="2023-09-19",
        where="Stepanakert", score=-10)
    assign_event_ids(conn)
    evs = list_events(conn)
    assert [(e["code"], len(e["mentions"])) for e in evs] == [("FIGHT", 1), ("RETREAT", 2)]
    assert evs[1]["mentions"][0]["sentence"] == SENT
    assert [e["code"] for e in list_events(conn, actor="Russia")] == ["RETREAT"]
    assert [e["code"] for e in list_events(conn, actor="ARM")] == ["FIGHT"]
    assert [e["code"] for e in list_events(conn, since="2024-01-01")] == ["RETREAT"]
    assert [e["code"] for e in list_events(conn, until="2023-12")] == ["FIGHT"]
    assert [e["code"] for e in list_events(conn, place="stepan")] == ["FIGHT"]
    assert [e["code"] for e in list_events(conn, code="fight")] == ["FIGHT"]


def test_relations_by_month(conn):
    add(conn, "a4:0", code="FIGHT", actor=("Azerbaijan", "AZE"), target=("Armenia", "ARM"), when="2023-09-19", score=-10)
    add(conn, "a1:0", code="CONSULT", actor=("Armenia", "ARM"), target=("Azerbaijan", "AZE"), when="2024-04-17", score=1)
    add(conn, "a2:0", code="CONSULT", actor=("Azerbaijan", "AZE"), target=("Armenia", "ARM"), when="2024-04-17", score=1)
    add(conn, "a3:0", code="AGREE", actor=("Armenia", "ARM"), target=("Azerbaijan", "AZE"), when="2024-04-30", score=4)
    add(conn, "a3:0", code="FIGHT", actor=("Armenia", "ARM"), target=("Azerbaijan", "AZE"), when="2024-04-29",
        score=-10, negated=1)  # denied: not counted
    add(conn, "a3:0", code="RETREAT", when="2024-04-17")  # another pair
    assign_event_ids(conn)
    series = relations(conn, "Armenia", "AZE")
    assert [p["month"] for p in series] == ["2023-09", "2024-04"]
    sep, apr = series
    assert (sep["n_events"], sep["conflict"], sep["score"]) == (1, 1, -10)
    assert (apr["n_events"], apr["mentions"], apr["cooperation"], apr["score"], apr["mean"]) == (2, 3, 2, 5, 2.5)
    assert {m["article_key"] for e in apr["events"] for m in e["mentions"]} == {"a1:0", "a2:0", "a3:0"}
    assert [p["month"] for p in relations(conn, "RUS", None)] == ["2024-04"]


def test_cli_events_and_relations(conn, tmp_path, capsys):
    from storyline.cli import events_cmd

    path = tmp_path / "s.db"
    add(conn, "a1:0", code="CONSULT", actor=("Armenia", "ARM"), target=("Azerbaijan", "AZE"), score=1)
    add(conn, "a4:0", code="FIGHT", actor=("Azerbaijan", "AZE"), target=("Armenia", "ARM"), when="2023-09-19", score=-10)
    assign_event_ids(conn)
    conn.commit()
    disk = sqlite3.connect(path)
    conn.backup(disk)
    disk.close()
    parser = argparse.ArgumentParser()
    events_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["relations", "Armenia", "Azerbaijan", "--db", str(path), "--format", "json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert [p["month"] for p in out["series"]] == ["2023-09", "2024-04"]
    args = parser.parse_args(["relations", "ARM", "AZE", "--db", str(path)])
    assert args.func(args) == 0
    text = capsys.readouterr().out
    assert "2023-09" in text and "#" in text and "FIGHT" in text
    args = parser.parse_args(["events", "--type", "FIGHT", "--db", str(path)])
    assert args.func(args) == 0
    text = capsys.readouterr().out
    assert "FIGHT" in text and "CONSULT" not in text and SENT in text
    args = parser.parse_args(["events", "--db", str(tmp_path / "missing.db")])
    assert args.func(args) == 2


def test_unsaid_target_matches(conn):
    m1 = add(conn, "a1:0", target=("Karabakh", "AZE"))
    m2 = add(conn, "a2:0", target=(None, None))  # "Russia withdrew its peacekeepers"
    assign_event_ids(conn)
    assert event_of(conn, m1) == event_of(conn, m2)


def test_undated_report_matches_a_recent_dated_mention(conn):
    m1 = add(conn, "a1:0", when="2024-04-17")
    m2 = add(conn, "a2:0", when=None)  # article of 2024-04-19: two days later
    m3 = add(conn, "a3:0", when=None)  # article of 2024-05-02: too late to be a report of it
    assign_event_ids(conn)
    assert event_of(conn, m1) == event_of(conn, m2) != event_of(conn, m3)
