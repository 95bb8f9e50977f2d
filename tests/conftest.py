"""Shared fixtures: small hand-written pages, a fresh store, the shared-data location."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.config import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))

# Hand-written, fictional text (not from any data set).
HARBOUR_STORY = (
    "Dockworkers walk out in Port Alden\n\n"
    "Dockworkers in the fictional port of Port Alden walked off the job on Tuesday, "
    "halting container traffic for the first time in a decade.\n\n"
    "\"We will stay out until the contracts are honoured,\" said union leader Mara Velez. "
    "The harbour authority said it would meet the union next week.\n"
)
BRIDGE_STORY = (
    "New bridge opens over the Tessel river\n\n"
    "The long-delayed Tessel bridge opened to traffic on Monday, two years behind schedule. "
    "Engineers said the crossing would cut the drive between the two towns by half an hour.\n"
)


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The packaged English pipeline, loaded once for the whole test run."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(Settings().model)
    except OSError:
        pytest.skip(f"spaCy model {Settings().model} is not installed")


@pytest.fixture
def fast_settings(tmp_path) -> Settings:
    """Clean and store only (no spaCy): for tests of ingest, store and CLI plumbing."""
    return Settings(db=str(tmp_path / "test.db"), readers=(), workers=1, progress=False)


@pytest.fixture
def pages_dir(tmp_path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "harbour.txt").write_text(HARBOUR_STORY, encoding="utf-8")
    (folder / "sub" / "bridge.txt").write_text(BRIDGE_STORY, encoding="utf-8")
    return folder
