"""Stores: one interface, SQLite (embedded) and PostgreSQL backends."""

from __future__ import annotations

from .base import EventQuery, SQLStore, Store, content_hash

__all__ = ["EventQuery", "SQLStore", "Store", "content_hash", "open_store", "place_ids"]


def place_ids(name: str) -> list[str]:
    """Ids of the places ``name`` can mean, however it is spelled ("Palmyra" -> Tadmur)."""
    from ..knowledge.gazetteer import get_gazetteer
    from ..settings import focus_countries

    gaz = get_gazetteer()
    loc = gaz.resolve(name, countries=focus_countries())
    ids = [loc.id] if loc is not None and loc.id else []
    return ids


def open_store(url: str | None = None) -> SQLStore:
    """Open (and create or migrate) the store at ``url``.

    ``postgresql://...`` selects PostgreSQL; anything else is a SQLite file path.
    """
    from ..settings import database_url

    target = database_url(url)
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(target)
    from .sqlite import SQLiteStore

    return SQLiteStore(target)
