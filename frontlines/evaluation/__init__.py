"""Scoring the reader against annotated data.

* ``articles``: whole articles coded by hand (``annotations/*.jsonl``), scored event by
  event and field by field, development and held-out parts side by side;
* ``labels``: the FA-KES crowd labels (one lethal event per article) and the small gold
  file of sentences (``tests/data/gold_sentences.jsonl``).
"""

from __future__ import annotations

from .labels import (
    FakesScore,
    cause_of,
    governorate_key,
    main_lethal_event,
    read_fakes,
    read_gold,
    score_fakes,
    score_gold,
)
from .split import split_of

__all__ = [
    "FakesScore",
    "cause_of",
    "governorate_key",
    "main_lethal_event",
    "read_fakes",
    "read_gold",
    "score_fakes",
    "score_gold",
    "split_of",
]
