"""Fixture stores for the analysis tests, built in code."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from frontlines.models import Document, Event, Extraction, Relation
from frontlines.store import SQLStore, open_store

from .handmade import StoreFactory, doc_of


@pytest.fixture
def build_store(tmp_path: Path) -> Iterator[StoreFactory]:
    """Build a store from reports (grouped into documents by their evidence) and relations."""
    opened: list[SQLStore] = []

    def build(
        reports: Sequence[Event] = (),
        relations: Sequence[tuple[str, Relation]] = (),
        rebuild: bool = True,
    ) -> SQLStore:
        from frontlines.analysis import rebuild_events

        store = open_store(str(tmp_path / f"t{len(opened)}.db"))
        opened.append(store)
        docs: dict[str, dict[str, Any]] = {}
        for r in reports:
            doc, source = doc_of(r)
            docs.setdefault(doc, {"source": source, "events": [], "relations": []})
            docs[doc]["events"].append(r)
        for doc, rel in relations:
            docs.setdefault(doc, {"source": None, "events": [], "relations": []})
            docs[doc]["relations"].append(rel)
        for doc, parts in docs.items():
            document = Document(id=doc, text=f"Text of {doc}.", source=parts["source"])
            assert store.add_extraction(
                Extraction(document=document, events=parts["events"], relations=parts["relations"])
            )
        if rebuild:
            rebuild_events(store)
        return store

    yield build
    for store in opened:
        store.close()
