"""The article scorer on hand-made articles and events (no model needed)."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.evaluation.annotations import GoldArticle, GoldEvent
from frontlines.evaluation.articles import match_article, score_articles
from frontlines.evaluation.fields import (
    actor_right,
    admin1_right,
    date_right,
    field_results,
    place_right,
    region_key,
)
from frontlines.evaluation.split import split_of
from frontlines.models import ActorRef, Document, Event, EventDate, Evidence, Extraction, Location

TEXT = ("Rebels shelled the town of Qaryat Nur on Monday, killing three people. "
        "The shelling of Qaryat Nur also wounded nine, a medic said. "
        "The governor condemned the attack and promised revenge. "
        "Years ago the army stormed the nearby hill of Tell Sabr.")


def gold_event(**over: Any) -> GoldEvent:
    data: dict[str, Any] = {
        "type": "Explosions/Remote violence", "subtype": "Shelling/artillery/missile attack",
        "actor1": ["rebels"], "actor2": ["Civilians (Syria)"],
        "place": {"names": ["Qaryat Nur"], "admin1": ["Hama"], "country": "SY", "precision": 1},
        "date": {"start": "2016-05-02", "end": "2016-05-02", "precision": "day"},
        "fatalities": 3, "modality": "asserted",
        "evidence": ["Rebels shelled the town of Qaryat Nur on Monday, killing three people.",
                     "The shelling of Qaryat Nur also wounded nine, a medic said."],
    }
    data.update(over)
    return GoldEvent.model_validate(data)


def article(events: list[GoldEvent], not_events: list[str] | None = None) -> GoldArticle:
    aid = "test-article"
    return GoldArticle(id=aid, set="fakes", split=split_of(aid), text=TEXT, published="2016-05-04",
                       published_from="metadata", coder="test", events=events,
                       not_events=not_events or [])


def event(sentence: str, **over: Any) -> Event:
    start = TEXT.index(sentence)
    data: dict[str, Any] = {
        "id": "e", "type": "Explosions/Remote violence", "subtype": "Shelling/artillery/missile attack",
        "actor1": ActorRef(name="rebels", text="Rebels"),
        "actor2": ActorRef(name="Civilians (Syria)"),
        "location": Location(name="Qaryat Nur", admin1="Hama", country="SY"),
        "date": EventDate(start="2016-05-02", end="2016-05-02"),
        "fatalities": 3,
        "evidence": [Evidence(doc_id="test-article", sentence=sentence, char_start=start,
                              char_end=start + len(sentence))],
    }
    data.update(over)
    return Event(**data)


FIRST = "Rebels shelled the town of Qaryat Nur on Monday, killing three people."
SECOND = "The shelling of Qaryat Nur also wounded nine, a medic said."
STATEMENT = "The governor condemned the attack and promised revenge."


def doc() -> Document:
    return Document(id="test-article", text=TEXT, published="2016-05-04")


def test_a_right_event_matches_with_every_field_right() -> None:
    [out] = match_article(article([gold_event()]), doc(), [event(FIRST)])
    assert out.kind == "match" and out.fully_right


def test_a_second_report_of_the_same_happening_is_a_duplicate() -> None:
    outs = match_article(article([gold_event()]), doc(), [event(FIRST), event(SECOND, fatalities=None)])
    kinds = sorted((o.kind, o.why) for o in outs)
    assert kinds == [("false_positive", "duplicate"), ("match", "")]
    # the better report is the one matched
    assert next(o for o in outs if o.kind == "match").event.evidence[0].sentence == FIRST


def test_a_statement_asserted_as_an_event_is_counted_as_a_not_event() -> None:
    outs = match_article(article([gold_event()], [STATEMENT]), doc(),
                         [event(FIRST), event(STATEMENT, location=None, date=None)])
    assert [(o.kind, o.why) for o in outs if o.kind != "match"] == [("false_positive", "not_event")]


def test_predicted_and_negated_events_are_not_scored_and_a_missed_event_is_a_miss() -> None:
    outs = match_article(article([gold_event()]), doc(), [event(FIRST, modality="predicted")])
    assert [o.kind for o in outs] == ["miss"]


def test_figures_per_split() -> None:
    a = article([gold_event()], [STATEMENT])
    ex = Extraction(document=doc(), events=[event(FIRST, fatalities=12), event(STATEMENT)])
    score = score_articles([a], [doc()], [ex], view="reports").to_dict()
    for part in ("all", a.split, "fakes", f"fakes/{a.split}"):
        f = score[part]
        assert f["precision"] == 0.5 and f["recall"] == 1.0
        assert f["fully_right_of_matched"] == 0.0 and f["fields"]["fatalities"] == 0.0
        assert f["fields"]["place"] == 1.0 and f["not_events_asserted"] == 1


def test_the_ingest_view_scores_one_happening_once() -> None:
    a = article([gold_event()])
    ex = Extraction(document=doc(), events=[event(FIRST), event(SECOND, fatalities=None)])
    reports = score_articles([a], [doc()], [ex], view="reports").to_dict()["all"]
    ingested = score_articles([a], [doc()], [ex], view="ingest").to_dict()["all"]
    assert (reports["asserted"], reports["duplicates"]) == (2, 1)
    assert (ingested["asserted"], ingested["precision"], ingested["fully_right_of_matched"]) == (1, 1.0, 1.0)


@pytest.mark.parametrize(("predicted", "names", "right"), [
    (ActorRef(name="Civilians (Syria)"), ["Civilians (Syria)", "residents"], True),
    (ActorRef(name="civilians", text="residents"), ["Civilians (Syria)", "residents"], False),
    (ActorRef(name="Civilians (Iraq)"), ["Civilians (Syria)"], False),
    (None, [], True),
    (ActorRef(name="rebels"), [], False),
    (ActorRef(name="Free Syrian Army", text="the FSA"), ["FSA", "Free Syrian Army"], True),
])
def test_actors(predicted: ActorRef | None, names: list[str], right: bool) -> None:
    assert actor_right(predicted, names) is right


def test_a_place_only_known_by_its_country_accepts_no_place() -> None:
    g = gold_event(place={"names": [], "admin1": [], "country": "SD", "precision": 3})
    assert place_right(event(FIRST, location=None), g)
    assert not place_right(event(FIRST, location=Location(name="Qaryat Nur", country="SY")), g)


def test_admin1_spellings() -> None:
    assert region_key("Deir ez-Zor Governorate") == region_key("Deir ez Zor")
    g = gold_event(place={"names": ["X"], "admin1": ["Kharkiv Oblast"], "country": "UA", "precision": 1})
    assert admin1_right(event(FIRST, location=Location(name="X", admin1="Kharkivska oblast")), g)
    assert not admin1_right(event(FIRST, location=Location(name="X", admin1="Donetska oblast")), g)


@pytest.mark.parametrize(("predicted", "gold", "right"), [
    (EventDate("2016-05-02", "2016-05-02"), ("2016-05-01", "2016-05-02", "day"), True),
    (EventDate("2016-05-04", "2016-05-04"), ("2016-05-01", "2016-05-02", "day"), False),
    # a day guessed where the text gives only the month is more than the text says
    (EventDate("2016-05-02", "2016-05-02"), ("2016-05-01", "2016-05-31", "month"), False),
    (EventDate("2016-05-01", "2016-05-31", "month"), ("2016-05-01", "2016-05-31", "month"), True),
    (None, (None, None, "unknown"), True),
    (EventDate("2016-04-27", "2016-05-04", "week"), (None, None, "unknown"), False),
])
def test_dates(predicted: EventDate | None, gold: tuple[Any, Any, str], right: bool) -> None:
    g = gold_event(date={"start": gold[0], "end": gold[1], "precision": gold[2]})
    assert date_right(event(FIRST, date=predicted), g) is right


def test_the_sides_of_an_armed_clash_may_come_in_either_order_but_not_an_attacks() -> None:
    clash = gold_event(type="Battles", subtype="Armed clash", actor1=["rebels"], actor2=["Syrian army"])
    swapped = event(FIRST, type="Battles", subtype="Armed clash",
                    actor1=ActorRef(name="Syrian army"), actor2=ActorRef(name="rebels"))
    res = field_results(swapped, clash)
    assert res["actor1"] and res["actor2"]
    attack = gold_event(actor1=["rebels"], actor2=["Civilians (Syria)"])
    backwards = event(FIRST, actor1=ActorRef(name="Civilians (Syria)"), actor2=ActorRef(name="rebels"))
    res = field_results(backwards, attack)
    assert not res["actor1"] and not res["actor2"]
