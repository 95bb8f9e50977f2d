"""storyline: turn a pile of raw news pages into the story they tell."""
import logging

from .api import extract, extract_text, ingest
from .config import Settings
from .model import Article, Entity, Event, Quote, RawPage, TimeMention
from .store.db import Store

__all__ = ["Article", "Entity", "Event", "Quote", "RawPage", "Settings", "Store", "TimeMention",
           "extract", "extract_text", "ingest"]

# A library leaves logging set-up to the application (the CLI does it).
logging.getLogger(__name__).addHandler(logging.NullHandler())
