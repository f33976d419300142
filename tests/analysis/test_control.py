"""Control timelines of places from territorial events."""

from __future__ import annotations

from typing import Any

from frontlines.analysis import control_changes, front_line, most_contested, timeline
from frontlines.models import ActorRef

from .handmade import ISIS, PALMYRA, QARYATAYN, RAQQA, REGIME, SAA, SDF, YPG, StoreFactory, take

PALMYRA_HISTORY = [
    take("p1", "d1", PALMYRA, "2015-05-21", ISIS, REGIME, source="Reuters"),
    take("p2", "d2", PALMYRA, "2016-03-27", REGIME, ISIS, source="AFP"),
    take("p3", "d3", PALMYRA, "2016-12-11", ISIS, SAA, source="AP"),
]


def holders(tl: dict[str, Any]) -> list[tuple[str, object, object]]:
    return [(p["holder"]["name"], p["start"], p["end"]) for p in tl["periods"]]


def test_palmyra_changes_hands_three_times(build_store: StoreFactory) -> None:
    store = build_store(PALMYRA_HISTORY)
    tl = timeline(store, "Palmyra")
    assert tl["place"]["id"] == PALMYRA.id
    assert holders(tl) == [
        ("regime", None, "2015-05-21"),
        ("Islamic State", "2015-05-21", "2016-03-27"),
        ("regime", "2016-03-27", "2016-12-11"),
        ("Islamic State", "2016-12-11", None),
    ]
    assert tl["conflicts"] == []
    assert not any(p["disputed"] for p in tl["periods"])
    assert [c["to_holder"] for c in tl["changes"]] == ["Islamic State", "regime", "Islamic State"]
    # The camp is the holder; the actors stay named.
    assert tl["periods"][2]["holder"]["camp"] == "regime"
    assert tl["periods"][2]["actors"] == ["Syrian government forces"]
    assert tl["periods"][0]["actors"] == ["Syrian government forces"]
    assert tl["periods"][2]["evidence"][0]["doc_id"] == "d2"


def test_first_change_without_a_from_actor_has_no_initial_period(build_store: StoreFactory) -> None:
    store = build_store([take("p1", "d1", PALMYRA, "2015-05-21", ISIS, None)])
    assert holders(timeline(store, "Palmyra")) == [("Islamic State", "2015-05-21", None)]


def test_place_is_matched_by_id_name_alias_and_spelling(build_store: StoreFactory) -> None:
    store = build_store(PALMYRA_HISTORY)
    for query in ("geonames:170017", "palmyra", "PALMYRA", "Tadmur", "tadmor"):
        assert timeline(store, query)["place"]["id"] == PALMYRA.id, query
    empty = timeline(store, "Kobani")
    assert empty == {"place": None, "periods": [], "changes": [], "conflicts": []}


def test_consecutive_changes_to_one_camp_collapse(build_store: StoreFactory) -> None:
    store = build_store(
        [
            take("p1", "d1", PALMYRA, "2016-03-27", REGIME, ISIS, source="Reuters"),
            take("p2", "d2", PALMYRA, "2016-04-10", SAA, ISIS, source="AFP"),
        ]
    )
    tl = timeline(store, "Palmyra")
    assert holders(tl) == [("Islamic State", None, "2016-03-27"), ("regime", "2016-03-27", None)]
    assert tl["periods"][1]["actors"] == ["Syrian Arab Army", "Syrian government forces"]
    assert {e["doc_id"] for e in tl["periods"][1]["evidence"]} == {"d1", "d2"}
    assert tl["conflicts"] == []


def test_sources_naming_different_holders_for_one_date_are_flagged(
    build_store: StoreFactory,
) -> None:
    store = build_store(
        [
            take("p1", "d1", RAQQA, "2017-10-17", SDF, ISIS, source="Reuters"),
            take("p2", "d2", RAQQA, "2017-10-17", REGIME, ISIS, source="SANA"),
        ]
    )
    tl = timeline(store, "Raqqa")
    [conflict] = tl["conflicts"]
    assert conflict["kind"] == "overlap"
    assert conflict["holders"] == ["kurdish", "regime"]
    assert sorted(conflict["event_ids"]) == ["p1", "p2"]
    assert [p["disputed"] for p in tl["periods"]] == [False, True, True]


def test_change_from_an_actor_that_did_not_hold_the_place_is_flagged(
    build_store: StoreFactory,
) -> None:
    store = build_store(
        [
            take("p1", "d1", PALMYRA, "2015-05-21", ISIS, REGIME, source="Reuters"),
            take("p2", "d2", PALMYRA, "2016-03-27", REGIME, YPG, source="AFP"),
        ]
    )
    tl = timeline(store, "Palmyra")
    [conflict] = tl["conflicts"]
    assert conflict["kind"] == "from_mismatch"
    assert conflict["known_holder"] == "Islamic State"
    assert conflict["reported_holder"] == "kurdish"
    assert holders(tl)[-1] == ("regime", "2016-03-27", None)
    assert [p["disputed"] for p in tl["periods"]] == [False, True, True]


