"""The HTTP API (FastAPI) and the web app it serves at ``/``.

Every route calls library functions (the store, ``frontlines.analysis``,
``frontlines.exports``); none runs SQL or NLP itself. Run it with::

    uvicorn --factory 'frontlines.interfaces.api:app_from_env'

or through ``frontlines serve``. Uploads (``POST /api/documents``) are refused unless the
server was started with a token.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import importlib
import io
import json
import logging
import threading
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import FrontlinesError, NotFoundError, UsageError
from ..models import Document, Event
from ..settings import MAX_DOCUMENT_CHARS
from ..store import EventQuery, SQLStore, open_store
from .api_params import (
    BINS,
    DEFAULT_LIMIT,
    FORMATS,
    MAX_LIMIT,
    ORDERS,
    VIEWS,
    ParameterError,
    event_summary,
    parse_bbox,
    parse_choice,
    parse_date,
    parse_modality,
    parse_text,
    summary_of,
    valid_id,
)
from .api_security import DEFAULT_MAX_BODY, BodySizeLimit, SecurityHeaders
from .api_views import aggregate_counts, document_ref, document_view, front_line_view

__all__ = ["WEB_DIR", "ApiError", "app_from_env", "create_app"]

log = logging.getLogger("frontlines.api")

#: Static files of the web app (``vendor/`` is filled by ``scripts/build_web.sh``).
WEB_DIR = Path(__file__).parent / "web"

_MEDIA = {
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "acled": ("text/csv; charset=utf-8", "events-acled.csv"),
    "geojson": ("application/geo+json", "events.geojson"),
    "jsonl": ("application/x-ndjson", "events.jsonl"),
}


class ApiError(Exception):
    """An error answered with ``status`` and a JSON body ``{detail, code}``."""

    def __init__(self, status: int, detail: str, code: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code


class _Stores:
    """One store connection per worker thread (SQLite connections belong to a thread)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[SQLStore] = []

    def get(self) -> SQLStore:
        store: SQLStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._open.append(store)
            # Worker threads come and go; a thread's connection goes with it.
            weakref.finalize(threading.current_thread(), self._release, store)
        return store

    def _release(self, store: SQLStore) -> None:
        with self._lock:
            if store not in self._open:
                return
            self._open.remove(store)
        try:
            store.close()
        except Exception:  # the connection may already be gone
            log.debug("closing store failed", exc_info=True)

    def close_all(self) -> None:
        with self._lock:
            stores, self._open = self._open, []
        for store in stores:
            try:
                store.close()
            except Exception:  # a connection already gone is fine at shutdown
                log.debug("closing store failed", exc_info=True)
        self._local = threading.local()


class _ThreadStore:
    """Stands for the store of whichever thread uses it.

    Routes run in a pool of worker threads; each call goes to that thread's own
    connection, so no connection is ever used by two threads at once.
    """

    def __init__(self, stores: _Stores) -> None:
        self._stores = stores

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stores.get(), name)


class UploadBody(BaseModel):
    """A document sent for ingest."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_DOCUMENT_CHARS)
    title: str = Field(default="", max_length=1000)
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=10)


def _analysis(name: str) -> ModuleType:
    """``frontlines.analysis.<name>``, or a 503 when that module is not installed."""
    full = f"frontlines.analysis.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name in (full, "frontlines.analysis"):
            raise ApiError(503, f"analysis {name!r} is not available", "FL300") from None
        raise


def _error(status: int, detail: str, code: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, "code": code, **extra}, status_code=status)


def _event_query(
    place: str | None, actor: str | None, type_: str | None, since: str | None,
    until: str | None, modality: str | None, bbox: str | None,
    territorial: bool | None,
) -> EventQuery:
    q = EventQuery(
        place=parse_text("place", place),
        actor=parse_text("actor", actor),
        type=parse_text("type", type_),
        since=parse_date("since", since),
        until=parse_date("until", until, end=True),
        modality=parse_modality(modality),
        bbox=parse_bbox(bbox),
        territorial=territorial,
    )
    if q.since and q.until and q.since > q.until:
        raise ParameterError("since", "since is after until")
    if q.place:
        from ..store import place_ids

        q.place_ids = place_ids(q.place)
    return q


def _json(value: Any) -> str:
    """``value`` as JSON, written as ``JSONResponse`` writes it."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _json_response(value: Any) -> Response:
    """A JSON answer written directly, as FastAPI would write ``value``, without its
    per-field encoding pass (the values are plain JSON already)."""
    return Response(_json(value).encode("utf-8"), media_type="application/json")


