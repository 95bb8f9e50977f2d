"""storyline's web pages: the ``storyline serve`` app (``app.create_app``; needs the ``web``
extra: FastAPI and uvicorn) and what it shares with the static report (``storyline.report``):
page data (``queries``, ``pairs``), chart specs (``charts``), text highlighting
(``highlight``), and the Jinja2 templates with their link schemes (``render``).

Only ``app`` imports FastAPI, so the static report needs nothing beyond Jinja2.
"""
