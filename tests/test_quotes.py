"""Quotes and speakers on short hand-written (fictional) articles."""
import json
import os
from pathlib import Path

import pytest

from storyline.nlp.entities import read_entities
from storyline.nlp.quotes import find_quotes
from storyline.nlp.quotes_cues import load_verbs
from storyline.nlp.quotes_marks import find_segments

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "data" / "polnear" / "dev.jsonl"


def read(nlp, text):
    doc = nlp(text)
    return find_quotes(doc, read_entities(doc, None))


def quote_with(quotes, words):
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return hits[0]


# ---------------------------------------------------------------- quote marks
def test_segments_straight_and_curly_marks():
    text = 'She said "we are ready" and later \u201cwe will go\u201d.'
    segs = [text[s.start:s.end] for s in find_segments(text)]
    assert segs == ["we are ready", "we will go"]


def test_segments_run_over_paragraphs():
    text = ("\u201cThe river rose overnight.\n\n"
            "\u201cBy morning the road was gone,\u201d the farmer said.")
    segs = find_segments(text)
    assert [text[s.start:s.end] for s in segs] == ["The river rose overnight.",
                                                   "By morning the road was gone,"]
    assert segs[1].continued and segs[0].para == 0 and segs[1].para == 1


def test_segments_double_apostrophe_marks():
    text = "''We will not wait,'' the mayor said."
    assert [text[s.start:s.end] for s in find_segments(text)] == ["We will not wait,"]


def test_lexicon_has_classes():
    verbs = load_verbs()
    assert "speech" in verbs["say"] and "belief" in verbs["think"] and "intent" in verbs["vow"]


# ---------------------------------------------------------------- direct quotes
def test_direct_quote_inverted_cue_and_pronoun(nlp):
    text = ("\u201cThe border talks have stalled again,\u201d said Gela Kipiani, an analyst in Tbilisi.\n\n"
            "\u201cNobody in the capital expects a deal this year,\u201d he told AFP.")
    quotes = read(nlp, text)
    first = quote_with(quotes, "border talks have stalled")
    assert first.direct and first.speaker == "Gela Kipiani"
    assert first.text == "The border talks have stalled again"
    assert text[first.speaker_start:first.speaker_end] == "Gela Kipiani"
    second = quote_with(quotes, "Nobody in the capital")
    assert second.speaker == "Gela Kipiani"
    assert text[second.speaker_start:second.speaker_end] == "he"
    assert second.cue == "told"


def test_straight_marks_and_subject_first(nlp):
    text = 'Marta Olsen said: "The harvest was the worst in twenty years."'
    q = quote_with(read(nlp, text), "harvest was the worst")
    assert q.direct and q.speaker == "Marta Olsen"
    assert text[q.start - 1] == '"' and text[q.end] == '"'


def test_she_added(nlp):
    text = ("Deputy Mayor Ingrid Halvorsen defended the budget on Monday. "
            "\u201cEvery school will get a new roof,\u201d she added.")
    q = quote_with(read(nlp, text), "Every school")
    assert q.speaker == "Ingrid Halvorsen"
    assert text[q.speaker_start:q.speaker_end] == "she"


def test_quote_over_two_paragraphs_has_one_speaker(nlp):
    text = ("Farmer Tomas Brenner described the flood. \u201cThe water came at night,\u201d Brenner said. "
            "\u201cWe lost the barn and the tractor.\n\n"
            "\u201cNow we wait for the insurers, and they are slow.\u201d")
    quotes = read(nlp, text)
    a = quote_with(quotes, "We lost the barn")
    b = quote_with(quotes, "Now we wait")
    assert a.direct and b.direct
    assert a.speaker == b.speaker == "Tomas Brenner"
    assert not b.text.startswith("\u201c")


def test_cueless_paragraph_takes_previous_speaker(nlp):
    text = ("\u201cWe will keep the mine open,\u201d said Helena Marsh, the company's chief executive.\n\n"
            "\u201cThree hundred families depend on it, and we have told the ministry so in writing.\u201d\n\n"
            "The ministry did not reply.")
    quotes = read(nlp, text)
    run_on = quote_with(quotes, "Three hundred families")
    assert run_on.speaker == "Helena Marsh" and run_on.direct


def test_mixed_quote(nlp):
    text = ('Finance Minister Paul Ortmann said the plan would "saddle the next generation '
            'with debt" and promised a review.')
    q = quote_with(read(nlp, text), "saddle")
    assert q.text == "saddle the next generation with debt"
    assert q.direct and q.speaker == "Paul Ortmann"


