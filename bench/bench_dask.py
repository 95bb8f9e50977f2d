#!/usr/bin/env python
"""``storyline ingest --dask local`` (a LocalCluster of two worker processes) against
``storyline ingest --workers 2`` (local processes) on the same corpus and the same machine.

    python bench/bench_dask.py --n 500

Each run is a fresh subprocess with a fresh database; the Dask run's time includes starting the
cluster, as a user's would. Prints articles/s for both and the ratio dask / processes
(target >= 0.8: on 2 cores the point is correctness and real deployment, not beating local
processes). ``--repeat`` runs each configuration several times, alternating, and keeps the
fastest, which damps the noise of a shared machine.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import (emit, work_folder, build_corpus, child_cmd, corpus_inputs, count_articles, measure,  # noqa: E402
                            rejection_warning, rejections_of, rss_method)

TARGET_RATIO = 0.8


def ingest_once(work: Path, label: str, run: int, readers: str, extra: list[str], inputs: list[str]) -> dict:
    db = work / f"{label}_{run}.db"
    script = Path(__file__).resolve().parent / "bench_pipeline.py"
    m = measure(child_cmd(script, "storyline", readers, "ingest", "--db", str(db), "--no-progress", *extra, *inputs),
                ok_codes=(0, 1))
    stored = count_articles(db)
    for path in work.glob(f"{db.name}*"):
        path.unlink()
    return {"seconds": m.seconds, "cpu_seconds": m.cpu_seconds, "peak_rss": m.peak_rss, "articles": stored,
            "rejected": rejections_of(m.stderr),
            "notes": sorted({line[len("bench: NOTE "):] for line in m.stderr.splitlines()
                             if line.startswith("bench: NOTE")})}


def run(work: Path, inputs: list[str], workers: int, readers: str, repeat: int, plain: bool) -> dict:
    common = ["--workers", str(workers), *(["--plain"] if plain else [])]
    configs = {"processes": common, "dask": ["--dask", "local", *common]}
    best: dict[str, dict] = {}
    for i in range(repeat):
        for label, extra in configs.items():
            result = ingest_once(work, label, i, readers, extra, inputs)
            print(f"  run {i + 1} {label:<9}: {result['seconds']:7.1f} s", file=sys.stderr)
            if label not in best or result["seconds"] < best[label]["seconds"]:
                best[label] = result
    rate = {k: r["articles"] / r["seconds"] for k, r in best.items()}
    ratio = rate["dask"] / rate["processes"] if rate["processes"] and rate["dask"] else 0.0
    return {"runs": best, "ratio": ratio, "workers": workers, "readers": readers, "repeat": repeat,
            "rss_method": rss_method(), "commands": {k: "storyline ingest --db X.db " + " ".join(v) + " INPUT..."
                                                     for k, v in configs.items()}}


def format_report(result: dict) -> str:
    c = result["corpus"]
    lines = [f"corpus: {c['records']} records ({c['texts']} texts, {c['html_pages']} HTML pages); {c['source']}",
             f"readers: {result['readers']}; best of {result['repeat']} run(s) each; times include start-up",
             f"{'configuration':<36}{'articles':>9}{'seconds':>9}{'articles/s':>11}{'peak RSS':>12}{'CPU s':>8}"]
    labels = {"processes": f"ingest --workers {result['workers']}",
              "dask": f"ingest --dask local --workers {result['workers']}"}
    for key, label in labels.items():
        r = result["runs"][key]
        rate = r["articles"] / r["seconds"] if r["seconds"] else 0.0
        lines.append(f"{label:<36}{r['articles']:>9}{r['seconds']:>9.1f}{rate:>11.1f}{r['peak_rss'] / 2**20:>8.0f} MiB"
                     f"{r['cpu_seconds']:>8.1f}")
    if result["runs"]["dask"]["articles"] != result["runs"]["processes"]["articles"]:
        lines.append("WARNING: the two paths stored different numbers of articles")
    verdict = "ok" if result["ratio"] >= TARGET_RATIO else "BELOW TARGET"
    lines.append(f"ratio dask / processes (articles/s): {result['ratio']:.3f}  (target >= {TARGET_RATIO}: {verdict})")
    notes = sorted({n for r in result["runs"].values() for n in r["notes"]})
    lines += [f"note: {n}" for n in notes]
    for key, r in result["runs"].items():
        lines += rejection_warning(f"ingest ({key})", r["articles"], *r["rejected"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="records in the corpus (default: %(default)s)")
    parser.add_argument("--html-share", type=float, default=0.1, help="share of HTML pages (default: %(default)s)")
    parser.add_argument("--generated", action="store_true",
                        help="generated fictional articles instead of the dev pages")
    parser.add_argument("--readers", default="all", help="all, none, or a comma list (default: %(default)s)")
    parser.add_argument("--plain", action="store_true", help="ingest with --plain (use with --generated)")
    parser.add_argument("--workers", type=int, default=2, help="workers for both paths (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration; the fastest counts")
    parser.add_argument("--work-dir", help="keep the corpus here (default: a temp dir)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    with work_folder(args.work_dir, "storyline-dask-") as work:
        info = build_corpus(work / "corpus", args.n, 0.0 if args.plain else args.html_share, args.generated)
        result = run(work, corpus_inputs(work / "corpus"), args.workers, args.readers, args.repeat, args.plain)
        result["corpus"] = info
        result["argv"] = ["python", "bench/bench_dask.py", *argv]
        emit(result, format_report(result), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
