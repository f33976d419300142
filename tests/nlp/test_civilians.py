"""Civilian victims named as ACLED names them, one test per rule of frontlines.nlp.civilians."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.models import ActorRef, Document, Event, Location, Quantity
from frontlines.nlp.civilians import CIVILIAN_ID, name_civilians


def ev(subtype: str = "Air/drone strike", **over: Any) -> Event:
    data: dict[str, Any] = {"id": "e", "type": "Explosions/Remote violence", "subtype": subtype,
                            "location": Location(name="Kidal", country="ML")}
    data.update(over)
    return Event(**data)


def test_civilians_by_country() -> None:
    e = ev(actor2=ActorRef(name="civilians", id=CIVILIAN_ID, text="residents", camp="civilians"))
    name_civilians([e], ["SY"])
    assert e.actor2 is not None and e.actor2.name == "Civilians (Mali)" and e.actor2.text == "residents"
    e = ev(location=None, actor2=ActorRef(name="civilians", id=CIVILIAN_ID, camp="civilians"))
    name_civilians([e], ["SD"])
    assert e.actor2 is not None and e.actor2.name == "Civilians (Sudan)"


def test_civilian_toll() -> None:
    e = ev(quantities=[Quantity(kind="killed", value=3, group="children")])
    name_civilians([e], [])
    assert e.actor2 is not None and e.actor2.name == "Civilians (Mali)"
    # a toll that also counts fighters does not say who was targeted
    mixed = ev(quantities=[Quantity(kind="killed", value=3, group="children"),
                           Quantity(kind="killed", value=5, group="fighters")])
    name_civilians([mixed], [])
    assert mixed.actor2 is None


def test_attack_on_civilians() -> None:
    e = ev("Abduction/forced disappearance", type="Violence against civilians")
    name_civilians([e], [])
    assert e.actor2 is not None and e.actor2.name == "Civilians (Mali)"
    clash = ev("Armed clash", type="Battles")
    name_civilians([clash], [])
    assert clash.actor2 is None


@pytest.mark.slow
def test_a_strike_that_kills_children_is_coded_against_civilians(extractor: Any) -> None:
    doc = Document(id="c1", published="2020-02-12",
                   text="Government warplanes bombed a school in Maarat al-Numan on Tuesday, "
                        "killing four children.")
    [e] = [x for x in extractor.extract(doc).events if x.is_fact]
    assert e.actor2 is not None and e.actor2.name == "Civilians (Syria)"
