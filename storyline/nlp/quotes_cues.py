"""Cues of attribution: reporting verbs and nouns, "according to", "Name: ...".

Each cue carries its speaker mention (``quotes_speakers``) and, where the parse gives one,
its content span: the clause of a verb of saying or thinking ("said that ..."), the
to-infinitive of a verb of intent ("vowed to ..."), the object of a verb of stance ("criticised
the deal"), by the verb's classes in ``storyline/data/quotes_verbs.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .quotes_marks import Segment
from .quotes_speakers import Speakers, is_human, subject_of

# Words around a complement-less cue taken as its content: fewer are an adverb or a name
# ("Yes, he said"), not a statement.
MIN_AROUND_TOKENS = 3

# A cue of saying with a subject but no complement the parse could find takes the rest of its
# sentence ("Smith said on Monday the plant will close", parsed flat): dev +0.008 recall.
AFTER_FALLBACK = True

# "SMITH: ..." or "Sen. Jane Smith: ..." at a line start (transcripts, headlines): at most
# four capitalised words before the colon.
LINE_COLON_RE = re.compile(r"(?m)^[\"\u201c']*((?:[A-Z][\w.'\u2019-]* ){0,3}[A-Z][\w.'\u2019-]*):\s+")

QUOTE_EDGE = " \t\n,;:-\u2013\u2014\"'\u201c\u201d\u2018\u2019"

CONTENT_DEPS = {"speech": ("ccomp",), "belief": ("ccomp",), "intent": ("xcomp",),
                "object": ("dobj",), "noun": ("acl", "ccomp"), "addressee": (),
                "appearance": ("ccomp",)}

CONTENT_PREPS = {"about", "on", "of", "to", "for", "against", "at", "over"}

# Every lexicon verb also attributes its object and its prepositional object ("pointed to the
# polls", "commented on the deal"): PolNeAR-style attribution counts these; on PolNeAR dev
# this raised overlap F1 from 0.750 to 0.778 at a cost of 0.02 precision.
OBJ_ALL = True

# Verbs outside the lexicon with a person or body as subject and a clause as complement are
# cues too (dev: +0.01 recall, -0.015 precision).
GENERIC_CLAUSE_CUES = True

# Attributing nouns ("her criticism of ...", "the claim that ...") are cues (dev: +0.03 recall).
NOUN_CUES = True


@lru_cache(maxsize=1)
def load_verbs() -> dict[str, frozenset[str]]:
    """The reporting-verb lexicon: lemma -> its classes (speech, belief, intent, object)."""
    text = resources.files("storyline.data").joinpath("quotes_verbs.tsv").read_text("utf-8")
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, classes = line.split("\t")
            out.setdefault(lemma.strip(), set()).update(c.strip() for c in classes.split(","))
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class Cue:
    """A reporting verb (or phrase) with its speaker mention and its content span."""

    start: int  # the cue words
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    content: tuple[int, int] | None  # the attributed clause, if the parse gives one
    speech: bool  # can attach a direct quote
    human: bool = False  # the speaker is a person or body (not "the figures", "the areas")


# ---------------------------------------------------------------- cues
def _span_of(tokens) -> tuple[int, int]:
    lo = min(t.left_edge.i for t in tokens)
    hi = max(t.right_edge.i for t in tokens)
    return lo, hi


def _char_span(doc, lo: int, hi: int, text: str) -> tuple[int, int] | None:
    s, e = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    while s < e and text[s] in QUOTE_EDGE:
        s += 1
    while e > s and text[e - 1] in QUOTE_EDGE + ".":
        e -= 1
    return (s, e) if e > s else None


def content_of(tok, classes: frozenset[str]) -> tuple[int, int] | None:
    """The attributed content of a cue verb by its classes: clause, infinitive or object."""
    doc = tok.doc
    deps = {d for c in classes for d in CONTENT_DEPS[c]}
    parts = [c for c in tok.children if c.dep_ in deps]
    if "object" in classes and tok.lemma_ == "call":
        parts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                  for g in c.children if g.dep_ == "pobj"]
    if "object" in classes:
        parts += [c for c in tok.children if c.dep_ in {"oprd"}]
    if OBJ_ALL and "noun" not in classes:
        if "addressee" not in classes:
            parts += [c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
        parts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
                  for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    if "appearance" in classes:  # "the race seemed close": no source; the subject is the matter
        parts += [c for c in tok.children if c.dep_ == "nsubj" and c.lower_ != "it"]
    if not parts and "speech" in classes:
        parts = [c for c in tok.children if c.dep_ == "advcl" and _is_reported_clause(c)]
    if not parts:
        return _around(tok) if "speech" in classes else None
    lo, hi = _span_of(parts)
    if lo <= tok.i <= hi:  # the complement wraps the verb: keep the side after it
        lo = tok.i + 1
    return _char_span(doc, lo, hi, doc.text) if lo <= hi else None


def _is_reported_clause(tok) -> bool:
    """An adverbial clause that is really what was said: it has its own subject and no
    subordinator ("said after the meeting he would resign")."""
    has_subj = any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    has_mark = any(c.dep_ == "mark" for c in tok.children)
    return has_subj and not has_mark


def _around(tok) -> tuple[int, int] | None:
    """Content around a cue that has no complement of its own: the clause it interrupts
    ("The goal, he said, is ...") or the words before it ("Prices will rise, she said.")."""
    doc, sent = tok.doc, tok.sent
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    lo = min(tok.i, subj.left_edge.i) if subj is not None else tok.i
    hi = max(tok.i, subj.right_edge.i) if subj is not None else tok.i
    if tok.dep_ == "parataxis" and tok.head.i != tok.i:
        head = tok.head
        before = (head.left_edge.i, lo - 1)
        after = (hi + 1, head.right_edge.i)
        side = max((before, after), key=lambda r: r[1] - r[0])
        if side[1] - side[0] + 1 >= MIN_AROUND_TOKENS:
            return _char_span(doc, side[0], side[1], doc.text)
        return None
    if tok.dep_ == "ROOT" and lo - sent.start >= MIN_AROUND_TOKENS:
        return _char_span(doc, sent.start, lo - 1, doc.text)
    end = sent.end - 1
    if AFTER_FALLBACK and subj is not None and end - hi >= MIN_AROUND_TOKENS:
        return _char_span(doc, hi + 1, end, doc.text)
    return None


def in_segments(pos: int, segs: list[Segment]) -> bool:
    return any(s.start <= pos < s.end for s in segs)


def _outside_subject(tok, segs: list[Segment]):
    """Another subject outside quote marks, else the first noun after a cue: the speaker of
    '"...," said X' when the parser took a word of the quote for the subject."""
    for child in tok.children:
        if child.dep_ == "nsubj" and not in_segments(child.idx, segs):
            return child
    for child in tok.rights:
        if child.pos_ in {"NOUN", "PROPN", "PRON"} and not in_segments(child.idx, segs):
            return child
    return None


def generic_classes(tok, subj, speakers: Speakers) -> frozenset[str]:
    """A verb outside the lexicon still attributes when a person or body is its subject and
    it takes a clause ("Cruz hinted that ..."): such verbs are verbs of saying or thinking."""
    if not GENERIC_CLAUSE_CUES or not is_human(subj, speakers):
        return frozenset()
    if any(c.dep_ == "ccomp" for c in tok.children):
        return frozenset({"belief"})
    return frozenset()


def verb_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    verbs = load_verbs()
    cues = []
    for tok in doc:
        classes = verbs.get(tok.lemma_.lower())
        if tok.pos_ not in {"VERB", "AUX"} or in_segments(tok.idx, segs):
            continue
        subj = subject_of(tok, speakers)
        if subj is not None and in_segments(subj.idx, segs):
            subj = _outside_subject(tok, segs)  # words inside quote marks never speak
        if not classes:
            classes = generic_classes(tok, subj, speakers)
            if not classes:
                continue
        if subj is None or "appearance" in classes:
            name, s0, s1 = None, None, None
        else:
            name, s0, s1 = speakers.name(subj)
        content = content_of(tok, classes)
        cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content,
                        "speech" in classes, is_human(subj, speakers)))
    return cues


def noun_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    """Attributing nouns: "Trump's claim that ...", "her criticism of the deal"."""
    verbs = load_verbs()
    cues = []
    for tok in doc:
        classes = verbs.get(tok.lemma_.lower())
        if not classes or "noun" not in classes or tok.pos_ != "NOUN" or in_segments(tok.idx, segs):
            continue
        parts = [c for c in tok.children if c.dep_ in {"acl", "ccomp"} and
                 any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        parts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "about", "on", "against"}
                  for g in c.children if g.dep_ in {"pobj", "pcomp"}]
        if not parts:
            continue
        lo, hi = _span_of(parts)
        content = _char_span(doc, lo, hi, doc.text)
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None:  # "X renewed her criticism of ...": the verb's subject holds it
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            if tok.dep_ in {"dobj", "pobj"} and verb.pos_ in {"VERB", "AUX"}:
                holder = subject_of(verb, speakers)
        name, s0, s1 = speakers.name(holder) if holder is not None else (None, None, None)
        if content:
            cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content, False))
    return cues


def according_cues(doc, speakers: Speakers) -> list[Cue]:
    """"according to X, ...": X speaks the rest of the sentence."""
    cues = []
    for tok in doc:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            continue
        name, s0, s1 = speakers.name(obj)
        sent = tok.sent
        lo, hi = tok.left_edge.i, tok.right_edge.i
        if lo - sent.start >= sent.end - 1 - hi:  # the phrase ends the sentence
            content = _char_span(doc, sent.start, lo - 1, doc.text) if lo > sent.start else None
        else:
            content = _char_span(doc, hi + 1, sent.end - 1, doc.text) if hi + 1 < sent.end else None
        end = to.idx + len(to.text)
        cues.append(Cue(tok.idx, end, doc.text[tok.idx:end], name, s0, s1, content, True, True))
    return cues


def colon_cues(doc, speakers: Speakers) -> list[Cue]:
    """A line or sentence that opens with a name and a colon: "Trump: the deal is dead",
    a transcript's "SMITH: We will ..."."""
    cues = line_colon_cues(doc, speakers)
    taken = {c.start for c in cues}
    text = doc.text
    for e in speakers.ents:
        if e.label not in {"PERSON", "ORG"} or text[e.end:e.end + 1] != ":":
            continue
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or span.start != span.sent.start:
            continue
        sent_end = span.sent.end_char
        line_end = text.find("\n", e.end)
        end = min(sent_end, line_end) if line_end >= 0 else sent_end
        content = (e.end + 1, end)
        s, t = content
        while s < t and text[s] in QUOTE_EDGE:
            s += 1
        while t > s and text[t - 1] in QUOTE_EDGE + ".":
            t -= 1
        if t - s > 0 and e.end not in taken:
            cues.append(Cue(e.end, e.end + 1, ":", e.canonical, e.start, e.end, (s, t), True, True))
    return cues


