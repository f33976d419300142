"""Races between two connections to one SQLite file, made to happen on purpose.

A trace callback on the first connection runs the second connection's write at the exact
moment the race needs (just before a chosen SQL statement of the first), so that these
tests do not depend on luck or timing.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from frontlines.analysis.merge import rebuild_events
from frontlines.interfaces.api import create_app
from frontlines.models import Extraction
from frontlines.store import SQLStore, open_store

from .test_concurrency import CountingExtractor, make_documents, n_reports

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # Starlette's note about httpx2
    from fastapi.testclient import TestClient

DOCS = make_documents()


def extraction(i: int) -> Extraction:
    return next(CountingExtractor().extract_many([DOCS[i]]))


def in_thread(work: Callable[[], Any]) -> Any:
    """Run ``work`` in another thread (with its own connection) and wait for it."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # re-raised below, in the caller's thread
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if errors:
        raise errors[0]
    return result[0]


@contextmanager
def before_statement(store: SQLStore, pattern: str, action: Callable[[], Any]) -> Iterator[list[Any]]:
    """Run ``action`` once, just before ``store`` runs the first statement matching
    ``pattern``; yields a list that receives what the action returned."""
    regex = re.compile(pattern)
    fired: list[Any] = []

    def trace(sql: str) -> None:
        if not fired and regex.search(sql):
            fired.append(action())

    store.conn.set_trace_callback(trace)
    try:
        yield fired
    finally:
        store.conn.set_trace_callback(None)
    assert fired, f"no statement matched {pattern!r}"


def write_document(db: Path, i: int, merge: bool = False) -> bool:
    def work() -> bool:
        with open_store(str(db)) as other:
            stored = other.add_extraction(extraction(i))
            if merge:
                rebuild_events(other)
            return stored

    result: bool = in_thread(work)
    return result


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "race.db"
    with open_store(str(path)) as store:
        for i in range(5):
            store.add_extraction(extraction(i))
        rebuild_events(store)
    return path


def test_same_document_stored_by_two_writers_at_once(db: Path) -> None:
    """The second writer's insert meets the first one's row: 'already stored', no error."""
    with open_store(str(db)) as store:
        with before_statement(store, r"^INSERT INTO documents",
                              lambda: write_document(db, 7)) as fired:
            stored = store.add_extraction(extraction(7))
        assert fired == [True]  # the other writer stored it first
        assert stored is False
        assert store.document_ids() == {d.id for d in DOCS[:5]} | {DOCS[7].id}
        assert sum(1 for r in store.iter_reports() if r.id.startswith(DOCS[7].id)) == n_reports(7)


def test_stats_counts_agree_while_a_document_is_written(db: Path) -> None:
    """documents, reports and events in /api/stats come from one snapshot."""
    with open_store(str(db)) as store, before_statement(store, r"FROM reports",
                          lambda: write_document(db, 9, merge=True)):
        stats = store.stats()
    assert stats["documents"] == 5
    assert stats["reports"] == sum(n_reports(i) for i in range(5))
    with open_store(str(db)) as store:
        assert store.stats()["documents"] == 6  # the write itself went through


def test_event_page_and_total_agree_while_events_are_rebuilt(db: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    original = SQLStore.query_events_json
    fired: list[bool] = []

    def query_then_write(self: SQLStore, query: Any) -> Any:
        events = original(self, query)
        if not fired:
            fired.append(write_document(db, 11, merge=True))
        return events

    monkeypatch.setattr(SQLStore, "query_events_json", query_then_write)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as client:
        body = client.get("/api/events", params={"limit": 1000}).json()
    assert fired == [True]
    assert body["total"] == len(body["events"])
