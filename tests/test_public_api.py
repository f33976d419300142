"""The public Python API: everything in ``__all__`` exists and nothing public is missing."""

from __future__ import annotations

import frontlines


def test_all_names_exist() -> None:
    for name in frontlines.__all__:
        assert hasattr(frontlines, name), name


def test_all_is_complete() -> None:
    public = {
        n for n, v in vars(frontlines).items()
        if not n.startswith("_") and not getattr(v, "__name__", "").startswith("frontlines.")
        and n not in ("annotations", "TYPE_CHECKING", "Any", "Optional")
    }
    assert public - set(frontlines.__all__) == set()


def test_import_is_light() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", "import frontlines, sys; print('spacy' in sys.modules, 'pandas' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "False False"


def test_dataframe_and_query(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from frontlines.models import Document, Event, EventDate, Evidence, Extraction, Location

    store = frontlines.open_store(str(tmp_path / "t.db"))
    ev = Event(
        id="e1", type="Battles", subtype="Armed clash",
        location=Location(name="Aleppo", id="geonames:170063", lat=36.2, lon=37.16, admin1="Aleppo", country="SY"),
        date=EventDate(start="2016-05-01", end="2016-05-01"),
        evidence=[Evidence(doc_id="d1", sentence="Clashes in Aleppo.", char_start=0, char_end=18)],
    )
    store.add_extraction(Extraction(document=Document(id="d1", text="Clashes in Aleppo."), events=[ev]))
    store.replace_events([ev])
    assert [e.id for e in frontlines.query_events(store, place="Aleppo")] == ["e1"]
    df = frontlines.events_dataframe(store)
    assert list(df["location"]) == ["Aleppo"]
    store.close()


def test_ingest_stays_the_function_after_the_readers_load() -> None:
    import sys

    readers = sys.modules["frontlines.ingest"]
    assert callable(frontlines.ingest)
    assert readers.iter_documents is not None
    from frontlines.ingest import read_file  # noqa: F401

    assert callable(frontlines.ingest)
