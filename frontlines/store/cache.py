"""Answers computed from the events tables, kept until the events change.

Every write of events stores a fresh random *generation* token in ``meta``; an answer is
kept under the token that was current while it was computed, so that a write by any
process (an ingest beside a server) makes older answers unreachable. Shared by every
connection of a process: the threads of a server warm one cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

#: Most answers kept; the cache starts over when it is full.
MAX_ENTRIES = 4096

_lock = threading.Lock()
_entries: dict[tuple[Hashable, ...], Any] = {}


def cached(
    generation: Callable[[], str | None], key: tuple[Hashable, ...], compute: Callable[[], T]
) -> T:
    """``compute()``, or its answer kept under the current generation and ``key``.

    An answer is kept only when the generation did not change while it was computed.
    """
    before = generation()
    if before is None:
        return compute()
    full = (before, *key)
    with _lock:
        if full in _entries:
            found: T = _entries[full]
            return found
    value = compute()
    if generation() == before:
        with _lock:
            if len(_entries) >= MAX_ENTRIES:
                _entries.clear()
            _entries[full] = value
    return value


def clear() -> None:
    """Forget every kept answer."""
    with _lock:
        _entries.clear()
