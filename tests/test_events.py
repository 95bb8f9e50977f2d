"""Event extraction from the shared parse: predicates, arguments, coding, where/when, modality."""
import pytest

from storyline.model import PLOVER_TYPES, Article, Entity, TimeMention
from storyline.nlp.events import find_events


def events(nlp, text, date="2024-04-20", times=(), entities=()):
    article = Article(source="test", text=text, date=date, times=list(times), entities=list(entities))
    return find_events(nlp(text), article)


def one(nlp, text, **kw):
    evs = events(nlp, text, **kw)
    assert len(evs) == 1, evs
    return evs[0]


def test_verbal_predicate(nlp):
    e = one(nlp, "Russia withdrew its peacekeepers from Karabakh.")
    assert (e.code, e.actor_code, e.target_code) == ("RETREAT", "RUS", "AZE")
    assert e.mode == "withdraw" and e.score > 0 and not e.negated and e.modality is None
    assert e.action == "withdrew"
    assert (e.start, e.end) == (0, len("Russia withdrew its peacekeepers from Karabakh."))


def test_nominal_predicate_with_light_verb(nlp):
    e = one(nlp, "Azerbaijan launched an offensive against Armenian separatists in Karabakh.")
    assert (e.code, e.actor_code, e.target_code, e.target_sector) == ("FIGHT", "AZE", "ARM", "REB")
    assert "offensive" in e.action and e.score <= -9


def test_nominal_predicate_of_phrase_is_actor(nlp):
    e = one(nlp, "The withdrawal of the Russian peacekeepers began on Wednesday.")
    assert (e.code, e.actor_code, e.actor_sector) == ("RETREAT", "RUS", "MIL")


def test_passive_agent_is_actor(nlp):
    e = one(nlp, "The Armenian village was attacked by Azerbaijani forces.")
    assert (e.actor_code, e.actor_sector, e.target_code) == ("AZE", "MIL", "ARM")
    assert e.code in ("ASSAULT", "FIGHT")


def test_coordinated_actors_mutual(nlp):
    e = one(nlp, "Armenia and Azerbaijan signed a peace agreement.")
    assert (e.code, e.actor_code, e.target_code) == ("AGREE", "ARM", "AZE")


def test_coordinated_actors_separate(nlp):
    evs = events(nlp, "Armenia and France condemned the blockade of the corridor.")
    assert [(e.code, e.actor_code) for e in evs] == [("DISAPPROVE", "ARM"), ("DISAPPROVE", "FRA")]


def test_negation(nlp):
    e = one(nlp, "Azerbaijan did not attack the Armenian positions.")
    assert e.negated and e.actor_code == "AZE"


def test_threat_is_not_the_deed(nlp):
    e = one(nlp, "Azerbaijan threatened to launch a new offensive against Armenia.")
    assert (e.code, e.modality, e.actor_code, e.target_code) == ("THREATEN", "threat", "AZE", "ARM")
    assert "threatened" in e.action


def test_plan_modality(nlp):
    e = one(nlp, "Armenia plans to withdraw from the alliance.")
    assert e.modality == "plan"
    assert e.code == "AGREE"  # PLOVER codes a stated intention to cooperate as AGREE


def test_refusal_to_cooperate_is_reject(nlp):
    e = one(nlp, "Armenia refused to sign the treaty with Azerbaijan.")
    assert (e.code, e.actor_code) == ("REJECT", "ARM")


def test_metonyms_and_capitals(nlp):
    e = one(nlp, "The Kremlin criticized Yerevan for its decision.")
    assert (e.code, e.actor_code, e.actor_sector, e.target_code, e.target_sector) == \
        ("DISAPPROVE", "RUS", "GOV", "ARM", "GOV")


def test_stop_verb_with_event_noun(nlp):
    assert one(nlp, "Japan halted economic aid to Serbia.").code == "SANCTION"
    assert one(nlp, "The government lifted the curfew in the capital.").code == "CONCEDE"


