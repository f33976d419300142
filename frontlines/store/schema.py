"""The relational schema, shared by SQLite and PostgreSQL.

Filterable fields are columns; the full object travels as JSON in ``data`` so that new
fields never need a migration to be stored.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

TABLES: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        source TEXT,
        url TEXT,
        published TEXT,
        published_precision TEXT,
        path TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        pipeline_version TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS reports (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        subtype TEXT NOT NULL,
        modality TEXT NOT NULL,
        date_start TEXT,
        place_id TEXT,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        subtype TEXT NOT NULL,
        modality TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        place_id TEXT,
        place_name TEXT,
        admin1 TEXT,
        country TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        actor1_id TEXT,
        actor2_id TEXT,
        actors TEXT,
        fatalities INTEGER,
        territorial INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 1,
        confidence DOUBLE PRECISION,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS event_reports (
        event_id TEXT NOT NULL,
        report_id TEXT NOT NULL,
        PRIMARY KEY (event_id, report_id)
    )""",
    """CREATE TABLE IF NOT EXISTS relations (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source_id TEXT,
        target_id TEXT,
        kind TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS provisional_actors (
        name TEXT NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (name, doc_id)
    )""",
)

INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS ix_reports_doc ON reports(doc_id)",
    "CREATE INDEX IF NOT EXISTS ix_events_date ON events(date_start)",
    # the default orders ("date", "-date") with paging, without sorting the table
    "CREATE INDEX IF NOT EXISTS ix_events_order_date"
    " ON events((date_start IS NULL), date_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_order_date_desc"
    " ON events((date_start IS NULL), date_start DESC, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_type ON events(type, subtype)",
    "CREATE INDEX IF NOT EXISTS ix_events_place ON events(place_id)",
    "CREATE INDEX IF NOT EXISTS ix_events_place_name ON events(place_name)",
    "CREATE INDEX IF NOT EXISTS ix_events_admin1 ON events(admin1)",
    "CREATE INDEX IF NOT EXISTS ix_events_actor1 ON events(actor1_id)",
    "CREATE INDEX IF NOT EXISTS ix_events_actor2 ON events(actor2_id)",
    "CREATE INDEX IF NOT EXISTS ix_events_latlon ON events(lat, lon)",
    "CREATE INDEX IF NOT EXISTS ix_events_territorial ON events(territorial, date_start)",
    "CREATE INDEX IF NOT EXISTS ix_event_reports_report ON event_reports(report_id)",
    "CREATE INDEX IF NOT EXISTS ix_relations_kind ON relations(kind)",
)
