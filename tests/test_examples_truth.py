"""examples/truth.json agrees with the sample corpus it describes.

The corpus under examples/ is invented (see examples/README.md) and its ground truth is written
by hand; later tests (events, stories, cleaning) assert against it, so a typo here would make
them test the wrong thing. These checks read the files only: no spaCy, no store.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from warcio.archiveiterator import ArchiveIterator

from storyline.model import PLOVER_TYPES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TRUTH = json.loads((EXAMPLES / "truth.json").read_text(encoding="utf-8"))
WARC = EXAMPLES / "wire.warc.gz"
FEED = EXAMPLES / "feed.jsonl"

# The corpus is meant to stay small enough to read and to ship with the package.
MAX_CORPUS_BYTES = 200_000
# Near-duplicate threshold on word 4-gram shingles: the syndicated copy changes a few words and
# its boilerplate, so it stays far above this; different articles of one story stay far below.
DUPLICATE_JACCARD = 0.6
DISTINCT_JACCARD = 0.2
# A boilerplate line shorter than this ("TT", "20") is only checked as a whole line.
SHORT_LINE = 12
ACTOR_CODES_EXTRA = {"IGO"}


def _warc_pages() -> dict[str, str]:
    pages = {}
    with WARC.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                pages[uri] = record.content_stream().read().decode("utf-8")
    return pages


def _feed_records() -> dict[str, dict]:
    records = {}
    for line in FEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["id"]] = record
    return records


WARC_PAGES = _warc_pages()
FEED_RECORDS = _feed_records()


def content(name: str) -> str:
    """The page's text as stored: a file, a WARC payload or a JSONL record's text/html."""
    if "#" in name:
        container, record = name.split("#", 1)
        if container == "wire.warc.gz":
            return WARC_PAGES[record]
        if container == "feed.jsonl":
            rec = FEED_RECORDS[record]
            return rec.get("text") or rec.get("html")
        raise AssertionError(f"unknown container {container}")
    return (EXAMPLES / name).read_text(encoding="utf-8")


def _articles() -> list[tuple[str, int]]:
    return [(a["file"], a["index"]) for story in TRUTH["stories"] for a in story["articles"]]


def _names_in_truth() -> set[str]:
    names = {f for f, _ in _articles()}
    for key in ("quotes", "boilerplate", "dates", "times"):
        names |= {item["file"] for item in TRUTH[key]}
    for event in TRUTH["events"]:
        names |= {m["file"] for m in event["mentions"]}
    for claim in TRUTH["claims"]:
        names |= {s["file"] for s in claim["statements"]}
    names |= {f for pair in TRUTH["duplicates"] for f in pair}
    return names


@pytest.mark.parametrize("name", sorted(_names_in_truth()))
def test_every_named_page_exists(name):
    assert content(name).strip(), name


def test_every_page_of_the_corpus_is_in_a_story():
    files = {str(p.relative_to(EXAMPLES)) for p in (EXAMPLES / "pages").iterdir()}
    files |= {f"wire.warc.gz#{uri}" for uri in WARC_PAGES}
    files |= {f"feed.jsonl#{rid}" for rid in FEED_RECORDS}
    assert files == {f for f, _ in _articles()}


def test_each_article_is_in_exactly_one_story_and_has_one_date():
    articles = _articles()
    assert len(articles) == len(set(articles)) >= 12
    dated = Counter((d["file"], d["index"]) for d in TRUTH["dates"])
    assert set(dated) == set(articles) and max(dated.values()) == 1
    assert all(re.fullmatch(r"2024-0[45]-\d\d", d["date"]) for d in TRUTH["dates"])
    # The glued page holds two articles of two different stories.
    glued = [s["name"] for s in TRUTH["stories"] for a in s["articles"]
             if a["file"] == "pages/morning-courier-roundup.txt"]
    assert len(glued) == 2 and len(set(glued)) == 2


@pytest.mark.parametrize("article", [a for s in TRUTH["stories"] for a in s["articles"]],
                         ids=lambda a: f"{a['file']}:{a['index']}")
def test_article_title_and_body_bounds_occur(article):
    text = content(article["file"])
    assert article["title"] in text and article["outlet"]
    first, last = text.find(article["first"]), text.rfind(article["last"])
    assert 0 <= first < last, "the body starts before it ends"


def test_glued_articles_follow_each_other():
    name = "pages/morning-courier-roundup.txt"
    first, second = sorted((a for s in TRUTH["stories"] for a in s["articles"] if a["file"] == name),
                           key=lambda a: a["index"])
    text = content(name)
    assert text.find(first["last"]) < text.find(second["title"]) < text.find(second["first"])


def test_record_dates_match_truth():
    dates = {(d["file"], d["index"]): d["date"] for d in TRUTH["dates"]}
    for rid, record in FEED_RECORDS.items():
        if "date" in record:
            assert dates[(f"feed.jsonl#{rid}", 0)] == record["date"]


def test_warc_holds_the_named_response_records():
    with WARC.open("rb") as fh:
        records = [r for r in ArchiveIterator(fh) if r.rec_type == "response"]
        heads = [(r.rec_headers.get_header("WARC-Target-URI"), r.rec_headers.get_header("WARC-Date"),
                  r.http_headers.get_statuscode()) for r in records]
    dates = {d["file"]: d["date"] for d in TRUTH["dates"]}
    assert len(heads) == 3
    for uri, warc_date, status in heads:
        assert status == "200"
        assert warc_date[:10] == dates[f"wire.warc.gz#{uri}"]
    with gzip.open(WARC, "rb") as fh:  # a real gzip file, one member per record
        assert fh.read(8) == b"WARC/1.0"


def test_make_warc_is_reproducible(tmp_path):
    spec = importlib.util.spec_from_file_location("make_warc", EXAMPLES / "make_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.build(tmp_path / "wire.warc.gz")
    assert out.read_bytes() == WARC.read_bytes()


def test_feed_records_follow_the_contract():
    assert 3 <= len(FEED_RECORDS) <= 4
    for record in FEED_RECORDS.values():
        assert set(record) <= {"id", "text", "html", "url", "title", "date"}
        assert record.get("text") or record.get("html")


@pytest.mark.parametrize("event", TRUTH["events"], ids=lambda e: e["id"])
def test_event_is_coded_and_its_mentions_occur(event):
    assert event["code"] in PLOVER_TYPES
    for key in ("actor_code", "target_code"):
        code = event[key]
        assert code is None or code in ACTOR_CODES_EXTRA or pycountry.countries.get(alpha_3=code), code
    assert re.fullmatch(r"\d{4}-\d\d(-\d\d)?", event["when"])
    done = [m for m in event["mentions"] if m.get("modality") is None]
    assert len({m["file"] for m in done}) >= 2, "each event is reported by two or more outlets"
    for mention in event["mentions"]:
        assert mention["sentence_substring"] in content(mention["file"]), mention


def test_event_types_the_brief_asks_for_are_present():
    codes = {e["code"] for e in TRUTH["events"]}
    assert {"RETREAT", "AGREE", "CONSULT", "PROTEST", "COERCE", "FIGHT", "SANCTION", "THREATEN"} <= codes


@pytest.mark.parametrize("quote", TRUTH["quotes"], ids=lambda q: f"{q['file']}:{q['substring'][:20]}")
def test_quote_occurs(quote):
    text = content(quote["file"])
    assert quote["substring"] in text
    assert quote["speaker"]
    if quote.get("cue"):
        assert quote["cue"] in text


def test_quotes_cover_the_cases_readers_must_handle():
    quotes = TRUTH["quotes"]
    marks = {q.get("marks") for q in quotes}
    assert {"straight", "curly", "curly single"} <= marks
    assert any(q.get("kind") == "multi-paragraph" for q in quotes)
    assert any(q.get("kind") == "mixed" for q in quotes)
    assert any(not q["direct"] for q in quotes)
    cues = " ".join(q.get("cue", "") for q in quotes).lower()
    assert "she added" in cues and "he told" in cues


def test_multi_paragraph_quotes_really_reopen_the_mark():
    for quote in (q for q in TRUTH["quotes"] if q.get("kind") == "multi-paragraph"):
        text = content(quote["file"])
        assert "“" + quote["substring"] in text, "the second paragraph reopens the quote mark"


@pytest.mark.parametrize("claim", TRUTH["claims"], ids=lambda c: c["about"])
def test_claim_statements_occur(claim):
    assert len(claim["statements"]) >= 2
    values = {str(s["value"]) for s in claim["statements"]}
    assert (len(values) == 1) == claim["agree"]
    for statement in claim["statements"]:
        assert statement["substring"] in content(statement["file"]), statement


@pytest.mark.parametrize("item", TRUTH["boilerplate"], ids=lambda b: f"{b['file']}:{b['line'][:20]}")
def test_boilerplate_line_occurs_in_the_raw_page(item):
    text = content(item["file"])
    line = item["line"]
    if item["file"].endswith(".txt") or (item["file"].startswith("feed.jsonl#") and "<" not in text):
        assert line in [x.strip() for x in text.splitlines()]
    else:
        assert line in text


def test_boilerplate_lines_are_not_article_sentences():
    """A line marked boilerplate must not also be quoted, claimed or mentioned as article text."""
    article_bits = [q["substring"] for q in TRUTH["quotes"]]
    article_bits += [m["sentence_substring"] for e in TRUTH["events"] for m in e["mentions"]]
    for item in TRUTH["boilerplate"]:
        if len(item["line"]) >= SHORT_LINE:
            assert not any(item["line"] in bit or bit in item["line"] for bit in article_bits), item


@pytest.mark.parametrize("mention", TRUTH["times"], ids=lambda t: f"{t['file']}:{t['text']}")
def test_time_mentions_occur(mention):
    assert mention["text"] in mention["context"]
    assert mention["context"] in content(mention["file"])


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", re.sub(r"<[^>]+>", " ", text).lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def _jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_duplicates_are_near_copies_and_other_pairs_are_not():
    pairs = {tuple(sorted(p)) for p in TRUTH["duplicates"]}
    assert pairs
    names = sorted({f for f, _ in _articles() if f != "pages/morning-courier-roundup.txt"})
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            score = _jaccard(content(a), content(b))
            if (a, b) in pairs:
                assert score >= DUPLICATE_JACCARD, (a, b, score)
            else:
                assert score <= DISTINCT_JACCARD, (a, b, score)
    for a, b in pairs:  # near, not exact: dedup by hash alone must not find them
        assert content(a) != content(b)


def test_corpus_is_small_and_marked_as_fiction():
    size = sum(p.stat().st_size for p in EXAMPLES.rglob("*") if p.is_file())
    assert size < MAX_CORPUS_BYTES
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "All events, people, quotes and outlets in this folder are invented." in readme
