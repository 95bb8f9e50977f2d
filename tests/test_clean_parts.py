"""Units of the clean step: date parsing and inference, outlets, bylines, the line
classifier's features and weights, and the splitter."""
from __future__ import annotations

from storyline.clean import meta, split, text
from storyline.clean.lang import detect_language, stopwords


def test_parse_date_forms():
    assert meta.parse_date("Published March 4, 2025 at 9:00") == "2025-03-04"
    assert meta.parse_date("4 March 2025") == "2025-03-04"
    assert meta.parse_date("Sept. 12, 2019") == "2019-09-12"
    assert meta.parse_date("2024-02-29T10:00") == "2024-02-29"
    assert meta.parse_date("February 30, 2024") is None  # not a day
    assert meta.parse_date("in 1850 the town") is None


def test_text_date_takes_latest_past_date_and_skips_future_ones():
    t = ("The ceasefire signed on 10 November 2020 held until an offensive on 19 September 2023. "
         "Talks will resume by 1 March 2026, officials said.")
    assert meta.text_date(t) == "2023-09-19"
    assert meta.text_date("No dates here at all.") is None


def test_header_dates_read_near_the_headline():
    from storyline.clean.html import parse_html

    tree = parse_html("<html><body><p>Posted 1 January 2001</p>" + "<p>x</p>" * 80 +
                      "<h1>Big news</h1><span>Updated: 03/10/2023</span><p>Body text.</p></body></html>")
    shown = meta.header_dates(tree)
    assert shown[:2] == ["2023-03-10", "2023-10-03"]  # both readings of an ambiguous date
    assert "2001-01-01" not in shown
    # the metadata date wins when the page also prints it, else the printed date
    assert meta.choose_date(shown, "2023-10-03T12:00:00") == "2023-10-03"
    assert meta.choose_date(shown, "2022-01-01") == "2023-03-10"
    assert meta.choose_date([], "2022-01-01") == "2022-01-01"
    assert meta.choose_date([], None) is None


def test_outlets():
    assert meta.outlet_from_url("https://www.velmora-gazette.example/a/b") == "velmora-gazette.example"
    assert meta.outlet_from_url(None) is None
    assert meta.wire_outlet("The minister said, he told Reuters on Monday.") == "Reuters"
    assert meta.wire_outlet("BAKU (AP) -- Officials said") == "AP"
    assert meta.wire_outlet("He told reporters nothing.") is None


def test_byline():
    assert meta.byline_author(["Some headline here", "By Mira Castell", "Body."]) == "Mira Castell"
    assert meta.byline_author(["By the river the town grew over two hundred years and more."]) is None


def test_language_and_stopwords():
    assert detect_language("The council voted on Monday to rename the square after a poet.") == "en"
    assert detect_language("Der Rat hat am Montag beschlossen, den Platz umzubenennen.") == "de"
    assert detect_language("ok", default="xx") == "xx"
    assert "the" in stopwords("en") and "und" in stopwords("de")


def test_date_header():
    assert text.date_header(" date 2023-11-08 Body starts here.") == ("2023-11-08", "Body starts here.")
    assert text.date_header("Body only.") == (None, "Body only.")


def test_model_weights_match_the_features():
    model = text.load_model()
    for key in ("html", "text"):
        n1 = len(text.FEATURES)
        assert len(model[key]["stage1"]["coef"]) == n1 == len(model[key]["stage1"]["mean"])
        assert len(model[key]["stage2"]["coef"]) == n1 + len(text.STAGE2_EXTRA)
        assert all(s > 0 for s in model[key]["stage2"]["scale"])


def test_classifier_scores_prose_above_widgets():
    lines = ["Home", "News", "Sport",
             "The council voted on Monday to give the central square the name of a poet who "
             "lived in the old quarter for most of her life, officials said.",
             "She wrote about the fishermen of the harbour, and her books are still read in the "
             "schools of the region, where her poems are part of the curriculum.",
             "Share on Facebook", "© 2025 Example Media"]
    page = text.page_features(lines, {})
    probs = text.line_probabilities(page, text.load_model()["text"])
    assert min(probs[3], probs[4]) > 0.5 > max(probs[0], probs[5], probs[6])


def test_repeated_lines_near_each_other_are_dropped_far_ones_kept_once():
    cap = "A caption under the photo of the bridge at dawn"
    lines = [cap, cap, "Body one is here.", "Body two is here."] + ["x"] * 12 + ["Body one is here."]
    keep = text.drop_repeated(lines, [True] * len(lines))
    assert keep[:2] == [False, False] and keep[2]
    assert text.keep_mask(lines, [0.9] * len(lines), 0.5)[-1] is False  # far copy kept once


