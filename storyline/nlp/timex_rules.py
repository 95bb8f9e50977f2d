"""TIMEX3 rules: one regular expression per kind of expression, each with a normaliser that
turns a match into (type, value, mod), HeidelTime-style.

A normaliser gets the match and a :class:`Ctx` (article date, the verb's tense for this span,
the last date mentioned) and returns None to reject the match. Spans follow TimeBank: a
determiner, "last"/"next", "early"/"late" and quantity words ("more than", "about") are inside
the span, prepositions ("in", "on", "since") are not. Absolute dates are here, years written
in words ("nineteen ninety-six") included.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from . import timex_calendar as cal
from .timex_lexicon import (
    DECADE_WORDS, MONTH, MONTHS, ORD, ORDINALS, PART, PART_WORDS, WEEKDAY, WEEKDAYS, YEAR, alt,
)

B = r"(?<![\w$£€])"  # left word boundary that also refuses "$2020"
E = r"(?![\w%-]|-\w|\.\d|,\d)"  # right boundary: not "2020%", "2020-21", "1.5", "2,020"


class Ctx:
    """What a normaliser may look at besides its match. ``tense`` (cal.PAST / PRESENT /
    FUTURE of the governing verb, or None) is computed only when a rule asks for it."""

    __slots__ = ("dct", "anchor", "quarter", "text", "_tense_of", "_tense", "_done")

    def __init__(self, dct, anchor, text, tense_of=None, quarter=None):
        self.dct: dt.date | None = dct
        self.anchor: tuple[dt.date, str] | None = anchor  # last mentioned date, granularity
        self.quarter: dt.date | None = quarter  # first day of a quarter named just before
        self.text: str = text
        self._tense_of = tense_of
        self._done = tense_of is None
        self._tense = None

    def cap(self, m: re.Match, group: str) -> bool:
        """Whether the ``group`` of match ``m`` starts with a capital in the original text."""
        return self.text[m.start(group):m.start(group) + 1].isupper()

    @property
    def tense(self) -> str | None:
        if not self._done:
            self._tense, self._done = self._tense_of(), True
        return self._tense


# (type, value, mod), or with a fourth item: a later start for the span, when a rule's
# pattern takes in a word the TimeBank span leaves out ("the" before "two-week").
Result = tuple


@dataclass
class Rule:
    name: str
    regex: re.Pattern
    norm: Callable[[re.Match, Ctx], Result | None]
    trigger: re.Pattern | None  # words one of which every match contains (a fast pre-scan)


RULES: list[Rule] = []


def rule(name: str, pattern: str, trigger: str | None = None, flags=0):
    """Register ``norm`` for ``pattern``; rules registered first win ties of equal length.
    Patterns are matched against the lower-cased text (case-insensitive matching is several
    times slower); a normaliser checks capitals in ``ctx.text`` with :meth:`Ctx.cap`.
    ``trigger``: a cheap regex that finds where a match can be (see timex.propose)."""
    def deco(norm):
        trig = re.compile(trigger) if trigger else None
        RULES.append(Rule(name, re.compile(B + pattern + E, flags), norm, trig))
        return norm
    return deco


MONTH_TRIGGER = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
UNIT_TRIGGER = (r"(?:sec|min|hour|hr|day|night|week|fortnight|month|quarter|year|yr|decade|centur"
                r"|millenni)")


# ----------------------------------------------------------------- helpers
def lower(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.lower()).strip() if s else ""


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def part_mod(word: str | None) -> str | None:
    """TimeML's mod for "early", "mid-", "the end of" (START, MID, END), or None."""
    return PART_WORDS.get(lower(word).rstrip("-")) if word else None


