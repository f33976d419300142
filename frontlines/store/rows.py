"""The rows an event is stored as: its column values and the index rows derived from it.

Pure functions over :class:`~frontlines.models.Event`, shared by every backend, so that a
write, a migration and a test all derive the same values.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import ActorRef, Event, EventDate, Evidence, Location, Quantity

#: Longest date span (days) that bounds the date filter; longer or unknown spans unbound it.
UNBOUNDED_SPAN = 99_999


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _layout() -> str:
    """A fingerprint of the fields an event's JSON holds, nested objects included.

    JSON written under the same layout comes back from ``Event.from_dict(...).to_dict()``
    unchanged, so it can be served as stored.
    """
    parts = [
        f"{cls.__name__}:{','.join(f.name for f in dataclasses.fields(cls))}"
        for cls in (Event, ActorRef, Location, EventDate, Quantity, Evidence)
    ]
    return hashlib.sha1(";".join(parts).encode()).hexdigest()[:12]


#: The layout of events written by this version of frontlines.
DATA_LAYOUT = _layout()


def text_key(value: str | None) -> str | None:
    """The form text filters compare: lowercased by Python (so non-ASCII letters too)."""
    return value.lower() if value is not None else None


def first_day(value: str | None) -> _dt.date | None:
    """The first day an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD...``) names."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        return _dt.date(nums[0], nums[1] if len(nums) > 1 else 1,
                        nums[2] if len(nums) > 2 else 1)
    except (ValueError, IndexError):
        return None


def date_span(start: str | None, end: str | None) -> int:
    """Days from the first day ``start`` names to the first day ``end`` names.

    :data:`UNBOUNDED_SPAN` when the span is unknown (an end without a readable start).
    """
    if end is None or end == start:
        return 0
    if start is None:
        return UNBOUNDED_SPAN
    a, b = first_day(start), first_day(end)
    if a is None or b is None:
        return UNBOUNDED_SPAN
    return min(max((b - a).days, 0), UNBOUNDED_SPAN)


def since_bound(since: str, max_span: int) -> str | None:
    """A lower bound on ``date_start`` implied by ``COALESCE(date_end, date_start) >= since``.

    An event whose end is on or after ``since`` starts at most ``max_span`` days earlier;
    one more day keeps partial dates (``2016-03`` sorts before ``2016-03-01``) inside.
    None when no bound holds.
    """
    if max_span >= UNBOUNDED_SPAN or len(since) != 10:
        return None
    day = first_day(since)
    if day is None or day.isoformat() != since:
        return None
    try:
        return (day - _dt.timedelta(days=max_span + 1)).isoformat()
    except OverflowError:
        return None


def actor_keys(event: Event) -> list[str]:
    """The lowercased ids, names and texts of an event's actors, each once."""
    keys: list[str] = []
    for actor in (event.actor1, event.actor2, *event.assoc_actors):
        if not actor:
            continue
        for value in (actor.id, actor.name, actor.text):
            if value:
                key = value.lower()
                if key not in keys:
                    keys.append(key)
    return keys


def place_key(loc: Location) -> str:
    """The key of a place row: what ``/api/places`` groups events by."""
    return dumps([loc.id, loc.name, loc.admin1, loc.country, loc.lat, loc.lon])


def event_row(event: Event) -> dict[str, Any]:
    """The column values of an event in ``events`` (its JSON goes to ``event_data``)."""
    loc = event.location
    actors = [a for a in (event.actor1, event.actor2, *event.assoc_actors) if a]
    words = " | ".join(
        " ".join(x for x in (a.id, a.name, a.text) if x) for a in actors
    ).lower()
    return {
        "id": event.id,
        "type": event.type,
        "subtype": event.subtype,
        "modality": event.modality,
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "place_id": loc.id if loc else None,
        "place_name": loc.name if loc else None,
        "admin1": loc.admin1 if loc else None,
        "country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "actor1_id": event.actor1.id if event.actor1 else None,
        "actor2_id": event.actor2.id if event.actor2 else None,
        "actors": words,
        "fatalities": event.fatalities,
        "territorial": 1 if event.territorial else 0,
        "n_sources": event.n_sources,
        "confidence": event.confidence,
        "place_key": text_key(loc.name) if loc else None,
        "admin1_key": text_key(loc.admin1) if loc else None,
    }


@dataclass
class EventRows:
    """Everything a batch of events is written as."""

    events: list[dict[str, Any]] = field(default_factory=list)
    #: (id, JSON, layout) of each event
    data: list[tuple[str, str, str]] = field(default_factory=list)
    reports: set[tuple[str, str]] = field(default_factory=set)
    actors: set[tuple[str, str]] = field(default_factory=set)
    docs: set[tuple[str, str]] = field(default_factory=set)
    #: place key -> [place_id, name, name_key, admin1, country, lat, lon, events, changes]
    places: dict[str, list[Any]] = field(default_factory=dict)
    max_span: int = 0

    def add(self, event: Event) -> None:
        self.events.append(event_row(event))
        self.data.append((event.id, dumps(event.to_dict()), DATA_LAYOUT))
        for rid in event.report_ids or []:
            self.reports.add((event.id, rid))
        for key in actor_keys(event):
            self.actors.add((key, event.id))
        for ev in event.evidence:
            self.docs.add((ev.doc_id, event.id))
        loc = event.location
        if loc is not None:
            key = place_key(loc)
            row = self.places.get(key)
            if row is None:
                row = self.places[key] = [loc.id, loc.name, text_key(loc.name), loc.admin1,
                                          loc.country, loc.lat, loc.lon, 0, 0]
            row[7] += 1
            row[8] += 1 if event.territorial else 0
        if event.date is not None:
            self.max_span = max(self.max_span, date_span(event.date.start, event.date.end))


def event_rows(events: Iterable[Event]) -> EventRows:
    rows = EventRows()
    for event in events:
        rows.add(event)
    return rows
