"""Events: who did what to whom, when and where, coded in PLOVER from the shared dependency parse.

For each sentence of the (already parsed) Doc (triggers in :mod:`.event_triggers`, arguments
in :mod:`.event_args`, the rest here):

1. **Triggers.** Verbs and nouns found in the PLOVER lexicon (``data/plover_verbs.tsv``,
   ``data/plover_nouns.tsv``): a bare verb ("withdrew"), a verb with its particle ("pulled out",
   "called for"), a verb with a given object ("halted aid", "imposed a curfew"), or a noun or
   noun sequence ("the withdrawal", "a hunger strike").
2. **Main event per clause.** Among the triggers of one clause, the one highest in the tree wins,
   counting reporting verbs ("said"), aspect and light verbs ("began", "launched", "held") as
   transparent: "X threatened to attack Y" is THREATEN, "X launched an offensive" is FIGHT.
3. **Arguments.** Actor = subject (passive: the "by" agent; nominal: possessor, adjective or the
   light verb's subject), target = object, else a "to/against/on/with" phrase, else the subject
   of a "that" clause ("demanded that Y ..."), else the place the clause names, else the
   nearest actor named after the predicate. Coordinated subjects give one event per actor
   ("A and B agreed" is A -> B for mutual types). An event naming nobody is dropped.
4. **Coding.** Actors get a CAMEO code and sector from :func:`storyline.nlp.actors.code_actor`
   (or the entity layer's codes); a person or group no phrase places takes the nearest country
   in its sentence, else the country the article names most. ``when`` is the sentence's own
   time expression (else the article date for a past-tense report), ``where`` the clause's
   place, geocoded offline (cities that share a name resolve to the article's countries).
5. **Negation and modality.** "did not attack" is ``negated``; "will withdraw", "plans to",
   "may" give ``modality`` plan/possible; a threat has modality "threat", a denial "denial".
   PLOVER's conventions then apply: a stated intention to cooperate is AGREE and to harm is
   THREATEN, a refusal to cooperate is REJECT, "Y must ..." is a DEMAND.
"""
from __future__ import annotations

import re

from ..model import PLOVER_TYPES, Article, Event
from ..pipeline import Context, register
from .actors import actor_kind, city_country, code_actor, find_actor_mentions, geocode
from .event_args import (PLACE_LABELS, PLACE_PREPS, Arg, agentive, arguments, attribution_spans, code_arg,
                         context_code, implied_target)
from .event_triggers import (LIGHT, MODAL_VERBS, REPORTING, TYPE_SCORES, Trigger, clause_root, transparent,
                             sentence_triggers, verb_trigger)

# Time values an event date can take: a day, a month or a year. Weeks, seasons and values the
# time tagger could not anchor ("XXXX-09") are left for the article date.
CALENDAR_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?![\dW])")
# Auxiliaries that make an event a plan, a possibility or (PLOVER) a demand.
MODAL_AUX = {"must": "demand", "will": "plan", "shall": "plan", "'ll": "plan", "would": "possible", "could": "possible",
             "may": "possible", "might": "possible", "should": "possible", "can": "possible"}
# Words that negate the predicate they modify ("did not attack", "never agreed", "no deal").
NEGATORS = frozenset({"not", "n't", "never", "no"})
# Sectors that bear arms: violence between two of them (or against a state) is FIGHT, not ASSAULT.
ARMED = frozenset({"MIL", "REB"})
# Types where "A and B did it" means they did it with each other.
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "FIGHT", "REJECT"})
# Sectors that speak for a state or body: their "protest" is a diplomatic DISAPPROVE.
STATE_SECTORS = frozenset({"GOV", "IGO", "LEG", "JUD"})
# Non-state sectors: their blockades and occupations are protests, not coercion.
CIVIL = frozenset({"CVL", "LAB", "EDU", "OPP", "AGR", "REL", "REF", "NGO"})


# ---------------------------------------------------------------- where, when, modality
def _where(trig: Trigger, sent, exclude: list[tuple[int, int]]):
    """The place of the clause: a GPE/LOC/FAC entity under a locative preposition, nearest the
    predicate's clause, outside the actor and target phrases."""
    root = clause_root(trig.token)
    best = None
    attribution = attribution_spans(sent)
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        if any(lo <= ent.start_char < hi and (lo, hi) != (ent.start_char, ent.end_char) for lo, hi in exclude):
            continue  # "a missionary from Calgary": part of who, not where
        if any(lo <= ent.start_char < hi for lo, hi in attribution):
            continue  # "..., officials in Nairobi said": where it was reported, not where it happened
        prep = ent.root.head
        if ent.root.dep_ != "pobj" or prep.lower_ not in PLACE_PREPS:
            continue
        in_clause = clause_root(ent.root).i == root.i
        dist = abs(ent.root.i - trig.token.i) + (0 if in_clause else 100)
        if best is None or dist < best[0]:
            best = (dist, ent)
    return best[1] if best else None


