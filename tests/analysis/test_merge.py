"""Merging reports of one happening into one sourced event."""

from __future__ import annotations

import random

import pytest

from frontlines.analysis import merge_reports, rebuild_events
from frontlines.analysis.merge import cluster_reports, update_events
from frontlines.models import ActorRef, Document, Event, Extraction, Location, Quantity
from frontlines.store import EventQuery

from .handmade import (
    AIRSTRIKE,
    HOMS_REGION,
    ISIS,
    PALMYRA,
    QARYATAYN,
    RAQQA,
    REGIME,
    RUSSIA,
    SAA,
    StoreFactory,
    make_report,
    take,
)


def by_reports(events: list[Event]) -> dict[tuple[str, ...], Event]:
    return {tuple(e.report_ids): e for e in events}


def test_two_outlets_reporting_one_recapture_make_one_event() -> None:
    a = take("r1", "d1", PALMYRA, "2016-03-27", REGIME, ISIS, source="Reuters")
    b = take("r2", "d2", PALMYRA, "2016-03-27", SAA, ISIS, source="AFP")
    other_town = take("r3", "d3", QARYATAYN, "2016-03-27", REGIME, ISIS, source="AP")
    predicted = take(
        "r4", "d4", PALMYRA, "2016-03-27", REGIME, ISIS, source="BBC", modality="predicted"
    )
    events = merge_reports([a, b, other_town, predicted])
    assert len(events) == 3
    merged = by_reports(events)[("r1", "r2")]
    assert merged.id == "r1"
    assert merged.n_sources == 2 and merged.n_outlets == 2
    assert {e.doc_id for e in merged.evidence} == {"d1", "d2"}
    assert merged.territorial and merged.location == PALMYRA
    assert ("r3",) in by_reports(events) and ("r4",) in by_reports(events)
    assert by_reports(events)[("r4",)].modality == "predicted"


def test_reports_of_different_camps_taking_a_town_stay_apart() -> None:
    a = take("r1", "d1", PALMYRA, "2016-03-27", REGIME, ISIS)
    b = take("r2", "d2", PALMYRA, "2016-03-27", ISIS, REGIME, source="AFP")
    assert len(merge_reports([a, b])) == 2


def test_same_document_repeats_merge_with_one_source() -> None:
    a = make_report("r1", "d1", actor1=REGIME, actor2=ISIS, fatalities=4)
    b = make_report("r2", "d1", actor1=REGIME, actor2=None, fatalities=4)
    [event] = merge_reports([a, b])
    assert event.n_sources == 1 and event.n_outlets == 1
    assert event.report_ids == ["r1", "r2"]
    assert event.actor2 == ISIS


def test_unknown_source_counts_as_its_document() -> None:
    a = make_report("r1", "d1", actor1=REGIME, source=None)
    b = make_report("r2", "d2", actor1=REGIME, source=None)
    c = make_report("r3", "d3", actor1=REGIME, source="Reuters")
    d = make_report("r4", "d4", actor1=REGIME, source="Reuters")
    [event] = merge_reports([a, b, c, d])
    assert event.n_sources == 4
    assert event.n_outlets == 3


@pytest.mark.parametrize(
    ("other_date", "merged"),
    [("2016-03-27", True), ("2016-03-29", True), ("2016-03-30", True), ("2016-04-05", False)],
)
def test_day_precise_dates_merge_within_a_few_days(other_date: str, merged: bool) -> None:
    a = make_report("r1", "d1", actor1=REGIME, actor2=ISIS, date="2016-03-27")
    b = make_report("r2", "d2", actor1=REGIME, actor2=ISIS, date=other_date, source="AFP")
    assert len(merge_reports([a, b])) == (1 if merged else 2)


def test_month_precise_report_joins_a_day_inside_that_month_and_the_day_wins() -> None:
    a = make_report(
        "r1", "d1", actor1=REGIME, date="2016-03-01", end="2016-03-31", precision="month"
    )
    b = make_report("r2", "d2", actor1=REGIME, date="2016-03-27", source="AFP")
    c = make_report(
        "r3",
        "d3",
        actor1=REGIME,
        date="2016-04-01",
        end="2016-04-30",
        precision="month",
        source="AP",
    )
    events = merge_reports([a, b, c])
    assert len(events) == 2
    merged = by_reports(events)[("r1", "r2")]
    assert merged.date is not None
    assert merged.date.start == "2016-03-27"
    assert merged.date.precision == "day"


def test_coarse_place_joins_a_town_in_its_region_and_the_town_wins() -> None:
    a = make_report("r1", "d1", actor1=RUSSIA, kind=AIRSTRIKE, place=HOMS_REGION)
    b = make_report("r2", "d2", actor1=RUSSIA, kind=AIRSTRIKE, place=PALMYRA, source="AFP")
    c = make_report("r3", "d3", actor1=RUSSIA, kind=AIRSTRIKE, place=RAQQA, source="AP")
    events = merge_reports([a, b, c])
    assert len(events) == 2
    merged = by_reports(events)[("r1", "r2")]
    assert merged.location == PALMYRA


