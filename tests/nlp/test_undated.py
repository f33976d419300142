"""Events whose text gives no date: a headline's day, otherwise no date (CODING.md §3)."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.models import Document, EventDate
from frontlines.nlp.undated import is_placeholder


def test_a_date_read_from_the_text_is_not_a_placeholder() -> None:
    assert is_placeholder(EventDate("2020-01-01", "2020-01-07", "week", text=None))
    assert not is_placeholder(EventDate("2020-01-07", "2020-01-07", "day", text="on Tuesday"))
    assert not is_placeholder(None)


@pytest.mark.slow
def test_headline_day(extractor: Any) -> None:
    doc = Document(id="h1", text="Jets strike a market in Saraqib, killing six", published="2019-05-03")
    [ev] = [e for e in extractor.extract(doc).events if e.is_fact]
    assert ev.date is not None
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2019-05-02", "2019-05-03", "day")


@pytest.mark.slow
def test_unknown_in_an_article(extractor: Any) -> None:
    text = ("The opposition council met in Gaziantep to elect a new leader. "
            "Militants once stormed the village of Tell Rifaat and killed four farmers. "
            "The council said it would publish its report next month.")
    doc = Document(id="a1", text=text, published="2019-05-03")
    events = [e for e in extractor.extract(doc).events if e.is_fact]
    assert events and all(e.date is None for e in events)


@pytest.mark.slow
def test_a_cue_in_the_paragraph_still_dates_the_event(extractor: Any) -> None:
    text = ("Jets struck the town of Kafr Nabl on Tuesday. "
            "The strike killed six people at a bakery, rescuers said.")
    doc = Document(id="a2", text=text, published="2019-05-03")
    dates = {(e.date.start if e.date else None) for e in extractor.extract(doc).events if e.is_fact}
    assert dates == {"2019-04-30"}
