"""Hand-made places, actors and reports for the analysis tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from frontlines.models import ActorRef, Event, EventDate, Evidence, Location, Quantity
from frontlines.store import SQLStore

#: The ``build_store`` fixture: reports and (doc id, relation) pairs in, a store out.
StoreFactory = Callable[..., SQLStore]

PALMYRA = Location(
    name="Palmyra",
    text="Tadmur",
    id="geonames:170017",
    lat=34.56,
    lon=38.28,
    admin1="Homs",
    country="SY",
    precision=1,
)
QARYATAYN = Location(
    name="Al-Qaryatayn",
    id="geonames:172374",
    lat=34.23,
    lon=37.24,
    admin1="Homs",
    country="SY",
    precision=1,
)
HOMS_REGION = Location(
    name="Homs Governorate",
    id="geonames:169575",
    lat=34.5,
    lon=38.0,
    admin1="Homs",
    country="SY",
    precision=3,
)
RAQQA = Location(
    name="Raqqa",
    id="geonames:172955",
    lat=35.95,
    lon=39.01,
    admin1="Raqqa",
    country="SY",
    precision=1,
)

ISIS = ActorRef(name="Islamic State", id="isis", text="ISIS")
REGIME = ActorRef(name="Syrian government forces", id="syrian-government", camp="regime")
SAA = ActorRef(name="Syrian Arab Army", id="saa", camp="regime")
RUSSIA = ActorRef(name="Russian air force", id="russia", camp="regime")
SDF = ActorRef(name="Syrian Democratic Forces", id="sdf", camp="kurdish")
YPG = ActorRef(name="YPG", id="ypg", camp="kurdish")
USA = ActorRef(name="US-led coalition", id="coalition", camp="coalition")

RETAKE = ("Battles", "Government regains territory")
OVERTAKE = ("Battles", "Non-state actor overtakes territory")
CLASH = ("Battles", "Armed clash")
AIRSTRIKE = ("Explosions/Remote violence", "Air/drone strike")


def make_report(
    rid: str,
    doc: str,
    *,
    kind: tuple[str, str] = CLASH,
    actor1: ActorRef | None = None,
    actor2: ActorRef | None = None,
    assoc: Sequence[ActorRef] = (),
    place: Location | None = PALMYRA,
    date: str | None = "2016-03-27",
    end: str | None = None,
    precision: str = "day",
    fatalities: int | None = None,
    quantities: Sequence[Quantity] = (),
    modality: str = "asserted",
    source: str | None = "Reuters",
    territorial: bool = False,
    sentence: str = "",
) -> Event:
    """One report as the extractor would give it, with one piece of evidence."""
    text = sentence or f"Report {rid} from {doc}."
    return Event(
        id=rid,
        type=kind[0],
        subtype=kind[1],
        actor1=actor1,
        actor2=actor2,
        assoc_actors=list(assoc),
        location=place,
        date=EventDate(start=date, end=end or date, precision=precision) if date else None,
        fatalities=fatalities,
        quantities=list(quantities),
        modality=modality,
        evidence=[
            Evidence(doc_id=doc, sentence=text, char_start=0, char_end=len(text), source=source)
        ],
        territorial=territorial,
    )


def take(
    rid: str,
    doc: str,
    place: Location,
    date: str,
    to: ActorRef | None,
    frm: ActorRef | None,
    **kw: Any,
) -> Event:
    """A territorial report: ``to`` took ``place`` from ``frm`` on ``date``."""
    kind = RETAKE if to is not None and to.camp == "regime" else OVERTAKE
    return make_report(
        rid, doc, kind=kind, actor1=to, actor2=frm, place=place, date=date, territorial=True, **kw
    )


def doc_of(event: Event) -> tuple[str, str | None]:
    ev = event.evidence[0]
    return ev.doc_id, ev.source
