"""Property tests: whatever Event the pipeline makes comes back from the store unchanged."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.models import (
    MODALITIES,
    ActorRef,
    Event,
    EventDate,
    Evidence,
    Location,
    Quantity,
)
from frontlines.store import EventQuery, SQLStore

from .conftest import clear
from .sample import extraction

# PostgreSQL text cannot hold NUL; surrogates cannot be encoded as UTF-8 anywhere.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=24)
NAME = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
               max_size=24)
ASCII_NAME = st.text(string.ascii_letters + string.digits + " -'_%\\", min_size=1,
                     max_size=16)
OPT_TEXT = st.none() | TEXT
INT = st.integers(min_value=0, max_value=2**31 - 1)
DAY = st.dates().map(lambda d: d.isoformat())

actors = st.builds(ActorRef, name=NAME, id=st.none() | NAME, text=OPT_TEXT,
                   camp=st.none() | st.sampled_from(["regime", "isis", "kurdish"]),
                   provisional=st.booleans())
locations = st.builds(
    Location, name=NAME, text=OPT_TEXT, id=st.none() | NAME,
    lat=st.none() | st.floats(-90, 90, allow_nan=False),
    lon=st.none() | st.floats(-180, 180, allow_nan=False),
    admin1=OPT_TEXT, country=st.none() | st.sampled_from(["SY", "IQ", "TR"]),
    precision=st.integers(1, 3), feature=st.none() | st.sampled_from(["PPL", "ADM1"]),
)
dates = st.builds(lambda a, b, p, t: EventDate(min(a, b), max(a, b), p, t), DAY, DAY,
                  st.sampled_from(["day", "week", "month", "year"]), OPT_TEXT)
quantities = st.builds(Quantity, kind=st.sampled_from(["killed", "wounded", "displaced"]),
                       value=st.none() | INT, min=st.none() | INT, max=st.none() | INT,
                       text=TEXT, group=st.none() | st.sampled_from(["civilians", "fighters"]))
evidence = st.builds(Evidence, doc_id=NAME, sentence=TEXT, char_start=INT, char_end=INT,
                     component=NAME, pipeline_version=TEXT, source=OPT_TEXT,
                     published=st.none() | DAY)


@st.composite
def events(draw: st.DrawFn, eid: str = "") -> Event:
    return Event(
        id=eid or draw(NAME), type=draw(NAME), subtype=draw(NAME),
        actor1=draw(st.none() | actors), actor2=draw(st.none() | actors),
        assoc_actors=draw(st.lists(actors, max_size=2)),
        location=draw(st.none() | locations), date=draw(st.none() | dates),
        fatalities=draw(st.none() | INT), quantities=draw(st.lists(quantities, max_size=2)),
        modality=draw(st.sampled_from(MODALITIES)), attributed_to=draw(OPT_TEXT),
        evidence=draw(st.lists(evidence, max_size=2)),
        confidence=draw(st.floats(0, 1, allow_nan=False)), trigger=draw(OPT_TEXT),
        territorial=draw(st.booleans()), cameo=draw(st.none() | st.sampled_from(["190", "02"])),
        plover=draw(OPT_TEXT), n_sources=draw(st.integers(1, 50)),
        n_outlets=draw(st.integers(1, 50)), report_ids=draw(st.lists(NAME, max_size=3,
                                                                     unique=True)),
        notes=draw(OPT_TEXT),
    )


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(batch=st.lists(events(), min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_events_round_trip(store: SQLStore, batch: list[Event]) -> None:
    clear(store)
    assert store.replace_events(batch) == len(batch)
    for ev in batch:
        assert store.get_event(ev.id).to_dict() == ev.to_dict()
    back = store.query_events(EventQuery(ids=[e.id for e in batch], order="id"))
    assert sorted(e.id for e in back) == sorted(e.id for e in batch)
    by_id = {e.id: e.to_dict() for e in batch}
    assert all(e.to_dict() == by_id[e.id] for e in back)
    assert store.count_events(EventQuery()) == len(batch)


@SETTINGS
@given(batch=st.lists(events(), max_size=4, unique_by=lambda e: e.id), text=NAME)
def test_reports_round_trip(store: SQLStore, batch: list[Event], text: str) -> None:
    clear(store)
    assert store.add_extraction(extraction("doc", batch, text=text))
    assert not store.add_extraction(extraction("doc", batch, text=text))
    stored = sorted((r.to_dict() for r in store.iter_reports()), key=lambda d: d["id"])
    assert stored == sorted((e.to_dict() for e in batch), key=lambda d: d["id"])
    assert store.get_document("doc").text == text


@SETTINGS
@given(name=ASCII_NAME, other=ASCII_NAME, actor=ASCII_NAME)
def test_text_filters_find_what_was_stored(store: SQLStore, name: str, other: str,
                                           actor: str) -> None:
    clear(store)
    ev = Event(id="e", type="Battles", subtype="Armed clash",
               actor1=ActorRef(name=actor), location=Location(name=name, id="p"))
    store.replace_events([ev])
    for query in (name, name.upper(), name[1:], name[:-1]):
        if query:
            assert [e.id for e in store.query_events(EventQuery(place=query))] == ["e"]
    found = store.count_events(EventQuery(place=other))
    assert found == (1 if other.lower() in name.lower() or other == "p" else 0)
    assert store.count_events(EventQuery(actor=actor.swapcase())) == 1
