"""kill -9 in the middle of an ingest loses nothing, and a reader works while an ingest writes."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from storyline.store.db import Store

REPO = Path(__file__).resolve().parents[1]
N_PAGES = 40

# Fictional sentences used to build distinct pages of a realistic length.
TOWNS = ["Ardmore", "Belcastle", "Corrin", "Dunhale", "Eskby", "Farrow", "Glenmoor", "Harwick"]


def write_pages(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        body = (f"Council of {town} approves budget number {i}\n\n"
                f"The town council of {town} approved its budget number {i} on Monday after a long debate. "
                f"Councillor Ines Marlow said the plan would repair {i + 3} roads before winter. "
                "Opponents argued that the money should go to the harbour instead. " * 6)
        (folder / f"page{i:03d}.txt").write_text(body, encoding="utf-8")


def ingest_cmd(db: str, folder: Path) -> list[str]:
    return [sys.executable, "-m", "storyline", "ingest", "--db", db, "--workers", "1", "--batch-size", "1",
            str(folder)]


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def count(db: str, sql: str) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_mid_ingest_loses_nothing_and_the_same_command_finishes(tmp_path):
    folder = tmp_path / "pages"
    write_pages(folder, N_PAGES)
    db = str(tmp_path / "k.db")
    proc = subprocess.Popen(ingest_cmd(db, folder), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while count(db, "SELECT COUNT(*) FROM articles") < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = count(db, "SELECT COUNT(*) FROM articles")
    assert 3 <= done_before < N_PAGES, "the kill should land in the middle of the ingest"
    # no half-written article: every stored article has its page marked done, and vice versa
    assert count(db, "SELECT COUNT(*) FROM articles a JOIN raw_pages p ON p.sha256=a.raw_sha256 "
                     "WHERE p.status != 'done'") == 0
    assert count(db, "SELECT COUNT(*) FROM raw_pages WHERE status='done'") == done_before
    assert count(db, "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                     "(SELECT 1 FROM entities e WHERE e.article_key=a.key)") == 0
    rerun = subprocess.run(ingest_cmd(db, folder), env=env(), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert count(db, "SELECT COUNT(*) FROM articles") == N_PAGES
    assert count(db, "SELECT COUNT(DISTINCT source) FROM articles") == N_PAGES
    assert count(db, "SELECT COUNT(*) FROM raw_pages WHERE status!='done'") == 0


@pytest.mark.slow
def test_a_reader_reads_while_an_ingest_writes(tmp_path):
    folder = tmp_path / "pages"
    write_pages(folder, 24)
    db = str(tmp_path / "c.db")
    Store(db).close()  # the schema exists before the reader starts
    seen, errors = [], []
    stop = threading.Event()

    def reader():
        with Store(db, readonly=True) as store:
            while not stop.is_set():
                try:
                    seen.append(store.count("articles"))
                    store.search("budget")
                except sqlite3.Error as exc:  # pragma: no cover - the failure being tested for
                    errors.append(exc)
                time.sleep(0.01)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        result = subprocess.run(ingest_cmd(db, folder), env=env(), capture_output=True, text=True, timeout=600)
    finally:
        stop.set()
        thread.join()
    assert result.returncode == 0, result.stderr
    assert errors == []
    assert seen == sorted(seen), "a reader sees articles only ever being added"
    assert seen[0] < 24 and max(seen) <= 24 and len(set(seen)) > 2  # it saw the ingest in progress
