#!/usr/bin/env python
"""Peak memory of ``storyline ingest`` as the corpus grows: flat, or not?

    python bench/bench_memory.py                          # 1k, 10k, 100k short articles, no readers
    python bench/bench_memory.py --readers all --sizes 1000,10000

For each size, a fresh database and a fresh ``storyline ingest --workers 2`` subprocess; the peak
RSS of its whole process tree (the ingest process and its workers) is sampled every 50 ms. The
figure that matters is the ratio of the largest size to the smallest (target: 100k / 1k <= 1.5).

100k full news articles through spaCy take hours on 2 cores, so by default the corpus is short
generated articles (about 60 words) and ``--readers none`` (clean and store, no spaCy): the
scaling of the streaming, batching and store code is what is measured. ``--readers all`` adds
the spaCy parse and every reader; ``--words`` sets the article length. The output says which
configuration was measured. (The time to assign one article to its story with 100k stored is
``bench/bench_assign.py``.)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import (emit, work_folder, child_cmd, count_articles, generated_article, measure,  # noqa: E402
                            rejection_warning, rejections_of, rss_method)

TARGET_RATIO = 1.5
DEFAULT_SIZES = "1000,10000,100000"
# Short articles keep 100k feasible in minutes while still going through every code path.
DEFAULT_WORDS = 60


def write_corpus(path: Path, n: int, words: int, start: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps(generated_article(i, words), ensure_ascii=False) + "\n")


def run_sizes(work: Path, sizes: list[int], readers: str, words: int, workers: int, plain: bool = False) -> list[dict]:
    script = Path(__file__).resolve()
    pipeline_script = script.parent / "bench_pipeline.py"
    rows = []
    for n in sizes:
        corpus, db = work / f"corpus_{n}.jsonl", work / f"store_{n}.db"
        write_corpus(corpus, n, words)
        m = measure(child_cmd(pipeline_script, "storyline", readers, "ingest", "--db", str(db),
                              "--workers", str(workers), "--no-progress", *(["--plain"] if plain else []),
                              str(corpus)), ok_codes=(0, 1))
        rows.append({"size": n, "seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_rss": m.peak_rss,
                     "articles": count_articles(db),
                     "rejected": rejections_of(m.stderr),
                     "notes": sorted({line[len("bench: NOTE "):] for line in m.stderr.splitlines()
                                      if line.startswith("bench: NOTE")})})
        print(f"  {n:>7} articles: {m.seconds:8.1f} s, peak RSS {m.peak_rss / 2**20:7.0f} MiB", file=sys.stderr)
        if n != sizes[-1]:
            corpus.unlink()
            db.unlink()
    return rows


def format_report(result: dict) -> str:
    rows = result["rows"]
    plain = " --plain (no cleaning)" if result.get("plain") else ""
    lines = [f"configuration: storyline ingest --workers {result['workers']}{plain}, readers: {result['readers']}, "
             f"generated fictional articles of ~{result['words']} words",
             f"peak RSS: {result['rss_method']}",
             f"{'articles':>9}{'stored':>8}{'seconds':>9}{'articles/s':>11}{'peak RSS':>12}{'vs first':>9}"
             f"{'CPU ms/article':>15}"]
    base = rows[0]["peak_rss"]
    for r in rows:
        lines.append(f"{r['size']:>9}{r['articles']:>8}{r['seconds']:>9.1f}{r['articles'] / r['seconds']:>11.1f}"
                     f"{r['peak_rss'] / 2**20:>8.0f} MiB{r['peak_rss'] / base:>9.2f}"
                     f"{1000 * r.get('cpu_seconds', 0) / max(1, r['articles']):>15.1f}")
    ratio = rows[-1]["peak_rss"] / base
    verdict = "ok" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    lines.append(f"peak RSS ratio {rows[-1]['size']} / {rows[0]['size']}: {ratio:.3f}  "
                 f"(target <= {TARGET_RATIO}: {verdict})")
    notes = sorted({n for r in rows for n in r["notes"]})
    lines += [f"note: {n}" for n in notes]
    for r in rows:
        lines += rejection_warning(f"ingest of {r['size']}", r["articles"], *r["rejected"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="corpus sizes, comma-separated (default: %(default)s)")
    parser.add_argument("--readers", default="none",
                        help="none, all, or a comma list of readers (default: %(default)s)")
    parser.add_argument("--words", type=int, default=DEFAULT_WORDS,
                        help="words per generated article (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="storyline --workers (default: %(default)s)")
    parser.add_argument("--plain", action="store_true", help="ingest with --plain: no cleaning step")
    parser.add_argument("--work-dir", help="keep corpora and databases here (default: a temp dir)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    with work_folder(args.work_dir, "storyline-mem-") as work:
        work.mkdir(parents=True, exist_ok=True)
        for old in work.glob("store_*.db*"):
            old.unlink()
        result = {"readers": args.readers, "plain": args.plain, "words": args.words, "workers": args.workers,
                  "rss_method": rss_method(),
                  "argv": ["python", "bench/bench_memory.py", *argv]}
        result["rows"] = run_sizes(work, sizes, args.readers, args.words, args.workers, args.plain)
        emit(result, format_report(result), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
