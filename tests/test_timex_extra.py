"""Further tests for the TIMEX3 tagger: "soon" after a past verb, "in years" after a
superlative, one more unit ("another year"), trading days, "will one day", quarters and
fiscal years given by their last day, "for a while", "the quarter a year ago", and past
verbs spelled like their present ("hurt"). Sentences are made up for these tests.

The article date is Wednesday 17 April 2024 (ISO week 16) unless a test says otherwise.
"""
from __future__ import annotations

import pytest

from test_timex import tags  # the same article date and the same offset-checking helper


def test_shortly_before_is_a_conjunction():
    assert "shortly" not in tags("The shares were sold shortly before the merger closed.")
    assert "soon" not in tags("The crowd left soon after the speech ended.")
    # an adverb on its own still looks ahead
    assert tags("The bridge will reopen soon.")["soon"] == ("DATE", "FUTURE_REF")


def test_soon_under_a_past_verb_is_not_ahead(nlp):
    text = "The rumour spread in the market, and the stock soon collapsed."
    assert "soon" not in tags(text, doc=nlp(text))
    ahead = "The ministry says the new rules will soon apply to every port."
    assert tags(ahead, doc=nlp(ahead))["soon"] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize("text, span", [
    ("The orchard had its best harvest in years this autumn.", "years"),
    ("Rainfall reached its lowest level in decades.", "decades"),
    ("The ferry ran full for the first time in months.", "months"),
])
def test_in_years_after_a_superlative_is_a_duration(text, span):
    kind, value = tags(text)[span]
    assert kind == "DURATION" and value[:2] == "PX"


def test_in_years_without_a_superlative_stays_untagged():
    assert "years" not in tags("The bonds mature in years when rates are low.")


@pytest.mark.parametrize("text, span, value", [
    ("The lease may be renewed for an additional year.", "an additional year", "P1Y"),
    ("The strike could last another week.", "another week", "P1W"),
    ("Workers waited a full month for the repairs.", "a full month", "P1M"),
    ("The trial was put off for a further day.", "a further day", "P1D"),
])
def test_one_more_unit_is_a_duration(text, span, value):
    assert tags(text)[span] == ("DURATION", value)


def test_one_more_unit_before_later_is_left_to_the_shift_rule():
    assert "a full day" not in tags("The parcel came a full day later than promised.")


@pytest.mark.parametrize("text, span, value", [
    ("The index fell for five straight trading days.", "five straight trading days", "P5D"),
    ("Refunds are paid within ten business days.", "ten business days", "P10D"),
    ("The form takes three working days to process.", "three working days", "P3D"),
])
def test_trading_and_business_days(text, span, value):
    assert tags(text)[span] == ("DURATION", value)


def test_a_calendar_year_is_generic():
    assert "a calendar year" not in tags("The fund switched to a calendar year for its accounts.")


@pytest.mark.parametrize("text", [
    "Scientists think the probe will one day reach the outer planets.",
    "The mayor hopes to one day open a second library.",
    "Tidal power could one day light the whole coast.",
])
def test_modal_one_day_lies_ahead(text):
    assert tags(text)["one day"] == ("DATE", "FUTURE_REF")


def test_counted_one_day_stays_a_duration():
    assert tags("The fair lasted only one day this spring.")["one day"] == ("DURATION", "P1D")


@pytest.mark.parametrize("text, value", [
    ("Profit rose 4% in the quarter ended July 31.", "2023-Q2"),     # mostly May-July
    ("Revenue fell in the quarter ended March 31.", "2024-Q1"),
    ("Sales grew in the quarter ended Sept. 30.", "2023-Q3"),        # after the article date
    ("The firm expects a loss for the quarter ending June 30.", "2024-Q2"),
])
def test_quarter_given_by_its_last_day(text, value):
    assert tags(text)["the quarter"] == ("DATE", value)


def test_quarter_with_an_ordinal_keeps_its_fiscal_number():
    # "fourth quarter ended Aug. 31": a fiscal quarter, numbered as the company numbers it
    found = tags("The chain lost money in its fourth quarter ended Aug. 31.")
    assert found["fourth quarter"] == ("DATE", "2023-Q4")


def test_fiscal_year_given_by_its_end_is_a_year_long():
    found = tags("In the fiscal year ended Jan. 31, the retailer earned $4 million.")
    assert found["the fiscal year"] == ("DURATION", "P1Y")


def test_a_fiscal_year_is_generic():
    assert "fiscal year" not in tags("The club moved to a fiscal year that follows the season.")


@pytest.mark.parametrize("text, value", [
    ("Sales reached $9 million in the latest fiscal year.", "2023"),
    ("The board approved the budget for the current fiscal year.", "2024"),
    ("Hiring will pick up in the next fiscal year.", "2025"),
])
def test_fiscal_year_relative_words(text, value):
    span = next(k for k in tags(text) if "fiscal year" in k)
    assert tags(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text", [
    "The village had to manage without a doctor for a while.",
    "The repairs took a long while to finish.",
])
def test_a_while_is_an_unknown_length(text):
    span = next(k for k in tags(text) if "while" in k)
    assert tags(text)[span] == ("DURATION", "PXX")


def test_a_while_ago_lies_back():
    assert tags("The shop closed a while ago.")["a while ago"] == ("DATE", "PAST_REF")


@pytest.mark.parametrize("text", [
    "Once in a while the ferry is late.",
    "The crowd sang for the team, and a while the band played.",
    "It was worth a while to the farmers.",
])
def test_a_while_without_a_length_word_is_left_alone(text):
    assert not any("while" in k for k in tags(text))


def test_the_quarter_a_year_ago_is_one_span():
    found = tags("Sales rose 8% in the quarter. In the quarter a year ago, the firm lost money.")
    assert found["the quarter a year ago"] == ("DATE", "2023-Q1")
    assert "a year ago" not in found


@pytest.mark.parametrize("text, value", [
    # "hurt", "cut" with a singular subject and no "-s": the past, not the present
    # (the tagger reads this "hurt" as a present VBP: the noun "rates" sits just before it)
    ("Concern about rates hurt the bond market on Friday.", "2024-04-12"),
    ("Heavy rain hurt the harvest on Friday.", "2024-04-12"),
])
def test_same_form_past_verbs_read_past(nlp, text, value):
    day = next(k for k in tags(text) if k.endswith("day"))
    assert tags(text, doc=nlp(text))[day] == ("DATE", value)


def test_plural_subject_present_still_looks_ahead(nlp):
    text = "The two unions meet on Friday."
    assert tags(text, doc=nlp(text))["Friday"] == ("DATE", "2024-04-19")
