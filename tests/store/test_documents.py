"""Documents and what is read from them: idempotence, transactions, relations."""

from __future__ import annotations

import sqlite3

import pytest

from frontlines.errors import NotFoundError, StoreError
from frontlines.models import Evidence, Quantity, Relation
from frontlines.store import EventQuery, SQLStore, content_hash

from .conftest import StoreOpener
from .sample import ISIS, RUSSIA, SAA, SDF, event, extraction


def reports_of(store: SQLStore) -> list[str]:
    return [r.id for r in store.iter_reports()]


def test_add_extraction_stores_document_and_reports(store: SQLStore) -> None:
    ex = extraction("d1", [event("r1", doc="d1"), event("r2", doc="d1")])
    assert store.add_extraction(ex)
    doc = store.get_document("d1")
    assert doc.title == "Title d1"
    assert doc.content_hash == content_hash("Text of d1.")
    assert store.has_document("d1", "x")
    assert store.has_document("other", content_hash("Text of d1."))
    assert not store.has_document("other", "x")
    assert reports_of(store) == ["r1", "r2"]
    assert [r.to_dict() for r in store.iter_reports()] == [e.to_dict() for e in ex.events]


def test_same_id_stored_once(store: SQLStore) -> None:
    assert store.add_extraction(extraction("d1", [event("r1")]))
    assert not store.add_extraction(extraction("d1", [event("r9")], text="Another text."))
    assert reports_of(store) == ["r1"]
    assert store.stats()["documents"] == 1


def test_same_text_stored_once(store: SQLStore) -> None:
    assert store.add_extraction(extraction("d1", [event("r1")], text="Same words."))
    assert not store.add_extraction(extraction("d2", [event("r2")], text="  Same words.\n"))
    assert reports_of(store) == ["r1"]
    with pytest.raises(NotFoundError):
        store.get_document("d2")


def test_exception_mid_document_leaves_nothing(store: SQLStore) -> None:
    bad = event("r2")
    bad.quantities = [Quantity(kind="killed", value={1, 2})]  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        store.add_extraction(extraction("d1", [event("r1"), bad]))
    assert not store.has_document("d1", content_hash("Text of d1."))
    assert reports_of(store) == []
    assert store.stats()["documents"] == 0
    # the connection is usable afterwards
    assert store.add_extraction(extraction("d1", [event("r1")]))
    assert reports_of(store) == ["r1"]


def test_database_error_mid_document_leaves_nothing(store: SQLStore) -> None:
    rel = Relation(source=SDF, target=ISIS, kind="fights")
    with pytest.raises((StoreError, sqlite3.Error)):  # two reports with one id
        store.add_extraction(extraction("d1", [event("r1"), event("r1")], relations=[rel],
                                        provisional=["Liwa X"]))
    assert store.stats()["documents"] == 0
    assert reports_of(store) == []
    assert store.relations() == []
    assert store.provisional_actors() == []
    assert store.add_extraction(extraction("d2", [event("r2")]))


def test_transaction_rolls_back_and_reopens(open_fresh: StoreOpener) -> None:
    store = open_fresh()
    store.add_extraction(extraction("d1", [event("r1")]))
    with pytest.raises(RuntimeError), store.transaction():
        store._execute("DELETE FROM reports")
        raise RuntimeError("stop")
    assert reports_of(store) == ["r1"]
    other = open_fresh()  # migrating again keeps the data
    assert reports_of(other) == ["r1"]


def test_documents_paging_and_delete(store: SQLStore) -> None:
    for i in range(5):
        ex = extraction(f"d{i}", [event(f"r{i}", doc=f"d{i}")])
        ex.document.published = f"2016-0{5 - i}-01" if i else None
        store.add_extraction(ex)
    ids = [d.id for d in store.documents(limit=10)]
    assert sorted(ids) == ["d0", "d1", "d2", "d3", "d4"]
    assert ids[1:] == ["d4", "d3", "d2", "d1"]  # dated ones by date
    assert [d.id for d in store.documents(limit=2, offset=2)] == ids[2:4]
    assert store.document_ids() == set(ids)
    store.delete_document("d2")
    assert store.document_ids() == {"d0", "d1", "d3", "d4"}
    assert "r2" not in reports_of(store)


def test_relations_and_provisional_actors(store: SQLStore) -> None:
    ev = Evidence(doc_id="d1", sentence="Russia backs the army.", char_start=0, char_end=22)
    rels = [
        Relation(source=RUSSIA, target=SAA, kind="supports", evidence=[ev], date="2016-03-01"),
        Relation(source=SDF, target=ISIS, kind="fights"),
    ]
    store.add_extraction(extraction("d1", [], relations=rels,
                                    provisional=["Liwa al-Quds", "Jaish X", "Liwa al-Quds"]))
    store.add_extraction(extraction("d2", [], provisional=["Liwa al-Quds"]))
    assert [r.to_dict() for r in store.relations()] == [r.to_dict() for r in rels]
    assert store.provisional_actors() == [("Liwa al-Quds", 2), ("Jaish X", 1)]
    assert store.stats()["relations"] == 2


def test_reports_feed_merged_events(store: SQLStore) -> None:
    from frontlines.analysis.merge import rebuild_events

    store.add_extraction(extraction("d1", [event("r1", doc="d1", actor1=SAA)]))
    store.add_extraction(extraction("d2", [event("r2", doc="d2", actor1=SAA)], text="Other."))
    n = rebuild_events(store)
    assert n == store.count_events(EventQuery()) >= 1
    merged = store.query_events(EventQuery())
    assert sorted(rid for e in merged for rid in e.report_ids) == ["r1", "r2"]
    assert store.get_event("r2").id == store.get_event("r1").id
