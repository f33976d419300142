"""Store fixtures: every test taking ``store`` runs on SQLite and, when
``FRONTLINES_TEST_POSTGRES`` holds a URL, on PostgreSQL in a schema of its own.

``scripts/run_tests.sh`` starts a throw-away PostgreSQL server (``scripts/postgres.sh``)
and sets the variable; by hand::

    eval "$(bash scripts/postgres.sh start | sed 's/^/export PG_/')"
    FRONTLINES_TEST_POSTGRES=$PG_URL .venv/bin/python -m pytest tests/store
    bash scripts/postgres.sh stop $PG_DATADIR
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from frontlines.store import SQLStore, open_store

PG_ENV = "FRONTLINES_TEST_POSTGRES"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

StoreOpener = Callable[[], SQLStore]


def postgres_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if not url:
        pytest.skip(f"{PG_ENV} is not set (a postgresql:// URL); scripts/run_tests.sh sets it")
    return url


def with_schema(url: str, schema: str) -> str:
    """``url`` with the session's search_path set to ``schema``."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL whose connections see a fresh, empty schema, dropped after the test."""
    import psycopg

    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store on each backend."""
    if request.param == "postgres":
        url: str = request.getfixturevalue("pg_schema_url")
        return url
    return str(tmp_path / "store.db")


@pytest.fixture
def open_fresh(store_url: str) -> Iterator[StoreOpener]:
    """Opens connections to the test's store; all are closed after the test."""
    opened: list[SQLStore] = []

    def opener() -> SQLStore:
        store = open_store(store_url)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_fresh: StoreOpener) -> SQLStore:
    return open_fresh()


def clear(store: SQLStore) -> None:
    """Empty every table but ``meta``."""
    store.replace_events([])
    with store.transaction():
        for table in ("reports", "relations", "provisional_actors", "documents"):
            store._execute(f"DELETE FROM {table}")
