"""Who held which place when, from territorial events.

A territorial event says that ``actor1`` took ``location`` from ``actor2`` on ``date``
(``actor1`` is None for a withdrawal whose successor is unknown). Only factual
modalities (asserted, reported, claimed, alleged) count.

Holders are grouped by camp where the actor registry gives one, so that "Syrian
government forces" and "Syrian Arab Army" are one holder (camp ``regime``); the actor
names stay in each period's ``actors`` and evidence.

A place's changes, in date order, make its periods:

* the first change taken *from* an actor opens an initial period for that actor, whose
  start is unknown (``None``) and which ends on the change's date;
* a change to the holder already in place is folded into the current period (another
  report of the same capture, or a repeated claim);
* contradictions are flagged, never resolved silently: two changes whose dates overlap
  but name different new holders (``overlap``), and a change *from* an actor that is not
  the known holder (``from_mismatch``). The periods involved are marked ``disputed``, and
  the later report opens the next period.

Undated changes are listed but do not make periods.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..knowledge.normalize import fold_place, normalize_place
from ..models import ActorRef, ControlChange, Event, EventDate, Evidence, Location, Period
from ..store.base import EventQuery
from .merge import actor_key, date_interval, outlet_of

__all__ = [
    "FACTUAL",
    "PlaceTimeline",
    "control_changes",
    "front_line",
    "holder_key",
    "holder_ref",
    "most_contested",
    "place_key",
    "place_timelines",
    "timeline",
]

#: Modalities whose territorial events count as changes of control.
FACTUAL = "asserted,reported,claimed,alleged"


class EventStore(Protocol):
    """The part of the store that control timelines need."""

    def query_events(self, query: EventQuery) -> list[Event]: ...


def holder_key(actor: ActorRef) -> str:
    """The holder an actor stands for: its camp when known, else the actor itself."""
    return f"camp:{actor.camp}" if actor.camp else actor_key(actor)


def holder_ref(actor: ActorRef) -> ActorRef:
    """The holder as an actor reference (the camp, or the actor)."""
    if actor.camp:
        return ActorRef(name=actor.camp, id=f"camp:{actor.camp}", camp=actor.camp)
    return ActorRef(name=actor.name, id=actor.id, provisional=actor.provisional)


def place_key(loc: Location) -> str:
    return loc.id or f"name:{fold_place(loc.name)}"


@dataclass
class _Change:
    change: ControlChange
    interval: tuple[int, int] | None
    to_key: str | None
    from_key: str | None


@dataclass
class _Period:
    key: str
    holder: ActorRef
    start: str | None
    end: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    disputed: bool = False
    actors: set[str] = field(default_factory=set)
    event_ids: list[str] = field(default_factory=list)
    opened_by: list[str] = field(default_factory=list)
    start_precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        period = Period(self.holder, self.start, self.end, list(self.evidence), self.disputed)
        out = period.to_dict()
        out["actors"] = sorted(self.actors)
        out["event_ids"] = list(self.event_ids)
        out["start_precision"] = self.start_precision
        return out


@dataclass
class PlaceTimeline:
    """Everything known about who held one place."""

    place: Location
    changes: list[_Change] = field(default_factory=list)
    periods: list[_Period] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    transfers: int = 0

    def holder_on(self, day: str) -> _Period | None:
        """The period covering ``day`` (ISO date); an unknown start counts as open."""
        found: _Period | None = None
        for p in self.periods:
            if (p.start is None or p.start[:10] <= day) and (p.end is None or day < p.end[:10]):
                found = p
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place.to_dict(),
            "periods": [p.to_dict() for p in self.periods],
            "changes": [_change_dict(c) for c in self.changes],
            "conflicts": self.conflicts,
        }


def _change_dict(c: _Change) -> dict[str, Any]:
    out = c.change.to_dict()
    out["to_holder"] = holder_ref(c.change.to_actor).name if c.change.to_actor else None
    out["from_holder"] = holder_ref(c.change.from_actor).name if c.change.from_actor else None
    return out


def _to_change(event: Event) -> _Change | None:
    if event.location is None or (event.actor1 is None and event.actor2 is None):
        return None
    change = ControlChange(
        place=event.location,
        date=event.date or _empty_date(),
        to_actor=event.actor1,
        from_actor=event.actor2,
        event_ids=[event.id],
        sources=sorted({outlet_of(e) for e in event.evidence}),
        evidence=list(event.evidence),
    )
    return _Change(
        change=change,
        interval=date_interval(event.date),
        to_key=holder_key(event.actor1) if event.actor1 else None,
        from_key=holder_key(event.actor2) if event.actor2 else None,
    )


def _empty_date() -> EventDate:
    return EventDate(start=None, end=None, precision="year")


def _iso(ordinal: int) -> str:
    return _dt.date.fromordinal(ordinal).isoformat()


def _conflict(kind: str, place: Location, changes: list[_Change], **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "place": place.name,
        "place_id": place.id,
        "changes": [_change_dict(c) for c in changes],
        "event_ids": [i for c in changes for i in c.change.event_ids],
        **extra,
    }


def _name(key: str | None, changes: list[_Change]) -> str | None:
    for c in changes:
        for a in (c.change.to_actor, c.change.from_actor):
            if a is not None and holder_key(a) == key:
                return holder_ref(a).name
    return None


def _build(tl: PlaceTimeline) -> None:
    dated = [c for c in tl.changes if c.interval is not None]
    dated.sort(key=lambda c: (c.interval or (0, 0), c.change.event_ids))
    current: _Period | None = None
    recent: list[_Change] = []

    def open_period(c: _Change, actor: ActorRef, start: str | None) -> _Period:
        p = _Period(key=holder_key(actor), holder=holder_ref(actor), start=start)
        tl.periods.append(p)
        return p

    def attach(p: _Period, c: _Change, actor: ActorRef | None) -> None:
        p.evidence.extend(c.change.evidence)
        p.event_ids.extend(c.change.event_ids)
        if actor is not None:
            p.actors.add(actor.name)

    for c in dated:
        assert c.interval is not None
        day = c.change.date.start or _iso(c.interval[0])
        recent = [r for r in recent if r.interval is not None and r.interval[1] >= c.interval[0]]
        clash = [r for r in recent if r.to_key != c.to_key]
        new_disputed = False
        if clash:
            tl.conflicts.append(
                _conflict(
                    "overlap",
                    tl.place,
                    clash + [c],
                    date=day,
                    holders=sorted({str(_name(r.to_key, [r]) or "unknown") for r in clash + [c]}),
                )
            )
            new_disputed = True
            clashing = {i for r in clash for i in r.change.event_ids}
            for p in tl.periods:
                if clashing.intersection(p.opened_by):
                    p.disputed = True
        recent.append(c)
        to_actor, from_actor = c.change.to_actor, c.change.from_actor
        if current is not None and c.to_key == current.key:
            attach(current, c, to_actor)
            current.disputed = current.disputed or new_disputed
            continue
        if current is None and from_actor is not None:
            initial = open_period(c, from_actor, None)
            initial.end = day
            attach(initial, c, from_actor)
            initial.disputed = new_disputed
        elif (
            current is not None
            and not clash
            and c.from_key is not None
            and c.from_key != current.key
        ):
            tl.conflicts.append(
                _conflict(
                    "from_mismatch",
                    tl.place,
                    [c],
                    date=day,
                    known_holder=current.holder.name,
                    reported_holder=_name(c.from_key, [c]),
                    known_period=current.to_dict(),
                )
            )
            current.disputed = True
            new_disputed = True
            if to_actor is None:
                continue
        if current is not None:
            current.end = day
        tl.transfers += 1
        if to_actor is None:
            current = None
            continue
        current = open_period(c, to_actor, day)
        current.opened_by.extend(c.change.event_ids)
        current.start_precision = c.change.date.precision
        attach(current, c, to_actor)
        current.disputed = new_disputed


def place_timelines(events: list[Event]) -> dict[str, PlaceTimeline]:
    """Timelines of every place named by territorial factual events, keyed by place."""
    found: dict[str, PlaceTimeline] = {}
    for event in events:
        if not event.territorial or not event.is_fact:
            continue
        c = _to_change(event)
        if c is None:
            continue
        key = place_key(c.change.place)
        tl = found.get(key)
        if tl is None:
            tl = found[key] = PlaceTimeline(place=c.change.place)
        elif tl.place.lat is None and c.change.place.lat is not None:
            tl.place = c.change.place
        tl.changes.append(c)
    for tl in found.values():
        tl.changes.sort(
            key=lambda c: (c.interval is None, c.interval or (0, 0), c.change.event_ids)
        )
        _build(tl)
    return found


def _territorial(store: EventStore) -> list[Event]:
    return store.query_events(EventQuery(territorial=True, modality=FACTUAL))


def _names(tl: PlaceTimeline) -> set[str]:
    names = {tl.place.name}
    for c in tl.changes:
        names.add(c.change.place.name)
        if c.change.place.text:
            names.add(c.change.place.text)
    return names


def _match(timelines: dict[str, PlaceTimeline], place: str) -> PlaceTimeline | None:
    """The place's timeline by id, else by name or alias (case, accents, then spelling)."""
    if place in timelines:
        return timelines[place]
    folded = fold_place(place)
    robust = normalize_place(place)
    hits = [k for k, tl in timelines.items() if folded in {fold_place(n) for n in _names(tl)}]
    if not hits and robust:
        hits = [
            k for k, tl in timelines.items() if robust in {normalize_place(n) for n in _names(tl)}
        ]
    if not hits:
        return None
    return timelines[max(hits, key=lambda k: (len(timelines[k].changes), k))]


