"""Parsing and checking of HTTP query parameters, with messages a user can act on.

Every function raises :class:`ParameterError` (answered with 422) on bad input, so that no
unchecked value reaches the store.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..models import MODALITIES, Event

#: Largest page of events one request returns.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
#: Sort orders the store understands.
ORDERS = ("date", "-date", "fatalities", "-fatalities", "id", "type", "place")
FORMATS = ("json", "csv", "acled", "geojson", "jsonl")
VIEWS = ("full", "summary")
BINS = ("month", "week")
#: Identifiers of events, documents and places: no slashes, no dots at the start.
_ID = re.compile(r"^[A-Za-z0-9_:\-][A-Za-z0-9_.:\-]{0,199}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ParameterError(ValueError):
    """A query parameter that cannot be used; ``name`` says which."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"{name}: {message}")


def valid_id(value: str) -> bool:
    """True when ``value`` looks like an identifier (and cannot be a path)."""
    return bool(_ID.match(value)) and ".." not in value


def parse_date(name: str, value: str | None, *, end: bool = False) -> str | None:
    """An ISO date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked for being a real date.

    A year or a month is widened to its first day, or to its last day when ``end``.
    """
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise ParameterError(name, f"{value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [int(p) for p in value.split("-")]
    try:
        first = _dt.date(parts[0], parts[1] if len(parts) > 1 else 1,
                         parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ParameterError(name, f"{value!r} is not a valid date") from None
    if len(parts) == 3 or not end:
        return first.isoformat()
    if len(parts) == 1:
        return _dt.date(first.year, 12, 31).isoformat()
    following = _dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return (following - _dt.timedelta(days=1)).isoformat()


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ParameterError("bbox", "give four numbers: west,south,east,north")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ParameterError("bbox", "give four numbers: west,south,east,north") from None
    for lon in (west, east):
        if not -180.0 <= lon <= 180.0:
            raise ParameterError("bbox", "longitudes must lie between -180 and 180")
    for lat in (south, north):
        if not -90.0 <= lat <= 90.0:
            raise ParameterError("bbox", "latitudes must lie between -90 and 90")
    if south > north:
        raise ParameterError("bbox", "south must not be greater than north")
    if west > east:
        raise ParameterError("bbox", "west must not be greater than east")
    return west, south, east, north


def parse_modality(value: str | None) -> str | None:
    """A comma-separated list of modalities, each one of :data:`MODALITIES`."""
    if value is None or value.strip() == "":
        return None
    mods = [m.strip().lower() for m in value.split(",") if m.strip()]
    unknown = [m for m in mods if m not in MODALITIES]
    if unknown:
        raise ParameterError(
            "modality", f"unknown {', '.join(map(repr, unknown))}; use {', '.join(MODALITIES)}"
        )
    return ",".join(mods)


def parse_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ParameterError(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


def parse_text(name: str, value: str | None, max_len: int = 200) -> str | None:
    """A free-text filter: stripped, bounded in length, without control characters."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > max_len:
        raise ParameterError(name, f"longer than {max_len} characters")
    if any(ord(c) < 32 for c in value):
        raise ParameterError(name, "contains control characters")
    return value


def event_summary(event: Event) -> dict[str, Any]:
    """The fields of an event that a map or a table row shows."""
    loc = event.location
    return {
        "id": event.id,
        "type": event.type,
        "subtype": event.subtype,
        "date": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "place": loc.name if loc else None,
        "place_id": loc.id if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor1_camp": event.actor1.camp if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "actor2_camp": event.actor2.camp if event.actor2 else None,
        "fatalities": event.fatalities,
        "modality": event.modality,
        "territorial": event.territorial,
        "n_sources": event.n_sources,
        "n_outlets": event.n_outlets,
        "confidence": event.confidence,
    }


def summary_of(data: dict[str, Any]) -> dict[str, Any]:
    """:func:`event_summary` of the event whose ``to_dict()`` is ``data``."""
    loc = data.get("location") or None
    date = data.get("date") or None
    actor1 = data.get("actor1") or None
    actor2 = data.get("actor2") or None
    return {
        "id": data["id"],
        "type": data["type"],
        "subtype": data["subtype"],
        "date": date["start"] if date else None,
        "date_end": date["end"] if date else None,
        "date_precision": date["precision"] if date else None,
        "place": loc["name"] if loc else None,
        "place_id": loc["id"] if loc else None,
        "admin1": loc["admin1"] if loc else None,
        "lat": loc["lat"] if loc else None,
        "lon": loc["lon"] if loc else None,
        "actor1": actor1["name"] if actor1 else None,
        "actor1_camp": actor1["camp"] if actor1 else None,
        "actor2": actor2["name"] if actor2 else None,
        "actor2_camp": actor2["camp"] if actor2 else None,
        "fatalities": data["fatalities"],
        "modality": data["modality"],
        "territorial": data["territorial"],
        "n_sources": data["n_sources"],
        "n_outlets": data["n_outlets"],
        "confidence": data["confidence"],
    }
