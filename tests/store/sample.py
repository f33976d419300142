"""Hand-made documents and events for the store tests."""

from __future__ import annotations

from frontlines.models import (
    ActorRef,
    Document,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Location,
    Quantity,
    Relation,
)

ISIS = ActorRef(name="Islamic State", id="isis", text="ISIS", camp="isis")
SAA = ActorRef(name="Syrian Arab Army", id="saa", text="Syrian troops", camp="regime")
SDF = ActorRef(name="Syrian Democratic Forces", id="sdf", camp="kurdish")
RUSSIA = ActorRef(name="Russian Air Force", id="russia-af", camp="regime")

PALMYRA = Location(name="Palmyra", text="Tadmur", id="geonames:170017", lat=34.5604,
                   lon=38.2672, admin1="Homs", country="SY", feature="PPL")
ALEPPO = Location(name="Aleppo", id="geonames:170063", lat=36.2021, lon=37.1343,
                  admin1="Aleppo", country="SY", feature="PPLA")
RAQQA = Location(name="Raqqa", id="geonames:172955", lat=35.9528, lon=39.0079,
                 admin1="Raqqa", country="SY", feature="PPLA")
MOSUL = Location(name="Mosul", id="geonames:99072", lat=36.335, lon=43.1189,
                 admin1="Nineveh", country="IQ", feature="PPLA")
ODD = Location(name="Tell_50%\\North", id="supp:odd", lat=36.0, lon=38.0, admin1="Raqqa",
               country="SY")


def event(
    eid: str,
    *,
    kind: tuple[str, str] = ("Battles", "Armed clash"),
    actor1: ActorRef | None = None,
    actor2: ActorRef | None = None,
    place: Location | None = PALMYRA,
    start: str | None = "2016-03-27",
    end: str | None = None,
    fatalities: int | None = None,
    modality: str = "asserted",
    territorial: bool = False,
    doc: str = "d1",
    reports: list[str] | None = None,
) -> Event:
    sentence = f"Sentence of {eid}."
    return Event(
        id=eid, type=kind[0], subtype=kind[1], actor1=actor1, actor2=actor2,
        location=place,
        date=EventDate(start=start, end=end or start) if start else None,
        fatalities=fatalities,
        quantities=[Quantity(kind="killed", value=fatalities, text=str(fatalities))]
        if fatalities is not None else [],
        modality=modality, territorial=territorial,
        evidence=[Evidence(doc_id=doc, sentence=sentence, char_start=0,
                           char_end=len(sentence), source="Reuters")],
        report_ids=reports if reports is not None else [eid],
    )


RETAKE = ("Battles", "Government regains territory")
OVERTAKE = ("Battles", "Non-state actor overtakes territory")
AIRSTRIKE = ("Explosions/Remote violence", "Air/drone strike")
PROTEST = ("Protests", "Peaceful protest")

#: Merged events covering every filter; ids sort in date order.
EVENTS = [
    event("e1", kind=OVERTAKE, actor1=ISIS, actor2=SAA, start="2015-05-21", territorial=True,
          reports=["r1", "r2"]),
    event("e2", kind=AIRSTRIKE, actor1=RUSSIA, actor2=ISIS, start="2015-10-01", fatalities=12,
          place=RAQQA, reports=["r3"]),
    event("e3", actor1=SAA, actor2=ISIS, start="2016-03-20", end="2016-03-26", fatalities=30),
    event("e4", kind=RETAKE, actor1=SAA, actor2=ISIS, start="2016-03-27", territorial=True,
          reports=["r4", "r5", "r6"]),
    event("e5", kind=PROTEST, start="2016-06-01", place=ALEPPO, modality="reported"),
    event("e6", kind=AIRSTRIKE, actor1=RUSSIA, start="2016-12-01", fatalities=4,
          place=ALEPPO, modality="claimed"),
    event("e7", actor1=SDF, actor2=ISIS, start="2017-06-06", place=RAQQA, fatalities=50,
          modality="predicted"),
    event("e8", kind=OVERTAKE, actor1=ISIS, start="2014-06-10", place=MOSUL, territorial=True),
    event("e9", start=None, place=None, actor1=SDF),
    event("e10", start="2017-01-01", place=ODD, modality="negated"),
]


def document(doc_id: str, text: str | None = None, **kw: str | None) -> Document:
    return Document(id=doc_id, text=text if text is not None else f"Text of {doc_id}.", **kw)


def extraction(doc_id: str, events: list[Event], text: str | None = None,
               relations: list[Relation] | None = None,
               provisional: list[str] | None = None) -> Extraction:
    return Extraction(
        document=document(doc_id, text, title=f"Title {doc_id}", source="Reuters",
                          published="2016-03-27"),
        events=events, relations=relations or [], provisional_actors=provisional or [],
        pipeline_version="test",
    )
