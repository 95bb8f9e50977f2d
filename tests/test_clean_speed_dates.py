"""The clean step's cheaper HTML path (scripts dropped once the metadata is read, htmldate
only when it can change the answer) and the date inferred from plain text."""
from __future__ import annotations

from storyline.clean import html, meta

PAGE = ("<html><head><title>T</title>"
        '<script type="application/ld+json">{"author": {"@type": "Person", "name": "Ada Quill"}}</script>'
        "<style>p {color: red}</style></head><body><h1>Harbour reopens</h1>"
        "<p>First words<script>var x = 1;</script> and the tail stays.</p>"
        "<p>Second paragraph of the story.</p></body></html>")


def test_drop_script_elements_keeps_tails_and_json_ld():
    tree = html.drop_script_elements(html.parse_html(PAGE))
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]
    assert next(tree.iter("style"), None) is None
    first = tree.find(".//p")
    assert " ".join("".join(first.itertext()).split()) == "First words and the tail stays."


def test_read_page_reads_metadata_before_the_scripts_go():
    tree, info = html.read_page(PAGE, "https://www.example-news.com/a")
    assert info["author"] == "Ada Quill"  # from the JSON-LD script
    assert info["title"] == "Harbour reopens"
    assert all("var x" not in (s.text or "") for s in tree.iter("script"))


def test_htmldate_only_when_it_can_change_the_choice():
    assert meta.needs_metadata_date([])  # nothing shown: htmldate's date is all there is
    assert not meta.needs_metadata_date(["2024-05-02", "2024-05-02"])  # one date shown
    assert meta.needs_metadata_date(["2023-03-10", "2023-10-03"])  # two readings to settle


def test_find_dates_without_a_year_finds_nothing_and_with_one_still_works():
    assert meta.find_dates("Doors open at 9 on the 3rd of May") == []
    assert [iso for _, _, iso in meta.find_dates("Filed 3 May 2021, updated 2021-05-04")] == [
        "2021-05-03", "2021-05-04"]


def test_text_date_places_a_weekday_dated_day_in_the_year_that_fits():
    # 3 November fell on a Monday in 2025 (a Sunday in 2024, a Tuesday in 2026)
    text = ("The bridge, closed since the 2024 floods, reopened on Monday (Nov. 3) "
            "after repairs, the council said.")
    assert meta.text_date(text) == "2025-11-03"
    assert meta.text_date("Budget talks ended Tuesday, April 22 in the capital, as in 2024.") == "2025-04-22"


def test_text_date_leaves_days_without_year_or_weekday_undated():
    text = "Officials confirmed on April 22 that the 2023 agreement stands."
    assert meta.text_date(text) is None
    # "15th Separate" is no month, "last month (Nov 3)" no weekday
    assert meta.month_day_dates("The 15th Separate Brigade left last month (Nov 3).", 2023) == []


def test_text_date_drops_full_dates_older_than_a_later_named_year():
    text = ("The memorial recalls the storm of 12 March 1993. In 2016 the town rebuilt "
            "its sea wall, and the mayor spoke at the opening.")
    assert meta.text_date(text) is None
    text2 = "The storm of 12 March 1993 is recalled in 1993 archives."
    assert meta.text_date(text2) == "1993-03-12"


def test_anchor_year_skips_future_years():
    assert meta.anchor_year("Built in 2019, the line will close by 2027.") == 2019
    assert meta.anchor_year("No years here.") is None
