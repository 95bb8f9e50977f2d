"""The tense of the verb that governs a time expression, from the shared spaCy parse: it
picks the past or the future "Thursday", "March" or "Nov. 16" (HeidelTime's approach).
Never parses: the parse is the pipeline's one ``doc``."""
from __future__ import annotations

import re

from . import timex_calendar as cal

# Verbs of saying: their tense is the report's, not the reported event's.
REPORTING_VERBS = {"say", "tell", "report", "announce", "add", "state", "note", "disclose", "claim"}
# "extended to Nov. 16", "respond by Oct. 31": a deadline, whatever the verb's tense.
DEADLINE_PREPS = {"to", "until", "till", "through", "by"}
# Modals that put a bare or progressive verb ahead of the article date ("might come Tuesday",
# "would be leaving Thursday": in news the reported future is mostly still ahead too).
FUTURE_MODALS = {"may", "might", "could", "should", "can", "must", "would"}
# Heads of an infinitive that put it in the future: "expected to", "due to", "set to".
FUTURE_HEADS = {"expect", "plan", "schedule", "due", "set", "intend", "hope", "aim", "prepare"}
# Verbs whose object is still to come whatever their tense ("scheduled a vote for Monday").
PLAN_VERBS = {"plan", "schedule", "slate"}
# Verbs whose past is spelled as their present: with a singular subject and no "-s" the
# tagger's present (VBP) can only be the past ("the storm cut power Friday").
# ("set", "forecast" are left out: what is set or forecast for a day lies ahead of it.)
SAME_PAST_FORMS = {"hurt", "cut", "put", "hit", "let", "cost", "shut", "spread", "quit", "cast",
                   "burst", "split", "shed", "thrust", "upset", "bid", "broadcast", "read", "beat",
                   "rid", "offset", "undercut"}
FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
# How many heads up from the time expression to look for its verb: deep enough for
# "on Thursday" under a prepositional phrase, shallow enough to stay in its clause.
MAX_HEAD_STEPS = 4
# "as soon as Tuesday", "ahead of the weekend": ahead of the article date, whatever the verb.
AHEAD_BEFORE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|ahead\s+of)\s+$", re.I)
# "by August": ahead unless the verb is past ("had recovered by August").
BY_BEFORE = re.compile(r"\bby\s+$", re.I)
# "has until Monday": ahead too, unless the verb is past ("until Thursday, they had not").
DEADLINE_BEFORE = re.compile(r"\b(?:until|till)\s+$", re.I)


def verb_tense(tok, after: bool = True) -> str | None:
    """PAST, FUTURE or PRESENT of a verb token, from its tag and auxiliaries; ``after``: the
    time expression comes after the verb (what is planned for it, not when it was planned)."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return cal.FUTURE
    if tok.lower_ in FUTURE_AUX:
        return cal.FUTURE
    past_perfect = any(a.tag_ == "VBD" and a.lemma_ == "have" for a in auxes)
    if after and tok.lemma_ in PLAN_VERBS and tok.dep_ != "acl" and not past_perfect:
        return cal.FUTURE  # "planned a rally on Saturday": what is planned lies ahead
    if tok.tag_ == "VB" and tok.head.lemma_ in FUTURE_HEADS:
        # "is expected to close Monday" looks ahead, "had been due to expire" does not (the
        # "had" of an adjective head like "due" hangs on its copula "been").
        return cal.PAST if past_perfect_head(tok.head) else cal.FUTURE
    if is_to_infinitive(tok):
        return cal.FUTURE  # "is to resume trading Tuesday": a present "be to" plans ahead
    if any(a.lower_ == "going" for a in auxes):
        return cal.FUTURE
    if tok.tag_ in ("VB", "VBG") and any(a.lower_ in FUTURE_MODALS for a in auxes) and not any(
            a.lemma_ == "have" for a in auxes):
        # "might come Tuesday", "would be traveling Thursday"; not "would have come", nor the
        # passive "could be reached Monday" (as often a past "could").
        return cal.FUTURE
    if tok.tag_ == "VBP" and not auxes and tok.lower_ in SAME_PAST_FORMS and any(
            c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in tok.children):
        return cal.PAST  # "Weakness hurt the index Friday": a singular subject would take "hurts"
    tags = {tok.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags or (tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)):
        return cal.PAST
    if tags & {"VBZ", "VBP"}:
        return cal.PRESENT
    return None


def past_perfect_head(head) -> bool:
    """Whether ``head`` (or the copula an adjective head hangs on) has a past "had"."""
    heads = [head] + ([head.head] if head.dep_ in ("acomp", "xcomp") and head.head is not head else [])
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ == "VBD"
               for h in heads for c in h.children)


def is_to_infinitive(tok) -> bool:
    """A bare infinitive under a present "is/are to" ("the talks are to begin Monday");
    not "was to", whose plan may have lain in the past."""
    head = tok.head
    return (tok.tag_ == "VB" and tok.dep_ == "xcomp" and head.lemma_ == "be"
            and head.tag_ in ("VBZ", "VBP") and any(c.tag_ == "TO" for c in tok.children))


def governing_tense(doc, start: int, end: int, through_deadlines: bool = False,
                    deadline_ahead: bool = False) -> str | None:
    """The tense of the verb that governs the characters start..end of ``doc``: the
    expression's head, through a preposition ("on Thursday") if any, must be a verb; under a
    noun or adjective ("payable Dec. 7") or a deadline preposition ("extended to Nov. 16")
    the tense says nothing of the date, which is then taken as the nearest one."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root.head
    for _ in range(MAX_HEAD_STEPS):
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_ in REPORTING_VERBS and tok.i not in (span.root.head.i,):
                return None  # "said (that) ...": the report's tense says nothing of the date
            tense = verb_tense(tok, after=start > tok.idx)
            if deadline_ahead and tense == cal.PAST and start > tok.idx and not any(
                    c.lemma_ == "have" and c.tag_ == "VBD" for c in tok.children):
                # "extended the offer until Tuesday": the deadline still lies ahead; but
                # "until Monday, the firm had refused" and "had waited until Monday" are past.
                return cal.FUTURE
            return tense
        if tok.dep_ == "dobj" and tok.head.lemma_ in PLAN_VERBS and tok.head.dep_ != "acl":
            return cal.FUTURE  # "planned a march on Saturday": the thing planned lies ahead
        deadline = tok.lower_ in DEADLINE_PREPS and not through_deadlines
        if tok.pos_ != "ADP" or deadline or tok.head is tok:
            return None
        tok = tok.head
    return None


def tense_at(text: str, doc, start: int, end: int) -> str | None:
    """The tense that places the expression at start..end: the words just before when they
    say so ("as soon as Tuesday", "has until Monday"), else the governing verb's."""
    window = max(0, start - 20)
    if AHEAD_BEFORE.search(text, window, start):
        return cal.FUTURE
    if DEADLINE_BEFORE.search(text, window, start):
        past = governing_tense(doc, start, end, True, deadline_ahead=True) == cal.PAST
        return cal.PAST if past else cal.FUTURE
    if BY_BEFORE.search(text, window, start):
        # "by August": a deadline ahead unless the verb is past ("had recovered by August").
        return cal.PAST if governing_tense(doc, start, end, True) == cal.PAST else cal.FUTURE
    return governing_tense(doc, start, end)
