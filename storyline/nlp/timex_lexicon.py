"""The TIMEX3 tagger's word tables (storyline/data/timex_lexicon.json), loaded once, and the
regular-expression fragments built from them."""
from __future__ import annotations

import json
import re
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "timex_lexicon.json"
LEX = json.loads(LEXICON_PATH.read_text("utf-8"))

MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
NUMBERS: dict[str, float] = LEX["numbers"]
VAGUE: list[str] = LEX["vague_numbers"]
ORDINALS: dict[str, int] = LEX["ordinals"]
UNITS: dict[str, str] = LEX["units"]
DECADE_WORDS: dict[str, int] = LEX["decade_words"]
SEASONS: dict[str, str] = LEX["seasons"]
PARTS_OF_DAY: dict[str, str] = LEX["parts_of_day"]
SETS: dict[str, str] = LEX["sets"]
REFS: dict[str, str] = LEX["refs"]
HOLIDAYS: dict[str, str] = LEX["holidays"]

TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def alt(words) -> str:
    """A regex alternation of ``words``, longest first so the longest wins, spaces flexible."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def word_number(text: str) -> float | None:
    """The value of a number written in digits or words ("12", "twenty-five", "a couple of")."""
    t = re.sub(r"\s+", " ", text.lower().strip()).replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in NUMBERS:
        return NUMBERS[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def unit_code(word: str) -> str | None:
    """The lexicon unit code of a unit word, singular or plural ("years" -> "Y")."""
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    for stem in (w[:-1], w[:-2], w.replace("ies", "y"), w.replace("ia", "ium")):
        if stem in UNITS:
            return UNITS[stem]
    return None


# ----------------------------------------------------------------- regex fragments
MONTH = r"(?:" + "|".join(
    sorted([m for m in MONTHS if len(m) > 3 or m == "may"], key=len, reverse=True)
    + [m + r"\." for m in MONTHS if len(m) <= 4 and m != "may"]
) + r")"
WEEKDAY = alt(k for k in WEEKDAYS if len(k) > 4)
NUM_WORD = (
    r"(?:\d+(?:\.\d+)?|(?:" + "|".join(TENS) + r")[- ](?:" + "|".join(ONES) + r")|"
    + alt(k for k in NUMBERS if k not in ("a", "an")) + r"|an?)"
)
VAGUE_NUM = alt(v for v in VAGUE if v not in ("the", "a"))
UNIT_WORDS = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?"
              r"|years?|decades?|century|centuries|millennium|millennia|weekends?)")
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
ORD = alt(ORDINALS)
SEASON = alt(SEASONS)
HOLIDAY = alt(HOLIDAYS)
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# Words before a number that qualify a duration or date, with the TimeML mod they give.
MOD_WORDS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "just over": "MORE_THAN",
    "upwards of": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "as many as": "EQUAL_OR_LESS", "as long as": "EQUAL_OR_LESS",
    "a full": None, "a further": None, "another": None, "an additional": None,
}
MOD_PRE = alt(MOD_WORDS)
# "early 2020", "the end of March": TimeML's mod for the part of a period.
PART_WORDS = {
    "early": "START", "earlier": "START", "the start of": "START", "the beginning of": "START",
    "the early part of": "START", "mid": "MID", "mid-": "MID", "the middle of": "MID",
    "late": "END", "later": "END", "the end of": "END", "the close of": "END",
    "the latter part of": "END", "the late": "END", "the early": "START", "the mid": "MID",
}
PART = (r"(?:the\s+(?:start|beginning|early\s+part|middle|end|close|latter\s+part)\s+of"
        r"|early-|late-|early|late|mid-|mid)")
