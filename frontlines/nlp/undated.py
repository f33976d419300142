"""The date of an event whose text gives no date cue (CODING.md §3, date).

While reading, an event with no cue of its own and none in its paragraph is given the week
before publication as a placeholder (its ``text`` is ``None``), so that reports of the same
happening can still be told apart and merged. Once the document is read, a placeholder that
no dated report of the same happening replaced becomes:

* ``headline-day``: in a document of one sentence (a headline, a wire alert), the day of
  the report or the day before, with day precision: a headline reports its day's news
  ("Jets strike a market in Saraqib" published on 3 May: 2 or 3 May);
* ``unknown``: anywhere else, no date. An article's sentence with no cue may tell a
  background event or a general description, and the week before publication would be a
  guess.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from ..models import Event, EventDate


def is_placeholder(date: EventDate | None) -> bool:
    """A date the reader assumed, not one it read: no text it came from."""
    return date is not None and not date.text


def settle_undated(events: Iterable[Event], published: str | None, one_sentence: bool) -> None:
    """Replace every placeholder date by the rule that fits the document."""
    for ev in events:
        if not is_placeholder(ev.date):
            continue
        if one_sentence and published:
            day = _dt.date.fromisoformat(published[:10])
            ev.date = EventDate(start=(day - _dt.timedelta(days=1)).isoformat(),
                                end=day.isoformat(), precision="day", text=None)
        else:
            ev.date = None
