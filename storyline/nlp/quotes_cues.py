"""Cues of attribution: reporting verbs (active and passive), nouns and adjectives of stance,
"according to", source phrases ("In a new poll, ..."), "Name: ...".

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
from .quotes_speakers import Speakers, clitic_has, doc_text, is_human, subject_of

# Words around a complement-less cue taken as its content: fewer are an adverb or a name
# ("Yes, he said"), not a statement.
MIN_AROUND_TOKENS = 3

# A cue of saying with a subject but no complement the parse could find takes the rest of its
# sentence ("Smith said on Monday the plant will close", parsed flat): dev +0.008 recall.
AFTER_FALLBACK = True

# "SMITH: ..." or "Sen. Jane Smith: ..." at a line start (transcripts, headlines): at most
# four capitalised words before the colon.
LINE_COLON_RE = re.compile(r"(?m)^[\"\u201c']*((?:[A-Z][\w.'\u2019-]* ){0,3}[A-Z][\w.'\u2019-]*):\s+")

# Common nouns that headlines use as a source before a colon ("Poll: ...", "Report: ...").
HEADLINE_SOURCES = {"poll", "polls", "survey", "report", "study", "sources", "officials", "police",
                    "analysis", "audit", "memo", "lawsuit", "documents", "emails", "aides"}

QUOTE_EDGE = " \t\n,;:-\u2013\u2014\"'\u201c\u201d\u2018\u2019"

CONTENT_DEPS = {"speech": ("ccomp",), "belief": ("ccomp",), "intent": ("xcomp",),
                "object": ("dobj",), "noun": ("acl", "ccomp"), "addressee": (),
                "appearance": ("ccomp",), "human": (), "adjective": ()}

# Prepositions whose object is what a cue is about; "as" carries a verdict ("described her as
# reckless", "seen as a boon"; PolNeAR dev +0.001 F1 on both halves).
CONTENT_PREPS = {"about", "on", "of", "to", "for", "against", "at", "over", "as"}
# Prepositions that name whom (or where) a verb of the "addressee" class speaks to ("spoke to
# reporters", "talked with donors", "spoke at a rally").
ADDRESSEE_PREPS = {"to", "with", "at"}

# Every lexicon verb also attributes its object and its prepositional object ("pointed to the
# polls", "commented on the deal"): PolNeAR-style attribution counts these; on PolNeAR dev
# this raised overlap F1 from 0.750 to 0.778 at a cost of 0.02 precision.
OBJ_ALL = True

# Verbs outside the lexicon with a person or body as subject and a clause as complement are
# cues too (dev: +0.01 recall, -0.015 precision).
GENERIC_CLAUSE_CUES = True

# Attributing nouns ("her criticism of ...", "the claim that ...") are cues (dev: +0.03 recall).
NOUN_CUES = True

# A lexicon verb whose class-given complement the parse did not produce takes whatever clause
# or object follows it (the small parser mixes up ccomp, xcomp and dobj). PolNeAR dev: +0.007
# recall, overlap F1 +0.003 to +0.004 on both halves.
ANY_COMPLEMENT = True

# Phrases that open a sentence and name its source ("In a new poll, ...", "By one estimate, ...").
# Only at the start of a sentence: "he has risen in the polls" was right half the time.
SOURCE_PP_CUES = True
# ("For many voters, ..." was tried too: on PolNeAR dev it was right one time in four.)
SOURCE_PREPS = {"in", "by"}
# Nouns for documents and counts that a claim can come from.
SOURCE_NOUNS = {"poll", "survey", "study", "report", "estimate", "analysis", "statement", "interview",
                "letter", "memo", "filing", "op-ed", "editorial", "column", "speech", "tweet", "post",
                "video", "ad", "book", "ruling", "count", "tally", "projection", "forecast", "view",
                "opinion", "account", "assessment", "testimony", "remarks", "message", "email"}

# Particles of phrasal cue verbs that the parser may tag as adverbs ("shot back").
PARTICLES = {"back", "out", "in", "up", "off", "down"}

# Words that stand for a whole statement ("Cruz thinks so", "McCarthy revealed this").
PROFORMS = {"so", "this", "that"}

# Entity types that never speak: "said Monday" is a time, not a speaker.
TIME_ENTS = {"DATE", "TIME"}

# Prepositions that name who holds a noun cue's view when no possessor does.
HOLDER_PREPS = {"from", "by", "among"}

# Cue verbs in the passive take their subject as content and their agent as source ("the deal
# was criticized by Democrats", "Trump is expected to win"). PolNeAR dev: +0.005 recall.
PASSIVE_CUES = True

# Adjectives of stance ("is concerned that ...") are cues (PolNeAR dev: +0.002 recall; "open"
# was dropped from the list, right less than half the time).
ADJECTIVE_CUES = True

# Linking verbs after which an adjective of stance describes its subject's view ("is
# concerned that", "remains skeptical of", "grew wary of").
LINKING_VERBS = {"be", "seem", "remain", "become", "grow", "appear", "sound", "stay", "feel", "look"}

# Prepositions after an adjective of stance that carry what the stance is about ("aware of",
# "happy with", "outspoken in", "opposed to").
ADJECTIVE_PREPS = CONTENT_PREPS | {"with", "in"}


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
        preps = CONTENT_PREPS - ADDRESSEE_PREPS if "addressee" in classes else CONTENT_PREPS
        parts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                  for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    if "appearance" in classes:  # "the race seemed close": no source; the subject is the matter
        parts += [c for c in tok.children if c.dep_ == "nsubj" and c.lower_ != "it"]
    if not parts and "speech" in classes:
        parts = [c for c in tok.children if c.dep_ == "advcl" and _is_reported_clause(c)]
    if not parts and classes & {"speech", "belief"}:  # "thinks so", "revealed this"
        parts = [c for c in tok.children if c.i > tok.i and c.lower_ in PROFORMS
                 and c.dep_ in {"advmod", "dobj"}]
    if not parts and ANY_COMPLEMENT:  # "want all immigrants to be deported" parsed as a clause
        parts = [c for c in tok.children if c.i > tok.i and (c.dep_ in {"ccomp", "xcomp"} or (
            c.dep_ == "dobj" and "addressee" not in classes and c.pos_ != "PRON"))]
    if not parts:
        return _around(tok) if "speech" in classes else None
    lo, hi = _span_of(parts)
    if lo <= tok.i <= hi:  # the complement wraps the verb: keep the side after it
        lo = tok.i + 1
    return _char_span(doc, lo, hi, doc_text(doc)) if lo <= hi else None


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
            return _char_span(doc, side[0], side[1], doc_text(doc))
        return None
    if tok.dep_ == "ROOT" and lo - sent.start >= MIN_AROUND_TOKENS:
        return _char_span(doc, sent.start, lo - 1, doc_text(doc))
    end = sent.end - 1
    if AFTER_FALLBACK and subj is not None and end - hi >= MIN_AROUND_TOKENS:
        return _char_span(doc, hi + 1, end, doc_text(doc))
    return None


def in_segments(pos: int, segs: list[Segment]) -> bool:
    return any(s.start <= pos < s.end for s in segs)


def _outside_subject(tok, segs: list[Segment]):
    """Another subject outside quote marks, else the first noun after a cue: the speaker of
    '"...," said X' when the parser took a word of the quote for the subject."""
    for child in tok.children:
        if child.dep_ == "nsubj" and not in_segments(child.idx, segs):
            return child
    i = tok.i - 1
    while i > tok.sent.start and tok.doc[i].dep_ in {"aux", "neg", "advmod"}:
        i -= 1
    left = tok.doc[i] if i >= 0 else None
    if (left is not None and left.pos_ in {"NOUN", "PROPN"} and not in_segments(left.idx, segs)
            and left.ent_type_ not in TIME_ENTS):
        return left  # '"...," Police Chief Ana Ruiz said Monday': the name before the verb
    for child in tok.rights:
        if (child.pos_ in {"NOUN", "PROPN", "PRON"} and not in_segments(child.idx, segs)
                and child.ent_type_ not in TIME_ENTS):
            return child
    return None


def generic_classes(tok, subj, speakers: Speakers) -> frozenset[str]:
    """A verb outside the lexicon still attributes when a person or body is its subject and
    it takes a clause ("Cruz hinted that ..."): such verbs are verbs of saying or thinking."""
    if not GENERIC_CLAUSE_CUES or not tok.is_alpha or not is_human(subj, speakers):
        return frozenset()
    if any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return frozenset({"belief"})  # a clause before the verb is not its content
    return frozenset()


def _stem(word: str) -> str | None:
    """The base form of a regular verb ("hopes", "hoped", "hoping" -> "hope") for when the small
    model's lemmatizer slips ("hopes" -> "hop"); None when no regular ending fits."""
    verbs = load_verbs()
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""),
                         ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            if base in verbs and not verbs[base] <= {"noun", "adjective"}:
                return base
    return None


