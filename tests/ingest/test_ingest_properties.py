"""Property tests: whatever bytes a file holds, readers yield documents or input errors only."""

from __future__ import annotations

import atexit
import codecs
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import TRIED

from frontlines.errors import InputError
from frontlines.ingest import furniture_spans, normalise_date, read_file
from frontlines.models import Document

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Characters that readers must survive: Arabic (right to left), zero-width and bidi
#: controls, NUL and other controls, line breaks of every kind, markup and CSV/JSON syntax.
SPECIAL = list(
    "قصف على حلب دير الزور\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202e\u00ad"
    "\x00\x01\x1b\x7f\r\n\t\u2028\u2029<>&\"',{}[]#"
)
chars = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL))
texts = st.text(alphabet=chars, max_size=400)
huge_lines = st.builds(
    lambda piece, times: piece * times,
    st.text(alphabet=chars, min_size=1, max_size=16),
    st.integers(min_value=1_000, max_value=12_000),
)
any_text = st.one_of(texts, texts, huge_lines)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252"]

_TMP = Path(tempfile.mkdtemp(prefix="frontlines-ingest-fuzz-"))
atexit.register(shutil.rmtree, _TMP, True)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", "surrogatepass")
    return text.encode(encoding, "replace")


def _read(name: str, data: bytes, kind: str) -> list[Document | InputError]:
    TRIED[kind] += 1
    path = _TMP / name
    path.write_bytes(data)
    results = list(read_file(path))
    assert results, "every file yields at least a document or an error"
    for item in results:
        assert isinstance(item, (Document, InputError)), repr(item)
        if isinstance(item, Document):
            assert item.text.strip()
            assert item.id and len(item.content_hash) == 64
            assert item.published is None or ISO.match(item.published)
            assert item.published_precision in ("day", "inferred", "approximate", "unknown")
            assert "\u200b" not in item.text and "\ufeff" not in item.text
        else:
            assert item.message
            assert item.source is not None and item.source.startswith(name)
    return results


@FUZZ
@given(data=st.binary(max_size=2_000), suffix=st.sampled_from([".txt", ".md", ".html",
                                                                 ".jsonl", ".json", ".csv"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _read("bytes" + suffix, data, "random bytes")


@FUZZ
@given(text=any_text, encoding=st.sampled_from(ENCODINGS))
def test_text_reader(text: str, encoding: str) -> None:
    results = _read("doc.txt", _encode(text, encoding), "txt")
    if encoding.startswith("utf") and "\x00" not in text and text.strip():
        # Valid Unicode text without NUL is read, or refused for what it is.
        assert len(results) == 1


@FUZZ
@given(text=any_text)
def test_markdown_reader(text: str) -> None:
    _read("doc.md", ("# " + text).encode("utf-8", "replace"), "md")


TAGS = st.sampled_from(["div", "p", "span", "article", "script", "style", "nav", "b",
                        "table", "tr", "td", "title", "head", "body", "a", "li"])
MARKUP = st.sampled_from(["<!--", "-->", "<![CDATA[", "&amp;", "&#x0;", "<p", "\"", "'>",
                          "<meta property='article:published_time' content='"])


def _html(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        choice = draw(st.integers(0, 3))
        tag = draw(TAGS)
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(draw(texts))
        else:
            parts.append(draw(MARKUP))
    return "".join(parts)


@FUZZ
@given(page=st.composite(_html)(), encoding=st.sampled_from(ENCODINGS))
def test_html_reader(page: str, encoding: str) -> None:
    _read("page.html", _encode(page, encoding), "html")


@settings(FUZZ, max_examples=25)
@given(depth=st.integers(min_value=100, max_value=6_000),
       tag=st.sampled_from(["div", "span", "b", "table", "p"]),
       closed=st.booleans(),
       text=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=50))
def test_deeply_nested_html(depth: int, tag: str, closed: bool, text: str) -> None:
    page = "<html><body>" + f"<{tag}>" * depth + "Text about Homs " + text
    if closed:
        page += f"</{tag}>" * depth
    results = _read("nested.htm", page.encode("utf-8", "replace"), "nested html")
    assert any(isinstance(r, Document) and "Text about Homs" in r.text for r in results)


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts,
                   st.lists(texts, max_size=3), st.dictionaries(texts, texts, max_size=2))
KEYS = st.sampled_from(["id", "title", "text", "content", "body", "source", "outlet",
                        "published", "url", "published_precision", "other"])
RECORD = st.dictionaries(KEYS, VALUES, max_size=7)


def _record(draw: st.DrawFn) -> str:
    record = draw(RECORD)
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 4)) == 0:  # break it
        cut = draw(st.integers(0, max(0, len(line) - 1)))
        line = line[:cut] + draw(texts)
    return line


records = st.composite(_record)()


@FUZZ
@given(lines=st.lists(st.one_of(records, records, texts), max_size=8))
def test_jsonl_reader(lines: list[str]) -> None:
    _read("feed.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"), "jsonl")


@FUZZ
@given(lines=st.lists(records, max_size=6), depth=st.integers(0, 3_000),
       shape=st.integers(0, 2))
def test_json_reader(lines: list[str], depth: int, shape: int) -> None:
    if shape == 0:
        body = "[" + ",".join(lines) + "]"
    elif shape == 1:
        body = lines[0] if lines else "{}"
    else:
        body = "[" * depth + "]" * depth
    _read("feed.json", body.encode("utf-8", "surrogatepass"), "json")


@FUZZ
@given(header=st.lists(st.sampled_from(["id", "title", "text", "content", "date", "source",
                                        "url", "x"]), max_size=6),
       rows=st.lists(st.lists(st.one_of(texts, texts, texts, huge_lines), max_size=7),
                     max_size=6),
       quote=st.booleans())
def test_csv_reader(header: list[str], rows: list[list[str]], quote: bool) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    body = "\n".join([",".join(header)] + [",".join(cell(v) for v in row) for row in rows])
    _read("table.csv", body.encode("utf-8", "surrogatepass"), "csv")


def _spans_ok(text: str) -> Iterator[tuple[int, int]]:
    spans = furniture_spans(text)
    last = -1
    for start, end in spans:
        assert last < start < end <= len(text)
        last = end
        yield start, end


@FUZZ
@given(lines=st.lists(st.one_of(texts, st.sampled_from([
    "Subscribe", "Share on Facebook", "See more on this Topic", "Related articles",
    "Read more: something", "Jane Doe is a research fellow at a centre.",
    "Photo: AFP", "We use cookies to improve your experience.", "", "You agree to it"])),
    max_size=30))
def test_furniture_spans(lines: list[str]) -> None:
    TRIED["furniture"] += 1
    list(_spans_ok("\n".join(lines)))


@FUZZ
@given(value=st.one_of(texts, st.dates().map(str), st.datetimes().map(str),
                       st.dates().map(lambda d: d.strftime("%-m/%-d/%y")),
                       st.dates().map(lambda d: d.strftime("%d %B %Y")),
                       st.dates().map(lambda d: d.strftime("%B %d, %Y"))))
def test_normalise_date(value: str) -> None:
    TRIED["dates"] += 1
    result = normalise_date(value)
    assert result is None or ISO.match(result)
