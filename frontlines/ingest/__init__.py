"""Readers: text, Markdown, HTML, JSONL/JSON and CSV files to documents.

``iter_documents`` walks files and folders and yields a
:class:`~frontlines.models.Document` per good document and an
:class:`~frontlines.errors.InputError` per rejected file or record; it never raises for
bad input. ``furniture_spans`` finds page furniture (sign-up boxes, share widgets,
author bios, related-article lists, captions, cookie notices) in a document's text.
"""

from __future__ import annotations

from .dates import normalise_date
from .furniture import furniture_spans
from .manifest import Manifest, load_manifest
from .readers import READERS, iter_documents, read_file
from .text import decode_bytes

__all__ = [
    "READERS",
    "Manifest",
    "decode_bytes",
    "furniture_spans",
    "iter_documents",
    "load_manifest",
    "normalise_date",
    "read_file",
]
