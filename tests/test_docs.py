"""The docs tell the truth: every command has help with an example, the README's two set-up
commands are there, and CI runs exactly the README's test command."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from storyline.cli.main import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps subparsers here; no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_has_help_and_an_example():
    commands = subcommands(build_parser())
    assert {"extract", "ingest", "stories", "run", "export", "eval"} <= set(commands)
    for name, parser in commands.items():
        text = parser.format_help()
        assert re.search(r"examples?:", text), f"`storyline {name} --help` shows no example"
        assert f"storyline {name}" in text.split("example", 1)[1], name


def test_readme_has_the_two_setup_commands():
    install = README.split("<!-- install-command -->", 1)[1].strip().splitlines()[0]
    test = README.split("<!-- test-command -->", 1)[1].strip().splitlines()[0]
    assert "pip install ." in install and "storyline run examples/" in install
    assert "pip install '.[test]'" in test and "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci and "README.md" in ci


def test_every_command_in_the_readme_tour_exists():
    commands = set(subcommands(build_parser()))
    used = set(re.findall(r"^\$ storyline (\w+)", README, flags=re.M))
    assert used and used <= commands, used - commands


def test_performance_page_reads_the_extraction_ratio_and_says_whether_it_is_met(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("perf_report", REPO / "scripts" / "perf_report.py")
    perf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(perf)
    printout = "pages: 8 x 1\ntrafilatura.extract: 10.0 ms/page\nratio storyline/trafilatura: 1.07\n(reference) ..."
    assert perf.extract_ratio(printout) == 1.07 and perf.extract_ratio("no ratio here") is None
    page = tmp_path / "performance.md"
    perf.write_page(page, {"extract": (None, printout, ["python", "bench/bench_extract.py", "--pages", "2"])},
                    "0.0", "2026-01-01 00:00", ["python", "scripts/perf_report.py", "--extract", "2"])
    text = page.read_text()
    assert "(today 1.07: not met)" in text and "python bench/bench_extract.py --pages 2" in text
