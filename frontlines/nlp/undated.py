"""The date of an event whose text gives no date cue (CODING.md §3, date).

While reading, an event with no cue of its own and none in its paragraph is given the week
before publication as a placeholder (its ``text`` is ``None``), so that reports of the same
happening can still be told apart and merged. Once the document is read, a placeholder that
no dated report of the same happening replaced becomes:

* ``headline-day``: in a document of one sentence (a headline, a wire alert), the day of
  the report or the day before, with day precision: a headline reports its day's news
  ("Jets strike a market in Saraqib" published on 3 May: 2 or 3 May);
* ``headline-news``: in an article, an event at a place its headline names is the news the
  article was written to tell: the week before publication, with week precision ("The
  fall of Kherson" above a story with no day given);
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


def settle_undated(events: Iterable[Event], published: str | None, one_sentence: bool,
                   headline_places: frozenset[str] = frozenset()) -> None:
    """Replace every placeholder date by the rule that fits the document; ``headline_places``
    are the ids of the places the document's headline names."""
    day = _dt.date.fromisoformat(published[:10]) if published else None
    for ev in events:
        if not is_placeholder(ev.date):
            continue
        if one_sentence and day is not None:
            ev.date = EventDate(start=(day - _dt.timedelta(days=1)).isoformat(),
                                end=day.isoformat(), precision="day", text=None)
        elif (day is not None and ev.is_fact and ev.location is not None
              and (ev.location.id or ev.location.name) in headline_places):
            ev.date = EventDate(start=(day - _dt.timedelta(days=7)).isoformat(),
                                end=day.isoformat(), precision="week", text=None)
            ev.rules.append("headline-news")
        else:
            ev.date = None
