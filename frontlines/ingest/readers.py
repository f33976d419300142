"""Walk files and folders and read each supported file into documents.

Bad input never raises: every rejected file or record becomes an
:class:`~frontlines.errors.InputError` in the output, and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import (
    EmptyInputError,
    InputError,
    MalformedInputError,
    OversizedInputError,
    UnsupportedInputError,
)
from ..models import Document
from .csv import read_csv
from .document import RawRecord, build_document
from .html import read_html
from .jsonl import read_json, read_jsonl
from .manifest import Manifest, load_manifest
from .text import decode_bytes, read_text

Result = Document | InputError
PathLike = str | os.PathLike[str]
_Reader = Callable[[str, str, Mapping[str, str] | None], Iterator[RawRecord | InputError]]

#: Name of the manifest picked up in a folder when no manifest is given.
MANIFEST_NAME = "manifest.jsonl"


def _text_reader(text: str, name: str, _: Mapping[str, str] | None) -> Iterator[
    RawRecord | InputError
]:
    return read_text(text, name)


def _html_reader(text: str, name: str, _: Mapping[str, str] | None) -> Iterator[
    RawRecord | InputError
]:
    return read_html(text, name)


READERS: dict[str, _Reader] = {
    ".txt": _text_reader,
    ".md": _text_reader,
    ".markdown": _text_reader,
    ".html": _html_reader,
    ".htm": _html_reader,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}


def _read_bytes(path: Path, name: str) -> bytes | InputError:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return InputError(f"cannot be read ({exc.strerror or exc})", source=name)
    limit = settings.MAX_FILE_BYTES
    if size > limit:
        return OversizedInputError(
            f"is {size:,} bytes, larger than the limit of {limit:,} bytes", source=name
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return InputError(f"cannot be read ({exc.strerror or exc})", source=name)
    if len(data) > limit:  # grew while being read
        return OversizedInputError(f"is larger than the limit of {limit:,} bytes", source=name)
    return data


def _open_manifest(manifest: PathLike | Manifest | None) -> Manifest | InputError | None:
    if manifest is None or isinstance(manifest, Manifest):
        return manifest
    path = Path(manifest)
    if not path.is_file():
        return InputError("manifest does not exist or is not a file", source=str(path))
    data = _read_bytes(path, path.name)
    if isinstance(data, InputError):
        return data
    text = decode_bytes(data, path.name)
    if isinstance(text, InputError):
        return text
    return load_manifest(path, text)


def read_file(
    path: PathLike,
    *,
    manifest: PathLike | Manifest | None = None,
    published: str | None = None,
    source: str | None = None,
    csv_columns: Mapping[str, str] | None = None,
) -> Iterator[Result]:
    """Read one file into documents (several for JSONL, JSON and CSV files).

    Yields a :class:`Document` per good document and an :class:`InputError` per rejected
    file or record; never raises for bad input. ``published`` and ``source`` fill the
    publication date and the outlet of documents that state none.
    """
    loaded = _open_manifest(manifest)
    if isinstance(loaded, InputError):
        yield loaded
        loaded = None
    elif loaded is not None:
        yield from loaded.errors
    file = Path(path)
    if not file.exists():
        yield InputError("does not exist", source=str(path))
        return
    if not file.is_file():
        yield InputError("is not a regular file", source=str(path))
        return
    yield from _read_one(file, (loaded,), published, source, csv_columns)


def _lookup(manifests: Sequence[Manifest | None], file: Path) -> dict[str, Any] | None:
    """The entry for ``file`` in the first manifest that has one."""
    for manifest in manifests:
        entry = manifest.lookup(file) if manifest is not None else None
        if entry is not None:
            return entry
    return None


def _read_one(
    file: Path,
    manifests: Sequence[Manifest | None],
    published: str | None,
    source: str | None,
    csv_columns: Mapping[str, str] | None,
) -> Iterator[Result]:
    name = file.name
    suffix = file.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        what = f"extension {suffix!r}" if suffix else "no extension"
        yield UnsupportedInputError(f"has {what}; readable files are {known}", source=name)
        return
    data = _read_bytes(file, name)
    if isinstance(data, InputError):
        yield data
        return
    text = decode_bytes(data, name)
    if isinstance(text, InputError):
        yield text
        return
    entry = _lookup(manifests, file)
    count = 0
    try:
        for raw in reader(text, name, csv_columns):
            count += 1
            if isinstance(raw, InputError):
                yield raw
            else:
                yield build_document(
                    raw, path=file, manifest=entry, published=published, source=source
                )
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the batch
        yield MalformedInputError(
            f"could not be read ({type(exc).__name__}: {exc})", source=name
        )
        return
    if count == 0:
        yield EmptyInputError("holds no records", source=name)


def _walk(folder: Path, skip: set[Path]) -> Iterator[tuple[Path, Path | None]]:
    """Files under ``folder`` sorted by path, each with the nearest folder manifest.

    Hidden entries and symbolic links to folders are not followed.
    """
    # A stack of (folder, manifest in force there) with iterators over sorted entries.
    stack: list[tuple[Iterator[os.DirEntry[str]], Path | None]] = []

    def enter(path: Path, inherited: Path | None) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return
        local = path / MANIFEST_NAME
        here = local if any(e.name == MANIFEST_NAME and e.is_file() for e in entries) else inherited
        stack.append((iter(entries), here))

    enter(folder, None)
    while stack:
        entries, manifest = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            enter(Path(entry.path), manifest)
        elif entry.is_file() and entry.name != MANIFEST_NAME:
            path = Path(entry.path)
            if path.resolve() not in skip:
                yield path, manifest


def iter_documents(
    paths: Sequence[PathLike],
    *,
    manifest: PathLike | None = None,
    published: str | None = None,
    source: str | None = None,
    csv_columns: Mapping[str, str] | None = None,
) -> Iterator[Result]:
    """Read files and folders (recursively, in sorted order) into documents.

    Hidden files and folders are skipped, and so is the manifest. In folders, a file named
    ``manifest.jsonl`` is never read as documents: it describes the files of its folder
    and the folders below (the nearest one applies), after the ``manifest`` given here.
    Yields :class:`Document` and :class:`InputError` objects in reading order.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    explicit = _open_manifest(manifest)
    if isinstance(explicit, InputError):
        yield explicit
        explicit = None
    elif explicit is not None:
        yield from explicit.errors
    skip = {explicit.path.resolve()} if explicit is not None else set()
    opened: dict[Path, Manifest | None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file, local in _walk(path, skip):
                folder_manifest: Manifest | None = None
                if local is not None:
                    if local not in opened:
                        loaded = _open_manifest(local)
                        if isinstance(loaded, InputError):
                            yield loaded
                            loaded = None
                        elif loaded is not None:
                            yield from loaded.errors
                        opened[local] = loaded
                    folder_manifest = opened[local]
                manifests = (explicit, folder_manifest)
                yield from _read_one(file, manifests, published, source, csv_columns)
        elif path.is_file():
            if path.resolve() not in skip:
                yield from _read_one(path, (explicit,), published, source, csv_columns)
        else:
            yield InputError("does not exist", source=str(given))

