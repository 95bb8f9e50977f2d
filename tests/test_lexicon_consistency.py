"""The lexicon and actor tables are data files; every code in them must be valid."""
import collections

import pytest

from storyline.model import PLOVER_TYPES
from storyline.nlp import actors
from storyline.nlp.event_triggers import LEXICON_RULES, _lexicon_rows, load_lexicon, parse_entry


def _expanded(entry):
    """The patterns an entry stands for: one per listed object."""
    if not entry.objects:
        return [(entry.lemma, entry.particle, None)]
    return [(entry.lemma, entry.particle, o) for o in entry.objects]


@pytest.mark.parametrize("name,noun", [("plover_verbs.tsv", False), ("plover_nouns.tsv", True)])
def test_lexicon_codes_valid(name, noun):
    rows = _lexicon_rows(name)
    assert len(rows) > 50
    for row in rows:
        e = parse_entry(row, noun)
        assert e.type in PLOVER_TYPES, row
        assert -10 <= e.score <= 10, row
        assert e.rule in LEXICON_RULES, row
        assert e.lemma and e.lemma == e.lemma.strip(), row


@pytest.mark.parametrize("name,noun", [("plover_verbs.tsv", False), ("plover_nouns.tsv", True)])
def test_lexicon_no_duplicate_patterns(name, noun):
    seen = collections.Counter()
    for row in _lexicon_rows(name):
        for key in _expanded(parse_entry(row, noun)):
            seen[key] += 1
    dups = [k for k, n in seen.items() if n > 1]
    assert not dups


def test_every_type_has_words():
    verbs, nouns = load_lexicon()
    types = {e.type for entries in list(verbs.values()) + list(nouns.values()) for e in entries}
    assert types == set(PLOVER_TYPES)


def test_country_codes_valid_and_unique():
    table = actors.country_table()
    assert len(table) > 190
    for code in table:
        assert actors.valid_code(code), code
    assert not actors.valid_code("XYZ")


def test_named_regions_sectors_valid():
    for pattern, code, sector in actors.named_table():
        assert actors.valid_code(code), pattern
        assert sector in actors.SECTORS, pattern
    for region, code in actors.region_table():
        assert actors.valid_code(code), region
    for word, sector, weak in actors.sector_table():
        assert sector in actors.SECTORS, word


def test_no_duplicate_actor_patterns():
    seen = collections.Counter()
    for code, row in actors.country_table().items():
        for p in [row["name"], *row["aliases"], *row["demonyms"], *row["capitals"]]:
            seen[actors._key(p)] += 1
    for pattern, _, _ in actors.named_table():
        seen[actors._key(pattern)] += 1
    for region, _ in actors.region_table():
        seen[actors._key(region)] += 1
    assert [k for k, n in seen.items() if n > 1] == []
    words = collections.Counter(w.lower() for w, _, _ in actors.sector_table())
    assert [k for k, n in words.items() if n > 1] == []
