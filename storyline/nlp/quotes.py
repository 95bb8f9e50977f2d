"""Quotes and their speakers: direct, mixed and indirect speech from the shared parse.

The cascade for one article:

1. Quote marks give the direct segments (``quotes_marks.find_segments``), including quotes
   that run over several paragraphs.
2. Cues: every verb of the reporting lexicon (``storyline/data/quotes_verbs.tsv``) outside
   quote marks, with its subject as the speaker and, by the verb's class, its clause ("said
   that ..."), its to-infinitive ("vowed to ...") or its object ("criticised the deal") as the
   content; in the passive, its subject as content and its agent as speaker ("was criticized
   by X"); attributing nouns ("her claim that ..."), adjectives of stance ("is concerned
   that ..."), "according to X, ...", a sentence-opening source ("In a new poll, ...") and a
   headline's "Name: ...".
3. A direct segment takes the cue whose content holds it (a mixed quote: ``said it would
   "..."``), else the nearest cue of saying in its paragraph ("..., said Gela Vasadze"), else,
   when its paragraph has no cue, the speaker of the quote before it (a run of quotes).
4. A cue whose content holds no direct segment gives an indirect quote.
5. Speakers are entity canonical names. Pronouns ("he told AFP", "she added", "who said")
   go to the last person who acted as a subject, skipping people of the other gender
   (``quotes_gender``); descriptions ("the prime minister") go to the person with that
   title. ``speaker_start``/``speaker_end`` span the mention next to the cue.
"""
from __future__ import annotations

import bisect
import re

from ..model import Article, Entity, Quote
from ..pipeline import Context, register
from .quotes_cues import Cue, find_cues
from .quotes_marks import Segment, find_segments, paragraphs
from .quotes_speakers import Speakers, is_human, subject_of
from .parse import doc_text

# A direct segment with no cue in or next to it is kept only if it is at least this long:
# shorter marked stretches are titles and scare quotes ("Saturday Night Live", "freak out").
MIN_UNATTRIBUTED_WORDS = 6

# A segment attached to a nearby cue (rather than one whose clause holds it) must be at least
# this long, for the same reason.
MIN_NEARBY_WORDS = 3

# A colon lead-in names its speaker at most this many characters before the colon.
MAX_LEAD_IN_CHARS = 120

# A closing mark, a dash and a name that end the line of a quote whose own closing mark
# nests or breaks (vox-pop lists: '"... "hell" than ..." ― Ana Diaz'), at most this many
# characters after the segment's end.
LINE_SIGN_OFF_RE = re.compile("[\"”]\\s*[-–—―]\\s*(?=[A-Z][^\\n]{1,60}$)", re.M)
# About a long paragraph of speech: a dash further on signs some other quote.
MAX_SIGN_OFF_GAP = 600

# Two to four capitalised words alone up to the end of a line: a signature.
NAME_LINE_RE = re.compile(r"((?:[A-Z][\w.'’-]*[ \xa0]){1,3}[A-Z][\w.'’-]*)[ .\t\xa0]*$", re.M)

# A dash right after a quote (same line, or the start of the next) signs it with a name.
SIGN_OFF_RE = re.compile("[\"'”“,.]*\\s*\\n?\\s*[-–—―]\\s*")


# ---------------------------------------------------------------- assembly
def _speech_cues_by_para(cues: list[Cue], paras: list[tuple[int, int]]) -> dict[int, list[Cue]]:
    """Cues of saying grouped by the paragraph they stand in."""
    starts = [p[0] for p in paras]
    out: dict[int, list[Cue]] = {}
    for c in cues:
        if c.speech:
            out.setdefault(max(0, bisect.bisect_right(starts, c.start) - 1), []).append(c)
    return out


def _nearest_cue(seg: Segment, para_cues: list[Cue]) -> Cue | None:
    """The closest cue of saying in the segment's paragraph, outside the segment."""
    best, best_d = None, None
    for c in para_cues:
        if seg.start <= c.start < seg.end:
            continue
        d = seg.start - c.end if c.end <= seg.start else c.start - seg.end
        if best_d is None or d < best_d:
            best, best_d = c, d
    return best


def _quote(text: str, s: int, e: int, cue: Cue | None, direct: bool) -> Quote:
    while e > s and text[e - 1] in ", ":
        e -= 1
    if cue is None:
        return Quote(s, e, text[s:e], None, None, None, direct, None)
    return Quote(s, e, text[s:e], cue.speaker, cue.speaker_start, cue.speaker_end, direct, cue.text)


def _lead_in_cue(seg: Segment, text: str, speakers: Speakers) -> Cue | None:
    """A quote introduced by a colon takes the last person or body named before the colon in
    its paragraph ("Here is Clinton in 1992: “...”")."""
    lo = max(0, seg.start - MAX_LEAD_IN_CHARS - 40)
    head = text[lo:seg.start].rstrip("\"'“” \t")
    if not head.endswith(":"):
        return None
    colon = lo + len(head) - 1
    line_start = text.rfind("\n", 0, colon) + 1
    ents = [e for e in speakers.ents if line_start <= e.start and e.end <= colon
            and colon - e.end <= MAX_LEAD_IN_CHARS and e.label in {"PERSON", "ORG"}]
    if not ents:
        return _lead_in_subject(colon, line_start, speakers)
    e = ents[-1]
    return Cue(colon, colon + 1, ":", e.canonical, e.start, e.end, None, True, True)


