"""Near-duplicates and syndication (fictional wire story, written for these tests)."""
from __future__ import annotations

from storyline.story import dedup
from storyline.story.stories import stories_json, update_stories
from test_stories_support import add_article, new_store

WIRE = (
    "Floodwaters swept through the fictional river town of Varnel on Sunday after three days of "
    "heavy rain, forcing about 1,200 residents from their homes. The regional emergency office said "
    "two bridges over the Oska river had been closed and that rescue crews were checking the low-lying "
    "streets house by house. Mayor Ilse Brandt said the town hall would shelter families overnight and "
    "asked drivers to stay away from the valley road until the water falls."
)
# The same wire copy as republished: another standfirst, a trimmed word or two, a footer.
COPY_1 = ("Varnel flood: residents leave homes\n" + WIRE.replace("heavy rain", "torrential rain")
          + "\nSubscribe to the Valley Courier for more local news.")
COPY_2 = ("By Wire Staff\n" + WIRE.replace(" house by house", "").replace("Sunday", "Sunday evening"))
# Another outlet's own report of the same flood: same facts, its own words (not a copy).
OWN_REPORT = (
    "Rescue teams in Varnel spent Monday pumping water out of cellars after the Oska burst its banks. "
    "Around a thousand people spent the night at the town hall, where volunteers served soup. "
    "Engineers will inspect both closed bridges before they reopen, the emergency office said."
)


def test_shingles_ignore_case_and_punctuation():
    assert dedup.shingles("The flood, the FLOOD!") == dedup.shingles("the flood the flood")


def test_exact_copy_is_found_by_hash():
    conn = new_store()
    a = add_article(conn, "outlet-a", WIRE)
    b = add_article(conn, "outlet-b", WIRE)
    update_stories(conn, [a, b])
    row = conn.execute("SELECT copy_of_key, similarity, kind FROM copies WHERE article_key = ?", (b,)).fetchone()
    assert tuple(row) == (a, 1.0, "exact")


def test_syndicated_copies_are_one_article_with_copies():
    conn = new_store()
    keys = [add_article(conn, "wire", WIRE), add_article(conn, "courier", COPY_1),
            add_article(conn, "gazette", COPY_2), add_article(conn, "herald", OWN_REPORT)]
    update_stories(conn, keys)
    copies = {r[0]: r[1] for r in conn.execute("SELECT article_key, copy_of_key FROM copies")}
    assert copies == {keys[1]: keys[0], keys[2]: keys[0]}  # the own report is no copy
    story = next(s for s in stories_json(conn)["stories"] if any(a["source"] == "wire" for a in s["articles"]))
    copied = {c["source"]: c["copy_of"]["source"] for c in story["copies"]}
    assert copied == {"courier": "wire", "gazette": "wire"}
    assert all(c["similarity"] >= dedup.NEAR_DUP_JACCARD for c in story["copies"])


def test_copy_of_a_copy_points_at_the_original():
    conn = new_store()
    a = add_article(conn, "wire", WIRE)
    b = add_article(conn, "courier", COPY_1)
    c = add_article(conn, "reprint", COPY_1 + "\nPrinted with permission.")
    update_stories(conn, [a, b, c])
    assert conn.execute("SELECT copy_of_key FROM copies WHERE article_key = ?", (c,)).fetchone()[0] == a


def test_short_texts_are_not_near_matched():
    assert dedup.signature("Too short to compare.") is None
