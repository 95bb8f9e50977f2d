"""Event arguments: who acts and who is acted on, from the dependency parse, coded.

Actor = subject (passive: the "by" agent; nominal: possessor, country adjective, the light verb's
subject, or the "of" phrase of an intransitive noun such as "withdrawal"); target = object, else a
"to/against/on/with" phrase, else the subject of a "that" clause, else a complement verb's
target. Arguments are coded with :func:`storyline.nlp.actors.code_actor` or the entity layer's
codes; an uncoded person or group takes the nearest country named in its sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article
from .actors import actor_kind, city_mentions, code_actor, find_actor_mentions, geocode
from .event_triggers import REPORTING, Trigger, is_event_noun
from .parse import doc_text

# Pronouns an argument is resolved through (to a reporting subject, or a relative clause's noun).
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "his", "her", "their", "our", "him", "them"})
PRONOUNS = frozenset("he she they it we i you his her their its our them him who which that".split())
# Prepositions that introduce the target of a predicate or of its object.
TARGET_PREPS = ("against", "on", "to", "with", "into", "at", "upon", "toward", "towards")
# Prepositions that name a reason or an origin more often than the target: tried last.
LATE_PREPS = ("over", "from")
# Verbs whose "to" phrase is the audience, not the target: "complained to the UN over ...".
AUDIENCE_VERBS = frozenset("complain protest appeal object".split())
# Prepositions through which an object that is an act names who it concerns.
OBJECT_PREPS = ("of", "in", "for", "between")
# Nouns of "in defiance of X", "in protest against X": X is whom the act is aimed at.
STANCE_NOUNS = frozenset("defiance protest opposition retaliation response reaction solidarity".split())
# How many complement verbs down ("threatened to try to cut ...") targets are looked for.
MAX_COMPLEMENT_DEPTH = 2
# Event nouns whose "of" phrase names who acts, not who is acted on.
INTRANSITIVE_NOUNS = frozenset("withdrawal pullout pull-out retreat deployment mobilization mobilisation "
                               "buildup build-up protest demonstration strike offensive advance "
                               "incursion invasion visit arrival".split())
# Participles that read as states after "be": "is opposed to", "is committed to".
STATIVE_PASSIVES = frozenset("oppose commit determine prepare dedicate engage involve".split())
# Dependency labels whose subtrees are left out of an argument's phrase.
PHRASE_CUT = frozenset({"relcl", "acl", "conj", "cc", "advcl", "parataxis"})
# Coordinated actors beyond this many are one list in the text, not separate parties.
MAX_ACTORS = 3
# Entity labels a place can have, and the prepositions that make one the place of an event.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into",
                         "from", "throughout", "on"})


# ---------------------------------------------------------------- arguments
def phrase(tok) -> tuple[int, int]:
    """Token range [lo, hi) of an argument: its subtree without relative clauses, conjuncts
    and other clauses hanging off it, kept to the run of tokens around the head."""
    cut: set[int] = set()
    for c in tok.children:
        if c.dep_ in PHRASE_CUT:
            cut.update(t.i for t in c.subtree)
    keep = sorted(t.i for t in tok.subtree if t.i not in cut)
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return lo, hi + 1


def conjuncts(tok) -> list:
    """The token and the tokens coordinated with it ("Armenia and Azerbaijan")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            out += conjuncts(c)
    return out


