"""Story clustering, stable ids, timeline, claims, voices and summary.

Every article here is fictional (invented places, people and figures), written for these tests.
"""
from __future__ import annotations

import argparse
import json

import pytest

from storyline.cli import stories_cmd
from storyline.story.stories import stories_json, story_json, update_stories
from test_stories_support import add_article, new_store

# Two earthquakes of the same kind: shared words, different where, when, how strong, who.
QUAKE_A = [
    ("Sorvik Island earthquake injures seven", "A magnitude 5.4 earthquake struck Sorvik Island on Sunday, "
     "injuring seven people and cracking the walls of the old harbour church. Governor Tomas Rell said rescue "
     "teams reached every village on Sorvik Island by nightfall. Several aftershocks followed.",
     [("Sorvik Island", "GPE", "Sorvik Island"), ("Tomas Rell", "PERSON", "Tomas Rell")]),
    ("Sorvik quake: seven hurt", "Seven people were hurt when a 5.4 magnitude quake shook Sorvik Island on Sunday. "
     "The harbour church lost part of its roof, Governor Tomas Rell told reporters, and schools on the island "
     "will stay closed on Monday while engineers inspect them.",
     [("Sorvik Island", "GPE", "Sorvik Island"), ("Tomas Rell", "PERSON", "Tomas Rell")]),
    ("Aftershocks rattle Sorvik", "Aftershocks rattled Sorvik Island a day after the 5.4 earthquake that injured "
     "seven residents. Governor Tomas Rell asked families in the harbour district to sleep outdoors for one more "
     "night as a precaution.",
     [("Sorvik Island", "GPE", "Sorvik Island"), ("Tomas Rell", "PERSON", "Tomas Rell")]),
]
QUAKE_B = [  # deliberately told in the same words as QUAKE_A: only the details differ
    ("Kelmar Island earthquake kills 31", "A magnitude 6.3 earthquake struck Kelmar Island on Thursday, "
     "killing 31 people and cracking the walls of the old harbour mosque. Governor Anya Drosk said rescue "
     "teams reached every village on Kelmar Island by nightfall. Several aftershocks followed.",
     [("Kelmar Island", "GPE", "Kelmar Island"), ("Anya Drosk", "PERSON", "Anya Drosk")]),
    ("Kelmar quake: 31 dead", "Thirty-one people died when a 6.3 magnitude quake shook Kelmar Island on Thursday. "
     "The harbour mosque lost part of its roof, Governor Anya Drosk told reporters, and schools on the island "
     "will stay closed on Friday while engineers inspect them.",
     [("Kelmar Island", "GPE", "Kelmar Island"), ("Anya Drosk", "PERSON", "Anya Drosk")]),
    ("Aftershocks rattle Kelmar", "Aftershocks rattled Kelmar Island a day after the 6.3 earthquake that killed "
     "31 residents. Governor Anya Drosk asked families in the harbour district to sleep outdoors for one more "
     "night as a precaution.",
     [("Kelmar Island", "GPE", "Kelmar Island"), ("Anya Drosk", "PERSON", "Anya Drosk")]),
]


def _add_all(conn, articles, prefix):
    return [add_article(conn, f"{prefix}{i}", text, title=title, entities=ents)
            for i, (title, text, ents) in enumerate(articles)]


def _groups(conn):
    return sorted(sorted(a["source"] for a in s["articles"]) for s in stories_json(conn)["stories"])


@pytest.mark.parametrize("interleave", [False, True])
def test_two_similar_events_stay_apart(interleave):
    conn = new_store()
    a = _add_all(conn, QUAKE_A, "a")
    b = _add_all(conn, QUAKE_B, "b")
    # interleaved once the first story has two articles (a lone founder's details are too few
    # to judge by: see cluster.NOVELTY_MIN_MEMBERS)
    order = [a[0], a[1], b[0], a[2], b[1], b[2]] if interleave else a + b
    update_stories(conn, order)
    assert _groups(conn) == [["a0", "a1", "a2"], ["b0", "b1", "b2"]]


def test_incremental_assignment_keeps_ids_and_adds_nothing_on_rerun():
    conn = new_store()
    a = _add_all(conn, QUAKE_A, "a")
    b = _add_all(conn, QUAKE_B, "b")
    update_stories(conn, a[:2] + b[:2])
    before = {s["id"]: sorted(x["source"] for x in s["articles"]) for s in stories_json(conn)["stories"]}
    update_stories(conn, a[:2] + b[:2])  # the same batch again: nothing changes
    assert {s["id"]: sorted(x["source"] for x in s["articles"]) for s in stories_json(conn)["stories"]} == before
    update_stories(conn, [b[2], a[2]])  # later articles join the stories they belong to
    after = {s["id"]: sorted(x["source"] for x in s["articles"]) for s in stories_json(conn)["stories"]}
    assert set(after) == set(before)
    for sid, members in before.items():
        assert set(members) < set(after[sid])
    assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 6


