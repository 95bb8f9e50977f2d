"""TIMEX3 rules for relative and calendar-part expressions: quarters and earnings-report
periods ("the year-earlier period"), seasons, holidays, "yesterday", "on Thursday", times of
day. See timex_rules for the conventions."""
from __future__ import annotations

import datetime as dt
import re

from . import timex_calendar as cal
from .timex_lexicon import (
    HOLIDAY, HOLIDAYS, MONTH, ORDINALS, PART, PARTS_OF_DAY, PART_OF_DAY, SEASON, SEASONS, WEEKDAY,
    WEEKDAYS, YEAR, alt,
)
from .timex_rules import lower, month_num, part_mod, rel_of, resolve_month_day, rule, year_of

def quarter_year(ctx, q: int, per: int = 3) -> int:
    """The year of "the third quarter" given without one: this year unless that quarter is
    still ahead and the verb is past (or it is two or more quarters ahead with no tense)."""
    cur = (ctx.dct.month - 1) // per + 1
    if q <= cur or ctx.tense == cal.FUTURE:
        return ctx.dct.year
    if ctx.tense == cal.PAST or q - cur >= 2:
        return ctx.dct.year - 1
    return ctx.dct.year


# "the quarter ended Sept. 30": the last day of a quarter given after it.
ENDED = re.compile(rf",?\s+(?P<verb>ended|ending)\s+(?P<month>{MONTH})\s*(?P<day>[0-3]?\d)(?!\d)", re.I)


@rule("quarter", rf"(?:the\s+)?(?P<pre>(?:(?:this|last|next)\s+year's|fiscal|year-earlier|year-ago|"
      r"comparable|latest|current|recent|most\s+recent|previous|prior|same|calendar|past|"
      r"this|last|next|coming|final)[\s-]+)*(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|"
      r"final|last)[\s-]+)?(?:fiscal[\s-]+)?(?P<q>quarter|half)(?:\s+(?:of|in)\s+(?:(?:fiscal|calendar)"
      rf"\s+)?(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year))?"
      r"(?P<ago>\s+(?:a|one)\s+year\s+(?:ago|earlier))?", trigger=r"quarter|half")
