"""The records that flow through storyline.

One record type, :class:`Article`, moves through every stage (ingest -> clean -> read ->
connect). It starts life as a *page* (``raw`` set, ``text`` empty) and the clean stage turns it
into one or more articles (a page may hold several). Readers then fill ``entities``, ``times``,
``quotes`` and ``events``. Everything is a plain data class that round-trips through a dict,
so records cross process boundaries (multiprocessing, Dask) and go into the store unchanged.

Offsets (``start``/``end``) are always Python ``str`` indices into ``Article.text``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Entity:
    """A named mention. ``canonical`` is the one name of the real-world entity."""

    start: int
    end: int
    text: str
    label: str
    canonical: str
    title: str | None = None  # a title or role kept apart from the name ("Prime Minister")
    code: str | None = None  # CAMEO country / IGO code of the entity or of the country it stands for
    sector: str | None = None  # CAMEO sector (GOV, MIL, REB, CVL, IGO, ...)


@dataclass
class TimeMention:
    """A TIMEX3 time expression, its value resolved against the article date."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # 2024-04-17, 2023-09, 2024-W16, P4Y, PRESENT_REF, XXXX-09, ...
    mod: str | None = None  # TIMEX3 mod: EARLY, MID, LATE, APPROX, START, END, ...


@dataclass
class Quote:
    """Words attributed to a speaker. ``start``/``end`` cover the content, without marks."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    direct: bool
    cue: str | None = None  # the verb or phrase that attributes ("said", "told AFP", "according to")


@dataclass
class Event:
    """Who did what to whom, when and where, coded in PLOVER."""

    start: int  # the sentence (or clause) that states the event
    end: int
    actor: str | None
    actor_code: str | None
    action: str
    code: str  # one of PLOVER's 18 event types
    target: str | None
    target_code: str | None
    when: str | None
    where: str | None
    score: float
    mode: str | None = None
    actor_sector: str | None = None
    target_sector: str | None = None
    negated: bool = False
    modality: str | None = None  # None for a done deed; "threat", "plan", "denial", "possible", ...
    lat: float | None = None
    lon: float | None = None


PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT", "FIGHT",
)


@dataclass
class RawPage:
    """One input exactly as received: the bytes (or str) plus what came with it."""

    source: str  # the record's id, else the path as given, else the URL
    kind: str  # "text", "html"
    content: str  # decoded text of the page
    raw: bytes = b""  # the bytes exactly as received
    url: str | None = None
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD when the record or container carries one
    plain: bool = False  # already one clean article: no cleaning, no splitting
    container: str = "file"  # "file", "jsonl" (raw is the JSON line), "warc", "url"
    digest: str | None = None  # the hash of ``raw``, kept when ``raw`` is dropped to save traffic

    @property
    def sha256(self) -> str:
        if self.digest is None:
            self.digest = hashlib.sha256(self.raw or self.content.encode("utf-8")).hexdigest()
        return self.digest

    def without_raw(self) -> "RawPage":
        """The same page without its bytes (workers need only the decoded content)."""
        return dataclasses.replace(self, raw=b"", digest=self.sha256)


@dataclass
class Article:
    """The record every stage reads and fills in."""

    source: str
    index: int = 0
    text: str = ""
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = "en"
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # provenance and bookkeeping (not part of the contract's extract output)
    raw_sha256: str | None = None  # the RawPage this article came from
    date_source: str | None = None  # "record", "page", "text", ... where the date was found
    page: RawPage | None = None  # set until the clean stage has run
    doc: Any = None  # the spaCy Doc while the read stage runs; never stored or serialised

    @property
    def key(self) -> str:
        """A stable id for the article: the content hash of its source page plus its index."""
        base = self.raw_sha256 or hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return f"{base[:16]}:{self.index}"

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_contract(self) -> dict:
        """The JSON object ``storyline extract`` prints (see CONTRACT.md)."""
        return {
            "source": self.source,
            "index": self.index,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "outlet": self.outlet,
            "author": self.author,
            "language": self.language,
            "text": self.text,
            "entities": [_entity_contract(e) for e in self.entities],
            "times": [dataclasses.asdict(t) for t in self.times],
            "quotes": [dataclasses.asdict(q) for q in self.quotes],
            "events": [dataclasses.asdict(e) for e in self.events],
        }

    def to_dict(self) -> dict:
        """Everything but the transient ``page`` and ``doc``: for the store and for Dask."""
        out = self.to_contract()
        out["raw_sha256"] = self.raw_sha256
        out["date_source"] = self.date_source
        out["entities"] = [dataclasses.asdict(e) for e in self.entities]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        known = {f.name for f in dataclasses.fields(cls)} - {"page", "doc"}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["entities"] = [Entity(**_only(Entity, e)) for e in data.get("entities") or []]
        kwargs["times"] = [TimeMention(**_only(TimeMention, t)) for t in data.get("times") or []]
        kwargs["quotes"] = [Quote(**_only(Quote, q)) for q in data.get("quotes") or []]
        kwargs["events"] = [Event(**_only(Event, e)) for e in data.get("events") or []]
        return cls(**kwargs)


def _entity_contract(e: Entity) -> dict:
    d = dataclasses.asdict(e)
    return d


def _only(cls, data: dict) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}
