"""Entities: canonical names, titles, acronyms and codes on hand-written (fictional) text."""
import pytest

from storyline.nlp.entities import acronym_of, clean_name, read_entities, split_title


def ents(nlp, text):
    return read_entities(nlp(text), None)


def canon_of(entities, surface):
    found = [e for e in entities if e.text == surface]
    assert found, f"no mention {surface!r} in {[e.text for e in entities]}"
    return found[0]


def has_actors():
    try:
        from storyline.nlp.actors import code_actor  # noqa: F401
    except Exception:
        return False
    return True


# ---------------------------------------------------------------- pure helpers
def test_clean_name_strips_possessive_and_the():
    assert clean_name("the Kremlin's") == "Kremlin"
    assert clean_name("Nikol Pashinyan\u2019s") == "Nikol Pashinyan"
    assert clean_name("The Hague") == "Hague"
    assert clean_name("Davis'") == "Davis"


def test_split_title():
    assert split_title(["Brig.", "Gen.", "Ran", "Kochav"]) == ("Brig. Gen.", ["Ran", "Kochav"])
    assert split_title(["Prime", "Minister", "Nikol", "Pashinyan"]) == ("Prime Minister", ["Nikol", "Pashinyan"])
    assert split_title(["Ran", "Kochav"]) == (None, ["Ran", "Kochav"])
    assert split_title(["President"]) == (None, ["President"])  # a name keeps one word


def test_acronym_of():
    assert acronym_of("Collective Security Treaty Organisation") == "CSTO"
    assert acronym_of("Organisation of the Petroleum Exporting Countries") == "OPEC"


# ---------------------------------------------------------------- one canonical per article
def test_last_name_and_title_link_to_full_name(nlp):
    text = ("Prime Minister Nikol Pashinyan flew to Brussels on Monday. "
            "Pashinyan said the talks were useful. Later Nikol Pashinyan's office issued a statement.")
    es = ents(nlp, text)
    people = [e for e in es if e.label == "PERSON"]
    assert {e.canonical for e in people} == {"Nikol Pashinyan"}
    assert len(people) == 3
    first = canon_of(es, "Nikol Pashinyan")
    assert first.title == "Prime Minister"


def test_title_inside_span_is_split(nlp):
    text = "Brig. Gen. Ran Kochav told reporters the convoy had left. Kochav declined to say more."
    es = ents(nlp, text)
    kochav = [e for e in es if e.label == "PERSON"]
    assert kochav and all(e.canonical == "Ran Kochav" for e in kochav)
    assert kochav[0].title == "Brig. Gen."
    assert "Kochav" in kochav[0].text


def test_surname_alone_links_to_full_name(nlp):
    text = ("President Ilham Aliyev met the envoy in Baku. On Tuesday Aliyev rejected the offer, "
            "and Aliyev's aides said nothing.")
    people = [e for e in ents(nlp, text) if e.label == "PERSON"]
    assert people and {e.canonical for e in people} == {"Ilham Aliyev"}
    assert len(people) >= 2


def test_two_people_sharing_a_last_name_stay_apart(nlp):
    text = ("Anna Lindgren and Erik Lindgren both ran for the council. "
            "Lindgren said the vote was fair.")
    es = [e for e in ents(nlp, text) if e.label == "PERSON"]
    names = {e.text: e.canonical for e in es}
    assert names.get("Anna Lindgren") == "Anna Lindgren"
    assert names.get("Erik Lindgren") == "Erik Lindgren"
    assert names.get("Lindgren") == "Lindgren"


def test_given_name_left_out_of_the_span_stays_with_the_person(nlp):
    # the small model tags only the surname of a family member sharing it with a better known
    # relative; the given name must not be lost, or she is merged with him
    text = ("Oksana Varga and her father Tibor Varga opened the museum on Tuesday. "
            "Later Oksana Varga said the collection would travel to Vienna.")
    es = [e for e in ents(nlp, text) if e.label == "PERSON"]
    canon = {e.canonical for e in es}
    assert "Oksana Varga" in canon and "Tibor Varga" in canon
    assert all(text[e.start:e.end] == e.text for e in es)
    oksana = [e for e in es if e.canonical == "Oksana Varga"]
    assert len(oksana) == 2


def test_acronym_links_to_long_form(nlp):
    text = ("The Collective Security Treaty Organisation (CSTO) met in Minsk. "
            "Armenia has frozen its part in the CSTO since last year.")
    es = ents(nlp, text)
    csto = [e for e in es if e.text == "CSTO"]
    assert len(csto) == 2
    assert all(e.canonical == "Collective Security Treaty Organisation" for e in csto)
    long = [e for e in es if "Collective" in e.text]
    assert long and long[0].canonical == "Collective Security Treaty Organisation"  # no "The"


def test_offsets_match_text(nlp):
    text = "Mayor Elena Vos opened the Tessel bridge. Vos thanked the engineers of Harlow Works."
    for e in ents(nlp, text):
        assert text[e.start:e.end] == e.text


# ---------------------------------------------------------------- codes and metonyms
@pytest.mark.skipif(not has_actors(), reason="storyline.nlp.actors not available")
def test_metonyms_and_demonyms_name_the_country(nlp):
    text = ("The Kremlin said Russian troops would stay. Moscow's decision angered Yerevan, "
            "and Baku welcomed it.")
    es = ents(nlp, text)
    by_text = {e.text: e for e in es}
    assert by_text["Kremlin"].canonical == "Russia" and by_text["Kremlin"].code == "RUS"
    assert by_text["Kremlin"].sector == "GOV"
    assert by_text["Russian"].canonical == "Russia"
    assert by_text["Moscow"].canonical == "Russia"
    assert by_text["Yerevan"].canonical == "Armenia" and by_text["Yerevan"].code == "ARM"


@pytest.mark.skipif(not has_actors(), reason="storyline.nlp.actors not available")
def test_a_capital_as_a_place_keeps_its_name(nlp):
    text = "The two leaders met in Moscow on Friday."
    moscow = canon_of(ents(nlp, text), "Moscow")
    assert moscow.canonical == "Moscow" and moscow.code == "RUS"


@pytest.mark.skipif(not has_actors(), reason="storyline.nlp.actors not available")
def test_igo_code(nlp):
    text = "The European Union said it would send monitors."
    eu = [e for e in ents(nlp, text) if "European Union" in e.text]
    assert eu and eu[0].code == "IGO" and eu[0].canonical == "European Union"


@pytest.mark.skipif(not has_actors(), reason="storyline.nlp.actors not available")
def test_institutions_keep_their_names(nlp):
    text = "Congress said the bill was dead, and the State Department said it would not comment."
    es = ents(nlp, text)
    congress = [e for e in es if e.text == "Congress"]
    assert congress and congress[0].canonical == "Congress" and congress[0].code == "USA"
    state = [e for e in es if "State Department" in e.text]
    assert state and state[0].canonical == "State Department"


def test_abbreviations_keep_their_dot():
    assert clean_name("Fla.") == "Fla."
    assert clean_name("the U.S.") == "U.S."
