"""The embedded SQLite backend (WAL mode: readers never block the writer)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError
from .base import SQLStore


class SQLiteStore(SQLStore):
    placeholder = "?"

    def __init__(self, path: str) -> None:
        target = path[len("sqlite:///"):] if path.startswith("sqlite:///") else path
        if target != ":memory:":
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder {parent} does not exist", source=path)
        try:
            conn = sqlite3.connect(target, timeout=30.0, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database: {exc}", source=path) from exc
        super().__init__(path, conn)
