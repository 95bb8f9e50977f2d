"""Event identity across articles, and the relations of an actor pair over time.

Every row of the store's ``events`` table is one *mention* of an event in one sentence.
:func:`assign_event_ids` gives mentions of the same real event one ``event_id``, so counts are
counts of events, not of articles: two mentions are the same event when they have

- the same PLOVER type and negation,
- the same actor, by CAMEO code where both have one, else by name, and the same target or a
  target one of them leaves unsaid (the pair is unordered for mutual types: "A met B" and
  "B met A" are one meeting),
- a compatible date: equal, or one containing the other ("2024-04" holds "2024-04-17"); a
  mention without a date matches mentions of its own article, and dated mentions of an event
  its article appeared within ``REPORT_WINDOW_DAYS`` after,
- a compatible place: either missing, the same name, or geocoded within ``SAME_PLACE_KM``.

It is incremental: only mentions without an ``event_id`` are matched, each against the
existing mentions of its actor pair and type (one indexed query per mention, on
``events_pair``), never against all pairs. A mention that matches nothing founds a new event
whose id is the mention's own row id.

:func:`relations` is the cooperation/conflict series of an actor pair by month;
:func:`list_events` lists real events (one row each) with the mentions behind them.
Neither function commits: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt
import math
import sqlite3

from ..nlp.actors import code_actor, country_code

# Types where the two sides act together, so the pair is unordered.
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "FIGHT"})
# Two geocoded places this close are one place (a city and its suburb, two spellings).
SAME_PLACE_KM = 50.0
EARTH_RADIUS_KM = 6371.0
# An undated mention can be a report of a dated event this many days after it: news reports
# within the week that follows name the event without its date.
REPORT_WINDOW_DAYS = 7


# Mentions with their article's date (for undated mentions).
SELECT_MENTIONS = ("SELECT events.*, (SELECT date FROM articles WHERE articles.key = events.article_key) "
                   "AS article_date FROM events")


# ---------------------------------------------------------------- rows
def _dicts(cur: sqlite3.Cursor) -> list[dict]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _side(code: str | None, name: str | None) -> tuple[str, str] | None:
    """How one side of a pair is compared: ("code", "RUS") or ("name", "nikol pashinyan")."""
    if code:
        return ("code", code.upper())
    if name:
        return ("name", name.strip().lower())
    return None


# ---------------------------------------------------------------- compatibility
def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one a coarser form of the other ("2024-04" and "2024-04-17")."""
    if not a or not b:
        return False
    a, b = a[:10], b[:10]
    return a.startswith(b) or b.startswith(a)


def places_compatible(m: dict, n: dict) -> bool:
    """Either place missing, the same name, or both geocoded within SAME_PLACE_KM."""
    pa, pb = (m.get("where") or "").strip().lower(), (n.get("where") or "").strip().lower()
    if not pa or not pb or pa == pb:
        return True
    if None in (m.get("lat"), m.get("lon"), n.get("lat"), n.get("lon")):
        return False
    return _km(m["lat"], m["lon"], n["lat"], n["lon"]) <= SAME_PLACE_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def same_event(m: dict, n: dict) -> bool:
    """Whether two mentions (rows of ``events``) report one real event."""
    if m["code"] != n["code"] or bool(m["negated"]) != bool(n["negated"]):
        return False
    pm = (_side(m["actor_code"], m["actor"]), _side(m["target_code"], m["target"]))
    pn = (_side(n["actor_code"], n["actor"]), _side(n["target_code"], n["target"]))
    if not _pairs_agree(pm, pn) and not (m["code"] in MUTUAL_TYPES and _pairs_agree(pm, pn[::-1])):
        return False
    if m["when"] and n["when"]:
        if not dates_compatible(m["when"], n["when"]):
            return False
    elif m["article_key"] != n["article_key"] and not _reported_soon_after(m, n):
        return False
    return places_compatible(m, n)


def _pairs_agree(pm: tuple, pn: tuple) -> bool:
    """Same actor (known on both sides), and the same target or a target one mention leaves
    unsaid ("Kazakhstan withdrew its peacekeepers" and "... from the valley")."""
    if pm[0] is None or pm[0] != pn[0]:
        return False
    return pm[1] == pn[1] or pm[1] is None or pn[1] is None