def test_scare_quotes_without_cue_are_not_quotes(nlp):
    text = 'The so-called "peace train" left the station on Monday.'
    assert not any("peace train" in q.text for q in read(nlp, text))


# ---------------------------------------------------------------- indirect speech
def test_said_that_and_said_without_that(nlp):
    text = ("Paul Ortmann said that taxes would rise next year. "
            "Later, Ortmann said the deficit was under control.")
    quotes = read(nlp, text)
    a = quote_with(quotes, "taxes would rise")
    assert not a.direct and a.speaker == "Paul Ortmann" and a.text == "that taxes would rise next year"
    b = quote_with(quotes, "deficit was under control")
    assert not b.direct and b.speaker == "Paul Ortmann"
    assert text[b.speaker_start:b.speaker_end] == "Ortmann"


def test_according_to(nlp):
    text = "According to Lena Fischer, the bridge will reopen in May."
    q = quote_with(read(nlp, text), "bridge will reopen")
    assert q.speaker == "Lena Fischer" and q.cue == "According to" and not q.direct
    assert q.text == "the bridge will reopen in May"


def test_told_reporters_and_warned(nlp):
    text = ("Peter Lindqvist told reporters the negotiations had collapsed. "
            "Anna Berglund warned that prices could double by winter.")
    quotes = read(nlp, text)
    assert quote_with(quotes, "negotiations had collapsed").speaker == "Peter Lindqvist"
    warned = quote_with(quotes, "prices could double")
    assert warned.speaker == "Anna Berglund" and warned.cue == "warned"


def test_organisation_speaker(nlp):
    text = "The Israeli military said in a statement that two rockets had been intercepted."
    q = quote_with(read(nlp, text), "two rockets")
    assert q.speaker is not None and "military" in q.speaker.lower()
    assert not q.speaker.lower().startswith("the ")


def test_description_resolves_to_titled_person(nlp):
    text = ("Prime Minister Nikol Arakelyan met the delegation on Friday. "
            "The prime minister said the agreement was close.")
    q = quote_with(read(nlp, text), "agreement was close")
    assert q.speaker == "Nikol Arakelyan"


