"""The stage registry and the per-article pipeline.

A stage is a function ``(articles, ctx) -> articles`` over a batch, registered by name with
the step it belongs to (``clean``, ``read``) and the Article fields it reads and writes.
:func:`check_order` refuses an order in which a stage reads a field no earlier stage wrote
(spaCy's ``pipe_analysis`` does the same for components).

The per-article part of the pipeline (clean -> parse -> readers) is :func:`process_pages`: a
pure function from pages to article dicts, so the same code runs inline, in a process pool
and on Dask workers. The connect step (duplicates, stories, event identity) needs the whole
store and runs afterwards, in ``storyline.story``.

One bad page never stops a batch: every stage runs record by record inside ``_guarded`` and a
record that raises is dropped with a :class:`~storyline.errors.Rejection` (code E012).
"""
from __future__ import annotations

import importlib
import logging
import traceback
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .config import Settings
from .errors import Rejection
from .model import Article, RawPage

log = logging.getLogger(__name__)

StageFunc = Callable[[list[Article], "Context"], list[Article]]


@dataclass(frozen=True)
class Stage:
    name: str
    step: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    func: StageFunc
    batch: bool  # True: func takes the whole batch; False: func takes one article


STAGES: dict[str, Stage] = {}

# The built-in stages live in these modules; importing one registers its stages.
BUILTIN_STAGE_MODULES = (
    "storyline.clean.stage",
    "storyline.nlp.parse",
    "storyline.nlp.entities",
    "storyline.nlp.timex",
    "storyline.nlp.quotes",
    "storyline.nlp.events",
)

# Fields every page carries before the first stage runs.
INITIAL_FIELDS = ("page", "source")


def register(name: str, step: str, reads: Iterable[str] = (), writes: Iterable[str] = (),
             batch: bool = False) -> Callable[[Callable], Callable]:
    """Register a stage. ``batch=False`` stages get one Article and return a list of Articles
    (usually ``[article]``; a splitter may return several, a filter none)."""

    def wrap(func: Callable) -> Callable:
        STAGES[name] = Stage(name, step, tuple(reads), tuple(writes), func, batch)
        return func

    return wrap


def load_builtin_stages() -> None:
    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)


@dataclass
class Context:
    """What stages share during one run: the settings, lazily loaded models, rejections."""

    settings: Settings = field(default_factory=Settings)
    rejections: list[Rejection] = field(default_factory=list)
    cache: dict = field(default_factory=dict)  # models and tables loaded once per process

    def reject(self, source: str, code: str, detail: str = "") -> None:
        self.rejections.append(Rejection(source, code, detail))


def default_order(settings: Settings) -> list[str]:
    """clean, then one parse, then the readers the settings ask for, in dependency order."""
    order = ["clean"]
    if settings.readers:
        order.append("parse")
        order += [r for r in ("entities", "times", "quotes", "events") if r in settings.readers]
    return order


def check_order(order: list[str]) -> None:
    """Raise if a stage reads a field that no stage before it writes."""
    available = set(INITIAL_FIELDS)
    for name in order:
        stage = STAGES[name]
        missing = [f for f in stage.reads if f not in available]
        if missing:
            raise ValueError(f"stage {name!r} reads {missing} but no earlier stage writes them")
        available.update(stage.writes)


def run_stage(stage: Stage, articles: list[Article], ctx: Context) -> list[Article]:
    if stage.batch:
        try:
            return stage.func(articles, ctx)
        except Exception:  # a batch stage failed as a whole: retry record by record
            log.debug("batch stage %s failed, retrying one by one", stage.name, exc_info=True)
    out: list[Article] = []
    for article in articles:
        out.extend(_guarded(stage, article, ctx))
    return out


def _guarded(stage: Stage, article: Article, ctx: Context) -> list[Article]:
    try:
        if stage.batch:
            return stage.func([article], ctx)
        return stage.func(article, ctx)
    except Exception as exc:  # one bad page never stops the batch
        log.debug("%s failed on %s:\n%s", stage.name, article.source, traceback.format_exc())
        ctx.reject(article.source, "E012", f"{stage.name}: {type(exc).__name__}: {exc}")
        return []


def process_articles(articles: list[Article], ctx: Context, order: list[str] | None = None) -> list[Article]:
    load_builtin_stages()
    order = order or default_order(ctx.settings)
    check_order(order)
    for name in order:
        articles = run_stage(STAGES[name], articles, ctx)
    for article in articles:
        article.doc = None
        article.page = None
    return articles


def pages_to_articles(pages: list[RawPage]) -> list[Article]:
    return [Article(source=p.source, url=p.url, title=p.title, date=p.date,
                    raw_sha256=p.sha256, page=p) for p in pages]


def process_pages(pages: list[RawPage], settings: Settings, ctx: Context | None = None) -> tuple[list[dict], list[Rejection]]:
    """The per-article pipeline as a pure function over plain data: pages in, article dicts
    and rejections out. This is what worker processes and Dask tasks run."""
    ctx = ctx or _worker_context(settings)
    ctx.rejections = []
    articles = process_articles(pages_to_articles(pages), ctx)
    return [a.to_dict() for a in articles], list(ctx.rejections)


_WORKER_CONTEXTS: dict[tuple, Context] = {}


def _worker_context(settings: Settings) -> Context:
    """One Context per process and settings, so models load once per worker."""
    key = (settings.model, settings.readers, settings.plain)
    if key not in _WORKER_CONTEXTS:
        _WORKER_CONTEXTS[key] = Context(settings=settings)
    ctx = _WORKER_CONTEXTS[key]
    ctx.settings = settings
    return ctx
