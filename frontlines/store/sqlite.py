"""The embedded SQLite backend (WAL mode: readers never block the writer)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from ..models import Extraction
from .base import SQLStore

#: Bytes of the database file that reads map into memory.
MMAP_BYTES = 1 << 30
#: KiB of page cache per connection.
CACHE_KIB = 32_768


#: The index that holds events in each order (schema.INDEXES).
_ORDER_INDEXES = {
    "date": "ix_events_order_date",
    "-date": "ix_events_order_date_desc",
    "fatalities": "ix_events_order_fatalities",
    "-fatalities": "ix_events_order_fatalities_desc",
    "place": "ix_events_order_place",
}


class SQLiteStore(SQLStore):
    placeholder = "?"
    db_errors = (sqlite3.Error,)

    def __init__(self, path: str) -> None:
        target = path.removeprefix("sqlite:///")
        if target != ":memory:":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder {parent} does not exist", source=path)
        conn = self._connect(target, path)
        deadline = time.monotonic() + 30.0
        while True:
            try:
                super().__init__(path, conn)
                return
            except sqlite3.OperationalError as exc:
                # Two processes creating the same new database: the loser waits its turn.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"cannot open SQLite database: {exc}", source=path) from exc
                time.sleep(0.05)

    @staticmethod
    def _connect(target: str, path: str) -> sqlite3.Connection:
        deadline = time.monotonic() + 30.0
        while True:
            conn = None
            try:
                conn = sqlite3.connect(target, timeout=30.0, check_same_thread=False)
                conn.execute("PRAGMA busy_timeout=30000")
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
                # Reads map the file instead of copying pages; a larger page cache per thread.
                conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
                conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
                return conn
            except sqlite3.OperationalError as exc:
                if conn is not None:
                    conn.close()
                # Switching a new file to WAL needs a moment alone with it; retry.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"cannot open SQLite database: {exc}", source=path) from exc
                time.sleep(0.05)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open SQLite database: {exc}", source=path) from exc

    def _order_hint(self, order: str) -> str:
        index = _ORDER_INDEXES.get(order)
        return f" INDEXED BY {index}" if index else ""

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """One read transaction: every read inside sees the same WAL snapshot."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.rollback()

    def _add_extraction(self, extraction: Extraction) -> bool:
        """A document stored by another process between the check and the insert counts as
        already stored (False), as in :class:`~frontlines.store.postgres.PostgresStore`."""
        try:
            return super()._add_extraction(extraction)
        except sqlite3.IntegrityError as exc:
            if "documents." in str(exc):  # UNIQUE constraint failed: documents.id / .content_hash
                return False
            raise

    @contextmanager
    def merge_lock(self) -> Iterator[None]:
        """BEGIN IMMEDIATE: other writers wait until the merge has committed."""
        if self.conn.in_transaction:
            self.conn.commit()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise
        if self.conn.in_transaction:
            self.conn.commit()
