"""Work run in separate processes by the concurrency tests (importable by spawn)."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier

from frontlines.store import open_store

from .sample import event, extraction


def store_documents(url: str, n_docs: int, barrier: Barrier) -> list[bool]:
    """Open the store (migrating it) and add the same ``n_docs`` documents as the others."""
    barrier.wait(timeout=60)
    store = open_store(url)
    try:
        return [
            store.add_extraction(extraction(f"d{i}", [event(f"r{i}", doc=f"d{i}")]))
            for i in range(n_docs)
        ]
    finally:
        store.close()
