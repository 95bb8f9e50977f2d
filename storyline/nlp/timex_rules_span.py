"""TIMEX3 rules for expressions measured in units: "four years ago", "this week", "the past
three months", "a year", "every week", and the reference words ("now", "recently", "the
future"). See timex_rules for the conventions."""
from __future__ import annotations

import re

from . import timex_calendar as cal
from .timex_lexicon import (
    MOD_PRE, MOD_WORDS, MONTH, MONTHS, NUM_WORD, PART_OF_DAY, PARTS_OF_DAY, REFS, SEASONS, SETS,
    UNIT_WORDS, VAGUE_NUM, WEEKDAY, WEEKDAYS, alt, unit_code, word_number,
)
from .timex_rules import UNIT_TRIGGER, GRAN_OF_UNIT, duration, lower, part_mod, rel_of, rule

# Units whose shifted date is written at a coarser granularity than the unit itself.
COARSE = {"DE": "Y", "CE": "Y", "ML": "Y", "FN": "D", "HY": "M"}


def mod_of(word: str | None) -> str | None:
    return MOD_WORDS.get(lower(word)) if word else None


# Granularities from finest to coarsest: an anchor serves a unit no finer than itself.
GRAN_ORDER = {"D": 0, "W": 1, "WE": 1, "M": 2, "Q": 3, "HY": 3, "Y": 4}


def base_date(ctx, anchored: bool, code: str = "D"):
    """The date a relative expression counts from: the last mentioned date for "earlier",
    "later", "that year" when it is precise enough for the unit ("June 1998" serves "later
    that year", not "the next day"); else the article date."""
    if anchored and ctx.anchor is not None:
        date, gran = ctx.anchor
        if GRAN_ORDER.get(gran, 9) <= GRAN_ORDER.get(GRAN_OF_UNIT.get(code, "D"), 0):
            return date
    return ctx.dct


def ago_mod(m) -> str | None:
    """The mod of "about two weeks ago" or "a week or so ago" (APPROX)."""
    return mod_of(m["mod"]) or ("APPROX" if m["so"] else None)


@rule("ago", rf"(?:(?P<mod>{MOD_PRE})\s+)?(?:(?P<num>{NUM_WORD}|{VAGUE_NUM})[\s-]+)?"
      rf"(?P<unit>{UNIT_WORDS})(?P<so>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back|"
      r"previously|on)", trigger=UNIT_TRIGGER)
def norm_ago(m, ctx):
    """"four years ago", "a year earlier" (from the last date mentioned), "two days later"."""
    d = lower(m["dir"])
    clause_ends = re.match(r"\s*(?:[.,;:)!?\n]|$)", ctx.text[m.end():m.end() + 2])
    if d in ("before", "after", "on", "back", "previously") and not clause_ends:
        return None  # "two days before the vote": the duration rule tags "two days"
    code = unit_code(m["unit"])
    if code is None or code == "WE":
        return None
    n = word_number(m["num"]) if m["num"] else None
    past = d in ("ago", "earlier", "before", "back", "previously")
    if n is None or n != int(n) or ctx.dct is None:
        if d == "ago":
            return "DATE", "PAST_REF", ago_mod(m)
        if d in ("from now", "hence"):
            return "DATE", "FUTURE_REF", ago_mod(m)
        if ctx.dct is None or n is None:
            # "minutes later", "a few days earlier": an unknown shift from an unknown point.
            return "DURATION", duration(n, code), ago_mod(m)
        return None
    if code in ("S", "MIN", "H"):
        return "DATE", ctx.dct.isoformat(), ago_mod(m)
    if code == "Y" and n == 1 and past and ctx.quarter is not None:
        # "from $5 million a year earlier" after "the third quarter": that quarter, a year back.
        return "DATE", cal.fmt(cal.shift(ctx.quarter, "Y", -1), "Q"), ago_mod(m)
    start = base_date(ctx, d not in ("ago", "from now", "hence"), code)
    day = cal.shift(start, code, int(n) * (-1 if past else 1))
    if day is None:
        return None
    gran = COARSE.get(code, GRAN_OF_UNIT.get(code, "D"))
    return "DATE", cal.fmt(day, gran), ago_mod(m)


