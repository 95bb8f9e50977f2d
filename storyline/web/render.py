"""Page rendering shared by the web app and the static report: the Jinja2 environment, the
link scheme of each (server paths or relative file names) and the filters that keep untrusted
page data inert.

Everything ingested is untrusted. Templates autoescape, no template uses ``|safe``, chart
data travels in HTML attributes (escaped by Jinja, decoded by the browser, parsed by
``charts.js``), and a URL is drawn as a link only when it is http(s).
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import jinja2

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

# Longest slug kept in a report file name; a hash suffix keeps names unique past it.
SLUG_MAX = 60
SAFE_SCHEMES = ("http", "https")


class Links:
    """The server's URL scheme: ``/story/ID``, ``/article/KEY``, ``/entity/NAME`` ..."""

    static_report = False

    def __init__(self, root: str = "/"):
        self.root = root

    def home(self) -> str:
        return self.root

    def story(self, story_id) -> str:
        return f"{self.root}story/{quote(str(story_id), safe='')}"

    def article(self, key: str) -> str:
        return f"{self.root}article/{quote(key, safe=':')}"

    def raw(self, key: str) -> str:
        return f"{self.article(key)}/raw"

    def raw_text(self, key: str) -> str:
        return f"{self.article(key)}/raw.txt"

    def entity(self, name: str) -> str:
        return f"{self.root}entity/{quote(name, safe='')}"

    def relations_index(self) -> str:
        return f"{self.root}relations"

    def relations(self, a: str, b: str) -> str:
        return f"{self.root}relations?{urlencode({'a': a, 'b': b})}"

    def static(self, path: str) -> str:
        return f"{self.root}static/{path}"

    def json(self, path: str) -> str:
        """The JSON twin of a page path (``/story/7`` -> ``/story/7.json``)."""
        base, _, query = path.partition("?")
        base = base.rstrip("/") or "/index"
        return f"{base}.json" + (f"?{query}" if query else "")


class ReportLinks(Links):
    """The static report's scheme: relative file names, so it opens from disk anywhere."""

    static_report = True

    def __init__(self, root: str = ""):
        super().__init__(root)

    def home(self) -> str:
        return f"{self.root}index.html"

    def story(self, story_id) -> str:
        return f"{self.root}story/{slug(str(story_id))}.html"

    def article(self, key: str) -> str:
        return f"{self.root}article/{slug(key)}.html"

    def raw(self, key: str) -> str:
        return f"{self.root}raw/{slug(key)}.html"

    def raw_text(self, key: str) -> str:
        return f"{self.root}raw/{slug(key)}.txt"

    def entity(self, name: str) -> str:
        return f"{self.root}entity/{slug(name)}.html"

    def relations_index(self) -> str:
        return f"{self.root}relations/index.html"

    def relations(self, a: str, b: str) -> str:
        return f"{self.root}relations/{slug(a + '--' + b)}.html"

    def json(self, path: str) -> str:
        return re.sub(r"\.html$", ".json", path)


def slug(name: str) -> str:
    """A file-name-safe, collision-free name: readable part plus a short hash of the whole."""
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:SLUG_MAX] or "x"
    return f"{readable}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


def safe_url(url) -> str | None:
    """The URL if it is a plain http(s) link, else None (then it is shown as text only)."""
    if not isinstance(url, str) or any(c in url for c in "\r\n\t\x00 "):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


def to_json(data) -> str:
    """JSON for an HTML attribute or a <script type=application/json>: Jinja escapes it for
    the attribute; the escapes here also keep it inert if it ever lands in a script element."""
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def shorten(text, limit: int = 120) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_source(source) -> str:
    """A source for display: a path or URL shown by its last part (the outlet is unknown)."""
    text = str(source or "")
    tail = text.rstrip("/").rsplit("/", 1)[-1]
    return tail or text


def plural(n, word: str, many: str | None = None) -> str:
    """``3 | plural('article')`` -> "3 articles"; ``1 | plural('copy', 'copies')`` -> "1 copy"."""
    n = n or 0
    return f"{n} {word if n == 1 else (many or word + 's')}"


def fmt_score(value) -> str:
    try:
        return f"{float(value):+.1f}"
    except (TypeError, ValueError):
        return ""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its extension: page data is untrusted
        undefined=jinja2.ChainableUndefined,  # a missing optional field renders as nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_url=safe_url, to_json=to_json, shorten=shorten, score=fmt_score, plural=plural,
                       short_source=short_source)
    return env


def render(template: str, links: Links, **context) -> str:
    return environment().get_template(template).render(link=links, **context)