def test_quotes_are_in_text_order(nlp):
    text = ("Marta Olsen said prices fell. \u201cIt was a hard year for everyone,\u201d she said. "
            "According to the union, wages stayed flat.")
    quotes = read(nlp, text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert text[q.start:q.end] == q.text


@pytest.mark.skipif(not os.path.exists(POLNEAR), reason="shared evaluation data absent")
def test_polnear_smoke(nlp):
    """Five PolNeAR dev articles: most gold attributions are found."""
    with open(POLNEAR, encoding="utf-8") as fh:
        rows = [json.loads(line) for line, _ in zip(fh, range(5))]
    found = total = 0
    for r in rows:
        quotes = read(nlp, r["text"])
        for g in r["quotes"]:
            if g.get("quote_spans"):
                total += 1
                found += any(q.start < e and s < q.end for q in quotes for s, e in g["quote_spans"])
    assert found / total > 0.5


# ---------------------------------------------------------------- more cue shapes
def test_parenthetical_cue(nlp):
    text = "The goal, Marta Olsen said, is to finish the dam before the spring floods."
    q = quote_with(read(nlp, text), "finish the dam")
    assert q.speaker == "Marta Olsen" and not q.direct
    assert "said" not in q.text


def test_told_reporters_is_not_the_content(nlp):
    text = "Peter Lindqvist told reporters the negotiations had collapsed."
    quotes = read(nlp, text)
    assert not any(q.text == "reporters" for q in quotes)


def test_intent_and_stance_verbs(nlp):
    text = ("Governor Clara Weiss vowed to veto the bill. "
            "Clara Weiss also criticized the new tax on fishing boats.")
    quotes = read(nlp, text)
    vow = quote_with(quotes, "veto the bill")
    assert vow.speaker == "Clara Weiss" and vow.cue == "vowed"
    crit = quote_with(quotes, "new tax on fishing boats")
    assert crit.speaker == "Clara Weiss"


def test_attributing_noun(nlp):
    text = "Clara Weiss stood by her claim that the harbour fees were illegal."
    q = quote_with(read(nlp, text), "harbour fees were illegal")
    assert q.speaker == "Clara Weiss" and q.cue == "claim"
    assert text[q.speaker_start:q.speaker_end] in {"her", "Clara Weiss"}


def test_transcript_colon(nlp):
    text = "MODERATOR: Good evening to everyone here.\nHALVORSEN: We will cut the ferry fares in half."
    quotes = read(nlp, text)
    q = quote_with(quotes, "cut the ferry fares")
    assert q.speaker.lower() == "halvorsen" and q.cue == ":"
    assert text[q.speaker_start:q.speaker_end] == "HALVORSEN"


def test_colon_lead_in_and_dash_sign_off(nlp):
    text = ("Here is Tomas Brenner in his speech last spring: \u201cThe valley will not be flooded "
            "while I am mayor of this town.\u201d\n\n"
            "\u201cWe are tired of waiting for the ministry to act on the dam.\u201d \u2015 Ingrid Halvorsen")
    quotes = read(nlp, text)
    assert quote_with(quotes, "valley will not be flooded").speaker == "Tomas Brenner"
    assert quote_with(quotes, "tired of waiting").speaker == "Ingrid Halvorsen"


def test_relative_pronoun_speaker(nlp):
    text = "The plan was backed by Lena Fischer, who said that the port would create jobs."
    q = quote_with(read(nlp, text), "port would create jobs")
    assert q.speaker == "Lena Fischer"
    assert text[q.speaker_start:q.speaker_end] == "who"


def test_wire_style_double_apostrophes(nlp):
    text = "''The mine will stay open,'' said Helena Marsh, the company's chief executive."
    q = quote_with(read(nlp, text), "mine will stay open")
    assert q.direct and q.speaker == "Helena Marsh" and q.text == "The mine will stay open"


def test_stages_fill_the_article(nlp):
    from storyline.model import Article
    from storyline.nlp.entities import entities_stage
    from storyline.nlp.quotes import quotes_stage
    from storyline.pipeline import Context

    text = "\u201cWe start on Monday,\u201d said Mayor Elena Vos. Vos added that the bridge would open in May."
    article = Article(source="t", text=text)
    article.doc = nlp(text)
    ctx = Context()
    [article] = entities_stage(article, ctx)
    [article] = quotes_stage(article, ctx)
    vos = [e for e in article.entities if e.label == "PERSON"]
    assert {e.canonical for e in vos} == {"Elena Vos"} and vos[0].title == "Mayor"
    assert [q.speaker for q in article.quotes] == ["Elena Vos", "Elena Vos"]
    assert [q.direct for q in article.quotes] == [True, False]
    assert article.to_contract()["quotes"][0]["text"] == "We start on Monday"


# ---------------------------------------------------------------- stance, passives, gender
def test_stance_adjective(nlp):
    text = "Advisers to Mayor Ola Berg are worried that the ferry contract will collapse."
    q = quote_with(read(nlp, text), "ferry contract will collapse")
    assert q.cue == "worried" and not q.direct
    assert "Advisers" in text[q.speaker_start:q.speaker_end]


def test_mood_adjective_without_content_is_no_quote(nlp):
    text = "The fishermen were angry. They left the harbour at dawn."
    assert not [q for q in read(nlp, text) if q.cue == "angry"]


def test_passive_cue_takes_agent_as_speaker(nlp):
    text = "The harbour plan was criticized by Senator Ana Lindqvist on Monday."
    q = quote_with(read(nlp, text), "harbour plan")
    assert q.cue == "criticized" and q.speaker == "Ana Lindqvist"


def test_stance_verb_needs_a_person(nlp):
    text = "The valley saw heavy rain. Councillor Jonas Meyer sees the dam as a mistake."
    quotes = read(nlp, text)
    assert not any("heavy rain" in q.text for q in quotes)
    assert quote_with(quotes, "dam").speaker == "Jonas Meyer"


def test_spoke_to_is_the_addressee_not_the_content(nlp):
    text = "Jonas Meyer spoke to reporters about the ferry fares."
    quotes = read(nlp, text)
    assert quote_with(quotes, "ferry fares").speaker == "Jonas Meyer"
    assert not any(q.text == "reporters" for q in quotes)


def test_she_skips_a_male_subject(nlp):
    text = ("Mrs. Vera Holm met Tom Gruber in the town hall on Friday. "
            "Tom Gruber left early. She said the budget would pass.")
    q = quote_with(read(nlp, text), "budget would pass")
    assert q.speaker == "Vera Holm"


def test_gender_evidence():
    from storyline.nlp.quotes_gender import load_first_names, pronoun_gender
    names = load_first_names()
    assert names["maria"] == "f" and names["john"] == "m"
    assert pronoun_gender("Her") == "f" and pronoun_gender("him") == "m" and pronoun_gender("they") is None


def test_noun_cue_with_infinitive(nlp):
    text = ("The mayor renewed calls from local fishermen to close the quarry. "
            "Ola Berg defended her decision to sell the ferry.")
    quotes = read(nlp, text)
    assert any(q.cue == "calls" and "close the quarry" in q.text for q in quotes)
    assert any(q.cue == "decision" and "sell the ferry" in q.text for q in quotes)


def test_headline_source_label(nlp):
    text = "Poll: Ola Berg leads the race for mayor\n\nA new survey shows Berg ahead by six points."
    q = quote_with(read(nlp, text), "leads the race")
    assert q.speaker == "Poll" and q.cue == ":"


def test_sign_off_after_nested_marks(nlp):
    text = ("\u201cHe calls our town \u201cdead\u201d but we are still here.\u201d \u2015 Ingrid Halvorsen\n"
            "\u201cThe ferry must run every day of the year.\u201d \u2015 Tomas Brenner")
    quotes = read(nlp, text)
    assert quote_with(quotes, "ferry must run").speaker == "Tomas Brenner"
    assert quote_with(quotes, "calls our town").speaker == "Ingrid Halvorsen"


def test_regular_verb_stem():
    from storyline.nlp.quotes_cues import _stem
    assert _stem("hopes") == "hope" and _stem("hoping") == "hope" and _stem("argued") == "argue"
    assert _stem("tables") is None


def test_source_phrase_opening_a_sentence(nlp):
    text = "In a new poll, Ola Berg leads the mayor by six points. Berg has risen in the polls since May."
    quotes = read(nlp, text)
    q = quote_with(quotes, "leads the mayor")
    assert q.cue == "In" and "poll" in text[q.speaker_start:q.speaker_end]
    assert not any(q.cue == "in" for q in quotes)  # "risen in the polls" names no source


def test_time_after_the_verb_is_not_the_speaker(nlp):
    text = "\u201cWe will reopen the bridge in spring,\u201d Harbour Chief Ana Ruiz said Monday."
    q = quote_with(read(nlp, text), "reopen the bridge")
    assert text[q.speaker_start:q.speaker_end] != "Monday"


def test_clitic_has_is_not_a_passive(nlp):
    text = "Tomas Brenner is a quiet man, but lately he\u2019s spoken out against the new quarry."
    q = quote_with(read(nlp, text), "new quarry")
    assert q.speaker == "Tomas Brenner"


def test_colon_lead_in_without_a_name(nlp):
    text = ("Late on Friday the harbour board was blunt in its ruling: "
            "\u201cFurther appeals on this matter will not be heard.\u201d")
    q = quote_with(read(nlp, text), "Further appeals")
    assert q.cue == ":" and "board" in text[q.speaker_start:q.speaker_end]


def test_phrasal_verb_cue(nlp):
    text = "After the mayor mocked her plan, Ola Berg shot back, \u201cAt least I have a plan for the ferry.\u201d"
    q = quote_with(read(nlp, text), "have a plan")
    assert q.speaker == "Ola Berg"


def test_participle_object_is_not_the_speaker(nlp):
    text = "The mayor defended the dam, calling the old ferry an \u201cexpensive relic of another age.\u201d"
    q = quote_with(read(nlp, text), "expensive relic")
    assert text[q.speaker_start:q.speaker_end] != "ferry"


def test_doc_text_is_built_once(nlp):
    from storyline.nlp.quotes_speakers import doc_text
    doc = nlp("Ola Berg said the ferry would run.")
    assert doc_text(doc) is doc_text(doc) and doc_text(doc) == doc.text
    other = nlp("A different text.")
    assert doc_text(other) == "A different text."


def test_she_skips_a_male_subject_by_given_name(nlp):
    text = ("Maria Lindgren met John Weber at the harbour on Friday. "
            "John Weber left early. She said the ferry deal was close.")
    q = quote_with(read(nlp, text), "ferry deal was close")
    assert q.speaker == "Maria Lindgren" and text[q.speaker_start:q.speaker_end] == "She"


def test_lexicon_lines_are_well_formed():
    from importlib import resources
    text = resources.files("storyline.data").joinpath("quotes_verbs.tsv").read_text("utf-8")
    known = {"speech", "belief", "intent", "object", "addressee", "human", "noun", "appearance",
             "adjective"}
    seen = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, classes = line.split("\t")
        assert lemma == lemma.strip().lower() and set(classes.split(",")) <= known, line
        assert line not in seen, f"duplicate line {line!r}"
        seen.add(line)


def test_as_phrase_is_part_of_the_verdict(nlp):
    text = "Councillor Jonas Meyer described the new quarry as a disaster for the valley."
    q = quote_with(read(nlp, text), "disaster")
    assert q.speaker == "Jonas Meyer"
