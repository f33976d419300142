"""Incremental merging gives exactly what a full rebuild gives."""

from __future__ import annotations

import random
from pathlib import Path

from frontlines.analysis.merge import rebuild_events, update_events
from frontlines.models import (
    ActorRef,
    Document,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Location,
)
from frontlines.store import EventQuery, open_store

PLACES = [
    Location(name="Aleppo", id="geonames:170063", lat=36.2, lon=37.16, admin1="Aleppo", country="SY"),
    Location(name="Tadmur", id="geonames:163808", lat=34.56, lon=38.28, admin1="Homs", country="SY"),
    Location(name="Homs", id="geonames:169577", lat=34.72, lon=36.72, admin1="Homs", country="SY"),
    Location(name="Idlib", id="geonames:169389", lat=35.93, lon=36.63, admin1="Idlib", country="SY"),
]
ACTORS = [ActorRef(name="Islamic State", id="isis", camp="isis"),
          ActorRef(name="Syrian government", id="syrian-government", camp="regime")]
KINDS = [("Battles", "Armed clash", False), ("Explosions/Remote violence", "Air/drone strike", False),
         ("Battles", "Government regains territory", True)]


def extraction(i: int, rng: random.Random) -> Extraction:
    doc = Document(id=f"d{i}", text=f"Report {i}.", source=f"outlet{i % 5}", published="2016-05-01")
    events = []
    for j in range(rng.randint(1, 3)):
        t, sub, terr = rng.choice(KINDS)
        day = f"2016-04-{rng.randint(1, 28):02d}"
        events.append(Event(
            id=f"d{i}-r{j}", type=t, subtype=sub, territorial=terr,
            actor1=rng.choice(ACTORS), location=rng.choice(PLACES),
            date=EventDate(start=day, end=day, precision="day", text=day),
            fatalities=rng.choice([None, 3, 5]), modality=rng.choice(["asserted", "reported", "predicted"]),
            evidence=[Evidence(doc_id=doc.id, sentence=f"Sentence {j} of report {i}.", char_start=0,
                               char_end=10, source=doc.source)],
        ))
    return Extraction(document=doc, events=events)


def snapshot(url: str) -> list[dict[str, object]]:
    with open_store(url) as store:
        return sorted((e.to_dict() for e in store.query_events(EventQuery(order="id"))),
                      key=lambda d: str(d["id"]))


def test_incremental_equals_rebuild(tmp_path: Path) -> None:
    rng = random.Random(7)
    batches = [[extraction(i, rng) for i in range(k, k + 10)] for k in range(0, 40, 10)]
    step = str(tmp_path / "step.db")
    full = str(tmp_path / "full.db")
    with open_store(step) as store:
        for batch in batches:
            new = []
            for ex in batch:
                assert store.add_extraction(ex)
                new += [e.id for e in ex.events]
            update_events(store, new)
    with open_store(full) as store:
        for batch in batches:
            for ex in batch:
                store.add_extraction(ex)
        rebuild_events(store)
        places = store.places()
    assert snapshot(step) == snapshot(full)
    with open_store(step) as store:
        assert store.places() == places
        assert store.stats()["events"] == len(snapshot(full))