def year_of(word: str, dct: dt.date | None) -> int:
    """A year from "2020" or "'20" (the century that puts it at or before the article date)."""
    if word.startswith("'") or len(word) == 2:
        yy = int(word.strip("'"))
        century = (dct.year // 100 * 100) if dct else 1900
        latest = (dct.year if dct else 9999) + 1
        return century + yy if century + yy <= latest else century - 100 + yy
    return int(word)


def day_value(dct, year, month, day) -> str | None:
    """YYYY-MM-DD (or XXXX-MM-DD without a year), None for an impossible date."""
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


def rel_of(word: str | None) -> int:
    """-1, 0 or +1 for "last", "this", "next" and their variants."""
    w = lower(word)
    if w in ("last", "past", "this past", "previous", "the previous", "the past", "the last",
             "the preceding", "the prior", "prior", "recent", "the recent", "most recent",
             "the latest", "latest"):
        return -1
    if w in ("next", "coming", "this coming", "the coming", "the next", "the following",
             "following", "upcoming"):
        return 1
    return 0


DURATION_CODES = {"S": ("T", "S", 1), "MIN": ("T", "M", 1), "H": ("T", "H", 1),
                  "D": ("", "D", 1), "W": ("", "W", 1), "FN": ("", "W", 2),
                  "M": ("", "M", 1), "Q": ("", "Q", 1), "HY": ("", "M", 6),
                  "Y": ("", "Y", 1), "DE": ("", "Y", 10), "CE": ("", "Y", 100),
                  "ML": ("", "Y", 1000), "WE": ("", "WE", 1)}


# Half of a unit, written in the next smaller one (TimeML has no fractions): (time part,
# letter) -> how the half is written.
HALF_UNITS = {("", "Y"): "6M", ("T", "H"): "30M", ("T", "M"): "30S", ("", "D"): "T12H"}


def duration(n: float | None, code: str) -> str:
    """A TimeML duration value: P3Y, PT2H, PXM (unknown amount)."""
    t, letter, mult = DURATION_CODES[code]
    if n is None:
        return f"P{t}X{letter}"
    amount = n * mult
    if amount != int(amount) and amount * 2 == int(amount * 2) and (t, letter) in HALF_UNITS:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
        whole = f"{int(amount)}{letter}" if int(amount) else ""
        return f"P{t}{whole}{HALF_UNITS[(t, letter)]}"
    num = str(int(amount)) if amount == int(amount) else str(amount)
    return f"P{t}{num}{letter}"


GRAN_OF_UNIT = {"D": "D", "W": "W", "FN": "W", "M": "M", "Q": "Q", "HY": "HY", "Y": "Y",
                "DE": "Y", "CE": "Y", "ML": "Y", "WE": "WE"}


# ----------------------------------------------------------------- absolute dates
@rule("iso", r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:T(?P<t>\d\d:\d\d))?",
      trigger=r"\d-[01]\d-")
def norm_iso(m, ctx):
    """"2024-04-17", "2024-04-17T09:30"."""
    value = day_value(ctx.dct, int(m["y"]), int(m["m"]), int(m["d"]))
    if value and m["t"]:
        return "TIME", f"{value}T{m['t']}", None
    return ("DATE", value, None) if value else None


@rule("numeric", r"(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d|\d\d)",
      trigger=r"\d/\d")
def norm_numeric(m, ctx):
    """"04/17/2024", "4/17/24" (month first, as in US news)."""
    value = day_value(ctx.dct, year_of(m["y"], ctx.dct), int(m["m"]), int(m["d"]))
    return ("DATE", value, None) if value else None


def resolve_month_day(ctx, month, day, year_word):
    """The value of a day of a month, its year given or picked by the verb's tense."""
    year = year_of(year_word, ctx.dct) if year_word else (
        cal.pick_year(ctx.dct, month, day, ctx.tense) if ctx.dct else None)
    return day_value(ctx.dct, year, month, day)


@rule("month_day", rf"(?:(?P<approx>around|about|approximately|roughly)\s+)?(?:(?P<part>{PART})\s*)?"
      rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
      rf"(?:,?\s+(?P<year>{YEAR}|'\d\d))?", trigger=MONTH_TRIGGER)
def norm_month_day(m, ctx):
    """"April 17", "Aug. 7, 1998", "Friday, April 12": the year by tense when not given."""
    if not ctx.cap(m, "month") or int(m["day"]) == 0:
        return None
    month, day = month_num(m["month"]), int(m["day"])
    if m["wd"] and not m["year"] and ctx.dct is not None:
        # "Saturday, March 16": the year, within one of the article's, where that day is a Saturday.
        weekday = WEEKDAYS[m["wd"]]
        years = [y for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1)
                 if day_value(None, y, month, day) and dt.date(y, month, day).isoweekday() == weekday]
        if years:
            return "DATE", dt.date(years[0], month, day).isoformat(), part_mod(m["part"])
    value = resolve_month_day(ctx, month, day, m["year"])
    mod = "APPROX" if m["approx"] else part_mod(m["part"])
    return ("DATE", value, mod) if value else None


@rule("day_month", rf"(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})"
      rf"(?:,?\s+(?P<year>{YEAR}))?", trigger=MONTH_TRIGGER)
