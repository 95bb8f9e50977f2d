"""``storyline eval KIND DATA.jsonl``: run the system on a data set and score it with the shared scorer.

The scorer is ``../shared/tools/score.py`` (found beside the data set, or named by
``$STORYLINE_SCORER``); storyline never re-implements it. Each kind says how the scorer's
``inputs`` mode makes the system's input and how the system is run on it:

=========  ===========  ==================================================================
kind       inputs mode  system run
=========  ===========  ==================================================================
extract    html         ``extract --no-read`` over the pages (body text)
pagetext   pagetext     ``extract --no-read`` over the pages flattened to text
dates      html         ``extract --no-read`` (publication date)
timex      plain        ``extract --plain`` (text kept exactly, date from the record)
quotes     plain        ``extract --plain``
events     plain        ``extract --plain``
stories    story        ``ingest --plain`` into a fresh database, then ``stories --format json``
=========  ===========  ==================================================================

A baseline is scored on the same inputs in the same run, so comparisons are side by side:
``trafilatura`` alone (extract, pagetext, dates), textacy's ``direct_quotations`` (quotes; the
``eval`` extra), and ``majority``, a coder that gives every sentence the data set's most common
event type and actor codes (events).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .config import Settings


@dataclass(frozen=True)
class EvalKind:
    inputs_mode: str
    scorer: str
    plain: bool = False
    read: bool = True


KINDS = {
    "extract": EvalKind("html", "extract", read=False),
    "pagetext": EvalKind("pagetext", "extract", read=False),
    "dates": EvalKind("html", "dates", read=False),
    "timex": EvalKind("plain", "timex", plain=True),
    "quotes": EvalKind("plain", "quotes", plain=True),
    "events": EvalKind("plain", "events", plain=True),
    # ECB+ texts are clean articles already (rebuilt from the corpus tokens): no page cleaning.
    "stories": EvalKind("story", "stories", plain=True),
}


def find_scorer(data_path: str) -> Path:
    """$STORYLINE_SCORER, else tools/score.py in the shared folder that holds the data set."""
    env = os.environ.get("STORYLINE_SCORER")
    if env:
        return Path(env)
    for parent in Path(data_path).resolve().parents:
        candidate = parent / "tools" / "score.py"
        if candidate.exists():
            return candidate
    candidate = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"
    if candidate.exists():
        return candidate
    raise FileNotFoundError("cannot find the scorer tools/score.py: set STORYLINE_SCORER")


def run_scorer(scorer: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, str(scorer), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"score.py {' '.join(args[:1])} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout


def limit_jsonl(path: str, limit: int | None, workdir: Path) -> str:
    """The first ``limit`` records of a data set (all when limit is None)."""
    if not limit:
        return path
    out = workdir / "gold.jsonl"
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return str(out)


def evaluate(kind: str, data_path: str, settings: Settings | None = None, limit: int | None = None,
             baseline: str | None = None, workdir: str | None = None) -> str:
    """Run ``kind`` on the data set; return the scorer's output (and the baseline's)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    spec = KINDS[kind]
    settings = settings or Settings()
    scorer = find_scorer(data_path)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmpdir = Path(tmp)
        gold = limit_jsonl(data_path, limit, tmpdir)
        inputs = tmpdir / "inputs.jsonl"
        run_scorer(scorer, "inputs", spec.inputs_mode, gold, str(inputs))
        pred = tmpdir / "pred.json"
        if kind == "stories":
            predict_stories(str(inputs), settings.replace(db=str(tmpdir / "eval.db"), plain=spec.plain or None), pred)
        else:
            run_settings = settings.replace(plain=spec.plain or None)
            if not spec.read:
                run_settings = run_settings.replace(readers=())
            predict_articles(str(inputs), run_settings, pred)
        output = f"storyline {run_scorer(scorer, spec.scorer, gold, str(pred))}"
        if baseline:
            base_pred = tmpdir / "baseline.jsonl"
            predict_baseline(baseline, str(inputs), base_pred, gold)
            output += f"{baseline} {run_scorer(scorer, spec.scorer, gold, str(base_pred))}"
        return output


def predict_articles(inputs: str, settings: Settings, out: Path) -> None:
    from .api import extract_items

    with open(out, "w", encoding="utf-8") as fh:
        for article in extract_items([inputs], settings):
            fh.write(json.dumps(article.to_contract(), ensure_ascii=False) + "\n")


def predict_stories(inputs: str, settings: Settings, out: Path) -> None:
    from .ingest.job import ingest
    from .story.stories import stories_json
    from .store.db import Store

    with Store(settings.db) as store:
        ingest([inputs], settings, store=store, on_rejection=lambda r: None)
        out.write_text(json.dumps(stories_json(store.conn)), encoding="utf-8")


BASELINES = {"trafilatura": ("extract", "pagetext", "dates"), "textacy": ("quotes",), "majority": ("events",)}


def predict_baseline(name: str, inputs: str, out: Path, gold: str) -> None:
    """A rival (or trivial) system alone on the same inputs, written in the contract's shape."""
    records = [json.loads(line) for line in open(inputs, encoding="utf-8") if line.strip()]
    predict = {"trafilatura": _trafilatura_rows, "textacy": _textacy_rows, "majority": _majority_rows}[name]
    with open(out, "w", encoding="utf-8") as dst:
        for row in predict(records, gold):
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")


def _trafilatura_rows(records: list[dict], gold: str):
    import trafilatura

    for record in records:
        page = record.get("html") or record.get("text") or ""
        doc = trafilatura.bare_extraction(page, url=record.get("url"), with_metadata=True)
        text = (doc.text if doc else "") or ""
        date = doc.date[:10] if doc and doc.date else None
        yield {"source": record["id"], "index": 0, "text": text, "date": date}


def _textacy_rows(records: list[dict], gold: str):
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(Settings().model)
    for record in records:
        doc = nlp(record["text"])
        quotes = []
        try:
            found = list(direct_quotations(doc))
        except ValueError:  # textacy refuses texts with an odd number of quote marks
            found = []
        for speaker, _cue, content in found:
            start, end = content.start_char, content.end_char
            quotes.append({"start": start, "end": end, "text": doc.text[start:end], "direct": True,
                           "speaker": " ".join(t.text for t in speaker),
                           "speaker_start": speaker[0].idx, "speaker_end": speaker[-1].idx + len(speaker[-1])})
        yield {"source": record["id"], "index": 0, "text": record["text"], "quotes": quotes}


def _majority_rows(records: list[dict], gold: str):
    """Every sentence gets the gold data's most common event type, source and target code."""
    import collections

    rows = [json.loads(line) for line in open(gold, encoding="utf-8") if line.strip()]
    common = lambda values: collections.Counter(values).most_common(1)[0][0] if values else None  # noqa: E731
    code = common([r["event"] for r in rows])
    source = common([a["code"] for r in rows for a in r.get("source_actors", []) if a.get("code")])
    target = common([a["code"] for r in rows for a in r.get("target_actors", []) if a.get("code")])
    for record in records:
        yield {"source": record["id"], "index": 0, "text": record["text"],
               "events": [{"code": code, "actor_code": source, "target_code": target}]}
