"""Entities: spaCy NER mentions with one canonical name each, titles kept apart.

Steps for one article (each a small pure function):

1. Take ``doc.ents`` with a kept label; split off a title or role the span swallowed
   ("Brig. Gen. Ran Kochav") or that stands right before it ("Prime Minister Nikol Pashinyan"),
   strip a possessive and a leading "the" (``clean_name``).
2. Repair cheap small-model errors: a span that is only a title is dropped; a one-word
   ORG/GPE/NORP mention that is the last name of a person in the article becomes PERSON.
3. Give each mention its CAMEO code and sector (``storyline.nlp.actors.code_actor``), and turn
   demonyms, and capitals and metonyms that act ("the Kremlin said", "Moscow's decision"),
   into the country's name.
4. Link short forms to the longest full form in the article: last names and partial names to
   the one full name that contains them, acronyms to the long form the article gives.

Across articles, ``storyline.nlp.aliases.resolve_aliases`` does the same against the store.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..model import Article, Entity
from ..pipeline import Context, register
from .parse import doc_text

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}

# Labels whose mentions may stand for a country's government when they act.
METONYM_LABELS = {"GPE", "ORG", "FAC"}

# Prepositions that make a capital or metonym a place, not a state ("in Moscow").
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "inside", "outside", "around",
                  "across", "through", "via", "toward", "towards", "within", "outside", "over",
                  "throughout", "between", "beyond", "of"}

# Nouns a metonym modifies when it stands for the state ("Kremlin officials", "Baku's
# troops"); other heads make it a place ("Moscow residents", "the Moscow metro").
STATE_HEADS = {"official", "spokesman", "spokeswoman", "spokesperson", "government",
               "leadership", "authority", "troop", "force", "army", "military", "decision",
               "plan", "position", "policy", "delegation", "envoy", "ambassador", "claim",
               "demand", "statement", "response", "regime", "administration", "aide"}

# A title before a name is at most this many tokens ("First Deputy Prime Minister"; spaCy may
# split "Brig." into two tokens, so "Brig. Gen." can take four).
MAX_TITLE_TOKENS = 6
# Given names a person's name may have in front of the surname the model tagged ("Mary Ann
# Smith"); more compounds than this before a name are a noun phrase, not a name.
MAX_GIVEN_NAMES = 2

# Sectors of a seat of power that speaks for its state ("the Kremlin said").
METONYM_SECTORS = {"GOV", "MIL"}

# Words that make a short name an institution of its own, not a metonym for the state.
INSTITUTION_WORDS = {"department", "ministry", "office", "agency", "committee", "council",
                     "bureau", "service", "court", "party", "commission", "congress", "senate",
                     "parliament", "assembly", "press", "news", "bank", "university"}

# Metonyms are short names ("the Kremlin", "White House"); longer ORG names are real bodies.
MAX_METONYM_TOKENS = 2

# Words ignored when building an acronym from a long name ("Organisation of the ...").
ACRONYM_STOPWORDS = {"of", "the", "and", "for", "on", "in", "to", "&"}

POSSESSIVE_RE = re.compile(r"(?:['\u2019]s?)$")
LEADING_THE_RE = re.compile(r"^(?:the|The|THE)\s+")
EDGE_PUNCT = " \t\n\"'\u2018\u2019\u201c\u201d,.;:()[]-\u2013\u2014"
# A name keeps a final dot: it ends an abbreviation ("D.C.", "Fla.", "Jr.").
RIGHT_PUNCT = EDGE_PUNCT.replace(".", "")


# ---------------------------------------------------------------- data tables
@lru_cache(maxsize=1)
def load_titles() -> frozenset[str]:
    """Titles and roles (``storyline/data/entities_titles.txt``), normalised by ``_norm_title``."""
    text = resources.files("storyline.data").joinpath("entities_titles.txt").read_text("utf-8")
    return frozenset(_norm_title(line) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _country_name_overrides() -> dict[str, str]:
    text = resources.files("storyline.data").joinpath("entities_country_names.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {code.strip(): name.strip() for code, name in rows}


def _norm_title(text: str) -> str:
    words = (w.rstrip(".").lower() for w in text.replace(".", ". ").split())
    return " ".join(w for w in words if w)


@lru_cache(maxsize=4096)
def country_name(code: str | None) -> str | None:
    """The short English name of a country code ("RUS" -> "Russia"), or None."""
    if not code or len(code) != 3 or code == "IGO":
        return None
    try:  # prefer the actor table's own names when it offers them
        from . import actors
        lookup = getattr(actors, "country_name", None)
        if lookup is not None and lookup(code):
            return lookup(code)
    except Exception:  # actors.py is optional (it may be mid-edit)
        pass
    if code in _country_name_overrides():
        return _country_name_overrides()[code]
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=8192)
def actor_code(text: str) -> tuple[str | None, str | None]:
    """CAMEO (code, sector) for a mention, or (None, None) when the actor table is absent."""
    try:
        from .actors import code_actor
    except Exception:  # actors.py is optional (it may be mid-edit)
        return None, None
    try:
        code, sector = code_actor(text)
    except Exception:
        return None, None
    return code, sector


@lru_cache(maxsize=4096)
def is_country_name(text: str, code: str) -> bool:
    """True when ``text`` names the country ``code`` itself (not a capital or an institution)."""
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_3 == code
    except LookupError:
        return text == country_name(code)


# ---------------------------------------------------------------- names and titles
def clean_name(text: str) -> str:
    """A mention as a name: no possessive, no leading "the", no edge punctuation."""
    name = " ".join(text.split())
    name = LEADING_THE_RE.sub("", name)
    name = POSSESSIVE_RE.sub("", name) if re.search(r"\w['\u2019]s?$", name) else name
    return strip_edges(name)


def strip_edges(name: str) -> str:
    return name.lstrip(EDGE_PUNCT).rstrip(RIGHT_PUNCT)


def split_title(words: list[str]) -> tuple[str | None, list[str]]:
    """Split a leading title off a name's words: (["Brig.", "Gen.", "Ran", "Kochav"]) ->
    ("Brig. Gen.", ["Ran", "Kochav"]). The name keeps at least one word."""
    titles = load_titles()
    for k in range(min(MAX_TITLE_TOKENS, len(words) - 1), 0, -1):
        if _norm_title(" ".join(words[:k])) in titles:
            return " ".join(words[:k]), words[k:]
    return None, words


def title_before(doc, start_token: int) -> str | None:
    """A capitalised title that stands right before the token ``start_token``, or None."""
    titles = load_titles()
    for k in range(min(MAX_TITLE_TOKENS, start_token), 0, -1):
        toks = doc[start_token - k:start_token]
        if not toks[0].text[:1].isupper() or any(t.is_punct and t.text != "." for t in toks):
            continue
        if _norm_title(toks.text) in titles:
            return toks.text
    return None


def given_names_before(doc, start_token: int, end_token: int) -> int:
    """The index of the first token of a person's name whose given names the small model left
    outside its span ("Ivanka" of "Ivanka Trump" tagged as "Trump" alone, which would then be
    linked to another Trump). A given name here is a capitalised proper noun that the parser
    attaches as a compound inside the name, is no title ("Secretary") and is no entity of its
    own; at most MAX_GIVEN_NAMES of them."""
    titles = load_titles()
    first = start_token
    while first > 0 and start_token - first < MAX_GIVEN_NAMES:
        tok = doc[first - 1]
        if not (tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.text[:1].isupper()
                and tok.is_alpha and not tok.ent_type_ and first - 1 < tok.head.i < end_token
                and _norm_title(tok.text) not in titles):
            break
        first -= 1
    return first


def is_title_only(text: str) -> bool:
    return _norm_title(clean_name(text)) in load_titles()


# ---------------------------------------------------------------- mentions
def mention_from_span(doc, ent) -> Entity | None:
    """One Entity from a spaCy span, title split off the name; None for a title-only span."""
    label = ent.label_
    words = clean_name(ent.text).split()
    title = None
    if label == "PERSON":
        if is_title_only(ent.text):
            return None
        title, words = split_title(words)
        first = given_names_before(doc, ent.start, ent.end) if title is None else ent.start
        if first < ent.start:
            ent = doc[first:ent.end]
            words = clean_name(ent.text).split()
        title = title or title_before(doc, ent.start)
    name = strip_edges(" ".join(words))
    if not name:
        return None
    return Entity(ent.start_char, ent.end_char, ent.text, label, name, title)


def relabel_last_names(mentions: list[Entity]) -> None:
    """A one-word ORG/GPE/NORP mention that is the last name of a person in the article is the
    person (the small model often tags a bare surname as ORG or GPE); so is a longer one that
    ends with a person's full name after a stray word ("Later Nikol Pashinyan's")."""
    last_names = {m.canonical.split()[-1] for m in mentions
                  if m.label == "PERSON" and len(m.canonical.split()) > 1}
    fulls = {m.canonical for m in mentions if m.label == "PERSON" and " " in m.canonical}
    for m in mentions:
        # a PERSON too: "Later" may have been taken for a given name ("Later Ivanka Trump")
        full = next((f for f in fulls if m.canonical.endswith(" " + f)), None)
        at = m.text.rfind(full) if full else -1
        if at > 0:  # "Later Nikol Pashinyan's" tagged ORG: the person, without the stray word
            m.start, m.text, m.label, m.canonical = m.start + at, m.text[at:], "PERSON", full
    for m in mentions:
        if (m.label in {"ORG", "GPE", "NORP"} and _looks_like_relative(m.canonical, last_names)
                and actor_code(m.canonical)[0] is None):
            m.label = "PERSON"


