"""Storyline's exceptions and the coded reasons a page is rejected.

Expected rejections (an empty file, a binary file, a JSON line without text) are not
exceptions that escape: the ingest layer records them as :class:`Rejection` and goes on with
the next input. Real faults use the small tree below::

    StorylineError
     ├── InputError        an input cannot be read at all (missing path, bad URL)
     ├── StoreError        the database is unusable (wrong schema version, locked too long)
     └── StageError        a stage failed on a record (wraps the original exception)
"""
from __future__ import annotations

from dataclasses import dataclass


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""


class InputError(StorylineError):
    pass


class StoreError(StorylineError):
    pass


class StageError(StorylineError):
    def __init__(self, stage: str, source: str, cause: BaseException):
        super().__init__(f"{stage}: {source}: {type(cause).__name__}: {cause}")
        self.stage, self.source, self.cause = stage, source, cause


# Stable codes for rejection reasons, so scripts can grep stderr.
REASONS = {
    "E001": "empty input",
    "E002": "binary content, not a text or HTML page",
    "E003": "input larger than the size limit",
    "E004": "not valid JSON",
    "E005": "JSON record has neither 'text' nor 'html'",
    "E006": "cannot read the file",
    "E007": "truncated or corrupt archive",
    "E008": "no such file or folder",
    "E009": "fetch failed",
    "E010": "disallowed by robots.txt",
    "E011": "no article found on the page",
    "E012": "a stage failed on this input",
    "E013": "unsupported file type",
}


@dataclass
class Rejection:
    """One input that was not processed, and why. Printed as one line on stderr."""

    source: str
    code: str
    detail: str = ""

    def __str__(self) -> str:
        reason = REASONS.get(self.code, "rejected")
        extra = f" ({self.detail})" if self.detail else ""
        return f"storyline: {self.source}: {self.code} {reason}{extra}"