REL_UNIT = (r"(?:(?P<part>earlier|later|early|late|mid-|"
            r"the\s+(?:start|beginning|middle|end|close|rest)\s+of)\s*(?:in\s+)?)?"
            r"(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+next|the\s+coming|"
            r"the\s+previous|the\s+following|the\s+preceding|the\s+prior|the\s+current|the\s+present|"
            r"that\s+same|the\s+same|the\s+latest|the\s+full|last|this|next|coming|past|previous|current|that|the)\s+"
            r"(?P<unit>week|weekend|month|year|decade|century|millennium|day)(?P<so>\s+or\s+so)?")
# After "the year" etc., words that make it some other year than the current one.
NOT_CURRENT = re.compile(r"\s+(?:of|before|after|earlier|later|that|when|in which|ago)\b|-")
ANCHORED_RELS = {"the previous", "the following", "the preceding", "the prior", "that", "the same",
                 "that same"}
UNDERSPECIFIED = {"W": "XXXX-WXX", "M": "XXXX-XX", "D": "XXXX-XX-XX", "WE": "XXXX-WXX-WE"}


@rule("rel_unit", REL_UNIT, trigger=UNIT_TRIGGER)
def norm_rel_unit(m, ctx):
    """"this week", "last year", "the following month", "earlier this year", "the weekend"."""
    rel, unit = lower(m["rel"]), m["unit"].lower()
    code = unit_code(unit)
    after = ctx.text[m.end():m.end() + 12].lower()
    if ctx.cap(m, "unit") and (ctx.cap(m, "rel") or rel == "the"):
        return None  # "This Week", "Person of the Year": names
    if rel == "the" and (unit not in ("year", "week", "month", "weekend") or NOT_CURRENT.match(after)):
        return None
    if unit == "day" and rel not in ANCHORED_RELS | {"the next"}:
        return None
    if rel == "the" and unit == "year" and re.match(r"\s+end(?:ed|ing)\b", after):
        return "DURATION", "P1Y", None  # "the year ended March 31": a fiscal year, as a span
    if rel == "the past" and unit not in ("weekend", "year", "month", "week"):
        # "the past decade" is a length of time; "the past year" is, in TimeBank, last year.
        return "DURATION", duration(1, code), None
    mod = part_mod(m["part"]) or ("APPROX" if m["so"] else None)  # "the next year or so"
    if ctx.dct is None:
        return "DATE", UNDERSPECIFIED.get(code, "XXXX"), mod
    start = base_date(ctx, rel in ANCHORED_RELS, code)
    if code == "WE":
        r = rel_of(rel) if rel not in ("the", "this") else 0
        if rel == "the" and ctx.tense != cal.FUTURE and ctx.dct.isoweekday() < 6:
            r = -1
        day = cal.shift(start, "W", r)
        return "DATE", cal.fmt(day, "WE"), mod
    current = rel in ("the", "the current", "the present", "the same", "that", "current", "this",
                      "the full", "that same")
    r = 0 if current else rel_of(rel)
    if rel == "the next" and unit == "day":
        start = base_date(ctx, True, code)
    day = cal.shift(start, code, r)
    gran = {"DE": "DE", "CE": "CE", "ML": "Y"}.get(code, GRAN_OF_UNIT.get(code, "D"))
    return "DATE", cal.fmt(day, gran), mod


@rule("year_end", r"(?:the\s+)?year(?:-end|'s\s+end|\s+end)", trigger=r"year")
def norm_year_end(m, ctx):
    """"year-end", "the year's end": the article's year, mod END."""
    return "DATE", (f"{ctx.dct.year:04d}" if ctx.dct else "XXXX"), "END"


# "$5 a year", "twice a day": an amount or count, then "a year" (a rate, so a SET).
SET_BEFORE = re.compile(r"(?:\d|%|\b(?:once|twice|times|dollars?|cents?|euros?|pounds?|million|"
                        r"billion|thousand|hundred|percent|miles?|kilometers?|tons?|barrels?))\s*$", re.I)
