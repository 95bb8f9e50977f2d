"""The clean step: plain text and HTML pages to clean articles with their metadata.

Every page here is written for these tests (fictional towns, people and outlets), in the mess
real scraped pages come in: duplicated titles and captions, widget lines, teasers, a date
header, two stories glued together.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.model import RawPage
from storyline.pipeline import Context, pages_to_articles, process_articles

# ---------------------------------------------------------------- fictional material
HARBOUR = [
    "The port authority of Velmora confirmed on Tuesday that the old harbour bridge will close "
    "for repairs after engineers found cracks in two of its supporting piers during an inspection.",
    "Mayor Ilse Brandvik told reporters that the closure would last at least four months and that "
    "ferries would run every twenty minutes between the two banks while the work went on.",
    "Shop owners on the eastern quay said they feared a drop in visitors during the summer season, "
    "when cruise ships usually bring thousands of day trippers to the market streets.",
    "The authority said the repairs would cost about 12 million crowns, most of it paid from a "
    "regional fund set up after the floods that damaged the coast three years ago.",
    "Engineers will first drain the area around the damaged piers, then replace the steel "
    "supports one by one so that the deck does not have to be lifted from its bearings.",
    "A spokesman for the regional government said the bridge had been checked every year and that "
    "the cracks had appeared only after an unusually cold winter with long periods of frost.",
    "Residents of the northern districts, who use the bridge to reach the hospital, asked for a "
    "free shuttle bus, and the council promised to discuss the request at its next meeting.",
]
ORCHARD = [
    "Farmers in the Tallow valley have begun picking the earliest apple harvest anyone in the "
    "region can remember, after a warm spring pushed the blossom forward by almost three weeks.",
    "The cooperative that buys most of the valley's fruit said it had hired forty extra pickers "
    "and opened its cold stores a month ahead of the usual calendar to cope with the crop.",
    "Growers said the fruit was smaller than usual but sweeter, and that prices at the first "
    "auctions had been higher than last year because buyers wanted to secure early supplies.",
    "An agronomist at the valley's research station warned that early harvests could become the "
    "norm and that orchards might need new varieties that flower later in the season.",
    "Some older farmers said they were worried about late frosts, which could ruin a whole year "
    "of work in a single night if the trees blossom too early in the spring.",
    "The cooperative plans to sell part of the crop as juice and cider, which keep longer than "
    "fresh fruit and can be shipped to markets further away without losing quality.",
    "Local schools will close for two days next month so that families can help with the picking, "
    "a tradition that the valley has kept since the cooperative was founded in the fifties.",
]


def run(pages: list[RawPage], **settings) -> tuple[list, Context]:
    ctx = Context(settings=Settings(readers=(), **settings))
    return process_articles(pages_to_articles(pages), ctx), ctx


def text_page(content: str, **kw) -> RawPage:
    return RawPage(source=kw.pop("source", "page.txt"), kind="text", content=content, **kw)


def html_page(content: str, **kw) -> RawPage:
    return RawPage(source=kw.pop("source", "page.html"), kind="html", content=content, **kw)


# ---------------------------------------------------------------- --plain
def test_plain_keeps_text_exactly_and_takes_the_settings_date():
    raw = "  Line one of a clean article.\n\nLine two, with trailing spaces.   \n"
    arts, _ = run([text_page(raw)], plain=True, date="2024-05-02")
    assert len(arts) == 1
    assert arts[0].text == raw
    assert arts[0].date == "2024-05-02"


def test_plain_record_date_wins_over_settings():
    arts, _ = run([text_page("Some clean text.", date="2023-01-09", plain=True)], date="2024-05-02")
    assert arts[0].date == "2023-01-09" and arts[0].date_source == "record"


# ---------------------------------------------------------------- plain text pages
def scraped_page() -> str:
    title = "Velmora Closes Its Old Harbour Bridge for Four Months"
    caption = ("Workers inspect a damaged pier under the old harbour bridge in Velmora, "
               "3 March 2025. (Photo: Velmora Port Authority / Handout)")
    return "\n".join([title, "", caption, caption, "TT", "20", "", title, "", caption, caption, ""]
                     + [p + "\n" for p in HARBOUR]
                     + ["Share this article", "Subscribe to our newsletter", "Follow us on social networks"])


def test_plain_text_drops_repeated_title_captions_and_widgets():
    arts, ctx = run([text_page(scraped_page())])
    assert len(arts) == 1, ctx.rejections
    a = arts[0]
    assert a.title == "Velmora Closes Its Old Harbour Bridge for Four Months"
    lines = a.text.split("\n")
    assert lines[0].startswith("The port authority of Velmora")
    assert lines[-1].startswith("Residents of the northern districts")
    assert "Photo:" not in a.text and "TT" not in lines and "20" not in lines
    assert "newsletter" not in a.text
    assert a.text.count("The port authority") == 1
    # the dated caption gives the date when neither record nor page has one
    assert a.date == "2025-03-03" and a.date_source == "text"


def test_two_glued_articles_become_two_with_their_own_titles():
    first = "Velmora Closes Its Old Harbour Bridge for Four Months"
    second = "Tallow Valley Starts the Earliest Apple Harvest on Record"
    cap1 = "A view of the harbour bridge in Velmora on a foggy morning. (Photo: Handout)"
    cap2 = "Pickers carry crates of apples in an orchard of the Tallow valley. (Photo: Handout)"
    page = "\n".join([first, cap1, cap1, "TT", first, ""] + HARBOUR + ["", "", "", second, cap2, cap2,
                     "TT", second, ""] + ORCHARD + ["The Valley Courier"])
    arts, _ = run([text_page(page)])
    assert [a.index for a in arts] == [0, 1]
    assert arts[0].title == first and arts[1].title == second
    assert "Tallow" not in arts[0].text and "Velmora" not in arts[1].text
    assert arts[1].text.split("\n")[-1].startswith("Local schools will close")


def test_teasers_after_the_article_are_dropped():
    teaser = [
        "Council votes to rename the central square",
        "Top photo credit: the central square of Velmora at night.",
        "Council votes to rename the central square",
        "The town council voted on Monday to give the central square the name of a poet who "
        "lived in the old quarter for most of her life and wrote about its fishermen.",
        "keep readingShow less",
        "Lighthouse keepers return to Orren Point",
        "For the first time in thirty years, a family will live at the lighthouse on Orren Point "
        "after the coast guard decided to staff it again during the winter storms.",
        "keep readingShow less",
        "Newsletter",
    ]
    page = "\n\n".join(["Velmora Closes Its Old Harbour Bridge for Four Months"] + HARBOUR + teaser)
    arts, _ = run([text_page(page)])
    assert len(arts) == 1
    assert "poet" not in arts[0].text and "lighthouse" not in arts[0].text
    assert arts[0].text.split("\n")[-1].startswith("Residents of the northern districts")


def test_date_header_gives_the_date_and_leaves_the_text():
    page = " date 2023-11-08 " + "\n\n".join(ORCHARD)
    arts, _ = run([text_page(page)])
    assert arts[0].date == "2023-11-08" and arts[0].date_source == "page"
    assert "date 2023" not in arts[0].text
    assert arts[0].text.startswith("Farmers in the Tallow valley")


def test_record_date_wins_over_the_page():
    page = " date 2023-11-08 " + "\n\n".join(ORCHARD)
    arts, _ = run([text_page(page, date="2023-11-10")])
    assert arts[0].date == "2023-11-10" and arts[0].date_source == "record"


def test_line_in_another_language_is_dropped():
    foreign = "Die Bürgermeisterin sagte am Dienstag, dass die Brücke wegen der Reparaturen für vier Monate geschlossen bleibt."
    page = "\n\n".join(HARBOUR + [foreign, "Follow us"])
    arts, _ = run([text_page(page)])
    assert "Bürgermeisterin" not in arts[0].text
    assert arts[0].language == "en"


def test_wire_credit_names_the_outlet():
    body = list(HARBOUR)
    body[1] = body[1].replace("told reporters", "told AFP")
    arts, _ = run([text_page("\n\n".join(body))])
    assert arts[0].outlet == "AFP"


def test_page_without_article_is_rejected_with_a_reason():
    page = "Home\nNews\nSport\nLog in\nSubscribe\nPage not found\nTry the search box."
    arts, ctx = run([text_page(page, source="missing.txt")])
    assert arts == []
    assert [(r.source, r.code) for r in ctx.rejections] == [("missing.txt", "E011")]
    assert ctx.rejections[0].detail


# ---------------------------------------------------------------- HTML pages
def article_html(paragraphs: list[str], extra_head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head>
<title>Velmora closes its old harbour bridge | The Velmora Gazette</title>
<meta property="og:title" content="Velmora closes its old harbour bridge">
<meta property="og:site_name" content="The Velmora Gazette">
<meta name="author" content="Mira Castell">
<meta property="article:published_time" content="2025-03-04T08:30:00+01:00">
{extra_head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Velmora closes its old harbour bridge</h1>
<div class="byline">By Mira Castell</div><time>March 4, 2025</time>
{body}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council renames the square</a></li>
<li><a href="/b">Lighthouse keepers return</a></li></ul></aside>
<footer><p>© 2025 The Velmora Gazette. All rights reserved.</p><p><a href="/privacy">Privacy</a></p></footer>
</body></html>"""