def test_civilian_blockade_is_protest(nlp):
    e = one(nlp, "Angry farmers blocked the main road into the capital.")
    assert e.code == "PROTEST"


def test_where_is_geocoded(nlp):
    e = one(nlp, "Armenian police arrested dozens of protesters in Yerevan.")
    assert (e.code, e.actor_code, e.actor_sector) == ("COERCE", "ARM", "COP")
    assert e.target_sector == "CVL"
    assert e.where == "Yerevan" and 40 < e.lat < 41 and 44 < e.lon < 45


def test_when_from_the_sentence_else_article_date(nlp):
    text = "Aliyev met Putin in Moscow on 22 April 2024."
    start = text.index("22 April")
    t = TimeMention(start, start + len("22 April 2024"), "22 April 2024", "DATE", "2024-04-22")
    assert one(nlp, text, times=[t]).when == "2024-04-22"
    assert one(nlp, text).when == "2024-04-20"  # past-tense report: the article date
    assert one(nlp, text, date=None).when is None


def test_entity_codes_are_used(nlp):
    text = "Aliyev met Putin in Moscow."
    ents = [Entity(0, 6, "Aliyev", "PERSON", "Ilham Aliyev", code="AZE", sector="GOV"),
            Entity(11, 16, "Putin", "PERSON", "Vladimir Putin", code="RUS", sector="GOV")]
    e = one(nlp, text, entities=ents)
    assert (e.actor, e.actor_code, e.target, e.target_code) == ("Ilham Aliyev", "AZE", "Vladimir Putin", "RUS")
    assert e.code == "CONSULT" and e.where == "Moscow"


def test_one_main_event_per_clause(nlp):
    evs = events(nlp, "Officials said Azerbaijani troops shelled the town. Armenia later recalled its ambassador.")
    assert [e.code for e in evs] == ["FIGHT", "SANCTION"]
    assert evs[1].start > evs[0].end - 1


def test_no_event(nlp):
    assert events(nlp, "The weather was mild in the valley.") == []


def test_codes_always_plover(nlp):
    text = ("Hamas fighters fired rockets at Israel. The European Union sent humanitarian aid to "
            "Armenian refugees. Protesters in Yerevan demanded the resignation of the prime minister.")
    evs = events(nlp, text)
    assert [e.code for e in evs] == ["FIGHT", "AID", "DEMAND"]
    assert all(e.code in PLOVER_TYPES and -10 <= e.score <= 10 for e in evs)


def test_article_country_codes_unplaced_actors(nlp):
    text = ("Dockworkers in Gdansk, Poland, went on strike on Monday. "
            "Police arrested the union leader on Thursday.")
    evs = events(nlp, text)
    arrest = [e for e in evs if e.code == "COERCE"]
    assert arrest and arrest[0].actor_code == "POL" and arrest[0].actor_sector == "COP"


def test_city_names_resolved_by_article_country(nlp):
    text = ("Port workers in Valparaiso, Chile, went on strike. "
            "The union threatened to spread the strike to San Antonio. "
            "Police arrested eleven workers in San Antonio.")
    threat = [e for e in events(nlp, text) if e.code == "THREATEN"]
    assert threat and threat[0].target == "San Antonio" and threat[0].target_code == "CHL"
    arrest = [e for e in events(nlp, text) if e.code == "COERCE"]
    assert arrest and arrest[0].where == "San Antonio" and arrest[0].actor_code == "CHL"
    assert arrest[0].lat < 0  # the Chilean port, not the Texan city


def test_event_without_participants_is_dropped(nlp):
    assert events(nlp, "Talks were held.") == []


def test_must_clause_is_the_speakers_demand(nlp):
    e = one(nlp, "The French foreign minister said that Azerbaijan must withdraw its troops.")
    assert (e.code, e.actor_code, e.actor_sector, e.target_code) == ("DEMAND", "FRA", "GOV", "AZE")


def test_possessive_pronoun_takes_its_antecedents_country(nlp):
    e = one(nlp, "Armenian officials said their troops had completed the withdrawal.")
    assert (e.code, e.actor_code, e.actor_sector) == ("RETREAT", "ARM", "MIL")


