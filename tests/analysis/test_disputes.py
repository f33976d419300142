"""Disagreements between sources, side by side."""

from __future__ import annotations

from frontlines.analysis import disputes
from frontlines.models import Quantity

from .handmade import ISIS, PALMYRA, QARYATAYN, RAQQA, REGIME, SDF, StoreFactory, make_report, take


def test_fatality_numbers_from_different_outlets_are_listed(build_store: StoreFactory) -> None:
    store = build_store(
        [
            make_report("r1", "d1", actor1=REGIME, actor2=ISIS, fatalities=26, source="SOHR"),
            make_report("r2", "d2", actor1=REGIME, actor2=ISIS, fatalities=26, source="Reuters"),
            make_report("r3", "d3", actor1=REGIME, actor2=ISIS, fatalities=40, source="SANA"),
            make_report("r4", "d4", actor1=REGIME, place=QARYATAYN, fatalities=3),
        ]
    )
    [found] = disputes(store)
    assert found["kind"] == "fatalities"
    assert found["event_id"] == "r1" and found["place"] == "Palmyra"
    assert [v["value"] for v in found["values"]] == [26, 40]
    assert found["values"][0]["outlets"] == ["Reuters", "SOHR"]
    assert found["values"][0]["doc_ids"] == ["d1", "d2"]
    assert found["values"][1]["outlets"] == ["SANA"]
    assert found["values"][1]["evidence"][0]["doc_id"] == "d3"


def test_agreeing_outlets_and_a_single_outlet_are_no_dispute(build_store: StoreFactory) -> None:
    store = build_store(
        [
            make_report("r1", "d1", actor1=REGIME, fatalities=5, source="AFP"),
            make_report("r2", "d2", actor1=REGIME, fatalities=5, source="AP"),
            make_report("r3", "d3", actor1=REGIME, place=RAQQA, fatalities=5, source="AFP"),
            make_report("r4", "d4", actor1=REGIME, place=RAQQA, fatalities=7, source="AFP"),
        ]
    )
    assert disputes(store) == []


def test_other_quantities_are_compared_per_kind_and_group(build_store: StoreFactory) -> None:
    q = Quantity
    store = build_store(
        [
            make_report(
                "r1",
                "d1",
                actor1=REGIME,
                source="AFP",
                quantities=[q("wounded", 30), q("killed", 4, group="children"), q("killed", 9)],
            ),
            make_report(
                "r2",
                "d2",
                actor1=REGIME,
                source="AP",
                quantities=[q("wounded", 45), q("killed", 6, group="children"), q("killed", 12)],
            ),
        ]
    )
    found = {(d["kind"], d.get("quantity"), d.get("group")): d for d in disputes(store)}
    assert set(found) == {("quantity", "killed", "children"), ("quantity", "wounded", None)}
    wounded = found[("quantity", "wounded", None)]
    assert [v["value"] for v in wounded["values"]] == [30, 45]
    assert [v["outlets"] for v in wounded["values"]] == [["AFP"], ["AP"]]


def test_holder_disagreements_are_listed(build_store: StoreFactory) -> None:
    store = build_store(
        [
            take("t1", "d1", RAQQA, "2017-10-17", SDF, ISIS, source="Reuters"),
            take("t2", "d2", RAQQA, "2017-10-17", REGIME, ISIS, source="SANA"),
            take("t3", "d3", PALMYRA, "2016-03-27", REGIME, ISIS, source="AFP"),
        ]
    )
    [found] = disputes(store)
    assert found["kind"] == "holder" and found["conflict"] == "overlap"
    assert found["place"] == "Raqqa" and found["date"] == "2017-10-17"
    values = {v["value"]: v for v in found["values"]}
    assert set(values) == {"kurdish", "regime"}
    assert values["kurdish"]["outlets"] == ["Reuters"]
    assert values["regime"]["doc_ids"] == ["d2"]


def test_change_from_a_non_holder_is_a_holder_dispute(build_store: StoreFactory) -> None:
    store = build_store(
        [
            take("t1", "d1", PALMYRA, "2015-05-21", ISIS, REGIME, source="Reuters"),
            take("t2", "d2", PALMYRA, "2016-03-27", REGIME, SDF, source="AFP"),
        ]
    )
    [found] = disputes(store)
    assert found["conflict"] == "from_mismatch"
    values = {v["value"]: v for v in found["values"]}
    assert values["Islamic State"]["doc_ids"] == ["d1"]
    assert values["kurdish"]["doc_ids"] == ["d2"]
