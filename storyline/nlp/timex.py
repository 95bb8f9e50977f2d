"""Time expressions (TIMEX3), resolved against the article date.

A rule engine in HeidelTime's manner:

1. every rule (timex_rules*, one regular expression per kind of expression) proposes spans,
   matched on the lower-cased text and only near its trigger words (one pre-scan finds them);
2. overlapping proposals are settled longest first, ties by rule order; a proposal its rule
   rejects leaves room for a shorter one;
3. the kept spans are normalised in text order, so a relative expression ("a day later", "the
   following week") can count from the last date mentioned, and the tense of the governing verb
   (timex_tense, from the shared spaCy parse, never a new one) picks the past or future
   "Thursday" or "March". Calendar arithmetic is in timex_calendar, word tables in
   storyline/data/timex_lexicon.json.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Article, TimeMention
from ..pipeline import Context, register
from . import timex_calendar as cal
from . import timex_rules_rel, timex_rules_span  # noqa: F401  (they register their rules)
from .timex_rules import RULES, Ctx
from .timex_tense import tense_at

# A match reaches at most this far before / after its trigger word ("each of the past
# twenty-five years": 28 characters before "years"); windows are widened to whitespace.
WINDOW_BEFORE = 48
WINDOW_AFTER = 48
# Rules giving full dates that later relative expressions ("a day later") count from.
ABSOLUTE_RULES = {"iso", "numeric", "month_day", "day_month", "month_year", "weekday", "day_word",
                  "month", "year"}
# "profit rose in the third quarter from $5 million a year earlier": a year before that
# quarter, when the quarter was named at most this many characters before (about a sentence).
QUARTER_REACH = 250
# Rules naming a reporting period ("the year-earlier period") look back to the last quarter
# named anywhere before: an earnings report names its quarter once, at the top.
REPORT_RULES = {"report_period"}
QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
# "April 24 and 25", "May 3-4": a second day of the same month right after a full date
# (not "April 24 and 25 others", "May 3 and 40%").
SECOND_DAY = re.compile(r"\s*(?:-|–|\s(?:and|or|to|through)\s)\s*(?P<day>[0-3]?\d)(?!\d)"
                        r"(?:st|nd|rd|th)?(?![,.]\d|\s*%|\s+(?:[a-z]+s|people|men|women|children|"
                        r"million|billion|percent|per|of)\b)")
FULL_DAY = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")
# A quarter named as a comparison ("the year-ago quarter"), not as the one reported on.
COMPARISON = re.compile(r"year[-\s](?:ago|earlier)|last\s+year's|comparable|prior-year", re.I)
# A span that ends with the abbreviation "a.m." / "p.m.".
CLOCK_END = re.compile(r"\b[ap]\.\s?m\.$", re.I)
# Rules whose value may count from the last date mentioned rather than the article date.
ANCHORED_RULES = {"ago", "rel_unit", "this_pod", "weekday", "clock", "part_of_day", "year_period",
                  "report_period"}


def lowered(text: str) -> str:
    """``text`` in lower case with the same offsets (a character whose lower case is longer,
    like "İ", is kept as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# One pass of every rule's trigger words finds where each rule can match. A lookahead, so
# that overlapping triggers ("1990" and "90s" in "1990s") are all seen; where two start at the
# same place the first alternative wins, so each hit runs to the end of its word and
# rules_of_hit looks inside it for every rule's trigger ("day" in "Monday", "century" when
# "centur" matched first).
TRIGGERS = re.compile("(?=((?:" + "|".join(dict.fromkeys(
    f"(?:{r.trigger.pattern})" for r in reversed(RULES) if r.trigger is not None)) + r")[\w']*))")
# Distinct trigger words remembered; past this the memo is cleared (it only saves time).
MAX_MEMO_HITS = 50_000
_RULES_OF_HIT: dict[str, list[int]] = {}


def rules_of_hit(hit: str) -> list[int]:
    """The rules a trigger word belongs to (a word can trigger several: "year")."""
    if hit not in _RULES_OF_HIT:
        if len(_RULES_OF_HIT) > MAX_MEMO_HITS:
            _RULES_OF_HIT.clear()
        _RULES_OF_HIT[hit] = [i for i, r in enumerate(RULES) if r.trigger and r.trigger.search(hit)]
    return _RULES_OF_HIT[hit]


def windows(low: str) -> dict[int, list[tuple[int, int]]]:
    """Per rule, the stretches of ``low`` around its trigger words, widened to whitespace
    and merged; rules without a trigger get the whole text."""
    n = len(low)
    out: dict[int, list[tuple[int, int]]] = {i: [(0, n)] for i, r in enumerate(RULES) if not r.trigger}
    for t in TRIGGERS.finditer(low):
        hit = t.group(1)
        start = max(0, t.start() - WINDOW_BEFORE)
        end = min(n, t.start() + len(hit) + WINDOW_AFTER)
        while start > 0 and not low[start - 1].isspace():
            start -= 1
        while end < n and not low[end].isspace():
            end += 1
        for i in rules_of_hit(hit):
            spans = out.setdefault(i, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return out


def propose(text: str) -> list[tuple[int, int, int, object]]:
    """Every rule's matches as (start, end, rule index, match), matched on the lower-cased
    text. A rule with a trigger runs only near its trigger words: most text has no time
    expression, and the full patterns, with their optional lead-ins, are slow to try at
    every character."""
    low = lowered(text)
    found = []
    for i, spans in windows(low).items():
        regex = RULES[i].regex
        for start, end in spans:
            for m in regex.finditer(low, start, end):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), i, m))
    return found