def norm_day_month(m, ctx):
    """"17 April 2024", "the 17th of April"."""
    if not ctx.cap(m, "month") or int(m["day"]) == 0:
        return None
    if m["month"].lower() == "may" and not m["year"] and "th" not in m.group(0):
        return None  # "5 may ..." is a modal far more often than a date
    value = resolve_month_day(ctx, month_num(m["month"]), int(m["day"]), m["year"])
    return ("DATE", value, None) if value else None


@rule("month_year", rf"(?:(?P<part>{PART})\s*)?(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR})",
      trigger=MONTH_TRIGGER)
def norm_month_year(m, ctx):
    """"August 2022", "early March 2012"."""
    if not ctx.cap(m, "month"):
        return None
    return "DATE", f"{int(m['year']):04d}-{month_num(m['month']):02d}", part_mod(m["part"])


MONTH_CONTEXT = re.compile(r"(?:\b(?:in|since|until|till|by|from|through|to|of|during|before|after"
                           r"|between|and|or|last|next|this|early|late|mid|for|on|throughout|"
                           r"around|beginning|end|starting|ending)\s+|mid-)$", re.I)


@rule("month", rf"(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past)\s+)?"
      rf"(?:(?P<part>{PART})\s*)?(?P<month>{MONTH})(?:\s+(?P<yrel>last|next|this)\s+year)?(?!\s*\d)",
      trigger=MONTH_TRIGGER)
def norm_month(m, ctx):
    """"in February" (year by tense), "last September", "June last year"."""
    word = m["month"]
    if not ctx.cap(m, "month") or len(word.rstrip(".")) < 3:
        return None
    before = ctx.text[max(0, m.start() - 20):m.start()]
    if word.lower() in ("may", "march") and not (m["rel"] or m["part"] or MONTH_CONTEXT.search(before)):
        return None  # the modal "May" and the verb "march"
    month = month_num(word)
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", part_mod(m["part"])
    if m["yrel"]:
        year = ctx.dct.year + rel_of(m["yrel"])
    elif m["rel"]:
        r = rel_of(m["rel"])
        year = ctx.dct.year
        # "last February" written in March means a year before: the month just gone is
        # plain "in February" (TimeBank's reading).
        if r < 0 and month >= ctx.dct.month - 1:
            year -= 1
        elif r > 0 and month <= ctx.dct.month:
            year += 1
    else:
        year = cal.pick_year(ctx.dct, month, None, ctx.tense)
    return "DATE", f"{year:04d}-{month:02d}", part_mod(m["part"])


# A count rather than a year: a plural noun follows ("2020 dollars") that is no time word.
YEAR_AS_COUNT = re.compile(r"\s+(?!(?:years|seasons|levels|figures|results|elections|olympics|games)\b)"
                           r"[a-z]+s\b")
MONTH_BEFORE = re.compile(rf"\b{MONTH}\s*,?\s+(?:of\s+)?$")
YEAR_PREP = re.compile(r"\b(?:in|since|of|by|until|from|to|before|after|during|for)\s+$", re.I)


@rule("year", rf"(?:(?P<part>{PART})\s*)?(?P<prepost>pre-|post-)?"
      rf"(?:(?P<fy>(?:the\s+)?fiscal(?:\s+year)?|fy|the\s+year|calendar(?:\s+year)?)\s*)?(?P<year>{YEAR})"
      r"(?:\s+(?P<after>and\s+beyond|and\s+later|or\s+later|and\s+after|or\s+earlier|and\s+earlier))?",
      trigger=r"(?:1[5-9]|20)\d\d")
def norm_year(m, ctx):
    """"2020", "fiscal 2023", "late 2020", "1990 and beyond"; not counts ("2020 dollars")."""
    before = ctx.text[max(0, m.start() - 2):m.start()]
    after = ctx.text[m.end():m.end() + 12]
    if MONTH_BEFORE.search(ctx.text[max(0, m.start() - 12):m.start()].lower()):
        return None  # "October 1984 and later": the month rules take the year
    if re.search(r"[\d.,:/#]\s?$|\d-$", before) or re.match(r"\s*(?:[:/]\d|-(?:\d|[a-z]))", after, re.I):
        return None  # part of a number, a score, a ratio or a code
    plain = not (m["fy"] or m["part"] or m["prepost"])  # "post-1959 politics" is a year
    prep_before = YEAR_PREP.search(ctx.text, max(0, m.start() - 10), m.start())
    if plain and YEAR_AS_COUNT.match(after) and not prep_before:
        return None  # "2020 dollars", "1500 troops": a count, not a year
    year = int(m["year"])
    if ctx.dct and not m["fy"] and not m["part"] and abs(year - ctx.dct.year) > 200:
        return None
    after_mod = None
    if m["after"]:
        after_mod = "ON_OR_BEFORE" if "earlier" in m["after"] else "ON_OR_AFTER"
    if m["prepost"]:
        after_mod = "AFTER" if m["prepost"] == "post-" else "BEFORE"  # "post-1959": after it
    return "DATE", f"{year:04d}", after_mod or part_mod(m["part"])


