"""Filters served from index tables give the same answers as reading every event."""

from __future__ import annotations

from collections import Counter

import pytest

from frontlines.models import ActorRef, Event, EventDate, Location
from frontlines.store import EventQuery, SQLStore
from frontlines.store.rows import UNBOUNDED_SPAN, date_span, since_bound

from .sample import EVENTS, event


@pytest.fixture
def filled(store: SQLStore) -> SQLStore:
    store.insert_events(EVENTS)
    return store


def test_non_ascii_place_names_match_in_any_case(store: SQLStore) -> None:
    urfa = Location(name="Şanlıurfa", id="geonames:298333", admin1="Şanlıurfa", country="TR")
    store.insert_events([event("t1", place=urfa)])
    for text in ("şanlıurfa", "Şanlıurfa", "ŞanlıURFA", "urfa"):
        assert [e.id for e in store.query_events(EventQuery(place=text))] == ["t1"]


def test_json_page_is_the_events_to_dict(filled: SQLStore) -> None:
    import json

    query = EventQuery(limit=4, offset=2, order="-date")
    pages = filled.query_events_json(query)
    assert [json.loads(p) for p in pages] == [e.to_dict() for e in filled.query_events(query)]


def test_events_for_document(store: SQLStore) -> None:
    a = event("a", doc="d1", start="2016-01-02")
    b = event("b", doc="d2", start="2016-01-01")
    c = event("c", doc="d1", start="2015-01-01")
    store.insert_events([a, b, c])
    assert [e.id for e in store.events_for_document("d1")] == ["c", "a"]
    assert store.events_for_document("nope") == []


def test_counts_by_day_and_type(filled: SQLStore) -> None:
    rows = filled.count_by_day_and_type(EventQuery(place="palmyra"))
    assert sorted(rows) == [("2015-05-21", "Battles", 1), ("2016-03-20", "Battles", 1),
                            ("2016-03-27", "Battles", 1)]
    everything: Counter[str] = Counter()
    for _, type_, n in filled.count_by_day_and_type(EventQuery()):
        everything[type_] += n
    assert everything == Counter(e.type for e in EVENTS)


def test_counts_follow_writes(filled: SQLStore, open_fresh: object) -> None:
    before = filled.count_events(EventQuery(place="palmyra"))
    other: SQLStore = open_fresh()  # type: ignore[operator]
    other.insert_events([event("late", start="2018-01-01")])
    assert filled.count_events(EventQuery(place="palmyra")) == before + 1
    assert filled.places()[0]["events"] == 4
    assert filled.stats()["events"] == len(EVENTS) + 1


def test_places_summary_adds_up_over_batches(store: SQLStore) -> None:
    store.insert_events(EVENTS[:5])
    store.insert_events(EVENTS[5:])
    whole = {p["id"]: (p["events"], p["control_changes"]) for p in store.places()}
    expected: Counter[str] = Counter(e.location.id for e in EVENTS if e.location)
    assert {k: v[0] for k, v in whole.items()} == dict(expected)


def test_long_events_are_found_by_their_end(store: SQLStore) -> None:
    siege = event("siege", start="2012-07-01", end="2016-12-22")
    store.insert_events([siege, event("short", start="2014-01-01")])
    assert [e.id for e in store.query_events(EventQuery(since="2016-12-01"))] == ["siege"]
    undated_start = Event(id="open", type="Battles", subtype="Armed clash",
                          date=EventDate(start=None, end="2016-12-30"))
    store.insert_events([undated_start])
    assert [e.id for e in store.query_events(EventQuery(since="2016-12-25"))] == ["open"]


def test_actor_filter_matches_within_one_name(store: SQLStore) -> None:
    store.insert_events([event("x", actor1=ActorRef(name="Jaysh al-Islam", id="jai",
                                                    text="Army of Islam"))])
    for text in ("jai", "JAYSH", "army of", "al-isl"):
        assert store.count_events(EventQuery(actor=text)) == 1
    assert store.count_events(EventQuery(actor="nobody")) == 0


def test_date_span_and_bound() -> None:
    assert date_span("2016-03-01", "2016-03-08") == 7
    assert date_span("2016-03-01", None) == 0
    assert date_span(None, "2016-03-01") == UNBOUNDED_SPAN
    assert date_span("2016", "2016-12-31") == 365
    assert since_bound("2016-03-10", 7) == "2016-03-02"
    assert since_bound("2016-03", 7) is None
    assert since_bound("2016-03-10", UNBOUNDED_SPAN) is None
    # a partial start sorts before the first day it names; the bound keeps it inside
    assert "2016-03" >= since_bound("2016-03-31", 30)  # type: ignore[operator]
