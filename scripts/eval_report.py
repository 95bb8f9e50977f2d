#!/usr/bin/env python3
"""Write docs/evaluation.md from today's runs of `storyline eval` on the dev splits.

Every figure in the page is printed by ../shared/tools/score.py during this run; the page
shows the exact command beside each table. Usage:

    python scripts/eval_report.py [--shared ../shared] [--out docs/evaluation.md] [--only KIND ...]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (kind, data set, baseline scored beside us in the same run or None, the held-out target)
RUNS = [
    ("extract", "scrapinghub_aeb", "trafilatura", "F1 >= trafilatura + 0.01 (test: trafilatura 0.956)"),
    ("extract", "l3s_gn1_news_pages", "trafilatura", "F1 >= trafilatura + 0.01 (test: trafilatura 0.879)"),
    ("extract", "big9_news_pages", "trafilatura", "F1 >= trafilatura + 0.01 (test: trafilatura 0.947)"),
    ("extract", "wcxb_news_pages", "trafilatura", "F1 >= trafilatura + 0.01 (test: trafilatura 0.952)"),
    ("pagetext", "scrapinghub_aeb", None, "F1 >= 0.90"),
    ("pagetext", "l3s_gn1_news_pages", None, "F1 >= 0.85"),
    ("pagetext", "big9_news_pages", None, "F1 >= 0.85"),
    ("pagetext", "wcxb_news_pages", None, "F1 >= 0.85"),
    ("dates", "wcxb_news_pages", "trafilatura", "exact day >= 0.93 (htmldate 0.88)"),
    ("timex", "tempeval3", None, "value F1 >= 0.82, strict F1 >= 0.85 (HeidelTime 0.781 / 0.818)"),
    ("quotes", "polnear", "textacy", "overlap F1 >= 0.80, speaker accuracy >= 0.85"),
    ("events", "plover_gsr", "majority", "type F1 >= 0.70, source code acc >= 0.85, target code acc >= 0.75"),
    ("stories", "ecbplus_clusters", None, "pairwise F1 >= 0.92, BCubed F1 >= 0.92 (TF-IDF baseline 0.796 / 0.861)"),
]


def run_eval(kind: str, data: Path, baseline: str | None, workers: int) -> tuple[str, float, str]:
    cmd = [sys.executable, "-m", "storyline", "eval", kind, str(data), "--workers", str(workers)]
    if baseline:
        cmd += ["--baseline", baseline]
    started = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    seconds = time.monotonic() - started
    output = result.stdout.strip() or f"FAILED: {result.stderr.strip()[-800:]}"
    shown = " ".join(["storyline", *cmd[3:]]).replace(str(data.parents[3]), "..")  # ../shared/data/...
    return output, seconds, shown


def figures(line: str) -> str:
    """The scorer's line without the system name, for a table cell."""
    return re.sub(r"^\S+\s+", "", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--out", default=str(REPO / "docs" / "evaluation.md"))
    parser.add_argument("--only", nargs="*",
                        help="rerun only these kinds; the others keep their figures from the last run "
                             "(kept in evaluation.json beside the page)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    shared = Path(args.shared)
    if not (shared / "data").exists():
        print(f"no data sets under {shared}/data: nothing to evaluate", file=sys.stderr)
        return 0
    results_path = Path(args.out).with_suffix(".json")
    previous = json.loads(results_path.read_text()) if args.only and results_path.exists() else {}
    rows = []
    for kind, name, baseline, target in RUNS:
        if args.only and kind not in args.only:
            if f"{kind}:{name}" in previous:
                rows.append(tuple(previous[f"{kind}:{name}"]))
            continue
        data = shared / "data" / name / "dev.jsonl"
        if not data.exists():
            continue
        output, seconds, shown = run_eval(kind, data, baseline, args.workers)
        print(f"{kind} {name} ({seconds:.0f} s)\n{output}", flush=True)
        rows.append((kind, name, target, output, seconds, shown))
    write_page(Path(args.out), rows)
    results_path.write_text(json.dumps({f"{r[0]}:{r[1]}": r for r in rows}, indent=1) + "\n", encoding="utf-8")
    return 0


def write_page(out: Path, rows) -> None:
    lines = [
        "# Evaluation",
        "",
        f"Produced by `python scripts/eval_report.py` on {dt.date.today().isoformat()} "
        f"({platform.machine()}, {platform.python_version()}); every figure below is the output of",
        "`../shared/tools/score.py`, run by `storyline eval` on the **dev** split of each data set",
        "(`../shared/data/*/dev.jsonl`). The held-out test splits are sealed; the targets are theirs.",
        "A baseline listed under a table ran on the same inputs in the same run: trafilatura alone,",
        "textacy's `direct_quotations` (direct quotes only), or a majority-class event coder (every",
        "sentence gets the dev set's most common event type and actor codes).",
        "",
    ]
    for kind, name, target, output, seconds, shown in rows:
        lines += [f"## {kind}: {name}", "", f"Target (held-out test): {target}.", "",
                  "| system | figures |", "|---|---|"]
        for line in output.splitlines():
            system = line.split(" ", 1)[0]
            lines.append(f"| {system} | {figures(line)} |")
        lines += ["", f"`{shown}` ({seconds:.0f} s)", ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
