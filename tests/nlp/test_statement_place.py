"""``statement-place``: where words were said is not where the deed was done."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.models import Document

pytestmark = pytest.mark.slow


def _places(extractor: Any, text: str) -> list[str | None]:
    doc = Document(id="s1", text=text, published="2022-09-14")
    return [e.location.name if e.location else None for e in extractor.extract(doc).events if e.is_fact]


def test_a_conference_city_is_not_the_place(extractor: Any) -> None:
    found = _places(extractor, "Speaking in Geneva on Tuesday, the UN envoy said air strikes killed "
                               "20 people in the province the day before.")
    assert found and "Geneva" not in found


def test_a_ministry_city_is_not_the_place(extractor: Any) -> None:
    found = _places(extractor, "The foreign ministry in Paris condemned the shelling of a hospital on "
                               "Monday that killed five people.")
    assert found and "Paris" not in found


def test_a_place_before_a_plain_said_still_counts(extractor: Any) -> None:
    assert _places(extractor, "In Aleppo, officials said shelling killed five people on Monday.") == ["Aleppo"]