# "four flights a week": a count, then a plural noun, then "a week" (a rate, so a SET).
RATE_BEFORE = re.compile(rf"\b(?:\d[\d,.]*|{NUM_WORD})\s+[a-z]+s\s+$", re.I)


# A modal right before "one day" makes it "some day ahead" ("could one day replace"), not
# a length of time.
SOMEDAY_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must|'ll|to)\s+$", re.I)


# Words before "last" that make it the verb ("to last two weeks", "will last a year").
VERB_BEFORE = re.compile(r"\b(?:to|will|would|could|may|might|can|should|must|did|does|do|'ll)\s+$", re.I)


@rule("duration", rf"(?:(?P<mod>{MOD_PRE}|over)\s+)?(?:(?P<det>the\s+(?:past|last|next|coming|first|final|"
      r"previous|following|remaining|latest|same|entire|full|whole|ensuing|preceding)|each\s+of\s+the\s+"
      r"(?:past|last|next)|past|last|next|first|final|another|an?\s+additional|the|a\s+further)\s+)?"
      rf"(?P<num>{NUM_WORD}|{VAGUE_NUM})(?P<half>[\s-]+(?:1/2|and[\s-]+a[\s-]+half))?"
      rf"(?:\s+(?:or|to)\s+(?P<num2>{NUM_WORD}))?(?:\s+more)?"
      r"(?:\s+(?:straight|consecutive|successive|full|long|trading|business|working)){0,2}[\s-]+"
      rf"(?P<unit>{UNIT_WORDS})"
      r"(?P<old>-old)?(?:\s+(?P<tail>or\s+so|or\s+more|or\s+two|or\s+three|ahead(?!\s+of\b)|to\s+come|"
      r"and\s+a\s+half))?", trigger=UNIT_TRIGGER)
def norm_duration(m, ctx):
    """"two hours", "the past three months", "more than a decade", "a two-year contract";
    "a year" after an amount is a rate, so a SET ("$5 a year")."""
    code = unit_code(m["unit"])
    after = ctx.text[m.end():m.end() + 5]
    if code is None or code == "WE" or m["old"] or re.match(r"\s+old\b", after):
        return None  # "37 years old", "a 6-year-old boy": ages, which TimeBank leaves untagged
    if ctx.cap(m, "unit") and not ctx.cap(m, "num") and m["num"][0].isdigit():
        return None  # "60 Minutes": a title
    num, unit = lower(m["num"]), m["unit"]
    joined = ctx.text[m.start("unit") - 1] == "-"  # "two-year": an adjective
    fraction = num in ("a", "one", "three") and re.match(r"\s+of\b", after)
    by = re.search(r"\bby\s+$", ctx.text[max(0, m.start() - 4):m.start()])
    if code == "Q" and (unit.endswith("s") and joined or fraction or by):
        return None  # "three-quarters", "a quarter of the shares", "shrank by a quarter"
    n = word_number(num)
    if n is not None and (n >= 1000 or n > 1 and not unit.endswith("s") and not joined and code == "S"):
        return None  # "the 1988 second quarter", "the 2 second"
    if num in ("a", "an") and unit.endswith("s"):
        return None
    if unit == "second" and re.match(r"\s+[a-z]", after):
        return None  # "a second term": the ordinal
    if num == "one" and unit.lower() == "day" and not (m["det"] or m["mod"] or m["tail"] or joined) and (
            SOMEDAY_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())):
        return "DATE", "FUTURE_REF", None  # "will one day lead the party": some day ahead
    if num in ("a", "an", "one") and not joined and not m["det"] and not m["mod"]:
        before = ctx.text[max(0, m.start() - 30):m.start()]
        if SET_BEFORE.search(before) or RATE_BEFORE.search(before):
            return "SET", duration(1, code), None  # "$5 a year", "four flights a week"
    mod = mod_of(m["mod"]) or ("APPROX" if m["tail"] and "so" in m["tail"] else None)
    if n is not None and (m["half"] or (m["tail"] and "half" in m["tail"])):
        n += 0.5  # "5 1/2 hours", "two and a half years", "a year and a half"
    if m["num2"] and word_number(m["num2"]) != n:
        n = None  # "the next 12 to 18 months", "two or three weeks": a range, so PXM
    result = ("DURATION", duration(n, code), mod)
    if lower(m["det"]) in ("last", "next") and VERB_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return result + (m.start("num"),)  # "expected to last several months": the verb
    if lower(m["mod"]) == "over":
        # "over three years" is a mod, "over the past two years" a preposition.
        return result + (m.start("det") if m["det"] else m.start("num"),)
    if joined and m["det"] and not m["mod"]:
        return result + (m.start("num"),)  # "the two-week delay": the span is "two-week"
    return result


