"""What follows an article's body on many pages: the writer's biography, related-story blurbs."""
from __future__ import annotations

from storyline.clean import split, stage

BODY = [
    "The harbour board voted on Tuesday to widen the northern channel before the spring season.",
    "Members said the work would take eleven weeks and cost less than the repairs of last year.",
    "Fishing crews asked that the dredgers keep clear of the piers during the early mornings.",
    "Marta Olsen, who chairs the board, said the crews' request would be written into the contract.",
]


def _tail(lines, kinds=None):
    kinds = kinds or ["p"] * len(lines)
    return stage._drop_tail_boilerplate(lines, list(range(len(lines))), kinds,
                                        split.word_counts(lines))


def test_a_closing_biography_of_someone_the_article_never_named_is_dropped():
    bio = "Tomas Reyes is a freelance writer who covers ports and shipping for regional papers."
    assert _tail(BODY + [bio]) == [0, 1, 2, 3]
    # also one line before the end, and after an opening bracket
    assert _tail(BODY + ["(" + bio, "The vote passed seven to two."]) == [0, 1, 2, 3, 5]


def test_a_closing_line_about_a_person_the_article_named_before_stays():
    subject = "Olsen is a former ferry captain who has sat on the board for nine years."
    assert _tail(BODY + [subject]) == [0, 1, 2, 3, 4]
    quote = "It is a good day for the harbour, the mayor said."  # "It" occurs in the body
    assert _tail(BODY + ["It was a long meeting, and it is a fair result.", quote]) == list(range(6))


def test_a_closing_run_of_unfinished_paragraphs_is_dropped_but_not_list_items():
    blurbs = ["Five quiet beaches along the northern coast that are worth the long drive",
              "How the new ferry timetable changes the crossing for weekend travellers"]
    assert _tail(BODY + blurbs) == [0, 1, 2, 3]
    assert _tail(BODY + blurbs, kinds=["p"] * 4 + ["item"] * 2) == list(range(6))
    # one such line alone stays (a closing line can lack its full stop), and short ones stay
    assert _tail(BODY + blurbs[:1]) == list(range(5))
    assert _tail(BODY + ["See the new timetable", "Ferry times for the weekend"]) == list(range(6))


def test_select_articles_drops_the_tail_on_html_lines_only():
    bio = "Tomas Reyes is a freelance writer who covers ports and shipping for regional papers."
    lines = BODY + [bio]
    probs = [0.95] * len(lines)
    html = stage.select_articles(lines, probs, stage.HTML_THRESHOLD, kinds=["p"] * len(lines))
    assert [kept for _, kept in html] == [[0, 1, 2, 3]]
    text = stage.select_articles(lines, probs, stage.TEXT_THRESHOLD)
    assert [kept for _, kept in text] == [[0, 1, 2, 3, 4]]


def test_a_labelled_link_to_another_page_is_dropped_from_the_body():
    lines = BODY[:2] + ["Read next: Ten harbour towns to visit before the summer crowds"] + BODY[2:]
    probs = [0.95] * len(lines)
    kinds = ["p"] * len(lines)
    linked = [0.0, 0.0, 0.85, 0.0, 0.0]
    found = stage.select_articles(lines, probs, stage.HTML_THRESHOLD, kinds=kinds, links=linked)
    assert [kept for _, kept in found] == [[0, 1, 3, 4]]
    # the same line unlinked, or a linked line without a label, is the body's
    for links in ([0.0] * 5, [0.0, 0.0, 0.85, 0.0, 0.0]):
        text = lines if links[2] == 0.0 else lines[:2] + ["Ten harbour towns to visit before the summer crowds"] + lines[3:]
        found = stage.select_articles(text, probs, stage.HTML_THRESHOLD, kinds=kinds, links=links)
        assert [kept for _, kept in found] == [[0, 1, 2, 3, 4]]