def verb_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    verbs = load_verbs()
    cues = []
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} or in_segments(tok.idx, segs):
            continue
        prt = next((c.lower_ for c in tok.children if c.dep_ == "prt" or (
            c.dep_ == "advmod" and c.i == tok.i + 1 and c.lower_ in PARTICLES)), None)
        classes = ((verbs.get(f"{tok.lemma_.lower()} {prt}") if prt else None)
                   or verbs.get(tok.lemma_.lower()) or verbs.get(_stem(tok.lower_)))
        subj = subject_of(tok, speakers)
        if subj is not None and in_segments(subj.idx, segs):
            subj = _outside_subject(tok, segs)  # words inside quote marks never speak
        if not classes:
            classes = generic_classes(tok, subj, speakers)
            if not classes:
                continue
        elif "human" in classes and not is_human(subj, speakers):
            continue  # "the state saw rain", "the bill refers to ...": no one holds a view
        if PASSIVE_CUES and "appearance" not in classes and _is_passive(tok):
            cue = _passive_cue(tok, speakers)
            if cue is not None:
                cues.append(cue)
            continue
        if subj is None or "appearance" in classes:
            name, s0, s1 = None, None, None
        else:
            name, s0, s1 = speakers.name(subj)
        content = content_of(tok, classes)
        cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content,
                        "speech" in classes, is_human(subj, speakers)))
    return cues