def test_missing_dates_and_far_dates():
    conn = new_store()
    title, text, ents = QUAKE_A[0]
    k1 = add_article(conn, "old", text, title=title, entities=ents, date="2020-03-01")
    k2 = add_article(conn, "undated", QUAKE_A[1][1], title=QUAKE_A[1][0], entities=ents)
    # a near-identical report two years later is a new story: outside the date window
    k3 = add_article(conn, "later", QUAKE_A[2][1], title=QUAKE_A[2][0], entities=ents, date="2022-06-01")
    update_stories(conn, [k1, k2, k3])
    assert _groups(conn) == [["later"], ["old", "undated"]]


TIMELINE_TEXTS = [
    ("In September 2023 the Velran army crossed the Tarsa line. The council met on 20 September 2023 "
     "to condemn it. Talks are planned."),
    ("The Velran army crossed the Tarsa line in September 2023, witnesses said. On 20 September 2023 "
     "the council met and condemned the move."),
]


def test_timeline_merges_sources_and_keeps_month_precision():
    conn = new_store()
    keys = []
    for i, text in enumerate(TIMELINE_TEXTS):
        crossing = text[:text.index(".") + 1]
        keys.append(add_article(
            conn, f"t{i}", text, entities=[("Velran", "NORP", "Velran"), ("Tarsa", "LOC", "Tarsa")],
            times=[("September 2023", "DATE", "2023-09"), ("20 September 2023", "DATE", "2023-09-20")],
            events=[{"code": "MOBILIZE" if i == 0 else "MOBILIZE", "actor": "Velran army", "target": "Tarsa",
                     "when": "2023-09", "sentence": crossing}]))
    update_stories(conn, keys)
    story = stories_json(conn)["stories"][0]
    timeline = story["timeline"]
    assert [line["when"] for line in timeline] == ["2023-09", "2023-09-20"]
    first, second = timeline
    assert first["kind"] == "event" and {s["source"] for s in first["sources"]} == {"t0", "t1"}
    assert {s["source"] for s in second["sources"]} == {"t0", "t1"}  # same date, same statement
    for line in timeline:
        for ref in line["sources"]:
            text = TIMELINE_TEXTS[int(ref["source"][1])]
            assert text[ref["start"]:ref["end"]].strip()
    assert "council" in second["text"]


CLAIM_TEXTS = [
    ("kura", "About 2,000 Russian peacekeepers will patrol the Lorrin corridor. The offensive was a one-day war. "
             "More than 100,000 Lorrinians fled to Velmar, officials said."),
    ("nadir", "Some 2,000 peacekeepers arrived in the Lorrin corridor on Tuesday. The fighting was over in a matter "
              "of hours. About 60,000 Lorrinians have crossed into Velmar."),
]


def test_claims_grouped_with_agreement_and_disagreement():
    conn = new_store()
    keys = [add_article(conn, src, text, outlet=src.title(), entities=[("Lorrin", "GPE", "Lorrin"),
                                                                         ("Velmar", "GPE", "Velmar")])
            for src, text in CLAIM_TEXTS]
    update_stories(conn, keys)
    story = stories_json(conn)["stories"][0]
    assert len(story["articles"]) == 2
    claims = {g["about"]: g for g in story["claims"]}
    assert claims["peacekeeper"]["status"] == "agree"
    assert claims["lorrinian"]["status"] == "disagree"
    assert claims["duration of war"]["status"] == "agree"
    texts = {c["text"] for c in claims["peacekeeper"]["claims"]}
    assert texts == {"About 2,000 Russian peacekeepers", "Some 2,000 peacekeepers"}
    for group in story["claims"]:
        for c in group["claims"]:
            src = dict(CLAIM_TEXTS)[c["source"]]
            assert src[c["start"]:c["end"]] == c["text"]


def test_voices_by_outlet():
    conn = new_store()
    base = "The ceasefire in the Lorrin corridor held overnight, officials on both sides said on Wednesday."
    k1 = add_article(conn, "kura", base + ' "We will not withdraw," said Arman Petrosyan.', outlet="Kura Daily",
                     entities=[("Arman Petrosyan", "PERSON", "Arman Petrosyan", "ARM"), ("Lorrin", "GPE", "Lorrin")],
                     quotes=[("We will not withdraw,", "Arman Petrosyan")])
    k2 = add_article(conn, "nadir", base + ' "The corridor is open," said Oleg Smirnov. "Calm," said Jane Doe. '
                     '"We agree," said Azerbaijani envoy Rauf Aliyev.', outlet="Nadir News",
                     entities=[("Oleg Smirnov", "PERSON", "Oleg Smirnov", "RUS"), ("Jane Doe", "PERSON", "Jane Doe", "USA"),
                               ("Lorrin", "GPE", "Lorrin"), ("Azerbaijani", "NORP", "Azerbaijan", "AZE"),
                               ("Rauf Aliyev", "PERSON", "Rauf Aliyev")],  # no code: from "Azerbaijani envoy"
                     quotes=[("The corridor is open,", "Oleg Smirnov"), ("Calm,", "Jane Doe"),
                             ("We agree,", "Rauf Aliyev")])
    update_stories(conn, [k1, k2])
    voices = stories_json(conn)["stories"][0]["voices"]
    assert {row["outlet"]: row["voices"] for row in voices["by_outlet"]} == {
        "Kura Daily": {"Armenian": 1}, "Nadir News": {"Russian": 1, "Western": 1, "Azerbaijani": 1}}
    assert {s["speaker"]: s["voice"] for s in voices["speakers"]}["Rauf Aliyev"] == "Azerbaijani"


