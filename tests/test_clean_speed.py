"""The faster forms of the clean step's computations give exactly what the plain forms give."""
from __future__ import annotations

import math
import random


from storyline.clean import html, meta, split, stage, text

LINES = [
    "Visit WWW.EXAMPLE.ORG for more", "HTTPS://example.org/page", "see http://x.y",
    "12 Comments", "3shares and counting", "write to desk@paper", "© 2024 The Paper",
    "Prices rose 12 dollars in May.", "The .com era ended in 2001.", "Home | World | Sport",
    "A plain sentence without any of those signs.", "Tap » next", "a @ sign alone",
    "The 7 comments below", "the dot.comedy club", "İstanbul’da 3 Yorum", "",
]


def test_is_linky_matches_the_whole_pattern():
    for line in LINES:
        has_digit = bool(text._DIGIT.search(line))
        assert text._is_linky(line, has_digit) == bool(text._LINKY.search(line)), line


def test_window_means_are_the_one_at_a_time_means_to_the_bit():
    rng = random.Random(7)
    for size in (0, 1, 2, 5, 13, 40):
        values = [rng.random() * 3 for _ in range(size)]
        flags = [rng.random() < 0.4 for _ in range(size)]
        for k in (text.NEAR, text.MID, text.FAR):
            assert text._window_means(values, k) == [text._window_mean(values, i, k) for i in range(size)]
            assert text._window_counts_mean(flags, k) == [text._window_mean(flags, i, k) for i in range(size)]


def test_logits_of_many_rows_are_those_of_one_row_at_a_time():
    rng = random.Random(3)
    weights = {"intercept": 0.3, "mean": [rng.random() for _ in range(6)],
               "scale": [0.5 + rng.random() for _ in range(6)], "coef": [rng.uniform(-2, 2) for _ in range(6)]}
    rows = [[rng.uniform(-5, 5) for _ in range(6)] for _ in range(9)]
    one_by_one = []
    for x in rows:  # the logistic model written out, as it was computed line by line
        z = weights["intercept"]
        for v, m, s, c in zip(x, weights["mean"], weights["scale"], weights["coef"]):
            z += c * (v - m) / s
        one_by_one.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    assert text._logits(weights, rows) == one_by_one


def test_normalized_lines_from_words_equal_normalize_line():
    lines = [l for l in LINES if l] + ["ÉCOLE Normale", "Straße_Nord 5", "Mixed CASE words, again!"]
    words = text.line_words(lines)
    assert text.normalize_lines(lines, words) == [text.normalize_line(l) for l in lines]
    assert text.normalize_lines(lines) == [text.normalize_line(l) for l in lines]
    assert split.word_counts(lines) == [len(w) for w in words]


def _page() -> list[str]:
    return ["Home | World | Sport", "Storm Floods the Valley Towns",
            "By Ana Ruiz", "Rain fell for three days and the river rose over its banks, the mayor said.",
            "Advertisement", "Hundreds of homes were left without power as crews worked overnight.",
            "Storm Floods the Valley Towns", "Share on Facebook", "Read more: the week in pictures"]


def test_page_features_and_selection_are_the_same_with_precomputed_forms():
    lines = _page()
    words = text.line_words(lines)
    norms = text.normalize_lines(lines, words)
    plain = text.page_features(lines, {"advertisement": 2})
    given = text.page_features(lines, {"advertisement": 2}, norms=norms, words=words)
    assert plain.features == given.features and plain.norms == norms
    assert given.word_counts == [len(w) for w in words]
    probs = text.line_probabilities(plain, text.load_model()["text"])
    assert stage.select_articles(lines, probs, 0.5) == stage.select_articles(
        lines, probs, 0.5, norms=norms, counts=given.word_counts)


def test_header_dates_look_only_at_the_chunks_near_the_headline():
    far = "".join(f"<p>filler {i}</p>" for i in range(30))
    page = (f"<html><body><p>Posted 3 January 2019</p>{far}<p>Updated 4 May 2021</p>"
            "<h1>Storm floods the valley towns</h1><p>5 May 2021</p><p>Rain fell.</p></body></html>")
    tree = html.parse_html(page)
    assert meta.header_dates(tree) == ["2021-05-04", "2021-05-05"]


def test_made_once_extraction_options_are_those_of_the_keyword_arguments():
    from trafilatura.settings import Extractor

    for fast in (False, True):
        made = Extractor(output_format="xml", fast=fast, precision=False, recall=False, comments=False,
                         formatting=None, links=html.INCLUDE_LINKS, images=False, tables=True,
                         dedup=False, lang=None, url=None, with_metadata=False)
        fields = [k for k in Extractor.__slots__ if hasattr(made, k)]
        assert len(fields) > 10
        assert {k: getattr(html._extraction_options(fast), k) for k in fields} == {
            k: getattr(made, k) for k in fields}