def test_html_article_text_and_metadata():
    arts, ctx = run([html_page(article_html(HARBOUR), url="https://www.velmora-gazette.example/news/bridge")])
    assert len(arts) == 1, ctx.rejections
    a = arts[0]
    assert a.text.split("\n")[0].startswith("The port authority of Velmora")
    assert a.text.count("\n") == len(HARBOUR) - 1  # paragraph breaks kept
    assert "Most read" not in a.text and "rights reserved" not in a.text
    assert a.title == "Velmora closes its old harbour bridge"
    assert a.outlet == "The Velmora Gazette" and a.author == "Mira Castell"
    assert a.date == "2025-03-04" and a.date_source == "page"
    assert a.url == "https://www.velmora-gazette.example/news/bridge"


def test_html_record_date_wins():
    arts, _ = run([html_page(article_html(HARBOUR), date="2025-03-09")])
    assert arts[0].date == "2025-03-09" and arts[0].date_source == "record"


def test_broken_markup_still_gives_the_article():
    broken = article_html(HARBOUR).replace("</p>", "").replace("</article>", "<div><span>")[:-20]
    arts, _ = run([html_page(broken)])
    assert len(arts) == 1
    assert "cracks in two of its supporting piers" in arts[0].text


def test_404_and_login_wall_give_no_article():
    notfound = "<html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, this page does not exist.</p></body></html>"
    wall = ("<html><body><h1>Subscribe to continue reading</h1><form><input name='email'>"
            "<button>Log in</button></form><p>Already a member? Sign in.</p></body></html>")
    arts, ctx = run([html_page(notfound, source="404.html"), html_page(wall, source="wall.html")])
    assert arts == []
    assert sorted(r.source for r in ctx.rejections) == ["404.html", "wall.html"]
    assert all(r.code == "E011" and r.detail for r in ctx.rejections)


