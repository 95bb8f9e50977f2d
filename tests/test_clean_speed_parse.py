"""The faster parse of the clean step gives trafilatura's tree, and what it drops holds no text."""
from __future__ import annotations

import threading

from lxml import etree
from lxml.html import HtmlElement, tostring
from trafilatura.utils import load_html, repair_faulty_html

from storyline.clean import html, lang

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Harbour reopens</title>
<meta name="author" content="Mira Olsen"><meta property="og:site_name" content="Coast Daily"></head>
<body><nav><a href="/">Home</a></nav>
<article><h1>Harbour reopens after the storm</h1>
<p>The harbour of Varnes reopened on Tuesday, three weeks after the storm that sank two ferries.</p>
<svg viewBox="0 0 10 10"><path d="M0 0h10"/><title>icon</title></svg>after the icon
<p>Pilots said the channel had been dredged <video src="a.mp4">Your browser cannot play this.</video>
to nine metres, deep enough for the largest ferries.</p>
<form><label>Email</label><input name="e" value="you@example.org"><select><option>Daily</option></select>
<button>Sign up</button></form>
<aside><h3>Related</h3><p>Ferry fares rise again</p></aside>
</article><footer><p>Copyright Coast Daily</p></footer></body></html>"""


def test_parse_gives_the_tree_trafilatura_parses():
    for page in (PAGE, "<html><body><p>one\x0b line\x00 with control characters</p><p>two</p></body></html>",
                 '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p><p>x</p></body></html>'):
        ours, theirs = html.parse_html(page), load_html(html.prepare_html(page))
        assert tostring(ours) == tostring(theirs)


def test_plain_text_or_a_fragment_is_no_page():
    assert html.parse_html("just a line of text, no markup at all") is None
    assert html.parse_html("<p>a lone paragraph</p>") is None


def test_elements_are_plain_html_elements_chosen_without_a_python_lookup():
    tree = html.parse_html(PAGE)
    form = tree.find(".//form")
    assert type(form) is HtmlElement  # lxml's own lookup would give a FormElement
    assert form.text_content().strip().startswith("Email")  # HtmlElement methods are there


def test_each_thread_has_its_own_parser():
    mine = html._html_parser()
    theirs = []
    t = threading.Thread(target=lambda: theirs.append(html._html_parser()))
    t.start()
    t.join()
    assert html._html_parser() is mine and theirs[0] is not mine


def test_repair_markup_is_trafilaturas_repair():
    cases = ["<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML' />\n<html><p>a\x00b\ufffe c\x1f</p></html>",
             "<html lang='en'/>\n<body>x\x0b y</body>", "\x01\x02", "plain", "<p>caf\u00e9 \U0001F600</p>",
             "<!doctype html>\n<html/>"]
    for text in cases:
        beginning = text[:50].lower()
        assert html.repair_markup(text, beginning) == repair_faulty_html(text, beginning), text


def test_forbidden_characters_are_found_wherever_they_are():
    assert not html.has_forbidden_xml_chars("tab\tnew line\ncarriage\r and caf\u00e9")
    for bad in ("\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff"):
        assert html.has_forbidden_xml_chars(f"caf\u00e9 {bad} \U0001F600"), repr(bad)


def test_read_page_reads_metadata_then_drops_textless_elements_keeping_tails():
    tree, info = html.read_page(PAGE)
    assert info["author"] == "Mira Olsen"  # read from <meta> before the tags go
    for tag in ("svg", "video", "input", "select", "label", "meta", "footer", "aside"):
        assert tree.find(f".//{tag}") is None, tag
    text = " ".join(tree.find(".//article").text_content().split())
    assert "after the icon" in text and "to nine metres" in text
    assert "icon after" not in text and "cannot play" not in text and "you@example.org" not in text
    assert "Ferry fares" not in text and "Copyright" not in tree.text_content()
    assert tree.find(".//button") is not None  # not dropped: its removal changed dev pages


def test_drop_elements_keeps_the_tail_of_a_first_child():
    tree = etree.fromstring("<div><p>lead <svg><title>x</title></svg>tail one</p></div>")
    html.drop_elements(tree, ("svg",))
    assert etree.tostring(tree) == b"<div><p>lead tail one</p></div>"


def test_english_prose_is_told_without_the_identifier():
    english = ("The council said on Monday that the new bridge would open in the spring, and that "
               "the old one would be closed to cars for good after it had been checked by the engineers.")
    spanish = ("El consejo dijo el lunes que el nuevo puente se abrirá en la primavera y que el viejo "
               "quedará cerrado a los coches para siempre después de que lo revisen los ingenieros.")
    assert lang.looks_english(english) and lang.detect_language(english) == "en"
    assert not lang.looks_english(spanish) and lang.detect_language(spanish) == "es"
    assert not lang.looks_english("the and of to in")  # too few words to tell: the identifier decides


def _stage2_one_line_at_a_time(feats, p1):
    """The stage-2 features as first written, line by line, without arrays."""
    from storyline.clean import text

    i_struct = [text.FEATURES.index(k) for k in ("is_head", "is_item", "is_row")]
    near, mid, far = text.NEAR, text.MID, text.FAR
    out = []
    for i, f in enumerate(feats):
        enclosed = min(max(p1[max(0, i - near):i], default=0.0), max(p1[i + 1:i + near + 1], default=0.0))
        out.append(f + [p1[i], text._window_mean(p1, i, near), text._window_mean(p1, i, mid),
                        text._window_mean(p1, i, far), max(p1[max(0, i - far):i], default=0.0),
                        max(p1[i + 1:i + far + 1], default=0.0), enclosed,
                        enclosed * max(f[k] for k in i_struct)])
    return out


def test_line_probabilities_on_arrays_are_the_list_computation():
    import random

    from storyline.clean import text

    rng = random.Random(11)
    lines = ["Breaking: council votes", "Home | News | Sport", "Share this"] + [
        " ".join(rng.choice(["the", "bridge", "council", "said", "on", "Monday", "it", "would",
                             "open", "in", "spring", "2024", "Read", "more"]) for _ in range(rng.randint(1, 40)))
        + rng.choice([".", "", "?", ":"]) for _ in range(60)]
    kinds = [rng.choice(["p", "head", "item", "row", "p", "p"]) for _ in lines]
    links = [rng.choice([0.0, 0.0, 0.4, 1.0]) for _ in lines]
    for model_name, page in (("text", text.page_features(lines)),
                             ("html", text.page_features(lines, kinds=kinds, links=links, line_language=False))):
        model = text.load_model()[model_name]
        p1 = text._logits(model["stage1"], page.features)
        expected = text._logits(model["stage2"], _stage2_one_line_at_a_time(page.features, p1))
        got = text.line_probabilities(page, model)
        assert len(got) == len(expected) and max(abs(a - b) for a, b in zip(got, expected)) < 1e-12
        listed = text.stage2_features(page.features, p1)  # what training reads: the same columns
        reference = _stage2_one_line_at_a_time(page.features, p1)
        assert max(abs(a - b) for r, q in zip(listed, reference) for a, b in zip(r, q)) < 1e-12
    assert text.line_probabilities(text.page_features([]), text.load_model()["text"]) == []


def test_a_line_already_counted_for_a_page_is_not_counted_twice():
    from storyline.clean import stage, text
    from storyline.model import Article, RawPage
    from storyline.pipeline import Context

    page = "Share this story\nThe harbour of Varnes reopened on Tuesday after three weeks of repairs.\n"
    ctx = Context()
    raw = RawPage(source="t", kind="text", content=page)
    stage.clean_text(Article(source="t", page=raw), ctx, counted=frozenset({text.normalize_line("Share this story")}))
    seen = ctx.cache[stage.CACHE_ACROSS]
    assert text.normalize_line("Share this story") not in seen
    stage.clean_text(Article(source="t", page=raw), ctx)
    assert seen[text.normalize_line("Share this story")] == 1


def test_drop_head_keeps_json_ld_and_stray_body_elements():
    tree = html.parse_html(
        "<html><head><title>T</title><link rel='canonical' href='/a'><style>p{}</style>"
        "<script type='application/ld+json'>{\"articleBody\": \"x\"}</script><script>var a;</script>"
        "</head><body><p>Body text of the page.</p><p>More.</p></body></html>")
    head = tree.find("head")
    head.append(etree.fromstring("<div>stray text</div>", etree.HTMLParser()).find(".//div"))
    html.drop_head(tree)
    assert [el.tag for el in head] == ["script", "div"]
    assert "ld+json" in head[0].get("type") and tree.find(".//body/p") is not None
