"""Event queries: filters, orders, paging, counts, places and statistics."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.errors import NotFoundError, StoreError
from frontlines.store import EventQuery, SQLStore

from .sample import EVENTS, ODD, event


@pytest.fixture
def filled(store: SQLStore) -> SQLStore:
    assert store.insert_events(EVENTS) == len(EVENTS)
    return store


def ids(store: SQLStore, **kw: Any) -> list[str]:
    query = EventQuery(**kw)
    found = [e.id for e in store.query_events(query)]
    if query.limit is None and not query.offset:
        assert store.count_events(query) == len(found)
    return found


def test_all_events_in_date_order(filled: SQLStore) -> None:
    assert ids(filled) == ["e8", "e1", "e2", "e3", "e4", "e5", "e6", "e10", "e7", "e9"]
    assert ids(filled, order="-date") == ["e7", "e10", "e6", "e5", "e4", "e3", "e2", "e1",
                                          "e8", "e9"]
    assert ids(filled, order="id") == sorted(e.id for e in EVENTS)
    assert ids(filled, order="-fatalities")[:4] == ["e7", "e3", "e2", "e6"]
    assert ids(filled, order="fatalities")[:4] == ["e6", "e2", "e3", "e7"]
    assert ids(filled, order="place")[:2] == ["e5", "e6"]  # Aleppo
    assert ids(filled, order="place")[-1] == "e9"  # no place last


def test_unknown_order(filled: SQLStore) -> None:
    with pytest.raises(StoreError):
        filled.query_events(EventQuery(order="random"))


def test_place_filter(filled: SQLStore) -> None:
    assert ids(filled, place="palmyra") == ["e1", "e3", "e4"]
    assert ids(filled, place="PALM") == ["e1", "e3", "e4"]
    assert ids(filled, place="geonames:170063") == ["e5", "e6"]
    assert ids(filled, place="Raqqa") == ["e2", "e10", "e7"]  # admin1 Raqqa holds ODD
    assert ids(filled, place="nowhere") == []


def test_like_wildcards_are_literal(filled: SQLStore) -> None:
    assert ids(filled, place="_50%") == ["e10"]
    assert ids(filled, place="l_5") == ["e10"]
    assert ids(filled, place="50%\\n") == ["e10"]
    assert ids(filled, place="P_lmyra") == []
    assert ids(filled, place="%") == ["e10"]
    assert ids(filled, place="_") == ["e10"]
    assert ODD.name in {e.location.name for e in filled.query_events(EventQuery(place="\\"))
                        if e.location}
    assert ids(filled, actor="_") == []


def test_actor_filter(filled: SQLStore) -> None:
    assert ids(filled, actor="isis") == ["e8", "e1", "e2", "e3", "e4", "e7"]
    assert ids(filled, actor="Russian") == ["e2", "e6"]
    assert ids(filled, actor="syrian troops") == ["e1", "e3", "e4"]  # as written
    assert ids(filled, actor="sdf") == ["e7", "e9"]


def test_type_filter(filled: SQLStore) -> None:
    assert ids(filled, type="Explosions/Remote violence") == ["e2", "e6"]
    assert ids(filled, type="air/drone strike") == ["e2", "e6"]
    assert ids(filled, type="Protests") == ["e5"]
    assert ids(filled, type="Riots") == []


def test_date_filters(filled: SQLStore) -> None:
    assert ids(filled, since="2016-03-25", until="2016-03-31") == ["e3", "e4"]
    assert ids(filled, since="2016-03-26", until="2016-03-26") == ["e3"]  # interval overlap
    assert ids(filled, since="2017-01-01") == ["e10", "e7"]
    assert ids(filled, until="2015-01-01") == ["e8"]


def test_modality_filter(filled: SQLStore) -> None:
    assert ids(filled, modality="claimed") == ["e6"]
    assert ids(filled, modality="reported, claimed") == ["e5", "e6"]
    assert ids(filled, modality="predicted,negated") == ["e10", "e7"]


def test_bbox_filter(filled: SQLStore) -> None:
    assert ids(filled, bbox=(35.5, 32.0, 42.5, 37.5)) == ["e1", "e2", "e3", "e4", "e5", "e6",
                                                          "e10", "e7"]
    assert ids(filled, bbox=(42.0, 35.0, 44.0, 37.0)) == ["e8"]
    assert ids(filled, bbox=(38.0, 34.0, 39.0, 35.0)) == ["e1", "e3", "e4"]


def test_territorial_filter(filled: SQLStore) -> None:
    assert ids(filled, territorial=True) == ["e8", "e1", "e4"]
    assert len(ids(filled, territorial=False)) == len(EVENTS) - 3


def test_ids_filter(filled: SQLStore) -> None:
    assert ids(filled, ids=["e4", "e2", "zz"]) == ["e2", "e4"]
    assert ids(filled, ids=[]) == []


def test_combined_filters_and_paging(filled: SQLStore) -> None:
    assert ids(filled, place="aleppo", type="Air/drone strike", since="2016-01-01") == ["e6"]
    assert ids(filled, actor="isis", territorial=True, until="2015-12-31") == ["e8", "e1"]
    everything = ids(filled)
    pages = [ids(filled, limit=3, offset=o) for o in range(0, 12, 3)]
    assert [i for page in pages for i in page] == everything
    assert ids(filled, limit=0) == []
    assert ids(filled, limit=2, offset=100) == []
    assert filled.count_events(EventQuery(limit=2)) == len(EVENTS)  # counts ignore paging


def test_get_event_by_event_and_report_id(filled: SQLStore) -> None:
    assert filled.get_event("e4").to_dict() == EVENTS[3].to_dict()
    assert filled.get_event("r5").id == "e4"
    assert filled.get_event("r2").id == "e1"
    with pytest.raises(NotFoundError):
        filled.get_event("nope")


def test_places(filled: SQLStore) -> None:
    places = filled.places()
    assert [(p["id"], p["events"], p["control_changes"]) for p in places] == [
        ("geonames:170017", 3, 2),
        ("geonames:170063", 2, 0),
        ("geonames:172955", 2, 0),
        ("geonames:99072", 1, 1),
        ("supp:odd", 1, 0),
    ]
    assert places[0] == {
        "id": "geonames:170017", "name": "Palmyra", "admin1": "Homs", "country": "SY",
        "lat": 34.5604, "lon": 38.2672, "events": 3, "control_changes": 2,
    }
    assert len(filled.places(limit=2)) == 2


def test_stats(filled: SQLStore) -> None:
    stats = filled.stats()
    assert stats["events"] == len(EVENTS)
    assert stats["documents"] == stats["reports"] == stats["relations"] == 0
    assert stats["places"] == 5
    assert stats["control_changes"] == 3
    assert stats["by_type"][0] == {"type": "Battles", "subtype": "Armed clash", "events": 4}
    assert sum(t["events"] for t in stats["by_type"]) == len(EVENTS)
    assert stats["by_modality"] == {"asserted": 6, "reported": 1, "claimed": 1,
                                    "predicted": 1, "negated": 1}


def test_replace_events(filled: SQLStore) -> None:
    fresh = [event("n1", reports=["r1", "x1"]), event("n2", place=None)]
    assert filled.replace_events(fresh) == 2
    assert ids(filled) == ["n1", "n2"]
    assert filled.get_event("x1").id == "n1"
    assert filled.get_event("r1").id == "n1"
    with pytest.raises(NotFoundError):
        filled.get_event("r5")
    assert filled.replace_events([]) == 0
    assert filled.count_events(EventQuery()) == 0
    assert filled.places() == []
