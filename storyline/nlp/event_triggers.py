"""Event triggers: the PLOVER lexicon and the main predicate of each clause.

The lexicon ships as data (``data/plover_verbs.tsv``, ``data/plover_nouns.tsv``), written from the
PLOVER manual's type definitions: a bare verb ("withdrew"), a verb with its particle ("pulled
out", "called for"), a verb with a given object ("halted aid", "imposed a curfew"), or a noun or
noun sequence ("the withdrawal", "a hunger strike"). A verb of stopping with an event noun as its
object is composed into an event of its own ("halted aid" SANCTION, "lifted the curfew" CONCEDE).

Among the triggers of one clause, the one highest in the dependency tree wins, counting
reporting verbs ("said"), aspect and light verbs ("began", "launched", "held") as transparent:
"X threatened to attack Y" is THREATEN, "X launched an offensive" is FIGHT.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Goldstein-like score of each type when a lexicon row gives none (cooperation +10 .. conflict -10).
TYPE_SCORES = {
    "AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.0, "CONCEDE": 4.0, "COOPERATE": 5.0, "AID": 7.0,
    "RETREAT": 5.0, "INVESTIGATE": -2.0, "DEMAND": -3.0, "DISAPPROVE": -3.0, "REJECT": -4.0,
    "THREATEN": -6.0, "PROTEST": -6.0, "MOBILIZE": -6.0, "SANCTION": -6.0, "COERCE": -7.0,
    "ASSAULT": -9.0, "FIGHT": -10.0,
}
# Context rules a lexicon row may name (see storyline.nlp.events._actor_rules).
LEXICON_RULES = frozenset({"-", "armed", "official", "promise"})
# Verbs that carry no event of their own: the event is in their complement or object.
# Reporting verbs ("X said Y attacked Z"):
REPORTING = frozenset("say tell announce report state add claim confirm note quote explain write "
                      "reveal indicate disclose acknowledge assert believe think reiterate repeat "
                      "stress emphasize emphasise argue maintain".split())
# aspect, attempt and control verbs ("began withdrawing", "tried to block"):
ASPECTUAL = frozenset("begin start continue resume keep try attempt decide seek want hope go "
                      "manage fail agree_to need order vote move step get come be have".split())
# light verbs whose object noun states the event ("launched an offensive", "held talks"):
LIGHT = frozenset("launch hold stage conduct carry begin start open make take give issue declare "
                  "impose mount undertake use have organize organise lead do continue resume "
                  "announce order call go set wage unleash face receive step".split())
# Governing verbs that make the event not (yet) a done deed.
MODAL_VERBS = {"plan": "plan", "intend": "plan", "prepare": "plan", "aim": "plan", "propose": "plan",
               "consider": "possible", "threaten": "threat", "deny": "denial", "want": "plan",
               "hope": "plan", "seek": "plan", "try": "attempt", "attempt": "attempt",
               "willing": "plan", "ready": "plan", "prepared": "plan", "fail": "failed", "offer": "plan"}
# A nominal trigger sits one step below the verb that governs it; half a step keeps a light
# verb's object ("launched an offensive") level with a bare verb in the next clause down.
NOUN_DEPTH_PENALTY = 0.5
# A clause hanging off its verb as a purpose, manner or time adjunct ("staged protests to demand
# reforms", "shelled the city, killing 20") is below the main event even under a light verb.
SUBORDINATE = frozenset({"advcl", "relcl", "acl"})
# Verbs of stopping: with a cooperative object they sanction ("halted aid"), with a sanction or
# restriction they concede ("lifted the curfew"), with violence they retreat ("ended the offensive").
STOP_VERBS = frozenset("halt suspend end stop break freeze cut cancel abandon terminate lift ease "
                       "scrap call drop".split())
# Entity types whose words are names or dates, never event nouns ("in March").
NAME_LABELS = frozenset({"DATE", "TIME", "PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})
# Verbs that carry no event of their own when a verb follows ("helped fuel", "helped end").
HELPING_VERBS = frozenset({"help"})
# Generic nouns a trigger noun may modify and still state the event ("mediation efforts").
GENERIC_EVENT_NOUNS = frozenset("effort mission campaign operation process plan programme program "
                                "initiative bid talk action move".split())
# Compounds whose head looks like an event noun but is not one.
NON_EVENT_COMPOUNDS = frozenset({"press release", "news release", "press conference", "news conference"})


@dataclass(frozen=True)
class Entry:
    """One lexicon row."""

    pattern: str
    type: str
    mode: str | None
    score: float
    rule: str
    lemma: str  # the verb lemma, or the noun pattern's head-word sequence
    particle: str | None = None
    objects: tuple[str, ...] = ()
    noun: bool = False


@dataclass
class Trigger:
    token: object  # the predicate token (verb, or the noun's head)
    entry: Entry
    words: list  # tokens that state the event
    depth: float = 0.0


# ---------------------------------------------------------------- lexicon
def _lexicon_rows(name: str) -> list[list[str]]:
    path = resources.files("storyline") / "data" / name
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return [r for r in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 5]


def parse_entry(row: list[str], noun: bool) -> Entry:
    """A lexicon row -> Entry. Verb patterns: "lemma", "lemma particle", "lemma [obj|obj]"."""
    pattern, etype, mode, score, rule = (c.strip() for c in row[:5])
    objects: tuple[str, ...] = ()
    m = re.match(r"^(.*?)\s*\[(.*)\]$", pattern)
    head = pattern
    if m:
        head, objects = m.group(1), tuple(o.strip().lower() for o in m.group(2).split("|"))
    words = head.lower().split()
    lemma, particle = (head.lower(), None) if noun else (words[0], " ".join(words[1:]) or None)
    return Entry(pattern, etype, None if mode == "-" else mode,
                 TYPE_SCORES.get(etype, 0.0) if score == "-" else float(score), rule, lemma,
                 particle, objects, noun)


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """(verb lemma -> entries, first noun word -> entries), loaded once per process."""
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for row in _lexicon_rows("plover_verbs.tsv"):
        e = parse_entry(row, noun=False)
        verbs.setdefault(e.lemma, []).append(e)
    for row in _lexicon_rows("plover_nouns.tsv"):
        e = parse_entry(row, noun=True)
        nouns.setdefault(e.lemma.split()[0], []).append(e)
    for table in (verbs, nouns):
        for entries in table.values():  # most specific first: objects, then particle, then longest
            entries.sort(key=lambda e: (not e.objects, e.particle is None, -len(e.lemma)))
    return verbs, nouns


def is_event_noun(tok) -> bool:
    """Whether the token is (the head of) a nominal trigger in the lexicon ("ceasefire")."""
    _, nouns = load_lexicon()
    lemma = tok.lemma_.lower()
    return any(e.lemma.split()[-1] in (lemma, tok.lower_) for e in nouns.get(lemma, []) + nouns.get(tok.lower_, [])) \
        or any(e.lemma.split()[-1] == lemma for entries in nouns.values() for e in entries if " " in e.lemma)


# ---------------------------------------------------------------- triggers
def _particle_of(tok, particle: str) -> list:
    """The tokens of a verb's particle ("out" of "pulled out"), or [] when it has none."""
    words = particle.split()
    kids = [c for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "dobj") and c.lower_ == words[0]]
    if not kids and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == words[0]:
        kids = [tok.doc[tok.i + 1]]
    if not kids:
        return []
    if len(words) > 1:  # "open fire": the rest must follow
        rest = tok.doc[kids[0].i + 1: kids[0].i + len(words)]
        if [t.lower_ for t in rest] != words[1:]:
            return []
        return [kids[0], *rest]
    return kids


