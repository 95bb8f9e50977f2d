"""Grammatical gender of the people an article names, so "she said" skips a male candidate.

Evidence, strongest first: an honorific or a gendered title next to the name ("Mrs. Clinton",
"Congresswoman Ana Diaz"); a reflexive pronoun in a sentence that names that one person only
("Ana Diaz defended herself"); the given name of the full canonical name, from a small
hand-written table (``storyline/data/quotes_first_names.tsv``). Plain pronouns are no evidence:
in "Clinton said he ..." or "Trump attacked her record" they stand for someone else.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from ..model import Entity
from .parse import doc_text

MALE_PRONOUNS = {"he", "him", "his", "himself"}
REFLEXIVES = {"himself", "herself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}

# Words of a title or honorific that give the person's gender.
MALE_TITLE_WORDS = {"mr", "congressman", "spokesman", "businessman", "chairman", "king",
                    "prince", "sir", "lord", "father", "son", "husband", "brother", "uncle"}
FEMALE_TITLE_WORDS = {"mrs", "ms", "miss", "madam", "congresswoman", "spokeswoman",
                      "businesswoman", "chairwoman", "queen", "princess", "lady", "dame",
                      "mother", "daughter", "wife", "sister", "aunt"}

# An honorific is worth this many pronoun votes: it names the person, a pronoun only follows.
HONORIFIC_WEIGHT = 3

# Characters before a name where an honorific stands ("Mrs. " / "Ms ").
HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")


def pronoun_gender(word: str) -> str | None:
    """'m' for he/him/his, 'f' for she/her/hers, else None."""
    low = word.lower()
    if low in MALE_PRONOUNS:
        return "m"
    if low in FEMALE_PRONOUNS:
        return "f"
    return None


def _title_gender(text: str) -> str | None:
    words = set(re.findall(r"[a-z]+", text.lower()))
    male, female = bool(words & MALE_TITLE_WORDS), bool(words & FEMALE_TITLE_WORDS)
    return "m" if male and not female else "f" if female and not male else None


def entity_genders(doc, ents: list[Entity]) -> dict[str, str]:
    """canonical name -> 'm' or 'f' for the people whose gender the article makes plain."""
    votes: dict[str, Counter] = {}
    text = doc_text(doc)
    people = [e for e in ents if e.label == "PERSON"]
    for e in people:
        hon = HONORIFIC_RE.search(text, max(0, e.start - 6), e.start)
        g = _title_gender(hon.group(1)) if hon else None
        g = g or (_title_gender(e.title) if e.title else None)
        if g:
            votes.setdefault(e.canonical, Counter())[g] += HONORIFIC_WEIGHT
    i = 0
    for sent in doc.sents:
        named: set[str] = set()
        while i < len(people) and people[i].start < sent.start_char:
            i += 1
        j = i
        for tok in sent:
            while j < len(people) and people[j].start <= tok.idx:
                named.add(people[j].canonical)
                j += 1
            # only a reflexive is bound to its clause's subject: "Clinton said he ..." and
            # "Trump attacked her record" point at someone else as often as not
            g = pronoun_gender(tok.text) if tok.lower_ in REFLEXIVES else None
            if g and len(named) == 1:  # only one person it can stand for
                votes.setdefault(next(iter(named)), Counter())[g] += 1
    out = {}
    for name, c in votes.items():
        if c["m"] != c["f"]:
            out[name] = "m" if c["m"] > c["f"] else "f"
    names = load_first_names()
    for e in people:
        parts = e.canonical.split()
        if e.canonical not in out and len(parts) >= 2 and parts[0].lower() in names:
            out[e.canonical] = names[parts[0].lower()]
    return out


@lru_cache(maxsize=1)
def load_first_names() -> dict[str, str]:
    """Given name -> 'm' or 'f' (``storyline/data/quotes_first_names.tsv``)."""
    text = resources.files("storyline.data").joinpath("quotes_first_names.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, g = line.split("\t")
            out[name.strip()] = g.strip()
    return out
