"""The store interface and the SQL shared by every backend.

A backend supplies a DB-API connection and its parameter style; everything else (schema,
queries, transactions per document) is written once here.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Protocol, Sequence

from ..errors import NotFoundError, StoreError
from ..models import Document, Event, Extraction, Relation
from .schema import INDEXES, SCHEMA_VERSION, TABLES

MAX_PAGE = 10_000


@dataclass
class EventQuery:
    """Filters shared by the CLI, the Python API and the HTTP API."""

    place: Optional[str] = None
    actor: Optional[str] = None
    type: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    modality: Optional[str] = None
    bbox: Optional[tuple[float, float, float, float]] = None  # west, south, east, north
    territorial: Optional[bool] = None
    ids: Optional[Sequence[str]] = None
    #: Place ids that also match ``place`` (its other spellings, resolved by the gazetteer).
    place_ids: Optional[Sequence[str]] = None
    limit: Optional[int] = None
    offset: int = 0
    order: str = "date"  # date | -date | fatalities | -fatalities | id
    extra: dict[str, Any] = field(default_factory=dict)


_ORDERS = {
    "date": "date_start IS NULL, date_start, id",
    "-date": "date_start IS NULL, date_start DESC, id",
    "fatalities": "fatalities IS NULL, fatalities, id",
    "-fatalities": "fatalities IS NULL, fatalities DESC, id",
    "id": "id",
    "type": "type, subtype, id",
    "place": "place_name IS NULL, place_name, id",
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


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_row(event: Event) -> dict[str, Any]:
    """The column values of an event; ``data`` holds the whole event as JSON."""
    loc = event.location
    actors = [a for a in (event.actor1, event.actor2, *event.assoc_actors) if a]
    words = " | ".join(
        " ".join(x for x in (a.id, a.name, a.text) if x) for a in actors
    ).lower()
    return {
        "id": event.id,
        "type": event.type,
        "subtype": event.subtype,
        "modality": event.modality,
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "place_id": loc.id if loc else None,
        "place_name": loc.name if loc else None,
        "admin1": loc.admin1 if loc else None,
        "country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "actor1_id": event.actor1.id if event.actor1 else None,
        "actor2_id": event.actor2.id if event.actor2 else None,
        "actors": words,
        "fatalities": event.fatalities,
        "territorial": 1 if event.territorial else 0,
        "n_sources": event.n_sources,
        "confidence": event.confidence,
        "data": _dumps(event.to_dict()),
    }


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
    def read_snapshot(self) -> Iterator[None]:
        """Reads inside see one state of the database, even while another process writes.

        Without it each statement sees the latest commit, so two counts read one after the
        other can disagree. This default does nothing; backends that can, override it.
        """
        yield

    def _migrate(self) -> None:
        with self.transaction():
            for stmt in TABLES + INDEXES:
                self._execute(stmt)
            row = self._execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self._execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(
                    f"database schema {row[0]} is newer than this frontlines ({SCHEMA_VERSION});"
                    " upgrade frontlines",
                    source=self.url,
                )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLStore":
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
        rows = [event_row(e) for e in events]
        with self.transaction():
            self._execute("DELETE FROM event_reports")
            self._execute("DELETE FROM events")
            self._insert_event_rows(rows)
        return len(rows)

    def insert_events(self, events: Iterable[Event]) -> int:
        rows = [event_row(e) for e in events]
        with self.transaction():
            self._insert_event_rows(rows)
        return len(rows)

    def _insert_event_rows(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0].keys())
        self._executemany(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [[r[c] for c in cols] for r in rows],
        )
        links: list[tuple[str, str]] = []
        for r in rows:
            for rid in json.loads(r["data"]).get("report_ids") or []:
                links.append((r["id"], rid))
        self._executemany(
            "INSERT INTO event_reports (event_id, report_id) VALUES (?, ?)", sorted(set(links))
        )

    def _where(self, q: EventQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if q.place:
            ids = list(q.place_ids or [])
            extra = f" OR place_id IN ({', '.join('?' for _ in ids)})" if ids else ""
            clauses.append(
                f"(LOWER(place_name) LIKE ? {self.like_escape} OR place_id = ?"
                f" OR LOWER(admin1) = ?{extra})"
            )
            params += [_like(q.place), q.place, q.place.lower(), *ids]
        if q.actor:
            clauses.append(f"actors LIKE ? {self.like_escape}")
            params.append(_like(q.actor))
        if q.type:
            clauses.append("(LOWER(type) = ? OR LOWER(subtype) = ?)")
            params += [q.type.lower(), q.type.lower()]
        if q.since:
            clauses.append("COALESCE(date_end, date_start) >= ?")
            params.append(q.since)
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
            clauses.append(f"id IN ({', '.join('?' for _ in ids)})")
            params += ids
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def query_events(self, query: EventQuery) -> list[Event]:
        where, params = self._where(query)
        order = _ORDERS.get(query.order)
        if order is None:
            raise StoreError(f"unknown order {query.order!r}; use one of {sorted(_ORDERS)}")
        sql = f"SELECT data FROM events{where} ORDER BY {order}"
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [min(max(query.limit, 0), MAX_PAGE), max(query.offset, 0)]
        return [Event.from_dict(json.loads(r[0])) for r in self._execute(sql, params).fetchall()]

    def count_events(self, query: EventQuery) -> int:
        where, params = self._where(query)
        row = self._execute(f"SELECT COUNT(*) FROM events{where}", params).fetchone()
        return int(row[0])

    def get_event(self, event_id: str) -> Event:
        row = self._execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            row = self._execute(
                "SELECT e.data FROM events e JOIN event_reports r ON r.event_id = e.id"
                " WHERE r.report_id = ?",
                (event_id,),
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no event with id {event_id!r}", source=self.url)
        return Event.from_dict(json.loads(row[0]))

    def places(self, limit: int = 1000) -> list[dict[str, Any]]:
        rows = self._execute(
            "SELECT place_id, place_name, admin1, country, lat, lon, COUNT(*) AS n,"
            " SUM(territorial) FROM events WHERE place_id IS NOT NULL"
            " GROUP BY place_id, place_name, admin1, country, lat, lon ORDER BY n DESC, place_name"
            " LIMIT ?",
            (min(limit, MAX_PAGE),),
        ).fetchall()
        return [
            {
                "id": r[0], "name": r[1], "admin1": r[2], "country": r[3], "lat": r[4],
                "lon": r[5], "events": int(r[6]), "control_changes": int(r[7] or 0),
            }
            for r in rows
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
            by_type = self._execute(
                "SELECT type, subtype, COUNT(*) FROM events GROUP BY type, subtype"
                " ORDER BY COUNT(*) DESC, type, subtype"
            ).fetchall()
            by_mod = self._execute(
                "SELECT modality, COUNT(*) FROM events GROUP BY modality ORDER BY COUNT(*) DESC"
            ).fetchall()
            return {
                "documents": scalar("SELECT COUNT(*) FROM documents"),
                "reports": scalar("SELECT COUNT(*) FROM reports"),
                "events": scalar("SELECT COUNT(*) FROM events"),
                "places": scalar("SELECT COUNT(DISTINCT place_id) FROM events"),
                "control_changes": scalar("SELECT COUNT(*) FROM events WHERE territorial = 1"),
                "relations": scalar("SELECT COUNT(*) FROM relations"),
                "by_type": [
                    {"type": t, "subtype": s, "events": int(n)} for t, s, n in by_type
                ],
                "by_modality": {m: int(n) for m, n in by_mod},
            }
