"""Hostile requests to the HTTP API, through FastAPI's in-process client.

Oversized and malformed bodies, invalid and SQL-looking parameters, path traversal in
ids and static paths, markup in every text field of an uploaded document, forced
internal errors and uploads without the token. Each test checks the answer (status,
a JSON body that names the problem, no traceback, nothing leaked) and that the
database tables are left as they were.
"""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.errors import StoreError
from frontlines.interfaces.api import create_app
from frontlines.models import ActorRef, Document, Event, EventDate, Evidence, Extraction, Location
from frontlines.store import SQLStore, open_store

from .conftest import FIGURES
from .test_concurrency import CountingExtractor, make_documents

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # Starlette's note about httpx2
    from fastapi.testclient import TestClient

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TABLES = ("documents", "reports", "events", "event_reports", "relations",
          "provisional_actors", "meta")
#: Markers of a leak: a traceback, source code, files outside the web folder.
LEAKS = ("Traceback", 'File "', "frontlines/", "site-packages", "root:x:", "[tool.pytest",
         "def create_app", "sqlite3.", "FROM events WHERE", "FROM documents WHERE")


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def assert_clean_error(r: Any, *statuses: int) -> dict[str, Any]:
    assert r.status_code in statuses, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body: dict[str, Any] = r.json()
    assert isinstance(body.get("detail"), str) and body["detail"]
    assert str(body.get("code", "")).startswith("FL")
    for leak in LEAKS:
        assert leak not in r.text, (leak, r.text[:300])
    return body


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    with open_store(str(path)) as store:
        from frontlines.analysis.merge import rebuild_events

        for extraction in CountingExtractor().extract_many(make_documents()[:8]):
            store.add_extraction(extraction)
        rebuild_events(store)
    return path


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db), token=TOKEN), raise_server_exceptions=False) as c:
        yield c


# -- bodies -------------------------------------------------------------------------------
def test_oversized_and_malformed_bodies(client: TestClient, db: Path) -> None:
    before = table_counts(db)
    doc = {"title": "t", "text": "Shelling hit Homs."}
    big = {**doc, "text": "x" * (3 * 1024 * 1024)}
    assert_clean_error(client.post("/api/documents", json=big, headers=AUTH), 413)
    # the body limit comes before authentication and before routing
    assert_clean_error(client.post("/api/documents", json=big), 413)
    assert_clean_error(client.post("/api/events", content=b"x" * (3 * 1024 * 1024)), 413)
    bad_length = {**AUTH, "content-type": "application/json", "content-length": "-1"}
    assert_clean_error(client.post("/api/documents", content=b"{}", headers=bad_length), 413)
    nested = b"[" * 200_000 + b"]" * 200_000  # under the size limit, very deep
    for body in (nested, b'{"text": "\xff\xfe not utf-8"}', b"\x00" * 1000, b"null", b"[]",
                 json.dumps({"text": ["a"], "title": {"$gt": ""}}).encode(),
                 json.dumps({**doc, "text": "a\x00b", "published": "2016-02-30"}).encode()):
        r = client.post("/api/documents", content=body,
                        headers={**AUTH, "content-type": "application/json"})
        assert_clean_error(r, 400, 422)
    r = client.post("/api/documents", content=b"text=hello",
                    headers={**AUTH, "content-type": "application/x-www-form-urlencoded"})
    assert_clean_error(r, 400, 415, 422)
    assert table_counts(db) == before


# -- parameters ---------------------------------------------------------------------------
BAD_PARAMS: list[tuple[str, dict[str, Any], str]] = [
    ("/api/events", {"limit": "-1"}, "limit"),
    ("/api/events", {"limit": "1e3"}, "limit"),
    ("/api/events", {"limit": str(10**30)}, "limit"),
    ("/api/events", {"offset": "-5"}, "offset"),
    ("/api/events", {"since": "2016-13-45"}, "since"),
    ("/api/events", {"since": "2016-01-01' OR '1'='1"}, "since"),
    ("/api/events", {"until": "yesterday; DROP TABLE events"}, "until"),
    ("/api/events", {"since": "2017", "until": "2016"}, "since"),
    ("/api/events", {"order": "date; DROP TABLE events; --"}, "order"),
    ("/api/events", {"order": "(SELECT 1)"}, "order"),
    ("/api/events", {"format": "../../etc/passwd"}, "format"),
    ("/api/events", {"view": "<script>"}, "view"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"bbox": "0,0,1,1) OR (1=1"}, "bbox"),
    ("/api/events", {"bbox": "inf,0,1,1"}, "bbox"),
    ("/api/events", {"bbox": "1e309,0,1,1"}, "bbox"),
    ("/api/events", {"modality": "asserted,' OR 1=1 --"}, "modality"),
    ("/api/events", {"territorial": "maybe"}, "territorial"),
    ("/api/events", {"place": "x" * 5000}, "place"),
    ("/api/events", {"actor": "Islamic\x00State"}, "actor"),
    ("/api/events", {"type": "Battles\nUNION SELECT"}, "type"),
    ("/api/aggregate", {"bin": "day"}, "bin"),
    ("/api/control", {"on": "2016-02-30"}, "on"),
    ("/api/control", {}, "on"),
    ("/api/places", {"limit": "0"}, "limit"),
    ("/api/contested", {"limit": "abc"}, "limit"),
]


