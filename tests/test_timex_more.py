"""More tests for the TIMEX3 tagger: SETs of weekdays and months, "the week of", hours placed
by a part of the day, "be to" futures, possessive years of quarters. Sentences are made up for
these tests.

The article date is Wednesday 17 April 2024 (ISO week 16) unless a test says otherwise.
"""
from __future__ import annotations

import pytest

from storyline.nlp.timex import tag_times
from test_timex import DCT, tags  # the same article date and the same offset-checking helper


@pytest.mark.parametrize("text, span, value", [
    ("The market opens on Saturdays in the old square.", "Saturdays", "XXXX-WXX-6"),
    ("The choir rehearses Thursday evenings at the hall.", "Thursday evenings", "XXXX-WXX-4TEV"),
    ("The ferry sails every Friday night to the island.", "every Friday night", "XXXX-WXX-5TNI"),
    ("Shepherds move the flocks uphill each June.", "each June", "XXXX-06"),
    ("The fair returns to the village every May.", "every May", "XXXX-05"),
])
def test_sets_of_days_and_months(text, span, value):
    assert tags(text)[span] == ("SET", value)


def test_weekday_coordinated_with_a_plural_one_is_a_set():
    found = tags("Two coaches will leave the depot on Monday and Wednesday nights.")
    assert found["Monday"] == ("SET", "XXXX-WXX-1TNI")
    assert found["Wednesday nights"] == ("SET", "XXXX-WXX-3TNI")


def test_single_weekday_stays_a_date():
    # no plural after it: "Monday and Wednesday" are two dates
    found = tags("The inspectors came on Monday and Wednesday.")
    assert found["Monday"] == ("DATE", "2024-04-15")


def test_lower_case_may_is_no_month_set():
    assert "each may" not in tags("Prices rise and each may differ by region.")


def test_week_of_a_date_is_its_iso_week():
    assert tags("The trial resumes the week of March 4.")["the week of March 4"] == ("DATE", "2024-W10")
    assert tags("Talks were held the week of June 3, 2019.")["the week of June 3, 2019"] == (
        "DATE", "2019-W23")


@pytest.mark.parametrize("text, span, value", [
    ("The convoy leaves at 4 in the morning.", "4 in the morning", "2024-04-17T04:00"),
    ("The hall stays open until 9 at night.", "9 at night", "2024-04-17T21:00"),
    ("The auction starts at 3 o'clock in the afternoon.", "3 o'clock in the afternoon",
     "2024-04-17T15:00"),
])
def test_hour_placed_by_a_part_of_the_day(text, span, value):
    assert tags(text)[span] == ("TIME", value)


def test_counted_hours_are_no_clock():
    # no "at"/"by"/"until" before the number: a count, not a time of day
    assert tags("Only 2 in the morning shift were hurt.") == {}


def test_is_to_plans_ahead(nlp):
    text = "The exchange is to resume trading in the shares Tuesday."
    assert tags(text, doc=nlp(text))["Tuesday"] == ("DATE", "2024-04-23")


def test_was_to_is_not_forced_ahead(nlp):
    text = "The ship was to sail Tuesday, the port said."
    assert tags(text, doc=nlp(text))["Tuesday"] == ("DATE", "2024-04-16")


def test_had_been_due_looks_back(nlp):
    # the "had" of "had been due" hangs on the copula, not on "due"
    text = "The tender offer had been due to expire Friday evening."
    assert tags(text, doc=nlp(text))["Friday evening"] == ("TIME", "2024-04-12TEV")


def test_still_due_looks_ahead(nlp):
    text = "The bonds are due to mature Friday."
    assert tags(text, doc=nlp(text))["Friday"] == ("DATE", "2024-04-19")


@pytest.mark.parametrize("text, span, value", [
    ("The spin-off could take effect in next year's first quarter.", "next year's first quarter",
     "2025-Q1"),
    ("Margins narrowed in this year's second quarter.", "this year's second quarter", "2024-Q2"),
    ("Sales beat last year's third quarter.", "last year's third quarter", "2023-Q3"),
])
def test_possessive_year_of_a_quarter(text, span, value):
    assert tags(text)[span] == ("DATE", value)


def test_the_future_of_something_is_no_time():
    assert "the future" not in tags("Delegates argued about the future of the canal.")
    assert tags("Nobody knows what lies in the future.")["the future"] == ("DATE", "FUTURE_REF")


def test_or_so_after_a_relative_unit_is_approximate():
    [t] = tag_times("The mill will close over the next year or so.", DCT)
    assert (t.text, t.value, t.mod) == ("the next year or so", "2025", "APPROX")


@pytest.mark.parametrize("text, span, value, mod", [
    ("The post-1989 reforms reshaped the town.", "post-1989", "1989", "AFTER"),
    ("Its pre-2008 prices now look low.", "pre-2008", "2008", "BEFORE"),
])
def test_pre_and_post_years(text, span, value, mod):
    [t] = [t for t in tag_times(text, DCT) if t.text == span]
    assert (t.type, t.value, t.mod) == ("DATE", value, mod)


def test_later_this_afternoon_keeps_the_part_word():
    [t] = tag_times("The minister will speak later this afternoon.", DCT)
    assert (t.text, t.type, t.value, t.mod) == ("later this afternoon", "TIME", "2024-04-17TAF", "END")


@pytest.mark.parametrize("text, span, value", [
    ("Ferry fares have risen sharply in recent years.", "recent years", "PXY"),
    ("The river has flooded twice in recent weeks.", "recent weeks", "PXW"),
])
def test_recent_units_are_durations_of_unknown_length(text, span, value):
    assert tags(text)[span] == ("DURATION", value)


def test_in_the_past_stays_a_past_reference():
    assert tags("Such floods were rare in the past.")["the past"] == ("DATE", "PAST_REF")


def test_present_tense_weekday_lies_ahead(nlp):
    text = "The two ministers meet Friday to settle the dispute."
    assert tags(text, doc=nlp(text))["Friday"] == ("DATE", "2024-04-19")


def test_past_tense_weekday_still_looks_back(nlp):
    text = "The two ministers met Friday to settle the dispute."
    assert tags(text, doc=nlp(text))["Friday"] == ("DATE", "2024-04-12")


@pytest.mark.parametrize("text, span, value", [
    ("The bridge opened on March 3, 1995. The next day, traffic doubled.", "The next day", "1995-03-04"),
    ("The bridge opened on March 3, 1995. The following week it closed.", "The following week", "1995-W10"),
    ("The bridge opened on March 3, 1995, and was sold later that year.", "later that year", "1995"),
    ("The fire began on July 9, 1997. Crews arrived the same month.", "the same month", "1997-07"),
])
def test_relative_expressions_count_from_the_last_date_named(text, span, value):
    assert tags(text)[span] == ("DATE", value)