def norm_quarter(m, ctx):
    """"the third quarter (of 2023)", "third-quarter", "the latest quarter", "the first half"."""
    pre, ordw, unit = lower(m["pre"]), lower(m["ord"]), m["q"].lower()
    text = lower(m.group(0))
    if not (pre or ordw or text.startswith("the")):
        return None
    per = 3 if unit == "quarter" else 6
    code = "Q" if unit == "quarter" else "H"
    if m["year"] and m["year"][0].isdigit():
        year = int(m["year"])
    elif ctx.dct is None:
        year = None
    elif m["year"]:
        year = ctx.dct.year + rel_of(m["year"].split()[0])
    elif ctx.dct is not None and re.search(r"\b(?:this|next)\s+year's", pre):
        # "next year's first quarter": the year the possessive names (last year's is ``back``).
        year = ctx.dct.year + ("next" in pre)
    else:
        year = None
    back = ("year-earlier" in pre or "year-ago" in pre or "last year's" in pre or "comparable" in pre
            or bool(m["ago"]))  # "the quarter a year ago": the year-ago quarter, one span
    if not ordw and m["year"] and re.search(r"\b(?:last|final)$", pre.strip(" -")):
        ordw = "last"  # "the last half of 1989"
    if ordw and ordw not in ("last", "final"):
        q = ORDINALS[ordw]
        if year is None and ctx.dct is not None:
            year = quarter_year(ctx, q, per) - back
    elif ctx.dct is not None and year is None and per == 3 and not pre and ENDED.match(ctx.text, m.end()):
        # "the quarter ended July 31": the calendar quarter holding most of its three months,
        # that of the month before the last; the year the one of the last day, not after
        # the article date for "ended".
        end = ENDED.match(ctx.text, m.end())
        month, day = month_num(end["month"]), int(end["day"])
        year = ctx.dct.year
        if end["verb"].lower() == "ended" and (month, day) > (ctx.dct.month, ctx.dct.day):
            year -= 1
        mid = cal.add_months(dt.date(year, month, 1), -1)
        year, q = mid.year, (mid.month - 1) // 3 + 1
    elif ctx.dct is not None and year is None:
        rel = -1
        if re.search(r"\b(?:this|current|same)\b", pre):
            rel = 0
        elif re.search(r"\b(?:next|coming)\b", pre):
            rel = 1
        day = cal.shift(ctx.dct, "Q" if per == 3 else "HY", rel - 12 // per * back)
        year, q = day.year, (day.month - 1) // per + 1
    elif ordw in ("last", "final"):
        q = 12 // per
    else:
        return None
    value = f"XXXX-{code}{q}" if year is None else f"{year:04d}-{code}{q}"
    if text.startswith("the") and ctx.text[m.start("q") - 1] == "-" and not m["year"]:
        # "the third-quarter results": the adjective alone is the span.
        return "DATE", value, None, m.start() + len(re.match(r"the\s+", text).group(0))
    return "DATE", value, None


# Nouns a bare "year-earlier"/"year-ago" qualifies in earnings reports ("year-earlier profit").
REPORT_NOUN = re.compile(r"\s+(?:(?:net|operating|pretax|fiscal|third-quarter|second-quarter|"
                         r"first-quarter|fourth-quarter)\s+)?(?:results?|profits?|earnings|loss(?:es)?|"
                         r"net|income|sales|revenues?|levels?|figures?|totals?|gains?|charges?|"
                         r"amounts?|quarters?|periods?|months?)\b")


@rule("report_period", r"(?:(?P<det>the)\s+)?(?:(?P<cmp>comparable|corresponding|same)\s+)?"
      r"(?:(?P<back>year-earlier|year-ago|prior-year|year\s+earlier|year\s+ago)(?:\s+(?P<what>period))?"
      r"|(?P<latest>latest|most\s+recent|current|same|corresponding|comparable)\s+period"
      r"(?:\s+(?P<last>last\s+year|a\s+year\s+(?:ago|earlier)|of\s+(?:last\s+year|\d{4})))?)",
      trigger=r"earlier|ago|period|prior")
def norm_report_period(m, ctx):
    """Earnings-report periods: "the year-earlier period", "year-ago results" (the adjective
    alone), "the latest period", "the same period last year". They name the quarter just
    reported (or the one a year before it); with no quarter in sight, the year."""
    back = bool(m["back"] or m["last"])
    trim = None
    if m["back"] and not m["what"]:
        if m["cmp"] or not REPORT_NOUN.match(ctx.text, m.end()):
            return None  # "the year-ago quarter" is the quarter rule's; a bare one needs its noun
        if m["det"]:
            trim = m.start("back")  # "the year-ago results": the span is the adjective
    if m["latest"] and lower(m["latest"]) in ("same", "corresponding", "comparable") and not m["last"]:
        return None  # "the same period" alone repeats whatever period came before
    if m["back"] and " " in m["back"] and not m["what"]:
        return None  # "a year earlier" is the "ago" rule's
    if ctx.dct is None:
        return "DATE", "XXXX", None
    quarter = ctx.quarter
    if quarter is None and not back:
        quarter = cal.shift(ctx.dct, "Q", -1)  # "the latest period": the last quarter closed
    if quarter is None:
        value = f"{ctx.dct.year - 1:04d}"
    else:
        day = cal.shift(quarter, "Y", -1) if back else quarter
        value = f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return ("DATE", value, None) if trim is None else ("DATE", value, None, trim)


@rule("q_code", rf"(?:q(?P<q>[1-4])|(?P<q2>[1-4])q)(?:\s*(?P<year>{YEAR}|'\d\d))?",
      trigger=r"\bq[1-4]|[1-4]q\b")
def norm_q_code(m, ctx):
    """"Q3 2020", "3Q": quarters written the analysts' way (a capital Q)."""
    if "q" in ctx.text[m.start():m.end()]:
        return None  # "q1" in lower case is some other code
    q = int(m["q"] or m["q2"])
    if m["year"]:
        year = year_of(m["year"], ctx.dct)
    elif ctx.dct is not None:
        year = quarter_year(ctx, q)
    else:
        return "DATE", f"XXXX-Q{q}", None
    return "DATE", f"{year:04d}-Q{q}", None


@rule("year_period", rf"the\s+(?P<year>{YEAR})\s+(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?"
      r"(?P<what>quarter|period|half)", trigger=r"quarter|period|half")
def norm_year_period(m, ctx):
    """"the 2012 fourth quarter"; "the 2012 period" is the quarter just named, in that year."""
    year, what = int(m["year"]), m["what"]
    if m["ord"]:
        return "DATE", f"{year:04d}-{'Q' if what != 'half' else 'H'}{ORDINALS[m['ord']]}", None
    if what == "half":
        return None
    if ctx.quarter is not None:
        return "DATE", f"{year:04d}-Q{(ctx.quarter.month - 1) // 3 + 1}", None
    return "DATE", f"{year:04d}", None


# "the fiscal year ended June 30", "ending next month": a span of a year given by its end.
ENDED_ANY = re.compile(r",?\s+(?:that\s+)?end(?:ed|ing|s)\b", re.I)


@rule("fiscal_year", r"(?:the\s+)?(?:(?P<rel>current|latest|last|next|this|coming|previous|prior|"
      r"past|new|same|full)\s+)?fiscal[\s-]+year", trigger=r"fiscal")
def norm_fiscal_year(m, ctx):
    """"the current fiscal year", "the next fiscal year"."""
    if not m.group(0).startswith("the") and re.search(r"\ban?\s+$", ctx.text[max(0, m.start() - 3):m.start()]):
        return None  # "changed to a fiscal year ending in June": any year, not one
    if ENDED_ANY.match(ctx.text, m.end()):
        return "DURATION", "P1Y", None  # "the fiscal year ended Jan. 31": as "the year ended"
    if ctx.dct is None:
        return "DATE", "XXXX", None
    rel = rel_of(m["rel"]) if m["rel"] and m["rel"].lower() not in ("past",) else 0
    return "DATE", f"{ctx.dct.year + rel:04d}", None


# Prepositions that make "spring", "fall" a season.
SEASON_PREP = re.compile(r"\b(?:in|during|by|since|until|through|throughout|over|this|for|into|"
                         r"till|before|after)\s+$")


@rule("season", rf"(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|the)\s+)?"
      rf"(?:(?P<part>{PART})\s*)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
      trigger=r"spring|summer|fall|autumn|winter")
def norm_season(m, ctx):
    """"this summer", "last fall", "in the spring", "the winter of 2010"."""
    code = SEASONS[m["season"]]
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    rel = lower(m["rel"])
    if not (m["year"] or rel or m["part"] or SEASON_PREP.search(before)):
        return None  # "spring" the verb, "fall" the noun
    if rel == "the" and not m["year"]:
        before_the = ctx.text[max(0, m.start("rel") - 12):m.start("rel")].lower()
        if ctx.text.startswith(" of", m.end()) or not SEASON_PREP.search(before_the):
            return None  # "the fall of the city", "the summer analysts"
    mod = part_mod(m["part"])
    if m["year"]:
        return "DATE", f"{m['year']}-{code}", mod
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", mod
    r = rel_of(rel) if rel not in ("the", "") else 0
    if r == 0 and ctx.tense in (cal.PAST, cal.FUTURE) and rel != "this":
        r = -1 if ctx.tense == cal.PAST else 1
        if cal.season_of(ctx.dct) == code:
            r = 0
    return "DATE", cal.season_value(ctx.dct, code, r), mod


@rule("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?",
      trigger=r"christmas|new year|valentine|patrick|independence|halloween|boxing|veterans"
              r"|thanksgiving|labor|memorial|mother|father|easter|good friday")
def norm_holiday(m, ctx):
    """"Christmas Day", "last Thanksgiving", "Easter 2019"."""
    if not ctx.cap(m, "hol"):
        return None
    spec = HOLIDAYS[lower(m["hol"])]
    if m["year"]:
        year = int(m["year"])
    elif ctx.dct is None:
        return "DATE", "XXXX-XX-XX", None
    else:
        this = cal.holiday(ctx.dct.year, spec)
        r = rel_of(m["rel"])
        tense = cal.PAST if r < 0 else cal.FUTURE if r > 0 else ctx.tense
        year = cal.pick_year(ctx.dct, this.month, this.day, tense)
    return "DATE", cal.holiday(year, spec).isoformat(), None


# ----------------------------------------------------------------- days and times of day
DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
             "the day before yesterday": -2, "the day after tomorrow": 2}
