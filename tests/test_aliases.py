"""The store-wide alias table, on an in-memory SQLite built from the real schema."""
import sqlite3
from importlib import resources

import pytest

from storyline.model import Entity
from storyline.nlp.aliases import resolve_aliases, store_canonical


@pytest.fixture
def conn():
    sql = resources.files("storyline.store").joinpath("migrations/0001_init.sql").read_text("utf-8")
    c = sqlite3.connect(":memory:")
    c.executescript(sql)
    yield c
    c.close()


def person(text, canonical=None, title=None):
    return Entity(0, len(text), text, "PERSON", canonical or text, title)


def rows(conn):
    return {(a, l): (c, n) for a, l, c, n in conn.execute("SELECT alias, label, canonical, n FROM aliases")}


def test_short_name_gets_the_stores_full_name(conn):
    resolve_aliases(conn, [person("Ilham Aliyev"), person("Aliyev", "Ilham Aliyev")])
    out = resolve_aliases(conn, [person("Aliyev")])
    assert out[0].canonical == "Ilham Aliyev"
    assert out[0].text == "Aliyev"


def test_aliases_are_recorded_and_counted(conn):
    resolve_aliases(conn, [person("Ilham Aliyev"), person("Aliyev", "Ilham Aliyev")])
    resolve_aliases(conn, [person("Aliyev")])
    r = rows(conn)
    assert r[("Aliyev", "PERSON")] == ("Ilham Aliyev", 2)
    assert r[("Ilham Aliyev", "PERSON")] == ("Ilham Aliyev", 1)


def test_title_is_not_part_of_the_alias(conn):
    resolve_aliases(conn, [person("President Ilham Aliyev", "Ilham Aliyev", "President")])
    assert ("Ilham Aliyev", "PERSON") in rows(conn)
    assert not any(a.startswith("President") for a, _ in rows(conn))


def test_two_candidates_are_not_merged(conn):
    resolve_aliases(conn, [person("Anna Lindgren"), person("Lindgren", "Anna Lindgren")])
    resolve_aliases(conn, [person("Erik Lindgren")])
    out = resolve_aliases(conn, [person("Lindgren")])
    assert out[0].canonical == "Lindgren"
    # and the earlier link is not overwritten by the ambiguous article
    assert rows(conn)[("Lindgren", "PERSON")][0] == "Anna Lindgren"


def test_later_full_name_upgrades_an_early_short_one(conn):
    resolve_aliases(conn, [person("Kochav")])
    assert rows(conn)[("Kochav", "PERSON")][0] == "Kochav"
    resolve_aliases(conn, [person("Ran Kochav"), person("Kochav", "Ran Kochav")])
    assert rows(conn)[("Kochav", "PERSON")][0] == "Ran Kochav"
    assert store_canonical(conn, "Kochav", "PERSON") == "Ran Kochav"


def test_acronym_across_articles(conn):
    long = "Collective Security Treaty Organisation"
    resolve_aliases(conn, [Entity(0, 4, "CSTO", "ORG", long)])
    out = resolve_aliases(conn, [Entity(10, 14, "CSTO", "ORG", "CSTO")])
    assert out[0].canonical == long


def test_labels_are_kept_apart(conn):
    resolve_aliases(conn, [person("Jordan Reyes"), person("Reyes", "Jordan Reyes")])
    out = resolve_aliases(conn, [Entity(0, 5, "Reyes", "ORG", "Reyes")])
    assert out[0].canonical == "Reyes"


def test_input_unchanged_and_no_commit(conn):
    conn.execute("BEGIN")
    ents = [person("Ilham Aliyev"), person("Aliyev")]
    out = resolve_aliases(conn, ents)
    assert ents[1].canonical == "Aliyev"  # the caller's list is not changed
    assert out[1].canonical == "Aliyev"  # within one article the article's linking rules
    assert conn.in_transaction
    conn.rollback()
    assert rows(conn) == {}