def control_changes(store: EventStore, place: str | None = None) -> list[ControlChange]:
    """Changes of control, in date order (undated last), of one place or of all places."""
    timelines = place_timelines(_territorial(store))
    if place is not None:
        hit = _match(timelines, place)
        selected = [hit] if hit else []
    else:
        selected = list(timelines.values())
    changes = [c for tl in selected for c in tl.changes]
    changes.sort(key=lambda c: (c.interval is None, c.interval or (0, 0), c.change.event_ids))
    return [c.change for c in changes]


def timeline(store: EventStore, place: str) -> dict[str, Any]:
    """Periods of control of ``place`` (id, name or alias), with changes and conflicts.

    A place with no known change of control gives empty lists and ``place`` None.
    """
    hit = _match(place_timelines(_territorial(store)), place)
    if hit is None:
        return {"place": None, "periods": [], "changes": [], "conflicts": []}
    return hit.to_dict()


def front_line(store: EventStore, on: str) -> list[dict[str, Any]]:
    """The holder of every place with control changes on the ISO date ``on``.

    Places whose holder on that date is unknown are left out; ``since`` is None when the
    holder's period began before the first known change.
    """
    day = on.strip()[:10]
    out: list[dict[str, Any]] = []
    for tl in place_timelines(_territorial(store)).values():
        p = tl.holder_on(day)
        if p is None:
            continue
        out.append(
            {
                "place": tl.place.name,
                "place_id": tl.place.id,
                "admin1": tl.place.admin1,
                "lat": tl.place.lat,
                "lon": tl.place.lon,
                "holder": p.holder.name,
                "camp": p.holder.camp,
                "actors": sorted(p.actors),
                "since": p.start,
                "since_precision": p.start_precision,
                "until": p.end,
                "disputed": p.disputed,
            }
        )
    out.sort(key=lambda d: (str(d["place"]), str(d["place_id"])))
    return out


def most_contested(store: EventStore, limit: int = 20) -> list[dict[str, Any]]:
    """Places that changed hands most often (then most conflicts), most first."""
    rows: list[dict[str, Any]] = []
    for tl in place_timelines(_territorial(store)).values():
        dated = [c for c in tl.changes if c.interval is not None]
        holders: list[str] = []
        for p in tl.periods:
            if not holders or holders[-1] != p.holder.name:
                holders.append(p.holder.name)
        rows.append(
            {
                "place": tl.place.name,
                "place_id": tl.place.id,
                "admin1": tl.place.admin1,
                "lat": tl.place.lat,
                "lon": tl.place.lon,
                "changes": tl.transfers,
                "reports": len(tl.changes),
                "conflicts": len(tl.conflicts),
                "holders": holders,
                "first": dated[0].change.date.start if dated else None,
                "last": dated[-1].change.date.start if dated else None,
            }
        )
    rows.sort(key=lambda r: (-r["changes"], -r["conflicts"], str(r["place"]), str(r["place_id"])))
    return rows[: max(limit, 0)]
