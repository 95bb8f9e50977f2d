"""Language identification and per-language stopword lists.

py3langid (a packaged, offline langid.py model) names the language; jusText's stoplists, which
trafilatura already brings, give the function words that the boilerplate classifier counts.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Shorter texts give unreliable language guesses: below this many characters the caller's
# fallback (usually the page language) is kept.
MIN_CHARS_FOR_LANGID = 25

# English without asking the identifier (see looks_english): function words make 40-50% of
# running English text, and under 10% of other languages' even in the Latin script. On the
# 608 dev page texts, the share in the text the page language is read from is 0.48 (median)
# on the 602 that langid calls English, at most 0.09 on the six it does not (Portuguese,
# Indonesian, Russian, Korean). Fewer words than ENGLISH_MIN_WORDS are left to langid.
ENGLISH_FUNCTION_WORD_SHARE = 0.3
ENGLISH_MIN_WORDS = 30
_LETTER_WORDS = re.compile(r"[^\W\d_]+")

# ISO 639-1 codes of the languages whose jusText stoplist name is not pycountry's English name.
_JUSTEXT_NAMES = {"el": "Greek", "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
                  "no": "Norwegian_Bokmal", "fa": "Persian", "ms": "Malay", "sw": "Swahili"}


def detect_language(text: str, default: str | None = "en") -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``default`` when the text is too short."""
    text = text.strip()
    if len(text) < MIN_CHARS_FOR_LANGID:
        return default
    if looks_english(text):
        return "en"
    import py3langid

    return py3langid.classify(text[:4000])[0]


def looks_english(text: str) -> bool:
    """Whether ``text`` is plainly English prose: at least ``ENGLISH_MIN_WORDS`` words, of
    which English function words make at least ``ENGLISH_FUNCTION_WORD_SHARE``. Answered
    without the language identifier, which costs ~0.7 ms for a page's 1000 characters."""
    words = _LETTER_WORDS.findall(text.lower())
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    english = stopwords("en")
    return sum(map(english.__contains__, words)) >= ENGLISH_FUNCTION_WORD_SHARE * len(words)


@lru_cache(maxsize=64)
def stopwords(lang: str | None) -> frozenset[str]:
    """Lower-cased function words of ``lang`` (English when the language has no list)."""
    import justext

    names = set(justext.get_stoplists())
    name = _JUSTEXT_NAMES.get(lang or "")
    if name is None and lang:
        try:
            import pycountry

            found = pycountry.languages.get(alpha_2=lang)
            name = found.name.split(" (")[0].split(";")[0] if found else None
        except (KeyError, LookupError):
            name = None
    if name not in names:
        name = "English"
    return frozenset(w.lower() for w in justext.get_stoplist(name))
