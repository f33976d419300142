"""JSON Lines and JSON files of article records."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import InputError, MalformedInputError
from .document import RawRecord

#: Record keys read as each document field, first match wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "document_id", "unit_id"),
    "title": ("title", "headline", "article_title"),
    "text": ("text", "content", "body", "article_content"),
    "outlet": ("source", "outlet", "publisher"),
    "published": ("published", "date", "published_at", "publication_date"),
    "published_precision": ("published_precision",),
    "url": ("url", "link"),
}


def record_fields(
    record: Mapping[str, Any], columns: Mapping[str, str] | None = None
) -> tuple[Any, dict[str, Any]]:
    """Split a record into its text and its other fields, following ``columns`` if given.

    ``columns`` maps a document field (``text``, ``title``, ``published``, ``id``,
    ``source``/``outlet``, ``url``) to the key that holds it in the record.
    """
    mapping = {("outlet" if k == "source" else k): v for k, v in (columns or {}).items()}
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    values: dict[str, Any] = {}
    for name, keys in ALIASES.items():
        if name in mapping:
            key = mapping[name]
            value = record.get(key, lowered.get(key.strip().lower()))
        else:
            present = [lowered[k] for k in keys if k in lowered]
            value = next((v for v in present if v not in (None, "")), None)
            if value is None and present:
                value = present[0]
        values[name] = value
    text = values.pop("text")
    return text, values


def _record(
    value: Any, source: str, columns: Mapping[str, str] | None
) -> RawRecord | InputError:
    if not isinstance(value, dict):
        kind = type(value).__name__
        return MalformedInputError(f"is a JSON {kind}, not an object with a text", source=source)
    text, given = record_fields(value, columns)
    if text is None:
        return MalformedInputError(
            "has no text field (expected one of: text, content, body)", source=source
        )
    if not isinstance(text, str):
        return MalformedInputError("has a text field that is not a string", source=source)
    return RawRecord(source=source, text=text, given=given)


def read_jsonl(
    text: str, name: str, columns: Mapping[str, str] | None = None
) -> Iterator[RawRecord | InputError]:
    """One document per line; a broken line is reported as ``name:LINE`` and skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{name}:{number}"
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield MalformedInputError(f"is not valid JSON ({reason})", source=source)
            continue
        yield _record(value, source, columns)


def read_json(
    text: str, name: str, columns: Mapping[str, str] | None = None
) -> Iterator[RawRecord | InputError]:
    """A JSON list of records (each reported as ``name:N``, N from 1) or one record."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, json.JSONDecodeError):
            reason = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        else:
            reason = "nested too deeply"
        yield MalformedInputError(f"is not valid JSON ({reason})", source=name)
        return
    if isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield _record(item, f"{name}:{number}", columns)
    else:
        yield _record(value, name, columns)