@rule("one_more", r"(?P<more>another|an\s+additional|an\s+extra|a\s+further|a\s+full)\s+"
      r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|century)"
      r"(?P<tail>\s+or\s+(?:so|two|more))?", trigger=UNIT_TRIGGER)
def norm_one_more(m, ctx):
    """"another year", "an additional month", "a full week": one more unit, a duration (the
    number rule needs a number word; "a full year" has none)."""
    if ctx.cap(m, "unit"):
        return None  # "Another Day": a title
    if re.match(r"\s+(?:ago|earlier|later|before|after)\b", ctx.text[m.end():m.end() + 8]):
        return None  # "a full day later": the "ago" rule's shift
    mod = "APPROX" if m["tail"] and "so" in m["tail"] else None
    n = None if m["tail"] and "so" not in m["tail"] else 1  # "another year or two": PXY
    return "DURATION", duration(n, unit_code(m["unit"])), mod


# Words before "a while" that make it a length of time ("for a while", "took a while").
WHILE_BEFORE = re.compile(r"\b(?:for|in|after|within|took|take|takes|taking|lasted|lasts|spent|"
                          r"waited|wait)\s+$")


@rule("a_while", r"a\s+(?:little\s+|long\s+|good\s+)?while(?P<ago>\s+(?:ago|back))?", trigger=r"while")
def norm_a_while(m, ctx):
    """"for a while", "a long while": a length of time nobody gave (TimeML PXX); "a while
    ago" some time back (PAST_REF). Not "once in a while" (a frequency) nor the conjunction."""
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if m["ago"]:
        return "DATE", "PAST_REF", None
    if before.endswith("once in ") or not WHILE_BEFORE.search(before):
        return None
    return "DURATION", "PXX", None


@rule("long_adj", rf"(?:(?P<num>{NUM_WORD})[\s-]+)?(?P<unit>{UNIT_WORDS})-long", trigger=r"-long")
def norm_long_adj(m, ctx):
    """"a decade-long war", "a two-year-long probe": a duration used as an adjective."""
    code = unit_code(m["unit"])
    if not code or code == "WE":
        return None
    if lower(m["num"]) in ("", "a", "an") and m["unit"].lower().endswith("s"):
        return "DURATION", duration(None, code), None, m.start("unit")  # "a decades-long feud"
    if lower(m["num"]) in ("", "a", "an"):
        return "DURATION", duration(1, code), None, m.start("unit")  # "a day-long meeting"
    return "DURATION", duration(word_number(m["num"]), code), None


# Words before a bare "years" that make it a length of time: "for years", "took months".
DURATION_VERB = re.compile(r"\b(?:for|over|within|took|lasted|spent|last|lasting|through)\s+$")
# "the first time in years", "its lowest level in decades": "in" after a first or a
# superlative measures the stretch since it last happened, so a length of time too.
SINCE_LAST = re.compile(r"\b(?:time|first|ever|[a-z]{2,}est|level|levels|high|low)\s+in\s+$")


@rule("bare_units", r"(?:(?P<pre>recent|past|future|the\s+coming|coming|upcoming|the)\s+)?"
      r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|quarters)"
      r"(?:\s+(?P<tail>ahead|to\s+come))?", trigger=UNIT_TRIGGER)