def _is_passive(tok) -> bool:
    deps = {c.dep_ for c in tok.children}
    return "auxpass" in deps and "nsubjpass" in deps and not clitic_has(tok)


def _passive_cue(tok, speakers: Speakers) -> Cue | None:
    """A cue verb in the passive: what it is about is its subject and the agent, if any, is
    the source ("the plan was criticized by Democrats", "Trump is expected to win")."""
    doc = tok.doc
    parts = [c for c in tok.children if c.dep_ in {"nsubjpass", "ccomp", "xcomp", "oprd"}]
    lo, hi = _span_of(parts)
    content = _char_span(doc, lo, hi, doc_text(doc))
    if content is None:
        return None
    agent = next((g for c in tok.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"), None)
    name, s0, s1 = speakers.name(agent) if agent is not None else (None, None, None)
    return Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content, False,
               is_human(agent, speakers))


def noun_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    """Attributing nouns: "Trump's claim that ...", "her criticism of the deal"."""
    verbs = load_verbs()
    cues = []
    for tok in doc:
        classes = verbs.get(tok.lemma_.lower())
        if not classes or "noun" not in classes or tok.pos_ != "NOUN" or in_segments(tok.idx, segs):
            continue
        parts = [c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i and
                 any((g.dep_ == "mark" and g.lower_ == "that") or (g.dep_ == "aux" and g.lower_ == "to")
                     for g in c.children)]  # "the claim that ...", "her decision to ..."
        parts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "about", "on", "against"}
                  for g in c.children if g.dep_ in {"pobj", "pcomp"}]
        if not parts and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            # "his message has been that he is a winner", "her plan is to ..."
            parts = [c for c in tok.head.children if c.dep_ in {"ccomp", "attr", "xcomp"} and c.i > tok.i]
        if not parts:
            continue
        lo, hi = _span_of(parts)
        content = _char_span(doc, lo, hi, doc_text(doc))
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None:  # "Republican calls for ...", "Kremlin criticism of ..."
            holder = next((c for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i
                           and (ent := speakers.entity_at(c.idx, c.idx + len(c.text))) is not None
                           and ent.label in {"NORP", "ORG", "PERSON"}), None)
        if holder is None:  # "calls from her rivals to ...", "the feeling among voters that ..."
            holder = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in HOLDER_PREPS
                           for g in c.children if g.dep_ == "pobj" and is_human(g, speakers)), None)
        if holder is None:  # "X renewed her criticism of ...": the verb's subject holds it
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            if tok.dep_ in {"dobj", "pobj"} and verb.pos_ in {"VERB", "AUX"}:
                holder = subject_of(verb, speakers)
        name, s0, s1 = speakers.name(holder) if holder is not None else (None, None, None)
        if content:
            cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content, False))
    return cues


