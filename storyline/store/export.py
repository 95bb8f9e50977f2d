"""``storyline export``: every table of the store as Parquet, CSV or JSON Lines.

Raw page bytes are exported as base64 text in CSV and JSON Lines (Parquet keeps them binary).
"""
from __future__ import annotations

import base64
import csv
import json
import os
import sqlite3
from pathlib import Path
from typing import IO, Iterator

from .db import Store

# Rows fetched per round trip: keeps memory flat on large stores.
FETCH_ROWS = 5000


def export_tables(store: Store, fmt: str, tables: list[str] | None, out_dir: str | None,
                  stdout: IO[str]) -> list[str]:
    names = tables or store.tables()
    unknown = sorted(set(names) - set(store.tables()))
    if unknown:
        raise ValueError(f"no such table: {', '.join(unknown)} (tables: {', '.join(store.tables())})")
    if out_dir is None and fmt == "parquet":
        raise ValueError("--format parquet writes files: give --out DIR")
    if out_dir is None and fmt == "csv" and len(names) > 1:
        raise ValueError("CSV to stdout takes one --table; give --out DIR for all tables")
    written = []
    for name in names:
        if out_dir is None:
            write_table(store.conn, name, fmt, stdout)
            continue
        os.makedirs(out_dir, exist_ok=True)
        path = Path(out_dir) / f"{name}.{fmt}"
        if fmt == "parquet":
            write_parquet(store.conn, name, path)
        else:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                write_table(store.conn, name, fmt, fh)
        written.append(str(path))
    return written


def rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple]]:
    cursor = conn.execute(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]

    def gen():
        while batch := cursor.fetchmany(FETCH_ROWS):
            for row in batch:
                yield tuple(row)

    return columns, gen()


def _text_safe(value):
    return base64.b64encode(value).decode("ascii") if isinstance(value, (bytes, memoryview)) else value


def write_table(conn: sqlite3.Connection, table: str, fmt: str, out: IO[str]) -> None:
    columns, data = rows(conn, table)
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in data:
            writer.writerow([_text_safe(v) for v in row])
    else:
        for row in data:
            record = {"_table": table, **{c: _text_safe(v) for c, v in zip(columns, row)}}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def arrow_schema(conn: sqlite3.Connection, table: str):
    """The Parquet schema from the table's declared SQLite types (so empty or all-null
    columns keep their type)."""
    import pyarrow as pa

    kinds = {"INTEGER": pa.int64(), "REAL": pa.float64(), "BLOB": pa.binary()}
    fields = [(row[1], kinds.get((row[2] or "").upper(), pa.string()))
              for row in conn.execute(f'PRAGMA table_info("{table}")')]
    return pa.schema(fields)


def write_parquet(conn: sqlite3.Connection, table: str, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(conn, table)
    columns, data = rows(conn, table)
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[tuple] = []
        for row in data:
            batch.append(row)
            if len(batch) >= FETCH_ROWS:
                writer.write_table(_arrow_batch(pa, schema, columns, batch))
                batch = []
        writer.write_table(_arrow_batch(pa, schema, columns, batch))


def _arrow_batch(pa, schema, columns: list[str], batch: list[tuple]):
    arrays = [pa.array([r[i] for r in batch], type=schema.field(c).type) for i, c in enumerate(columns)]
    return pa.Table.from_arrays(arrays, schema=schema)