def norm_bare_units(m, ctx):
    """Plural units without a number: "in recent years", "the coming weeks", "for months"."""
    pre = lower(m["pre"])
    code = unit_code(m["unit"])
    if ctx.text[m.start() - 1:m.start()] == "-":
        return None  # "three-quarters of the oil": part of a hyphenated word
    if pre == "recent" and not m["tail"]:
        # "in recent years": a stretch of unknown length up to now (TimeML PXY); TimeBank
        # writes it so 7 times in 12 on TE3 dev (PAST_REF the other 5).
        return "DURATION", duration(None, code), None
    if pre == "past" and not m["tail"]:
        return "DATE", "PAST_REF", None
    if pre in ("the coming", "coming", "upcoming", "future") and not m["tail"]:
        return "DATE", "FUTURE_REF", None
    before = ctx.text[max(0, m.start() - 10):m.start()].lower()
    followed_by_of = ctx.text.startswith(" of ", m.end())  # "months of talks"
    since_last = not pre and SINCE_LAST.search(ctx.text[max(0, m.start() - 20):m.start()].lower())
    if m["tail"] or DURATION_VERB.search(before) or since_last or (followed_by_of and pre != "the"):
        return "DURATION", duration(None, code), None
    return None


@rule("set_every", rf"(?P<q>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM_WORD})\s+)?"
      rf"(?P<unit>{UNIT_WORDS}|{WEEKDAY}|morning|afternoon|evening|{alt(SEASONS)}|{MONTH})"
      rf"(?:\s+(?P<pod>{PART_OF_DAY}))?", trigger=r"every|each|per")
def norm_set_every(m, ctx):
    """"every week", "each year", "every other month", "every Monday", "every Friday night",
    "each July"."""
    unit = m["unit"].lower()
    if m["pod"] and unit not in WEEKDAYS:
        return None  # "each day morning" is no phrase; the shorter match stands
    if unit in WEEKDAYS:
        pod = f"T{PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit]}{pod}", None
    if unit.rstrip(".") in MONTHS:
        if not ctx.cap(m, "unit"):
            return None  # "each may differ": the modal, in lower case
        return "SET", f"XXXX-{MONTHS[unit.rstrip('.')]:02d}", None
    if unit in PARTS_OF_DAY and unit not in ("night",):
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", None
    if unit in SEASONS:
        return "SET", f"XXXX-{SEASONS[unit]}", None
    code = unit_code(unit)
    if code is None:
        return None
    n = word_number(m["num"]) if m["num"] else 1
    n = (n or 1) * (2 if m["other"] else 1)
    return "SET", duration(n, code), None


@rule("set_freq", rf"(?:once|twice|thrice|(?:{NUM_WORD})\s+times)\s+(?:a|an|per|each|every)\s+"
      rf"(?P<unit>{UNIT_WORDS})", trigger=r"once|twice|thrice|times")
def norm_set_freq(m, ctx):
    """"twice a week", "three times a year"."""
    code = unit_code(m["unit"])
    return ("SET", duration(1, code), None) if code else None


@rule("set_word", alt(k for k in SETS if " " not in k))
def norm_set_word(m, ctx):
    """"daily", "weekly", "annually"."""
    return "SET", SETS[m.group(0).lower()], None


@rule("ref", rf"{alt(REFS)}")
def norm_ref(m, ctx):
    """"now", "currently", "recently", "the future", "soon" (TimeML's _REF values)."""
    word = lower(m.group(0))
    before = ctx.text[max(0, m.start() - 4):m.start()].lower()
    after = ctx.text[m.end():m.end() + 8].lower()  # long enough for " before"
    conjunction = before.endswith("as ") or after.startswith((" as", " after", " before"))
    if word in ("soon", "shortly") and conjunction:
        return None  # "as soon as", "shortly after": conjunctions
    if word in ("soon", "shortly") and ctx.tense == cal.PAST:
        return None  # "was soon released": soon after some past event, not ahead of the article
    if word in ("the future", "the past") and after.startswith(" of "):
        return None  # "the future of the alliance": its fate, not a time
    if word == "current" and not re.match(r"\s+[a-z]", after):
        return None  # only the adjective before a noun ("the current system")
    return "DATE", REFS[word], None
