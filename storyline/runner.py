"""Running the per-article pipeline over a stream of pages: inline, in local processes or on Dask.

All three executors run the same function, :func:`storyline.pipeline.process_pages`, on batches
of pages, keep a bounded number of batches in flight (so memory stays flat however long the
input stream is), and hand results back in input order.
"""
from __future__ import annotations

import collections
import itertools
from typing import Callable, Iterable, Iterator

from .config import Settings
from .errors import Rejection
from .model import Article, RawPage
from .pipeline import process_pages

# Batches in flight per worker: one running, one queued, so no worker waits for the feeder.
IN_FLIGHT_PER_WORKER = 2

BatchResult = tuple[list[RawPage], list[dict], list[Rejection]]


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _strip(pages: list[RawPage]) -> list[RawPage]:
    """Pages sent to workers need no raw bytes (they are already stored): halve the traffic."""
    return [p.without_raw() for p in pages]


class InlineExecutor:
    def __init__(self, settings: Settings):
        self.settings = settings

    def map(self, batches: Iterable[list[RawPage]]) -> Iterator[BatchResult]:
        for pages in batches:
            dicts, rejections = process_pages(pages, self.settings)
            yield pages, dicts, rejections

    def close(self) -> None:
        pass


class _BoundedExecutor:
    """Submit batches with a bounded window and yield results in submission order."""

    def __init__(self, settings: Settings, workers: int):
        self.settings, self.workers = settings, workers

    def submit(self, pages: list[RawPage]):
        raise NotImplementedError

    def result(self, future) -> tuple[list[dict], list[Rejection]]:
        raise NotImplementedError

    def map(self, batches: Iterable[list[RawPage]]) -> Iterator[BatchResult]:
        window: collections.deque = collections.deque()
        limit = max(1, self.workers * IN_FLIGHT_PER_WORKER)
        for pages in batches:
            window.append((pages, self.submit(_strip(pages))))
            if len(window) >= limit:
                yield self._pop(window)
        while window:
            yield self._pop(window)

    def _pop(self, window) -> BatchResult:
        pages, future = window.popleft()
        dicts, rejections = self.result(future)
        return pages, dicts, rejections


class ProcessExecutor(_BoundedExecutor):
    """Local worker processes, each loading the spaCy model once."""

    def __init__(self, settings: Settings, workers: int):
        super().__init__(settings, workers)
        import concurrent.futures
        import multiprocessing

        # forkserver, not fork: a parent that has started BLAS or other threads can deadlock its
        # forked children; the fork server is a fresh single-threaded process.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(self, pages):
        return self.pool.submit(process_pages, pages, self.settings)

    def result(self, future):
        return future.result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskExecutor(_BoundedExecutor):
    """The same per-article function on a Dask cluster (``local`` starts a LocalCluster)."""

    def __init__(self, settings: Settings, address: str, workers: int):
        super().__init__(settings, workers)
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # an extra: say how to get it
            raise SystemExit("storyline: --dask needs the dask extra: pip install 'storyline[dask]'") from exc
        import logging

        # distributed logs every worker start at INFO; without -v that is noise on stderr.
        if logging.getLogger().getEffectiveLevel() > logging.INFO:
            logging.getLogger("distributed").setLevel(logging.WARNING)
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def submit(self, pages):
        return self.client.submit(process_pages, pages, self.settings, pure=False)

    def result(self, future):
        return future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(settings: Settings):
    if settings.dask:
        return DaskExecutor(settings, settings.dask, max(1, settings.workers))
    if settings.workers > 1:
        return ProcessExecutor(settings, settings.workers)
    return InlineExecutor(settings)


def split_items(items: Iterable[RawPage | Rejection], on_rejection: Callable[[Rejection], None]) -> Iterator[RawPage]:
    for item in items:
        if isinstance(item, Rejection):
            on_rejection(item)
        else:
            yield item


def extract_stream(items: Iterable[RawPage | Rejection], settings: Settings,
                   on_rejection: Callable[[Rejection], None]) -> Iterator[Article]:
    """Articles of the pages, in input order; rejections go to ``on_rejection``."""
    executor = make_executor(settings)
    try:
        for _pages, dicts, rejections in executor.map(batched(split_items(items, on_rejection), settings.batch_size)):
            for rejection in rejections:
                on_rejection(rejection)
            for d in dicts:
                yield Article.from_dict(d)
    finally:
        executor.close()
