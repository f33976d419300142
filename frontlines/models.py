"""The data model: documents in, sourced events and relations out.

Every model is a plain dataclass with ``to_dict``/``from_dict`` so that it travels as JSON
between the pipeline, the store, the exports and the HTTP API.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

MODALITIES = (
    "asserted",
    "reported",
    "claimed",
    "alleged",
    "predicted",
    "hypothetical",
    "negated",
)
#: Modalities whose events count as facts (the others are kept, never counted).
FACTUAL_MODALITIES = frozenset({"asserted", "reported", "claimed", "alleged"})
DATE_PRECISIONS = ("day", "week", "month", "year")


#: Field names of each dataclass met so far, in declaration order.
_FIELDS: dict[type, tuple[str, ...]] = {}
#: Types that ``_clean`` returns as they are.
_PLAIN = frozenset({str, int, float, bool, type(None)})
#: The same names as a set, for picking known keys out of a dict.
_KNOWN: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _known(cls: type) -> frozenset[str]:
    """The field names of ``cls``, for picking known keys out of a dict."""
    found = _KNOWN.get(cls)
    if found is None:
        found = _KNOWN[cls] = frozenset(_field_names(cls))
    return found


def _clean(value: Any) -> Any:
    """Plain JSON-ready values: dataclasses become dicts, tuples become lists."""
    cls = type(value)
    if cls in _PLAIN:
        return value
    names = _FIELDS.get(cls)
    if names is not None:
        return {n: _clean(getattr(value, n)) for n in names}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {n: _clean(getattr(value, n)) for n in _field_names(cls)}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


class _Serialisable:
    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = _clean(self)
        return result


@dataclass
class Document(_Serialisable):
    """One article as read from disk or a feed."""

    id: str
    text: str
    title: str = ""
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    published_precision: str = "day"  # day | inferred | approximate | unknown
    path: str | None = None
    content_hash: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        names = _known(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Evidence(_Serialisable):
    """Where a fact was read: the sentence and its character offsets in the document text."""

    doc_id: str
    sentence: str
    char_start: int
    char_end: int
    component: str = "frontlines.events"
    pipeline_version: str = ""
    source: str | None = None
    published: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        names = _known(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class ActorRef(_Serialisable):
    """An actor as written (``text``) and as canonicalised (``id``, ``name``)."""

    name: str
    id: str | None = None
    text: str | None = None
    camp: str | None = None
    provisional: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ActorRef | None:
        if not data:
            return None
        names = _known(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Location(_Serialisable):
    """A resolved place, with ACLED's geo precision (1 town, 2 near/district, 3 region)."""

    name: str
    text: str | None = None
    id: str | None = None  # "geonames:170017" or "supp:kweiris-air-base"
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    precision: int = 1
    feature: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        if not data:
            return None
        names = _known(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class EventDate(_Serialisable):
    """A resolved date interval with ACLED-like precision."""

    start: str | None  # ISO date
    end: str | None
    precision: str = "day"  # day | week | month | year
    text: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> EventDate | None:
        if not data:
            return None
        names = _known(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Quantity(_Serialisable):
    """A number read from the text: ``kind`` is killed, wounded, fighters, displaced, ..."""

    kind: str
    value: int | None
    min: int | None = None
    max: int | None = None
    text: str = ""
    group: str | None = None  # civilians, children, women, fighters, soldiers

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        names = _known(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Event(_Serialisable):
    """One happening, with every report of it kept in ``evidence``."""

    id: str
    type: str
    subtype: str
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors: list[ActorRef] = field(default_factory=list)
    location: Location | None = None
    date: EventDate | None = None
    fatalities: int | None = None
    quantities: list[Quantity] = field(default_factory=list)
    modality: str = "asserted"
    attributed_to: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    trigger: str | None = None
    trigger_frame: str | None = None
    territorial: bool = False  # a change of control: actor1 took location from actor2
    cameo: str | None = None
    plover: str | None = None
    n_sources: int = 1
    n_outlets: int = 1
    report_ids: list[str] = field(default_factory=list)
    notes: str | None = None
    #: Names of the rules that set or changed a field after the sentence was read
    #: ("headline-news", "civilian-victims"), so that every field can be traced.
    rules: list[str] = field(default_factory=list)

    @property
    def is_fact(self) -> bool:
        return self.modality in FACTUAL_MODALITIES

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        names = _known(cls)
        d = {k: v for k, v in data.items() if k in names}
        d["actor1"] = ActorRef.from_dict(d.get("actor1"))
        d["actor2"] = ActorRef.from_dict(d.get("actor2"))
        d["assoc_actors"] = [a for a in (ActorRef.from_dict(x) for x in d.get("assoc_actors") or []) if a]
        d["location"] = Location.from_dict(d.get("location"))
        d["date"] = EventDate.from_dict(d.get("date"))
        d["quantities"] = [Quantity.from_dict(q) for q in d.get("quantities") or []]
        d["evidence"] = [Evidence.from_dict(e) for e in d.get("evidence") or []]
        return cls(**d)


@dataclass
class Relation(_Serialisable):
    """A relation between two actors read from the text (supports, allied_with, part_of, ...)."""

    source: ActorRef
    target: ActorRef
    kind: str
    evidence: list[Evidence] = field(default_factory=list)
    date: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relation:
        src = ActorRef.from_dict(data["source"])
        tgt = ActorRef.from_dict(data["target"])
        assert src is not None and tgt is not None
        return cls(
            source=src,
            target=tgt,
            kind=data["kind"],
            evidence=[Evidence.from_dict(e) for e in data.get("evidence") or []],
            date=data.get("date"),
        )


@dataclass
class Extraction(_Serialisable):
    """What the pipeline reads from one document."""

    document: Document
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    provisional_actors: list[str] = field(default_factory=list)
    places: list[Location] = field(default_factory=list)
    pipeline_version: str = ""


@dataclass
class ControlChange(_Serialisable):
    """A change of who holds a place, derived from territorial events."""

    place: Location
    date: EventDate
    to_actor: ActorRef | None
    from_actor: ActorRef | None
    event_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Period(_Serialisable):
    """An interval in which one actor held a place."""

    holder: ActorRef
    start: str | None
    end: str | None
    evidence: list[Evidence] = field(default_factory=list)
    disputed: bool = False