DAY_WORD = alt(DAY_WORDS)


def day_of(word: str, ctx, rel_word: str | None = None) -> dt.date | None:
    """The date named by "yesterday", "Friday", "last Friday" (None without an article date)."""
    if ctx.dct is None:
        return None
    w = lower(word)
    if w in DAY_WORDS:
        return ctx.dct + dt.timedelta(days=DAY_WORDS[w])
    r = rel_of(rel_word) if rel_word and lower(rel_word) != "this" else 0
    tense = cal.FUTURE if lower(rel_word) == "this" and ctx.tense != cal.PAST else ctx.tense
    if tense == cal.PRESENT:
        # "They meet Monday": news writes a scheduled event in the present (HeidelTime's
        # PRESENTFUTURE); TE3 dev: 2 fixed, 1 broken.
        tense = cal.FUTURE
    return cal.weekday_date(ctx.dct, WEEKDAYS[w], tense, r)


def day_string(word: str | None, ctx, rel_word=None) -> str:
    """The value of a day word, a weekday, or with neither the base date of a time of day:
    the last mentioned day, else the article date."""
    if word is None:
        base = ctx.anchor[0] if ctx.anchor and ctx.anchor[1] == "D" else ctx.dct
        return base.isoformat() if base else "XXXX-XX-XX"
    day = day_of(word, ctx, rel_word)
    if day is not None:
        return day.isoformat()
    return "XXXX-WXX-" + str(WEEKDAYS[lower(word)]) if lower(word) in WEEKDAYS else "XXXX-XX-XX"


