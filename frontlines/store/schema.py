"""The relational schema, shared by SQLite and PostgreSQL.

Filterable fields are columns; the full object travels as JSON in ``data`` so that new
fields never need a migration to be stored.

Version 2 keeps event queries indexed at scale: the JSON of events moves to
``event_data`` (with the model layout it was written with), leaving ``events`` narrow;
lowercased place and admin1 columns (lowercased in Python, so that "Şanlıurfa" matches);
one row per (actor name, event) and per (document, event); the known actor names; and a
per-place summary kept up to date on every write of events. A version 1 database is
rebuilt from its stored events when it is opened.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

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
        place_key TEXT,
        admin1_key TEXT
    )""",
    # the whole event as JSON, apart from the columns so that scans of events stay small
    """CREATE TABLE IF NOT EXISTS event_data (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        data_layout TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS event_reports (
        event_id TEXT NOT NULL,
        report_id TEXT NOT NULL,
        PRIMARY KEY (event_id, report_id)
    )""",
    # lowercased actor ids, names and texts as written, with the events they take part in
    """CREATE TABLE IF NOT EXISTS event_actors (
        actor_key TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (actor_key, event_id)
    )""",
    """CREATE TABLE IF NOT EXISTS actor_names (
        actor_key TEXT PRIMARY KEY
    )""",
    # documents an event has evidence in
    """CREATE TABLE IF NOT EXISTS event_docs (
        doc_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (doc_id, event_id)
    )""",
    # one row per distinct (place id, name, admin1, country, lat, lon) of the events
    """CREATE TABLE IF NOT EXISTS event_places (
        place_key TEXT PRIMARY KEY,
        place_id TEXT,
        name TEXT,
        name_key TEXT,
        admin1 TEXT,
        country TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        events INTEGER NOT NULL,
        control_changes INTEGER NOT NULL
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
    "CREATE INDEX IF NOT EXISTS ix_events_territorial_order"
    " ON events(territorial, (date_start IS NULL), date_start, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_place_key ON events(place_key)",
    "CREATE INDEX IF NOT EXISTS ix_events_admin1_key ON events(admin1_key)",
    "CREATE INDEX IF NOT EXISTS ix_events_order_fatalities"
    " ON events((fatalities IS NULL), fatalities, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_order_fatalities_desc"
    " ON events((fatalities IS NULL), fatalities DESC, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_order_place"
    " ON events((place_name IS NULL), place_name, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_modality ON events(modality)",
    "CREATE INDEX IF NOT EXISTS ix_event_reports_report ON event_reports(report_id)",
    "CREATE INDEX IF NOT EXISTS ix_event_actors_event ON event_actors(event_id)",
    "CREATE INDEX IF NOT EXISTS ix_event_docs_event ON event_docs(event_id)",
    "CREATE INDEX IF NOT EXISTS ix_relations_kind ON relations(kind)",
)
