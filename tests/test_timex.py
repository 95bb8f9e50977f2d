"""Tests for the TIMEX3 tagger (storyline.nlp.timex). Sentences are made up for these tests.

The article date is Wednesday 17 April 2024 (ISO week 16) unless a test says otherwise.
"""
from __future__ import annotations

import time

import pytest

from storyline.nlp.timex import tag_times

DCT = "2024-04-17"


def tags(text, dct=DCT, doc=None):
    """{span text: (type, value)} of the mentions, checking offsets on the way."""
    out = {}
    for t in tag_times(text, dct, doc):
        assert text[t.start:t.end] == t.text
        out[t.text] = (t.type, t.value)
    return out


@pytest.mark.parametrize("text, span, value", [
    ("The plant opened on 3 March 2021 after delays.", "3 March 2021", "2021-03-03"),
    ("The treaty was signed on March 3, 2021, in Vienna.", "March 3, 2021", "2021-03-03"),
    ("Figures released on 2022-11-30 showed a rise.", "2022-11-30", "2022-11-30"),
    ("The permit is dated 03/15/2022 in the file.", "03/15/2022", "2022-03-15"),
    ("Sales of bicycles peaked in August 2022.", "August 2022", "2022-08"),
    ("The ferry service resumed on Jan. 9 after a storm.", "Jan. 9", "2024-01-09"),
])
def test_absolute_dates(text, span, value):
    assert tags(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("The harbour master retired last September.", "last September", "2023-09"),
    ("Grain prices fell sharply this week.", "this week", "2024-W16"),
    ("The old bridge was closed four years ago.", "four years ago", "2020"),
    ("The library reopened twenty-five years ago.", "twenty-five years ago", "1999"),
    ("The mill expects orders to recover next year.", "next year", "2025"),
    ("Turnout was low last year.", "last year", "2023"),
    ("The mayor visited the school yesterday.", "yesterday", "2024-04-16"),
    ("The jury will return tomorrow.", "tomorrow", "2024-04-18"),
    ("The museum opens to visitors today.", "today", "2024-04-17"),
    ("Rents rose steadily during the 1990s.", "the 1990s", "199"),
    ("The firm has not paid a dividend since 2021.", "2021", "2021"),
    ("The town council met last Friday.", "last Friday", "2024-04-12"),
])
def test_relative_dates(text, span, value):
    assert tags(text)[span] == ("DATE", value)


def test_late_2020_keeps_the_year_and_a_mod():
    [t] = tag_times("Shipments slowed in late 2020.", DCT)
    assert (t.text, t.type, t.value) == ("late 2020", "DATE", "2020")
    assert t.mod == "END"  # TimeML writes "late" as mod END


@pytest.mark.parametrize("text, span, value", [
    ("Prices are now twice as high.", "now", "PRESENT_REF"),
    ("The line is currently closed for repairs.", "currently", "PRESENT_REF"),
    ("The dock was recently repainted.", "recently", "PAST_REF"),
    ("Nobody can say what the future holds.", "the future", "FUTURE_REF"),
])
def test_reference_words(text, span, value):
    assert tags(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("Profit doubled in the third quarter of 2023.", "the third quarter of 2023", "2023-Q3"),
    ("Rainfall was high in the first half of 2022.", "the first half of 2022", "2022-H1"),
    ("The festival returns this summer.", "this summer", "2024-SU"),
    ("Output grew in fiscal 2023.", "fiscal 2023", "2023"),
    ("Costs will rise in the current fiscal year.", "the current fiscal year", "2024"),
    ("Crowds gathered on Christmas Day 2019.", "Christmas Day 2019", "2019-12-25"),
])
def test_calendar_parts(text, span, value):
    assert tags(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text, span, kind, value", [
    ("The polls closed at 4:30 p.m. yesterday.", "4:30 p.m. yesterday", "TIME", "2024-04-16T16:30"),
    ("Fog covered the valley this morning.", "this morning", "TIME", "2024-04-17TMO"),
    ("The siege lasted two hours.", "two hours", "DURATION", "PT2H"),
    ("The tunnel was finished a year ahead of schedule.", "a year", "DURATION", "P1Y"),
    ("Inflation eased over the past three months.", "the past three months", "DURATION", "P3M"),
    ("Talks dragged on for 18 months.", "18 months", "DURATION", "P18M"),
    ("He signed a two-year contract.", "two-year", "DURATION", "P2Y"),
    ("The committee meets every week.", "every week", "SET", "P1W"),
    ("Fees are reviewed annually.", "annually", "SET", "P1Y"),
    ("The club charges $40 a month.", "a month", "SET", "P1M"),
    ("The market is held every Saturday.", "every Saturday", "SET", "XXXX-WXX-6"),
])
def test_times_durations_sets(text, span, kind, value):
    assert tags(text)[span] == (kind, value)


def test_words_that_are_not_times():
    assert tags("You may leave early. The crowd began to march.") == {}
    assert tags("The bill listed 2020 dollars for room 1450.") == {}
    assert tags("She is 37 years old.") == {}


