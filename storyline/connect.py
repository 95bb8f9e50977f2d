"""The connect step: stages that need the whole store (duplicates, stories, event identity).

Each connect stage is a function ``(conn, article_keys) -> None`` registered here by name.
After an ingest batch is committed, every stage runs on the batch's new articles plus any
article an interrupted run left unconnected; the ``connected`` table records what each stage
has seen, in the same transaction as the stage's own writes.
"""
from __future__ import annotations

import importlib
import logging
import sqlite3
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger(__name__)

ConnectFunc = Callable[[sqlite3.Connection, list[str]], object]


@dataclass(frozen=True)
class ConnectStage:
    name: str
    module: str  # imported on first use: heavy stages cost nothing to commands that skip them
    function: str

    def load(self) -> ConnectFunc | None:
        """The stage function, or None (with a warning) when its module is not installed."""
        try:
            return getattr(importlib.import_module(self.module), self.function)
        except ModuleNotFoundError as exc:
            if exc.name != self.module:
                raise
            log.warning("connect stage %s skipped: %s is not installed", self.name, self.module)
            return None


# In order: stories use the event identities and the duplicate marks.
CONNECT_STAGES = (
    ConnectStage("events", "storyline.story.events", "assign_event_ids"),
    ConnectStage("stories", "storyline.story.stories", "update_stories"),
)


def unconnected(conn: sqlite3.Connection, stage: str, limit: int = 10_000) -> list[str]:
    rows = conn.execute(
        "SELECT a.key FROM articles a LEFT JOIN connected c ON c.article_key = a.key AND c.stage = ? "
        "WHERE c.article_key IS NULL ORDER BY a.rowid LIMIT ?", (stage, limit)).fetchall()
    return [r[0] for r in rows]


def run_connect(conn: sqlite3.Connection, stages=CONNECT_STAGES) -> int:
    """Run every connect stage over the articles it has not seen yet; return how many."""
    total = 0
    for stage in stages:
        func = stage.load()
        while func is not None and (keys := unconnected(conn, stage.name)):
            with conn:
                func(conn, keys)
                conn.executemany("INSERT OR IGNORE INTO connected VALUES (?, ?)", [(k, stage.name) for k in keys])
            total += len(keys)
    return total
