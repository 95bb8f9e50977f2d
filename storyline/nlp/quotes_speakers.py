"""Speakers of quotes: the subject of a cue, named by an entity, a pronoun or a description.

Pronouns ("he told AFP", "she added", "who said") go to the last person (or body, for "it" and
"they") that acted as a subject before them; descriptions ("the prime minister") go to the
person in the article with that title; a subject whose parse went astray ("records show",
"..., added a party official") is found next to the verb.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from importlib import resources

from ..model import Entity
from .parse import doc_text
from .quotes_gender import entity_genders, pronoun_gender

# Pronouns look back at most this far (characters) for the person they stand for.
MAX_PRONOUN_DISTANCE = 2000

# Relations through which a cue without a subject inherits the subject of its head.
# "acomp": "who was reluctant to endorse" -> the subject of "was".
CLIMB_DEPS = {"advcl", "conj", "xcomp", "pcomp", "acl", "acomp"}

# Climbing from a participle ("..., adding that ...") to the verb that has the subject.
MAX_SUBJECT_CLIMB = 3

# No name is longer than this many characters: how far back a lookup scans for an entity
# that covers a position.
MAX_ENTITY_CHARS = 200

# Pronouns that stand for a person, for a body or group, and relative pronouns ("who said").
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "my"}
GROUP_PRONOUNS = {"they", "we", "it", "them", "us", "its", "their", "our"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# Subjects that can speak without a name (with the nouns of quotes_person_nouns.txt).
HUMAN_PRONOUNS = {"he", "she", "they", "we", "i", "who"}

# Entity labels that can be speakers.
SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}


# ---------------------------------------------------------------- speakers
class Speakers:
    """Names speaker mentions: entities, pronouns, descriptions."""

    def __init__(self, doc, entities: list[Entity]):
        self.doc = doc
        self.ents = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.ents]
        # people who acted as subjects, by position: the antecedents pronouns prefer
        self.subjects: list[tuple[int, Entity]] = []
        for e in self.ents:
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                self.subjects.append((e.start, e))
        self.genders = entity_genders(doc, self.ents)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The speaker-labelled entity that overlaps [start, end), the last-starting one."""
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.ents[i].start > start - MAX_ENTITY_CHARS:
            e = self.ents[i]
            if e.start < end and start < e.end and e.label in SPEAKER_LABELS:
                return e
            i -= 1
        return None

    def antecedent(self, pos: int, person: bool, gender: str | None = None) -> Entity | None:
        """The entity a pronoun at ``pos`` stands for: the last subject of the right kind, else
        the last mention of the right kind; a gendered pronoun skips people of the other
        gender ("she" after "Sanders said ... Clinton answered")."""
        labels = {"PERSON"} if person else {"ORG", "NORP", "GPE"}

        def fits(e: Entity) -> bool:
            return e.label in labels and not (gender and self.genders.get(e.canonical, gender) != gender)

        for start, e in reversed(self.subjects):
            if pos - start > MAX_PRONOUN_DISTANCE:
                break
            if start < pos and fits(e):
                return e
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and pos - self.ents[i].start <= MAX_PRONOUN_DISTANCE:
            if fits(self.ents[i]):
                return self.ents[i]
            i -= 1
        return None

    def by_title(self, head_text: str, pos: int) -> Entity | None:
        """"the prime minister" -> the person in the article with that title, last before pos."""
        want = head_text.lower().strip(". ")
        for e in reversed(self.ents):
            if e.start < pos and e.title and e.title.lower().strip(". ").endswith(want):
                return e
        return None

    def name(self, subj) -> tuple[str | None, int, int]:
        """(speaker name, mention start, mention end) for a subject token."""
        low = subj.text.lower()
        t0, t1 = subj.idx, subj.idx + len(subj.text)
        if subj.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS:
            if low in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
                noun = subj.head.head
                return self.name(noun)[0], t0, t1
            if low in PERSON_PRONOUNS | GROUP_PRONOUNS:
                ante = self.antecedent(t0, person=low in PERSON_PRONOUNS, gender=pronoun_gender(low))
                return (ante.canonical if ante else None), t0, t1
            return None, t0, t1
        ent = self.entity_at(t0, t1)
        if ent is not None:
            return ent.canonical, ent.start, ent.end
        for app in subj.children:  # "one pastor, Darran Whiting of ..., said": the named one
            if app.dep_ == "appos":
                ent = self.entity_at(app.idx, app.idx + len(app.text))
                if ent is not None and ent.label == "PERSON":
                    return ent.canonical, ent.start, ent.end
        left = subj.left_edge
        while left.i > subj.sent.start and self.doc[left.i - 1].dep_ in {"compound", "amod", "det", "poss", "nmod"}:
            left = self.doc[left.i - 1]  # a subject whose modifiers the parse hung elsewhere
        while left.i < subj.i and (left.is_punct or left.lower_ in {"the", "a", "an"}):
            left = self.doc[left.i + 1]
        s = left.idx
        s = max(s, doc_text(self.doc).rfind("\n", s, t0) + 1)  # a subject never crosses a line
        phrase = doc_text(self.doc)[s:t1]
        titled = self.by_title(phrase, s)
        if titled is not None:
            return titled.canonical, s, t1
        return phrase, s, t1


