"""Lines trafilatura leaves out between its own lines (``html.fill_gaps``): a list, a
subheading or a quote inside the body comes back; a caption, a linked box or a paragraph
does not. All text here is written for these tests.
"""
from __future__ import annotations

import pytest
from lxml import etree

from storyline.clean import html

P1 = ("The river authority in Vellmar opened the new flood gates on Tuesday after three years of "
      "building work, saying the town centre would now stay dry in all but the worst storms of a century.")
P2 = ("Engineers said the gates could be closed in under twenty minutes, and that the control room "
      "would be staffed around the clock from the first autumn rains until the end of the spring thaw.")
P3 = ("Residents who lost homes in the last flood said they would believe the promises only after "
      "a wet winter, though most welcomed the end of the roadworks that had closed the bridge for months.")


def page(middle: str, before: str = "", after: str = "") -> etree._Element:
    return etree.HTML(f"<html><body><nav><ul><li>Home</li><li>Weather</li></ul></nav>"
                      f"<div class='story'>{before}<p>{P1}</p>{middle}<p>{P2}</p>{after}<p>{P3}</p></div>"
                      f"<footer><p>Contact us</p></footer></body></html>")


def traf(*lines: str) -> list[tuple[str, str, float]]:
    return [(t, "p", 0.0) for t in lines]


def added(tree, found) -> list[tuple[str, str, float]]:
    return [line for line in html.fill_gaps(found, tree) if line not in found]


def test_a_list_and_a_heading_between_two_paragraphs_come_back_in_place():
    tree = page("<h2>What the gates change</h2><ul><li>Two new pumping stations</li>"
                "<li>A raised <b>walkway</b> along the quay</li></ul>")
    found = traf(P1, P2, P3)
    out = html.fill_gaps(found, tree)
    assert out == [found[0], ("What the gates change", "head", 0.0), ("Two new pumping stations", "item", 0.0),
                   ("A raised walkway along the quay", "item", 0.0), found[1], found[2]]


def test_a_quote_between_paragraphs_comes_back():
    tree = page("<blockquote>We built it for our grandchildren</blockquote>")
    assert added(tree, traf(P1, P2, P3)) == [("We built it for our grandchildren", "quote", 0.0)]


def test_linked_items_captions_and_plain_paragraphs_do_not():
    tree = page("<ul><li><a href='/a'>Storm warning for the coast</a></li>"
                "<li><a href='/b'>Bridge reopens after repairs</a></li></ul>"
                "<figure><figcaption>The gates seen from the quay</figcaption></figure>"
                "<p>Advertisement</p>")
    assert added(tree, traf(P1, P2, P3)) == []


def test_a_list_in_another_box_of_the_page_does_not_come_back():
    tree = page("<div class='related'><h3>More on the river</h3><p>Picked by our editors</p>"
                "<ul><li>Fish return upstream</li></ul></div>")
    assert added(tree, traf(P1, P2, P3)) == []


def test_nothing_is_added_above_the_body_or_when_trafilatura_has_the_line():
    # above the first long paragraph: a standfirst and a dateline trafilatura left out
    tree = page("<ul><li>Two new pumping stations</li></ul>",
                before="<h2>The town stays dry</h2><ul><li>Published on a rainy Tuesday</li></ul><p>Vellmar</p>")
    found = traf("Vellmar", P1, "Two new pumping stations", P2, P3)
    assert html.fill_gaps(found, tree) == found


def test_a_far_gap_or_a_page_without_a_long_paragraph_is_left_alone():
    items = "".join(f"<li>Pumping station number {i}</li>" for i in range(html.GAP_MAX_LINES + 1))
    tree = page(f"<ul>{items}</ul>")
    assert added(tree, traf(P1, P2, P3)) == []
    short = etree.HTML("<html><body><p>Short one.</p><ul><li>An item</li></ul><p>Short two.</p></body></html>")
    found = traf("Short one.", "Short two.")
    assert html.fill_gaps(found, short) is found


def test_visible_blocks_give_kind_link_share_and_one_line_a_table_row():
    tree = etree.HTML("<html><body><h3>Levels</h3><table><tr><td>Gauge</td><td>2.1 m</td></tr></table>"
                      "<ul><li>See <a href='/x'>the map</a></li></ul><p>Plain</p></body></html>")
    lines = [(t, k, round(s, 2)) for t, k, s, _ in html.visible_blocks(tree)]
    assert lines == [("Levels", "head", 0.0), ("Gauge 2.1 m", "p", 0.0), ("See the map", "item", 0.64),
                     ("Plain", "p", 0.0)]


def test_a_line_trafilatura_has_in_other_words_is_not_added_twice():
    # trafilatura ran the list's items together into one line, and kept the short label
    tree = page("<h4>Works</h4><ul><li>Two new pumping stations on the north bank</li>"
                "<li>A raised walkway along the quay</li></ul>")
    found = traf(P1, "Works", "Two new pumping stations on the north bank A raised walkway along the quay", P2, P3)
    assert html.fill_gaps(found, tree) == found


def test_no_walk_when_every_list_item_and_heading_is_inside_a_line_trafilatura_has(monkeypatch):
    tree = page("<h2>What the gates change</h2><ul><li>Two new pumping stations</li></ul>")
    found = traf(P1, "What the gates change", "Two new pumping stations", P2, P3)

    def no_walk(*args, **kwargs):
        raise AssertionError("the page was walked")

    monkeypatch.setattr(html, "visible_blocks", no_walk)
    assert html.fill_gaps(found, tree) is found
    # one item trafilatura lacks: the page is walked (and the walk is what finds it)
    with pytest.raises(AssertionError, match="walked"):
        html.fill_gaps(traf(P1, "What the gates change", P2, P3), tree)
