"""The Python API: what ``import storyline`` offers.

    >>> import storyline
    >>> for article in storyline.extract(["page.html"]):
    ...     print(article.title, [q.speaker for q in article.quotes])
    >>> article = storyline.extract_text("Moscow said on Thursday ...", date="2024-04-19")
    >>> with storyline.Store("news.db") as store:
    ...     storyline.ingest(["pages/"], store=store)
"""
from __future__ import annotations

from typing import Callable, Iterator

from .config import Settings
from .errors import Rejection
from .ingest.sources import iter_pages
from .model import Article, RawPage
from .pipeline import Context, pages_to_articles, process_articles
from .runner import extract_stream


def _ignore(_: Rejection) -> None:
    pass


def extract_items(inputs: list[str], settings: Settings,
                  on_rejection: Callable[[Rejection], None] = _ignore) -> Iterator[Article]:
    """Articles of every input (files, folders, globs, URLs, ``-``), in input order."""
    return extract_stream(iter_pages(inputs, settings), settings, on_rejection)


def extract(inputs: list[str] | str, settings: Settings | None = None, **options) -> list[Article]:
    """All articles of the inputs. ``options`` override Settings fields (plain=True, date=...)."""
    settings = (settings or Settings()).replace(**options)
    return list(extract_items([inputs] if isinstance(inputs, str) else list(inputs), settings))


def extract_text(text: str, date: str | None = None, html: bool = False, plain: bool = False,
                 settings: Settings | None = None) -> list[Article]:
    """The articles of one page given as a string (``plain=True``: it is one clean article)."""
    settings = (settings or Settings()).replace(plain=plain or None, date=date)
    page = RawPage(source="<text>", kind="html" if html else "text", content=text, date=date, plain=plain)
    ctx = Context(settings=settings)
    return process_articles(pages_to_articles([page]), ctx)


def ingest(inputs: list[str], settings: Settings | None = None, store=None, **options):
    """Store and extract the inputs, then update the stories. Returns an IngestReport."""
    from .ingest.job import ingest as run_ingest

    settings = (settings or Settings()).replace(**options)
    return run_ingest(list(inputs), settings, store=store)
