"""A small store built in code for the API and browser tests.

Palmyra changes hands twice (Islamic State takes it on 2015-05-21, the government takes it
back on 2016-03-27); the other events cover the six ACLED event types, a non-factual
modality, a disagreement on fatalities and an article whose text holds a ``<script>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from frontlines.models import (
    ActorRef,
    Document,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Location,
    Relation,
)
from frontlines.store import open_store

ISIS = ActorRef(name="Islamic State", id="isis", camp="isis")
SAA = ActorRef(name="Syrian Arab Army", id="saa", camp="regime")
RUAF = ActorRef(name="Russian Air Force", id="russia-af", camp="regime")
FSA = ActorRef(name="Free Syrian Army", id="fsa", camp="opposition")
CIVILIANS = ActorRef(name="Civilians (Syria)", id="civilians", camp="civilians")
PROTESTERS = ActorRef(name="Protesters (Syria)", id="protesters", camp="civilians")

PALMYRA = Location(name="Palmyra", id="geonames:170017", lat=34.5604, lon=38.2672,
                   admin1="Homs", country="SY", feature="PPL")
ALEPPO = Location(name="Aleppo", id="geonames:170063", lat=36.2021, lon=37.1343,
                  admin1="Aleppo", country="SY", feature="PPLA")
IDLIB = Location(name="Idlib", id="geonames:169388", lat=35.9306, lon=36.6339,
                 admin1="Idlib", country="SY", feature="PPLA")
DEIR = Location(name="Deir ez-Zor", id="geonames:170794", lat=35.3359, lon=40.1408,
                admin1="Deir ez-Zor", country="SY", feature="PPLA")
DARAA = Location(name="Daraa", id="geonames:170903", lat=32.6189, lon=36.1021,
                 admin1="Daraa", country="SY", feature="PPLA")
HOMS = Location(name="Homs", id="geonames:169577", lat=34.7268, lon=36.7234,
                admin1="Homs", country="SY", feature="PPLA")

SCRIPT_SENTENCE = "Residents said <script>alert('xss')</script> gunmen shot three civilians."

DOCS = [
    Document(
        id="d-palmyra-2015", source="SOHR", published="2015-05-21",
        title="Islamic State seizes Palmyra",
        text=(
            "Islamic State fighters seized the ancient city of Palmyra on Wednesday. "
            "Government forces withdrew to the west of the town. "
            "At least 20 soldiers were killed in clashes near Palmyra on Tuesday."
        ),
    ),
    Document(
        id="d-palmyra-2016", source="Reuters", published="2016-03-27",
        title="Syrian army retakes Palmyra",
        text=(
            "The Syrian army recaptured Palmyra from Islamic State on Sunday. "
            "Russian jets struck Islamic State positions near Palmyra on Saturday, "
            "killing 30 militants."
        ),
    ),
    Document(
        id="d-palmyra-2016-sana", source="SANA", published="2016-03-28",
        title="Army restores security to Palmyra",
        text=(
            "Army units restored security and stability to Palmyra on Sunday. "
            "Air strikes near Palmyra on Saturday killed 45 terrorists."
        ),
    ),
    Document(
        id="d-aleppo", source="AFP", published="2016-04-12",
        title="Barrel bombs hit Aleppo; protest in Idlib",
        text=(
            "Barrel bombs killed 12 civilians in Aleppo on Tuesday. "
            "Hundreds protested in Idlib against the government on Monday."
        ),
    ),
    Document(
        id="d-script", source="Local Coordination Committees", published="2016-05-02",
        title="Shooting in Deir ez-Zor <script>alert('title')</script>",
        text="Deir ez-Zor, 2 May. " + SCRIPT_SENTENCE + " The town was quiet later.",
    ),
    Document(
        id="d-early", source="Al Jazeera", published="2011-03-19",
        title="Riots in Daraa; truce talk in Homs",
        text=(
            "Protesters set fire to the party headquarters in Daraa on Friday. "
            "Officials said a truce in Homs could be agreed next month."
        ),
    ),
]
_DOC = {d.id: d for d in DOCS}


def evidence(doc_id: str, sentence: str) -> Evidence:
    doc = _DOC[doc_id]
    start = doc.text.index(sentence)
    return Evidence(doc_id=doc_id, sentence=sentence, char_start=start,
                    char_end=start + len(sentence), source=doc.source, published=doc.published)


def event(
    id: str, type: str, subtype: str, loc: Location, day: str, sentences: list[tuple[str, str]],
    actor1: ActorRef | None = None, actor2: ActorRef | None = None,
    fatalities: int | None = None, territorial: bool = False, modality: str = "asserted",
) -> Event:
    evs = [evidence(d, s) for d, s in sentences]
    outlets = {_DOC[d].source for d, _ in sentences}
    return Event(
        id=id, type=type, subtype=subtype, actor1=actor1, actor2=actor2, location=loc,
        date=EventDate(start=day, end=day, precision="day"), fatalities=fatalities,
        modality=modality, evidence=evs, territorial=territorial, n_sources=len(evs),
        n_outlets=len(outlets), report_ids=[f"r-{id}-{i}" for i in range(len(evs))],
        confidence=0.6 + 0.1 * len(evs),
    )


EVENTS = [
    event("e-palmyra-2015", "Battles", "Non-state actor overtakes territory", PALMYRA,
          "2015-05-21",
          [("d-palmyra-2015",
            "Islamic State fighters seized the ancient city of Palmyra on Wednesday.")],
          ISIS, SAA, territorial=True),
    event("e-palmyra-clash", "Battles", "Armed clash", PALMYRA, "2015-05-19",
          [("d-palmyra-2015",
            "At least 20 soldiers were killed in clashes near Palmyra on Tuesday.")],
          ISIS, SAA, fatalities=20),
    event("e-palmyra-2016", "Battles", "Government regains territory", PALMYRA, "2016-03-27",
          [("d-palmyra-2016", "The Syrian army recaptured Palmyra from Islamic State on Sunday."),
           ("d-palmyra-2016-sana",
            "Army units restored security and stability to Palmyra on Sunday.")],
          SAA, ISIS, territorial=True),
    event("e-palmyra-air", "Explosions/Remote violence", "Air/drone strike", PALMYRA,
          "2016-03-26",
          [("d-palmyra-2016", ("Russian jets struck Islamic State positions near Palmyra on "
                              "Saturday, killing 30 militants.")),
           ("d-palmyra-2016-sana", "Air strikes near Palmyra on Saturday killed 45 terrorists.")],
          RUAF, ISIS, fatalities=30),
    event("e-aleppo-barrel", "Explosions/Remote violence", "Air/drone strike", ALEPPO,
          "2016-04-12",
          [("d-aleppo", "Barrel bombs killed 12 civilians in Aleppo on Tuesday.")],
          SAA, CIVILIANS, fatalities=12),
    event("e-idlib-protest", "Protests", "Peaceful protest", IDLIB, "2016-04-11",
          [("d-aleppo", "Hundreds protested in Idlib against the government on Monday.")],
          PROTESTERS),
    event("e-deir-shooting", "Violence against civilians", "Attack", DEIR, "2016-05-02",
          [("d-script", SCRIPT_SENTENCE)], FSA, CIVILIANS, fatalities=3),
    event("e-daraa-riot", "Riots", "Violent demonstration", DARAA, "2011-03-18",
          [("d-early", "Protesters set fire to the party headquarters in Daraa on Friday.")],
          PROTESTERS),
    event("e-homs-truce", "Strategic developments", "Agreement", HOMS, "2011-04-15",
          [("d-early", "Officials said a truce in Homs could be agreed next month.")],
          SAA, FSA, modality="predicted"),
]

RELATIONS = {
    "d-palmyra-2016": [Relation(source=RUAF, target=SAA, kind="supports",
                                evidence=[evidence("d-palmyra-2016", "Russian jets struck "
                                                   "Islamic State positions near Palmyra on "
                                                   "Saturday, killing 30 militants.")],
                                date="2016-03-26")],
}
PROVISIONAL = {"d-aleppo": ["Liwa al-Quds"]}
#: Death tolls that one report gives differently from the merged event (a dispute).
REPORT_FATALITIES = {("e-palmyra-air", "d-palmyra-2016-sana"): 45}


def build_fixture_store(path: Path) -> str:
    """Write the fixture documents, per-document reports and merged events to ``path``."""
    url = str(path)
    store = open_store(url)
    try:
        for doc in DOCS:
            reports = []
            for e in EVENTS:
                for i, ev in enumerate(e.evidence):
                    if ev.doc_id == doc.id:
                        r = Event.from_dict(e.to_dict())
                        r.id, r.evidence, r.report_ids = f"r-{e.id}-{i}", [ev], []
                        r.n_sources = r.n_outlets = 1
                        r.fatalities = REPORT_FATALITIES.get((e.id, doc.id), e.fatalities)
                        reports.append(r)
            store.add_extraction(Extraction(
                document=doc, events=reports, relations=RELATIONS.get(doc.id, []),
                provisional_actors=PROVISIONAL.get(doc.id, []), pipeline_version="test",
            ))
        store.replace_events(EVENTS)
    finally:
        store.close()
    return url


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fixture store shared by read-only tests."""
    yield build_fixture_store(tmp_path_factory.mktemp("api") / "fixture.db")
