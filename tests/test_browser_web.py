"""End-to-end tests in a real browser: Debian's Chromium driven by Playwright.

A server started here serves a hand-made store; the tests click stories -> story -> article ->
entity, check that the charts drew marks, that hostile page content never runs, and that the
static report works from disk. Screenshots go to docs/screenshots/. Without /usr/bin/chromium
(or Playwright) the tests skip and say why; no browser is ever downloaded.
"""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
VIEWPORT = {"width": 1200, "height": 900}
CHART_TIMEOUT_MS = 15_000
# Records any attempt to run script from page data: the payloads set window.__xss, a CSP
# violation means markup got through escaping, a dialog means an alert() ran.
WATCH_SCRIPT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the "
                "browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
uvicorn = pytest.importorskip("uvicorn")

from test_web_store import XSS_NAME, build_store, fake_stories_module, no_events_module  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The store, the fake story layer and a live server on a free port (module-wide)."""
    from storyline.web.app import create_app

    db = str(tmp_path_factory.mktemp("browser") / "b.db")
    built = build_store(db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(sys.modules, "storyline.story.stories", fake_stories_module(built["stories"]))
        mp.setitem(sys.modules, "storyline.story.events", no_events_module())
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.time() + 20
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        assert server.started, "the test server did not start"
        yield {"url": f"http://127.0.0.1:{port}", "db": db, "built": built}
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.add_init_script(WATCH_SCRIPT)
    tab.dialogs = []
    tab.errors = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _charts_drawn(page, expected: int) -> dict:
    """Wait until every chart has rendered; return the number of marks each one drew."""
    # Polled from Python: wait_for_function evaluates a string in the page, which the pages'
    # own Content-Security-Policy (no eval) rightly refuses.
    deadline = time.time() + CHART_TIMEOUT_MS / 1000
    while page.evaluate("document.querySelectorAll('.chart[data-rendered]').length") < expected:
        assert time.time() < deadline, "charts did not render in time"
        page.wait_for_timeout(100)
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.chart')].map(el => [
        el.dataset.chart + ':' + el.dataset.rendered,
        el.querySelectorAll('svg g.mark-symbol path, svg g.mark-rect path, svg g.mark-geoshape path,'
                            + ' svg g.mark-line path, svg g.mark-path path').length]))""")


def test_click_through_stories_story_article_entity(site, page):
    page.goto(site["url"] + "/")
    assert page.locator("h1").inner_text() == "Stories"
    assert page.locator("svg.spark").count() == 3 and page.locator("svg.spark rect").count() == 4
    _shot(page, "stories")

    page.get_by_role("link", name="Port Alden dock strike").click()
    page.wait_for_url("**/story/1")
    assert page.locator("h1").inner_text() == "Port Alden dock strike"
    marks = _charts_drawn(page, 4)
    assert set(marks) == {"timeline:true", "network:true", "map:true", "voices:true"}, marks
    assert all(n > 0 for n in marks.values()), marks
    assert "losses had reached 40 million crowns" in page.locator("#summary").inner_text()
    _shot(page, "story")

    page.locator("#articles").get_by_role("link", name="Dockworkers walk out in Port Alden").click()
    page.wait_for_url("**/article/**")
    text = page.locator(".article-text")
    assert "walked off the job" in text.inner_text()
    assert text.locator("a.entity").count() == 3 and text.locator(".time").count() == 1
    assert text.locator(".quote").count() >= 1 and text.locator(".event").count() >= 1
    _shot(page, "article")

    text.get_by_role("link", name="Mara Velez").first.click()
    page.wait_for_url("**/entity/**")
    assert page.locator("h1").inner_text() == "Mara Velez"
    assert "We will stay out until the contracts are honoured" in page.locator(".quotes").inner_text()
    _shot(page, "entity")
    assert page.errors == []


def test_raw_page_is_one_click_away_and_inert(site, page):
    key = site["built"]["keys"]["evil/page.html"]
    page.goto(f"{site['url']}/article/{key}")
    page.get_by_role("link", name="as received").click()
    page.wait_for_url("**/raw")
    assert '<body onload="window.__xss=7">' in page.locator("pre.raw").inner_text()
    page.goto(f"{site['url']}/article/{key}/raw.txt")
    assert page.evaluate("document.contentType") == "text/plain"
    assert page.evaluate("window.__xss") is None


def test_relations_chart_links_each_month_to_its_events(site, page):
    page.goto(site["url"] + "/relations")
    page.get_by_role("link", name="ALD → VES").click()
    page.wait_for_url("**/relations?a=ALD&b=VES")
    marks = _charts_drawn(page, 1)
    assert marks["relations:true"] >= 4  # two bars per month, plus the line and its points
    _shot(page, "relations")
    page.locator(".chart g.mark-rect path").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate("location.hash").startswith("#m-2024-")


def test_no_injected_script_runs_anywhere(site, page):
    key = site["built"]["keys"]["evil/page.html"]
    urls = ["/", "/story/3", f"/article/{key}", f"/article/{key}/raw", f"/entity/{quote(XSS_NAME, safe='')}",
            "/relations", f"/?q={quote('<script>')}"]
    for url in urls:
        page.goto(site["url"] + url)
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)  # hovering would fire any onmouseover that got through
        for link in page.locator("a").all()[:80]:
            link.hover(timeout=2000, trial=False) if link.is_visible() else None
        assert page.evaluate("window.__xss") is None, url
        assert page.evaluate("window.__csp") == [], url
        if url.startswith("/article/") and not url.endswith("/raw"):
            _shot(page, "untrusted-article")  # what a hostile page looks like: all of it as text
    assert page.dialogs == []
    page.goto(site["url"] + "/story/3")
    _charts_drawn(page, 3)
    assert page.evaluate("window.__xss") is None and page.evaluate("window.__csp") == []


def test_static_report_opens_from_disk_with_charts(site, page, tmp_path):
    from storyline.report.static import write_report
    from storyline.store.db import Store

    with Store(site["db"], readonly=True) as store:
        index = Path(write_report(store, str(tmp_path / "report")))
    page.goto(index.as_uri())
    page.get_by_role("link", name="Port Alden dock strike").click()
    marks = _charts_drawn(page, 4)
    assert all(n > 0 and key.endswith(":true") for key, n in marks.items()), marks
    _shot(page, "report-story")
    page.goto(index.as_uri())
    page.fill("#filter", "tessel")
    assert page.locator("tr.story-row:visible").count() == 1
    evil = next(p for p in (index.parent / "article").glob("*.html") if "Evil title" in p.read_text(encoding="utf-8"))
    page.goto(evil.as_uri())
    assert page.evaluate("window.__xss") is None and page.dialogs == []
