"""Sections of the body that trafilatura would drop for their markup, not their text: a
section whose id spells its heading (``html.drop_heading_ids``; trafilatura discards an
element whose id holds "menu", "share", "related" and the like) and a FAQ's closed accordion
(``html.open_accordions``). All text here is written for these tests.
"""
from __future__ import annotations

from lxml import etree

from storyline.clean import html
from storyline.clean.stage import clean_html
from storyline.model import Article, RawPage
from storyline.pipeline import Context

PARAS = [
    "The harbour market in Lindqvist reopened its covered hall this spring after a winter of "
    "repairs, and the stallholders say the first weekends were the busiest they can remember.",
    "Fishmongers moved back to the north side of the hall, where the new drains carry the "
    "melted ice away, and the bakers took the sunny corner by the old weighing house.",
    "The council kept the Saturday opening hours but added a Thursday evening market from "
    "June until the end of August, with music on the quay when the weather allows it.",
    "Traders who sell hot food must now use the shared kitchen at the back of the hall, which "
    "the fire service inspected twice before it signed off the new extraction fans.",
]
MENU_PARAS = [
    "Most stalls now print a short seasonal menu on a chalk board, so that regular customers "
    "can see at a glance which of the smoked fish and pickled herring will run out first.",
    "The soup kitchen by the east door changes its menu every morning and posts it on the "
    "market's notice board, with a note of the farms its vegetables came from that week.",
]


def section(sid: str, heading: str, paras: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<div class='part' id='{sid}'><h2>{heading}</h2>{body}</div>"


def page_html(menu_id: str) -> str:
    return ("<html><head><title>Harbour market reopens</title></head><body>"
            "<nav><ul><li>Home</li><li>Food</li></ul></nav><article>"
            + section("the-hall-after-the-winter-repairs", "The hall after the winter repairs", PARAS[:2])
            + section(menu_id, "Menu boards and morning specials at the stalls", MENU_PARAS)
            + section("new-rules-for-hot-food-traders", "New rules for hot food traders", PARAS[2:])
            + "</article><footer><p>Contact the market office</p></footer></body></html>")


def test_an_id_spelling_its_heading_is_removed_and_others_stay():
    tree = etree.HTML(page_html("menu-boards-and-morning-specials"))
    html.drop_heading_ids(tree)
    assert tree.xpath("//*[@id]") == []  # every section's id spelt (the start of) its heading
    tree = etree.HTML("<html><body><div id='main-menu-wrapper-box'><h2>Sections</h2></div>"
                      "<div id='about-the-author'><h3>About the author</h3></div>"
                      "<div id='all-the-news-hdr'><h3>All the news here</h3></div></body></html>")
    html.drop_heading_ids(tree)
    # not its heading's words / too few words (a kind of box) / more than the heading
    assert [e.get("id") for e in tree.xpath("//*[@id]")] == [
        "main-menu-wrapper-box", "about-the-author", "all-the-news-hdr"]


def test_a_section_whose_heading_id_holds_menu_is_kept_in_the_article():
    raw = page_html("menu-boards-and-morning-specials-at-the-stalls")
    arts, why = clean_html(Article(source="t", page=RawPage(source="t", kind="html", content=raw)), Context())
    assert why == "" and len(arts) == 1
    text = arts[0].text
    assert MENU_PARAS[0][:60] in text and MENU_PARAS[1][:60] in text
    assert PARAS[0][:60] in text and PARAS[3][:60] in text


QUESTIONS = [("Can visitors bring their own bags?",
              "Yes, and the stallholders ask for it: paper bags ran short twice last summer, and "
              "the market office now sells cloth ones by the entrance next to the weighing house."),
             ("Is there parking near the hall?",
              "The quay car park has two hundred spaces and is free after six in the evening, but on "
              "Saturdays it fills before nine, so the council advises coming by the harbour ferry.")]


def accordion_page(in_heading: bool) -> str:
    items = ""
    for n, (q, a) in enumerate(QUESTIONS):
        button = f"<button aria-controls='faq-{n}' aria-expanded='false'>{q}</button>"
        head = f"<h3>{button}</h3>" if in_heading else button
        items += f"{head}<div id='faq-{n}' class='faq-panel hidden' aria-hidden='true'><p>{a}</p></div>"
    return ("<html><head><title>Harbour market reopens</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in PARAS) + "<h2>Questions from readers</h2>" + items
            + "</article></body></html>")


def test_an_accordion_panel_and_its_question_are_opened_but_not_a_menu_button():
    tree = etree.HTML(accordion_page(in_heading=True))
    html.open_accordions(tree)
    assert tree.xpath("//button") == []
    panel = tree.xpath("//*[@id='faq-0']")[0]
    assert panel.get("class") == "faq-panel" and panel.get("aria-hidden") is None
    tree = etree.HTML(accordion_page(in_heading=False))  # a button with no heading: left alone
    html.open_accordions(tree)
    assert len(tree.xpath("//button")) == 2 and tree.xpath("//*[@id='faq-1']")[0].get("aria-hidden") == "true"


def test_a_faq_accordion_is_kept_in_the_article():
    raw = accordion_page(in_heading=True)
    arts, why = clean_html(Article(source="t", page=RawPage(source="t", kind="html", content=raw)), Context())
    assert why == "" and len(arts) == 1
    for question, answer in QUESTIONS:
        assert answer[:50] in arts[0].text
