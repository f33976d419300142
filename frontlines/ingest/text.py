"""Bytes to clean text: binary sniffing, encoding detection, Unicode clean-up; plain-text files."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator

from ..errors import BinaryInputError, EmptyInputError, EncodingInputError, InputError
from .document import RawRecord

#: File signatures of formats that are often dropped into a folder of articles by mistake.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
#: Share of control characters (other than tab, newline, carriage return, form feed)
#: above which a file is taken for binary.
MAX_CONTROL_SHARE = 0.01
#: Share of non-ASCII characters above which a Windows-1252 reading is not trusted.
MAX_CP1252_NON_ASCII_SHARE = 0.2

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters (Unicode category Cc) other than tab, line feed, vertical tab, form
# feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Zero-width and invisible formatting characters that split words without showing.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff]")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
#: Longest title kept; a longer first line is cut at a word boundary.
MAX_TITLE_CHARS = 300


def sniff_binary(data: bytes) -> str | None:
    """Return what ``data`` looks like when it is a known binary format, else ``None``."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return (len(text) - len(_CONTROLS.sub("", text))) / len(text)


def _clean_cp1252(text: str) -> bool:
    visible = len("".join(text.split()))
    if not visible:
        return True
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii / visible <= MAX_CP1252_NON_ASCII_SHARE


def decode_bytes(data: bytes, source: str) -> str | InputError:
    """Decode file bytes to text, or say in plain words why they are not text.

    Tries UTF-8 (with or without a byte-order mark), UTF-16/32 when a byte-order mark says
    so, then Windows-1252 only when that reading is clean (no undefined bytes, few
    non-ASCII letters); the result has its line ends normalised and is cleaned with
    :func:`clean_text`.
    """
    if not data.strip():
        return EmptyInputError("is empty (no text at all)", source=source)
    kind = sniff_binary(data)
    if kind is not None:
        return BinaryInputError(f"looks like {kind}, not text", source=source)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return EncodingInputError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start}); re-save it as UTF-8",
                    source=source,
                )
            break
    if text is None:
        if b"\x00" in data:
            return BinaryInputError(
                "contains NUL bytes, looks like a binary file, not text", source=source
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                candidate = data.decode("cp1252")
            except UnicodeDecodeError:
                candidate = None
            if candidate is None or not _clean_cp1252(candidate):
                return EncodingInputError(
                    f"is not valid UTF-8 (bad byte at offset {exc.start}) and does not read "
                    "cleanly as Windows-1252 either; re-save it as UTF-8",
                    source=source,
                )
            text = candidate
    share = _control_share(text)
    if share > MAX_CONTROL_SHARE:
        return BinaryInputError(
            f"has {share:.0%} control characters, looks like a binary file, not text",
            source=source,
        )
    text = clean_text(text)
    if not text.strip():
        return EmptyInputError("holds only whitespace", source=source)
    return text


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n``, drop zero-width characters and NUL, compose to NFC.

    Letters of every script (Arabic included, read right to left) are kept as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _ZERO_WIDTH.sub("", text)
    return unicodedata.normalize("NFC", text)


def title_from_text(text: str) -> str:
    """The first non-empty line, without Markdown heading marks, at most ~300 characters."""
    for line in text.split("\n", 50)[:50]:
        line = line.strip()
        if not line:
            continue
        line = _HEADING_CLOSE.sub("", _HEADING.sub("", line)).strip()
        if len(line) > MAX_TITLE_CHARS:
            cut = line.rfind(" ", 0, MAX_TITLE_CHARS)
            line = line[: cut if cut > 0 else MAX_TITLE_CHARS].rstrip() + "…"
        return line
    return ""


def read_text(text: str, source: str) -> Iterator[RawRecord | InputError]:
    """A ``.txt`` or ``.md`` file: one document, the first non-empty line is its title."""
    yield RawRecord(source=source, text=text, inferred={"title": title_from_text(text)})