def _objects_of(tok) -> list:
    """The verb's direct objects (or passive subjects), also through its particle."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative")]
    for c in tok.children:
        if c.dep_ in ("prt", "prep"):
            objs += [g for g in c.children if g.dep_ == "pobj"]
    return objs


def _object_match(tok, objects: tuple[str, ...]):
    """The object token whose phrase (lemmas) holds one of ``objects`` with its head word."""
    for obj in _objects_of(tok):
        lo = max(obj.left_edge.i, obj.i - 3)
        hi = min(obj.right_edge.i, obj.i + 3)
        lemmas = " ".join(t.lemma_.lower() for t in tok.doc[lo:hi + 1])
        texts = " ".join(t.lower_ for t in tok.doc[lo:hi + 1])
        for o in objects:
            if o.split()[0] in (obj.lemma_.lower(), obj.lower_) or o.split()[-1] in (obj.lemma_.lower(), obj.lower_):
                if re.search(rf"\b{re.escape(o)}\b", lemmas) or re.search(rf"\b{re.escape(o)}\b", texts):
                    return obj
    return None


def verb_trigger(tok) -> Trigger | None:
    """The most specific verb entry that matches ``tok`` (with its particle and object)."""
    if tok.pos_ != "VERB":
        return None
    if tok.lemma_.lower() in HELPING_VERBS and any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"
                                                  for c in tok.children):
        return None  # "the chaos helped fuel piracy": the event is in the complement
    verbs, _ = load_lexicon()
    for e in verbs.get(tok.lemma_.lower(), ()):
        words = [tok]
        if e.particle:
            part = _particle_of(tok, e.particle)
            if not part:
                continue
            words += part
        if e.objects:
            obj = _object_match(tok, e.objects)
            if obj is None:
                continue
            words.append(obj)
        return Trigger(tok, e, sorted(words, key=lambda t: t.i))
    return None


def noun_triggers(sent) -> list[Trigger]:
    """Nominal triggers in a sentence, longest pattern first, never overlapping."""
    _, nouns = load_lexicon()
    found: list[Trigger] = []
    taken: set[int] = set()
    toks = list(sent)
    for k, tok in enumerate(toks):
        for e in nouns.get(tok.lemma_.lower(), []) + nouns.get(tok.lower_, []):
            n = len(e.lemma.split())
            span = toks[k:k + n]
            if len(span) < n or any(t.i in taken for t in span):
                continue
            if any(e.lemma.split()[j] not in (t.lemma_.lower(), t.lower_) for j, t in enumerate(span)):
                continue
            head = next((t for t in span if not (span[0].i <= t.head.i <= span[-1].i) or t.head.i == t.i), span[-1])
            if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in NAME_LABELS:
                continue  # "in March", "the Strike Force": a date or a name, not an event
            if any(f"{c.lower_} {head.lower_}" in NON_EVENT_COMPOUNDS for c in head.children if c.dep_ == "compound"):
                continue
            if head.dep_ in ("compound", "amod", "nmod"):
                if head.head.lemma_.lower() not in GENERIC_EVENT_NOUNS:
                    continue
                head = head.head  # "mediation efforts": the arguments hang off "efforts"
            found.append(Trigger(head, e, span))
            taken.update(t.i for t in span)
            break
    return found


def _stop_trigger(noun: Trigger) -> Trigger | None:
    """A verb of stopping with an event noun as its object is an event of its own."""
    verb = noun.token.head
    if noun.token.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or verb.lemma_.lower() not in STOP_VERBS:
        return None
    kind = noun.entry.type
    if noun.entry.score > 0:
        etype, mode = "SANCTION", None
    elif kind in ("SANCTION", "COERCE", "PROTEST"):
        etype, mode = "CONCEDE", None  # easing a restriction, calling off a strike
    elif kind in ("FIGHT", "ASSAULT", "MOBILIZE", "THREATEN"):
        etype, mode = "RETREAT", None
    else:
        return None
    entry = Entry(f"{verb.lemma_.lower()} [{noun.entry.pattern}]", etype, mode, TYPE_SCORES[etype], "-",
                  verb.lemma_.lower())
    return Trigger(verb, entry, sorted([verb, *noun.words], key=lambda t: t.i))


def transparent(tok) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in REPORTING or lemma in ASPECTUAL or lemma in LIGHT or lemma in MODAL_VERBS or tok.pos_ == "AUX"


def _depth(tok, trigger_tokens: set[int]) -> float:
    """How far below its clause's top the token sits, skipping transparent verbs."""
    depth = 0.0
    while tok.head.i != tok.i:
        below, tok = tok, tok.head
        if below.dep_ == "conj":
            continue  # a conjunct stands level with the word it is coordinated with
        if tok.i in trigger_tokens or not transparent(tok) or below.dep_ in SUBORDINATE:
            depth += 1
    return depth