@rule("day_word", rf"(?:(?P<part>early|late|earlier|later|mid-?)\s*)?(?P<day>{DAY_WORD})"
      rf"(?:\s+(?P<pod>{PART_OF_DAY}))?", trigger=r"today|tonight|yesterday|tomorrow")
def norm_day_word(m, ctx):
    """"today", "yesterday", "tomorrow morning", "late yesterday", "tonight"."""
    value = day_string(m["day"], ctx)
    pod = m["pod"] or ("night" if m["day"].lower() == "tonight" else None)
    if pod:
        return "TIME", f"{value}T{PARTS_OF_DAY[pod.lower()]}", part_mod(m["part"])
    return "DATE", value, part_mod(m["part"])


@rule("this_pod", rf"(?:(?P<part>earlier|later|early|late)\s+)?(?P<rel>this|last|that)\s+"
      rf"(?P<pod>{PART_OF_DAY}|overnight)", trigger=r"morning|afternoon|evening|night")
def norm_this_pod(m, ctx):
    """"this morning", "last night", "that evening" (the last mentioned day), "later this
    afternoon" (the part word inside the span, as with "earlier this week")."""
    rel, pod = lower(m["rel"]), lower(m["pod"])
    mod = part_mod(m["part"])
    if rel == "that":
        return None if ctx.anchor is None or ctx.anchor[1] != "D" else (
            "TIME", f"{ctx.anchor[0].isoformat()}T{PARTS_OF_DAY[pod]}", mod)
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[pod]}", mod
    day = ctx.dct - dt.timedelta(days=1) if rel == "last" else ctx.dct
    if rel == "last" and pod != "night":
        return None  # "last morning" is not idiomatic
    return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[pod]}", mod


@rule("weekday", r"(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past|the\s+previous|"
      r"the\s+following|the\s+next|the\s+preceding|that)\s+)?(?:(?P<part>early|late|earlier|later)\s+)?"
      rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?",
      trigger=r"(?:mon|tues|wednes|thurs|fri|satur|sun)day")
def norm_weekday(m, ctx):
    """"on Thursday" (past or future by tense), "last Friday", "the previous Monday"."""
    if not ctx.cap(m, "wd"):
        return None
    rel = lower(m["rel"])
    if not (rel or m["part"] or m["pod"]):
        every = coordinated_set(ctx, m.end(), WEEKDAYS[m["wd"]])
        if every:
            return "SET", every, None  # "on Monday and Tuesday nights": each Monday night
    if rel.startswith("the ") or rel == "that":
        # Counted from the last date mentioned ("the previous Friday"), else the article date.
        base = ctx.anchor[0] if ctx.anchor and ctx.anchor[1] == "D" else ctx.dct
        if base is None:
            return "DATE", f"XXXX-WXX-{WEEKDAYS[m['wd']]}", None
        r = 0 if rel == "that" else rel_of(rel)
        tense = cal.PAST if r <= 0 else cal.FUTURE
        value = cal.weekday_date(base, WEEKDAYS[m["wd"]], tense, r).isoformat()
    else:
        value = day_string(m["wd"], ctx, m["rel"])
    if m["pod"]:
        return "TIME", f"{value}T{PARTS_OF_DAY[m['pod'].lower()]}", None
    return "DATE", value, part_mod(m["part"])


# Plural parts of a day after a weekday: "Friday nights", "Sunday mornings".
PLURAL_POD = r"(?:mornings|afternoons|evenings|nights)"
# "on Mondays and Tuesday nights": a weekday coordinated with a plural one shares its sense.
COORDINATED_PLURAL = re.compile(rf"\s+(?:and|or)\s+(?:{WEEKDAY})(?:s\b|\s+(?P<pod>{PLURAL_POD})\b)")


@rule("weekday_plural", rf"(?P<wd>{WEEKDAY})(?:s|\s+(?P<pod>{PLURAL_POD}))",
      trigger=r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?")
def norm_weekday_plural(m, ctx):
    """"on Mondays", "Friday nights": every such day, a SET (TimeML)."""
    if not ctx.cap(m, "wd"):
        return None
    pod = f"T{PARTS_OF_DAY[m['pod'].lower()[:-1]]}" if m["pod"] else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}{pod}", None


