"""The one spaCy parse every reader shares (entities, times, quotes and events never re-parse)."""
from __future__ import annotations

from ..model import Article
from ..pipeline import Context, register

# spaCy's own default; texts longer than this are parsed anyway (we raise nlp.max_length), but
# batches are cut so one huge article does not hold a whole batch in memory.
PIPE_BATCH_SIZE = 32


def load_nlp(ctx: Context):
    """The spaCy pipeline named in the settings, loaded once per process."""
    key = ("nlp", ctx.settings.model)
    if key not in ctx.cache:
        import spacy

        nlp = spacy.load(ctx.settings.model)
        nlp.max_length = max(nlp.max_length, ctx.settings.max_input_bytes)
        ctx.cache[key] = nlp
    return ctx.cache[key]


# Key of the document's text in ``Doc.user_data``: spaCy rebuilds ``doc.text`` from the tokens on
# every access, which made it a third of the readers' time when they asked for it per cue.
TEXT_KEY = "storyline.text"


def doc_text(doc) -> str:
    """``doc.text``, built once per document."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@register("parse", step="read", reads=("text",), writes=("doc",), batch=True)
def parse(articles: list[Article], ctx: Context) -> list[Article]:
    nlp = load_nlp(ctx)
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=PIPE_BATCH_SIZE)):
        doc.user_data[TEXT_KEY] = article.text  # the parse keeps the text exactly
        article.doc = doc
    return articles
