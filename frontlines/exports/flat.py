"""A flat CSV with one row per event and frontlines' own column names."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from ..models import Event

COLUMNS = [
    "id", "type", "subtype", "date_start", "date_end", "date_precision", "date_text",
    "actor1", "actor1_id", "actor2", "actor2_id", "assoc_actors", "location", "location_id",
    "admin1", "country", "latitude", "longitude", "geo_precision", "fatalities", "modality",
    "attributed_to", "confidence", "n_sources", "n_outlets", "sources", "evidence",
]


def flat_row(e: Event) -> dict[str, Any]:
    loc, date = e.location, e.date
    return {
        "id": e.id,
        "type": e.type,
        "subtype": e.subtype,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "date_text": date.text if date else None,
        "actor1": e.actor1.name if e.actor1 else None,
        "actor1_id": e.actor1.id if e.actor1 else None,
        "actor2": e.actor2.name if e.actor2 else None,
        "actor2_id": e.actor2.id if e.actor2 else None,
        "assoc_actors": "; ".join(a.name for a in e.assoc_actors),
        "location": loc.name if loc else None,
        "location_id": loc.id if loc else None,
        "admin1": loc.admin1 if loc else None,
        "country": loc.country if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "fatalities": e.fatalities,
        "modality": e.modality,
        "attributed_to": e.attributed_to,
        "confidence": round(e.confidence, 3),
        "n_sources": e.n_sources,
        "n_outlets": e.n_outlets,
        "sources": "; ".join(sorted({ev.source or ev.doc_id for ev in e.evidence})),
        "evidence": " | ".join(ev.sentence for ev in e.evidence),
    }


def write_csv(events: Iterable[Event], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(flat_row(event))
        n += 1
    return n
