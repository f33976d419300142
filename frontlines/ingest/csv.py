"""CSV files of article records, one document per row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping

from ..errors import InputError, MalformedInputError
from .document import RawRecord
from .jsonl import ALIASES, record_fields


def _raise_field_limit() -> None:
    limit = sys.maxsize
    while True:  # the C long behind the limit may be narrower than sys.maxsize
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


def read_csv(
    text: str, name: str, columns: Mapping[str, str] | None = None
) -> Iterator[RawRecord | InputError]:
    """One document per row, reported as ``name:LINE`` (the line where the row starts).

    Columns are found by name (``text``/``content``/``body``, ``title``, ``published``/
    ``date``, ``id``, ``source``/``outlet``, ``url``, any case) or through ``columns``,
    which maps a field to a column name, e.g. ``{"text": "article_content"}``.
    """
    _raise_field_limit()
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield MalformedInputError(f"has an unreadable header row ({exc})", source=f"{name}:1")
        return
    header = [h.strip() for h in header]
    lowered = {h.lower() for h in header}
    text_column = (columns or {}).get("text")
    if text_column is not None:
        found = text_column.strip().lower() in lowered
        wanted = f"the column {text_column!r}"
    else:
        found = any(k in lowered for k in ALIASES["text"])
        wanted = "a text column (text, content or body; or pass csv_columns)"
    if not found:
        shown = ", ".join(header[:12]) or "none"
        yield MalformedInputError(f"has no {wanted}; its columns are: {shown}", source=name)
        return
    missing = [c for c in (columns or {}).values() if c.strip().lower() not in lowered]
    if missing:
        yield MalformedInputError(f"lacks the mapped columns {missing}", source=name)
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield MalformedInputError(f"is not a valid CSV row ({exc})", source=f"{name}:{start}")
            if reader.line_num < start:  # no progress: stop rather than loop
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        source = f"{name}:{start}"
        if len(row) != len(header):
            yield MalformedInputError(
                f"has {len(row)} fields where the header has {len(header)}", source=source
            )
            continue
        record = dict(zip(header, row))
        body, given = record_fields(record, columns)
        yield RawRecord(source=source, text=body if body is not None else "", given=given)