def subject_of(tok, speakers: Speakers):
    """The subject token of a cue verb, climbing from participles and conjuncts ("..., adding
    that", "sent an email saying", "countered by suggesting"); else the word right before the
    verb when the small parser failed to call it a subject ("records show", "many argue")."""
    cur = tok
    for _ in range(MAX_SUBJECT_CLIMB + 1):
        subjs = [c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"}
                 and not (c.dep_ == "nsubjpass" and cur is tok and not clitic_has(tok))
                 and not _across_line(c, tok)]
        if len(subjs) > 1:  # "Part of the problem, say experts, is ...": the one that can speak
            subjs.sort(key=lambda c: (not is_human(c, speakers), abs(c.i - cur.i)))
        if subjs:
            return subjs[0]
        if (cur.dep_ == "acl" and cur.head.dep_ == "ROOT" and cur.head.pos_ in {"PROPN", "NOUN"}
                and cur.head.i < cur.i):
            return cur.head  # "Beruff, a party ally, called the plan ...": no main verb was found
        if cur.dep_ in CLIMB_DEPS and cur.head is not cur:
            cur = cur.head
            if cur.dep_ in {"prep", "dobj", "pobj"} and cur.head is not cur:
                cur = cur.head  # "by suggesting" -> the verb; "an email saying" -> "sent"
        else:
            break
    return _left_subject(cur) or _right_subject(tok)


def clitic_has(tok) -> bool:
    """"he's spoken out against ...": the parser took the clitic "has" for a passive "is", so
    its passive subject is the real subject."""
    return any(c.dep_ == "auxpass" and c.lower_ in {"'s", "\u2019s"} for c in tok.children) and not any(
        c.dep_ == "agent" for c in tok.children)


def _across_line(a, b) -> bool:
    """Two tokens on different lines: a headline or dateline the parser ran into the text."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" in doc_text(a.doc)[lo:hi]


def _right_subject(tok):
    """The speaker after a cue that follows a quote (", added a party official"), when the
    parser took it for an object."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is None or not (prev.is_punct or prev.is_quote) or tok.tag_ in {"VBG", "VBN"}:
        return None  # ", calling the plan a mistake": a participle's object never speaks
    for child in tok.rights:
        if child.dep_ in {"dobj", "attr", "npadvmod", "dep", "appos"} and child.pos_ in {"NOUN", "PROPN"}:
            return child
    return None


def _left_subject(tok):
    """The noun right before a verb (over auxiliaries and adverbs), if the parse left it
    unattached as a modifier or compound."""
    i = tok.i - 1
    while i >= tok.sent.start and tok.doc[i].dep_ in {"aux", "neg"}:
        i -= 1
    if i < tok.sent.start:
        return None
    left = tok.doc[i]
    if left.dep_ in {"compound", "amod", "dep", "npadvmod", "nmod", "nummod"} and left.head == tok:
        return left  # "records show", "many argue", "about 4 in 10 say"
    if left.dep_ == "advmod" and left.head == tok and left.pos_ == "PROPN":
        return left  # "Black Lives Matter issued"
    if left.text == "," and i - 1 >= tok.sent.start and tok.doc[i - 1].dep_ == "appos":
        return tok.doc[i - 1]  # "..., her adviser, Jake Sullivan, said"
    return None


@lru_cache(maxsize=1)
def load_person_nouns() -> frozenset[str]:
    """Nouns for people and bodies that speak (``storyline/data/quotes_person_nouns.txt``)."""
    text = resources.files("storyline.data").joinpath("quotes_person_nouns.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def is_human(subj, speakers: Speakers) -> bool:
    """A subject that can speak: a person or body by name, a personal pronoun, or a noun for
    people ("officials", "the campaign")."""
    if subj is None:
        return False
    if subj.lower_ in {"that", "which"} and subj.head.dep_ == "relcl" and subj.head.head is not subj:
        return is_human(subj.head.head, speakers)  # "the group that endorsed ..."
    if subj.lower_ in HUMAN_PRONOUNS or subj.lemma_.lower() in load_person_nouns():
        return True
    ent = speakers.entity_at(subj.idx, subj.idx + len(subj.text))
    return ent is not None and ent.label in {"PERSON", "ORG", "NORP"}
