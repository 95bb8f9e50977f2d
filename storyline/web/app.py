"""``storyline serve``: the web app. Server-rendered pages over the store, read-only.

Every page is a view that returns the page's data as a dict; ``respond`` renders it with its
template, or returns it as JSON when the path ends in ``.json`` or the client asks for
``application/json``. One error handler turns every failure into the same shape (an HTML page
or ``{"error": {"status", "message", "hint"}}``) that says what to do next.

The app only reads: each request opens its own read-only SQLite connection, so it sees what a
concurrent ``storyline ingest`` has committed (WAL) and never blocks it. There are no write
endpoints; static files come only from the package's ``static`` folder.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import pairs, queries
from .render import STATIC_DIR, Links, render, to_json

log = logging.getLogger(__name__)

# Scripts only from our own origin (the vendored chart library and charts.js): an injected
# inline script or event handler never runs. Inline styles stay allowed for the chart library.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
RAW_CSP = "default-src 'none'; sandbox"  # the raw page as received is never a live document
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


class PageError(Exception):
    """A failure the user can act on: an HTTP status, what went wrong, and what to do next."""

    def __init__(self, status: int, message: str, hint: str = ""):
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


def create_app(db_path: str) -> FastAPI:
    app = FastAPI(title="storyline", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db_path = str(db_path)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, follow_symlink=False), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_exception_handler(PageError, handle_error)
    app.add_exception_handler(StarletteHTTPException, handle_error)
    app.add_exception_handler(Exception, handle_error)
    _routes(app)
    _article_routes(app)
    _relation_routes(app)
    return app


def _routes(app: FastAPI) -> None:
    """The stories list (with search) and one story."""
    @app.get("/", include_in_schema=False)
    @app.get("/index.json", include_in_schema=False)
    @app.get("/stories", include_in_schema=False)
    @app.get("/stories.json", include_in_schema=False)
    def stories(request: Request, q: str | None = None):
        with database(request, required=False) as conn:
            if conn is None:
                data = {"counts": {}, "stories": [], "no_database": request.app.state.db_path,
                        "query": q, "results": None, "recent_articles": []}
            else:
                data = queries.stories_page(conn, q.strip() if q and q.strip() else None)
        return respond(request, "stories.html", data, "Stories")

    @app.get("/story/{story_id}", include_in_schema=False)
    def story(request: Request, story_id: str):
        story_id, as_json = _json_suffix(story_id)
        with database(request) as conn:
            data = queries.story_page(conn, story_id)
        if data is None:
            raise PageError(404, f"No story {story_id!r}.", "Stories are renumbered when they are rebuilt: "
                            "start again from the stories list.")
        return respond(request, "story.html", data, data["story"].get("title") or "Story", as_json)



def _article_routes(app: FastAPI) -> None:
    """The article, its raw page (escaped view and exact bytes), and entity pages."""
    @app.get("/article/{key}/raw.txt", include_in_schema=False)
    def raw_text(request: Request, key: str):
        with database(request) as conn:
            data = queries.raw_page(conn, key)
        if data is None:
            raise PageError(404, f"No raw page for article {key!r}.", "Open the article from a story or a search.")
        charset = "utf-8" if _is_utf8(data["bytes"]) else None
        media = "text/plain" + (f"; charset={charset}" if charset else "")
        return Response(data["bytes"], media_type=media,
                        headers={"Content-Security-Policy": RAW_CSP, "Content-Disposition": "inline"})

    @app.get("/article/{key}/raw", include_in_schema=False)
    @app.get("/article/{key}/raw.json", include_in_schema=False)
    def raw_view(request: Request, key: str):
        with database(request) as conn:
            data = queries.raw_page(conn, key)
        if data is None:
            raise PageError(404, f"No raw page for article {key!r}.", "Open the article from a story or a search.")
        data = {k: v for k, v in data.items() if k != "bytes"}
        return respond(request, "raw.html", data, "Raw page", request.url.path.endswith(".json"))

    @app.get("/article/{key}", include_in_schema=False)
    def article(request: Request, key: str):
        key, as_json = _json_suffix(key)
        with database(request) as conn:
            data = queries.article_page(conn, key)
        if data is None:
            raise PageError(404, f"No article {key!r}.", "Articles are keyed by page hash and index; "
                            "find one from the stories list or the search box.")
        return respond(request, "article.html", data, data["article"].get("title") or "Article", as_json)

    @app.get("/entity/{name:path}", include_in_schema=False)
    def entity(request: Request, name: str):
        name, as_json = _json_suffix(name)
        with database(request) as conn:
            data = queries.entity_page(conn, name)
        if data is None:
            raise PageError(404, f"No entity named {name!r}.", "Entity pages use the canonical name; "
                            "follow a highlighted name in an article.")
        return respond(request, "entity.html", data, name, as_json)



def _relation_routes(app: FastAPI) -> None:
    @app.get("/relations", include_in_schema=False)
    @app.get("/relations.json", include_in_schema=False)
    def relations(request: Request, a: str | None = None, b: str | None = None):
        with database(request) as conn:
            if a and b:
                data = pairs.relations_page(conn, a, b)
                return respond(request, "relations.html", data, f"{a} and {b}")
            data = pairs.pairs_page(conn)
        return respond(request, "pairs.html", data, "Relations")


@contextmanager
def database(request: Request, required: bool = True):
    """A fresh read-only connection for this request (None if the file is absent and allowed)."""
    from ..store.db import connect

    path = request.app.state.db_path
    if not Path(path).exists():
        if not required:
            yield None
            return
        raise PageError(503, f"No database at {path}.", "Run `storyline ingest PAGES` first "
                        "(or start the server with --db PATH).")
    try:
        conn = connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise PageError(503, f"Cannot open {path}: {exc}.", "Check the path given to --db.") from exc
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        log.exception("query failed")
        raise PageError(503, f"The store could not answer: {exc}.", "If an ingest or a migration is running, "
                        "reload in a moment; otherwise run `storyline ingest` to bring the store up to date.") from exc
    finally:
        conn.close()


def respond(request: Request, template: str, data: dict, title: str, as_json: bool = False,
            status: int = 200) -> Response:
    if as_json or request.url.path.endswith(".json") or wants_json(request):
        return JSONResponse(json.loads(to_json(data)), status_code=status)
    links = Links()
    json_url = links.json(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
    html = render(template, links, title=title, json_url=json_url, **data)
    return HTMLResponse(html, status_code=status)


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one error handler: every failure gets the same shape and a next step."""
    if isinstance(exc, PageError):
        status, message, hint = exc.status, exc.message, exc.hint
    elif isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        message = "There is no page at this address." if status == 404 else str(exc.detail)
        hint = "Start from the stories list." if status == 404 else "This server only shows pages (GET)."
    else:
        status, message, hint = 500, "Something went wrong.", "See the server's log for the cause."
    data = {"error": {"status": status, "message": message, "hint": hint}}
    if request.url.path.endswith(".json") or wants_json(request):
        response = JSONResponse(data, status_code=status)
    else:
        response = HTMLResponse(render("error.html", Links(), title=f"Error {status}", json_url=None, **data),
                                status_code=status)
    response.headers.update(SECURITY_HEADERS)  # a 500 skips the middleware that adds them
    return response


def _json_suffix(value: str) -> tuple[str, bool]:
    return (value[:-5], True) if value.endswith(".json") else (value, False)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