def line_colon_cues(doc, speakers: Speakers) -> list[Cue]:
    """A line that opens with a short capitalised name and a colon."""
    cues = []
    text = doc.text
    for m in LINE_COLON_RE.finditer(text):
        s, t = m.end(), text.find("\n", m.end())
        t = len(text) if t < 0 else t
        while t > s and text[t - 1] in QUOTE_EDGE + ".":
            t -= 1
        if t <= s:
            continue
        ent = speakers.entity_at(m.start(1), m.end(1))
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if ent is None and not m.group(1).isupper() and (label is None or label[-1].pos_ != "PROPN"):
            continue  # "Breaking: ...", "So: ...": a label, not a speaker
        if ent is not None and ent.end > m.end(1):
            ent = None  # NER ran over the colon: the label itself is the name
        name = ent.canonical if ent is not None else m.group(1).title()
        cues.append(Cue(m.end(1), m.end(1) + 1, ":", name, m.start(1), m.end(1), (s, t), True, True))
    return cues


def find_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    """Every cue of the article, in text order."""
    cues = verb_cues(doc, speakers, segs) + according_cues(doc, speakers) + colon_cues(doc, speakers)
    if NOUN_CUES:
        cues += noun_cues(doc, speakers, segs)
    return sorted(cues, key=lambda c: c.start)
