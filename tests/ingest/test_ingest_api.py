"""The public surface of frontlines.ingest and the date normaliser."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from pathlib import Path

import pytest
from ingest_helpers import read

from frontlines.errors import EmptyInputError
from frontlines.ingest import normalise_date

# ``frontlines.ingest`` is the ingest function; the readers' package is the module.
ingest = importlib.import_module("frontlines.ingest")


def test_all_is_complete_and_importable() -> None:
    public = {
        name
        for name, value in vars(ingest).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and name != "annotations"
    }
    assert set(ingest.__all__) == public
    for name in ("iter_documents", "read_file", "furniture_spans"):
        assert name in ingest.__all__


def test_iter_documents_signature() -> None:
    params = inspect.signature(ingest.iter_documents).parameters
    assert list(params) == ["paths", "manifest", "published", "source", "csv_columns"]
    assert all(p.kind is p.KEYWORD_ONLY for name, p in params.items() if name != "paths")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-12-19", "2016-12-19"),
        ("2016-12-19T10:30:00+02:00", "2016-12-19"),
        ("2016-12-19 10:30", "2016-12-19"),
        ("4/7/17", "2017-04-07"),
        ("12/19/2016", "2016-12-19"),
        ("19 December 2016", "2016-12-19"),
        ("19th Dec. 2016", "2016-12-19"),
        ("December 19, 2016", "2016-12-19"),
        ("Sept 3, 2015", "2015-09-03"),
        ("Monday, December 19, 2016", "2016-12-19"),
        ("20161219", "2016-12-19"),
        (dt.date(2016, 12, 19), "2016-12-19"),
        (dt.datetime(2016, 12, 19, 23, 59), "2016-12-19"),
        ("2016-02-30", None),
        ("13/45/16", None),
        ("March 2016", None),
        ("2016", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20161219, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [("header.csv", "id,title,text\n"), ("empty.json", "[]"), ("blank.jsonl", "\n \n")],
)
def test_files_without_records_are_empty(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    good = tmp_path / "z.txt"
    good.write_text("Good\n\nText.", encoding="utf-8")
    docs, errors = read(path, good)
    assert [d.title for d in docs] == ["Good"]
    (error,) = errors
    assert type(error) is EmptyInputError
    assert error.source == name
