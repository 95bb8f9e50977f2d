"""``storyline report``: the web pages written as static files (``static.write_report``)."""
