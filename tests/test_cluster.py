"""Ingest on a local Dask cluster stores exactly what a single-process ingest stores."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.models import ActorRef, Document, Event, EventDate, Evidence, Extraction, Location
from frontlines.pipeline import ingest
from frontlines.store import EventQuery, SQLStore, open_store

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

_LINE = re.compile(r"(?P<who>[A-Z][\w ]+?) (?:took|seized|captured) (?P<where>[A-Z]\w+)"
                   r" on (?P<when>\d{4}-\d{2}-\d{2})")


class RuleExtractor:
    """A stand-in extractor without spaCy: one territorial event per "X took Y on DATE"."""

    version = "rules-test"

    def extract(self, document: Document) -> Extraction:
        if "EXPLODE" in document.text:
            raise RuntimeError("cannot read this document")
        events = []
        for i, m in enumerate(_LINE.finditer(document.text)):
            who, where, when = m.group("who"), m.group("where"), m.group("when")
            events.append(Event(
                id=f"{document.id}-{i}", type="Battles",
                subtype="Non-state actor overtakes territory",
                actor1=ActorRef(name=who, id=who.lower().replace(" ", "-")),
                location=Location(name=where, id=f"test:{where.lower()}", lat=35.0, lon=38.0,
                                  admin1="Homs", country="SY"),
                date=EventDate(start=when, end=when), territorial=True,
                evidence=[Evidence(doc_id=document.id, sentence=m.group(0),
                                   char_start=m.start(), char_end=m.end(),
                                   source=document.source, published=document.published)],
            ))
        return Extraction(document=document, events=events, pipeline_version=self.version,
                          provisional_actors=sorted({e.actor1.name for e in events
                                                     if e.actor1}))

    def extract_many(self, documents: Iterable[Document],
                     batch_size: int = 8) -> Iterator[Extraction]:
        docs = list(documents)
        for doc in docs:  # like the real extractor, a bad document fails its whole batch
            if "EXPLODE" in doc.text:
                raise RuntimeError("batch failed")
        return iter([self.extract(d) for d in docs])


def rule_extractor() -> RuleExtractor:
    return RuleExtractor()


def write_corpus(folder: Path) -> list[str]:
    folder.mkdir()
    texts = {
        "a.txt": "Rebels took Aleppo on 2016-01-02. Later, Army took Homs on 2016-02-03.",
        "b.txt": "Local reports: Rebels took Aleppo on 2016-01-03, residents said.",
        "c.txt": "Islamic State seized Palmyra on 2015-05-21.",
        "d.txt": "Rebels took Aleppo on 2016-01-02. Later, Army took Homs on 2016-02-03.",  # = a
        "e.txt": "",  # rejected by the reader
        "f.txt": "Army captured Raqqa on 2017-10-17.",
        "g.txt": "This one EXPLODE s the extractor; Army took Deir on 2017-01-01.",
        "h.txt": "Nothing happened in Tartus today.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder)]


def snapshot(store: SQLStore) -> dict[str, Any]:
    return {
        "events": [e.to_dict() for e in store.query_events(EventQuery())],
        "reports": [r.to_dict() for r in store.iter_reports()],
        "documents": [d.to_dict() for d in store.documents(limit=1000)],
        "stats": store.stats(),
        "places": store.places(),
        "provisional": store.provisional_actors(),
    }


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_cluster_matches_single_process(tmp_path: Path, client: Any) -> None:
    from frontlines.cluster import ingest_distributed

    paths = write_corpus(tmp_path / "in")
    (tmp_path / "in" / "g.txt").unlink()  # a single-process ingest stops at that one
    with open_store(str(tmp_path / "one.db")) as one, open_store(str(tmp_path / "two.db")) as two:
        expected = ingest(paths, one, extractor=RuleExtractor())  # type: ignore[arg-type]
        got = ingest_distributed(paths, two, client=client, batch_size=2,
                                 extractor_factory=rule_extractor)
        assert got.to_dict() == expected.to_dict()
        assert (got.read, got.stored, got.skipped, len(got.errors)) == (6, 5, 1, 1)
        assert snapshot(two) == snapshot(one)
        assert snapshot(two)["stats"]["events"] == 4  # the two Aleppo reports merge


def test_cluster_reports_failing_documents_and_skips_stored(tmp_path: Path, client: Any) -> None:
    from frontlines.cluster import ingest_distributed, load_extractor

    assert set(client.run(load_extractor, rule_extractor).values()) == {None}
    paths = write_corpus(tmp_path / "in")
    with open_store(str(tmp_path / "two.db")) as store:
        report = ingest_distributed(paths, store, client=client, batch_size=3,
                                    extractor_factory=rule_extractor)
        assert report.read == 7 and report.stored == 5 and report.skipped == 1
        assert len(report.errors) == 2
        assert any("g.txt" in e and "cannot read this document" in e for e in report.errors)
        again = ingest_distributed(paths, store, client=client,
                                   extractor_factory=rule_extractor)
        assert again.stored == 0 and again.skipped == 6
        assert again.events == report.events == store.count_events(EventQuery())


def test_cluster_with_real_model_matches_single_process(tmp_path: Path) -> None:
    """Two worker processes with the spaCy model, started and stopped by the call."""
    from frontlines.cluster import ingest_distributed

    if not SEEDS.is_dir():
        pytest.skip(f"sample corpus {SEEDS} not present")
    with open_store(str(tmp_path / "one.db")) as one, open_store(str(tmp_path / "two.db")) as two:
        expected = ingest([SEEDS], one)
        got = ingest_distributed([SEEDS], two, workers=2, batch_size=2)
        assert got.to_dict() == expected.to_dict()
        assert expected.stored == 5 and expected.events > 0
        assert snapshot(two) == snapshot(one)