@pytest.mark.parametrize(("path", "params", "name"), BAD_PARAMS)
def test_invalid_parameters_are_named(client: TestClient, path: str, params: dict[str, Any],
                                      name: str) -> None:
    body = assert_clean_error(client.get(path, params=params), 400, 422)
    assert name in body["detail"] or body.get("parameter") == name, body


def test_nan_bounding_box_is_refused(client: TestClient) -> None:
    r = client.get("/api/events", params={"bbox": "nan,nan,nan,nan"})
    assert "bbox" in assert_clean_error(r, 422)["detail"]


SQL_LIKE = [
    "x' OR 1=1 --", "%", "_", "%%%", "'; DROP TABLE events; --", "; DROP TABLE events;",
    "\" OR \"\"=\"", "1) OR (1=1", "\\", "' UNION SELECT data FROM documents --",
    "Aleppo' --", "*", "[a-z]%", "ESCAPE", "%' ESCAPE '\\",
]


def test_sql_looking_filters_change_nothing(client: TestClient, db: Path) -> None:
    before = table_counts(db)
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert everything["total"] > 0
    all_ids = {e["id"] for e in everything["events"]}
    tried = 0
    for value in SQL_LIKE:
        for name in ("place", "actor", "type"):
            for path in ("/api/events", "/api/aggregate"):
                r = client.get(path, params={name: value})
                tried += 1
                assert r.status_code == 200, (path, name, value, r.text[:200])
                if path == "/api/events":
                    # filtered as text: never "every row", never a row that was not there
                    found = {e["id"] for e in r.json()["events"]}
                    assert r.json()["total"] < everything["total"], (name, value)
                    assert found <= all_ids, (name, value)
        for path in (f"/api/events/{value}", f"/api/documents/{value}",
                     f"/api/places/{value}/timeline"):
            tried += 1
            assert_clean_error(client.get(path), 400, 404)
    # a real filter still works and sees the same rows as before
    assert client.get("/api/events", params={"place": "Aleppo"}).json()["total"] > 0
    assert client.get("/api/events", params={"limit": 1000}).json() == everything
    assert table_counts(db) == before
    FIGURES.append(f"hostile requests: {tried} SQL-looking filter and id requests, "
                   f"answered 200 with a filtered subset or 404; tables unchanged")


# -- paths ---------------------------------------------------------------------------------
TRAVERSALS = [
    "/api/documents/../../etc/passwd",
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/documents/%252e%252e%252fetc%252fpasswd",
    "/api/documents/..%5C..%5Cwindows%5Cwin.ini",
    "/api/documents/doc-000%00.txt",
    "/api/documents/%2Fetc%2Fpasswd",
    "/api/documents/..",
    "/api/events/..%2F..%2F..%2Fpyproject.toml",
    "/api/events/%c0%ae%c0%ae%2fetc%2fpasswd",
    "/api/places/..%2F..%2Fetc%2Fpasswd/timeline",
    "/..%2F..%2F..%2Fpyproject.toml",
    "/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/vendor/..%2F..%2Fapi.py",
    "/../../../../etc/passwd",
    "/app.js%00.html",
    "/api/nothing/here",
    "/api",
    "/api/documents",
    "/admin",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_and_unknown_routes(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404, 405), (path, r.status_code, r.text[:200])
    assert_clean_error(r, r.status_code)


def test_other_methods_are_refused_cleanly(client: TestClient, db: Path) -> None:
    before = table_counts(db)
    for method, path in (("DELETE", "/api/events"), ("PUT", "/api/documents/doc-000"),
                         ("DELETE", "/api/documents/doc-000"), ("PATCH", "/api/stats"),
                         ("POST", "/api/events"), ("TRACE", "/api/stats")):
        r = client.request(method, path)
        assert_clean_error(r, 404, 405)
    assert client.get("/api/documents/doc-000").status_code == 200
    assert table_counts(db) == before


# -- markup -------------------------------------------------------------------------------
MARKUP = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(2)>",
    "</script><script>alert(3)</script>",
    "javascript:alert(4)",
    "&lt;b&gt; &amp; <!-- -->",
    "\u2028\u2029<iframe srcdoc='<script>alert(5)</script>'>",
]


