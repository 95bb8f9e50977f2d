"""Bad input gets one clear line naming the input and the reason; everything else is stored."""
from __future__ import annotations

import json

from storyline.cli.main import main
from storyline.store.db import Store

from conftest import BRIDGE_STORY, HARBOUR_STORY
from test_ingest_formats import ARTICLE_HTML, write_warc

TWO_HUNDRED_MB = 200 * 1024 * 1024


def make_bad_inputs(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(HARBOUR_STORY, encoding="utf-8")
    bad = {}
    bad["binary.txt"] = folder / "binary.txt"
    bad["binary.txt"].write_bytes(bytes(range(256)) * 64)
    bad["empty.txt"] = folder / "empty.txt"
    bad["empty.txt"].write_bytes(b"")
    bad["huge.txt"] = folder / "huge.txt"
    with open(bad["huge.txt"], "wb") as fh:  # sparse: costs no disk, but is 200 MB to the reader
        fh.truncate(TWO_HUNDRED_MB)
    bad["garbage.html"] = folder / "garbage.html"
    bad["garbage.html"].write_text("<html><<body <div class=>>< /p><<script>x</scr", encoding="utf-8")
    warc = folder / "cut.warc.gz"
    data = write_warc(warc, [("https://ledger.example/a", ARTICLE_HTML),
                             ("https://ledger.example/b", ARTICLE_HTML.replace("Tuesday", "Friday"))], gz=True)
    warc.write_bytes(data[: int(len(data) * 0.75)])
    bad["cut.warc.gz"] = warc
    lines = folder / "records.jsonl"
    lines.write_text(json.dumps({"id": "ok", "text": BRIDGE_STORY}) + "\n"
                     + "{this is not json\n" + json.dumps({"id": "nobody", "title": "no body"}) + "\n",
                     encoding="utf-8")
    return bad


def test_each_bad_input_is_named_once_with_its_reason_and_the_rest_is_stored(tmp_path, capsys):
    folder = tmp_path / "in"
    bad = make_bad_inputs(folder)
    db = str(tmp_path / "s.db")
    mixed_utf8 = folder / "mixed.txt"  # invalid UTF-8 (a cp1252 quote mark) is decoded, not lost
    mixed_utf8.write_bytes(
        b"Harbour council votes to close the old fish market\n\n"
        b"The harbour council of the fictional town of Lowmere voted on Monday to close the old fish market, "
        b"ending a trade that has run on the quay for more than a century. Traders packed the public gallery "
        b"and several of them shouted at councillors as the result was read out. "
        b"\x93Enough\x94, said the market's oldest trader, Ada Brennock, who has sold herring there since 1971.\n")
    code = main(["ingest", "--db", db, "--workers", "1", str(folder)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    expect = {"binary.txt": "E002", "empty.txt": "E001", "huge.txt": "E003", "garbage.html": "E011",
              "cut.warc.gz": "E007"}
    for name, code_ in expect.items():
        lines = [line for line in err if str(bad[name]) in line and code_ in line]
        assert len(lines) == 1, (name, err)
    assert sum("records.jsonl:2" in line and "E004" in line for line in err) == 1
    assert sum("records.jsonl:3" in line and "E005" in line for line in err) == 1
    with Store(db) as store:
        sources = {r[0] for r in store.conn.execute("SELECT source FROM articles")}
        mixed = store.conn.execute("SELECT text FROM articles WHERE source=?", (str(mixed_utf8),)).fetchone()
    assert str(folder / "good.txt") in sources and "ok" in sources
    assert any(s.startswith(str(bad["cut.warc.gz"])) for s in sources)  # the record before the cut is kept
    assert "\u201cEnough\u201d" in mixed[0]


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    try:
        main(["extract"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("argparse should refuse a missing INPUT")