def test_two_towns_of_one_region_on_one_day_stay_apart() -> None:
    a = make_report("r1", "d1", actor1=RUSSIA, kind=AIRSTRIKE, place=PALMYRA)
    b = make_report("r2", "d2", actor1=RUSSIA, kind=AIRSTRIKE, place=QARYATAYN, source="AFP")
    assert len(merge_reports([a, b])) == 2


def test_place_without_id_matches_by_name() -> None:
    loose = Location(name="palmyra", admin1="Homs", country="SY")
    a = make_report("r1", "d1", actor1=REGIME, place=loose)
    b = make_report("r2", "d2", actor1=REGIME, place=PALMYRA, source="AFP")
    [event] = merge_reports([a, b])
    assert event.location == PALMYRA


def test_event_types_do_not_mix() -> None:
    a = make_report("r1", "d1", actor1=REGIME)
    b = make_report("r2", "d2", actor1=REGIME, kind=AIRSTRIKE, source="AFP")
    assert len(merge_reports([a, b])) == 2


def test_battle_written_the_other_way_round_merges() -> None:
    a = make_report("r1", "d1", actor1=REGIME, actor2=ISIS)
    b = make_report("r2", "d2", actor1=ISIS, actor2=SAA, source="AFP")
    [event] = merge_reports([a, b])
    assert event.n_outlets == 2


def test_actors_of_unrelated_groups_stay_apart() -> None:
    other = ActorRef(name="Jaysh al-Islam", id="jaysh-al-islam", camp="opposition")
    a = make_report("r1", "d1", actor1=REGIME, actor2=ISIS)
    b = make_report("r2", "d2", actor1=other, actor2=ISIS, source="AFP")
    assert len(merge_reports([a, b])) == 2


def test_fatalities_take_the_value_most_outlets_agree_on() -> None:
    reps = [
        make_report("r1", "d1", actor1=REGIME, fatalities=10, source="Reuters"),
        make_report("r2", "d2", actor1=REGIME, fatalities=12, source="AFP"),
        make_report("r3", "d3", actor1=REGIME, fatalities=12, source="AP"),
        make_report("r4", "d4", actor1=REGIME, fatalities=None, source="BBC"),
    ]
    [event] = merge_reports(reps)
    assert event.fatalities == 12


def test_fatality_tie_goes_to_the_lower_number() -> None:
    reps = [
        make_report("r1", "d1", actor1=REGIME, fatalities=30, source="Reuters"),
        make_report("r2", "d2", actor1=REGIME, fatalities=18, source="AFP"),
    ]
    [event] = merge_reports(reps)
    assert event.fatalities == 18


def test_quantities_merge_per_kind_and_group() -> None:
    q = Quantity
    reps = [
        make_report(
            "r1",
            "d1",
            actor1=REGIME,
            quantities=[q("wounded", 20), q("killed", 5, group="children")],
        ),
        make_report("r2", "d2", actor1=REGIME, quantities=[q("wounded", 25)], source="AFP"),
        make_report("r3", "d3", actor1=REGIME, quantities=[q("wounded", 25)], source="AP"),
    ]
    [event] = merge_reports(reps)
    got = {(x.kind, x.group): x.value for x in event.quantities}
    assert got == {("killed", "children"): 5, ("wounded", None): 25}


def test_most_factual_modality_wins() -> None:
    reps = [
        make_report("r1", "d1", actor1=REGIME, modality="claimed"),
        make_report("r2", "d2", actor1=REGIME, modality="asserted", source="AFP"),
        make_report("r3", "d3", actor1=REGIME, modality="alleged", source="AP"),
    ]
    [event] = merge_reports(reps)
    assert event.modality == "asserted"


def test_one_account_per_document() -> None:
    """A headline states it, the body names the monitor: the article's account is reported;
    another outlet stating it bare still makes the merged event asserted."""
    headline = make_report("r1", "d1", actor1=REGIME, sentence="Jets strike Palmyra.")
    body = make_report("r2", "d1", actor1=REGIME, modality="reported",
                       sentence="Jets struck Palmyra on Sunday, the monitor said.")
    body.attributed_to = "the monitor"
    [event] = merge_reports([headline, body])
    assert (event.modality, event.attributed_to) == ("reported", "the monitor")
    bare = make_report("r3", "d2", actor1=REGIME, source="AFP")
    [event] = merge_reports([headline, body, bare])
    assert event.modality == "asserted"


@pytest.mark.parametrize("modality", ["predicted", "hypothetical", "negated"])
def test_non_factual_reports_never_merge_with_facts(modality: str) -> None:
    a = make_report("r1", "d1", actor1=REGIME)
    b = make_report("r2", "d2", actor1=REGIME, modality=modality, source="AFP")
    events = merge_reports([a, b])
    assert sorted(e.modality for e in events) == sorted(["asserted", modality])


