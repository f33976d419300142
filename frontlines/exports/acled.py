"""ACLED's column names, so that frontlines output loads where ACLED data does."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from ..models import Event

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_COUNTRIES = {"SY": "Syria", "IQ": "Iraq", "LB": "Lebanon", "TR": "Turkey", "JO": "Jordan",
              "IR": "Iran", "IL": "Israel", "RU": "Russia", "US": "United States"}


def acled_row(e: Event) -> dict[str, Any]:
    loc, date = e.location, e.date
    sources = sorted({ev.source or ev.doc_id for ev in e.evidence})
    notes = " ".join(dict.fromkeys(ev.sentence.strip() for ev in e.evidence))
    if e.modality != "asserted":
        notes = f"[{e.modality}{': ' + e.attributed_to if e.attributed_to else ''}] {notes}"
    tags = [f"modality={e.modality}"]
    if e.fatalities is None:
        tags.append("fatalities unknown")
    return {
        "event_id_cnty": e.id,
        "event_date": date.start if date else None,
        "year": (date.start or "")[:4] if date else None,
        "time_precision": _PRECISION.get(date.precision) if date else None,
        "disorder_type": _DISORDER.get(e.type),
        "event_type": e.type,
        "sub_event_type": e.subtype,
        "actor1": e.actor1.name if e.actor1 else None,
        "assoc_actor_1": "; ".join(a.name for a in e.assoc_actors),
        "inter1": None,
        "actor2": e.actor2.name if e.actor2 else None,
        "assoc_actor_2": None,
        "inter2": None,
        "interaction": None,
        "civilian_targeting": "Civilian targeting" if e.type == "Violence against civilians" else None,
        "iso": None,
        "region": "Middle East",
        "country": _COUNTRIES.get(loc.country or "", loc.country) if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": None,
        "admin3": None,
        "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "source": "; ".join(sources),
        "source_scale": None,
        "notes": notes,
        "fatalities": e.fatalities if e.fatalities is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": None,
    }


def write_acled(events: Iterable[Event], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(acled_row(event))
        n += 1
    return n
