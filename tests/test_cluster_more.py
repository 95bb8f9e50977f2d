"""Story clustering: the similarity floor, the neighbour re-check and story absorption.

Every article here is fictional (invented places, people and figures), written for these tests.
"""
from __future__ import annotations

import math

from storyline.story import cluster, stories
from storyline.story.story_features import article_features, lead_details, load_article
from test_stories import QUAKE_A, QUAKE_B, _add_all
from test_stories_support import add_article, new_store


def _found(conn, key: str, sid: int | None = None) -> int:
    """Place an article in story ``sid`` (a new story when None) whatever its best match."""
    art = load_article(conn, key)
    feats = article_features(art["title"], art["text"], art["entities"])
    _, _, vec, _ = cluster.assign(conn, feats, art["window_date"], lead_details(art["text"], art["entities"]))
    if sid is None:
        sid = stories._new_story(conn, art, "now")
    cluster.add_to_centroid(conn, sid, vec)
    stories._join(conn, sid, art, None, "now")
    return sid


def test_too_little_similarity_never_joins_whatever_the_lead():
    conn = new_store()
    [key] = [add_article(conn, "x", "Harbour workers in Dunmere voted to strike on Monday.")]
    sid = _found(conn, key)
    # a lead with no details has no novelty to pay: only the floor keeps a weak match out
    assert cluster.adjusted_score(conn, sid, cluster.MIN_MATCH_SIMILARITY / 3, 1, {}, set()) is None
    assert cluster.adjusted_score(conn, sid, cluster.MIN_MATCH_SIMILARITY + 1, 1, {}, set()) == \
        cluster.MIN_MATCH_SIMILARITY + 1


def test_small_story_of_the_same_event_is_absorbable_a_sister_event_is_not():
    conn = new_store()
    a = _add_all(conn, QUAKE_A, "a")
    b = _add_all(conn, QUAKE_B, "b")
    main = _found(conn, a[0])
    _found(conn, a[1], main)
    stray = _found(conn, a[2])  # same quake, kept apart by hand
    sister = _found(conn, b[0])  # the other quake
    assert cluster.absorbable(conn, main, stray, stories.story_details(conn, stray))
    assert not cluster.absorbable(conn, main, sister, stories.story_details(conn, sister))
    kept, retired = stories.absorb_neighbours(conn, main, {stray: 0.5, sister: 0.5})
    assert (kept, retired) == (main, {stray})
    members = {k for (k,) in conn.execute("SELECT article_key FROM story_articles WHERE story_id = ?", (main,))}
    assert members == set(a)
    assert conn.execute("SELECT 1 FROM stories WHERE id = ?", (sister,)).fetchone()
    # the retired id still answers, with the story that holds its articles now
    assert stories.current_story_id(conn, stray) == main
    assert stories.current_story_id(conn, sister) == sister
    view = stories.story_json(conn, stray)
    assert view is not None and view["id"] == main


def test_merges_chain_to_the_surviving_story():
    conn = new_store()
    a = _add_all(conn, QUAKE_A, "a")
    first, second, third = (_found(conn, k) for k in a[:3])
    stories.record_merge(conn, first, second)
    stories.record_merge(conn, second, third)
    assert [stories.current_story_id(conn, s) for s in (first, second, third)] == [third] * 3


def test_absorb_story_sums_centroids_keeps_norms_exact_and_retires_the_id():
    conn = new_store()
    a = _add_all(conn, QUAKE_A, "a")
    b = _add_all(conn, QUAKE_B, "b")
    first = _found(conn, a[0])
    second = _found(conn, b[0])
    before = {sid: cluster.story_vector(conn, sid) for sid in (first, second)}
    cluster.absorb_story(conn, first, second)
    merged = cluster.story_vector(conn, first)
    for channel in set(before[first]) | set(before[second]):
        terms = set(before[first].get(channel, {})) | set(before[second].get(channel, {}))
        for term in terms:
            want = before[first].get(channel, {}).get(term, 0.0) + before[second].get(channel, {}).get(term, 0.0)
            assert math.isclose(merged[channel][term], want)
        norm2 = conn.execute("SELECT norm2 FROM story_norms WHERE story_id = ? AND channel = ?",
                             (first, channel)).fetchone()[0]
        assert math.isclose(norm2, sum(w * w for w in merged[channel].values()))
    assert tuple(conn.execute("SELECT originals, size FROM stories WHERE id = ?", (first,)).fetchone()) == (2, 2)
    assert not conn.execute("SELECT 1 FROM stories WHERE id = ?", (second,)).fetchone()
    assert not conn.execute("SELECT 1 FROM story_terms WHERE story_id = ?", (second,)).fetchone()
    # the retired id was the highest: the next story must not get it again
    assert _found(conn, b[1]) > second


def test_neighbours_are_small_matching_stories_other_than_the_chosen_one():
    conn = new_store()
    a = _add_all(conn, QUAKE_A, "a")
    main = _found(conn, a[0])
    _found(conn, a[1], main)
    stray = _found(conn, a[2])
    art = load_article(conn, a[2])
    feats = article_features(art["title"], art["text"], art["entities"])
    sid, score, _vec, neighbours = cluster.assign(conn, feats, None, lead_details(art["text"], art["entities"]))
    assert sid in (main, stray) and score >= cluster.MATCH_THRESHOLD
    assert sid not in neighbours
    assert all(s >= cluster.NEIGHBOUR_MATCH for s in neighbours.values())
