"""A GeoJSON FeatureCollection: one Point feature per located event."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..models import Event
from .flat import flat_row


def write_geojson(events: Iterable[Event], stream: TextIO) -> int:
    stream.write('{"type":"FeatureCollection","features":[')
    n = 0
    for event in events:
        loc = event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        props = flat_row(event)
        props.pop("latitude")
        props.pop("longitude")
        feature = {
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": props,
        }
        stream.write(("," if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    stream.write("]}\n")
    return n
