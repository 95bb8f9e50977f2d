"""The static report: the same pages as files with relative links, opening from disk."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from storyline.report.static import write_report
from storyline.store.db import Store

from test_web_app import audit
from test_web_store import XSS, web_store  # noqa: F401  (fixture)


@pytest.fixture
def report(web_store, tmp_path):  # noqa: F811
    path, built = web_store
    with Store(path, readonly=True) as store:
        index = write_report(store, str(tmp_path / "out"))
    return Path(index), built


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_report_writes_every_page_and_its_json(report):
    index, built = report
    root = index.parent
    assert index.name == "index.html" and index.exists()
    names = {p.relative_to(root).parts[0] for p in _pages(root)}
    assert names >= {"index.html", "story", "article", "entity", "relations", "raw"}
    assert len(list((root / "story").glob("*.html"))) == 3
    assert len(list((root / "article").glob("*.html"))) == len(built["keys"])
    assert (root / "static" / "vendor" / "vega-lite.min.js").exists()
    assert (root / "static" / "vendor" / "LICENSES").exists()
    data = json.loads(index.with_suffix(".json").read_text(encoding="utf-8"))
    assert [s["title"] for s in data["stories"]][:2] == ["Port Alden dock strike", "Tessel bridge opens"]
    for page in _pages(root):
        assert page.with_suffix(".json").exists(), page


def test_every_link_in_the_report_is_relative_and_resolves(report):
    index, _ = report
    root = index.parent
    checked = 0
    for page in _pages(root):
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"]*)"', html):
            parts = urlsplit(target.replace("&amp;", "&"))
            if parts.scheme in ("http", "https") or target.startswith("#"):
                continue
            assert not target.startswith("/"), (page, target)  # opens from disk: no absolute paths
            resolved = (page.parent / unquote(parts.path)).resolve()
            assert resolved.is_file(), (page, target)
            assert root.resolve() in resolved.parents
            checked += 1
    assert checked > 100


def test_report_pages_carry_no_executable_markup(report):
    index, built = report
    root = index.parent
    for page in _pages(root):
        assert audit(page.read_text(encoding="utf-8")) == [], page
    evil = next((root / "article").glob("script-window-xss-1-script-Evil*"), None) or \
        next(p for p in (root / "article").glob("*.html") if "Evil title" in p.read_text(encoding="utf-8"))
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;Evil title" in evil.read_text(encoding="utf-8")
    raw = next(root.joinpath("raw").glob("*.txt"))
    assert raw.suffix == ".txt"  # raw pages are written as .txt, never as live .html


def test_file_names_never_come_from_page_data(report):
    index, _ = report
    for path in index.parent.rglob("*"):
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", path.name), path
        assert XSS not in str(path)


def test_report_of_an_empty_store_says_what_to_do(tmp_path):
    Store(str(tmp_path / "e.db")).close()
    with Store(str(tmp_path / "e.db"), readonly=True) as store:
        index = write_report(store, str(tmp_path / "r"))
    assert "storyline ingest PAGES" in Path(index).read_text(encoding="utf-8")


def test_cli_report_and_serve_help(web_store, tmp_path, capsys):  # noqa: F811
    from storyline.cli.main import main

    path, _ = web_store
    assert main(["report", "--db", path, "--out", str(tmp_path / "cli")]) == 0
    assert (tmp_path / "cli" / "index.html").exists()
    assert "report written to" in capsys.readouterr().err
    assert main(["report", "--db", str(tmp_path / "missing.db"), "--out", str(tmp_path / "x")]) == 2
    assert "storyline ingest" in capsys.readouterr().err
    for command in ("serve", "report"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "example" in out and f"storyline {command}" in out
