"""The main job as library calls: read files, extract, store, update the picture."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FrontlinesError, InputError
from .models import Document, Extraction

if TYPE_CHECKING:
    from .nlp.extract import Extractor
    from .store.base import SQLStore


@dataclass
class IngestReport:
    """What an ingest did: counts, and one line per rejected input."""

    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store
    events: int = 0
    reports: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "skipped": self.skipped,
                "reports": self.reports, "events": self.events, "errors": list(self.errors)}


_EXTRACTORS: dict[str, Extractor] = {}


def get_extractor(model: str | None = None) -> Extractor:
    """The extractor for ``model``, built once per process."""
    from .nlp.extract import Extractor
    from .nlp.pipeline import load_pipeline
    from .settings import model_name

    name = model or model_name()
    if name not in _EXTRACTORS:
        _EXTRACTORS[name] = Extractor(load_pipeline(name))
    return _EXTRACTORS[name]


def extract(document: Document | str, *, published: str | None = None,
            extractor: Extractor | None = None) -> Extraction:
    """Read one document (or a text) with no database."""
    from .store import content_hash

    if isinstance(document, str):
        digest = content_hash(document)
        document = Document(id=digest[:16], text=document, content_hash=digest,
                            title=document.strip().split("\n", 1)[0][:200], published=published)
    elif published and not document.published:
        document.published = published
    return (extractor or get_extractor()).extract(document)


def ingest_documents(
    store: SQLStore,
    documents: Iterable[Document | InputError],
    *,
    extractor: Extractor | None = None,
    report: IngestReport | None = None,
    on_error: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    rebuild: bool = True,
) -> IngestReport:
    """Extract and store ``documents``; one transaction per document; skips stored ones."""
    report = report or IngestReport()

    def error(line: str) -> None:
        report.errors.append(line)
        if on_error:
            on_error(line)

    ex = extractor or get_extractor()
    for extraction in ex.extract_many(new_documents(store, documents, report, error, progress)):
        try:
            if store.add_extraction(extraction):
                report.stored += 1
                report.reports += len(extraction.events)
            else:
                report.skipped += 1
        except FrontlinesError as exc:
            error(f"{extraction.document.path or extraction.document.id}: {exc}")
    if rebuild:
        report.events = merge_new_reports(store)
    return report


def new_documents(
    store: SQLStore,
    items: Iterable[Document | InputError],
    report: IngestReport,
    error: Callable[[str], None],
    progress: Callable[[int], None] | None = None,
) -> Iterator[Document]:
    """The documents of ``items`` not stored yet; rejected inputs go to ``error``."""
    from .store import content_hash

    for item in items:
        if progress:
            progress(1)
        if isinstance(item, InputError):
            error(str(item))
            continue
        report.read += 1
        if not item.content_hash:
            item.content_hash = content_hash(item.text)
        if store.has_document(item.id, item.content_hash):
            report.skipped += 1
            continue
        yield item


def merge_new_reports(store: SQLStore) -> int:
    """Merge the reports no event holds yet (new ones, or left by an interrupted run),
    re-merging only the blocks they fall in; returns the number of events stored."""
    from .analysis.merge import update_events
    from .store import EventQuery

    update_events(store, store.unmerged_report_ids())
    return store.count_events(EventQuery())


def ingest(
    paths: Sequence[str | Path],
    store: SQLStore,
    *,
    manifest: str | Path | None = None,
    published: str | None = None,
    source: str | None = None,
    csv_columns: Mapping[str, str] | None = None,
    extractor: Extractor | None = None,
    on_error: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read files and folders into ``store``; bad inputs are reported, never fatal."""
    from .ingest import iter_documents

    docs = iter_documents(list(paths), manifest=manifest, published=published, source=source,
                          csv_columns=csv_columns)
    return ingest_documents(store, docs, extractor=extractor, on_error=on_error,
                            progress=progress)


def cpu_count() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
