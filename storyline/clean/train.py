"""Learn the line classifier's weights from pages with a gold article text.

    python -m storyline.clean.train storyline/clean/data/clean_lines.json ../shared/data

trains two weight sets on the dev pages of the four HTML sets: ``text`` on the lines of each
page's visible text (as ``score.py inputs pagetext`` makes them) and ``html`` on the lines
trafilatura keeps. A line's label comes from aligning it with
the gold text: it is article text when its words occur in the gold body in that order (or,
for long lines the gold edited slightly, when most of its word 4-grams do). Lines are
weighted by their length within their page, so that every page counts the same, as in the
per-page F1 the benchmarks average. Needs scikit-learn, which storyline does not need to run.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .text import FEATURES, STAGE2_EXTRA, normalize_line, page_features, stage2_features

# Share of a long line's word 4-grams that must be in the gold body for it to count as body.
SHINGLE_MATCH = 0.5
# Lines shorter than this (in words) need more than containment in the gold to count as body.
SHORT_LINE_WORDS = 4


def shingle_set(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def label_lines(lines: list[str], gold: str) -> list[int]:
    """1 for each line that belongs to the gold body, else 0. A short line (a word or three)
    occurs inside almost any long text, so it counts only when the gold has it as a line of
    its own, or when it sits next to a long line of the body."""
    gold_norm = " " + normalize_line(gold) + " "
    gold_lines = {normalize_line(l) for l in gold.splitlines()}
    gold_sh = shingle_set(gold_norm.split())
    norms = [normalize_line(l) for l in lines]
    labels, short = [], []
    for i, norm in enumerate(norms):
        words = norm.split()
        if not words:
            labels.append(0)
        elif len(words) < SHORT_LINE_WORDS:
            labels.append(int(norm in gold_lines))
            short.append(i)
        elif " " + norm + " " in gold_norm:
            labels.append(1)
        else:
            sh = shingle_set(words)
            labels.append(int(bool(sh) and len(sh & gold_sh) / len(sh) >= SHINGLE_MATCH))
    for i in short:
        near_body = any(0 <= j < len(norms) and labels[j] and len(norms[j].split()) >= SHORT_LINE_WORDS
                        for j in (i - 1, i + 1))
        if not labels[i] and near_body and " " + norms[i] + " " in gold_norm:
            labels[i] = 1
    return labels


def page_lines(kind: str, record: dict) -> tuple[list[str], list[str] | None, list[float] | None]:
    """The lines a classifier of ``kind`` sees for one gold record, with their element kinds
    and link shares for HTML."""
    if kind == "pagetext":
        from score import html_to_page_text  # the benchmark's own flattening (see main)

        text = html_to_page_text(record["html"])
        return [l for l in text.splitlines() if l.strip()], None, None
    from .html import extract

    _, found = extract(record["html"], record.get("url"))
    return [t for t, _, _ in found], [k for _, k, _ in found], [f for _, _, f in found]


def build_rows(kind: str, records: list[dict]) -> list[dict]:
    """One row per page: lines, labels, features (before the stage-2 context)."""
    pages = [(r, *page_lines(kind, r)) for r in records]
    across: dict[str, int] = {}
    for _, lines, _, _ in pages:
        for key in {normalize_line(l) for l in lines}:
            across[key] = across.get(key, 0) + 1
    rows = []
    for r, lines, kinds, links in pages:
        own = {normalize_line(l) for l in lines}
        counts = {k: across[k] - 1 for k in own}
        feats = page_features(lines, counts, kinds=kinds, links=links,
                              line_language=kinds is None).features if lines else []
        rows.append({"id": r["id"], "lines": lines, "y": label_lines(lines, r["gold_text"]),
                     "x": feats})
    return rows


def _weights(rows: list[dict]) -> list[float]:
    out = []
    for row in rows:
        sizes = [1 + len(l.split()) for l in row["lines"]]
        total = sum(sizes) or 1
        out += [s / total for s in sizes]
    return out


def _fit(x, y, w) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.asarray(x, dtype=float)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=1.0, max_iter=2000).fit((x - scaler.mean_) / scale, y,
                                                       sample_weight=np.asarray(w) * len(w))
    return {"intercept": float(lr.intercept_[0]), "coef": [round(float(c), 5) for c in lr.coef_[0]],
            "mean": [round(float(m), 5) for m in scaler.mean_], "scale": [round(float(s), 5) for s in scale]}


def fit_model(rows: list[dict]) -> dict:
    """Two logistic regressions: the line alone, then the line with its neighbours' scores."""
    from .text import _logit

    x1 = [f for r in rows for f in r["x"]]
    y = [v for r in rows for v in r["y"]]
    w = _weights(rows)
    stage1 = _fit(x1, y, w)
    x2 = []
    for r in rows:
        p1 = [_logit(stage1, f) for f in r["x"]]
        x2 += stage2_features(r["x"], p1)
    stage2 = _fit(x2, y, w)
    return {"features": list(FEATURES), "stage2_extra": list(STAGE2_EXTRA),
            "stage1": stage1, "stage2": stage2, "threshold": 0.5}


DATA_SETS = ("scrapinghub_aeb", "l3s_gn1_news_pages", "big9_news_pages", "wcxb_news_pages")


def main(argv: list[str]) -> None:
    """Train both weight sets (``html`` and ``text``) on the dev pages and write the JSON."""
    out, data_dir = argv[0], argv[1]
    # score.py (next to the data) flattens pages to text exactly as the pagetext inputs are
    sys.path.insert(0, str(Path(data_dir).resolve().parent / "tools"))
    paths = [f"{data_dir}/{name}/dev.jsonl" for name in DATA_SETS]
    model = {}
    for kind, key in (("html", "html"), ("pagetext", "text")):
        rows = []
        for p in paths:  # repetition across pages is counted within one data set, as in one run
            recs = [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]
            rows += build_rows(kind, recs)
        model[key] = fit_model(rows)
        model[key]["pages"] = len(rows)
    model["trained_on"] = [f"{name}/dev.jsonl" for name in DATA_SETS]
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