class MarkupExtractor:
    """One report per document whose every text field carries markup."""

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        for doc in documents:
            sentence = doc.text.split("\n")[0]
            markup = doc.title
            ev = Evidence(doc_id=doc.id, sentence=sentence, char_start=0,
                          char_end=len(sentence), source=doc.source, published=doc.published)
            event = Event(
                id=f"{doc.id}-r0", type="Battles", subtype="Armed clash",
                actor1=ActorRef(name=markup, id=None, text=markup),
                actor2=ActorRef(name="Syrian Arab Army", id="saa", camp="regime"),
                location=Location(name=markup, id="geonames:170063", lat=36.2, lon=37.1,
                                  admin1=markup, country="SY", feature="PPL"),
                date=EventDate(start=doc.published, end=doc.published, precision="day"),
                fatalities=3, evidence=[ev], trigger=markup, notes=markup,
            )
            yield Extraction(document=doc, events=[event], provisional_actors=[markup],
                             pipeline_version="test")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_markup_in_every_field_comes_back_as_json_text(client: TestClient,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from frontlines import pipeline

    monkeypatch.setattr(pipeline, "get_extractor", lambda model=None: MarkupExtractor())
    for n, markup in enumerate(MARKUP):
        upload = {"title": markup, "source": markup[:200], "url": f"https://example.org/{markup}",
                  "text": f"{markup} Clashes in Aleppo killed three people {n}.\n{markup}",
                  "published": f"2016-01-{n + 1:02d}"}
        r = client.post("/api/documents", json=upload, headers=AUTH)
        assert r.status_code == 201, r.text
        doc_id = r.json()["id"]
        assert r.json()["report"]["stored"] == 1
        views = {
            "document": client.get(f"/api/documents/{doc_id}"),
            "events": client.get("/api/events", params={"actor": markup}),
            "event": client.get(f"/api/events/{doc_id}-r0"),
            "actors": client.get("/api/actors"),
            "places": client.get("/api/places"),
            "graph": client.get("/api/graph"),
        }
        for name, resp in views.items():
            assert resp.status_code == 200, (name, resp.text[:200])
            assert resp.headers["content-type"].startswith("application/json"), name
            assert resp.headers["x-content-type-options"] == "nosniff"
            assert "script-src 'self'" in resp.headers["content-security-policy"]
        document = views["document"].json()
        for key in ("title", "source", "url"):
            assert document[key] == upload[key], key  # exactly as sent: text, not markup
        assert document["text"] == upload["text"].strip()
        assert views["events"].json()["total"] == 1
        found = set(_strings(views["event"].json()))
        assert markup in found and upload["title"] in found
        assert markup in set(_strings(views["actors"].json()))
        # exports are downloads, never pages a browser renders
        for fmt in ("csv", "geojson", "jsonl", "acled"):
            resp = client.get("/api/events", params={"format": fmt, "actor": markup})
            assert resp.status_code == 200
            assert not resp.headers["content-type"].startswith("text/html")
            assert resp.headers["content-disposition"].startswith("attachment")
    FIGURES.append(f"markup: {len(MARKUP)} hostile strings in title, source, url, text, "
                   f"actor, place, trigger and notes came back verbatim as JSON text "
                   f"from 6 routes and 4 exports (nosniff, script-src 'self', attachments)")


# -- internal errors -----------------------------------------------------------------------
SECRET = "/srv/secret/frontlines.db password=hunter2"
FAILURES: list[tuple[str, str, BaseException]] = [
    ("query_events_json", "/api/events", RuntimeError(SECRET)),
    ("count_by_day_and_type", "/api/aggregate", sqlite3.OperationalError(f"database is locked {SECRET}")),
    ("get_document", "/api/documents/doc-000", sqlite3.DatabaseError(f"malformed {SECRET}")),
    ("get_event", "/api/events/doc-000-r0", KeyError(SECRET)),
    ("places", "/api/places", MemoryError(SECRET)),
    ("stats", "/api/stats", StoreError(f"cannot read {SECRET}")),
    ("count_events", "/api/events", ValueError(SECRET)),
    ("provisional_actors", "/api/actors", RecursionError(SECRET)),
]


@pytest.mark.parametrize(("method", "path", "error"), FAILURES)
def test_internal_errors_never_show_a_traceback(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                method: str, path: str,
                                                error: BaseException) -> None:
    def boom(self: SQLStore, *args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(SQLStore, method, boom)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        r = c.get(path)
        body = assert_clean_error(r, 500)
        assert "hunter2" not in r.text and "/srv/secret" not in r.text
        assert body["detail"] in ("internal error", "the request could not be completed")
        monkeypatch.undo()
        assert c.get("/api/stats").status_code == 200  # the server keeps serving


# -- the upload token ----------------------------------------------------------------------
@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": ""},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer "},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": TOKEN},
    {"Authorization": f"Token {TOKEN}"},
    {"X-Api-Key": TOKEN},
    {"Cookie": f"token={TOKEN}"},
])
def test_uploads_without_the_token_are_refused(client: TestClient, db: Path,
                                               headers: dict[str, str]) -> None:
    before = table_counts(db)
    doc = {"title": "Unauthorised", "text": "Shelling hit Homs on Monday, killing two."}
    assert_clean_error(client.post("/api/documents", json=doc, headers=headers), 401, 403)
    assert_clean_error(client.post(f"/api/documents?token={TOKEN}", json=doc), 401, 403)
    assert table_counts(db) == before


def test_uploads_are_refused_when_the_server_has_no_token(db: Path) -> None:
    before = table_counts(db)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer None"}):
            r = c.post("/api/documents", json={"text": "Shelling hit Homs."}, headers=headers)
            assert_clean_error(r, 403)
    assert table_counts(db) == before
