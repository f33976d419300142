"""The HTTP API through an in-process client over the fixture store (see conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.interfaces.api import create_app
from frontlines.interfaces.api_security import CONTENT_SECURITY_POLICY
from frontlines.interfaces.api_views import aggregate
from frontlines.models import Event, EventDate

from .conftest import SCRIPT_SENTENCE, build_fixture_store

with warnings.catch_warnings():
    # Starlette asks for httpx2 when only httpx is installed; either one works here.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(fixture_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(fixture_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def upload_client(tmp_path: Path) -> Iterator[TestClient]:
    url = build_fixture_store(tmp_path / "upload.db")
    with TestClient(create_app(url, token="s3cret"), raise_server_exceptions=False) as c:
        yield c


def ids(body: dict[str, Any]) -> list[str]:
    return [e["id"] for e in body["events"]]


def needs(module: str) -> None:
    pytest.importorskip(f"frontlines.analysis.{module}", reason=f"analysis.{module} missing")


# -- events -----------------------------------------------------------------------------
def test_events_default_page(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 9 and body["limit"] == 100 and body["offset"] == 0
    assert ids(body)[0] == "e-daraa-riot"  # ordered by date
    full = body["events"][0]
    assert full["evidence"][0]["doc_id"] == "d-early"


def test_events_paging_and_order(client: TestClient) -> None:
    page1 = client.get("/api/events", params={"limit": 3, "order": "-date"}).json()
    page2 = client.get("/api/events", params={"limit": 3, "offset": 3, "order": "-date"}).json()
    assert page1["total"] == page2["total"] == 9
    assert ids(page1) == ["e-deir-shooting", "e-aleppo-barrel", "e-idlib-protest"]
    assert not set(ids(page1)) & set(ids(page2))
    by_deaths = client.get("/api/events", params={"order": "-fatalities", "limit": 2}).json()
    assert ids(by_deaths) == ["e-palmyra-air", "e-palmyra-clash"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"place": "Palmyra"}, {"e-palmyra-2015", "e-palmyra-clash", "e-palmyra-2016",
                                "e-palmyra-air"}),
        ({"place": "geonames:170063"}, {"e-aleppo-barrel"}),
        ({"actor": "russian air"}, {"e-palmyra-air"}),
        ({"type": "Protests"}, {"e-idlib-protest"}),
        ({"type": "Armed clash"}, {"e-palmyra-clash"}),
        ({"since": "2016-04-01", "until": "2016-04-30"}, {"e-aleppo-barrel", "e-idlib-protest"}),
        ({"until": "2011"}, {"e-daraa-riot", "e-homs-truce"}),
        ({"modality": "predicted"}, {"e-homs-truce"}),
        ({"territorial": "true"}, {"e-palmyra-2015", "e-palmyra-2016"}),
        ({"bbox": "36,32,37,33"}, {"e-daraa-riot"}),
        ({"place": "Palmyra", "type": "Battles", "since": "2016-01-01"}, {"e-palmyra-2016"}),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(ids(body)) == expected
    assert body["total"] == len(expected)


def test_event_summary_view(client: TestClient) -> None:
    body = client.get("/api/events", params={"view": "summary", "place": "Aleppo"}).json()
    (row,) = body["events"]
    assert row["place"] == "Aleppo" and row["lat"] == pytest.approx(36.2021)
    assert row["actor1"] == "Syrian Arab Army" and row["actor1_camp"] == "regime"
    assert row["fatalities"] == 12 and "evidence" not in row


@pytest.mark.parametrize(
    "value",
    ["'; DROP TABLE events; --", "Palmyra' OR '1'='1", "%", "_", "\" OR 1=1 --", "\\"],
)
def test_sql_looking_filters_are_harmless(client: TestClient, value: str) -> None:
    for name in ("place", "actor", "type"):
        r = client.get("/api/events", params={name: value})
        assert r.status_code == 200
        assert r.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == 9


def test_event_formats(client: TestClient) -> None:
    r = client.get("/api/events", params={"format": "csv", "place": "Palmyra"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["id"] for row in rows} == {"e-palmyra-2015", "e-palmyra-clash",
                                           "e-palmyra-2016", "e-palmyra-air"}

    r = client.get("/api/events", params={"format": "acled", "type": "Protests"})
    assert r.status_code == 200
    acled = list(csv.DictReader(io.StringIO(r.text)))
    assert len(acled) == 1
    assert "Peaceful protest" in r.text

    r = client.get("/api/events", params={"format": "geojson"})
    assert r.headers["content-type"].startswith("application/geo+json")
    geo = r.json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 9
    palmyra = next(f for f in geo["features"] if f["id"] == "e-palmyra-2016")
    assert palmyra["geometry"]["coordinates"] == pytest.approx([38.2672, 34.5604])

    r = client.get("/api/events", params={"format": "jsonl", "limit": 2})
    assert [json.loads(line)["id"] for line in r.text.splitlines()] == [
        "e-daraa-riot", "e-homs-truce"]


@pytest.mark.parametrize(
    "params, word",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"since": "yesterday"}, "since"),
        ({"until": "2016-02-30"}, "until"),
        ({"since": "2016-05-01", "until": "2016-04-01"}, "since"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "0,50,10,40"}, "bbox"),
        ({"bbox": "0,0,200,10"}, "bbox"),
        ({"modality": "rumoured"}, "modality"),
        ({"order": "date; DROP TABLE events"}, "order"),
        ({"format": "xml"}, "format"),
        ({"view": "tiny"}, "view"),
        ({"territorial": "maybe"}, "territorial"),
        ({"place": "x" * 500}, "place"),
    ],
)
def test_bad_event_params(client: TestClient, params: dict[str, Any], word: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert word in body["detail"] and body["code"] == "FL400"
    assert "Traceback" not in r.text


def test_event_detail_with_sources(client: TestClient) -> None:
    r = client.get("/api/events/e-palmyra-2016")
    assert r.status_code == 200
    body = r.json()
    assert body["territorial"] is True and body["actor1"]["name"] == "Syrian Arab Army"
    docs = [e["document"] for e in body["evidence"]]
    assert [d["title"] for d in docs] == ["Syrian army retakes Palmyra",
                                         "Army restores security to Palmyra"]
    assert [d["source"] for d in docs] == ["Reuters", "SANA"]
    assert body["summary"]["place"] == "Palmyra"


def test_event_found_by_report_id(client: TestClient) -> None:
    assert client.get("/api/events/r-e-palmyra-2016-1").json()["id"] == "e-palmyra-2016"


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/nope",
        "/api/events/..",
        "/api/events/..%2F..%2Fetc%2Fpasswd",
        "/api/events/%2e%2e",
        "/api/documents/nope",
        "/api/documents/..%2Fd-script",
        "/api/documents/.hidden",
        "/api/places/nowhere/timeline",
        "/api/nothing-here",
        "/vendor/../../api.py",
        "/%2e%2e/api.py",
    ],
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "Traceback" not in r.text and "def create_app" not in r.text


# -- documents --------------------------------------------------------------------------
def test_document_spans(client: TestClient) -> None:
    body = client.get("/api/documents/d-palmyra-2016").json()
    text = body["text"]
    assert body["title"] == "Syrian army retakes Palmyra" and body["source"] == "Reuters"
    marked = {(text[s["start"]:s["end"]], s["event_id"]) for s in body["spans"]}
    assert ("The Syrian army recaptured Palmyra from Islamic State on Sunday.",
            "e-palmyra-2016") in marked
    assert {e["id"] for e in body["events"]} == {"e-palmyra-2016", "e-palmyra-air"}
    starts = [s["start"] for s in body["spans"]]
    assert starts == sorted(starts)


def test_document_text_is_returned_as_text(client: TestClient) -> None:
    r = client.get("/api/documents/d-script")
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    (span,) = body["spans"]
    assert body["text"][span["start"]:span["end"]] == SCRIPT_SENTENCE
    assert "<script>" in body["title"]  # stored as written; the web app shows it as text


# -- places, control, actors, graph, disputes -------------------------------------------
def test_places(client: TestClient) -> None:
    places = client.get("/api/places").json()["places"]
    assert places[0]["name"] == "Palmyra"
    assert places[0]["events"] == 4 and places[0]["control_changes"] == 2
    assert client.get("/api/places", params={"limit": 2}).json()["places"][1:2]
    assert client.get("/api/places", params={"limit": 0}).status_code == 422


def test_timeline(client: TestClient) -> None:
    needs("control")
    r = client.get("/api/places/geonames:170017/timeline")
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"place", "periods", "changes"} <= set(body)
    periods = [(p["holder"]["camp"], p["start"], p["end"]) for p in body["periods"]]
    assert periods == [("regime", None, "2015-05-21"), ("isis", "2015-05-21", "2016-03-27"),
                       ("regime", "2016-03-27", None)]
    assert body["place"]["name"] == "Palmyra"


def _holder(client: TestClient, on: str) -> dict[str, Any]:
    r = client.get("/api/control", params={"on": on})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["on"] == on
    (palmyra,) = [p for p in body["places"] if p["place"]["name"] == "Palmyra"]
    assert palmyra["place"]["lat"] == pytest.approx(34.5604)
    return dict(palmyra)


def test_control_changes_with_the_date(client: TestClient) -> None:
    needs("control")
    before = _holder(client, "2016-03-01")
    assert before["holder"]["camp"] == "isis" and before["actors"] == ["Islamic State"]
    assert before["since"] == "2015-05-21"
    after = _holder(client, "2016-04-01")
    assert after["holder"]["camp"] == "regime" and after["actors"] == ["Syrian Arab Army"]
    assert after["since"] == "2016-03-27"
    r = client.get("/api/control", params={"on": "2010-01-01"}).json()
    palmyra = [p for p in r["places"] if p["place"]["name"] == "Palmyra"]
    assert palmyra and palmyra[0]["holder"]["camp"] == "regime"  # held before IS took it


def test_control_needs_a_date(client: TestClient) -> None:
    assert client.get("/api/control").status_code == 422
    r = client.get("/api/control", params={"on": "2016-13-01"})
    assert r.status_code == 422 and "on" in r.json()["detail"]


def test_actors_and_graph(client: TestClient) -> None:
    needs("graph")
    body = client.get("/api/actors").json()
    names = {a["name"]: a for a in body["actors"]}
    assert names["Islamic State"]["camp"] == "isis"
    assert names["Islamic State"]["events"] >= 4
    assert body["provisional"] == [{"name": "Liwa al-Quds", "documents": 1}]
    graph = client.get("/api/graph").json()
    assert {"nodes", "edges"} <= set(graph)
    assert graph["edges"]


def test_disputes(client: TestClient) -> None:
    needs("disputes")
    r = client.get("/api/disputes")
    assert r.status_code == 200
    disputes = r.json()["disputes"]
    (toll,) = [d for d in disputes if d["kind"] == "fatalities"]
    assert toll["event_id"] == "e-palmyra-air"
    assert sorted(v["value"] for v in toll["values"]) == [30, 45]


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 6 and stats["events"] == 9
    assert stats["control_changes"] == 2


def test_aggregate(client: TestClient) -> None:
    body = client.get("/api/aggregate", params={"bin": "month"}).json()
    bins = body["bins"]
    assert bins[0]["start"] == "2011-03-01" and bins[-1]["start"] == "2016-05-01"
    assert len(bins) == 63  # no gaps between March 2011 and May 2016
    assert sum(b["total"] for b in bins) == body["total"] == 9
    march = next(b for b in bins if b["start"] == "2016-03-01")
    assert march["by_type"] == {"Battles": 1, "Explosions/Remote violence": 1}
    weeks = client.get("/api/aggregate", params={"bin": "week", "place": "Palmyra"}).json()
    assert all(b["start"] for b in weeks["bins"])
    assert sum(b["total"] for b in weeks["bins"]) == 4
    assert client.get("/api/aggregate", params={"bin": "day"}).status_code == 422


def test_aggregate_weeks_start_on_monday() -> None:
    events = [Event(id="a", type="Battles", subtype="Armed clash",
                    date=EventDate(start="2016-03-27", end="2016-03-27")),
              Event(id="b", type="Protests", subtype="Peaceful protest", date=None)]
    body = aggregate(events, "week")
    assert body["bins"] == [{"start": "2016-03-21", "end": "2016-03-27", "total": 1,
                             "by_type": {"Battles": 1}}]
    assert body["undated"] == 1 and body["total"] == 2


# -- uploads ----------------------------------------------------------------------------
DOC = {"title": "New report", "text": "Shelling hit Homs on Monday.", "source": "AFP",
       "published": "2016-06-06"}


def test_upload_disabled_without_token(client: TestClient) -> None:
    r = client.post("/api/documents", json=DOC)
    assert r.status_code == 403
    assert "token" in r.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "s3cret"])
def test_upload_needs_the_token(upload_client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    r = upload_client.post("/api/documents", json=DOC, headers=headers)
    assert r.status_code == 401


def test_upload_checks_its_body(upload_client: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    for body in ({"title": "x"}, {**DOC, "text": ""}, {**DOC, "published": "June"},
                 {**DOC, "extra": 1}):
        r = upload_client.post("/api/documents", json=body, headers=auth)
        assert r.status_code == 422, body
    r = upload_client.post("/api/documents", content=b"{not json", headers={
        **auth, "content-type": "application/json"})
    assert r.status_code == 422


def test_upload_ingests(upload_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = pytest.importorskip("frontlines.pipeline", reason="frontlines.pipeline missing")
    seen: list[Any] = []

    def fake_ingest(store: Any, documents: Any, **options: Any) -> dict[str, int]:
        docs = list(documents)
        seen.extend(docs)
        return {"documents": len(docs)}

    monkeypatch.setattr(pipeline, "ingest_documents", fake_ingest)
    r = upload_client.post("/api/documents", json=DOC,
                           headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 201, r.text
    assert r.json()["report"] == {"documents": 1}
    (doc,) = seen
    assert doc.text == DOC["text"] and doc.published == "2016-06-06"
    assert r.json()["id"] == doc.id


def test_body_size_limit(upload_client: TestClient) -> None:
    big = {**DOC, "text": "x" * (3 * 1024 * 1024)}
    r = upload_client.post("/api/documents", json=big,
                           headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 413
    assert r.json()["code"] == "FL412"


def test_body_size_limit_without_length(upload_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536

    r = upload_client.post("/api/documents", content=chunks(),
                           headers={"Authorization": "Bearer s3cret",
                                    "content-type": "application/json"})
    assert r.status_code == 413


# -- headers, static files, OpenAPI -----------------------------------------------------
def test_security_headers(client: TestClient) -> None:
    for path in ("/api/stats", "/api/events/nope", "/"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    policy = CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "img-src 'self' data:" in policy and "style-src 'self'" in policy


def test_web_app_is_served_without_outside_assets(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "http://" not in html and "https://" not in html
    assert "<script>" not in html and " style=" not in html  # no inline script or style
    for asset in ("/app.js", "/app.css"):
        assert client.get(asset).status_code == 200


def test_openapi_lists_the_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/places",
                 "/api/places/{place_id}/timeline", "/api/control", "/api/actors",
                 "/api/graph", "/api/disputes", "/api/documents/{doc_id}", "/api/stats",
                 "/api/aggregate", "/api/documents"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 404  # the default docs load a CDN


def test_internal_errors_hide_details(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = build_fixture_store(tmp_path / "broken.db")
    app = create_app(url)
    from frontlines.store.base import SQLStore

    def boom(self: SQLStore) -> dict[str, Any]:
        raise RuntimeError("secret path /etc/shadow")

    monkeypatch.setattr(SQLStore, "stats", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/stats")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error", "code": "FL499"}
    assert "shadow" not in r.text


@pytest.mark.slow
def test_upload_runs_the_real_pipeline(upload_client: TestClient) -> None:
    doc = {"title": "Rastan shelled", "source": "AFP", "published": "2016-06-06",
           "text": "Syrian government forces shelled the town of Rastan in Homs province on "
                   "Monday, killing five civilians, a monitoring group said."}
    auth = {"Authorization": "Bearer s3cret"}
    r = upload_client.post("/api/documents", json=doc, headers=auth)
    assert r.status_code == 201, r.text
    report = r.json()["report"]
    assert report["stored"] == 1 and report["errors"] == []
    stored = upload_client.get(f"/api/documents/{r.json()['id']}").json()
    assert stored["title"] == "Rastan shelled" and stored["spans"]
    again = upload_client.post("/api/documents", json=doc, headers=auth).json()["report"]
    assert again["stored"] == 0 and again["skipped"] == 1


def test_app_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from frontlines.interfaces.api import app_from_env

    monkeypatch.setenv("FRONTLINES_DB", build_fixture_store(tmp_path / "env.db"))
    monkeypatch.setenv("FRONTLINES_TOKEN", "from-env")
    with TestClient(app_from_env(), raise_server_exceptions=False) as c:
        assert c.get("/api/stats").json()["events"] == 9
        assert c.post("/api/documents", json=DOC).status_code == 401  # uploads on, token needed


def test_event_pages_hold_each_events_to_dict(client: TestClient, fixture_db: str) -> None:
    from frontlines.interfaces.api_params import event_summary
    from frontlines.store import EventQuery, open_store

    with open_store(fixture_db) as store:
        events = store.query_events(EventQuery(order="-date"))
    full = client.get("/api/events", params={"order": "-date"}).json()["events"]
    assert full == [e.to_dict() for e in events]
    summary = client.get("/api/events", params={"order": "-date", "view": "summary"}).json()
    assert summary["events"] == [event_summary(e) for e in events]


def test_aggregate_counts_as_the_events_do(client: TestClient, fixture_db: str) -> None:
    from frontlines.store import EventQuery, open_store

    with open_store(fixture_db) as store:
        events = store.query_events(EventQuery())
    for size in ("month", "week"):
        body = client.get("/api/aggregate", params={"bin": size}).json()
        assert body == aggregate(events, size)
