"""Each kind of bad input gives its own error, named after the file, and the batch goes on."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from ingest_helpers import read

from frontlines import settings
from frontlines.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    OversizedInputError,
    UnsupportedInputError,
)
from frontlines.models import Document

GOOD_TEXT = "Fighting near Aleppo\n\nClashes continued near Aleppo on Monday.\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "a_good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def _only_error(paths: list[Path], good: Path, **options: object) -> InputError:
    """Read ``paths`` with the good file around them; return the single error."""
    docs, errors = read(good, *paths, good, **options)
    assert [d.title for d in docs] == ["Fighting near Aleppo", "Fighting near Aleppo"]
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path: Path, good: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = _only_error([path], good)
    assert type(error) is EmptyInputError
    assert error.source == "empty.txt"
    assert "empty" in error.message or "whitespace" in error.message


def test_nul_bytes_are_binary(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Some text\x00\x00 with NUL bytes inside")
    error = _only_error([path], good)
    assert type(error) is BinaryInputError
    assert error.source == "nul.txt"
    assert "NUL" in error.message


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
    ],
)
def test_binary_signatures(tmp_path: Path, good: Path, header: bytes, kind: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(header + b"plain looking tail " * 20)
    error = _only_error([path], good)
    assert type(error) is BinaryInputError
    assert error.source == "report.txt"
    assert kind in error.message and "not text" in error.message


def test_pdf_message_in_plain_words(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"%PDF-1.4\nrest")
    error = _only_error([path], good)
    assert error.message == "looks like a PDF file, not text"
    assert str(error) == "article.txt: looks like a PDF file, not text [FL102]"


def test_control_characters_are_binary(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"text \x01\x02\x03\x04\x05\x06 more text \x07\x08\x0e\x0f\x10" * 5)
    error = _only_error([path], good)
    assert type(error) is BinaryInputError
    assert "control characters" in error.message


def test_oversized_file_is_rejected_before_reading(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(settings.MAX_FILE_BYTES + 1)
    opened: list[Path] = []
    original = Path.open

    def spy(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        opened.append(self)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", spy)
    error = _only_error([path], good)
    assert type(error) is OversizedInputError
    assert error.source == "huge.txt"
    assert "larger than the limit" in error.message
    assert path not in opened


def test_oversized_document_text(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MAX_DOCUMENT_CHARS", 200)
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "%s"}\n{"text": "short"}\n' % ("x" * 500), encoding="utf-8")
    docs, errors = read(good, path)
    assert [d.text for d in docs] == [GOOD_TEXT, "short"]
    (error,) = errors
    assert type(error) is OversizedInputError
    assert error.source == "long.jsonl:1"
    assert "500 characters" in error.message


def test_invalid_encoding(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "latin.txt"
    # Not UTF-8, and 0x81/0x8d/0x90 are undefined in Windows-1252.
    path.write_bytes(b"Bad bytes \x81\x8d\x90 in a line of text\n")
    error = _only_error([path], good)
    assert type(error) is EncodingInputError
    assert error.source == "latin.txt"
    assert "UTF-8" in error.message


def test_mostly_non_ascii_cp1252_reading_is_not_trusted(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0xC0, 0xFF)) * 3)
    error = _only_error([path], good)
    assert type(error) is EncodingInputError


def test_encodings_that_read(tmp_path: Path) -> None:
    text = "Café in Qamishli\n\nA café was hit in Qamishli — three killed."
    files = {
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16be.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "cp1252.txt": text.encode("cp1252"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    docs, errors = read(tmp_path)
    assert errors == []
    assert len(docs) == 4
    assert {d.text for d in docs} == {text}
    assert {d.title for d in docs} == {"Café in Qamishli"}


def test_zero_width_removed_nfc_applied_arabic_kept(tmp_path: Path) -> None:
    arabic = "قصف على حلب"
    decomposed = unicodedata.normalize("NFD", "Café")
    path = tmp_path / "mixed.txt"
    path.write_text(f"{arabic}\u200b\n\n{decomposed} in Al\u200b-Bab\ufeff said \u200dthis.", "utf-8")
    docs, errors = read(path)
    assert errors == []
    (doc,) = docs
    assert doc.title == arabic
    assert doc.text == f"{arabic}\n\nCafé in Al-Bab said this."
    assert unicodedata.is_normalized("NFC", doc.text)


def test_unsupported_extension(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"whatever")
    error = _only_error([path], good)
    assert type(error) is UnsupportedInputError
    assert error.source == "slides.pptx"
    assert "'.pptx'" in error.message


def test_missing_path(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    error = _only_error([missing], good)
    assert type(error) is InputError
    assert error.source == str(missing)
    assert "does not exist" in error.message


def test_deeply_nested_and_truncated_html(tmp_path: Path, good: Path) -> None:
    nested = tmp_path / "nested.html"
    nested.write_text(
        "<html><body>" + "<div>" * 5000 + "<p>Deep text about Homs.</p>" + "</div>" * 5000,
        encoding="utf-8",
    )
    truncated = tmp_path / "truncated.html"
    truncated.write_text(
        "<html><head><title>Cut</title></head><body><p>Shelling hit Idlib on Monday, "
        "a monitor said.</p><p>More text that is cut off <a href=\"x", encoding="utf-8"
    )
    docs, errors = read(good, nested, truncated)
    assert errors == []
    assert all(isinstance(d, Document) for d in docs)
    assert "Deep text about Homs." in docs[1].text
    assert "Shelling hit Idlib" in docs[2].text


def test_html_without_text_is_empty(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x=1</script></head><body> </body></html>", "utf-8")
    error = _only_error([path], good)
    assert type(error) is EmptyInputError
    assert error.source == "blank.html"