def test_blocks_teasers_and_headers():
    lines = ["A long paragraph of the article " * 10, "Another long paragraph " * 10,
             "ad", "ad2", "ad3", "ad4", "ad5", "ad6", "ad7",
             "Short teaser paragraph about something else entirely."]
    keep = [True, True] + [False] * 7 + [True]
    found = split.blocks(lines, keep)
    assert [b.kept for b in found] == [[0, 1], [9]]
    assert [b.kept for b in split.drop_teasers(found)] == [[0, 1]]
    heads = ["Intro line", "Storm Hits the Northern Coast", "caption of the storm photo",
             "Storm Hits the Northern Coast", "Body."]
    assert split.article_headers(heads) == [1]
    assert split.is_headline("Will the Bridge Reopen Before Summer?")
    assert not split.is_headline("The council said it would decide later.")


def test_drop_scripts_is_linear_and_handles_unclosed_tags():
    from storyline.clean.html import drop_scripts

    assert drop_scripts("a<script>x</script>b<STYLE t=1>y</style >c") == "a b c"
    assert drop_scripts("keep<script>never closed <p>gone</p>") == "keep"
    # many unclosed openings: one pass, not one scan per opening
    page = "<p>text</p>" + "<script>" * 100_000 + "x" * 1_000_000
    assert drop_scripts(page) == "<p>text</p>"


def test_a_headline_with_a_byline_under_it_starts_a_new_article():
    from storyline.clean import split

    lines = ["The Evening Lantern | Regional news", "Home | Towns | Weather | Sport",
             "Ferry crews vote to strike over rotas",
             "By Nell Ashdown | March 3, 2024",
             "Ferry crews on the fictional Merrow line voted on Friday to strike over new rotas.",
             "Orchard growers count the cost of a late frost",
             "By Tomas Vey | March 4, 2024",
             "Apple growers in the fictional Dale valley said a late frost had cut their crop by a third."]
    assert split.article_headers(lines) == [2, 5]
    assert split.is_byline("By Nell Ashdown | March 3, 2024") and split.is_byline("BY ANA RUIZ AND LEO MARK")
    assert not split.is_byline("By the end of the week the strike had spread to three ports.")
    assert split.trim_edges(lines, [3, 4]) == [4]


def test_a_list_that_ends_the_article_is_not_trimmed_as_stray_lines():
    from storyline.clean import split

    lines = ["Tuesday", "The league named the clubs that reached the final round of the cup this season.",
             "The draw for the round takes place in the capital next month, officials said.",
             "Clubs through", "Harbour Town (North)", "Riverside Rovers (South)", "Valley United (East)",
             "Share", "12"]
    kinds = ["p", "p", "p", "head", "item", "item", "item", "p", "p"]
    kept = list(range(len(lines)))
    assert split.trim_edges(lines, kept) == [1, 2]  # plain text: every short line at the edges goes
    assert split.trim_edges(lines, kept, kinds) == [1, 2, 3, 4, 5, 6]  # the list and its heading stay
    two_items = kinds[:5] + ["p", "p", "p", "p"]
    assert split.trim_edges(lines, kept, two_items) == [1, 2]  # no list of three: stray lines
    opening = ["item", "item", "item"] + ["p"] * 6
    assert split.trim_edges(lines, kept, opening) == [1, 2]  # a list at the start is no exception


def test_the_body_run_together_again_in_one_line_is_dropped_but_a_repeated_paragraph_is_not():
    from storyline.clean import text

    paragraphs = [
        "The council of Varnes voted on Tuesday to close the old harbour bridge to cars from next spring onwards.",
        "Engineers had warned for years that the steel under the deck was rusting faster than the city could repair it.",
        "A ferry service will carry commuters across the river while a new bridge is built a little further upstream.",
        "The mayor said the work would take three years and cost less than the repairs the old bridge would have needed.",
        "Shop owners on the north bank said they feared losing the customers who now drive across from the south side.",
    ]
    run_together = " ".join(paragraphs + ["Read more about the city council and its plans for the river banks."])
    lines = paragraphs + [run_together]
    norms = [text.normalize_line(l) for l in lines]
    assert len(run_together.split()) >= text.COPY_MIN_WORDS
    assert text.drop_run_together_copies(norms, [True] * 6) == [True] * 5 + [False]
    # not kept, the paragraphs cannot make a copy of it
    assert text.drop_run_together_copies(norms, [True, False, False, False, False, True])[5]
    # one long paragraph that a page repeats once (a summary, an answer) stays
    long_one = " ".join(paragraphs)
    norms2 = [text.normalize_line(l) for l in (long_one, "Other text here.", long_one + " And more.")]
    assert text.drop_run_together_copies(norms2, [True, True, True]) == [True, True, True]