def _subject_of(verb):
    """(subject token, passive?) of a verb, inherited through xcomp/conj/relcl/advcl heads."""
    seen = 0
    below = None
    while verb is not None and seen < 6:
        seen += 1
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c, False
            if c.dep_ == "nsubjpass" and below is not None and below.dep_ == "xcomp" and _agent(verb) is None:
                return c, False  # "X is expected to host ...": X hosts
            if c.dep_ == "nsubjpass":
                agent = _agent(verb)
                if agent is None and verb.lemma_.lower() in STATIVE_PASSIVES:
                    return c, False  # "Israel is opposed to ...": a state, not a passive
                return (agent, False) if agent is not None else (None, True)
        if verb.dep_ == "relcl":
            return verb.head, False
        if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD"):
            # "a newspaper calling on ...": the noun acts; "a declaration demanding ...":
            # the noun is the act, and whoever issued it acts.
            noun = verb.head
            lo, hi = phrase(noun)
            if any(code_actor(noun.doc[lo:hi].text)):
                return noun, False
            verb = noun.head if noun.head.pos_ == "VERB" else None
            continue
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp") and verb.head.i != verb.i:
            below, verb = verb, verb.head
            continue
        return None, False
    return None, False


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _resolve_pronoun(tok):
    """A pronoun subject stands for the subject of the verb it is reported under
    ("the rebels said they will release ...")."""
    if tok is None or tok.lower_ not in PRONOUNS:
        return tok
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i != tok.head.i:
        return tok.head.head  # "the committee, which had sought ...": the committee
    verb = tok.head
    while verb.head.i != verb.i:
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS
                     and not c.left_edge.i <= tok.i <= c.right_edge.i), None)
        if subj is not None:  # (not the phrase the pronoun is in: "their forces")
            return subj
    return _previous_subject(tok) or tok


