"""Quotation marks: the stretches of an article's text that stand inside quote marks.

Handles straight (") and curly (\u201c \u201d) double marks, and quotes that run over several
paragraphs: a paragraph that opens a mark and never closes it continues into the next
paragraph when that one reopens the mark (the newspaper convention). Single marks are left
alone: they double as apostrophes and nest inside double quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"\u201c", "\u201e", "\u00ab"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'

# An unclosed quote at the end of a paragraph that is not continued is closed there if it
# is at most this long; longer ones are more likely a stray mark than a quote.
MAX_UNCLOSED_CHARS = 600


@dataclass
class Segment:
    """Content between marks (offsets exclude the marks), within one paragraph."""

    start: int
    end: int
    para: int  # index of the paragraph it lies in
    para_start: bool  # the mark opens the paragraph: a quote that stands on its own
    continued: bool = False  # continues a quote from the previous paragraph

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_opening_straight(text: str, i: int) -> bool:
    """A straight mark opens when it follows a space, a line start or an opening bracket."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014-/"


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quotes in one paragraph, and the content start of a quote left open at its end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch == "'" and text[i + 1:i + 2] == "'" and not text[i - 1:i] == "'":
            ch = STRAIGHT  # two apostrophes stand for a double mark in some wire copy
            if open_at is None and _is_opening_straight(text, i):
                open_at = i + 2
                continue
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
            continue
        if ch in OPENERS or (ch == STRAIGHT and open_at is None and _is_opening_straight(text, i)):
            if open_at is None:
                open_at = i + 1
            continue
        if open_at is not None and (ch in CLOSERS or ch == STRAIGHT):
            spans.append((open_at, i))
            open_at = None
    return spans, open_at


def _starts_with_mark(text: str, start: int, end: int) -> bool:
    first = text[start:end].lstrip()[:2]
    return first[:1] in OPENERS or first[:1] == STRAIGHT or first == "''"


def find_segments(text: str) -> list[Segment]:
    """Every stretch of quoted content in the text, one Segment per paragraph piece."""
    segs: list[Segment] = []
    paras = paragraphs(text)
    carried = False  # the previous paragraph left a quote open
    for k, (ps, pe) in enumerate(paras):
        spans, open_at = _scan_paragraph(text, ps, pe)
        lead = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
        for s, e in spans:
            segs.append(Segment(s, e, k, para_start=(s - lead <= 2), continued=carried and s - lead <= 2))
        carried = False
        if open_at is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if nxt is not None and _starts_with_mark(text, *nxt):
                carried = True
                segs.append(Segment(open_at, pe, k, para_start=(open_at - lead <= 2)))
            elif pe - open_at <= MAX_UNCLOSED_CHARS:
                segs.append(Segment(open_at, pe, k, para_start=(open_at - lead <= 2)))
    return [_trim(text, s) for s in segs if text[s.start:s.end].strip()]


def _trim(text: str, seg: Segment) -> Segment:
    """Drop edge spaces from a segment's content."""
    while seg.start < seg.end and text[seg.start].isspace():
        seg.start += 1
    while seg.end > seg.start and text[seg.end - 1].isspace():
        seg.end -= 1
    return seg
