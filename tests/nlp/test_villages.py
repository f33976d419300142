"""Villages of the packaged village list (Who's On First): read where the text marks a
name as a place, never from a surname or a group's name."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.models import Document

pytestmark = pytest.mark.slow


def _places(extractor: Any, text: str) -> list[tuple[str | None, str | None, str | None]]:
    doc = Document(id="v1", text=text, published="2021-04-02")
    return [(e.location.name, e.location.admin1, e.location.country) if e.location else (None, None, None)
            for e in extractor.extract(doc).events if e.is_fact]


def test_a_village_the_text_marks_as_a_place(extractor: Any) -> None:
    # Kafr Nabudah (Hama) has no population in GeoNames' extract: only the village list has it.
    assert _places(extractor, "Air strikes hit the village of Kafr Nabudah on Monday, killing five.") == [
        ("Kafr Nabudah", "Hama", "SY")]


def test_a_village_after_in(extractor: Any) -> None:
    assert _places(extractor, "Gunmen killed three farmers in Kafr Nabudah on Friday, residents said.") == [
        ("Kafr Nabudah", "Hama", "SY")]


def test_a_surname_is_no_village(extractor: Any) -> None:
    found = _places(extractor, "Jets struck Saraqib on Monday, killing four, said Rami Abdel Rahman, "
                               "who heads the Observatory.")
    assert [name for name, _, _ in found] == ["Saraqib"]
