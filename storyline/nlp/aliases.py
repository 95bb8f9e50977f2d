"""The store-wide alias table: names as written -> the one canonical name across articles.

An article that only says "Aliyev" gets "Ilham Aliyev" when an earlier article established
that name; an acronym gets the long form an earlier article gave ("CSTO"). Two people who share
a last name are never merged: when the store knows two full names that contain the short one,
the article keeps its own name.

:func:`resolve_aliases` reads and writes the ``aliases`` table of
``storyline/store/migrations/0001_init.sql`` through the connection it is given and never
commits: the caller runs it inside the store's write transaction.
"""
from __future__ import annotations

import dataclasses
import sqlite3

from ..model import Entity
from .entities import clean_name, strip_edges

# Labels whose names are linked across articles. Dates, numbers and the like are not names.
ALIAS_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def _words(name: str) -> list[str]:
    return name.split()


def _extends(long: str, short: str) -> bool:
    """``long`` is a fuller form of ``short``: it has more words, ends with the same word, and
    holds ``short``'s words in order ("Ilham Aliyev" extends "Aliyev")."""
    lw, sw = _words(long), _words(short)
    if len(sw) >= len(lw) or lw[-1] != sw[-1]:
        return False
    it = iter(lw)
    return all(w in it for w in sw)


def _candidates(conn: sqlite3.Connection, name: str, label: str) -> set[str]:
    """Store canonicals that are fuller forms of ``name``: through a recorded alias row, or a
    canonical that ends with it."""
    found: set[str] = set()
    row = conn.execute("SELECT canonical FROM aliases WHERE alias = ? AND label = ?",
                       (name, label)).fetchone()
    if row and row[0] != name:
        found.add(row[0])
    if label == "PERSON":
        last = _words(name)[-1]
        like = "% " + last.replace("%", "").replace("_", "")
        for (canonical,) in conn.execute(
                "SELECT DISTINCT canonical FROM aliases WHERE label = ? AND canonical LIKE ?",
                (label, like)):
            if _extends(canonical, name):
                found.add(canonical)
    return found


def _one_person(cands: set[str]) -> str | None:
    """The longest candidate when all candidates are forms of one name, else None."""
    longest = max(cands, key=lambda c: (len(_words(c)), len(c)))
    if all(c == longest or _extends(longest, c) for c in cands):
        return longest
    return None


def store_canonical(conn: sqlite3.Connection, name: str, label: str) -> str:
    """The store-wide canonical for an article's canonical ``name`` (``name`` itself when the
    store knows no fuller form, or knows two different ones)."""
    cands = _candidates(conn, name, label)
    if not cands:
        return name
    return _one_person(cands) or name


def record_alias(conn: sqlite3.Connection, alias: str, label: str, canonical: str) -> None:
    """Count one more use of ``alias`` for ``canonical``. A row that pointed at a shorter form
    moves to the fuller one; a row for a different full name is left alone (first come)."""
    row = conn.execute("SELECT canonical FROM aliases WHERE alias = ? AND label = ?",
                       (alias, label)).fetchone()
    if row is None:
        conn.execute("INSERT INTO aliases(alias, label, canonical, n) VALUES (?, ?, ?, 1)",
                     (alias, label, canonical))
    elif row[0] == canonical:
        conn.execute("UPDATE aliases SET n = n + 1 WHERE alias = ? AND label = ?", (alias, label))
    elif _extends(canonical, row[0]) or row[0] == alias:
        conn.execute("UPDATE aliases SET canonical = ?, n = n + 1 WHERE alias = ? AND label = ?",
                     (canonical, alias, label))
        # everything that pointed at the shorter form now points at the fuller one
        conn.execute("UPDATE aliases SET canonical = ? WHERE canonical = ? AND label = ?",
                     (canonical, row[0], label))


def _alias_of(entity: Entity) -> str:
    """The name as written: the mention text without title, possessive or leading "the"."""
    name = clean_name(entity.text)
    if entity.title and name.startswith(entity.title):
        name = strip_edges(name[len(entity.title):])
    return name or entity.canonical


def resolve_aliases(conn: sqlite3.Connection, entities: list[Entity]) -> list[Entity]:
    """Map each entity's canonical name to the store-wide one and record this article's aliases.

    Returns new Entity records (the input list is not changed). Runs inside the caller's
    transaction; never commits."""
    resolved: dict[tuple[str, str], str] = {}
    out: list[Entity] = []
    for e in entities:
        if e.label not in ALIAS_LABELS or not e.canonical:
            out.append(e)
            continue
        key = (e.canonical, e.label)
        if key not in resolved:
            resolved[key] = store_canonical(conn, e.canonical, e.label)
        out.append(dataclasses.replace(e, canonical=resolved[key]))
    seen: set[tuple[str, str, str]] = set()
    for e in out:
        if e.label not in ALIAS_LABELS or not e.canonical:
            continue
        alias = _alias_of(e)
        if alias and (alias, e.label, e.canonical) not in seen:  # n counts articles
            seen.add((alias, e.label, e.canonical))
            record_alias(conn, alias, e.label, e.canonical)
        # the canonical name itself is always a known alias (n=0 until an article writes it)
        conn.execute("INSERT OR IGNORE INTO aliases(alias, label, canonical, n) VALUES (?, ?, ?, 0)",
                     (e.canonical, e.label, e.canonical))
    return out
