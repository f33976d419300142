"""One test per supported format, on the sample files in tests/data/ingest."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ingest_helpers import DATA, read, split

from frontlines.errors import EmptyInputError, MalformedInputError
from frontlines.ingest import read_file


def _sha(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def test_text_file_title_is_first_line_and_text_is_kept() -> None:
    docs, errors = split(read_file(DATA / "article.txt"))
    assert errors == []
    (doc,) = docs
    raw = (DATA / "article.txt").read_text(encoding="utf-8")
    assert doc.title == "Government forces retake Tadmur"
    assert doc.text == raw
    assert doc.content_hash == _sha(raw)
    assert doc.id == _sha(raw)[:16]
    assert doc.published is None and doc.published_precision == "unknown"
    assert doc.path == str(DATA / "article.txt")


def test_markdown_heading_marks_are_stripped_from_the_title_only() -> None:
    (doc,) = split(read_file(DATA / "article.md"))[0]
    assert doc.title == "Shelling hits market in Douma"
    assert doc.text.startswith("# Shelling hits market in Douma ##")


def test_html_page_main_text_title_and_date() -> None:
    docs, errors = split(read_file(DATA / "page.html"))
    assert errors == []
    (doc,) = docs
    assert "entered the eastern district of Raqqa" in doc.text
    assert "families were trapped" in doc.text
    for boilerplate in ("not article text", "All rights reserved", "Log in"):
        assert boilerplate not in doc.text
    assert "Raqqa" in doc.title
    assert doc.published == "2017-06-06"
    assert doc.published_precision == "day"


def test_html_falls_back_to_tag_stripping(tmp_path: Path) -> None:
    page = tmp_path / "short.htm"
    page.write_text(
        "<html><head><title>Short note</title><style>p{}</style></head>"
        "<body><p>Shelling in Daraa.</p><script>x()</script></body></html>",
        encoding="utf-8",
    )
    (doc,) = split(read_file(page))[0]
    assert "Shelling in Daraa." in doc.text
    assert "x()" not in doc.text and "p{}" not in doc.text
    assert doc.title == "Short note"


def test_jsonl_records_keep_ids_and_aliases() -> None:
    docs, errors = split(read_file(DATA / "records.jsonl"))
    assert errors == []
    assert [d.id for d in docs[:2]] == ["rec-1", "rec-2"]
    first, second, third = docs
    assert first.source == "Example Wire" and first.url == "https://example.org/1"
    assert first.published == "2016-02-15"
    assert second.text.startswith("An aid convoy") and second.source == "Other Outlet"
    assert second.published == "2016-09-20"
    assert third.text.startswith("Rebels shelled")  # "body"
    assert third.id == _sha(third.text)[:16]
    assert third.published == "2016-03-05"


def test_jsonl_broken_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "a", "text": "First report of shelling."}\n'
        '{"id": "b", "text": "Broken\n'
        "\n"
        '["not", "an", "object"]\n'
        '{"id": "c", "title": "no text"}\n'
        '{"id": "d", "text": "   "}\n'
        '{"id": "e", "text": "Last report of shelling."}\n',
        encoding="utf-8",
    )
    docs, errors = split(read_file(path))
    assert [d.id for d in docs] == ["a", "e"]
    assert [(type(e), e.source) for e in errors] == [
        (MalformedInputError, "mixed.jsonl:2"),
        (MalformedInputError, "mixed.jsonl:4"),
        (MalformedInputError, "mixed.jsonl:5"),
        (EmptyInputError, "mixed.jsonl:6"),
    ]
    assert "not valid JSON" in errors[0].message


def test_json_list_and_single_object(tmp_path: Path) -> None:
    docs, errors = split(read_file(DATA / "records.json"))
    assert errors == []
    assert [d.id for d in docs] == ["j-1", "j-2"]
    assert docs[1].source == "Example Wire"
    one = tmp_path / "one.json"
    one.write_text('{"title": "Single", "text": "One record only."}', encoding="utf-8")
    (doc,) = split(read_file(one))[0]
    assert doc.title == "Single"


def test_csv_with_standard_columns_and_multiline_fields() -> None:
    docs, errors = split(read_file(DATA / "records.csv"))
    assert errors == []
    assert [d.id for d in docs] == ["c-1", "c-2"]
    assert docs[0].text == 'Clashes broke out north of Hama city on Thursday, "heavy" fighting was reported.'
    assert docs[1].text == "A car bomb exploded in Azaz,\nkilling at least 40 people, a monitor said."
    assert docs[1].published == "2017-01-07"
    assert docs[0].url == "https://example.org/c1" and docs[1].url is None


def test_csv_with_mapped_columns() -> None:
    columns = {"text": "article_content", "title": "article_title", "published": "date",
               "id": "unit_id"}
    docs, errors = split(read_file(DATA / "mapped.csv", csv_columns=columns))
    assert errors == []
    assert [(d.id, d.title, d.source, d.published) for d in docs] == [
        ("9001", "Strike on Khan Shaykhun", "reuters", "2017-04-04"),
        ("9002", "Raid on Manbij", "sana", "2016-08-12"),
    ]


def test_csv_large_field_and_bad_rows(tmp_path: Path) -> None:
    big = "word " * 40_000  # longer than the csv module's default field limit
    path = tmp_path / "big.csv"
    path.write_text(
        f'id,text\nbig,"{big}"\nshort,"too","many"\nok,Fine text.\n', encoding="utf-8"
    )
    docs, errors = split(read_file(path))
    assert [d.id for d in docs] == ["big", "ok"]
    assert [(type(e), e.source) for e in errors] == [(MalformedInputError, "big.csv:3")]


def test_csv_without_a_text_column_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "nocontent.csv"
    path.write_text("id,headline\n1,Something\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("A good article.\n", encoding="utf-8")
    docs, errors = read(path, good)
    assert len(docs) == 1
    (error,) = errors
    assert type(error) is MalformedInputError
    assert error.source == "nocontent.csv"
    assert "headline" in error.message


def test_explicit_published_and_source_fill_gaps_only(tmp_path: Path) -> None:
    shutil.copy(DATA / "article.txt", tmp_path / "a.txt")
    shutil.copy(DATA / "records.jsonl", tmp_path / "r.jsonl")
    docs, errors = read(tmp_path, published="7 April 2017", source="Given Outlet")
    assert errors == []
    by_id = {d.id: d for d in docs}
    txt = next(d for d in docs if d.path and d.path.endswith("a.txt"))
    assert (txt.published, txt.published_precision, txt.source) == (
        "2017-04-07", "day", "Given Outlet"
    )
    assert by_id["rec-1"].published == "2016-02-15"
    assert by_id["rec-1"].source == "Example Wire"


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden folder", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden file", encoding="utf-8")
    (tmp_path / "b" / "two.txt").write_text("Two", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Three", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.title for d in docs] == ["One", "Two", "Three"]