def _looks_like_relative(name: str, last_names: set[str]) -> bool:
    """A name that is a person's last name ("Varga") or a short name of capitalised words
    ending with it ("Tibor Varga", a relative the model tagged ORG), with no word that makes
    it an institution."""
    words = name.split()
    return (words[-1] in last_names and len(words) <= 1 + MAX_GIVEN_NAMES
            and all(w[:1].isupper() and w.lower() not in INSTITUTION_WORDS for w in words))


def add_missed_surnames(doc, mentions: list[Entity]) -> None:
    """A person's last name that NER missed later in the article ("Pashinyan said") becomes a
    PERSON mention: capitalised, not inside another mention."""
    last_names = {m.canonical.split()[-1] for m in mentions
                  if m.label == "PERSON" and len(m.canonical.split()) > 1}
    taken = [(m.start, m.end) for m in mentions]
    for tok in doc:
        if tok.text in last_names and tok.text[:1].isupper() and tok.pos_ == "PROPN":
            span = doc[given_names_before(doc, tok.i, tok.i + 1):tok.i + 1]
            s, e = span.start_char, span.end_char
            if not any(a < e and s < b for a, b in taken):
                title = title_before(doc, span.start)
                mentions.append(Entity(s, e, span.text, "PERSON", span.text, title))