def adjective_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    """Adjectives of stance after a linking verb, with a person or body as subject: "Aides are
    well aware of these problems", "some Democrats are concerned that ...". The parser may
    take "are concerned" for a passive, so a participle with a passive auxiliary counts too."""
    verbs = load_verbs()
    cues = []
    for tok in doc:
        if "adjective" not in verbs.get(tok.lower_, ()) or in_segments(tok.idx, segs):
            continue
        if tok.dep_ == "acomp" and tok.head.lemma_ in LINKING_VERBS:
            link = tok.head
            subj = next((c for c in link.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        elif tok.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in tok.children):
            link = tok
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        else:
            continue
        if not is_human(subj, speakers) or in_segments(subj.idx, segs):
            continue
        parts = [c for c in tok.children if c.dep_ in {"ccomp", "xcomp"}]
        parts += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ADJECTIVE_PREPS
                  for g in c.children if g.dep_ in {"pobj", "pcomp"}]
        if not parts and link is not tok:  # the clause hung on the linking verb
            parts = [c for c in link.children if c.dep_ == "ccomp" and c.i > tok.i]
        if not parts:
            continue  # "she was angry": a mood, not a view of anything
        lo, hi = _span_of(parts)
        content = _char_span(doc, lo, hi, doc_text(doc))
        if content:
            name, s0, s1 = speakers.name(subj)
            cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content,
                            False, True))
    return cues


def according_cues(doc, speakers: Speakers) -> list[Cue]:
    """"according to X, ...": X speaks the rest of the sentence."""
    cues = []
    for tok in doc:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]  # the parser hung "to" elsewhere
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            continue
        name, s0, s1 = speakers.name(obj)
        sent = tok.sent
        lo, hi = tok.left_edge.i, tok.right_edge.i
        if lo - sent.start >= sent.end - 1 - hi:  # the phrase ends the sentence
            content = _char_span(doc, sent.start, lo - 1, doc_text(doc)) if lo > sent.start else None
        else:
            content = _char_span(doc, hi + 1, sent.end - 1, doc_text(doc)) if hi + 1 < sent.end else None
        end = to.idx + len(to.text)
        cues.append(Cue(tok.idx, end, doc_text(doc)[tok.idx:end], name, s0, s1, content, True, True))
    return cues


