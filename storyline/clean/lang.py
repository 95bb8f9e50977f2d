"""Language identification and per-language stopword lists.

py3langid (a packaged, offline langid.py model) names the language; jusText's stoplists, which
trafilatura already brings, give the function words that the boilerplate classifier counts.
"""
from __future__ import annotations

from functools import lru_cache

# Shorter texts give unreliable language guesses: below this many characters the caller's
# fallback (usually the page language) is kept.
MIN_CHARS_FOR_LANGID = 25

# ISO 639-1 codes of the languages whose jusText stoplist name is not pycountry's English name.
_JUSTEXT_NAMES = {"el": "Greek", "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
                  "no": "Norwegian_Bokmal", "fa": "Persian", "ms": "Malay", "sw": "Swahili"}


def detect_language(text: str, default: str | None = "en") -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``default`` when the text is too short."""
    text = text.strip()
    if len(text) < MIN_CHARS_FOR_LANGID:
        return default
    import py3langid

    return py3langid.classify(text[:4000])[0]


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