def _when(trig: Trigger, sent, article: Article) -> str | None:
    """The sentence's own date, else the article date for an event reported in the past."""
    own = [t for t in article.times if sent.start_char <= t.start < sent.end_char
           and t.type in ("DATE", "TIME") and CALENDAR_DATE.match(t.value)]
    if own:
        mid = trig.token.idx
        return CALENDAR_DATE.match(min(own, key=lambda t: abs(t.start - mid)).value).group(0)
    verbs = [trig.token] + [a for a in trig.token.ancestors if a.pos_ in ("VERB", "AUX")]
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ in ("aux", "auxpass")]
    if article.date and any(v.tag_ in ("VBD", "VBN") for v in verbs):
        return article.date
    return None


def _modality(trig: Trigger) -> tuple[bool, str | None]:
    """(negated, modality) from negators and auxiliaries on the predicate and the transparent
    verbs above it, and from governing verbs like "plan", "threaten", "deny"."""
    negated = False
    modality = "threat" if trig.entry.type == "THREATEN" else None
    chain = [trig.token]
    tok = trig.token
    while tok.head.i != tok.i and (tok.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "conj")
                                   or transparent(tok.head)):
        tok = tok.head
        chain.append(tok)
        if tok.lemma_.lower() in MODAL_VERBS and modality is None and tok.i != trig.token.i:
            modality = MODAL_VERBS[tok.lemma_.lower()]
        if not transparent(tok):
            break
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod")):
                negated = True
            if c.dep_ == "aux" and c.lower_ in MODAL_AUX and modality is None:
                modality = MODAL_AUX[c.lower_]
    if modality == "failed":
        negated, modality = True, None
    if trig.entry.lemma == "deny":
        modality = "denial"
    return negated, modality


def _apply_rules(trig: Trigger, actor: Arg | None, target: Arg | None,
                 negated: bool = False, modality: str | None = None) -> tuple[str, float]:
    """PLOVER's coding conventions on top of the lexicon type: an intention or offer to
    cooperate is AGREE and to harm is THREATEN, a refusal to cooperate is REJECT, "must" states
    a DEMAND; then the ones that depend on who acts (:func:`_actor_rules`)."""
    e = trig.entry
    if modality == "demand":
        return "DEMAND", TYPE_SCORES["DEMAND"]
    if negated and e.score > 0 and e.type != "AGREE" or negated and e.type == "AGREE":
        return "REJECT", TYPE_SCORES["REJECT"]
    if modality in ("plan", "possible") and not negated and e.type not in ("AGREE", "THREATEN", "DEMAND"):
        return ("AGREE", TYPE_SCORES["AGREE"]) if e.score > 0 else ("THREATEN", TYPE_SCORES["THREATEN"])
    return _actor_rules(trig, actor, target)


def _actor_rules(trig: Trigger, actor: Arg | None, target: Arg | None) -> tuple[str, float]:
    """Armed violence between armed actors is FIGHT, a state's protest is DISAPPROVE, a
    civilian blockade is PROTEST, a promise of a hostile act is THREATEN."""
    e = trig.entry
    a_sec = actor.sector if actor else None
    t_sec = target.sector if target else None
    if e.rule == "armed" and e.type == "ASSAULT":
        state_target = target is not None and target.code and (t_sec is None or t_sec in STATE_SECTORS)
        if (a_sec in ARMED and (t_sec in ARMED or state_target)) or (t_sec in ARMED and a_sec in ARMED | {None}):
            return "FIGHT", TYPE_SCORES["FIGHT"]
    if e.rule == "official" and actor is not None and (
            a_sec in STATE_SECTORS or (actor.code and a_sec is None and actor_kind(actor.phrase) != "demonym")):
        return "DISAPPROVE", TYPE_SCORES["DISAPPROVE"]
    if e.type == "COERCE" and actor is not None and actor.sector in CIVIL:
        return "PROTEST", TYPE_SCORES["PROTEST"]
    if e.rule == "promise":
        for c in trig.token.children:
            if c.dep_ in ("xcomp", "ccomp"):
                inner = verb_trigger(c)
                if inner is not None and inner.entry.score < 0:
                    return "THREATEN", TYPE_SCORES["THREATEN"]
    return e.type, e.score