def _previous_subject(tok):
    """For "he", "she", "they" with no antecedent in their sentence: the subject of the
    previous sentence's main verb, when that is a noun ("The dockers struck. They marched.")."""
    if tok.lower_ not in PERSONAL_PRONOUNS or tok.sent.start == 0:
        return None
    prev = tok.doc[tok.sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None


def _target_candidates(trig: Trigger) -> list:
    """Possible targets, best first: objects, then "to/against/on/with" phrases of the
    predicate or of its object, the subject of a "that"-clause, the targets of a complement
    verb ("threatened to break off relations with Y"), and last "over/from" phrases."""
    tok = trig.token
    if not trig.entry.noun and trig.entry.type == "MOBILIZE":
        # what is mobilised is one's own; the target is whom it is against
        return _prep_objects([tok] + list(tok.children) + [g for c in tok.children for g in c.children],
                             ("against", "on", "toward", "towards", "at"))
    if not trig.entry.noun and trig.entry.mode == "withdraw":
        # what is withdrawn is one's own; the target is where it leaves ("out of", "from")
        return _prep_objects([tok] + list(tok.children), ("from", "of"))
    if not trig.entry.noun:
        return _verb_targets(tok, 0)
    heads = [tok]
    if tok.dep_ in ("dobj", "attr", "nsubjpass") and tok.head.pos_ == "VERB":
        heads.append(tok.head)  # "launched an offensive against Y"
    out = _prep_objects(heads, TARGET_PREPS + ("of",)) + _stance_objects(heads)
    out += [c for c in tok.children if c.dep_ == "poss"]
    return out + _prep_objects(heads, LATE_PREPS)


def _stance_objects(heads: list) -> list:
    """X in "in defiance of X", "in protest against X", "in retaliation for X's ..."."""
    out = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for noun in c.children:
                    if noun.dep_ == "pobj" and noun.lemma_.lower() in STANCE_NOUNS:
                        out += _prep_objects([noun], ("of", "against", "at", "to", "for"))
    return out


def _verb_targets(tok, depth: int) -> list:
    if tok.lemma_.lower() in AUDIENCE_VERBS:  # "complained to the UN about Israel"
        return _plain_verb_targets(tok, depth, tuple(p for p in TARGET_PREPS if p != "to") + LATE_PREPS + ("about",)) \
            + _prep_objects([tok], ("to",))
    return _plain_verb_targets(tok, depth)


def _plain_verb_targets(tok, depth: int, preps: tuple[str, ...] = TARGET_PREPS) -> list:
    objs = [_pobj_or_self(c) for c in tok.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    out = []
    for obj in objs:
        if _names_nobody(obj):  # "froze its participation in the CSTO": the CSTO
            out += _prep_objects([obj], TARGET_PREPS + OBJECT_PREPS)
            if is_event_noun(obj):
                continue  # "signed a ceasefire in Astana": an act is never the target
        out.append(obj)
    out += _prep_objects([tok] + objs, preps) + _stance_objects([tok])
    for c in tok.children:
        if c.dep_ == "ccomp":
            out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        if c.dep_ in ("ccomp", "xcomp") and depth < MAX_COMPLEMENT_DEPTH:
            out += _verb_targets(c, depth + 1)
    return out + _prep_objects([tok] + objs, LATE_PREPS)


def _names_nobody(tok) -> bool:
    """An object that is an act or a thing ("an offensive", "its participation"), not an actor:
    no code or sector in its words before the head, and not a named entity."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    return not any(code_actor(tok.doc[tok.left_edge.i:tok.i + 1].text))


def _pobj_or_self(tok):
    """A preposition stands for its object ("gave aid to Y": the dative "to" -> Y)."""
    if tok.pos_ == "ADP":
        return next((g for g in tok.children if g.dep_ == "pobj"), tok)
    return tok


def _prep_objects(heads: list, preps: tuple[str, ...]) -> list:
    """Objects of the heads' prepositions in ``preps``; "in" only for non-places (the CSTO in
    "participation in the CSTO", not Washington in "an agreement in Washington")."""
    return [g for h in heads for c in h.children
            if c.dep_ in ("prep", "prt", "dative") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"
            and not (c.lower_ == "in" and g.ent_type_ in PLACE_LABELS)]


def _nominal_actor(trig: Trigger):
    """The actor of a nominal trigger: its possessor or a country adjective ("Azerbaijani
    offensive"), else the subject of the light verb that governs it."""
    tok = trig.token
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and code_actor(c.text)[0]):
            return c
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "launched artillery and rocket fire"
        tok = tok.head
    if tok.dep_ in ("dobj", "attr", "pobj") and tok.head.pos_ in ("VERB", "ADP"):
        verb = tok.head if tok.head.pos_ == "VERB" else tok.head.head
        subj, _ = _subject_of(verb)
        if subj is not None:
            return subj
    agent = next((g for c in tok.children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
    if agent is None and tok.lemma_.lower() in INTRANSITIVE_NOUNS:
        # "the withdrawal of the peacekeepers": the peacekeepers withdraw
        agent = next((g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    return agent


@dataclass
class Arg:
    text: str
    code: str | None
    sector: str | None
    start: int
    end: int
    person: bool = False  # a named person or organisation (an actor even without a code)
    phrase: str = ""  # the words as written (``text`` may be the entity's canonical name)
    via_city: bool = False  # the code comes from a city the phrase names ("Juba" -> SSD)


def code_arg(tok, article: Article) -> Arg | None:
    """The argument phrase of a token, coded with :func:`code_actor` on the phrase text, else
    with the entity layer's code of an entity inside it. A code that only comes from a city
    named inside a person's name ("Prosper Avril") is dropped."""
    if tok is None:
        return None
    tok = _resolve_pronoun(tok)
    lo, hi = phrase(tok)
    while hi - 1 > tok.i and tok.doc[hi - 1].is_punct:
        hi -= 1
    while lo < tok.i and tok.doc[lo].is_punct:
        lo += 1
    span = tok.doc[lo:hi]
    text = span.text.strip()
    code, sector = code_actor(text)
    if code is None:
        code = _possessor_code(tok)  # "their forces": the forces of whoever "their" is
    via_city = code is not None and actor_kind(text) is None
    if via_city and _city_inside_person(span, text):
        code, via_city = None, False
    name = None
    for ent in article.entities:
        if ent.start >= span.start_char and ent.end <= span.end_char:
            if name is None and ent.start <= tok.idx < ent.end:
                name = ent.canonical  # the head is a named entity: its one name ("Nikol Pashinyan")
            if code is None and ent.code:
                code, sector = ent.code, sector or ent.sector
    person = tok.ent_type_ in ("PERSON", "ORG", "NORP")
    return Arg(name or text, code, sector, span.start_char, span.end_char, person, text, via_city)


def _possessor_code(tok) -> str | None:
    """The code of the antecedent of a possessive pronoun on the phrase's head."""
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
    if poss is None:
        return None
    antecedent = _resolve_pronoun(poss)
    if antecedent is None or antecedent.i == poss.i:
        return None
    lo, hi = phrase(antecedent)
    return code_actor(tok.doc[lo:hi].text)[0]


def _city_inside_person(span, text: str) -> bool:
    people = [(e.start_char, e.end_char) for e in span.doc.ents if e.label_ == "PERSON"]
    return any(lo <= span.start_char + c_lo < hi for c_lo, _, _ in city_mentions(text) for lo, hi in people)


def arguments(trig: Trigger, article: Article) -> tuple[list[Arg], Arg | None, Arg | None]:
    """(actors, coded target or None, uncoded person or group as a fallback target or None)."""
    tok = trig.token
    if trig.entry.noun:
        actor_tok = _nominal_actor(trig)
    else:
        actor_tok, _ = _subject_of(tok)
    actors: list[Arg] = []
    for t in conjuncts(actor_tok) if actor_tok is not None else []:
        arg = code_arg(t, article)
        # A further conjunct is a party of its own only with a country of its own ("Armenia and
        # France condemned"); "dockworkers and their families marched" is one event.
        if arg is not None and (not actors or (arg.code and all(arg.code != a.code for a in actors))):
            actors.append(arg)
    actors = actors[:MAX_ACTORS]
    taken = {(a.start, a.end) for a in actors}
    target = None
    fallback = None
    for cand in _target_candidates(trig):
        if (actor_tok is not None and cand.i == actor_tok.i) or cand.lower_ in ("that", "which", "who"):
            continue
        arg = code_arg(cand, article)
        if arg is None or (arg.start, arg.end) in taken:
            continue
        if arg.code:
            target = arg
            break
        if fallback is None and (arg.sector or arg.person):
            fallback = arg
    return actors, target, fallback


def agentive(arg: Arg, article: Article) -> bool:
    """A person or a group (it has a sector, or the entity layer calls it a PERSON/ORG/NORP)."""
    if arg.sector:
        return True
    return any(e.label in ("PERSON", "ORG", "NORP") and arg.start <= e.start < arg.end for e in article.entities)


def context_code(sent, arg: Arg, prefer: frozenset[str] = frozenset()) -> str | None:
    """The country of an uncoded person or group from its sentence: the nearest country,
    capital, demonym or city mentioned ("President Museveni threatened Ugandan opposition
    candidates": UGA), even one inside the other argument: most events that leave a country
    unsaid are domestic. ``prefer``: the article's countries, for cities that share a name."""
    mentions = [(sent.start_char + lo, sent.start_char + hi, pat.code)
                for lo, hi, pat in find_actor_mentions(sent.text)]
    taken = {m[0] for m in mentions}
    for ent in sent.ents:  # cities the NER found ("Khartoum", "Monrovia")
        currency = re.match(r"\s*\$", doc_text(sent.doc)[ent.end_char:ent.end_char + 3])  # "US $50"
        point = geocode(ent.text, prefer) if ent.label_ == "GPE" and ent.start_char not in taken \
            and not currency else None
        if point is not None:
            mentions.append((ent.start_char, ent.end_char, point[2]))
    if not mentions:
        return None
    return min(mentions, key=lambda m: min(abs(m[0] - arg.end), abs(arg.start - m[1])))[2]


def implied_target(trig: Trigger, sent, actors: list[Arg], article: Article) -> Arg | None:
    """Last resort, as PLOVER coders do: the nearest actor named after the predicate in the
    same sentence ("staged a hunger strike in protest of the Russian government's refusal"),
    outside the actor's phrase and outside attributions ("..., the news agency said")."""
    skip = [(a.start, a.end) for a in actors] + attribution_spans(sent)
    after = trig.words[-1].idx + len(trig.words[-1].text)
    for lo, hi, pat in find_actor_mentions(sent.text):
        lo, hi = sent.start_char + lo, sent.start_char + hi
        if lo >= after and not any(a <= lo < b for a, b in skip):
            span = sent.doc.char_span(lo, hi, alignment_mode="expand")
            arg = code_arg(span.root, article) if span is not None else None
            if arg is not None and arg.code:
                return arg  # the whole phrase: "the Russian government"
            return Arg(sent.text[lo - sent.start_char:hi - sent.start_char], pat.code, pat.sector, lo, hi)
    return None


def attribution_spans(sent) -> list[tuple[int, int]]:
    """Character spans of who reports ("the APS news agency said", "according to officials")."""
    spans = []
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in REPORTING:
            spans.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)))
        if tok.lower_ == "according":
            spans.append((tok.idx, tok.head.right_edge.idx + len(tok.head.right_edge.text)
                          if tok.head.i > tok.i else tok.right_edge.idx + len(tok.right_edge.text)))
    return spans


