"""The PostgreSQL backend (psycopg 3), for shared stores and several writers.

Open it with ``open_store("postgresql://user:password@host:port/dbname")``. The schema is
the one SQLite uses (:mod:`frontlines.store.schema`); it is created or migrated on open,
under an advisory lock so that many processes may open the same database at once.

Each document is written in one transaction. When two processes store the same document
at the same moment, the second one's insert meets the unique index on ``documents``;
:meth:`PostgresStore.add_extraction` then returns False, exactly as when the document was
already stored, and writes nothing.

Rows come back in the same order as from SQLite when the database collates text bytewise
(``createdb --locale=C -T template0``, as ``scripts/postgres.sh`` does); with a
language collation, orders by id or name follow that collation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from ..models import Event, Extraction
from .base import SQLStore

#: Events written at once after which the planner's statistics are refreshed.
ANALYZE_AFTER = 1000
#: Key of the advisory lock held while the schema is created or migrated.
MIGRATION_LOCK = 0x66726F6E746C  # "frontl"


def redact(url: str) -> str:
    """``url`` with its password, if any, replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database; ``url`` is a libpq connection URL."""

    placeholder = "%s"
    like_escape = "ESCAPE '\\'"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise StoreError(
                "PostgreSQL support needs psycopg: pip install 'frontlines[postgres]'",
                source=redact(url),
            ) from exc
        self.dsn = url
        self._depth = 0
        try:
            conn = psycopg.connect(url, autocommit=False, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}", source=redact(url)) from exc
        try:
            row = conn.execute("SHOW standard_conforming_strings").fetchone()
            conn.commit()
            if row is None or row[0] != "on":
                # The LIKE filters use ESCAPE '\', which needs literal backslashes.
                conn.execute("SET standard_conforming_strings = on")
                conn.commit()
            super().__init__(redact(url), conn)
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"cannot open the PostgreSQL store: {exc}",
                             source=redact(url)) from exc
        except BaseException:
            conn.close()
            raise

    # -- plumbing -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; a transaction opened inside another joins it."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            yield
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        finally:
            self._depth = 0

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; outside a transaction a read is committed at once.

        The rows stay in the cursor (psycopg fetches them with the result), and no
        session is left idle in a transaction, or aborted by a failed read.
        """
        cur = self.conn.cursor()
        if self._depth:
            cur.execute(self._sql(sql), tuple(params))
            return cur
        try:
            cur.execute(self._sql(sql), tuple(params))
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()
        return cur

    def _migrate(self) -> None:
        with self.transaction():
            self._execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            super()._migrate()

    # -- events ---------------------------------------------------------------------
    def replace_events(self, events: Iterable[Event]) -> int:
        """Replace the merged events; the planner's statistics are refreshed after."""
        n = super().replace_events(events)
        self._analyze()
        return n

    def insert_events(self, events: Iterable[Event]) -> int:
        n = super().insert_events(events)
        if n >= ANALYZE_AFTER:
            self._analyze()
        return n

    def _analyze(self) -> None:
        """Fresh statistics, so that the planner weighs filters against page order well."""
        with self.transaction():
            self._execute("ANALYZE events, event_actors, event_places, event_docs")

    # -- documents ------------------------------------------------------------------
    def add_extraction(self, extraction: Extraction) -> bool:
        """Store a document in one transaction; False when it is already stored.

        A document stored by another process between the check and the insert counts as
        already stored.
        """
        import psycopg

        try:
            return super().add_extraction(extraction)
        except psycopg.errors.UniqueViolation as exc:
            if exc.diag.table_name == "documents":
                return False
            raise StoreError(
                f"document {extraction.document.id!r} not stored: {exc.diag.message_primary}",
                source=self.url,
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(
                f"document {extraction.document.id!r} not stored: {exc}", source=self.url
            ) from exc