def source_pp_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    """A phrase opening a sentence that names where its claim comes from: "In a new poll,
    Clinton leads ...", "By one estimate, ...". The rest of the sentence is the content."""
    cues = []
    for tok in doc:
        if tok.dep_ != "prep" or tok.lower_ not in SOURCE_PREPS or in_segments(tok.idx, segs):
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        sent = tok.sent
        lo, hi = tok.left_edge.i, tok.right_edge.i
        opens = (all(t.pos_ in {"CCONJ", "ADV", "PUNCT"} for t in doc[sent.start:lo])
                 and hi + 1 < sent.end and doc[hi + 1].text == ",")
        if not opens:  # "he has risen in the polls": a place of the verb, not a source
            continue
        if obj.lemma_.lower() not in SOURCE_NOUNS:
            continue
        if lo - sent.start >= sent.end - 1 - hi:
            content = _char_span(doc, sent.start, lo - 1, doc_text(doc)) if lo > sent.start else None
        else:
            content = _char_span(doc, hi + 1, sent.end - 1, doc_text(doc)) if hi + 1 < sent.end else None
        if content is None:
            continue
        name, s0, s1 = speakers.name(obj)
        cues.append(Cue(tok.idx, tok.idx + len(tok.text), tok.text, name, s0, s1, content, False,
                        is_human(obj, speakers)))
    return cues


def colon_cues(doc, speakers: Speakers) -> list[Cue]:
    """A line or sentence that opens with a name and a colon: "Trump: the deal is dead",
    a transcript's "SMITH: We will ..."."""
    cues = line_colon_cues(doc, speakers)
    taken = {c.start for c in cues}
    text = doc_text(doc)
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


def _named_elsewhere(label: str, speakers: Speakers):
    """The person or body the article names in full whose name ends with ``label`` ("Trump"
    in a headline "Trump: ..." the tagger read as a common noun)."""
    for e in speakers.ents:
        if e.label in {"PERSON", "ORG"} and e.canonical.split()[-1] == label and e.canonical != label:
            return e
    return None


def line_colon_cues(doc, speakers: Speakers) -> list[Cue]:
    """A line that opens with a short capitalised name and a colon."""
    cues = []
    text = doc_text(doc)
    for m in LINE_COLON_RE.finditer(text):
        s, t = m.end(), text.find("\n", m.end())
        t = len(text) if t < 0 else t
        while t > s and text[t - 1] in QUOTE_EDGE + ".":
            t -= 1
        if t <= s:
            continue
        ent = speakers.entity_at(m.start(1), m.end(1))
        if ent is not None and ent.end > m.end(1):
            ent = None  # NER ran over the colon: the label itself is the name
        ent = ent or _named_elsewhere(m.group(1), speakers)
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if (ent is None and not m.group(1).isupper() and (label is None or label[-1].pos_ != "PROPN")
                and m.group(1).lower() not in HEADLINE_SOURCES):
            continue  # "Breaking: ...", "So: ...": a label, not a speaker
        name = ent.canonical if ent is not None else m.group(1).title()
        cues.append(Cue(m.end(1), m.end(1) + 1, ":", name, m.start(1), m.end(1), (s, t), True, True))
    return cues


def find_cues(doc, speakers: Speakers, segs: list[Segment]) -> list[Cue]:
    """Every cue of the article, in text order."""
    cues = verb_cues(doc, speakers, segs) + according_cues(doc, speakers) + colon_cues(doc, speakers)
    if NOUN_CUES:
        cues += noun_cues(doc, speakers, segs)
    if ADJECTIVE_CUES:
        cues += adjective_cues(doc, speakers, segs)
    if SOURCE_PP_CUES:
        # a source phrase frames its sentence only when no cue inside names a speaker of its
        # own ("In a statement, Smith said ..." is Smith's)
        cues += [p for p in source_pp_cues(doc, speakers, segs)
                 if not any(p.content[0] <= c.start < p.content[1] for c in cues)]
    return sorted(cues, key=lambda c: c.start)