def _reported_soon_after(m: dict, n: dict) -> bool:
    """An undated mention matches a dated one when its article appeared on or shortly after
    that date (a report of a recent event rarely names the day again)."""
    dated, undated = (m, n) if m["when"] else (n, m)
    if not dated["when"] or not undated.get("article_date"):
        return False
    try:
        when = dt.date.fromisoformat(dated["when"][:10]) if len(dated["when"]) >= 10 else None
        published = dt.date.fromisoformat(undated["article_date"][:10])
    except ValueError:
        return False
    if when is None:  # a month: the article must fall within it or just after
        return undated["article_date"][:7] == dated["when"][:7]
    return 0 <= (published - when).days <= REPORT_WINDOW_DAYS


# ---------------------------------------------------------------- identity
def assign_event_ids(conn: sqlite3.Connection, article_keys: list[str] | None = None) -> int:
    """Give every event mention without an ``event_id`` (of these articles, or all) the id of
    the real event it reports; return how many mentions got one."""
    sql = SELECT_MENTIONS + ' WHERE event_id IS NULL'
    params: list = []
    if article_keys is not None:
        if not article_keys:
            return 0
        sql += f" AND article_key IN ({','.join('?' * len(article_keys))})"
        params = list(article_keys)
    new = _dicts(conn.execute(sql + " ORDER BY id", params))
    for m in new:
        match = _find_match(conn, m)
        event_id = match if match is not None else m["id"]
        conn.execute("UPDATE events SET event_id = ? WHERE id = ?", (event_id, m["id"]))
    return len(new)


def _find_match(conn: sqlite3.Connection, m: dict) -> int | None:
    """The event_id of an existing mention that reports the same event as ``m``, if any."""
    for a_code, t_code in _pair_keys(m):
        if a_code is not None:  # the actor's code picks the candidates (index events_pair)
            sql, params = " WHERE actor_code = ? AND code = ?", (a_code, m["code"])
        else:
            sql, params = " WHERE actor_code IS NULL AND target_code IS ? AND code = ?", (t_code, m["code"])
        rows = _dicts(conn.execute(SELECT_MENTIONS + sql + " AND event_id IS NOT NULL AND id != ? ORDER BY id",
                                   params + (m["id"],)))
        for n in rows:
            if same_event(m, n):
                return n["event_id"]
    return None


def _pair_keys(m: dict) -> list[tuple[str | None, str | None]]:
    keys = [(m["actor_code"], m["target_code"])]
    if m["code"] in MUTUAL_TYPES and m["actor_code"] != m["target_code"]:
        keys.append((m["target_code"], m["actor_code"]))
    return keys


# ---------------------------------------------------------------- queries
def _resolve(actor: str | None) -> tuple[str | None, str | None]:
    """(code, name) an actor argument stands for: "RUS", "Russia", "the Kremlin" -> RUS."""
    if not actor:
        return None, None
    text = actor.strip()
    if len(text) == 3 and text.isupper():
        return text, None
    code = country_code(text) or code_actor(text)[0]
    return code, text.lower()


def _side_matches(code: str | None, name: str | None, row_code: str | None, row_name: str | None) -> bool:
    if code and row_code:
        return code == row_code.upper()
    return bool(name and row_name and name in row_name.lower())


