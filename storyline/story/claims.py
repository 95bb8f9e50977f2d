"""Claims compared across sources, and whose voices each outlet carries.

Claims: figures the articles of a story give about the same thing ("about 2,000
peacekeepers", "more than 100,000 Armenians") and how long something lasted ("a one-day war",
"a matter of hours"), grouped by what they count, with the range each wording allows. A
group whose ranges all overlap is ``agree``; otherwise ``disagree``. Only things that at least
two articles give a figure for are listed.

Voices: the speakers of the story's quotes, grouped by the country code of the entity that
names them (Armenian, Azerbaijani, Russian, Western, ...), per outlet.
"""
from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter, defaultdict

from .story_text import STOP_WORDS, normalize_word

# How far a hedge lets a figure stray: "about 2,000" covers 1,700-2,300.
APPROX_SPREAD = 0.15
HEDGES = {
    "about": "approx", "around": "approx", "some": "approx", "roughly": "approx", "approximately": "approx",
    "an estimated": "approx", "estimated": "approx", "nearly": "below", "almost": "below",
    "more than": "above", "over": "above", "at least": "above", "upwards of": "above",
    "up to": "upto", "fewer than": "upto", "less than": "upto", "under": "upto", "as many as": "upto",
}
MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
UNIT_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168, "month": 730, "year": 8766}
# Words after a figure that say it is a date, a time, a span or a rank, not a count of
# something (how long things took is compared as a duration instead).
NOT_COUNTED = frozenset({
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
    "second", "seconds", "time", "times", "am", "pm", "gmt", "utc", "percent", "st", "nd", "rd", "th",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"})

_hedge = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
FIGURE_RE = re.compile(
    rf"\b(?:(?P<hedge>{_hedge})\s+)?(?P<num>\d[\d,]*(?:\.\d+)?|{'|'.join(NUMBER_WORDS)})"
    rf"(?:\s+(?P<mult>{'|'.join(MULTIPLIERS)}))?\s+(?P<after>(?:[A-Za-z][\w'-]*\s+){{0,2}}[A-Za-z][\w'-]*)",
    re.IGNORECASE)
_count_words = "one|two|three|four|five|six|seven|eight|nine|ten"
# "a one-day war", "a 44-day war", "a three-week-long siege": a duration said of a thing.
DURATION_ADJ_RE = re.compile(
    rf"\b(?P<num>\d+|{_count_words})-(?P<unit>minute|hour|day|week|month|year)(?:-long)?\s+(?P<noun>[a-z]+)",
    re.IGNORECASE)
# "in a matter of hours", "within two days", "lasted about six weeks": how long, said of the story.
DURATION_SPAN_RE = re.compile(
    rf"\b(?P<hedge>a matter of|within|in just|just|only|lasted(?: about| some| nearly)?)\s+"
    rf"(?:(?P<num>\d+|{_count_words}|a few|a couple of|several)\s+)?(?P<unit>minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE)
# A round duration ("a one-day war") stands for anything from half to one and a half of it;
# "a matter of hours" or "a few days" for one to twelve of the unit.
ROUND_DURATION = (0.5, 1.5)
VAGUE_DURATION = (1.0, 12.0)

# Country codes whose voices count as Western (North America, the EU and its members, the UK,
# NATO and the EU's bodies as international organisations), as the issue asks.
WESTERN = frozenset({"USA", "CAN", "GBR", "FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "FIN",
                     "POL", "AUT", "CHE", "IRL", "PRT", "GRC", "CZE", "EST", "LVA", "LTU", "AUS", "NZL",
                     "EUR", "NATO", "EU"})
# Characters between a nationality and the name it qualifies: room for a title
# ("Azerbaijani Foreign Minister Jeyhun ...", "Russian presidential spokesman ...").
NATIONALITY_GAP = 40
VOICE_NAMES = {"ARM": "Armenian", "AZE": "Azerbaijani", "RUS": "Russian", "TUR": "Turkish",
               "IRN": "Iranian", "GEO": "Georgian", "UKR": "Ukrainian"}


def _value(num: str) -> float | None:
    low = num.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    try:
        return float(low.replace(",", ""))
    except ValueError:
        return None


def interval(value: float, hedge: str | None) -> tuple[float, float]:
    """The range of values a hedged figure allows."""
    kind = HEDGES.get((hedge or "").lower())
    if kind == "approx":
        return value * (1 - APPROX_SPREAD), value * (1 + APPROX_SPREAD)
    if kind == "below":
        return value * (1 - APPROX_SPREAD), value
    if kind == "above":
        return value, math.inf
    if kind == "upto":
        return 0.0, value
    return value, value


def counted_noun(after: str) -> tuple[str, int] | None:
    """What a figure counts (the first plural among the next words, else the first content
    word), and where that word ends in ``after``."""
    content = []
    for m in re.finditer(r"[A-Za-z][\w'-]*", after):
        if m.group().lower() in STOP_WORDS:
            break
        content.append(m)
    if not content or content[0].group().lower() in NOT_COUNTED:
        return None
    low = [m.group().lower() for m in content]
    pick = next((m for m, w in zip(content, low) if w.endswith("s") and not w.endswith("ss")), content[0])
    noun = normalize_word(pick.group())
    return (noun, pick.end()) if noun else None


def figure_claims(art: dict) -> list[dict]:
    """Every counted figure in one article."""
    out = []
    text = art["text"]
    for m in FIGURE_RE.finditer(text):
        value = _value(m.group("num"))
        counted = counted_noun(m.group("after"))
        if value is None or counted is None:
            continue
        noun, noun_end = counted
        if m.group("num").isdigit() and 1900 <= value <= 2100 and not m.group("hedge"):
            continue  # a year
        value *= MULTIPLIERS.get((m.group("mult") or "").lower(), 1.0)
        end = m.start("after") + noun_end
        out.append({"about": noun, "value": value, "hedge": (m.group("hedge") or "").lower() or None,
                    "range": interval(value, m.group("hedge")), "text": text[m.start():end],
                    "start": m.start(), "end": end})
    return out


def _count(num: str | None) -> float | None:
    """The count before a unit: digits or a number word; None for a vague count."""
    if not num:
        return 1.0
    return _value(num) if num.lower() not in ("a few", "a couple of", "several") else None


def duration_claims(art: dict) -> list[dict]:
    """How long something lasted: "a one-day war", "in a matter of hours"."""
    out = []
    text = art["text"]
    for m in DURATION_ADJ_RE.finditer(text):
        noun = normalize_word(m.group("noun"))
        n = _count(m.group("num"))
        if noun is None or n is None:
            continue
        hours = n * UNIT_HOURS[m.group("unit").lower()]
        out.append({"about": f"duration of {noun}", "value": hours, "hedge": None,
                    "range": (hours * ROUND_DURATION[0], hours * ROUND_DURATION[1]),
                    "text": m.group(), "start": m.start(), "end": m.end()})
    for m in DURATION_SPAN_RE.finditer(text):
        unit_h = UNIT_HOURS[m.group("unit").lower()]
        n = _count(m.group("num"))
        exact = n is not None and m.group("num") is not None
        lo, hi = (n * unit_h, n * unit_h) if exact else (VAGUE_DURATION[0] * unit_h, VAGUE_DURATION[1] * unit_h)
        out.append({"about": "duration", "value": lo if exact else None, "hedge": m.group("hedge").lower(),
                    "range": (lo, hi), "text": m.group(), "start": m.start(), "end": m.end()})
    return out


def _attach_durations(groups: dict[str, list[dict]]) -> None:
    """Durations said of nothing in particular join the story's one named duration, if any."""
    named = [k for k in groups if k.startswith("duration of ")]
    if "duration" in groups and len(named) == 1:
        groups[named[0]].extend(groups.pop("duration"))


def agreement(items: list[dict]) -> str:
    lo = max(i["range"][0] for i in items)
    hi = min(i["range"][1] for i in items)
    return "agree" if lo <= hi * (1 + 1e-9) else "disagree"


def story_claims(articles: list[dict]) -> list[dict]:
    """Groups of figures about the same thing from at least two articles, with agreement."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for art in articles:
        for claim in figure_claims(art) + duration_claims(art):
            claim.update(source=art["source"], index=art["index"], outlet=art.get("outlet"))
            groups[claim["about"]].append(claim)
    _attach_durations(groups)
    out = []
    for about, items in groups.items():
        if len({(i["source"], i["index"]) for i in items}) < 2:
            continue
        out.append({"about": about, "status": agreement(items),
                    "values": sorted({i["value"] for i in items if i["value"] is not None}),
                    "claims": [{k: (list(v) if k == "range" else v) for k, v in i.items()
                                if k not in ("about",)} for i in items]})
    out.sort(key=lambda g: (-len(g["claims"]), g["about"]))
    for g in out:
        for c in g["claims"]:
            c["range"] = [c["range"][0], None if math.isinf(c["range"][1]) else c["range"][1]]
    return out


def voice_of(code: str | None) -> str:
    """The perspective a country code stands for."""
    if not code:
        return "unknown"
    code = code.upper()
    if code in WESTERN:
        return "Western"
    return VOICE_NAMES.get(code, code)


def speaker_codes(conn: sqlite3.Connection, speakers: set[str]) -> dict[str, str | None]:
    """The country code of each speaker, from the first of: the code stored on the speaker's
    own entity; the nationality written just before a mention of the name ("Tajik President
    Farrukh Davlatov"); the code the event reader gave the speaker as an actor."""
    out = {}
    for sp in speakers:
        row = conn.execute("SELECT code FROM entities WHERE canonical = ? AND code IS NOT NULL "
                           "GROUP BY code ORDER BY count(*) DESC, code LIMIT 1", (sp,)).fetchone()
        row = row or conn.execute(
            "SELECT n.code FROM entities p JOIN entities n ON n.article_key = p.article_key "
            "WHERE p.canonical = ? AND p.label = 'PERSON' AND n.label IN ('NORP', 'GPE') AND n.code IS NOT NULL "
            "AND n.\"end\" <= p.start AND n.\"end\" >= p.start - ? "
            "GROUP BY n.code ORDER BY count(*) DESC, n.code LIMIT 1", (sp, NATIONALITY_GAP)).fetchone()
        row = row or conn.execute("SELECT actor_code FROM events WHERE actor = ? AND actor_code IS NOT NULL "
                                  "GROUP BY actor_code ORDER BY count(*) DESC, actor_code LIMIT 1", (sp,)).fetchone()
        out[sp] = row[0] if row else None
    return out


def story_voices(conn: sqlite3.Connection, articles: list[dict]) -> dict:
    """Who is quoted, by which outlet, from which side."""
    quotes = []
    for art in articles:
        for speaker, start, end in conn.execute(
                'SELECT speaker, start, "end" FROM quotes WHERE article_key = ? AND speaker IS NOT NULL',
                (art["key"],)):
            quotes.append((art, speaker, start, end))
    codes = speaker_codes(conn, {q[1] for q in quotes})
    by_outlet: dict[str, Counter] = defaultdict(Counter)
    speakers: dict[str, dict] = {}
    for art, speaker, start, end in quotes:
        outlet = art.get("outlet") or art["source"]
        voice = voice_of(codes[speaker])
        by_outlet[outlet][voice] += 1
        sp = speakers.setdefault(speaker, {"speaker": speaker, "code": codes[speaker], "voice": voice,
                                           "quotes": 0, "outlets": set()})
        sp["quotes"] += 1
        sp["outlets"].add(outlet)
    return {"by_outlet": [{"outlet": o, "voices": dict(c)} for o, c in sorted(by_outlet.items())],
            "speakers": [dict(s, outlets=sorted(s["outlets"]))
                         for s in sorted(speakers.values(), key=lambda s: (-s["quotes"], s["speaker"]))]}
