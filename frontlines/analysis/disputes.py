"""Where sources disagree: numbers of one event, and who held a place when.

Three kinds of dispute are listed, each with the competing values side by side, every
value with the outlets, document ids and evidence that give it:

* ``fatalities``: the reports merged into one event give different death tolls, from at
  least two outlets;
* ``quantity``: the same for another quantity of one kind and group (wounded, displaced,
  fighters, ...); ``killed`` without a group is left to ``fatalities``;
* ``holder``: control conflicts from :mod:`frontlines.analysis.control`, either two
  changes with overlapping dates naming different new holders (``conflict: overlap``) or a
  change from an actor that is not the known holder (``conflict: from_mismatch``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import Event, Evidence
from ..store.base import EventQuery
from .control import FACTUAL, place_timelines
from .merge import outlet_of

__all__ = ["disputes"]

_FATALITY_KINDS = frozenset({"killed", "dead", "deaths", "fatalities"})


class DisputeStore(Protocol):
    """The part of the store that the disputes report needs."""

    def query_events(self, query: EventQuery) -> list[Event]: ...
    def iter_reports(self) -> Iterable[Event]: ...


@dataclass
class _Value:
    value: Any
    outlets: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, evidence: list[Evidence], fallback: str) -> None:
        self.outlets |= {outlet_of(e) for e in evidence} or {fallback}
        self.doc_ids |= {e.doc_id for e in evidence}
        self.evidence.extend(e for e in evidence if e not in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "outlets": sorted(self.outlets),
            "doc_ids": sorted(self.doc_ids),
            "evidence": [e.to_dict() for e in self.evidence],
        }


def _values_list(values: dict[Any, _Value]) -> list[dict[str, Any]] | None:
    """The values side by side, or None when they do not make a dispute between outlets."""
    if len(values) < 2:
        return None
    outlets = set().union(*(v.outlets for v in values.values()))
    if len(outlets) < 2:
        return None
    ordered = sorted(values.values(), key=lambda v: (-len(v.outlets), str(v.value)))
    return [v.to_dict() for v in ordered]


def _event_head(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.id,
        "type": event.type,
        "subtype": event.subtype,
        "date": event.date.start if event.date else None,
        "place": event.location.name if event.location else None,
        "place_id": event.location.id if event.location else None,
    }


def _number_disputes(event: Event, reports: list[Event]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    fatalities: dict[int, _Value] = {}
    quantities: dict[tuple[str, str], dict[int, _Value]] = defaultdict(dict)
    for r in reports:
        if r.fatalities is not None:
            fatalities.setdefault(r.fatalities, _Value(r.fatalities)).add(r.evidence, r.id)
        for q in r.quantities:
            if q.value is None:
                continue
            if q.kind.lower() in _FATALITY_KINDS and not q.group:
                continue
            bucket = quantities[(q.kind, q.group or "")]
            bucket.setdefault(q.value, _Value(q.value)).add(r.evidence, r.id)
    listed = _values_list(fatalities)
    if listed:
        out.append({"kind": "fatalities", **_event_head(event), "values": listed})
    for (kind, group), values in sorted(quantities.items()):
        listed = _values_list(values)
        if listed:
            out.append(
                {
                    "kind": "quantity",
                    "quantity": kind,
                    "group": group or None,
                    **_event_head(event),
                    "values": listed,
                }
            )
    return out


def _holder_value(values: dict[Any, _Value], holder: str, change: dict[str, Any]) -> None:
    evidence = [Evidence.from_dict(e) for e in change.get("evidence") or []]
    fallback = ",".join(change.get("event_ids") or []) or holder
    values.setdefault(holder, _Value(holder)).add(evidence, fallback)


def _holder_disputes(events: list[Event]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for tl in place_timelines(events).values():
        for conflict in tl.conflicts:
            values: dict[Any, _Value] = {}
            if conflict["kind"] == "overlap":
                for change in conflict["changes"]:
                    holder = change.get("to_holder") or "unknown"
                    _holder_value(values, str(holder), change)
            else:
                known = conflict.get("known_period") or {}
                _holder_value(values, str(conflict.get("known_holder")), known)
                for change in conflict["changes"]:
                    holder = change.get("from_holder") or "unknown"
                    _holder_value(values, str(holder), change)
            if len(values) < 2:
                continue
            ordered = sorted(values.values(), key=lambda v: (-len(v.outlets), str(v.value)))
            out.append(
                {
                    "kind": "holder",
                    "conflict": conflict["kind"],
                    "place": conflict["place"],
                    "place_id": conflict["place_id"],
                    "date": conflict.get("date"),
                    "event_ids": conflict["event_ids"],
                    "values": [v.to_dict() for v in ordered],
                }
            )
    return out


def disputes(store: DisputeStore) -> list[dict[str, Any]]:
    """Every disagreement between sources: numbers first (by event), then holders."""
    events = store.query_events(EventQuery(order="date"))
    merged = [e for e in events if len(e.report_ids) > 1]
    wanted = {rid for e in merged for rid in e.report_ids}
    reports: dict[str, Event] = {}
    if wanted:
        for r in store.iter_reports():
            if r.id in wanted:
                reports[r.id] = r
    out: list[dict[str, Any]] = []
    for event in merged:
        found = [reports[i] for i in event.report_ids if i in reports]
        if len(found) > 1:
            out.extend(_number_disputes(event, found))
    territorial = store.query_events(EventQuery(territorial=True, modality=FACTUAL))
    out.extend(_holder_disputes(territorial))
    return out