def test_without_article_date_values_stay_underspecified():
    found = tags("The vote is expected in September, and it happened on Monday.", dct=None)
    assert found["September"] == ("DATE", "XXXX-09")
    assert found["Monday"] == ("DATE", "XXXX-WXX-1")


def test_without_doc_a_bare_weekday_reads_past():
    # No parse: news usage, the most recent such day on or before the article date.
    assert tags("The minister spoke on Thursday.", doc=None)["Thursday"] == ("DATE", "2024-04-11")


def test_verb_tense_picks_past_or_future(nlp):
    past = "The council voted on Thursday and again in February."
    future = "The council will vote on Thursday and again in February."
    p, f = tags(past, doc=nlp(past)), tags(future, doc=nlp(future))
    assert p["Thursday"] == ("DATE", "2024-04-11")
    assert f["Thursday"] == ("DATE", "2024-04-18")
    assert p["February"] == ("DATE", "2024-02")
    assert f["February"] == ("DATE", "2025-02")


def test_last_mentioned_date_anchors_later():
    found = tags("The flood began on June 3, 2019. Two days later the river fell.")
    assert found["Two days later"] == ("DATE", "2019-06-05")


@pytest.mark.parametrize("text, span, value", [
    # The span leaves out a preposition and the "the" of an adjective; keeps "about", "the past".
    ("Rates rose over the past two years.", "the past two years", "P2Y"),
    ("The board approved the two-week delay.", "two-week", "P2W"),
    ("The storm lasted about five hours.", "about five hours", "PT5H"),
    ("Repairs took at least 20 more years.", "at least 20 more years", "P20Y"),
])
def test_duration_spans(text, span, value):
    assert tags(text)[span] == ("DURATION", value)


def test_quarter_adjective_and_a_year_earlier_in_results():
    text = "The mill said the third-quarter profit rose to $8 million from $6 million a year earlier."
    found = tags(text, dct="2023-11-02")
    assert found["third-quarter"] == ("DATE", "2023-Q3")
    assert found["a year earlier"] == ("DATE", "2022-Q3")  # the same quarter, a year back


def test_anchored_to_the_last_mentioned_date():
    found = tags("The dam failed on June 3, 2019, and the following week the valley was "
                 "evacuated. The previous Friday, engineers had warned of cracks.")
    assert found["The previous Friday"] == ("DATE", "2019-05-31")
    assert found["the following week"] == ("DATE", "2019-W24")


def test_clock_times_with_zone_and_date():
    found = tags("Bids close at 5 p.m. EST May 9, the agency said.")
    assert found["5 p.m. EST May 9"] == ("TIME", "2024-05-09T17:00")


def test_holiday_takes_the_nearest_occurrence():
    assert tags("The ferry sank on Christmas Eve.", dct="2024-01-10")["Christmas Eve"] == ("DATE", "2023-12-24")


def test_ages_and_titles_are_not_durations():
    assert tags("A 6-year-old girl watched 60 Minutes.") == {}


def test_as_soon_as_looks_ahead():
    # No parse at all: the words before the weekday say it is ahead of the article date.
    assert tags("The envoy may arrive as soon as Tuesday.")["Tuesday"] == ("DATE", "2024-04-23")
    assert tags("The firm has until Monday to pay.")["Monday"] == ("DATE", "2024-04-22")


def test_until_with_a_past_verb_stays_past(nlp):
    text = "Until Monday, the firm had refused to pay."
    assert tags(text, doc=nlp(text))["Monday"] == ("DATE", "2024-04-15")


def test_tagging_is_fast():
    text = ("The board met on Thursday and said profit in the third quarter rose 5% from a "
            "year earlier, while sales fell for the past three months. ") * 200
    start = time.perf_counter()
    found = tag_times(text, DCT)
    assert len(found) >= 600
    # About 30,000 characters: spaCy's small pipeline needs well over a second for this.
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("text, span, value", [
    # Earnings-report periods count from the quarter the report names.
    ("Net income rose in the first quarter. In the year-earlier period the mill lost money.",
     "the year-earlier period", "2023-Q1"),
    ("Profit rose in the first quarter, compared with year-earlier profit of $2 million.",
     "year-earlier", "2023-Q1"),
    ("Revenue fell 4% in the latest period, the brewer said.", "the latest period", "2024-Q1"),
    ("Sales were flat in the first quarter against the same period last year.",
     "the same period last year", "2023-Q1"),
])
def test_report_periods(text, span, value):
    assert tags(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("The ferry crossing took 5 1/2 hours in the storm.", "5 1/2 hours", "PT5H30M"),
    ("The two families lived in the camp for two and a half years.", "two and a half years",
     "P2Y6M"),
    ("The pilot circled for a minute and a half.", "a minute and a half", "PT1M30S"),
])
def test_half_units(text, span, value):
    assert tags(text)[span] == ("DURATION", value)


@pytest.mark.parametrize("text, span, value", [
    ("In nineteen ninety-six the orchard changed hands.", "nineteen ninety-six", "1996"),
    ("January nineteen ninety-seven. The valley flooded again.", "January nineteen ninety-seven",
     "1997-01"),
    ("She promised a new school by the year two thousand.", "the year two thousand", "2000"),
])
def test_spelled_out_years(text, span, value):
    assert tags(text)[span] == ("DATE", value)


