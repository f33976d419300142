"""Ingest on a Dask cluster: the reading happens on the workers, the writing here.

:func:`ingest_distributed` reads files on the calling machine (the *driver*), skips the
documents already stored, and sends batches of documents to Dask workers. Each worker
process builds the extractor once (:func:`frontlines.pipeline.get_extractor` keeps one per
process) and sends back one :class:`~frontlines.models.Extraction` per document. The
driver writes them to the store in input order, one transaction per document, and then
rebuilds the merged events, so that the store ends up exactly as after
:func:`frontlines.pipeline.ingest` on the same inputs.

On one machine, with no address, a local cluster of worker processes is started and
stopped::

    from frontlines.cluster import ingest_distributed
    from frontlines.store import open_store

    report = ingest_distributed(["articles/"], open_store("frontlines.db"), workers=4)

On a real cluster, install frontlines with its ``cluster`` extra (and its spaCy model) on
every machine, then start a scheduler and workers, one thread per worker process (spaCy
holds the GIL)::

    dask-scheduler --port 8786                          # on the scheduler host
    dask-worker tcp://SCHEDULER:8786 --nworkers 8 --nthreads 1 --memory-limit 2GiB
                                                        # on each worker host

and run the ingest from any machine that can reach the scheduler and the store, with a
store every process can reach (a shared PostgreSQL server)::

    ingest_distributed(["articles/"], open_store("postgresql://user:pw@dbhost/frontlines"),
                       address="tcp://SCHEDULER:8786")

Only the driver reads the input files and writes to the store; workers need neither.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Protocol,
    Union,
)

from .errors import FrontlinesError
from .models import Document, Extraction
from .pipeline import IngestReport, cpu_count, get_extractor, merge_new_reports, new_documents

if TYPE_CHECKING:
    from distributed import Client

    from .store.base import SQLStore

__all__ = ["ExtractorLike", "extract_batch", "ingest_distributed", "load_extractor"]


class ExtractorLike(Protocol):
    """What a worker needs: :class:`frontlines.nlp.extract.Extractor` or a stand-in."""

    def extract_many(self, documents: Iterable[Document],
                     batch_size: int = 8) -> Iterator[Extraction]: ...

    def extract(self, document: Document) -> Extraction: ...


#: One worker result per document: its extraction, or why it could not be read.
Outcome = Union[Extraction, str]


def _default_factory() -> ExtractorLike:
    return get_extractor()


def load_extractor(factory: Callable[[], ExtractorLike] = _default_factory) -> None:
    """Build a worker's extractor ahead of the first batch: ``client.run(load_extractor)``."""
    factory()


def extract_batch(documents: Sequence[Document],
                  factory: Callable[[], ExtractorLike] = _default_factory) -> list[Outcome]:
    """Runs on a worker: read a batch; a document that fails is reported, not fatal.

    ``factory`` is called for every batch, so it should return a cached extractor
    (:func:`frontlines.pipeline.get_extractor` does).
    """
    extractor = factory()
    try:
        return list(extractor.extract_many(list(documents), batch_size=len(documents) or 1))
    except Exception:  # noqa: BLE001 - retried one by one: one bad document spoils no other
        outcomes: list[Outcome] = []
        for doc in documents:
            try:
                outcomes.append(extractor.extract(doc))
            except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop the ingest
                outcomes.append(f"{doc.path or doc.id}: {type(exc).__name__}: {exc}")
        return outcomes


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_client(address: str | None, workers: int | None) -> tuple[Any, Any]:
    """A client of the scheduler at ``address``, or of a new local cluster (returned too)."""
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise FrontlinesError(
            "distributed ingest needs Dask: pip install 'frontlines[cluster]'"
        ) from exc
    dist: Any = distributed  # untyped library
    if address:
        return dist.Client(address), None
    cluster = dist.LocalCluster(n_workers=workers or cpu_count(), threads_per_worker=1,
                           processes=True, dashboard_address=":0")
    return dist.Client(cluster), cluster


def ingest_distributed(
    paths: Sequence[str | Path],
    store: SQLStore,
    *,
    manifest: str | Path | None = None,
    published: str | None = None,
    source: str | None = None,
    csv_columns: Mapping[str, str] | None = None,
    workers: int | None = None,
    address: str | None = None,
    batch_size: int = 8,
    client: Client | None = None,
    extractor_factory: Callable[[], ExtractorLike] = _default_factory,
    on_error: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    rebuild: bool = True,
) -> IngestReport:
    """Read ``paths`` into ``store`` with the extraction spread over Dask workers.

    ``address`` names a running scheduler (``tcp://host:8786``); without it (and without
    ``client``, an existing :class:`distributed.Client`), a local cluster of ``workers``
    processes (default: one per CPU) is started for this call and stopped after it.
    ``extractor_factory`` runs on the workers and must be importable there. Bad inputs
    and documents the extractor cannot read are listed in ``report.errors``, never fatal.
    """
    from .ingest import iter_documents
    report = IngestReport()

    def error(line: str) -> None:
        report.errors.append(line)
        if on_error:
            on_error(line)

    def write(outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, str):
                error(outcome)
                continue
            try:
                if store.add_extraction(outcome):
                    report.stored += 1
                    report.reports += len(outcome.events)
                else:
                    report.skipped += 1
            except FrontlinesError as exc:
                error(f"{outcome.document.path or outcome.document.id}: {exc}")

    cluster: Any = None
    dask: Any = client  # distributed is untyped
    if client is None:
        dask, cluster = _start_client(address, workers)
    try:

        def window() -> int:
            """Batches in flight: two per worker thread (workers may join at any time)."""
            return 2 * max(1, int(sum(dask.nthreads().values())))

        pending: deque[tuple[Any, list[Document]]] = deque()  # written in input order

        def collect() -> None:
            future, batch = pending.popleft()
            try:
                outcomes: list[Outcome] = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker, a result that cannot travel
                outcomes = [f"{d.path or d.id}: extraction failed on the cluster:"
                            f" {type(exc).__name__}: {exc}" for d in batch]
            write(outcomes)

        fresh = new_documents(store, iter_documents(list(paths), manifest=manifest, published=published,
                                                    source=source, csv_columns=csv_columns),
                              report, error, progress)
        for batch in _batches(fresh, max(1, batch_size)):
            future = dask.submit(extract_batch, batch, extractor_factory, pure=False)
            pending.append((future, batch))
            while len(pending) >= window():
                collect()
        while pending:
            collect()
    finally:
        if client is None:  # started here, stopped here
            dask.close()
            if cluster is not None:
                cluster.close()
    if rebuild:
        report.events = merge_new_reports(store)
    return report
