"""The store interface and the SQL shared by every backend.

A backend supplies a DB-API connection and its parameter style; everything else (schema,
queries, transactions per document) is written once here.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import NotFoundError, StoreError
from ..models import Document, Event, Extraction, Relation
from . import cache
from .rows import DATA_LAYOUT, EventRows, dumps, event_row, event_rows, since_bound
from .schema import INDEXES, SCHEMA_VERSION, TABLES

MAX_PAGE = 10_000
#: A text filter matching more place or actor names than this scans the events instead.
MAX_NAMES = 500
#: Tables that hold the merged events and what is derived from them.
EVENT_TABLES = ("event_reports", "event_actors", "actor_names", "event_docs", "event_places",
                "event_data", "events")

__all__ = ["EventQuery", "SQLStore", "Store", "content_hash", "event_row"]


@dataclass
class EventQuery:
    """Filters shared by the CLI, the Python API and the HTTP API."""

    place: str | None = None
    actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    territorial: bool | None = None
    ids: Sequence[str] | None = None
    #: Place ids that also match ``place`` (its other spellings, resolved by the gazetteer).
    place_ids: Sequence[str] | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"  # date | -date | fatalities | -fatalities | id
    extra: dict[str, Any] = field(default_factory=dict)


_ORDERS = {
    "date": "date_start IS NULL, date_start, events.id",
    "-date": "date_start IS NULL, date_start DESC, events.id",
    "fatalities": "fatalities IS NULL, fatalities, events.id",
    "-fatalities": "fatalities IS NULL, fatalities DESC, events.id",
    "id": "events.id",
    "type": "type, subtype, events.id",
    "place": "place_name IS NULL, place_name, events.id",
}


class Store(Protocol):
    """What the rest of frontlines needs from a database."""

    url: str

    def close(self) -> None: ...
    def has_document(self, doc_id: str, content_hash: str) -> bool: ...
    def add_extraction(self, extraction: Extraction) -> bool: ...
    def get_document(self, doc_id: str) -> Document: ...
    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]: ...
    def iter_reports(self) -> Iterator[Event]: ...
    def replace_events(self, events: Iterable[Event]) -> int: ...
    def query_events(self, query: EventQuery) -> list[Event]: ...
    def count_events(self, query: EventQuery) -> int: ...
    def get_event(self, event_id: str) -> Event: ...
    def relations(self) -> list[Relation]: ...
    def provisional_actors(self) -> list[tuple[str, int]]: ...
    def stats(self) -> dict[str, Any]: ...


def content_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


_dumps = dumps


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SQLStore:
    """Store over a DB-API 2 connection; subclasses set ``paramstyle`` and connect."""

    url: str
    placeholder = "?"
    like_escape = "ESCAPE '\\'"
    #: The driver's exception classes, turned into StoreError when a document fails.
    db_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, url: str, connection: Any) -> None:
        self.url = url
        self.conn = connection
        self._migrate()

    # -- plumbing -------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cur = self.conn.cursor()
            cur.executemany(self._sql(sql), [tuple(r) for r in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            yield
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise

    @contextmanager
    def merge_lock(self) -> Iterator[None]:
        """Hold the writers off while events are re-merged: the reports read and the
        events written then belong to one state. The default does nothing."""
        yield

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Reads inside see one state of the database, even while another process writes.

        Without it each statement sees the latest commit, so two counts read one after the
        other can disagree. This default does nothing; backends that can, override it.
        """
        yield

    def _migrate(self) -> None:
        with self.transaction():
            for stmt in TABLES:
                self._execute(stmt)
            row = self._execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = SCHEMA_VERSION if row is None else int(row[0])
            if found > SCHEMA_VERSION:
                raise StoreError(
                    f"database schema {row[0]} is newer than this frontlines ({SCHEMA_VERSION});"
                    " upgrade frontlines",
                    source=self.url,
                )
            if found < 2:
                self._rebuild_events_v1()
            for stmt in INDEXES:
                self._execute(stmt)
            if row is None:
                self._execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif found < SCHEMA_VERSION:
                self._execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                              (str(SCHEMA_VERSION),))
            for key, value in (("events_generation", uuid.uuid4().hex), ("max_date_span", "0")):
                if self._meta(key) is None:
                    self._execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
            if found < 2:
                self._events_changed(self._max_span_of_events())

    def _rebuild_events_v1(self) -> None:
        """Rebuild the events of a schema 1 database (JSON inside ``events``) as schema 2."""
        self._execute("CREATE TABLE events_v1 AS SELECT id, data FROM events")
        self._execute("DROP TABLE events")
        for stmt in TABLES:
            self._execute(stmt)
        for table in EVENT_TABLES:
            self._execute(f"DELETE FROM {table}")
        last = ""
        while True:
            chunk = self._execute(
                "SELECT id, data FROM events_v1 WHERE id > ? ORDER BY id LIMIT 5000", (last,)
            ).fetchall()
            if not chunk:
                break
            last = chunk[-1][0]
            self._insert_event_rows(
                event_rows(Event.from_dict(json.loads(data)) for _, data in chunk)
            )
        self._execute("DROP TABLE events_v1")

    def _max_span_of_events(self) -> int:
        """The longest date span of the stored events (read once, when migrating)."""
        from .rows import date_span

        span = 0
        rows = self._execute(
            "SELECT date_start, date_end FROM events WHERE date_end IS NOT NULL"
            " AND (date_start IS NULL OR date_end <> date_start)"
        ).fetchall()
        for start, end in rows:
            span = max(span, date_span(start, end))
        return span

    def _meta(self, key: str) -> str | None:
        row = self._execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _events_changed(self, max_span: int | None = None, *, reset: bool = False) -> None:
        """Record a write of events: a new generation, and the longest date span so far."""
        self._execute("UPDATE meta SET value = ? WHERE key = 'events_generation'",
                      (uuid.uuid4().hex,))
        if reset:
            self._execute("UPDATE meta SET value = ? WHERE key = 'max_date_span'",
                          (str(max_span or 0),))
        elif max_span:
            self._execute(
                "UPDATE meta SET value = ? WHERE key = 'max_date_span'"
                " AND CAST(value AS INTEGER) < ?",
                (str(max_span), max_span),
            )

    def events_generation(self) -> str | None:
        """A token that changes whenever the events are written (by any process)."""
        return self._meta("events_generation")

    def _cached(self, key: tuple[Any, ...], compute: Any) -> Any:
        return cache.cached(self.events_generation, (self.url, *key), compute)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ------------------------------------------------------------------
    def has_document(self, doc_id: str, content_hash: str) -> bool:
        row = self._execute(
            "SELECT 1 FROM documents WHERE id = ? OR content_hash = ?", (doc_id, content_hash)
        ).fetchone()
        return row is not None

    def add_extraction(self, extraction: Extraction) -> bool:
        """Store a document with everything read from it, in one transaction.

        Returns False (and writes nothing) when the document id or its text is already stored.
        """
        try:
            return self._add_extraction(extraction)
        except self.db_errors as exc:
            raise StoreError(f"cannot store document: {exc}", source=extraction.document.id) from exc

    def _add_extraction(self, extraction: Extraction) -> bool:
        doc = extraction.document
        digest = doc.content_hash or content_hash(doc.text)
        with self.transaction():
            if self.has_document(doc.id, digest):
                return False
            now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            self._execute(
                "INSERT INTO documents (id, content_hash, title, source, url, published,"
                " published_precision, path, text, ingested_at, pipeline_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id, digest, doc.title, doc.source, doc.url, doc.published,
                    doc.published_precision, doc.path, doc.text, now,
                    extraction.pipeline_version,
                ),
            )
            self._executemany(
                "INSERT INTO reports (id, doc_id, type, subtype, modality, date_start, place_id,"
                " data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.id, doc.id, e.type, e.subtype, e.modality,
                        e.date.start if e.date else None,
                        e.location.id if e.location else None,
                        _dumps(e.to_dict()),
                    )
                    for e in extraction.events
                ],
            )
            rel_rows = []
            for i, r in enumerate(extraction.relations):
                rid = hashlib.sha1(f"{doc.id}:{i}:{r.kind}".encode()).hexdigest()[:16]
                rel_rows.append((rid, doc.id, r.source.id, r.target.id, r.kind, _dumps(r.to_dict())))
            self._executemany(
                "INSERT INTO relations (id, doc_id, source_id, target_id, kind, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rel_rows,
            )
            self._executemany(
                "INSERT INTO provisional_actors (name, doc_id) VALUES (?, ?)",
                [(n, doc.id) for n in sorted(set(extraction.provisional_actors))],
            )
        return True

    def get_document(self, doc_id: str) -> Document:
        row = self._execute(
            "SELECT id, text, title, source, url, published, published_precision, path,"
            " content_hash FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id!r}", source=self.url)
        return Document(*row)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        rows = self._execute(
            "SELECT id, text, title, source, url, published, published_precision, path,"
            " content_hash FROM documents ORDER BY COALESCE(published, ''), id LIMIT ? OFFSET ?",
            (min(limit, MAX_PAGE), offset),
        ).fetchall()
        return [Document(*r) for r in rows]

    def document_ids(self) -> set[str]:
        return {r[0] for r in self._execute("SELECT id FROM documents").fetchall()}

    def delete_document(self, doc_id: str) -> None:
        with self.transaction():
            for table in ("reports", "relations", "provisional_actors"):
                self._execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            self._execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- reports and events ---------------------------------------------------------
    def iter_reports(self) -> Iterator[Event]:
        cur = self._execute("SELECT data FROM reports ORDER BY doc_id, id")
        for (data,) in cur.fetchall():
            yield Event.from_dict(json.loads(data))

    def replace_events(self, events: Iterable[Event]) -> int:
        """Replace the merged events table (one transaction)."""
        rows = event_rows(events)
        with self.transaction():
            for table in EVENT_TABLES:
                self._execute(f"DELETE FROM {table}")
            self._insert_event_rows(rows)
            self._events_changed(rows.max_span, reset=True)
        return len(rows.events)

    def insert_events(self, events: Iterable[Event]) -> int:
        """Add merged events (their ids must not be stored yet), in one transaction."""
        rows = event_rows(events)
        with self.transaction():
            self._insert_event_rows(rows)
            self._events_changed(rows.max_span)
        return len(rows.events)

    def swap_events(self, remove_ids: Iterable[str], events: Iterable[Event]) -> int:
        """Remove some merged events and add others, in one transaction: how the events
        are brought up to date when new reports arrive without rebuilding them all."""
        rows = event_rows(events)
        ids = sorted(set(remove_ids))
        with self.transaction():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                marks = ", ".join("?" for _ in chunk)
                gone = event_rows(self.query_events(EventQuery(ids=chunk)))
                for key, values in gone.places.items():
                    self._execute(
                        "UPDATE event_places SET events = events - ?,"
                        " control_changes = control_changes - ? WHERE place_key = ?",
                        (int(values[7]), int(values[8]), key),
                    )
                self._execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
                self._execute(f"DELETE FROM event_data WHERE id IN ({marks})", chunk)
                for table in ("event_reports", "event_actors", "event_docs"):
                    self._execute(f"DELETE FROM {table} WHERE event_id IN ({marks})", chunk)
            self._execute("DELETE FROM event_places WHERE events <= 0")
            self._insert_event_rows(rows)
            self._events_changed(rows.max_span)
        return len(rows.events)

    def unmerged_report_ids(self) -> set[str]:
        """Reports that no merged event holds yet (new ones, or left by an interrupted run)."""
        rows = self._execute(
            "SELECT r.id FROM reports r LEFT JOIN event_reports e ON e.report_id = r.id"
            " WHERE e.report_id IS NULL"
        ).fetchall()
        return {r[0] for r in rows}

    def event_ids_for_reports(self, report_ids: Iterable[str]) -> set[str]:
        """Ids of the merged events built from any of ``report_ids``."""
        ids = sorted(set(report_ids))
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self._execute(
                f"SELECT DISTINCT event_id FROM event_reports WHERE report_id IN ({marks})", chunk
            ).fetchall())
        return found

    def _insert_event_rows(self, rows: EventRows) -> None:
        if not rows.events:
            return
        cols = list(rows.events[0].keys())
        self._executemany(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [[r[c] for c in cols] for r in rows.events],
        )
        self._executemany("INSERT INTO event_data (id, data, data_layout) VALUES (?, ?, ?)",
                          rows.data)
        self._executemany("INSERT INTO event_reports (event_id, report_id) VALUES (?, ?)",
                          sorted(rows.reports))
        self._executemany("INSERT INTO event_actors (actor_key, event_id) VALUES (?, ?)",
                          sorted(rows.actors))
        self._executemany(
            "INSERT INTO actor_names (actor_key) VALUES (?) ON CONFLICT (actor_key) DO NOTHING",
            sorted({(key,) for key, _ in rows.actors}),
        )
        self._executemany("INSERT INTO event_docs (doc_id, event_id) VALUES (?, ?)",
                          sorted(rows.docs))
        self._executemany(
            "INSERT INTO event_places (place_key, place_id, name, name_key, admin1, country,"
            " lat, lon, events, control_changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (place_key) DO UPDATE SET"
            " events = event_places.events + excluded.events,"
            " control_changes = event_places.control_changes + excluded.control_changes",
            [(key, *values) for key, values in sorted(rows.places.items())],
        )

    # -- event queries --------------------------------------------------------------
    def _names_like(self, table: str, column: str, text: str) -> list[str] | None:
        """Distinct ``column`` values of ``table`` holding ``text``; None when too many."""
        def compute() -> tuple[str, ...] | None:
            found = self._execute(
                f"SELECT DISTINCT {column} FROM {table}"
                f" WHERE {column} LIKE ? {self.like_escape} LIMIT ?",
                (_like(text), MAX_NAMES + 1),
            ).fetchall()
            if len(found) > MAX_NAMES:
                return None
            return tuple(sorted(r[0] for r in found))

        names: tuple[str, ...] | None = self._cached(("names", table, text.lower()), compute)
        return None if names is None else list(names)

    def _types(self) -> tuple[tuple[str, str], ...]:
        """The distinct (type, subtype) pairs of the stored events."""
        def compute() -> tuple[tuple[str, str], ...]:
            rows = self._execute("SELECT DISTINCT type, subtype FROM events").fetchall()
            return tuple(sorted((r[0], r[1]) for r in rows))

        found: tuple[tuple[str, str], ...] = self._cached(("types",), compute)
        return found

    def _order_hint(self, order: str) -> str:
        """SQL after ``FROM events`` that makes a page be read in ``order`` from its index.

        Backends whose planner weighs the page size against the filter leave it empty.
        """
        return ""

    def _max_span(self) -> int:
        def compute() -> int:
            value = self._meta("max_date_span")
            return int(value) if value is not None else 0

        span: int = self._cached(("max_date_span",), compute)
        return span

    def _where(self, q: EventQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if q.place:
            terms: list[str] = []
            names = self._names_like("event_places", "name_key", q.place)
            if names is None:
                terms.append(f"place_key LIKE ? {self.like_escape}")
                params.append(_like(q.place))
            elif names:
                terms.append(f"place_key IN ({', '.join('?' for _ in names)})")
                params += names
            ids = list(dict.fromkeys([q.place, *(q.place_ids or [])]))
            terms.append(f"place_id IN ({', '.join('?' for _ in ids)})")
            params += ids
            terms.append("admin1_key = ?")
            params.append(q.place.lower())
            clauses.append(f"({' OR '.join(terms)})")
        if q.actor:
            actors = self._names_like("actor_names", "actor_key", q.actor)
            if actors is None:
                clauses.append(f"actors LIKE ? {self.like_escape}")
                params.append(_like(q.actor))
            elif actors:
                clauses.append(
                    "events.id IN (SELECT event_id FROM event_actors WHERE actor_key IN"
                    f" ({', '.join('?' for _ in actors)}))"
                )
                params += actors
            else:
                clauses.append("1 = 0")
        if q.type:
            wanted = q.type.lower()
            known = self._types()
            types = sorted({t for t, _ in known if t.lower() == wanted})
            subtypes = sorted({st for _, st in known if st.lower() == wanted})
            terms = []
            if types:  # "|| ''": a type is too common for its index to narrow a query
                terms.append(f"(type || '') IN ({', '.join('?' for _ in types)})")
                params += types
            if subtypes:
                terms.append(f"subtype IN ({', '.join('?' for _ in subtypes)})")
                params += subtypes
            clauses.append(f"({' OR '.join(terms)})" if terms else "1 = 0")
        if q.since:
            clauses.append("COALESCE(date_end, date_start) >= ?")
            params.append(q.since)
            bound = since_bound(q.since, self._max_span())
            if bound is not None:  # the same events, found through the date_start index
                clauses.append("date_start >= ?")
                params.append(bound)
        if q.until:
            clauses.append("date_start <= ?")
            params.append(q.until)
        if q.modality:
            mods = [m.strip() for m in q.modality.split(",") if m.strip()]
            clauses.append(f"modality IN ({', '.join('?' for _ in mods)})")
            params += mods
        if q.bbox:
            west, south, east, north = q.bbox
            clauses.append("lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?")
            params += [west, east, south, north]
        if q.territorial is not None:
            clauses.append("territorial = ?")
            params.append(1 if q.territorial else 0)
        if q.ids is not None:
            ids = list(q.ids) or [""]
            clauses.append(f"events.id IN ({', '.join('?' for _ in ids)})")
            params += ids
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _select(self, columns: str, query: EventQuery) -> tuple[str, list[Any]]:
        where, params = self._where(query)
        order = _ORDERS.get(query.order)
        if order is None:
            raise StoreError(f"unknown order {query.order!r}; use one of {sorted(_ORDERS)}")
        joined = "FROM events JOIN event_data d ON d.id = events.id"
        if query.limit is None:
            return f"SELECT {columns} {joined}{where} ORDER BY {order}", params
        # A page: sort and skip ids only, then read the JSON of the page.
        limit, offset = min(max(query.limit, 0), MAX_PAGE), max(query.offset, 0)
        hint = self._page_hint(query, where, limit + offset)
        page = f"SELECT events.id FROM events{hint}{where} ORDER BY {order} LIMIT ? OFFSET ?"
        params += [limit, offset]
        return f"SELECT {columns} {joined} WHERE events.id IN ({page}) ORDER BY {order}", params

    def _page_hint(self, query: EventQuery, where: str, rows: int) -> str:
        """Read a page in index order when many events match, rather than sort them all.

        Walking the order index visits about ``rows * total / matches`` events; finding
        the matches first visits ``matches`` and sorts them. The counts are kept per
        generation (a listing asks for the count anyway).
        """
        if not where or not self._order_hint(query.order):
            return ""
        matches = self.count_events(query)
        total = self.count_events(EventQuery())
        if matches * matches > 4 * max(rows, 1) * total:
            return self._order_hint(query.order)
        return ""

    def query_events(self, query: EventQuery) -> list[Event]:
        sql, params = self._select("d.data", query)
        return [Event.from_dict(json.loads(r[0])) for r in self._execute(sql, params).fetchall()]

    def query_events_json(self, query: EventQuery) -> list[str]:
        """The events ``query_events`` finds, each as the JSON of its ``to_dict()``.

        Events stored by this version of the data model are returned as stored, without
        building an :class:`Event`.
        """
        sql, params = self._select("d.data, d.data_layout", query)
        return [_current_json(data, layout)
                for data, layout in self._execute(sql, params).fetchall()]

    def count_events(self, query: EventQuery) -> int:
        """How many events match ``query`` (paging ignored); kept until the events change."""
        where, params = self._where(query)

        def compute() -> int:
            row = self._execute(f"SELECT COUNT(*) FROM events{where}", params).fetchone()
            return int(row[0])

        count: int = self._cached(("count", where, *params), compute)
        return count

    def count_by_day_and_type(self, query: EventQuery) -> list[tuple[str | None, str, int]]:
        """``(date_start[:10], type, events)`` of the events matching ``query``."""
        where, params = self._where(query)

        def compute() -> tuple[tuple[str | None, str, int], ...]:
            rows = self._execute(
                f"SELECT SUBSTR(date_start, 1, 10), type, COUNT(*) FROM events{where}"
                " GROUP BY SUBSTR(date_start, 1, 10), type",
                params,
            ).fetchall()
            return tuple((r[0], r[1], int(r[2])) for r in rows)

        return list(self._cached(("by_day_type", where, *params), compute))

    def events_for_document(self, doc_id: str) -> list[Event]:
        """Events with evidence in the document ``doc_id``, in date order."""
        rows = self._execute(
            "SELECT d.data FROM events JOIN event_data d ON d.id = events.id"
            " WHERE events.id IN (SELECT event_id FROM event_docs WHERE doc_id = ?)"
            f" ORDER BY {_ORDERS['date']}",
            (doc_id,),
        ).fetchall()
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def get_event(self, event_id: str) -> Event:
        row = self._execute("SELECT data FROM event_data WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            row = self._execute(
                "SELECT e.data FROM event_data e JOIN event_reports r ON r.event_id = e.id"
                " WHERE r.report_id = ?",
                (event_id,),
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no event with id {event_id!r}", source=self.url)
        return Event.from_dict(json.loads(row[0]))

    def places(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Places with their counts of events and of changes of control, busiest first."""
        def compute() -> tuple[tuple[Any, ...], ...]:
            rows = self._execute(
                "SELECT place_id, name, admin1, country, lat, lon, events, control_changes"
                " FROM event_places WHERE place_id IS NOT NULL"
                " ORDER BY events DESC, name, place_key LIMIT ?",
                (min(limit, MAX_PAGE),),
            ).fetchall()
            return tuple(tuple(r) for r in rows)

        return [
            {
                "id": r[0], "name": r[1], "admin1": r[2], "country": r[3], "lat": r[4],
                "lon": r[5], "events": int(r[6]), "control_changes": int(r[7] or 0),
            }
            for r in self._cached(("places", min(limit, MAX_PAGE)), compute)
        ]

    def relations(self) -> list[Relation]:
        rows = self._execute("SELECT data FROM relations ORDER BY doc_id, id").fetchall()
        return [Relation.from_dict(json.loads(r[0])) for r in rows]

    def provisional_actors(self) -> list[tuple[str, int]]:
        rows = self._execute(
            "SELECT name, COUNT(*) AS n FROM provisional_actors GROUP BY name"
            " ORDER BY n DESC, name"
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def stats(self) -> dict[str, Any]:
        def scalar(sql: str) -> int:
            return int(self._execute(sql).fetchone()[0] or 0)

        with self.read_snapshot():  # counts that agree with each other during an ingest
            events = self._event_stats()
            return {
                "documents": scalar("SELECT COUNT(*) FROM documents"),
                "reports": scalar("SELECT COUNT(*) FROM reports"),
                "events": events["events"],
                "places": events["places"],
                "control_changes": events["control_changes"],
                "relations": scalar("SELECT COUNT(*) FROM relations"),
                "by_type": [dict(t) for t in events["by_type"]],
                "by_modality": dict(events["by_modality"]),
            }

    def _event_stats(self) -> dict[str, Any]:
        def scalar(sql: str) -> int:
            return int(self._execute(sql).fetchone()[0] or 0)

        def compute() -> dict[str, Any]:
            by_type = self._execute(
                "SELECT type, subtype, COUNT(*) FROM events GROUP BY type, subtype"
                " ORDER BY COUNT(*) DESC, type, subtype"
            ).fetchall()
            by_mod = self._execute(
                "SELECT modality, COUNT(*) FROM events GROUP BY modality ORDER BY COUNT(*) DESC"
            ).fetchall()
            return {
                "events": scalar("SELECT COUNT(*) FROM events"),
                "places": scalar("SELECT COUNT(DISTINCT place_id) FROM event_places"),
                "control_changes": scalar("SELECT COUNT(*) FROM events WHERE territorial = 1"),
                "by_type": [
                    {"type": t, "subtype": s, "events": int(n)} for t, s, n in by_type
                ],
                "by_modality": {m: int(n) for m, n in by_mod},
            }

        found: dict[str, Any] = self._cached(("event_stats",), compute)
        return found


def _current_json(data: str, layout: str | None) -> str:
    """``data`` as this version's ``Event.to_dict()`` would write it."""
    if layout == DATA_LAYOUT:
        return data
    return dumps(Event.from_dict(json.loads(data)).to_dict())
