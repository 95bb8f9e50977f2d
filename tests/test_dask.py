"""The Dask path: `ingest` with Settings(dask=ADDRESS) on a LocalCluster of two worker
processes stores the same articles as the inline path, and still reports rejected inputs."""
from __future__ import annotations

import importlib
import importlib.util
import sqlite3

import pytest

distributed = pytest.importorskip("distributed")

from storyline.config import Settings  # noqa: E402
from storyline.store.db import Store  # noqa: E402

# `storyline.ingest` is also the name of a function the package exports: import the module so.
job = importlib.import_module("storyline.ingest.job")

# Hand-written, fictional pages (no data set text).
PAGES = {
    "ferry.txt": "Ferry service to Ostholm resumes\n\nThe ferry between Kerrow and Ostholm sailed again "
                 "on Thursday after a storm kept it in port for four days, the operator said.\n",
    "council.txt": "Council votes to rebuild the old market\n\nCouncillors in Valmora voted nine to two on "
                   "Monday to rebuild the covered market, which burned down last spring.\n",
    "drought.txt": "Farmers in Drovna ask for water relief\n\nFarmers in the Drovna valley asked the regional "
                   "water board for emergency help, saying wells had run dry since June.\n",
    "strike.txt": "Rail strike called off\n\nThe rail union in Eastmere called off Friday's strike after the "
                  "operator offered a four percent raise, union leader Ivo Marek said.\n",
}


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, as `--dask local` starts them."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        yield lc


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def no_connect_if_absent(monkeypatch):
    """The connect step (stories) is not what is tested here; skip it while its modules are absent."""
    if importlib.util.find_spec("storyline.story.stories") is None:
        monkeypatch.setattr(job, "connect", lambda store: 0)


def stored_articles(db: str) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return {key: (source, text) for key, source, text in conn.execute("SELECT key, source, text FROM articles")}


def run_ingest(corpus, db: str, **options):
    # plain: the texts are kept as they are, so this tests the distributed path, not the
    # cleaning heuristics (tested in their own files); readers=(): no spaCy needed.
    settings = Settings(db=db, readers=(), plain=True, progress=False, batch_size=2, **options)
    rejected = []
    with Store(db) as store:
        report = job.ingest([str(corpus)], settings, store=store, on_rejection=rejected.append)
    return report, rejected


def test_dask_ingest_stores_what_the_inline_path_stores(cluster, corpus, tmp_path, no_connect_if_absent):
    inline_report, inline_rejected = run_ingest(corpus, str(tmp_path / "inline.db"), workers=1)
    dask_report, dask_rejected = run_ingest(corpus, str(tmp_path / "dask.db"), workers=2,
                                            dask=cluster.scheduler_address)
    inline, on_dask = stored_articles(str(tmp_path / "inline.db")), stored_articles(str(tmp_path / "dask.db"))
    assert len(inline) == len(PAGES)
    assert on_dask == inline  # same keys, same sources, same texts
    assert dask_report.articles_added == inline_report.articles_added == len(PAGES)
    # the empty file is rejected on both paths, with the reason's code
    assert [(r.source.rsplit("/", 1)[-1], r.code) for r in dask_rejected] == [("empty.txt", "E001")]
    assert [(r.source, r.code) for r in dask_rejected] == [(r.source, r.code) for r in inline_rejected]


def test_dask_ingest_twice_adds_nothing(cluster, corpus, tmp_path, no_connect_if_absent):
    db = str(tmp_path / "again.db")
    first, _ = run_ingest(corpus, db, workers=2, dask=cluster.scheduler_address)
    second, _ = run_ingest(corpus, db, workers=2, dask=cluster.scheduler_address)
    assert first.articles_added == len(PAGES)
    assert second.articles_added == 0 and second.pages_known == len(PAGES)
    assert len(stored_articles(db)) == len(PAGES)


def test_dask_executor_uses_the_clusters_workers(cluster):
    from storyline.runner import DaskExecutor

    executor = DaskExecutor(Settings(readers=()), cluster.scheduler_address, workers=7)
    try:
        assert executor.workers == 2  # sized from the scheduler, not from --workers
    finally:
        executor.close()


def test_rejections_made_on_the_workers_come_back(cluster, corpus, tmp_path, no_connect_if_absent):
    """Without --plain the clean stage runs on the workers; a page with no article text in it
    is rejected there, and the rejection reaches the caller as on the inline path."""
    (corpus / "menu.txt").write_text("Home | News | Contact\n", encoding="utf-8")

    def run(db: str, **options):
        settings = Settings(db=db, readers=(), progress=False, batch_size=2, **options)
        rejected = []
        with Store(db) as store:
            job.ingest([str(corpus)], settings, store=store, on_rejection=rejected.append)
        return sorted((r.source.rsplit("/", 1)[-1], r.code) for r in rejected)

    inline = run(str(tmp_path / "inline.db"), workers=1)
    on_dask = run(str(tmp_path / "dask.db"), workers=2, dask=cluster.scheduler_address)
    assert on_dask == inline
    # E011 (no article text) normally; any worker-side code counts here, the clean stage's own
    # tests pin the reason
    assert "menu.txt" in {source for source, _ in on_dask} and ("empty.txt", "E001") in on_dask
    assert stored_articles(str(tmp_path / "dask.db")) == stored_articles(str(tmp_path / "inline.db"))
    with sqlite3.connect(str(tmp_path / "dask.db")) as conn:
        status = dict(conn.execute("SELECT source, status FROM raw_pages"))
    assert {s.rsplit("/", 1)[-1]: v for s, v in status.items()}["menu.txt"] == "rejected"


def child_rows(db: str) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {table: sorted(conn.execute(f'SELECT article_key, "start", "end" FROM {table}').fetchall())
                for table in ("entities", "times", "quotes", "events")}


@pytest.mark.slow
def test_dask_workers_read_what_the_inline_path_reads(cluster, corpus, tmp_path, no_connect_if_absent):
    """With every reader (spaCy on each worker), the entities, times, quotes and events stored
    from the Dask workers are the ones the inline path stores."""

    def run(db: str, **options):
        settings = Settings(db=db, plain=True, progress=False, batch_size=2, **options)
        with Store(db) as store:
            job.ingest([str(corpus)], settings, store=store, on_rejection=lambda r: None)

    run(str(tmp_path / "inline.db"), workers=1)
    run(str(tmp_path / "dask.db"), workers=2, dask=cluster.scheduler_address)
    inline, on_dask = child_rows(str(tmp_path / "inline.db")), child_rows(str(tmp_path / "dask.db"))
    assert inline["entities"], "the readers found no entity at all: nothing was compared"
    assert on_dask == inline