def _action(trig: Trigger) -> str:
    """The words that state the event: the trigger, its light verb, its complement verb."""
    toks = {t.i: t for t in trig.words}
    head = trig.token.head
    if trig.entry.noun and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT:
        toks[head.i] = head
    if not trig.entry.noun:
        for c in trig.token.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                toks[c.i] = c
                for p in c.children:
                    if p.dep_ == "aux" and p.lower_ == "to":
                        toks[p.i] = p
    ordered = [toks[i] for i in sorted(toks)]
    return " ".join(t.text for t in ordered)


# ---------------------------------------------------------------- events
def events_for_trigger(trig: Trigger, sent, article: Article, context: frozenset[str] = frozenset(),
                       home: str | None = None) -> list[Event]:
    """One event per actor of the trigger (coordinated actors act separately). ``context``: the
    countries the article names, to choose among cities that share a name; ``home``: the
    country the article names most, for people and groups no sentence places ("police")."""
    actors, target, fallback = arguments(trig, article)
    for arg in actors + [x for x in (target, fallback) if x]:
        if arg.via_city:  # "San Antonio" in a story about Chile
            arg.code = city_country(arg.phrase, context) or arg.code
    if target is None and fallback is None and len(actors) > 1 and trig.entry.type in MUTUAL_TYPES:
        actors, target = actors[:1], actors[1]  # "A and B agreed": A -> B
    negated, modality = _modality(trig)
    speaker = _speaker(trig.token) if modality == "demand" else None
    if speaker is not None:  # "X said that Y must withdraw": X demands of Y
        demanded = actors[0] if actors else None
        actors = [a for a in (code_arg(speaker, article),) if a is not None]
        target, fallback = (demanded, None) if demanded is not None else (target, fallback)
    exclude = [(a.start, a.end) for a in actors + [x for x in (target, fallback) if x]]
    place = _where(trig, sent, exclude)
    place_arg = None
    if place is not None:
        code, sector = code_actor(place.text)
        code = city_country(place.text, context) or code
        if code:
            place_arg = Arg(place.text, code, sector, place.start_char, place.end_char)
    # "declared a curfew in Abidjan": with no actor as target, the place is what is acted on.
    target = target or fallback or place_arg or implied_target(trig, sent, actors, article)
    if target is not None and target.code is None and place_arg is not None and target is not place_arg:
        target.code = place_arg.code  # "killed 23 people in Tel Aviv": people of that place
    for arg in actors + ([target] if target else []):
        if arg.code is None and agentive(arg, article):
            arg.code = context_code(sent, arg, context) or home
    if not actors and trig.entry.type == "COERCE" and place_arg is not None and _is_passive(trig.token):
        actors = [place_arg]  # "was arrested in Lebanon": by the state that holds the place
    when = _when(trig, sent, article)
    point = geocode(place.text, context) if place is not None else None
    if not actors and target is None:
        return []  # nobody named on either side: nothing to count, map or tell apart
    out = []
    for actor in actors or [None]:
        etype, score = _apply_rules(trig, actor, target, negated, modality)
        mode = trig.entry.mode if etype == trig.entry.type else None
        out.append(Event(
            start=sent.start_char, end=sent.end_char,
            actor=actor.text if actor else None, actor_code=actor.code if actor else None,
            action=_action(trig), code=etype,
            target=target.text if target else None, target_code=target.code if target else None,
            when=when, where=place.text if place is not None else None, score=score,
            mode=mode, actor_sector=actor.sector if actor else None,
            target_sector=target.sector if target else None, negated=negated, modality=modality,
            lat=point[0] if point else None, lon=point[1] if point else None))
    return out


def _speaker(tok):
    """The subject of the reporting verb a clause is reported under, if any."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in REPORTING:
            return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return None


def _is_passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def find_events(doc, article: Article) -> list[Event]:
    """Every event stated in the parsed article: the main event of each clause, coded."""
    if doc is None:
        return []
    events: list[Event] = []
    codes = [pat.code for _, _, pat in find_actor_mentions(article.text or doc.text) if pat.code != "IGO"]
    home = max(codes, key=codes.count) if codes else None  # ties: the first named
    for sent in doc.sents:
        for trig in sentence_triggers(sent):
            events.extend(events_for_trigger(trig, sent, article, frozenset(codes), home))
    return events


@register("events", step="read", reads=("doc", "entities", "times"), writes=("events",))
def events_stage(article: Article, ctx: Context) -> list[Article]:
    article.events = find_events(article.doc, article)
    return [article]


assert set(TYPE_SCORES) == set(PLOVER_TYPES)
