"""Speed of HTML extraction: storyline's clean step against trafilatura alone, same pages.

    python bench/bench_extract.py [--data ../shared/data] [--pages N] [--repeat R]

Takes the dev pages of the four HTML sets under ``--data`` (skips cleanly when absent),
warms both up on a few pages (model and stoplist loading is not per-page work), then times,
page by page and alternating the two so machine load hits both alike:

* trafilatura: ``trafilatura.extract(html, url=url)`` with its default options;
* storyline: ``clean_html`` of the clean stage: trafilatura's cascade plus metadata (title,
  author, site, htmldate and the headline date), the line classifier and the splitter.

Prints milliseconds per page for each, and the ratio (storyline / trafilatura; below 1 means
storyline is faster): that first ratio is the target. A second, labelled ratio times
``trafilatura.extract(html, url=url, with_metadata=True)`` on the same pages, the same job as
ours (text plus title, author, site and date), for reference only.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.clean.stage import clean_html  # noqa: E402  (after the sys.path insert)
from storyline.model import Article, RawPage  # noqa: E402
from storyline.pipeline import Context  # noqa: E402

SETS = ("scrapinghub_aeb", "l3s_gn1_news_pages", "big9_news_pages", "wcxb_news_pages")
WARMUP_PAGES = 5


def load_pages(data: Path, limit: int) -> list[dict]:
    pages = []
    for name in SETS:
        path = data / name / "dev.jsonl"
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                r = json.loads(line)
                pages.append({"html": r["html"], "url": r.get("url"), "set": name})
    return pages


def ours(page: dict, ctx: Context) -> str:
    raw = RawPage(source="bench", kind="html", content=page["html"], url=page["url"])
    arts, _ = clean_html(Article(source="bench", url=page["url"], page=raw), ctx)
    return "\n".join(a.text for a in arts)


def theirs(page: dict) -> str:
    import trafilatura

    return trafilatura.extract(page["html"], url=page["url"]) or ""


def theirs_with_metadata(page: dict) -> str:
    import trafilatura

    return trafilatura.extract(page["html"], url=page["url"], with_metadata=True) or ""


def _warm_justext() -> None:
    """Build trafilatura's jusText stoplist now: it is built on the first page that needs
    jusText (~150 ms, once), which would otherwise land on whichever side meets it first."""
    try:
        from trafilatura.external import jt_stoplist_init
    except ImportError:  # another trafilatura layout: the first such page pays, as before
        return
    jt_stoplist_init()


def _warm_language_identifier() -> None:
    """Load py3langid's model now (~0.4 s, once): English pages are told without it, so the
    warm-up pages may not have loaded it, and the first other page would pay for it."""
    from storyline.clean.lang import detect_language

    detect_language("Le conseil municipal a voté lundi la fermeture du vieux pont aux voitures.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--pages", type=int, default=40, help="pages per data set")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    pages = load_pages(Path(args.data), args.pages)
    if not pages:
        print(f"skipped: no dev pages under {args.data}")
        return 0
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura logs every odd page
    ctx = Context()
    for page in pages[:WARMUP_PAGES]:
        ours(page, ctx), theirs(page), theirs_with_metadata(page)
    _warm_justext()
    _warm_language_identifier()
    t_ours, t_theirs, t_meta = [], [], []
    for _ in range(args.repeat):
        for page in pages:
            t = time.perf_counter(); theirs(page); t_theirs.append(time.perf_counter() - t)
            t = time.perf_counter(); ours(page, ctx); t_ours.append(time.perf_counter() - t)
            t = time.perf_counter(); theirs_with_metadata(page); t_meta.append(time.perf_counter() - t)
    mo, mt, mm = (1000 * statistics.mean(x) for x in (t_ours, t_theirs, t_meta))
    print(f"pages: {len(pages)} x {args.repeat}")
    print(f"trafilatura.extract: {mt:.1f} ms/page (median {1000 * statistics.median(t_theirs):.1f})")
    print(f"storyline clean_html: {mo:.1f} ms/page (median {1000 * statistics.median(t_ours):.1f})")
    print(f"ratio storyline/trafilatura: {mo / mt:.2f}")
    print(f"(reference) trafilatura.extract with_metadata=True: {mm:.1f} ms/page "
          f"(median {1000 * statistics.median(t_meta):.1f}); ratio storyline/that: {mo / mm:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