# Two hand-written sentences per PLOVER type (none from any data set).
TYPE_SENTENCES = [
    ('AGREE', 'Georgia and Moldova agreed to open a joint border post.'),
    ('AGREE', 'The Syrian government promised to release all political prisoners by June.'),
    ('CONSULT', 'The Turkish foreign minister visited Baghdad on Monday.'),
    ('CONSULT', 'Kenyan and Ugandan officials held talks on the disputed island.'),
    ('SUPPORT', 'The African Union praised Ghana for the peaceful election.'),
    ('SUPPORT', 'Canada welcomed the decision of the Colombian government.'),
    ('CONCEDE', 'The Thai government apologized to the families of the victims.'),
    ('CONCEDE', 'Bolivia eased restrictions on foreign journalists.'),
    ('COOPERATE', 'The Norwegian police shared intelligence with Sweden on organised crime.'),
    ('COOPERATE', 'Spain extradited two suspects to Morocco.'),
    ('AID', 'Japan provided emergency food aid to North Korea.'),
    ('AID', 'The World Bank approved a loan to Egypt.'),
    ('RETREAT', 'Israeli troops pulled out of the southern town.'),
    ('RETREAT', 'The rebels released twelve hostages in northern Mali.'),
    ('INVESTIGATE', 'Dutch prosecutors opened an investigation into the bank.'),
    ('INVESTIGATE', 'UN inspectors examined the nuclear site in Iran.'),
    ('DEMAND', 'The European Union called on Belarus to free the jailed journalists.'),
    ('DEMAND', 'Opposition leaders demanded new elections in Venezuela.'),
    ('DISAPPROVE', 'China criticized Japan over the textbook dispute.'),
    ('DISAPPROVE', 'Human Rights Watch accused Ethiopian soldiers of torture.'),
    ('REJECT', 'Iran rejected the proposal from the Security Council.'),
    ('REJECT', 'Serbia refused to recognize Kosovo.'),
    ('THREATEN', 'North Korea threatened to strike South Korea.'),
    ('THREATEN', 'The United States warned Syria of severe consequences.'),
    ('PROTEST', 'Thousands of students demonstrated in Santiago against tuition fees.'),
    ('PROTEST', 'Nigerian workers went on a general strike over fuel prices.'),
    ('MOBILIZE', 'India deployed additional troops to the border with Pakistan.'),
    ('MOBILIZE', 'Russia mobilized reservists near the Ukrainian border.'),
    ('SANCTION', 'Washington imposed sanctions on Venezuelan officials.'),
    ('SANCTION', 'Lithuania expelled two Russian diplomats.'),
    ('COERCE', 'Egyptian police arrested dozens of protesters in Cairo.'),
    ('COERCE', 'The Iranian authorities banned two reformist newspapers.'),
    ('ASSAULT', 'Gunmen kidnapped three aid workers in Somalia.'),
    ('ASSAULT', 'A suicide bomber killed twenty civilians in Kabul.'),
    ('FIGHT', 'Ethiopian troops clashed with Eritrean forces along the border.'),
    ('FIGHT', 'Turkish warplanes bombed Kurdish rebel positions in northern Iraq.'),
]


@pytest.mark.parametrize("code,text", TYPE_SENTENCES)
def test_every_plover_type(nlp, code, text):
    assert code in [e.code for e in events(nlp, text)]


def test_pronoun_from_previous_sentence(nlp):
    evs = events(nlp, "Greek dockworkers went on strike on Monday. They marched to the port on Wednesday.")
    march = [e for e in evs if e.action.startswith("marched")]
    assert march and march[0].actor == "Greek dockworkers" and march[0].actor_code == "GRC"


def test_coordinated_people_of_one_country_are_one_event(nlp):
    evs = events(nlp, "Greek dockworkers and their families marched to the port.")
    assert len(evs) == 1 and evs[0].code == "PROTEST"
