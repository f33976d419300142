"""``one-event-per-subtype``: a sentence telling of a clash and a strike is two events;
a weapon in the attack's own clause only makes the attack more specific (CODING.md §2)."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.models import Document

pytestmark = pytest.mark.slow


def _subtypes(extractor: Any, text: str) -> list[str]:
    doc = Document(id="s1", text=text, published="2023-06-10")
    return sorted(e.subtype for e in extractor.extract(doc).events if e.is_fact)


def test_a_clash_and_an_air_strike(extractor: Any) -> None:
    assert _subtypes(extractor, "Clashes continue in the southern countryside of Idlib and "
                                "warplanes bomb villages there") == ["Air/drone strike", "Armed clash"]


def test_a_weapon_makes_an_attack_specific(extractor: Any) -> None:
    assert _subtypes(extractor, "Militants attacked the army post with mortars near Gao on "
                                "Friday, killing two soldiers.") == ["Shelling/artillery/missile attack"]


def test_what_a_strike_destroyed_is_part_of_the_strike(extractor: Any) -> None:
    """``strategic-in-violence``: the homes a strike destroyed are no looting event."""
    assert _subtypes(extractor, "Government air strikes destroyed dozens of houses in Saraqib on "
                                "Monday, killing four.") == ["Air/drone strike"]
