"""A database written by schema 1 (events' JSON inside ``events``) opens as schema 2."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from frontlines.store import EventQuery, open_store
from frontlines.store.schema import SCHEMA_VERSION

from .sample import EVENTS

V1_EVENTS = """CREATE TABLE events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, subtype TEXT NOT NULL, modality TEXT NOT NULL,
    date_start TEXT, date_end TEXT, place_id TEXT, place_name TEXT, admin1 TEXT,
    country TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, actor1_id TEXT,
    actor2_id TEXT, actors TEXT, fatalities INTEGER,
    territorial INTEGER NOT NULL DEFAULT 0, n_sources INTEGER NOT NULL DEFAULT 1,
    confidence DOUBLE PRECISION, data TEXT NOT NULL
)"""


def v1_database(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(V1_EVENTS)
    con.execute("CREATE INDEX ix_events_date ON events(date_start)")
    con.execute("CREATE TABLE event_reports (event_id TEXT NOT NULL, report_id TEXT NOT NULL,"
                " PRIMARY KEY (event_id, report_id))")
    for e in EVENTS:
        loc, date = e.location, e.date
        con.execute(
            "INSERT INTO events (id, type, subtype, modality, date_start, date_end, place_id,"
            " place_name, admin1, territorial, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (e.id, e.type, e.subtype, e.modality, date.start if date else None,
             date.end if date else None, loc.id if loc else None, loc.name if loc else None,
             loc.admin1 if loc else None, int(e.territorial), json.dumps(e.to_dict())),
        )
        for rid in e.report_ids:
            con.execute("INSERT INTO event_reports VALUES (?, ?)", (e.id, rid))
    con.commit()
    con.close()


def test_schema_1_database_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    v1_database(path)
    with open_store(str(path)) as store:
        row = store._execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert int(row[0]) == SCHEMA_VERSION
        assert store.count_events(EventQuery()) == len(EVENTS)
        for e in EVENTS:
            assert store.get_event(e.id).to_dict() == e.to_dict()
        assert store.get_event("r5").id == "e4"
        assert [e.id for e in store.query_events(EventQuery(place="palmyra"))] == [
            "e1", "e3", "e4"]
        assert [e.id for e in store.query_events(EventQuery(actor="isis"))] == [
            "e8", "e1", "e2", "e3", "e4", "e7"]
        assert [e.id for e in store.query_events(EventQuery(since="2017-01-01"))] == [
            "e10", "e7"]
        assert store.places()[0]["id"] == "geonames:170017"
        assert [e.id for e in store.events_for_document("d1")][:2] == ["e8", "e1"]
    with open_store(str(path)) as store:  # opening again changes nothing
        assert store.count_events(EventQuery()) == len(EVENTS)
