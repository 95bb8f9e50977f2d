"""Actor coding: mentions -> CAMEO country/IGO code and sector."""
import pytest

from storyline.nlp.actors import code_actor, country_code, country_name, geocode


@pytest.mark.parametrize("text,expected", [
    ("Russian peacekeepers", ("RUS", "MIL")),
    ("the Kremlin", ("RUS", "GOV")),
    ("Azerbaijani forces", ("AZE", "MIL")),
    ("Baku", ("AZE", "GOV")),
    ("Yerevan", ("ARM", "GOV")),
    ("the European Union", ("IGO", "IGO")),
    ("Hamas", ("PSE", "REB")),
    ("protesters in Armenia", ("ARM", "CVL")),
    ("Armenia's government", ("ARM", "GOV")),
    ("the government of Sudan", ("SDN", "GOV")),
    ("U.S. troops", ("USA", "MIL")),
    ("Downing Street", ("GBR", "GOV")),
    ("Israeli police", ("ISR", "COP")),
    ("Palestinian gunmen", ("PSE", "REB")),
    ("the opposition in Serbia", ("SRB", "OPP")),
    ("Karabakh separatists", ("AZE", "REB")),
])
def test_code_actor(text, expected):
    assert code_actor(text) == expected


def test_country_alone_has_no_sector():
    assert code_actor("Russia") == ("RUS", None)
    assert code_actor("the United States") == ("USA", None)


def test_other_side_after_to_is_not_the_actor():
    # "the envoy to Armenia" is the other country's envoy, not Armenia's
    assert code_actor("the French envoy to Armenia") == ("FRA", "GOV")


def test_head_noun_gives_sector():
    assert code_actor("leader of the rebels")[1] == "REB"
    assert code_actor("opposition protesters")[1] == "CVL"
    assert code_actor("a rebel spokesman")[1] == "REB"


def test_acronyms_match_only_in_capitals():
    assert code_actor("us") == (None, None)
    assert code_actor("who") == (None, None)
    assert code_actor("the WHO") == ("IGO", "IGO")


def test_unknown_mention():
    assert code_actor("") == (None, None)
    assert code_actor("a man") == (None, None)


def test_country_name_and_code():
    assert country_name("RUS") == "Russia"
    assert country_name("ARM") == "Armenia"
    assert country_name("IGO") is None
    assert country_name(None) is None
    assert country_code("Yerevan") == "ARM"
    assert country_code("Azerbaijani") == "AZE"
    assert country_code("Hamas") is None  # a named group, not a country


def test_geocode_cities_and_countries():
    lat, lon, code = geocode("Moscow")
    assert code == "RUS" and 55 < lat < 56 and 37 < lon < 38
    assert geocode("Armenia")[2] == "ARM"
    assert geocode("Nowhereville") is None
    assert geocode(None) is None