@rule("decade", r"(?:the\s+)?(?:(?P<part>early|mid-?|late)\s*)?(?P<dec>(?:1[5-9]|20)\d0|'\d0|\d0)'?s",
      trigger=r"\d0'?s|'\d0")
def norm_decade(m, ctx):
    """"the 1990s" -> 199, "the '90s", "the mid-1980s"."""
    dec = m["dec"].lstrip("'")
    if len(dec) == 2:
        if not (m.group(0).lower().startswith("the") or "'" in m.group(0)):
            return None  # "in her 30s" is an age
        year = year_of(dec, ctx.dct)
    else:
        year = int(dec)
    return "DATE", f"{year // 10:03d}", part_mod(m["part"])


@rule("decade_word", rf"the\s+(?:(?P<part>early|mid-?|late)\s*)?(?P<word>{alt(DECADE_WORDS)})",
      trigger=r"ties\b")
def norm_decade_word(m, ctx):
    """"the nineties" -> the latest such decade at or before the article date."""
    base = ctx.dct.year // 100 * 100 if ctx.dct else 1900
    year = base + 10 * DECADE_WORDS[m["word"].lower()]
    if ctx.dct and year > ctx.dct.year:
        year -= 100
    return "DATE", f"{year // 10:03d}", part_mod(m["part"])


@rule("century", rf"(?:the\s+)?(?:(?P<part>early|mid-?|late)\s*)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORD})"
      r"[\s-]+century", trigger=r"century")
def norm_century(m, ctx):
    """"the 20th century" -> 19."""
    word = m["ord"].lower()
    n = ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
    if not n or n < 1:
        return None
    return "DATE", f"{n - 1:02d}", part_mod(m["part"])


# Years in words, as transcripts of broadcasts write them: "nineteen ninety-six",
# "nineteen oh five", "two thousand (and) one".
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TWO_DIGITS = (rf"(?:{alt(_TENS)}(?:[\s-]{alt(_ONES)})?|{alt(_TEENS)}|oh[\s-]{alt(_ONES)})")
# Before a bare "two thousand": words that make it the year, not a count.
YEAR_WORD_BEFORE = re.compile(r"\b(?:year|in|since|until|by|of|before|after)\s+$")


def _two_digits(words: str) -> int:
    parts = re.split(r"[\s-]+", words)
    if parts[0] == "oh":
        return _ONES.index(parts[1]) + 1
    if parts[0] in _TEENS:
        return _TEENS.index(parts[0]) + 10
    return 10 * (_TENS.index(parts[0]) + 2) + (_ONES.index(parts[1]) + 1 if len(parts) > 1 else 0)


@rule("year_words", rf"(?:(?P<part>{PART})\s*)?(?:(?P<month>{MONTH})\s+)?(?P<the>the\s+year\s+)?"
      rf"(?:(?P<cent>nineteen|eighteen|twenty)[\s-]+(?P<yy>{_TWO_DIGITS})"
      rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<y2k>{alt(_ONES)}|{alt(_TEENS)}))?)",
      trigger=r"nineteen|eighteen|twenty|thousand")
def norm_year_words(m, ctx):
    """"nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand"."""
    if m["month"] and not ctx.cap(m, "month"):
        return None
    if m["cent"]:
        year = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m["cent"]] + _two_digits(m["yy"])
    else:
        year = 2000 + (_ONES.index(m["y2k"]) + 1 if m["y2k"] in _ONES else
                       _TEENS.index(m["y2k"]) + 10 if m["y2k"] else 0)
        if not (m["the"] or m["month"] or m["y2k"]
                or YEAR_WORD_BEFORE.search(ctx.text[max(0, m.start() - 8):m.start()].lower())):
            return None  # "two thousand people": a count
    after = ctx.text[m.end():m.end() + 12].lower()
    if re.match(r"[\s-]+(?:dollars?|people|troops|years|miles|and|hundred|percent)\b", after):
        return None  # "nineteen twenty dollars", "nineteen ninety-nine people": counts
    if m["month"]:
        return "DATE", f"{year:04d}-{month_num(m['month']):02d}", part_mod(m["part"])
    return "DATE", f"{year:04d}", part_mod(m["part"])