def _lead_in_subject(colon: int, line_start: int, speakers: Speakers) -> Cue | None:
    """A colon lead-in without a name: the subject of its sentence, if a person or body
    ("The board was blunt in its ruling: “...”")."""
    span = speakers.doc.char_span(line_start, colon, alignment_mode="contract")
    if span is None:
        return None
    # the last verb before the colon with a subject of its own (the sentence may run on
    # into the quote, so its root can be a word of the quote)
    verb = next((t for t in reversed(span) if t.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)), None)
    subj = subject_of(verb, speakers) if verb is not None else None
    if subj is None or subj.idx < line_start or not is_human(subj, speakers):
        return None
    name, s0, s1 = speakers.name(subj)
    return Cue(colon, colon + 1, ":", name, s0, s1, None, True, True)


def _sign_off_cue(seg: Segment, text: str, speakers: Speakers) -> Cue | None:
    """A quote signed with a dash after it ("“...” ― Ana Diaz", or "-Ana Diaz" on
    the next line), or with the dash and name that end its line when its marks nest."""
    m = SIGN_OFF_RE.match(text, seg.end)
    if not m:  # a quote whose marks nest or break: the dash that ends its line signs it
        line_end = text.find("\n", seg.end)
        line_end = len(text) if line_end < 0 else line_end
        m = LINE_SIGN_OFF_RE.search(text, seg.end, line_end)
        if not m or m.start() - seg.end > MAX_SIGN_OFF_GAP:
            return None
    cue_text = m.group().strip(" \n\"'“”")
    e = speakers.entity_at(m.end(), m.end() + 1)
    if e is None or e.start < m.end() - 1 or e.label not in {"PERSON", "ORG"}:
        name = NAME_LINE_RE.match(text, m.end())  # a name the tagger missed, alone on its line
        if name is None:
            return None
        return Cue(m.start(), m.end(), cue_text, name.group(1), name.start(1), name.end(1),
                   None, True, True)
    return Cue(m.start(), m.end(), cue_text, e.canonical, e.start, e.end, None, True, True)


def attach_segments(text, segs, cues, paras, speakers=None) -> tuple[list[Quote], set[int]]:
    """Direct quotes with the cue each one takes, and the ids of cues used by them."""
    used: set[int] = set()
    out: list[Quote] = []
    by_para = _speech_cues_by_para(cues, paras)
    prev: Quote | None = None
    prev_para = -2
    for seg in segs:
        holder = [c for c in cues if c.content and c.content[0] <= seg.end and seg.start <= c.content[1]]
        # a quote nested in several clauses belongs to the innermost cue of saying whose
        # speaker is a person ("X said the files suggested intruders sought '...'" -> X)
        cue = min(holder, key=lambda c: (not c.speech, not c.human, c.content[1] - c.content[0]),
                  default=None)
        if cue is None and seg.words(text) >= MIN_NEARBY_WORDS:
            cue = _nearest_cue(seg, by_para.get(seg.para, []))
        if cue is None:
            cue = _lead_in_cue(seg, text, speakers) or _sign_off_cue(seg, text, speakers)
        if cue is not None:
            used.add(id(cue))
            q = _quote(text, seg.start, seg.end, cue, True)
        elif prev is not None and seg.para not in by_para and seg.para - prev_para <= 1 and prev.speaker:
            # a run of quotes: the paragraph has no cue and follows a quote, so it is the
            # same speaker going on
            q = _quote(text, seg.start, seg.end, None, True)
            q.speaker, q.speaker_start, q.speaker_end, q.cue = prev.speaker, prev.speaker_start, prev.speaker_end, prev.cue
        elif seg.words(text) >= MIN_UNATTRIBUTED_WORDS:
            q = _quote(text, seg.start, seg.end, None, True)
        else:
            continue
        out.append(q)
        prev, prev_para = q, seg.para
    return out, used


def find_quotes(doc, entities: list[Entity] | None = None) -> list[Quote]:
    """Direct, mixed and indirect quotes of an article, each with its speaker, in text order."""
    text = doc_text(doc)
    speakers = Speakers(doc, entities or [])
    segs = find_segments(text)
    paras = paragraphs(text)
    cues = find_cues(doc, speakers, segs)
    quotes, used = attach_segments(text, segs, cues, paras, speakers)
    for c in cues:
        if id(c) in used or c.content is None:
            continue
        s, e = c.content
        if any(s < q.end and q.start < e for q in quotes if q.direct):
            continue
        quotes.append(_quote(text, s, e, c, False))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


@register("quotes", step="read", reads=("doc", "entities"), writes=("quotes",))
def quotes_stage(article: Article, ctx: Context) -> list[Article]:
    article.quotes = find_quotes(article.doc, article.entities)
    return [article]