def test_spelled_out_count_is_not_a_year():
    assert tags("Some two thousand people and nineteen twenty dollars were counted.") == {}


def test_planned_events_lie_ahead(nlp):
    # Article date Wednesday 17 April 2024: what was planned for Saturday is still ahead,
    # while the day on which someone planned something is past.
    ahead = "Farmers planned a march on Saturday through the valley."
    when = "On Monday, the council planned to repair the bridge."
    assert tags(ahead, doc=nlp(ahead))["Saturday"] == ("DATE", "2024-04-20")
    assert tags(when, doc=nlp(when))["Monday"] == ("DATE", "2024-04-15")


def test_would_and_progressive_lie_ahead(nlp):
    text = "The envoy said he would be travelling to the capital Thursday."
    assert tags(text, doc=nlp(text))["Thursday"] == ("DATE", "2024-04-18")


def test_yearless_date_just_ahead_stays_this_year(nlp):
    # AP style writes the year of any date outside the current one.
    text = "The offer had been due to expire May 2, the company said."
    assert tags(text, doc=nlp(text))["May 2"] == ("DATE", "2024-05-02")


@pytest.mark.parametrize("text, span, value", [
    ("Membership of the club doubled over the past year.", "the past year", ("DATE", "2023")),
    ("The past decade was hard on the mill.", "The past decade", ("DURATION", "P10Y")),
    ("A decades-long feud between the villages ended.", "decades-long", ("DURATION", "PXY")),
    ("Sales for the full year rose 3%, the brewer said.", "the full year", ("DATE", "2024")),
])
def test_past_periods_and_lengths(text, span, value):
    assert tags(text)[span] == value


def test_second_day_of_a_pair():
    found = tags("The regional summit is set for May 24 and 25 in Tartu.")
    assert found["May 24"] == ("DATE", "2024-05-24")
    assert found["25"] == ("DATE", "2024-05-25")
    assert "25" not in tags("On May 24 and 25 others joined the strike.")


def test_clock_span_leaves_the_final_period_out():
    found = {t.text: t.value for t in tag_times("The polls closed at 8 p.m. Voters left.", DCT)}
    assert found == {"8 p.m": "2024-04-17T20:00"}


def test_deadline_set_by_a_past_verb_lies_ahead(nlp):
    text = "The agency extended its deadline until noon Monday."
    assert tags(text, doc=nlp(text))["noon Monday"] == ("TIME", "2024-04-22T12:00")


def test_year_ago_quarter_is_a_comparison():
    text = ("Profit rose in the third quarter from the year-ago quarter. "
            "Sales reached $4 million, up from $3 million a year earlier.")
    found = tags(text, dct="2024-10-20")
    assert found["the third quarter"] == ("DATE", "2024-Q3")
    assert found["the year-ago quarter"] == ("DATE", "2023-Q3")
    assert found["a year earlier"] == ("DATE", "2023-Q3")


@pytest.mark.parametrize("text, span, value", [
    ("Exports have fallen for three straight months.", "three straight months", "P3M"),
    ("The hearing is expected to last several weeks.", "several weeks", "PXW"),
])
def test_duration_forms(text, span, value):
    assert tags(text)[span] == ("DURATION", value)


def test_fractions_are_not_durations():
    assert tags("Output has shrunk by a quarter; three-quarters of it is exported.") == {}


def test_week_or_so_ago_is_approximate():
    found = tag_times("The envoy left a week or so ago.", DCT)
    assert [(t.text, t.value, t.mod) for t in found] == [("a week or so ago", "2024-W15", "APPROX")]


def test_that_same_day_is_the_day_just_named():
    found = tags("The site closed on March 3, 2021. The owner left that same day.")
    assert found["that same day"] == ("DATE", "2021-03-03")


def test_words_before_that_put_a_date_ahead(nlp):
    # Article date Wednesday 17 April 2024.
    ahead = "Traders sold shares ahead of the weekend."
    assert tags(ahead, doc=nlp(ahead))["the weekend"] == ("DATE", "2024-W16-WE")
    by = "The airline will double its flights by February."
    assert tags(by, doc=nlp(by))["February"] == ("DATE", "2025-02")
    done = "The airline had doubled its flights by February."
    assert tags(done, doc=nlp(done))["February"] == ("DATE", "2024-02")


def test_future_day_just_past_stays_this_year(nlp):
    text = "The court ordered the ministry to return the files by April 14."
    assert tags(text, doc=nlp(text))["April 14"] == ("DATE", "2024-04-14")


def test_duration_range_is_unspecified():
    assert tags("Deliveries resume within the next 12 to 18 months.")[
        "the next 12 to 18 months"] == ("DURATION", "PXM")


def test_high_noon_is_an_idiom():
    assert tags("For the coalition, high noon has come.") == {}
    assert tags("The strike starts at noon.")["noon"] == ("TIME", "2024-04-17T12:00")