def clause_root(tok):
    """The top of the token's clause group: the sentence root, or a conjoined verb with its own
    subject (a second event in the same sentence)."""
    while tok.head.i != tok.i:
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return tok
        tok = tok.head
    return tok


def sentence_triggers(sent) -> list[Trigger]:
    """The main trigger of each clause group of a sentence, in text order."""
    triggers = [t for t in (verb_trigger(tok) for tok in sent) if t is not None]
    covered = {w.i for t in triggers for w in t.words}
    nominal = [t for t in noun_triggers(sent) if not covered & {w.i for w in t.words}]
    composed = [c for c in (_stop_trigger(n) for n in nominal) if c is not None]
    stopped = {c.words[-1].i for c in composed}
    triggers = [t for t in triggers if t.token.i not in {c.token.i for c in composed}]
    triggers += composed + [n for n in nominal if n.token.i not in stopped]
    heads = {t.token.i for t in triggers}
    for t in triggers:
        t.depth = _depth(t.token, heads) + (NOUN_DEPTH_PENALTY if t.entry.noun else 0.0)
    best: dict[int, Trigger] = {}
    for t in sorted(triggers, key=lambda t: (t.depth, t.entry.noun, t.token.i)):
        best.setdefault(clause_root(t.token).i, t)
    return sorted(best.values(), key=lambda t: t.token.i)
