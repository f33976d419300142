"""Helpers shared by the reader tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from frontlines.errors import InputError
from frontlines.ingest import iter_documents
from frontlines.models import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"

#: How many generated inputs each property test handed to the readers.
TRIED: Counter[str] = Counter()


def split(
    results: Iterable[Document | InputError],
) -> tuple[list[Document], list[InputError]]:
    """Documents and errors of a run, checking that nothing else comes out."""
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in results:
        if isinstance(item, Document):
            docs.append(item)
        else:
            assert isinstance(item, InputError), repr(item)
            errors.append(item)
    return docs, errors


def read(*paths: str | Path, **options: Any) -> tuple[list[Document], list[InputError]]:
    """Run ``iter_documents`` on ``paths`` and split its output."""
    return split(iter_documents(list(paths), **options))