def _mentions(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[dict]:
    """Event mentions joined with their article (date, sentence text)."""
    return _dicts(conn.execute(
        "SELECT e.*, COALESCE(e.event_id, -e.id) AS eid, a.date AS article_date, a.source AS source, "
        "a.title AS title, substr(a.text, e.start + 1, e.\"end\" - e.start) AS sentence "
        "FROM events e JOIN articles a ON a.key = e.article_key " + where + " ORDER BY e.id", params))


def _group(mentions: list[dict]) -> list[dict]:
    """One dict per real event: the first mention's fields plus every mention."""
    events: dict[int, dict] = {}
    for m in mentions:
        ev = events.get(m["eid"])
        if ev is None:
            ev = events[m["eid"]] = {
                "event_id": m["eid"], "code": m["code"], "mode": m["mode"], "action": m["action"],
                "actor": m["actor"], "actor_code": m["actor_code"], "actor_sector": m["actor_sector"],
                "target": m["target"], "target_code": m["target_code"], "target_sector": m["target_sector"],
                "when": m["when"], "where": m["where"], "lat": m["lat"], "lon": m["lon"],
                "negated": bool(m["negated"]), "modality": m["modality"], "scores": [], "mentions": []}
        ev["when"] = _finer(ev["when"], m["when"])
        ev["where"] = ev["where"] or m["where"]
        ev["scores"].append(m["score"])
        ev["mentions"].append({"article_key": m["article_key"], "source": m["source"], "start": m["start"],
                               "end": m["end"], "sentence": m["sentence"], "article_date": m["article_date"]})
    for ev in events.values():
        ev["score"] = round(sum(ev.pop("scores")) / len(ev["mentions"]), 2)
    return list(events.values())


def _finer(a: str | None, b: str | None) -> str | None:
    """The more precise of two compatible dates ("2024-04-17" over "2024-04")."""
    if not a:
        return b
    if b and len(b) > len(a) and b.startswith(a):
        return b
    return a


def _event_date(ev: dict) -> str | None:
    return ev["when"] or min((m["article_date"] for m in ev["mentions"] if m["article_date"]), default=None)


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a (possibly coarse) date overlaps [since, until]: "2024-04" is in since=2024-04-10."""
    if not since and not until:
        return True
    if not date:
        return False
    if since and date < since[:len(date)]:
        return False
    return not (until and date[:len(until)] > until)


def list_events(conn: sqlite3.Connection, actor: str | None = None, code: str | None = None,
                since: str | None = None, until: str | None = None, place: str | None = None) -> list[dict]:
    """Real events (one dict each, with its ``mentions`` and their sentences), filtered by an
    actor on either side (code or name), PLOVER type, date range and place name."""
    clauses, params = [], []
    if code:
        clauses.append("e.code = ?")
        params.append(code.upper())
    if place:
        clauses.append("lower(e.\"where\") LIKE ?")
        params.append(f"%{place.lower()}%")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    events = _group(_mentions(conn, where, tuple(params)))
    a_code, a_name = _resolve(actor)
    out = []
    for ev in events:
        if actor and not (_side_matches(a_code, a_name, ev["actor_code"], ev["actor"])
                          or _side_matches(a_code, a_name, ev["target_code"], ev["target"])):
            continue
        if not _in_range(_event_date(ev), since, until):
            continue
        ev["date"] = _event_date(ev)
        out.append(ev)
    return sorted(out, key=lambda e: (e["date"] or "", e["event_id"]))


def relations(conn: sqlite3.Connection, a: str | None, b: str | None) -> list[dict]:
    """The cooperation/conflict series of the pair (a, b) by month, either direction; a or b
    None means any actor. Each point: ``month``, ``events`` (the real events behind it, with
    their mentions), ``n_events``, ``mentions``, ``cooperation`` / ``conflict`` (counts),
    ``score`` (sum over distinct events), ``mean``. Negated events are left out."""
    a_code, a_name = _resolve(a)
    b_code, b_name = _resolve(b)

    def pair_ok(ev: dict) -> bool:
        fwd = ((not a or _side_matches(a_code, a_name, ev["actor_code"], ev["actor"]))
               and (not b or _side_matches(b_code, b_name, ev["target_code"], ev["target"])))
        back = ((not a or _side_matches(a_code, a_name, ev["target_code"], ev["target"]))
                and (not b or _side_matches(b_code, b_name, ev["actor_code"], ev["actor"])))
        return fwd or back

    where, params = "WHERE e.negated = 0", []
    for code in (a_code, b_code):  # narrow in SQL when a side is known by code
        if code:
            where += " AND (e.actor_code = ? OR e.target_code = ?)"
            params += [code, code]
    months: dict[str, list[dict]] = {}
    for ev in _group(_mentions(conn, where, tuple(params))):
        date = _event_date(ev)
        if date and len(date) >= 7 and pair_ok(ev):
            ev["date"] = date
            months.setdefault(date[:7], []).append(ev)
    series = []
    for month in sorted(months):
        evs = sorted(months[month], key=lambda e: (e["date"], e["event_id"]))
        total = sum(e["score"] for e in evs)
        series.append({
            "month": month, "n_events": len(evs), "mentions": sum(len(e["mentions"]) for e in evs),
            "cooperation": sum(1 for e in evs if e["score"] > 0), "conflict": sum(1 for e in evs if e["score"] < 0),
            "score": round(total, 2), "mean": round(total / len(evs), 2), "events": evs})
    return series
