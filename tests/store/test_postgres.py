"""What only the PostgreSQL backend has to get right: URLs, escaping, several writers."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from frontlines.errors import StoreError
from frontlines.store import EventQuery, open_store
from frontlines.store.postgres import PostgresStore, redact

from .sample import EVENTS
from .writers import store_documents

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")


def test_redact() -> None:
    assert redact("postgresql://u:secret@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"


def test_open_store_selects_postgres(pg_schema_url: str) -> None:
    with open_store(pg_schema_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.dsn == pg_schema_url


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot connect"):
        PostgresStore("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2")


def test_escaping_without_standard_conforming_strings(pg_schema_url: str) -> None:
    url = pg_schema_url.replace("options=", "options=-cstandard_conforming_strings%3Doff%20")
    with open_store(url) as store:
        row = store._execute("SHOW standard_conforming_strings").fetchone()
        assert row[0] == "on"
        store.insert_events(EVENTS)
        assert [e.id for e in store.query_events(EventQuery(place="_50%"))] == ["e10"]


def test_reads_leave_no_open_transaction(pg_schema_url: str) -> None:
    with open_store(pg_schema_url) as store:
        store.insert_events(EVENTS)
        store.query_events(EventQuery(place="palmyra"))
        store.count_events(EventQuery())
        assert store.conn.info.transaction_status.name == "IDLE"
        with pytest.raises(psycopg.errors.UndefinedColumn):
            store._execute("SELECT no_such_column FROM events")
        assert store.count_events(EventQuery()) == len(EVENTS)  # not left aborted


def test_concurrent_writers_store_each_document_once(pg_schema_url: str) -> None:
    n_proc, n_docs = 4, 12
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(n_proc)
        with ProcessPoolExecutor(n_proc, mp_context=ctx) as pool:
            futures = [pool.submit(store_documents, pg_schema_url, n_docs, barrier)
                       for _ in range(n_proc)]
            results = [f.result(timeout=120) for f in futures]
    for i in range(n_docs):
        assert sum(r[i] for r in results) == 1
    with open_store(pg_schema_url) as store:
        stats = store.stats()
        assert stats["documents"] == stats["reports"] == n_docs
