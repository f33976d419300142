"""frontlines: read news about armed conflicts and build the sourced picture they describe.

    >>> import frontlines
    >>> store = frontlines.open_store("frontlines.db")
    >>> report = frontlines.ingest(["articles/"], store)
    >>> events = frontlines.query_events(store, place="Palmyra")
    >>> df = frontlines.events_dataframe(store)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The readers' package is loaded first, so that the name ``frontlines.ingest`` stays the
# ingest function below once the package has been imported.
from . import ingest as _readers  # noqa: F401
from .errors import (
    FrontlinesError,
    InputError,
    KnowledgeError,
    PipelineError,
    StoreError,
    UsageError,
)
from .models import (
    ActorRef,
    ControlChange,
    Document,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Location,
    Period,
    Quantity,
    Relation,
)
from .pipeline import IngestReport, extract, get_extractor, ingest, ingest_documents
from .store import EventQuery, open_store

if TYPE_CHECKING:
    import pandas

    from .store.base import SQLStore

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "ControlChange",
    "Document",
    "Event",
    "EventDate",
    "EventQuery",
    "Evidence",
    "Extraction",
    "FrontlinesError",
    "IngestReport",
    "InputError",
    "KnowledgeError",
    "Location",
    "Period",
    "PipelineError",
    "Quantity",
    "Relation",
    "StoreError",
    "UsageError",
    "__version__",
    "events_dataframe",
    "extract",
    "get_extractor",
    "ingest",
    "ingest_documents",
    "open_store",
    "query_events",
    "timeline",
]


def query_events(store: SQLStore, query: EventQuery | None = None, **filters: Any) -> list[Event]:
    """Events matching ``query`` or keyword filters (place, actor, type, since, until, ...)."""
    if query is None:
        from .store import place_ids

        if filters.get("place") and "place_ids" not in filters:
            filters["place_ids"] = place_ids(filters["place"])
        query = EventQuery(**filters)
    return store.query_events(query)


def events_dataframe(store: SQLStore, query: EventQuery | None = None, **filters: Any) -> pandas.DataFrame:
    """Events as a pandas DataFrame, one row per event with flat columns."""
    import pandas

    from .exports.flat import COLUMNS, flat_row

    rows = [flat_row(e) for e in query_events(store, query, **filters)]
    return pandas.DataFrame(rows, columns=COLUMNS)


def timeline(store: SQLStore, place: str) -> dict[str, Any]:
    """Who held ``place`` when (periods with holder, start, end, evidence)."""
    from .analysis.control import timeline as _timeline

    return _timeline(store, place)