def test_ten_megabyte_page_works():
    junk = "<script>var data = '" + "x" * 4_000_000 + "';</script>"
    filler = "<div class='comments'>" + "<p>Nice post, thanks!</p>" * 250_000 + "</div>"
    page = article_html(HARBOUR, extra_head=junk).replace("</article>", "</article>" + filler)
    assert len(page) > 10_000_000
    t = time.perf_counter()
    arts, ctx = run([html_page(page)])
    assert time.perf_counter() - t < 60
    assert len(arts) == 1, ctx.rejections
    assert "cracks in two of its supporting piers" in arts[0].text


# ---------------------------------------------------------------- the seed pages, when present
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed pages not available")
def test_seed_pages_split_and_date():
    pages = [text_page(p.read_text(encoding="utf-8"), source=p.name) for p in sorted(SEEDS.glob("*.txt"))]
    arts, _ = run(pages)
    by = {}
    for a in arts:
        by.setdefault(a.source[:3], []).append(a)
    assert len(by["000"]) == 2 and by["000"][0].title != by["000"][1].title
    assert by["004"][0].date == "2023-11-08"
    assert len(by["002"]) >= 1 and "keep reading" not in by["002"][0].text


def test_long_plain_text_page_is_processed_in_linear_time():
    body = "\n".join(f"{HARBOUR[i % len(HARBOUR)]} (part {i})" for i in range(20_000))
    t = time.perf_counter()
    arts, _ = run([text_page(body)])
    assert time.perf_counter() - t < 45
    assert len(arts) == 1 and arts[0].text.count("\n") > 19_000
