"""Perpetrators named away from the sentence that reports the toll, with the real model."""

from __future__ import annotations

from typing import Any

from frontlines.models import Document, Event
from frontlines.store import content_hash


def _events(extractor: Any, text: str, title: str | None = None) -> list[Event]:
    doc = Document(id="t", text=text, title=title, source="test", published="2019-05-06",
                   content_hash=content_hash(text))
    return list(extractor.extract(doc).events)


def _lethal(events: list[Event]) -> Event:
    found = [e for e in events if e.fatalities]
    assert found, [(e.subtype, e.fatalities) for e in events]
    return found[0]


def test_perpetrator_from_the_next_sentence(extractor: Any) -> None:
    ev = _lethal(_events(extractor, (
        "An air strike killed seven people in the town of Khan Shaykhun on Tuesday, a monitor said. "
        "The group said the raid was probably carried out by Russian jets."
    )))
    assert ev.actor1 is not None and ev.actor1.name == "Russia"
    assert ev.notes and "nearby sentence" in ev.notes


def test_perpetrator_from_the_headline(extractor: Any) -> None:
    ev = _lethal(_events(
        extractor,
        "Six people were killed in air raids on the town of Ariha on Monday, rescuers said.",
        title="Regime air raids kill six in Idlib town",
    ))
    assert ev.actor1 is not None and ev.actor1.camp == "regime"
    assert ev.notes and "headline" in ev.notes


def test_two_sides_named_nearby_leave_the_perpetrator_open(extractor: Any) -> None:
    ev = _lethal(_events(extractor, (
        "Air strikes killed 11 people in the village of Hajin on Monday. "
        "Russian warplanes have bombed the area for weeks. "
        "US-led coalition jets have also struck the village."
    )))
    assert ev.actor1 is None


def test_a_denied_or_imagined_attribution_is_not_used(extractor: Any) -> None:
    ev = _lethal(_events(extractor, (
        "A car bomb killed 12 people in the town of Azaz on Friday. "
        "No group claimed the bombing, but Islamic State militants have carried out similar bombings."
    )))
    assert ev.actor1 is None


def test_the_holder_of_the_place_is_not_the_striker(extractor: Any) -> None:
    ev = _lethal(_events(extractor, "Shelling on a district controlled by rebels killed four people in Daraa."))
    assert ev.actor1 is None or ev.actor1.camp != "opposition"


def test_possessives_with_and_without_apostrophe(extractor: Any) -> None:
    for text in ("Syria's army shelled the town of Kafr Nabl, killing six civilians.",
                 "Syrias army shelled the town of Kafr Nabl, killing six civilians.",
                 "Assad's forces shelled the town of Kafr Nabl, killing six civilians."):
        ev = _lethal(_events(extractor, text))
        assert ev.actor1 is not None and ev.actor1.camp == "regime", text


def test_victims_of_a_passive_are_not_the_attackers(extractor: Any) -> None:
    for text in ("Some 25 civilians have been killed in the neighbourhood by rockets and airstrikes since Friday.",
                 "Two civilians were killed and eight wounded in rocket fire by ISIS militants on Saturday."):
        ev = _lethal(_events(extractor, text))
        assert ev.actor1 is None or ev.actor1.camp != "civilians", text
    ev = _lethal(_events(extractor, "Two civilians were killed and eight wounded in rocket fire by ISIS "
                                    "militants on Saturday."))
    assert ev.actor1 is not None and ev.actor1.camp == "isis"


def test_the_dead_are_victims_and_agencies_are_not_killers(extractor: Any) -> None:
    ev = _lethal(_events(extractor, "At least 16 rebels died in an explosion in the town of Rastan on Friday."))
    assert ev.actor1 is None and ev.actor2 is not None and ev.actor2.camp == "opposition"
    ev = _lethal(_events(extractor, "AFP reported that 22 jihadists were killed near Tabqa on Tuesday."))
    assert ev.actor1 is None or ev.actor1.name != "Agence France-Presse"


def test_the_headline_places_an_unplaced_lead(extractor: Any) -> None:
    ev = _lethal(_events(
        extractor, "The attacker was riding a scooter when he killed 11 people outside a pharmacy.",
        title="Suicide bomber kills 11 in Qamishli",
    ))
    assert ev.location is not None and ev.location.admin1 == "Hasakah"
    assert ev.location.precision >= 2


def test_a_namesake_far_from_its_reference_town_is_refused(extractor: Any) -> None:
    ev = _lethal(_events(extractor, (
        "Twenty-two soldiers and 31 rebels were killed in fighting around al-Maleh north of Aleppo "
        "over two days, the Observatory said."
    )))
    assert ev.location is not None and ev.location.admin1 == "Aleppo"


def test_a_dateline_after_a_timestamp_is_not_the_place(extractor: Any) -> None:
    ev = _lethal(_events(extractor, (
        "Last updated at Mar 14 2018 BEIRUT Regime jets killed seven civilians in an "
        "opposition-held village east of Damascus on Monday, a monitor said."
    )))
    assert ev.location is not None and ev.location.country == "SY"


def test_blame_is_kept_as_an_allegation(extractor: Any) -> None:
    ev = _lethal(_events(extractor, (
        "A chlorine attack killed 23 people in the village of Kafr Zita on Friday. "
        "France blames the Assad government for the gas attack."
    )))
    assert ev.actor1 is not None and ev.actor1.camp == "regime"
    assert ev.notes and ev.notes.startswith("actor1 alleged in")


def test_headline_participles_name_the_dead(extractor: Any) -> None:
    ev = _lethal(_events(extractor, "40 Rebels Killed in Army Offensive near Kafr Nabl."))
    assert ev.actor2 is not None and ev.actor2.camp == "opposition"
    assert ev.actor1 is None or ev.actor1.camp == "regime"
    ev = _lethal(_events(extractor, "Syrian Army Kills 40 Rebels in Ambush near Kafr Nabl."))
    assert ev.actor1 is not None and ev.actor1.camp == "regime"


def test_two_places_in_one_sentence_are_two_events(extractor: Any) -> None:
    evs = _events(extractor, "Rockets struck Damascus on Friday and fighting broke out near "
                             "Rastan.")
    admin1 = {e.location.admin1 for e in evs if e.location is not None}
    assert {"Damascus", "Homs"} <= admin1
    evs = _events(extractor, "Regime forces shelled Douma in Eastern Ghouta, killing five people.")
    assert len([e for e in evs if e.type != "Strategic developments"]) == 1


def test_headline_verbs_read_as_nouns(extractor: Any) -> None:
    evs = _events(extractor, "The regime forces shell areas of the town of Jasim")
    assert [e.subtype for e in evs] == ["Shelling/artillery/missile attack"]
    assert evs[0].actor1 is not None and evs[0].actor1.camp == "regime"
    assert not _events(extractor, "Rebels found a shell casing near the school.")
