"""``storyline report``: the web app's pages as static files that open from disk, no server.

The same views and templates as ``storyline serve``, rendered with relative links
(``story/NAME.html``, ``article/NAME.html``, ...) and with the vendored chart library copied
into ``static/``, so the folder can be zipped, mailed or opened offline. Each page has its JSON
twin beside it (``NAME.json``), like the server's ``.json`` URLs. File names come from
:func:`storyline.web.render.slug`: no page data ever becomes a path.
"""
from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from ..web import pairs, queries
from ..web.render import STATIC_DIR, ReportLinks, render, slug, to_json

log = logging.getLogger(__name__)


def write_report(store, out_dir: str) -> str:
    """Write the report for ``store`` (a :class:`storyline.store.db.Store`) into ``out_dir``;
    return the path of its ``index.html``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STATIC_DIR, out / "static", dirs_exist_ok=True)
    writer = _Writer(out)
    conn = store.conn
    stories = queries.load_stories(conn)
    home = queries.stories_page(conn)
    writer.page("index.html", "stories.html", home, "Stories", filterable=True)
    for story in stories or []:
        data = queries.story_page(conn, str(story.get("id")))
        if data is not None:
            writer.page(f"story/{slug(str(story.get('id')))}.html", "story.html", data,
                        data["story"].get("title") or "Story")
    for (key,) in conn.execute("SELECT key FROM articles ORDER BY rowid"):
        _write_article(writer, conn, key, stories)
    for name in queries.entity_names(conn):
        data = queries.entity_page(conn, name)
        if data is not None:
            writer.page(f"entity/{slug(name)}.html", "entity.html", data, name)
    index = pairs.pairs_page(conn)
    writer.page("relations/index.html", "pairs.html", index, "Relations", filterable=True)
    written: set = set()
    for pair in index["pairs"]:
        for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):  # both directions are linked
            if (a, b) in written:
                continue
            written.add((a, b))
            writer.page(f"relations/{slug(a + '--' + b)}.html", "relations.html",
                        pairs.relations_page(conn, a, b), f"{a} and {b}")
    log.info("report: %d pages in %s", writer.count, out)
    return str(out / "index.html")


def _write_article(writer: "_Writer", conn, key: str, stories) -> None:
    data = queries.article_page(conn, key, stories)
    if data is None:
        return
    writer.page(f"article/{slug(key)}.html", "article.html", data, data["article"].get("title") or "Article")
    raw = queries.raw_page(conn, key)
    if raw is not None:
        (writer.out / "raw").mkdir(exist_ok=True)
        (writer.out / "raw" / f"{slug(key)}.txt").write_bytes(raw["bytes"])
        view = {k: v for k, v in raw.items() if k != "bytes"}
        writer.page(f"raw/{slug(key)}.html", "raw.html", view, "Raw page")


class _Writer:
    """Renders one page (and its JSON twin) to a path relative to the report folder."""

    def __init__(self, out: Path):
        self.out = out
        self.count = 0

    def page(self, rel: str, template: str, data: dict, title: str, filterable: bool = False) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        links = ReportLinks("../" * rel.count("/"))
        json_name = Path(rel).with_suffix(".json").name
        html = render(template, links, title=title, json_url=json_name, filterable=filterable, **data)
        path.write_text(html, encoding="utf-8")
        path.with_suffix(".json").write_text(json.dumps(json.loads(to_json(data)), indent=1, ensure_ascii=False),
                                             encoding="utf-8")
        self.count += 1
