"""Exports of events, registered by name: jsonl, csv, acled, geojson."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from ..errors import UsageError
from ..models import Event
from .acled import write_acled
from .flat import write_csv
from .geojson import write_geojson
from .jsonl import write_jsonl

Writer = Callable[[Iterable[Event], TextIO], int]

WRITERS: dict[str, Writer] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "acled": write_acled,
    "geojson": write_geojson,
}

__all__ = ["WRITERS", "register", "write_events"]


def register(name: str, writer: Writer) -> None:
    """Register an export format under ``name`` (plugins use this)."""
    WRITERS[name] = writer


def write_events(events: Iterable[Event], fmt: str, stream: TextIO) -> int:
    """Write ``events`` to ``stream`` in format ``fmt``; returns the number written."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(sorted(WRITERS))}")
    return writer(events, stream)
