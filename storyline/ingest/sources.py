"""From what the user names on the command line to a lazy stream of raw pages.

An input is a file (``.txt``, ``.html``/``.htm``, ``.warc``/``.warc.gz``, ``.jsonl``), a folder
(recursive), a glob, ``-`` (JSON Lines on stdin) or an ``http(s)://`` URL (a page or an RSS/Atom
feed, see :mod:`storyline.ingest.web`). :func:`iter_pages` yields :class:`RawPage` records and,
for inputs it cannot read, :class:`Rejection` records: the caller decides what to do with
them (print one line each), and every other input is still read.

Nothing is read before it is needed, so memory stays flat however large the corpus.
"""
from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterator

from ..config import Settings
from ..errors import Rejection
from ..model import RawPage
from .decode import decode_bytes, looks_binary, looks_like_html

# A folder is walked for these endings only (so a README.md or a script beside the pages is
# not taken for an article); a file named explicitly is read whatever its ending.
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES + JSONL_SUFFIXES

Item = RawPage | Rejection


def iter_pages(inputs: list[str], settings: Settings, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Every page of every input, in input order."""
    for name in inputs:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_stream(stream, "-", settings)
        elif name.startswith(("http://", "https://")):
            from .web import iter_url_pages

            yield from iter_url_pages(name, settings)
        else:
            yield from iter_path(name, settings)


def iter_path(name: str, settings: Settings) -> Iterator[Item]:
    path = Path(name)
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file() and _known(p)):
            yield from read_file(str(file), settings)
    elif path.is_file():
        yield from read_file(name, settings)
    elif glob.has_magic(name):
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield Rejection(name, "E008", "the pattern matches nothing")
        for match in matches:
            yield from iter_path(match, settings)
    else:
        yield Rejection(name, "E008")


def _known(path: Path) -> bool:
    return path.name.lower().endswith(KNOWN_SUFFIXES)


def read_file(name: str, settings: Settings) -> Iterator[Item]:
    lower = name.lower()
    try:
        size = os.path.getsize(name)
    except OSError as exc:
        yield Rejection(name, "E006", str(exc))
        return
    if lower.endswith(WARC_SUFFIXES):
        from .warc import read_warc

        yield from read_warc(name, settings)
        return
    if lower.endswith(JSONL_SUFFIXES):
        try:
            with open(name, "rb") as fh:
                yield from read_jsonl_stream(fh, name, settings)
        except OSError as exc:
            yield Rejection(name, "E006", str(exc))
        return
    if size > settings.max_input_bytes:
        yield Rejection(name, "E003", f"{size} bytes > {settings.max_input_bytes}")
        return
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        yield Rejection(name, "E006", str(exc))
        return
    kind = "html" if lower.endswith(HTML_SUFFIXES) else "text"
    yield page_from_bytes(name, data, kind, settings)


def page_from_bytes(source: str, data: bytes, kind: str, settings: Settings, *, url: str | None = None,
                    date: str | None = None, content_type: str | None = None, container: str = "file") -> Item:
    """Check and decode one page's bytes. ``kind`` "text" pages that are really HTML become HTML."""
    if not data.strip():
        return Rejection(source, "E001")
    if len(data) > settings.max_input_bytes:
        return Rejection(source, "E003", f"{len(data)} bytes > {settings.max_input_bytes}")
    if looks_binary(data):
        return Rejection(source, "E002")
    text, _encoding = decode_bytes(data, content_type)
    if text is None:
        return Rejection(source, "E002", "no text encoding fits these bytes")
    if kind == "text" and looks_like_html(text):
        kind = "html"
    return RawPage(source=source, kind=kind, content=text, raw=data, url=url, date=date,
                   plain=settings.plain, container=container)


def read_jsonl_stream(stream: IO[bytes], name: str, settings: Settings) -> Iterator[Item]:
    """One page per JSON line: ``{"id", "text"?, "html"?, "url"?, "title"?, "date"?}``."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        if len(line) > settings.max_input_bytes:
            yield Rejection(where, "E003", f"{len(line)} bytes > {settings.max_input_bytes}")
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Rejection(where, "E004", str(exc))
            continue
        yield page_from_record(record, where, settings, raw=line.rstrip(b"\r\n"))


def page_from_record(record, where: str, settings: Settings, raw: bytes = b"") -> Item:
    if not isinstance(record, dict):
        return Rejection(where, "E004", "a JSON object is expected on each line")
    body_html, body_text = record.get("html"), record.get("text")
    if not _nonempty_str(body_html) and not _nonempty_str(body_text):
        return Rejection(where, "E005")
    source = str(record.get("id")) if record.get("id") is not None else where
    kind, content = ("text", body_text) if _nonempty_str(body_text) else ("html", body_html)
    if kind == "text" and not settings.plain and looks_like_html(content):
        kind = "html"
    date = record.get("date")
    date = str(date)[:10] if date else None
    return RawPage(source=source, kind=kind, content=content, raw=raw or json.dumps(record).encode(),
                   url=record.get("url"), title=record.get("title"), date=date, plain=settings.plain,
                   container="jsonl")


def _nonempty_str(value) -> bool:
    return isinstance(value, str) and bool(value.strip())