def select(found, normalise):
    """Non-overlapping proposals, longest first, then by rule order, each with its
    normalisation; a proposal its rule rejects leaves room for a shorter one. Text order."""
    taken = bytearray(max((f[1] for f in found), default=0))  # 1 where a kept span lies
    kept = []
    for start, end, i, m in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        if taken.find(1, start, end) >= 0:
            continue
        result = normalise(start, end, i, m)
        if result is None or result[1] is None:
            continue
        if len(result) == 4:  # the rule trimmed its span's start ("the two-week" -> "two-week")
            start, result = result[3], result[:3]
        taken[start:end] = b"\x01" * (end - start)
        kept.append((start, end, i, m, result))
    return sorted(kept, key=lambda k: k[0])


def anchor_of(value: str) -> tuple[dt.date, str] | None:
    """A date and granularity from a resolved value, to count later expressions from."""
    try:
        if len(value) == 10 and value[4] == "-" and value[:4].isdigit():
            return dt.date.fromisoformat(value), "D"
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return dt.date(int(value[:4]), int(value[5:]), 1), "M"
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), "Y"
    except ValueError:
        return None
    return None


def tag_times(text: str, dct: str | None, doc=None) -> list[TimeMention]:
    """TIMEX3 mentions in ``text``, resolved against ``dct`` (the article date, YYYY-MM-DD).

    ``doc`` is the spaCy parse of exactly ``text`` (or None): used only for verb tense.
    Without ``dct`` relative values stay underspecified (``XXXX-09``).
    """
    day = cal.parse_dct(dct)
    tenses: dict[tuple[int, int], str | None] = {}

    def normalise(start, end, i, m, anchor=(day, "D") if day else None, quarter=None):
        def tense():
            if (start, end) not in tenses:
                tenses[(start, end)] = tense_at(text, doc, start, end)
            return tenses[(start, end)]

        return RULES[i].norm(m, Ctx(day, anchor, text, tense, quarter))

    anchor = (day, "D") if day else None
    quarter: tuple[dt.date, int] | None = None  # the last quarter named, and where it ended
    out: list[TimeMention] = []
    extra: list[TimeMention | None] = []  # second days of "April 24 and 25"
    for start, end, i, m, result in select(propose(text), normalise):
        name = RULES[i].name
        reach = len(text) if name in REPORT_RULES else QUARTER_REACH
        near_quarter = quarter[0] if quarter and start - quarter[1] <= reach else None
        if name in ANCHORED_RULES and (anchor is not None and anchor[0] != day or near_quarter):
            # Counted from the last date mentioned, not the article date: normalise again.
            result = normalise(start, end, i, m, anchor, near_quarter) or result
        kind, value, mod = result[:3]
        if CLOCK_END.search(text, start, end):
            end -= 1  # TimeBank's tokens leave the final period of "p.m." out of the span
        out.append(TimeMention(start, end, text[start:end], kind, value, mod))
        if name == "month_day" and FULL_DAY.fullmatch(value) and SECOND_DAY.match(text, end):
            extra.append(second_day(SECOND_DAY.match(text, end), value))
        if kind == "DATE" and name in ABSOLUTE_RULES:
            anchor = anchor_of(value) or anchor
        elif name == "quarter" and QUARTER_VALUE.fullmatch(value):
            named = dt.date(int(value[:4]), 3 * int(value[-1]) - 2, 1)
            if quarter is not None and COMPARISON.search(text, start, end):
                named = quarter[0]  # the year-ago quarter is a comparison: the report's stays
            quarter = (named, end)
    if extra:
        taken = {(t.start, t.end) for t in out}
        out += [e for e in extra if e is not None and not any(
            a < e.end and e.start < b for a, b in taken)]
        out.sort(key=lambda t: t.start)
    return out


def second_day(m: re.Match, first: str) -> TimeMention | None:
    """"25" in "April 24 and 25": the same month and year as the first day."""
    year = first[:4]
    try:  # (a leap year stands in for an unknown one)
        day = dt.date(int(year) if year.isdigit() else 2000, int(first[5:7]), int(m["day"]))
    except ValueError:
        return None
    value = day.isoformat() if year.isdigit() else "XXXX" + day.isoformat()[4:]
    return TimeMention(m.start("day"), m.end("day"), m["day"], "DATE", value, None)


@register("times", step="read", reads=("doc", "text"), writes=("times",))
def times_stage(article: Article, ctx: Context) -> list[Article]:
    article.times = tag_times(article.text, article.date, article.doc)
    return [article]