def _json_ready(value: Any) -> Any:
    """Plain JSON values from whatever an analysis function returns."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        to_dict = getattr(value, "to_dict", None)
        return _json_ready(to_dict() if callable(to_dict) else dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_ready(v) for v in value]
    return value


def create_app(
    store_url: str, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """The API over the store at ``store_url``; ``token`` enables uploads."""
    stores = _Stores(store_url)
    ingest_lock = threading.Lock()
    # Opening once checks the URL (and creates or migrates the database) before serving.
    open_store(store_url).close()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close_all()

    app = FastAPI(
        title="frontlines",
        version="0.1.0",
        description="Sourced events, places, actors and control of places read from news.",
        docs_url=None,  # the default docs pages load their scripts from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.add_middleware(BodySizeLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)

    thread_store = cast(SQLStore, _ThreadStore(stores))

    async def store_dep() -> SQLStore:
        # Resolved on each use in the thread that runs the route, not here.
        return thread_store

    StoreDep = Depends(store_dep)

    # -- errors ---------------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.detail, exc.code)

    @app.exception_handler(ParameterError)
    async def _param_error(_: Request, exc: ParameterError) -> JSONResponse:
        return _error(422, str(exc), UsageError.code, parameter=exc.name)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
            parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
        return _error(422, "; ".join(parts) or "invalid request", UsageError.code)

    @app.exception_handler(NotFoundError)
    async def _not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, exc.message, exc.code)

    @app.exception_handler(UsageError)
    async def _usage(_: Request, exc: UsageError) -> JSONResponse:
        return _error(400, exc.message, exc.code)

    @app.exception_handler(FrontlinesError)
    async def _frontlines(_: Request, exc: FrontlinesError) -> JSONResponse:
        log.error("request failed: %s", exc)
        return _error(500, "the request could not be completed", exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        code = "FL404" if exc.status_code == 404 else "FL400"
        return _error(exc.status_code, detail, code)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error", exc_info=exc)
        return _error(500, "internal error", "FL499")

    def need_id(value: str, what: str) -> str:
        if not valid_id(value):
            raise ApiError(404, f"no {what} with that id", NotFoundError.code)
        return value

    # -- events ---------------------------------------------------------------------
    @app.get("/api/events", summary="Events matching filters, paged, as JSON or an export")
    def list_events(
        store: SQLStore = StoreDep,
        place: str | None = Query(None, description="place name, id or admin1"),
        actor: str | None = Query(None, description="actor name or id (substring)"),
        type: str | None = Query(None, description="ACLED event type or sub-event type"),
        since: str | None = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY)"),
        until: str | None = Query(None, description="YYYY-MM-DD (or YYYY-MM, YYYY)"),
        modality: str | None = Query(None, description="comma-separated modalities"),
        bbox: str | None = Query(None, description="west,south,east,north"),
        territorial: bool | None = Query(None, description="only changes of control"),
        limit: int | None = Query(None, ge=1, le=MAX_LIMIT, description="page size"),
        offset: int = Query(0, ge=0, le=10_000_000),
        order: str = Query("date", description=", ".join(ORDERS)),
        fmt: str = Query("json", alias="format", description=", ".join(FORMATS)),
        view: str = Query("full", description="full or summary (JSON only)"),
    ) -> Response:
        q = _event_query(place, actor, type, since, until, modality, bbox, territorial)
        q.order = parse_choice("order", order, ORDERS)
        fmt = parse_choice("format", fmt, FORMATS)
        view = parse_choice("view", view, VIEWS)
        if fmt == "json":
            q.limit = limit or DEFAULT_LIMIT
            q.offset = offset
            with store.read_snapshot():  # the page and its total from one snapshot
                events = store.query_events_json(q)
                total = store.count_events(dataclasses.replace(q, limit=None, offset=0))
            if view == "summary":
                events = [_json(summary_of(json.loads(e))) for e in events]
            # The stored JSON is the event's to_dict(); the page is written around it.
            head = _json({"total": total, "limit": q.limit, "offset": q.offset})[:-1]
            body = f'{head},"events":[{",".join(events)}]}}'
            return Response(body.encode("utf-8"), media_type="application/json")
        # Exports hold every matching event unless a page is asked for.
        if limit is not None:
            q.limit, q.offset = limit, offset
        from ..exports import write_events

        buf = io.StringIO()
        write_events(store.query_events(q), fmt, buf)
        media, filename = _MEDIA[fmt]
        return Response(
            buf.getvalue(),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )

    @app.get("/api/events/{event_id}", summary="One event with its evidence and sources")
    def get_event(event_id: str, store: SQLStore = StoreDep) -> Response:
        event = store.get_event(need_id(event_id, "event"))
        docs: dict[str, Document | None] = {}
        for ev in event.evidence:
            if ev.doc_id not in docs:
                try:
                    docs[ev.doc_id] = store.get_document(ev.doc_id)
                except NotFoundError:
                    docs[ev.doc_id] = None
        data: dict[str, Any] = event.to_dict()
        for item, ev in zip(data["evidence"], event.evidence):
            item["document"] = document_ref(docs[ev.doc_id])
        data["summary"] = event_summary(event)
        return _json_response(data)

    @app.get("/api/aggregate", summary="Event counts by date bin and type")
    def get_aggregate(
        store: SQLStore = StoreDep,
        bin: str = Query("month", description="month or week"),
        place: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        modality: str | None = None,
    ) -> Response:
        size = parse_choice("bin", bin, BINS)
        q = _event_query(place, actor, type, None, None, modality, None, None)
        counts: dict[str, Any] = aggregate_counts(store.count_by_day_and_type(q), size)
        return _json_response(counts)

    # -- places and control ---------------------------------------------------------
    @app.get("/api/places", summary="Places with event and control-change counts")
    def get_places(
        store: SQLStore = StoreDep, limit: int = Query(1000, ge=1, le=10_000)
    ) -> Response:
        places: list[dict[str, Any]] = store.places(limit)
        return _json_response({"places": places})

    @app.get("/api/places/{place_id}/timeline", summary="Who held a place when")
    def get_timeline(place_id: str, store: SQLStore = StoreDep) -> Any:
        place = parse_text("place", place_id)
        if place is None or ".." in place or store.count_events(EventQuery(place=place)) == 0:
            raise ApiError(404, "no events at that place", NotFoundError.code)
        return _json_ready(_analysis("control").timeline(store, place))

    @app.get("/api/control", summary="Who held each place on a date (the front line)")
    def get_control(
        store: SQLStore = StoreDep,
        on: str = Query(..., description="YYYY-MM-DD"),
    ) -> dict[str, Any]:
        day = parse_date("on", on)
        assert day is not None
        items = _json_ready(_analysis("control").front_line(store, day))
        return {"on": day, "places": front_line_view(items)}

    @app.get("/api/contested", summary="Places that changed hands most often")
    def get_contested(
        store: SQLStore = StoreDep, limit: int = Query(20, ge=1, le=1000)
    ) -> dict[str, Any]:
        return {"places": _json_ready(_analysis("control").most_contested(store, limit=limit))}

    # -- actors, graph, disputes ----------------------------------------------------
    @app.get("/api/actors", summary="Actors with event counts and camps; provisional actors")
    def get_actors(store: SQLStore = StoreDep) -> dict[str, Any]:
        graph = _json_ready(_analysis("graph").actor_graph(store))
        nodes = sorted(graph.get("nodes", []), key=lambda n: (-(n.get("events") or 0),
                                                               str(n.get("name"))))
        provisional = [{"name": n, "documents": c} for n, c in store.provisional_actors()]
        return {"actors": nodes, "provisional": provisional}

    @app.get("/api/graph", summary="Actors and the relations between them")
    def get_graph(store: SQLStore = StoreDep) -> Any:
        return _json_ready(_analysis("graph").actor_graph(store))

    @app.get("/api/disputes", summary="Where sources disagree (fatalities, holders, numbers)")
    def get_disputes(store: SQLStore = StoreDep) -> dict[str, Any]:
        return {"disputes": _json_ready(_analysis("disputes").disputes(store))}

    # -- documents and stats --------------------------------------------------------
    @app.get("/api/documents/{doc_id}", summary="A document's text and its evidence spans")
    def get_document(doc_id: str, store: SQLStore = StoreDep) -> dict[str, Any]:
        doc = store.get_document(need_id(doc_id, "document"))
        view: dict[str, Any] = document_view(doc, _events_of(store, doc.id))
        return view

    @app.post("/api/documents", status_code=201, summary="Ingest a document (needs the token)")
    def post_document(
        body: UploadBody,
        store: SQLStore = StoreDep,
        authorization: str | None = Header(None),
    ) -> dict[str, Any]:
        if not token:
            raise ApiError(403, "uploads are disabled: start the server with a token", "FL403")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), token.encode()
        ):
            raise ApiError(401, "a valid 'Authorization: Bearer TOKEN' header is needed",
                           "FL401")
        published = parse_date("published", body.published)
        text = body.text.strip()
        if not text:
            raise ParameterError("text", "empty")
        doc_id = "upload-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        doc = Document(
            id=doc_id, text=text, title=body.title, source=body.source, url=body.url,
            published=published, published_precision="day" if published else "unknown",
        )
        try:
            pipeline = importlib.import_module("frontlines.pipeline")
        except ModuleNotFoundError as exc:
            if exc.name != "frontlines.pipeline":
                raise
            raise ApiError(503, "the ingest pipeline is not available", "FL300") from None
        with ingest_lock:  # one ingest at a time: the NLP pipeline and the merge are shared
            report = pipeline.ingest_documents(store, [doc])
        return {"id": doc_id, "report": _json_ready(report)}

    @app.get("/api/stats", summary="Counts of documents, events, places, types")
    def get_stats(store: SQLStore = StoreDep) -> Response:
        stats: dict[str, Any] = store.stats()
        return _json_response(stats)

    if WEB_DIR.is_dir():
        if not (WEB_DIR / "vendor" / "leaflet.js").is_file():
            log.warning("web assets missing: run scripts/build_web.sh to draw the map")
        app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app


def _events_of(store: SQLStore, doc_id: str) -> list[Event]:
    """Events with evidence in the document ``doc_id``."""
    finder = getattr(store, "events_for_document", None)
    if callable(finder):
        found: list[Event] = finder(doc_id)
        return found
    return [
        e for e in store.query_events(EventQuery())
        if any(ev.doc_id == doc_id for ev in e.evidence)
    ]


def app_from_env() -> FastAPI:
    """The app over ``FRONTLINES_DB``, uploads enabled by ``FRONTLINES_TOKEN``."""
    import os

    from ..settings import database_url

    return create_app(database_url(), token=os.environ.get("FRONTLINES_TOKEN") or None)
