"""The store round-trips articles, and every table exports as Parquet, CSV and JSON Lines."""
from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings as hsettings, strategies as st

from storyline.cli.main import main
from storyline.ingest.job import ingest
from storyline.model import Article, Entity, Event, Quote, RawPage, TimeMention
from storyline.store.db import Store


def test_every_table_exports_in_every_format(tmp_path, fast_settings, pages_dir, capsys):
    ingest([str(pages_dir)], fast_settings)
    out = tmp_path / "dump"
    assert main(["export", "--db", fast_settings.db, "--format", "parquet", "--out", str(out)]) == 0
    assert main(["export", "--db", fast_settings.db, "--format", "csv", "--out", str(out)]) == 0
    import pyarrow.parquet as pq

    articles = pq.read_table(out / "articles.parquet").to_pylist()
    assert sorted(a["source"].rsplit("/", 1)[-1] for a in articles) == ["bridge.txt", "harbour.txt"]
    raw = pq.read_table(out / "raw_pages.parquet").to_pylist()
    assert any(r["content"] == (pages_dir / "harbour.txt").read_bytes() for r in raw)
    assert pq.read_table(out / "quotes.parquet").num_rows == 0  # empty tables keep their columns
    assert "speaker" in pq.read_table(out / "quotes.parquet").column_names
    rows = list(csv.DictReader(open(out / "articles.csv", encoding="utf-8")))
    assert len(rows) == 2 and "Mara Velez" in "".join(r["text"] for r in rows)
    capsys.readouterr()
    assert main(["export", "--db", fast_settings.db, "--format", "jsonl", "--table", "articles"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["_table"] for line in lines] == ["articles", "articles"]
    assert main(["export", "--db", fast_settings.db, "--format", "jsonl", "--table", "nope"]) == 2


def test_article_with_all_its_readings_round_trips_through_the_store(tmp_path):
    text = "Mara Velez said on Tuesday that the dockers would strike."
    page = RawPage(source="p", kind="text", content=text, raw=text.encode())
    article = Article(source="p", text=text, date="2024-04-02", raw_sha256=page.sha256,
                      entities=[Entity(0, 10, "Mara Velez", "PERSON", "Mara Velez", code=None)],
                      times=[TimeMention(19, 26, "Tuesday", "DATE", "2024-04-02")],
                      quotes=[Quote(35, 57, "the dockers would strike", "Mara Velez", 0, 10, False, "said")],
                      events=[Event(0, 58, "Mara Velez", None, "strike", "PROTEST", None, None, "2024-04-02",
                                    None, -6.5, negated=False, modality="plan")])
    with Store(str(tmp_path / "r.db")) as store:
        store.add_raw_pages([page])
        assert store.save_results([page.sha256], [article], []) == [article.key]
        back = store.article(article.key)
        assert store.save_results([page.sha256], [article], []) == []  # stored once
    assert back.to_dict() == article.to_dict()


@hsettings(max_examples=50, deadline=None)
@given(text=st.text(min_size=1), title=st.one_of(st.none(), st.text()), index=st.integers(0, 50))
def test_article_dicts_round_trip(text, title, index):
    article = Article(source="s", index=index, text=text, title=title,
                      times=[TimeMention(0, 1, text[:1], "DATE", "2024")])
    assert Article.from_dict(article.to_dict()) == article


def test_raw_bytes_are_kept_even_when_not_utf8(tmp_path):
    data = "Caf\u00e9 owners on the quay said they had never been busier. ".encode("latin-1") * 3
    page = RawPage(source="l", kind="text", content=data.decode("latin-1"), raw=data)
    with Store(str(tmp_path / "b.db")) as store:
        store.add_raw_pages([page])
        assert bytes(store.raw_page(page.sha256)["content"]) == data


def test_csv_to_stdout_needs_one_table(fast_settings, pages_dir, capsys):
    ingest([str(pages_dir)], fast_settings)
    assert main(["export", "--db", fast_settings.db, "--format", "csv"]) == 2
    assert main(["export", "--db", fast_settings.db, "--format", "csv", "--table", "articles"]) == 0
    out = capsys.readouterr().out
    assert next(csv.reader(io.StringIO(out)))[:3] == ["key", "raw_sha256", "source"]
