"""Main-text quality: the lines taken from trafilatura's XML, the decision rules around the
line classifier (recurring lines, repeated copies, enclosed headings and lists, article
edges) and the visible-text fallback for pages trafilatura finds nothing on.

All text here is written for these tests.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from storyline.clean import html, split, stage, text
from storyline.model import Article
from storyline.pipeline import Context
from test_clean import HARBOUR, html_page, run, text_page

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"


# ---------------------------------------------------------------- lines from trafilatura's XML
def xml_lines(xml: str) -> list[tuple[str, str, float]]:
    return list(html._xml_lines(etree.fromstring(xml)))


def test_a_line_break_starts_a_new_line_instead_of_gluing_words():
    lines = xml_lines("<body><p>Tour dates:<lb/>May 2 -- Arena, Tovra<lb/>May 4 -- Hall, Kara</p></body>")
    assert [t for t, _, _ in lines] == ["Tour dates:", "May 2 -- Arena, Tovra", "May 4 -- Hall, Kara"]
    assert all(kind == "p" for _, kind, _ in lines)


def test_link_share_is_counted_per_line_and_a_link_keeps_its_space():
    (first, kind, share), (second, _, share2) = xml_lines(
        '<body><p>See <ref target="/a">the full list</ref>here<lb/><ref target="/b">Read more</ref></p></body>')
    assert first == "See the full list here" and kind == "p"
    assert 0.4 < share < 0.7
    assert second == "Read more" and share2 == 1.0


def test_loose_text_after_a_paragraph_is_kept_as_a_line():
    lines = xml_lines("<body><p>First paragraph.</p>It stands between two paragraphs<p>Last one.</p></body>")
    assert ("It stands between two paragraphs", "tail", 0.0) in lines
    assert [t for t, _, _ in lines][-1] == "Last one."


def test_table_rows_keep_their_cells_apart():
    lines = xml_lines("<body><table><row><cell>Tovra</cell><cell>12</cell></row></table></body>")
    assert lines == [("Tovra 12", "row", 0.0)]


# ---------------------------------------------------------------- repeated lines
QUESTION = "What made you start writing about food?"
ANSWERS = [f"Answer number {n} tells a long story about kitchens, markets and the people met there."
           for n in range(4)]


def test_recurring_lines_are_structure_but_adjacent_copies_are_not():
    interview = [QUESTION, ANSWERS[0], "x", QUESTION, ANSWERS[1], "y", QUESTION, ANSWERS[2]]
    assert text.recurring_lines([text.normalize_line(l) for l in interview]) == {
        text.normalize_line(QUESTION)}
    captions = ["cap", "cap", "body", "cap", "cap"]
    assert text.recurring_lines(captions) == set()  # more than two copies, but in pairs


def test_keep_mask_keeps_every_copy_of_a_recurring_question_and_one_of_a_caption():
    caption = "Workers on the pier at dawn, 3 March (Photo: Port Authority)"
    lines = [caption, caption, QUESTION, ANSWERS[0], QUESTION, ANSWERS[1], QUESTION, ANSWERS[2]]
    keep = text.keep_mask(lines, [0.9] * len(lines), 0.5)
    assert keep == [True, False] + [True] * 6


def test_hysteresis_grows_kept_runs_both_ways_but_keeps_no_lone_line():
    probs = [0.45, 0.45, 0.9, 0.45, 0.2, 0.45, 0.3, 0.45]
    assert text.keep_mask([f"line {n}" for n in range(8)], probs, 0.5, 0.4) == [
        True, True, True, True, False, False, False, False]
    assert text.keep_mask([f"line {n}" for n in range(8)], probs, 0.5) == [
        False, False, True, False, False, False, False, False]


def test_a_near_copy_is_kept_once_when_the_classifier_is_sure_of_it():
    lede = "The mayor has agreed to close the bridge for repairs until the end of summer."
    lines = [lede, "Reporter name", "Body line one that goes on for a while.", lede, "More body text."]
    keep = [True, False, True, True, True]
    assert text.drop_repeated(lines, keep) == [False, False, True, False, True]
    sure = [0.5, 0.1, 0.9, text.REPEAT_KEEP_PROB + 0.05, 0.9]
    assert text.drop_repeated(lines, keep, sure) == [False, False, True, True, True]
    unsure = [0.5, 0.1, 0.9, text.REPEAT_KEEP_PROB - 0.2, 0.9]
    assert text.drop_repeated(lines, keep, unsure) == [False, False, True, False, True]


def test_a_caption_is_never_kept_as_the_sure_copy():
    sure = [0.95, 0.95, 0.9, 0.95]
    # a caption with every copy of the picture: four copies, none kept however sure
    caption = ("A crane lifts the first span of the new footbridge over the river at Elmford "
               "on 3 June 2023. (Harbour Photo Agency / Handout)")
    body = "Work on the bridge began two years ago and is due to finish next spring."
    lines = [caption, caption, body, caption]
    assert text.drop_repeated(lines, [True] * 4, sure) == [False, False, True, False]
    # a caption cut short by the page ("(Photo:") is no sentence, even twice
    cut = "Crews lay the last stones of the new footbridge at Elmford. (Photo:"
    assert text.drop_repeated([cut, cut, body], [True] * 3, sure[:3]) == [False, False, True]


def test_a_recurring_line_is_no_article_header():
    lines = [QUESTION, ANSWERS[0], QUESTION, ANSWERS[1], QUESTION, ANSWERS[2], QUESTION, ANSWERS[3]]
    assert split.article_headers(lines) == []
    title = "Tovra valley farmers count the cost of the floods"
    assert split.article_headers([title, "photo", title, ANSWERS[0]]) == [0]


# ---------------------------------------------------------------- headings, lists, edges
def test_headings_lists_and_rows_enclosed_by_kept_text_are_kept():
    kinds = ["p", "head", "item", "item", "p", "head", "p"]
    keep = [True, False, False, True, True, False, False]
    assert stage._keep_enclosed(keep, kinds) == [True, True, True, True, True, False, False]


def test_a_widget_row_at_the_start_of_the_body_is_trimmed():
    lines = ["Share on Facebook Share on X Copy link", HARBOUR[0], HARBOUR[1],
             "Read the full report here"]
    assert split.trim_edges(lines, [0, 1, 2, 3]) == [1, 2]


def test_the_steppe_herald_example_keeps_no_share_line():
    page = (EXAMPLES / "steppe-herald-tovra-withdrawal.txt").read_text(encoding="utf-8")
    arts, ctx = run([text_page(page)])
    assert len(arts) == 1, ctx.rejections
    body = arts[0].text
    assert not body.startswith("Share") and "Share on" not in body
    assert body.split("\n")[0].startswith("When Kazakh peacekeepers rolled into the Tovra Valley")


# ---------------------------------------------------------------- visible-text fallback
def test_visible_lines_skip_hidden_elements_and_break_at_blocks():
    doc = etree.HTML("<html><head><title>T</title></head><body><nav>Home</nav><script>var x;</script>"
                     "<div>One <b>bold</b> line<p>Two</p>tail</div><!-- note --><ul><li>Three</li></ul>"
                     "</body></html>")
    assert html.visible_lines(doc) == ["Home", "One bold line", "Two", "tail", "Three"]


def test_a_page_trafilatura_cannot_parse_falls_back_to_its_visible_text():
    # a cut doctype that swallows the start of the page: trafilatura's parser gives up on it
    body = "".join(f"<div class='story'>{p}</div>\n" for p in HARBOUR)
    page = "<!DOCTYPE htm\n  <div id='header'><a href='/'>Home</a> <a href='/news'>News</a></div>\n" + body
    assert html.page_visible_lines(page)[-1] == HARBOUR[-1]
    arts, ctx = run([html_page(page)])
    assert len(arts) == 1, ctx.rejections
    assert "cracks in two of its supporting piers" in arts[0].text
    assert "Home" not in arts[0].text.split("\n")


# ---------------------------------------------------------------- structured sections (lists, specs)
SPEC = "Frame: welded aluminium tube"


def test_a_list_item_that_comes_back_is_no_article_header():
    lines = ["Trail bikes compared", "Rider notes on the first model.", SPEC, "Weight: light",
             "Rider notes on the second model.", SPEC, "Weight: heavier"]
    kinds = ["head", "p", "item", "item", "p", "item", "item"]
    assert split.article_headers(lines) == [2]  # as plain text, a repeated headline-like line
    assert split.article_headers(lines, kinds=kinds) == []


def test_a_repeated_list_item_is_kept_but_a_repeated_paragraph_once():
    lines = [SPEC, "Some words between them.", SPEC]
    assert text.keep_mask(lines, [0.9] * 3, 0.5) == [True, True, False]
    assert text.keep_mask(lines, [0.9] * 3, 0.5, kinds=["item", "p", "item"]) == [True, True, True]
    assert text.keep_mask(lines, [0.9] * 3, 0.5, kinds=["p", "p", "p"]) == [True, True, False]


def test_short_unlinked_lines_between_kept_lines_are_kept():
    keep = [True, False, False, True, False, True, False]
    counts = [30, 2, 3, 25, 3, 40, 2]
    assert stage._keep_short_runs(keep, counts, [0.0] * 7) == [True] * 6 + [False]  # not at the edge
    linked = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert stage._keep_short_runs(keep, counts, linked) == [True, False, False, True, True, True, False]
    long_line = [30, 2, stage.SHORT_RUN_MAX_WORDS + 1, 25, 3, 40, 2]
    assert stage._keep_short_runs(keep, long_line, [0.0] * 7)[1:3] == [False, False]


# ---------------------------------------------------------------- a lone paragraph among menus
def test_lone_paragraphs_are_long_prose_lines_the_classifier_did_not_rule_out():
    story = ("The ferry between the two islands will run twice a day again from Monday, the "
             "harbour office said, after the repairs to the northern pier were finished early.")
    lines = ["Home", "Ferries", story, "Contact us and find the office opening hours here",
             story.rstrip(".")]
    counts = split.word_counts(lines)
    probs = [0.05, 0.05, 0.2, 0.3, 0.2]
    assert stage._lone_paragraphs(lines, probs, counts) == [2]  # the last one has no sentence end
    assert stage._lone_paragraphs(lines, [0.05, 0.05, stage.LONE_PARAGRAPH_MIN_PROB - 0.01, 0.3, 0.2],
                                  counts) == []


def test_a_page_of_menus_alone_still_gives_no_article():
    menu = "\n".join(["Home", "News", "Sport", "Weather", "Contact", "About us", "Log in"] * 5)
    arts, ctx = run([text_page(menu, source="menu.txt")])
    assert arts == [] and [r.code for r in ctx.rejections] == ["E011"]


def test_the_visible_text_is_not_classified_when_it_is_too_short_to_beat_the_stub():
    page = "<html><body>" + "".join(f"<p>{p}</p>" for p in HARBOUR) + "</body></html>"
    raw = html_page(page)
    article = Article(source=raw.source, page=raw)
    tree, info = html.read_page(page)
    words = stage._words(" ".join(HARBOUR))
    assert stage._visible_text_articles(article, Context(), tree, info, "short",
                                        min_words=10 * words) == ([], "short")
    found, _ = stage._visible_text_articles(article, Context(), tree, info, "short", min_words=words)
    assert found and "supporting piers" in found[0].text


def test_a_table_header_row_repeated_over_two_tables_is_no_caption_copy():
    header = "Job Price Range Typical Cost Factors"
    lines = [header, "Tap repair $90-$150 parts", header, "Boiler swap $900-$4,000 permits"]
    keep = [True] * 4
    assert text.drop_repeated(lines, keep) == [False, True, False, True]
    assert text.drop_repeated(lines, keep, kinds=["row"] * 4) == keep


def test_a_longer_subheading_in_a_short_run_is_kept_but_not_a_longer_paragraph():
    keep = [True, False, False, True]
    counts = [30, stage.SHORT_RUN_MAX_WORDS + 2, 3, 25]
    heading = ["p", "head", "p", "p"]
    assert stage._keep_short_runs(keep, counts, [0.0] * 4, heading) == [True] * 4
    assert stage._keep_short_runs(keep, counts, [0.0] * 4, ["p"] * 4) == keep
    too_long = [30, stage.SHORT_RUN_MAX_HEAD_WORDS + 1, 3, 25]
    assert stage._keep_short_runs(keep, too_long, [0.0] * 4, heading) == keep