def test_confidence_grows_with_outlets_and_falls_with_claims_and_disagreement() -> None:
    def conf(*reps: Event) -> float:
        [event] = merge_reports(reps)
        return event.confidence

    one = conf(make_report("r1", "d1", actor1=REGIME))
    two = conf(
        make_report("r1", "d1", actor1=REGIME), make_report("r2", "d2", actor1=REGIME, source="AFP")
    )
    three = conf(
        make_report("r1", "d1", actor1=REGIME),
        make_report("r2", "d2", actor1=REGIME, source="AFP"),
        make_report("r3", "d3", actor1=REGIME, source="AP"),
    )
    same_outlet = conf(
        make_report("r1", "d1", actor1=REGIME), make_report("r2", "d2", actor1=REGIME)
    )
    claimed = conf(make_report("r1", "d1", actor1=REGIME, modality="claimed"))
    disagree = conf(
        make_report("r1", "d1", actor1=REGIME, fatalities=3),
        make_report("r2", "d2", actor1=REGIME, fatalities=30, source="AFP"),
    )
    assert one == pytest.approx(0.5)
    assert two == pytest.approx(0.75)
    assert three == pytest.approx(0.875)
    assert same_outlet == one
    assert claimed < one
    assert one < disagree < two
    for value in (one, two, three, claimed, disagree):
        assert 0.0 <= value <= 1.0


def test_merge_is_independent_of_input_order() -> None:
    reps = [
        make_report(
            f"r{i:02d}",
            f"d{i}",
            actor1=REGIME,
            date=f"2016-03-{1 + (i % 3) * 10:02d}",
            source=f"outlet{i % 4}",
            fatalities=i % 5,
        )
        for i in range(12)
    ]
    expected = [e.to_dict() for e in merge_reports(reps)]
    for seed in range(5):
        shuffled = list(reps)
        random.Random(seed).shuffle(shuffled)
        assert [e.to_dict() for e in merge_reports(shuffled)] == expected
    assert len(expected) == 3
    assert [e.id for e in merge_reports(reps)] == ["r00", "r01", "r02"]


def test_undated_and_placeless_reports_merge_only_with_their_like() -> None:
    a = make_report("r1", "d1", actor1=REGIME, date=None)
    b = make_report("r2", "d2", actor1=REGIME, date=None, source="AFP")
    c = make_report("r3", "d3", actor1=REGIME, place=None, source="AP")
    d = make_report("r4", "d4", actor1=REGIME, source="BBC")
    events = merge_reports([a, b, c, d])
    assert sorted(tuple(e.report_ids) for e in events) == [("r1", "r2"), ("r3",), ("r4",)]


def test_comparisons_stay_near_linear() -> None:
    places = [
        Location(
            name=f"Town {i}",
            id=f"geonames:{1000 + i}",
            admin1=f"Province {i % 14}",
            country="SY",
            precision=1 if i % 10 else 3,
        )
        for i in range(300)
    ]
    rng = random.Random(7)
    reps = []
    for i in range(20_000):
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        reps.append(
            make_report(
                f"r{i:05d}",
                f"d{i // 3}",
                actor1=REGIME if i % 2 else ISIS,
                place=places[rng.randrange(len(places))],
                date=f"2016-{month:02d}-{day:02d}",
                source=f"outlet{i % 9}",
            )
        )
    clusters, comparisons = cluster_reports(reps)
    assert sum(len(c) for c in clusters) == len(reps)
    assert comparisons < 30 * len(reps)


def test_rebuild_events_writes_the_merged_events(build_store: StoreFactory) -> None:
    store = build_store(
        [
            take("r1", "d1", PALMYRA, "2016-03-27", REGIME, ISIS, source="Reuters"),
            take("r2", "d2", PALMYRA, "2016-03-27", SAA, ISIS, source="AFP"),
            take("r3", "d3", QARYATAYN, "2016-03-27", REGIME, ISIS, source="AP"),
        ],
        rebuild=False,
    )
    assert rebuild_events(store) == 2
    assert store.count_events(EventQuery()) == 2
    event = store.get_event("r2")
    assert event.id == "r1" and event.n_sources == 2
    assert rebuild_events(store) == 2  # idempotent


def test_update_events_merges_new_reports_into_existing_events(
    build_store: StoreFactory,
) -> None:
    store = build_store([take("r2", "d2", PALMYRA, "2016-03-27", SAA, ISIS, source="AFP")])
    assert update_events(store, []) == 0
    report = take("r1", "d1", PALMYRA, "2016-03-27", REGIME, ISIS, source="Reuters")
    document = Document(id="d1", text="Text of d1.", source="Reuters")
    assert store.add_extraction(Extraction(document=document, events=[report]))
    assert update_events(store, ["r1"]) == 1
    assert store.get_event("r2").report_ids == ["r1", "r2"]
