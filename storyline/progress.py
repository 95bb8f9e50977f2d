"""Progress bars: shown on a terminal, silent in pipes and CI (tqdm writes to stderr)."""
from __future__ import annotations

import sys

from .config import Settings


def progress_bar(settings: Settings, total: int | None = None, unit: str = "item", desc: str = ""):
    from tqdm import tqdm

    show = settings.progress if settings.progress is not None else sys.stderr.isatty()
    # mininterval: redraw at most twice a second, so the bar costs nothing measurable.
    return tqdm(total=total, unit=unit, desc=desc, disable=not show, mininterval=0.5, leave=False)
