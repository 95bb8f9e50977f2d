"""The stage registry: order checks, one bad record never stops a batch, the public API."""
from __future__ import annotations

import pytest

import storyline
from storyline.config import Settings
from storyline.model import Article, RawPage
from storyline.pipeline import STAGES, Context, check_order, load_builtin_stages, register, run_stage


def test_public_api_is_pinned():
    assert sorted(storyline.__all__) == ["Article", "Entity", "Event", "Quote", "RawPage", "Settings", "Store",
                                         "TimeMention", "extract", "extract_text", "ingest"]
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None


def test_builtin_stages_declare_a_valid_order():
    load_builtin_stages()
    check_order(["clean", "parse", "entities", "times", "quotes", "events"])
    with pytest.raises(ValueError, match="quotes"):
        check_order(["clean", "quotes", "parse", "entities"])
    assert {"clean", "parse", "entities", "times", "quotes", "events"} <= set(STAGES)


def test_a_failing_record_is_rejected_and_the_batch_goes_on():
    @register("explode_on_b", step="test", reads=("text",), writes=("title",))
    def explode(article, ctx):
        if article.source == "b":
            raise RuntimeError("boom")
        article.title = "ok"
        return [article]

    try:
        ctx = Context(settings=Settings())
        batch = [Article(source=s, text=s) for s in "abc"]
        out = run_stage(STAGES["explode_on_b"], batch, ctx)
        assert [a.source for a in out] == ["a", "c"] and all(a.title == "ok" for a in out)
        assert [(r.source, r.code) for r in ctx.rejections] == [("b", "E012")]
        assert "boom" in str(ctx.rejections[0])
    finally:
        del STAGES["explode_on_b"]


def test_plain_text_is_kept_exactly():
    text = "  Leading spaces and a trailing newline stay.\n"
    [article] = storyline.extract_text(text, date="2024-04-19", plain=True,
                                       settings=Settings(readers=()))
    assert article.text == text and article.date == "2024-04-19"


def test_raw_page_hash_is_of_the_bytes_as_received():
    page = RawPage(source="x", kind="text", content="é", raw="é".encode("latin-1"))
    assert page.without_raw().sha256 == page.sha256 and page.without_raw().raw == b""
