"""Cut an article's text into segments for highlighting entities, times, quotes and events.

Annotations overlap (an entity inside a quote inside an event sentence), so instead of nesting
markup the text is cut at every annotation boundary; each segment carries the set of
annotations covering it. The template renders each segment as one escaped span (or a link to
the entity page), so no annotation can break the markup.
"""
from __future__ import annotations

import re

# Sentence starts are cut points too, so a citation's offset usually lands on a segment start
# and ``#at-OFFSET`` links straight to it.
SENTENCE_START = re.compile(r"(?<=[.!?\u201d\"'])\s+(?=\S)|\n+")
KINDS = ("event", "quote", "time", "entity")  # outermost first: the last one found wins the link


def segments(text: str, entities=(), times=(), quotes=(), events=()) -> list[dict]:
    """[{"text", "classes": [...], "entity": canonical|None, "title": str, "event": n|None}]"""
    spans = []
    for kind, items in (("event", events), ("quote", quotes), ("time", times), ("entity", entities)):
        for n, item in enumerate(items):
            start, end = _clamp(item.get("start"), len(text)), _clamp(item.get("end"), len(text))
            if start is not None and end is not None and start < end:
                spans.append((start, end, kind, n, item))
    sentences = {m.end() for m in SENTENCE_START.finditer(text)}
    cuts = sorted({0, len(text), *sentences, *(s[0] for s in spans), *(s[1] for s in spans)})
    out = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s[0] <= left and right <= s[1]]
        out.append(_segment(text[left:right], covering) | {"start": left})
    return _merge(out, sentences)


def _segment(piece: str, covering: list) -> dict:
    classes, titles, entity, event = [], [], None, None
    for kind in KINDS:
        for _, _, k, n, item in covering:
            if k != kind:
                continue
            if kind not in classes:
                classes.append(kind)
            if kind == "entity":
                entity = item.get("canonical") or item.get("text")
                classes.append(f"ent-{(item.get('label') or 'misc').lower()}")
                titles.append(f"{item.get('label')}: {entity}")
            elif kind == "time":
                titles.append(f"{item.get('type')} {item.get('value')}")
            elif kind == "quote":
                titles.append(f"quote by {item.get('speaker') or 'unknown speaker'}")
            else:
                event = n
                titles.append(f"event {item.get('code')}: {item.get('action')}")
    return {"text": piece, "classes": classes, "entity": entity, "title": "; ".join(titles), "event": event}


def _merge(parts: list[dict], keep: set[int]) -> list[dict]:
    """Join neighbours with the same annotations (fewer spans, same rendering), keeping a
    segment start at every sentence start."""
    merged: list[dict] = []
    same = ("classes", "entity", "title", "event")
    for part in parts:
        if merged and part["start"] not in keep and all(merged[-1][k] == part[k] for k in same):
            merged[-1]["text"] += part["text"]
        else:
            merged.append(part)
    return merged


def _clamp(value, length: int) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return max(0, min(value, length))
