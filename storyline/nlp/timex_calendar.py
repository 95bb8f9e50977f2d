"""Calendar arithmetic for the TIMEX3 tagger: shifting a date by TimeML units, ISO weeks,
holidays, and picking the past or future occurrence of a weekday, month or day of the year.

Values are written at a *granularity* (a TimeML unit letter): Y year, Q quarter, M month,
W ISO week, D day, DE decade, CE century, HY half year, WE weekend, plus seasons (SP/SU/FA/WI).
"""
from __future__ import annotations

import datetime as dt

PAST, PRESENT, FUTURE = "past", "present", "future"
# A month named without year or tense is taken as at most this many months ahead of the
# article date, else as last year's: news looks back more often than forward (TimeBank:
# "a record set on Aug. 6" in a February article is the previous August).
NEAREST_FUTURE_MONTHS = 5


def parse_dct(dct: str | None) -> dt.date | None:
    """The article date as a ``date`` (only its first ten characters count), or None."""
    if not dct or len(dct) < 10:
        return None
    try:
        return dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, the day of the month clamped to the new month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def shift(day: dt.date, unit: str, n: int) -> dt.date | None:
    """``day`` moved by ``n`` TimeML units (negative: back), or None when it leaves the calendar."""
    try:
        if unit in ("D",):
            return day + dt.timedelta(days=n)
        if unit in ("W", "WE"):
            return day + dt.timedelta(weeks=n)
        if unit == "FN":
            return day + dt.timedelta(weeks=2 * n)
        months = {"M": 1, "Q": 3, "HY": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
        if months is None:
            return day
        return add_months(day, months * n)
    except (OverflowError, ValueError):
        return None


def fmt(day: dt.date, gran: str) -> str:
    """The TimeML value of ``day`` at granularity ``gran``."""
    if gran == "D":
        return day.isoformat()
    if gran == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if gran == "Y":
        return f"{day.year:04d}"
    if gran == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran == "HY":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if gran in ("W", "WE"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "DE":
        return f"{day.year // 10:03d}"
    if gran == "CE":
        return f"{day.year // 100:02d}"
    return day.isoformat()


def season_of(day: dt.date) -> str:
    """The (northern) season a day falls in, as a TimeML season code."""
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
            6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")


SEASON_ORDER = ("WI", "SP", "SU", "FA")


def season_value(dct: dt.date, season: str, rel: int) -> str:
    """``season`` of this year (rel 0), last (-1) or next (+1) occurrence relative to ``dct``."""
    now = SEASON_ORDER.index(season_of(dct))
    target = SEASON_ORDER.index(season)
    # A December article's "this winter" is the winter that runs into next year.
    year = dct.year + (1 if dct.month == 12 and season == "WI" and rel >= 0 else 0)
    if rel < 0 and target >= now:
        year -= 1
    elif rel > 0 and target <= now:
        year += 1
    return f"{year:04d}-{season}"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` ISO ``weekday`` (1 Monday) of a month; ``nth`` -1 is the last one."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


WEEKDAY_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}


def holiday(year: int, rule: str) -> dt.date | None:
    """The date of a holiday in ``year`` from its lexicon rule (``12-25``, ``11-TH4``, ``EASTER-2``)."""
    if rule.startswith("EASTER"):
        return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
    month, day = rule.split("-")
    if day.isdigit():
        return dt.date(year, int(month), int(day))
    nth = -1 if day[2:] == "L" else int(day[2:])
    return nth_weekday(year, int(month), WEEKDAY_CODES[day[:2]], nth)


# How far after the article date a yearless day under a past verb (or before it, under a
# future one) may lie and still be this year's (see pick_year). Not for a bare month: "sales
# fell in April", written in March, is last April.
PAST_AHEAD_DAYS = 45


def pick_year(dct: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one: the occurrence before the article date
    when the verb is past, after it when future, else the nearest one."""
    ref = (dct.month, dct.day if day is not None else 0)
    target = (month, day or 0)
    if tense == PAST:
        # News writes the year of any date outside the current one (AP style), so a yearless
        # date a little after the article date is this year's even under a past verb ("had
        # been set to expire Nov. 6"); only well ahead is it last year's.
        ahead = (month - dct.month) * 30.5 + ((day or dct.day) - dct.day)
        near = day is not None and ahead <= PAST_AHEAD_DAYS
        return dct.year if target <= ref or near else dct.year - 1
    if tense in (FUTURE, PRESENT):
        # "The deadline expires March 1": a present verb with a date names a coming one; but
        # one a few weeks back is this year's (a deadline just missed, a late report).
        behind = (dct.month - month) * 30.5 + (dct.day - (day or dct.day))
        near = day is not None and behind <= PAST_AHEAD_DAYS
        return dct.year if target >= ref or near else dct.year + 1
    # No tense: the nearest occurrence, leaning to the past as news does.
    diff = (month - dct.month) + ((day or dct.day) - dct.day) / 31
    if diff > NEAREST_FUTURE_MONTHS:
        return dct.year - 1
    if diff < -(12 - NEAREST_FUTURE_MONTHS):
        return dct.year + 1
    return dct.year


def weekday_date(dct: dt.date, weekday: int, tense: str | None, rel: int = 0) -> dt.date:
    """The date of a weekday named relative to the article date.

    ``rel`` -1 for "last Friday", +1 for "next Friday", 0 for a bare "Friday": then the verb's
    tense picks the past or future occurrence, and news without tense info reads past.
    """
    delta = weekday - dct.isoweekday()
    if rel < 0:
        return dct + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    if rel > 0:
        return dct + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    if tense == FUTURE:
        return dct + dt.timedelta(days=delta if delta >= 0 else delta + 7)
    return dct + dt.timedelta(days=delta if delta <= 0 else delta - 7)