def relabel_places(mentions: list[Entity]) -> None:
    """A one-word PERSON mention that the actor table knows as a place ("Yerevan") is a GPE."""
    for m in mentions:
        if m.label == "PERSON" and " " not in m.canonical and not m.title:
            code, _ = actor_code(m.canonical)
            if code is not None:
                m.label = "GPE"


def stands_for_state(doc, start: int, end: int) -> bool:
    """Whether a capital or metonym at these offsets stands for its state ("Moscow said",
    "angered Yerevan", "the Kremlin's plan", "Kremlin officials") rather than the place
    ("talks in Moscow", "Moscow residents")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "in Moscow and Yerevan": the first conjunct's role
    if root.dep_ == "pobj":
        return root.head.lower_ not in LOCATIVE_PREPS
    if root.dep_ in {"compound", "amod", "nmod"}:
        return root.head.lemma_.lower() in STATE_HEADS
    return True


def code_mentions(doc, mentions: list[Entity]) -> None:
    """Fill code and sector; demonyms and acting capitals and metonyms name their country."""
    for m in mentions:
        if m.label not in {"GPE", "NORP", "ORG", "FAC", "LOC"}:
            continue
        code, sector = actor_code(m.canonical)
        m.code, m.sector = code, sector
        country = country_name(code)
        if country is None:
            continue
        if is_country_name(m.canonical, code):
            m.canonical = country
        elif m.label == "NORP" or (m.label in METONYM_LABELS and _is_metonym(m)
                                   and stands_for_state(doc, m.start, m.end)):
            m.canonical = country


def _is_metonym(m: Entity) -> bool:
    """A capital ("Baku") or the seat of a government or army ("the Kremlin", "White House",
    "the Pentagon"): short, coded GOV or MIL, no word of it a country or an institution word.
    "Congress", "the FBI", "the State Department" and "Russian Defence Ministry" are bodies of
    their own and keep their names."""
    words = m.canonical.split()
    if len(words) > MAX_METONYM_TOKENS:
        return False
    if _capital_code(m.canonical) is not None:
        return True
    if m.sector not in METONYM_SECTORS or any(w.lower() in INSTITUTION_WORDS for w in words):
        return False
    return len(words) == 1 or all(actor_code(w)[0] is None for w in words)


def _capital_code(name: str) -> str | None:
    """The country code of a capital or country alias, via the actor table when it has one."""
    try:
        from .actors import country_code
    except Exception:  # actors.py is optional (it may be mid-edit)
        return None
    try:
        return country_code(name)
    except Exception:
        return None


# ---------------------------------------------------------------- linking
def _contains(long: list[str], short: list[str]) -> bool:
    """``short``'s words appear in ``long`` in order, and the last words agree."""
    if len(short) >= len(long) or long[-1] != short[-1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _full_form(name: str, fulls: list[str]) -> str | None:
    """The longest full name that contains ``name``, if the candidates are all one person."""
    words = name.split()
    cands = [f for f in fulls if _contains(f.split(), words)]
    if not cands:
        return None
    longest = max(cands, key=lambda f: (len(f.split()), len(f)))
    if all(c == longest or _contains(longest.split(), c.split()) for c in cands):
        return longest
    return None  # two different people share this name: keep the article's own


def link_people(mentions: list[Entity]) -> None:
    """Partial names to the longest full name of the same person in the article."""
    people = [m for m in mentions if m.label == "PERSON"]
    fulls = sorted({m.canonical for m in people if len(m.canonical.split()) > 1})
    for m in people:
        full = _full_form(m.canonical, fulls)
        if full:
            m.canonical = full


def acronym_of(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_STOPWORDS]
    return "".join(w[0] for w in words).upper()


def link_acronyms(doc, mentions: list[Entity]) -> None:
    """Acronyms to their long form: "Collective Security Treaty Organisation (CSTO)", or any
    long name in the article whose initials spell the acronym."""
    long_of: dict[str, str] = {}
    text = doc_text(doc)
    for m in mentions:
        after = re.match(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)", text[m.end:m.end + 14])
        if after and len(m.canonical.split()) > 1:
            long_of.setdefault(after.group(1).replace(".", ""), m.canonical)
    for m in mentions:
        if len(m.canonical.split()) > 1 and m.label in {"ORG", "GPE", "NORP", "FAC", "EVENT", "LOC"}:
            long_of.setdefault(acronym_of(m.canonical), m.canonical)
    for m in mentions:
        key = m.canonical.replace(".", "")
        if key.isupper() and 2 <= len(key) <= 10 and key in long_of:
            m.canonical = long_of[key]
    _add_acronym_mentions(doc, mentions, long_of)


def _add_acronym_mentions(doc, mentions: list[Entity], long_of: dict[str, str]) -> None:
    """The acronym in "Long Name (ACR)" is often missed by NER: add its later mentions."""
    if not long_of:
        return
    label_of = {m.canonical: m.label for m in mentions}
    taken = {(m.start, m.end) for m in mentions}
    for acr, long in long_of.items():
        if len(acr) < 2 or long not in label_of:
            continue
        for hit in re.finditer(rf"\b{re.escape(acr)}\b", doc_text(doc)):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                mentions.append(Entity(hit.start(), hit.end(), acr, label_of[long], long))
                taken.add((hit.start(), hit.end()))


# ---------------------------------------------------------------- stage
def read_entities(doc, article: Article | None = None) -> list[Entity]:
    """The article's entities with canonical names, titles, CAMEO codes and sectors."""
    mentions = [m for ent in doc.ents if ent.label_ in KEPT_LABELS
                for m in [mention_from_span(doc, ent)] if m is not None]
    relabel_places(mentions)
    relabel_last_names(mentions)
    add_missed_surnames(doc, mentions)
    relabel_last_names(mentions)  # again: the surnames just found make full names of their own
    code_mentions(doc, mentions)
    link_people(mentions)
    link_acronyms(doc, mentions)
    share_codes(mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def share_codes(mentions: list[Entity]) -> None:
    """Mentions of one entity share its code: "CSTO" is coded, so its long form is too."""
    known: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for m in mentions:
        if m.code is not None:
            known.setdefault((m.canonical, m.label), (m.code, m.sector))
    for m in mentions:
        if m.code is None and (m.canonical, m.label) in known:
            m.code, m.sector = known[(m.canonical, m.label)]


@register("entities", step="read", reads=("doc",), writes=("entities",))
def entities_stage(article: Article, ctx: Context) -> list[Article]:
    article.entities = read_entities(article.doc, article)
    return [article]