def test_summary_has_3_to_7_cited_sentences_with_exact_offsets():
    conn = new_store()
    keys = _add_all(conn, QUAKE_B, "b")
    update_stories(conn, keys)
    story = stories_json(conn)["stories"][0]
    texts = {f"b{i}": text for i, (_, text, _) in enumerate(QUAKE_B)}
    assert 3 <= len(story["summary"]) <= 7
    for line in story["summary"]:
        assert texts[line["source"]][line["start"]:line["end"]] == line["text"]
    assert len({line["text"] for line in story["summary"]}) == len(story["summary"])


def test_contract_shape_and_story_json():
    conn = new_store()
    keys = _add_all(conn, QUAKE_A, "a")
    update_stories(conn, keys)
    data = stories_json(conn)
    story = data["stories"][0]
    assert {"id", "title", "articles", "timeline", "summary"} <= set(story)
    assert {"source", "index", "title", "date"} <= set(story["articles"][0])
    assert story["title"] == QUAKE_A[0][0]
    assert story_json(conn, story["id"]) == story
    assert story_json(conn, 999) is None


def test_cli_stories_and_story(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    conn = new_store(db)
    update_stories(conn, _add_all(conn, QUAKE_A, "a"))
    conn.close()
    parser = argparse.ArgumentParser()
    stories_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["stories", "--db", db, "--format", "json"])
    assert args.func(args) == 0
    data = json.loads(capsys.readouterr().out)
    sid = data["stories"][0]["id"]
    args = parser.parse_args(["story", str(sid), "--db", db])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert f"[{sid}] {QUAKE_A[0][0]}" in out and "a2#0" in out
    args = parser.parse_args(["story", "12345", "--db", db])
    assert args.func(args) == 2


# The same navy foils a pirate attack in the same waters, years apart: the leads differ only in
# the year and a few small details, as sister events often do.
RAID_2019 = [
    ("Varn navy foils pirate raid", "In March 2019 the Varn navy frigate Osk drove off pirates who tried to board "
     "a cargo ship in the Gulf of Tessa. The crew was unharmed, the Varn navy said.",
     [("Varn", "NORP", "Varn"), ("Gulf of Tessa", "LOC", "Gulf of Tessa")]),
    ("Pirates driven off in Gulf of Tessa", "The Varn navy frigate Osk drove off pirates who tried to board a cargo "
     "ship in the Gulf of Tessa in March 2019, officials said. Nobody on board was hurt.",
     [("Varn", "NORP", "Varn"), ("Gulf of Tessa", "LOC", "Gulf of Tessa")]),
]
RAID_2023 = ("Tanker Mira escapes pirates", "Gunmen in two skiffs fired on the tanker Mira in the Gulf of "
             "Tessa in May 2023 until a Varn warship arrived, the shipping company said. No one was wounded and "
             "the Mira sailed on to its port.",
             [("Varn", "NORP", "Varn"), ("Gulf of Tessa", "LOC", "Gulf of Tessa")])


def test_years_and_year_conflict():
    from storyline.story import cluster
    assert cluster.years(["2019", "5.4", "31", "1850", "osk"]) == {"2019"}
    conn = new_store()
    keys = _add_all(conn, RAID_2019, "r")
    update_stories(conn, keys)
    (sid,) = [s["id"] for s in stories_json(conn)["stories"]]
    assert cluster.year_conflict(conn, sid, {"2023": 1.0, "navy": 1.0})
    assert not cluster.year_conflict(conn, sid, {"2019": 1.0, "2023": 1.0})
    assert not cluster.year_conflict(conn, sid, {"navy": 1.0})  # a lead without a year tells nothing


def test_same_raid_another_year_is_another_story():
    conn = new_store()
    keys = _add_all(conn, RAID_2019 + [RAID_2023], "r")
    update_stories(conn, keys)
    assert _groups(conn) == [["r0", "r1"], ["r2"]]


def test_lead_naming_the_story_year_still_joins():
    conn = new_store()
    later = ("Osk crew tells of pirate raid", "Sailors of the Varn frigate Osk described how they drove off pirates in "
             "the Gulf of Tessa in March 2019, firing warning shots while the cargo ship's crew hid below deck.",
             [("Varn", "NORP", "Varn"), ("Gulf of Tessa", "LOC", "Gulf of Tessa")])
    update_stories(conn, _add_all(conn, RAID_2019 + [later], "s"))
    assert _groups(conn) == [["s0", "s1", "s2"]]
