"""Manifests: titles, outlets and dates for files, matched by path or by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from ingest_helpers import DATA, read

from frontlines.errors import InputError, MalformedInputError


def test_folder_manifest_fills_title_outlet_date_and_is_not_read() -> None:
    docs, errors = read(DATA / "corpus")
    assert errors == []
    first, second = docs  # first.txt, nested/second.md; .hidden.txt and manifest skipped
    assert (first.title, first.source, first.published, first.published_precision) == (
        "Tadmur retaken", "Example Wire", "2016-03-27", "approximate"
    )
    assert first.url == "https://example.org/tadmur"
    assert (second.title, second.source, second.published, second.published_precision) == (
        "Douma market shelled", "Other Outlet", "2016-03-03", "day"
    )


def test_explicit_manifest_matches_by_relative_path_or_name(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    (articles / "deep").mkdir(parents=True)
    shutil.copy(DATA / "article.txt", articles / "deep" / "one.txt")
    shutil.copy(DATA / "article.md", articles / "two.md")
    shutil.copy(DATA / "records.jsonl", articles / "feed.jsonl")
    (articles / "unlisted.txt").write_text("Unlisted\n\nNo entry.", encoding="utf-8")
    manifest = tmp_path / "meta.jsonl"
    lines = [
        {"file": "articles/deep/one.txt", "title": "By path", "outlet": "A", "published": "4/7/17"},
        {"file": "two.md", "title": "By name", "outlet": "B", "published": "2017-01-02",
         "published_precision": "approximate"},
        {"file": "feed.jsonl", "title": "Ignored for records with a title", "outlet": "C",
         "published": "2015-05-05"},
        {"title": "no file key"},
    ]
    manifest.write_text(
        "\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8"
    )
    docs, errors = read(articles, manifest=manifest, source="Fallback")
    assert [(type(e), e.source) for e in errors] == [
        (MalformedInputError, "meta.jsonl:4"),
        (MalformedInputError, "meta.jsonl:5"),
    ]
    by_title = {d.title: d for d in docs}
    assert by_title["By path"].source == "A"
    assert by_title["By path"].published == "2017-04-07"
    assert by_title["By path"].published_precision == "day"
    assert by_title["By name"].published_precision == "approximate"
    # Record values win over the manifest; the manifest fills what records lack.
    rec = by_title["Air strikes on Idlib"]
    assert (rec.source, rec.published) == ("Example Wire", "2016-02-15")
    untitled_date = by_title["No id here"]
    assert untitled_date.source == "C" and untitled_date.published == "2016-03-05"
    assert by_title["Unlisted"].source == "Fallback"
    assert by_title["Unlisted"].published_precision == "unknown"


def test_missing_manifest_is_reported_and_files_still_read(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    docs, errors = read(DATA / "article.txt", manifest=missing)
    assert len(docs) == 1
    (error,) = errors
    assert type(error) is InputError
    assert error.source == str(missing)


def test_seed_corpus_reads_with_its_manifest() -> None:
    seeds = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("seed corpus not present")
    docs, errors = read(seeds)
    assert errors == []
    assert len(docs) == 5
    assert all(d.published and d.published_precision == "approximate" for d in docs)
    # titles and dates come from the manifest (files read in name order), not from the text
    lines = (seeds / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    entries = sorted((json.loads(line) for line in lines if line.strip()), key=lambda e: e["file"])
    assert [(d.title, d.published) for d in docs] == [(e["title"], e["published"]) for e in entries]
    assert all(d.title for d in docs)
