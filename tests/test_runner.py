"""The executors of storyline.runner: input order, a bounded window of batches in flight, and
the same results from a process pool as inline. No spaCy: readers=() or a stand-in function."""
from __future__ import annotations

import time

import pytest

from storyline import runner
from storyline.config import Settings
from storyline.errors import Rejection
from storyline.model import RawPage
from storyline.pipeline import process_pages


def make_pages(n: int, prefix: str = "p") -> list[RawPage]:
    # Hand-written, fictional one-line articles; each distinct so each has its own hash.
    return [RawPage(source=f"{prefix}{i}.txt", kind="text", plain=True,
                    content=f"The ferry to Ostholm left {i} minutes late on Friday, the port office said.")
            for i in range(n)]


def echo_pages(pages: list[RawPage], settings: Settings) -> tuple[list[dict], list[Rejection]]:
    """A stand-in for process_pages that finishes later batches first (sleeps less for them),
    so an executor that returned results as they complete would scramble the order."""
    number = int(pages[0].source.split(".")[0][1:])
    time.sleep(max(0.0, 0.2 - 0.02 * number))
    return [{"source": p.source, "text": p.content} for p in pages], []


class FakeFuture:
    def __init__(self, pages):
        self.pages = pages


class WindowProbe(runner._BoundedExecutor):
    """A bounded executor whose 'futures' are resolved only when their result is asked for:
    it records how many batches were submitted but not yet collected."""

    def __init__(self, workers: int):
        super().__init__(Settings(readers=()), workers)
        self.outstanding = 0
        self.max_outstanding = 0

    def submit(self, pages):
        self.outstanding += 1
        self.max_outstanding = max(self.max_outstanding, self.outstanding)
        return FakeFuture(pages)

    def result(self, future):
        self.outstanding -= 1
        return [{"source": p.source} for p in future.pages], []


def test_batched_keeps_order_and_sizes():
    assert list(runner.batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(runner.batched([], 3)) == []


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_bounded_window_never_exceeds_its_limit(workers):
    probe = WindowProbe(workers)
    batches = [[page] for page in make_pages(20)]
    sources = [d["source"] for _, dicts, _ in probe.map(batches) for d in dicts]
    assert sources == [f"p{i}.txt" for i in range(20)]
    assert probe.max_outstanding == workers * runner.IN_FLIGHT_PER_WORKER


def test_bounded_window_reads_its_input_lazily():
    """The first result comes out after only `limit` batches were taken from the stream: an
    endless input stream does not fill memory."""
    taken = []

    def endless():
        i = 0
        while True:
            taken.append(i)
            yield make_pages(1, prefix=f"s{i}-")
            i += 1

    probe = WindowProbe(workers=2)
    results = probe.map(endless())
    first = next(results)
    assert first[0][0].source == "s0-0.txt"
    assert len(taken) == 2 * runner.IN_FLIGHT_PER_WORKER
    next(results)
    assert len(taken) == 2 * runner.IN_FLIGHT_PER_WORKER + 1


def test_bounded_executor_strips_raw_bytes_before_submitting():
    probe = WindowProbe(workers=1)
    page = RawPage(source="a.txt", kind="text", content="Text of a page.", raw=b"Text of a page.")
    sha = page.sha256
    sent = []
    probe.submit = lambda pages: sent.extend(pages) or FakeFuture(pages)
    probe.outstanding = 0
    list(probe.map([[page]]))
    assert sent[0].raw == b"" and sent[0].sha256 == sha


def test_process_executor_keeps_input_order(monkeypatch):
    monkeypatch.setattr(runner, "process_pages", echo_pages)
    executor = runner.ProcessExecutor(Settings(readers=()), workers=2)
    try:
        batches = [[page] for page in make_pages(8)]
        out = [(pages[0].source, dicts[0]["source"]) for pages, dicts, _ in executor.map(batches)]
    finally:
        executor.close()
    assert out == [(f"p{i}.txt", f"p{i}.txt") for i in range(8)]


def test_process_pool_gives_the_same_result_as_inline():
    settings = Settings(readers=(), plain=True, batch_size=3, workers=2)
    pages = make_pages(10) + [RawPage(source="blank.txt", kind="text", content="   ", plain=False)]
    batches = list(runner.batched(pages, settings.batch_size))
    inline = [(dicts, rejections) for _, dicts, rejections in runner.InlineExecutor(settings).map(batches)]
    executor = runner.ProcessExecutor(settings, workers=2)
    try:
        pooled = [(dicts, rejections) for _, dicts, rejections in executor.map(batches)]
    finally:
        executor.close()
    assert pooled == inline
    texts = [d["text"] for dicts, _ in inline for d in dicts]
    # --plain keeps each text exactly, in input order
    assert texts[:10] == [p.content for p in pages[:10]]


def test_make_executor_picks_by_settings():
    assert isinstance(runner.make_executor(Settings(workers=1, readers=())), runner.InlineExecutor)
    executor = runner.make_executor(Settings(workers=2, readers=()))
    try:
        assert isinstance(executor, runner.ProcessExecutor)
    finally:
        executor.close()


def test_extract_stream_reports_rejections_and_keeps_order(monkeypatch):
    monkeypatch.setattr(runner, "process_pages", echo_pages)
    items = [*make_pages(3), Rejection("empty.txt", "E001"), *make_pages(2, prefix="q")]
    rejected = []
    articles = list(runner.extract_stream(items, Settings(workers=1, readers=(), batch_size=2), rejected.append))
    assert [a.source for a in articles] == ["p0.txt", "p1.txt", "p2.txt", "q0.txt", "q1.txt"]
    assert [r.source for r in rejected] == ["empty.txt"]


def test_inline_process_pages_is_pure():
    """Same pages in, same dicts out, whichever context ran them first (workers reuse one)."""
    settings = Settings(readers=(), plain=True)
    pages = make_pages(3)
    first = process_pages(pages, settings)
    assert first == process_pages(pages, settings)
    assert [d["text"] for d in first[0]] == [p.content for p in pages]
