"""Shapes the HTTP API answers with: event counts by date bin, documents with their
evidence spans, the front line as the map draws it.

Pure functions over models and plain dicts, so that they are tested without a server.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..models import Document, Event


def _to_date(value: str | None) -> _dt.date | None:
    """The first day that an ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) names."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts]
        return _dt.date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _bin_start(day: _dt.date, size: str) -> _dt.date:
    if size == "week":
        return day - _dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_bin(start: _dt.date, size: str) -> _dt.date:
    if size == "week":
        return start + _dt.timedelta(days=7)
    return _dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)


#: Most bins one answer holds (about 40 years of weeks).
MAX_BINS = 2100


def aggregate(events: Iterable[Event], size: str = "month") -> dict[str, Any]:
    """Counts of events by date bin (``month`` or ``week``, Monday first) and by type.

    Bins run without gaps from the first to the last dated event, so that a time slider
    moves at an even pace; events without a date are counted in ``undated``.
    """
    return aggregate_counts(
        ((event.date.start if event.date else None, event.type, 1) for event in events), size
    )


def aggregate_counts(
    rows: Iterable[tuple[str | None, str, int]], size: str = "month"
) -> dict[str, Any]:
    """:func:`aggregate` from ``(start date, type, events)`` rows, as a store counts them."""
    counts: dict[_dt.date, Counter[str]] = defaultdict(Counter)
    types: Counter[str] = Counter()
    undated = 0
    for start_date, type_, n in rows:
        day = _to_date(start_date)
        if day is None:
            undated += n
            continue
        counts[_bin_start(day, size)][type_] += n
        types[type_] += n
    bins: list[dict[str, Any]] = []
    if counts:
        start = min(counts)
        last = max(counts)
        if size == "week":
            start = max(start, last - _dt.timedelta(weeks=MAX_BINS - 1))
        else:
            first_month = last.year * 12 + last.month - MAX_BINS
            if start.year * 12 + start.month <= first_month:
                start = _dt.date(first_month // 12, first_month % 12 + 1, 1)
        while start <= last:
            nxt = _next_bin(start, size)
            by_type = counts.get(start, Counter())
            bins.append(
                {
                    "start": start.isoformat(),
                    "end": (nxt - _dt.timedelta(days=1)).isoformat(),
                    "total": sum(by_type.values()),
                    "by_type": dict(sorted(by_type.items())),
                }
            )
            start = nxt
    return {
        "bin": size,
        "bins": bins,
        "types": [t for t, _ in types.most_common()],
        "total": sum(types.values()) + undated,
        "undated": undated,
    }


def document_view(document: Document, events: Iterable[Event]) -> dict[str, Any]:
    """A document's plain text with the spans that events were read from.

    Spans are ``{start, end, event_id}`` character offsets into ``text``, sorted, and
    only those that fall inside the text; the text itself is never marked up.
    """
    spans: list[dict[str, Any]] = []
    seen: set[tuple[int, int, str]] = set()
    linked: list[dict[str, Any]] = []
    length = len(document.text)
    for event in events:
        hit = False
        for ev in event.evidence:
            if ev.doc_id != document.id:
                continue
            start, end = int(ev.char_start), int(ev.char_end)
            if not 0 <= start < end <= length:
                continue
            key = (start, end, event.id)
            if key not in seen:
                seen.add(key)
                spans.append({"start": start, "end": end, "event_id": event.id})
            hit = True
        if hit:
            linked.append(
                {
                    "id": event.id,
                    "type": event.type,
                    "subtype": event.subtype,
                    "date": event.date.start if event.date else None,
                    "place": event.location.name if event.location else None,
                }
            )
    spans.sort(key=lambda s: (s["start"], s["end"], s["event_id"]))
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "published": document.published,
        "text": document.text,
        "spans": spans,
        "events": linked,
    }


def document_ref(document: Document | None) -> dict[str, Any] | None:
    """What an event's evidence says about the article it comes from."""
    if document is None:
        return None
    return {
        "id": document.id,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "published": document.published,
    }


def _actor(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"id": None, "name": value, "camp": None}
    if isinstance(value, dict):
        return {"id": value.get("id"), "name": value.get("name"), "camp": value.get("camp")}
    name = getattr(value, "name", None)
    return {"id": getattr(value, "id", None), "name": name, "camp": getattr(value, "camp", None)}


def _place(value: Any, item: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, dict):
        place = {k: value.get(k) for k in ("id", "name", "admin1", "country", "lat", "lon")}
    elif value is not None and not isinstance(value, str):
        place = {
            k: getattr(value, k, None) for k in ("id", "name", "admin1", "country", "lat", "lon")
        }
    else:
        place = {"id": item.get("place_id"), "name": value, "admin1": None, "country": None,
                 "lat": None, "lon": None}
    for key in ("lat", "lon"):
        if place.get(key) is None and item.get(key) is not None:
            place[key] = item[key]
    return place


def front_line_view(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The front line as ``{place: {id, name, lat, lon, ...}, holder: {id, name, camp},
    actors, since, until, disputed}``, whether the analysis gives places and holders as
    names or as objects."""
    out: list[dict[str, Any]] = []
    for item in items:
        holder = _actor(item.get("holder"))
        if holder is not None and holder.get("camp") is None:
            holder["camp"] = item.get("camp")
        out.append(
            {
                "place": _place(item.get("place"), item),
                "holder": holder,
                "actors": [str(a) for a in item.get("actors") or []],
                "since": item.get("since"),
                "until": item.get("until"),
                "disputed": bool(item.get("disputed", False)),
            }
        )
    out.sort(key=lambda x: (str(x["place"].get("name") or ""), str(x["place"].get("id") or "")))
    return out
