"""``storyline ingest``: read inputs, keep them as received, extract, store, connect.

The order of writes is what makes an ingest safe to kill and idempotent:
1. each batch of new pages is committed to ``raw_pages`` (status ``pending``) before it is
   processed, so nothing received is ever lost;
2. a batch's articles and its pages' status go in one transaction;
3. the connect step (event identity, stories) runs on what it has not seen yet.
Pages whose content hash is already ``done`` or ``rejected`` are skipped, so re-ingesting the
same content adds nothing; pages left ``pending`` by a killed run are processed first.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..config import Settings
from ..errors import Rejection
from ..model import Article, RawPage
from ..progress import progress_bar
from ..runner import batched, make_executor
from ..store.db import Store
from .sources import iter_pages


@dataclass
class IngestReport:
    pages_read: int = 0
    pages_new: int = 0
    pages_known: int = 0
    articles_added: int = 0
    connected: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.pages_read} page(s) read: {self.pages_new} new, {self.pages_known} already stored; "
                f"{self.articles_added} article(s) added; {len(self.rejections)} rejected")


def print_rejection(rejection: Rejection) -> None:
    print(str(rejection), file=sys.stderr, flush=True)


def ingest(inputs: list[str], settings: Settings, store: Store | None = None,
           on_rejection: Callable[[Rejection], None] = print_rejection, stdin=None) -> IngestReport:
    own_store = store is None
    store = store or Store(settings.db)
    report = IngestReport()

    def reject(rejection: Rejection) -> None:
        report.rejections.append(rejection)
        on_rejection(rejection)

    executor = make_executor(settings)
    bar = progress_bar(settings, unit="page", desc="ingest")
    try:
        pages = _new_pages(store, iter_pages(inputs, settings, stdin=stdin), report, reject)
        for batch_pages, dicts, rejections in executor.map(_stored_batches(store, pages, settings.batch_size)):
            for rejection in rejections:
                reject(rejection)
            articles = [Article.from_dict(d) for d in dicts]
            added = store.save_results([p.sha256 for p in batch_pages], articles, rejections)
            report.articles_added += len(added)
            report.connected += connect(store)
            bar.update(len(batch_pages))
        report.connected += connect(store)  # whatever a killed run left unconnected
    finally:
        bar.close()
        executor.close()
        if own_store:
            store.close()
    return report


def connect(store: Store) -> int:
    from ..connect import run_connect

    return run_connect(store.conn)


def _new_pages(store: Store, items: Iterable[RawPage | Rejection], report: IngestReport,
               reject: Callable[[Rejection], None]) -> Iterator[RawPage]:
    """Pages left pending by an interrupted run, then every input page not stored yet."""
    seen: set[str] = set()
    for page in store.pending_pages():
        seen.add(page.sha256)
        yield page
    for item in items:
        if isinstance(item, Rejection):
            reject(item)
            continue
        report.pages_read += 1
        if item.sha256 in seen or store.page_status(item.sha256) in ("done", "rejected"):
            report.pages_known += 1
            continue
        seen.add(item.sha256)
        report.pages_new += 1
        yield item


def _stored_batches(store: Store, pages: Iterable[RawPage], size: int) -> Iterator[list[RawPage]]:
    for batch in batched(pages, size):
        store.add_raw_pages(batch)
        yield batch
