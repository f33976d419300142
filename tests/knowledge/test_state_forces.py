"""State forces of any country, from its name or demonym (pycountryinfo's country data)."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.knowledge.state_forces import country_of, force_word, state_force
from frontlines.models import Document


@pytest.mark.parametrize("word,code", [("Nigerian", "NG"), ("Malian", "ML"), ("Sudan", "SD"),
                                       ("Pakistani", "PK"), ("Burkinabe", "BF"), ("Sudan's", "SD")])
def test_country_of_a_name_or_demonym(word: str, code: str) -> None:
    assert country_of(word) == code


def test_a_shared_demonym_names_no_country() -> None:
    assert country_of("Congolese") is None  # two Congos
    assert country_of("Jihadist") is None


def test_forces_are_named_as_acled_names_them() -> None:
    army = state_force("PK")
    police = state_force("KE", police=True)
    assert army is not None and (army.name, army.id) == ("Military Forces of Pakistan", "military-forces-pk")
    assert police is not None and police.name == "Police Forces of Kenya"
    assert state_force("XX") is None
    assert (force_word("troops"), force_word("gendarmes"), force_word("farmers")) == ("military", "police", None)


@pytest.mark.slow
@pytest.mark.parametrize("text,name", [
    ("Malian soldiers killed 12 jihadists near Mopti on Tuesday.", "Military Forces of Mali"),
    ("Chadian troops clashed with rebels near Abeche on Sunday.", "Military Forces of Chad"),
])
def test_the_reader_names_the_force(text: str, name: str) -> None:
    from frontlines.pipeline import get_extractor

    events = [e for e in get_extractor().extract(Document(id="f", text=text, published="2024-05-02")).events
              if e.is_fact]
    # The registry's ACLED name where it has one ("Military Forces of Mali (2021-)").
    assert events and events[0].actor1 is not None and events[0].actor1.name.startswith(name)


def test_an_actor_file_may_declare_its_camp(tmp_path: Any) -> None:
    from frontlines.errors import KnowledgeError
    from frontlines.knowledge.actors import ActorRegistry

    mine = tmp_path / "mine.yaml"
    mine.write_text("camps:\n  river_front: River Front and allies\nactors:\n"
                    "  - {id: river-front, name: River Front, kind: rebel_group, camp: river_front}\n",
                    encoding="utf-8")
    registry = ActorRegistry.load([mine])
    assert registry.get("river-front") is not None and registry.camp_names["river_front"] == "River Front and allies"
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: hill-front, name: Hill Front, kind: rebel_group, camp: hill_front}\n",
                   encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown camp 'hill_front'"):
        ActorRegistry.load([bad])


def test_the_cli_lists_the_sides() -> None:
    from click.testing import CliRunner

    from frontlines.interfaces.cli import main

    result = CliRunner().invoke(main, ["actors", "--sides"])
    assert result.exit_code == 0
    assert "Iraqi government and allies [iraq_gov]" in result.output
    assert "  Iraqi Army  (IQ, armed_forces, inter 1)" in result.output


@pytest.mark.slow
def test_a_demonym_is_a_force_only_before_a_force_word() -> None:
    from frontlines.pipeline import get_extractor

    text = ("Gunmen killed five Nigerian farmers in Zamfara on Tuesday. "
            "Nigerian troops killed 12 militants near Maiduguri on Monday.")
    events = [e for e in get_extractor().extract(Document(id="f2", text=text, published="2024-05-02")).events
              if e.is_fact]
    actors = {e.location.name if e.location else None: e.actor1.name if e.actor1 else None for e in events}
    assert actors["Zamfara"] != actors["Maiduguri"]
    assert (actors["Maiduguri"] or "").startswith("Military Forces of Nigeria")


def test_a_camp_belongs_to_a_war() -> None:
    from frontlines.knowledge.actors import get_registry

    registry = get_registry()
    assert registry.camp_of("russian-armed-forces") == "regime"  # in Syria
    assert registry.camp_of("russian-armed-forces", "UA") == "russia_ukraine"  # inherited from russia
    assert registry.camp_of("wagner-group", "ML") == "sahel_gov"
    assert registry.camp_of("russian-armed-forces", "SY") == "regime"


@pytest.mark.slow
def test_the_reader_gives_the_side_of_the_war() -> None:
    from frontlines.pipeline import get_extractor

    text = "Russian forces shelled Kharkiv on Tuesday, killing three civilians, Ukrainian officials said."
    [event] = [e for e in get_extractor().extract(Document(id="u1", text=text, published="2024-05-02")).events
               if e.is_fact]
    assert event.actor1 is not None and event.actor1.camp == "russia_ukraine"
    assert "camp-of-the-war" in event.rules