def coordinated_set(ctx, end: int, weekday: int) -> str | None:
    """The SET value of the weekday ending at ``end`` when a plural weekday follows it
    ("Monday and Tuesday nights" are every Monday night too), else None."""
    m = COORDINATED_PLURAL.match(ctx.text.lower(), end)
    if m is None:
        return None
    pod = f"T{PARTS_OF_DAY[m['pod'][:-1]]}" if m["pod"] else ""
    return f"XXXX-WXX-{weekday}{pod}"


@rule("week_of", rf"the\s+week\s+of\s+(?P<month>{MONTH})\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
      rf"(?:,?\s+(?P<year>{YEAR}))?", trigger=r"week")
def norm_week_of(m, ctx):
    """"the week of March 6": the ISO week holding that day."""
    if not ctx.cap(m, "month"):
        return None
    value = resolve_month_day(ctx, month_num(m["month"]), int(m["day"]), m["year"])
    if value is None or value.startswith("X"):
        return ("DATE", "XXXX-WXX", None) if value else None
    return "DATE", cal.fmt(dt.date.fromisoformat(value), "W"), None


@rule("part_of_day", rf"(?P<part>early|late|mid-?)\s*(?P<pod>morning|afternoon|evening)"
      rf"(?:,?\s+(?:(?P<day>{DAY_WORD})|(?P<wd>{WEEKDAY})))?", trigger=r"morning|afternoon|evening")
def norm_part_of_day(m, ctx):
    """"mid-afternoon (yesterday)", "early morning"."""
    day = day_string(m["day"] or m["wd"], ctx)
    return "TIME", f"{day}T{PARTS_OF_DAY[m['pod']]}", part_mod(m["part"])


# Words that make "3:10" a time of day.
CLOCK_PREP = re.compile(r"\b(?:at|by|until|from|before|after)\s+$")
CLOCK = (r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[ap]\.m\b)"
         r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?!\s*[ap]\.?m)|(?P<named>noon|midnight|midday))")


@rule("clock_pod", r"(?P<h>1[0-2]|[1-9])(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)"
      r"|at\s+(?P<night>night))", trigger=r"morning|afternoon|evening|night")
def norm_clock_pod(m, ctx):
    """"at 4 in the morning", "9 o'clock at night": a bare hour that the part of the day
    places (only after "at", "by", "until"...: else "2 in the morning" may count something)."""
    if not CLOCK_PREP.search(ctx.text, max(0, m.start() - 8), m.start()):
        return None
    h = int(m["h"]) % 12
    if m["pod"] in ("afternoon", "evening") or (m["night"] and h >= 6):
        h += 12  # "9 at night" is 21:00, "2 at night" 02:00
    return "TIME", f"{day_string(None, ctx)}T{h:02d}:00", None

@rule("clock", r"(?:(?P<mod>about|around|approximately|shortly\s+(?:before|after)|"
      rf"just\s+(?:before|after))\s+)?{CLOCK}(?:\s+(?P<tz>[ecmp][sd]?t|gmt|utc|bst|cet))?"
      rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{DAY_WORD})|(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mdm>{MONTH})\s*"
      rf"(?P<mdd>[0-3]?\d)(?!\d)|(?P<wd2>{WEEKDAY})))?",
      trigger=r"[ap]\.?\s?m\b|\d:\d\d|noon|midnight|midday")
def norm_clock(m, ctx):
    """"4:30 p.m. (yesterday)", "noon Thursday", "5 p.m. EST Nov. 9", "around 7:15 p.m."."""
    if m["named"]:
        if re.search(r"\bhigh\s+$", ctx.text[max(0, m.start() - 6):m.start()], re.I):
            return None  # "high noon": the idiom (and the film)
        h, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["named"].lower()]
    elif m["h24"]:
        h, mi = int(m["h24"]), int(m["mi24"])
        dated = m["day"] or m["wd2"] or m["mdm"]
        if not (dated or CLOCK_PREP.search(ctx.text, max(0, m.start() - 8), m.start())):
            return None  # "3:10" alone is more often a score, ratio or verse
    else:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        if h > 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    if m["mdm"]:
        day = resolve_month_day(ctx, month_num(m["mdm"]), int(m["mdd"]), None)
        if day is None:
            return None
    else:
        day = day_string(m["day"] or m["wd2"], ctx)
    mod = "APPROX" if m["mod"] and lower(m["mod"]) in ("about", "around", "approximately") else None
    return "TIME", f"{day}T{h:02d}:{mi:02d}", mod