def test_withdrawal_closes_the_period(build_store: StoreFactory) -> None:
    store = build_store(
        [
            take("p1", "d1", QARYATAYN, "2015-08-06", ISIS, REGIME),
            take("p2", "d2", QARYATAYN, "2016-04-03", None, ISIS, source="AFP"),
        ]
    )
    tl = timeline(store, "Al-Qaryatayn")
    assert holders(tl) == [
        ("regime", None, "2015-08-06"),
        ("Islamic State", "2015-08-06", "2016-04-03"),
    ]
    assert front_line(store, "2016-05-01") == []


def test_non_factual_and_non_territorial_events_are_ignored(build_store: StoreFactory) -> None:
    store = build_store(
        [
            take("p1", "d1", PALMYRA, "2015-05-21", ISIS, REGIME),
            take(
                "p2", "d2", PALMYRA, "2015-06-01", REGIME, ISIS, modality="predicted", source="AFP"
            ),
            take("p3", "d3", PALMYRA, "2015-06-02", REGIME, ISIS, modality="negated", source="AP"),
        ]
    )
    assert holders(timeline(store, "Palmyra"))[-1] == ("Islamic State", "2015-05-21", None)
    assert [c.event_ids for c in control_changes(store)] == [["p1"]]


def test_control_changes_in_date_order_with_sources(build_store: StoreFactory) -> None:
    store = build_store(
        list(reversed(PALMYRA_HISTORY)) + [take("q1", "d9", QARYATAYN, "2015-08-06", ISIS, REGIME)]
    )
    every = control_changes(store)
    assert [c.date.start for c in every] == ["2015-05-21", "2015-08-06", "2016-03-27", "2016-12-11"]
    only = control_changes(store, "palmyra")
    assert [c.event_ids for c in only] == [["p1"], ["p2"], ["p3"]]
    assert only[1].sources == ["AFP"]
    assert only[1].to_actor == REGIME and only[1].from_actor == ISIS
    assert control_changes(store, "nowhere") == []


def test_front_line_gives_each_place_its_holder_on_a_date(build_store: StoreFactory) -> None:
    store = build_store(PALMYRA_HISTORY + [take("r1", "d9", RAQQA, "2017-10-17", SDF, ISIS)])
    on_2016 = {d["place"]: d for d in front_line(store, "2016-06-01")}
    assert on_2016["Palmyra"]["holder"] == "regime"
    assert on_2016["Palmyra"]["since"] == "2016-03-27"
    assert on_2016["Palmyra"]["lat"] == PALMYRA.lat
    assert on_2016["Raqqa"]["holder"] == "Islamic State" and on_2016["Raqqa"]["since"] is None
    on_2017 = {d["place"]: d["holder"] for d in front_line(store, "2017-10-18")}
    assert on_2017 == {"Palmyra": "Islamic State", "Raqqa": "kurdish"}
    # The change date itself belongs to the new holder.
    assert {d["place"]: d["holder"] for d in front_line(store, "2016-03-27")}["Palmyra"] == "regime"


def test_most_contested_ranks_places_by_changes_of_hands(build_store: StoreFactory) -> None:
    store = build_store(
        PALMYRA_HISTORY
        + [
            take("r1", "d9", RAQQA, "2017-10-17", SDF, ISIS),
            take("q1", "d8", QARYATAYN, "2015-08-06", ISIS, REGIME),
            take("q2", "d7", QARYATAYN, "2016-04-03", REGIME, ISIS),
        ]
    )
    ranked = most_contested(store)
    assert [r["place"] for r in ranked] == ["Palmyra", "Al-Qaryatayn", "Raqqa"]
    assert ranked[0]["changes"] == 3
    assert ranked[0]["holders"] == ["regime", "Islamic State", "regime", "Islamic State"]
    assert ranked[0]["first"] == "2015-05-21" and ranked[0]["last"] == "2016-12-11"
    assert len(most_contested(store, limit=1)) == 1


def test_actor_without_camp_is_its_own_holder(build_store: StoreFactory) -> None:
    rebels = ActorRef(name="Free Syrian Army", id=None)
    store = build_store([take("p1", "d1", PALMYRA, "2013-01-05", rebels, None)])
    [period] = timeline(store, "Palmyra")["periods"]
    assert period["holder"]["name"] == "Free Syrian Army"


def test_periods_keep_the_precision_of_their_start(build_store: StoreFactory) -> None:
    store = build_store(
        [take("p1", "d1", PALMYRA, "2015-05-01", ISIS, REGIME, end="2015-05-31", precision="month")]
    )
    periods = timeline(store, "Palmyra")["periods"]
    assert [(p["start"], p["start_precision"]) for p in periods] == [
        (None, None),
        ("2015-05-01", "month"),
    ]
    [held] = front_line(store, "2015-06-01")
    assert held["since_precision"] == "month"
