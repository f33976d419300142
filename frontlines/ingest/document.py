"""From what a reader found in a file to a :class:`~frontlines.models.Document`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import EmptyInputError, InputError, MalformedInputError, OversizedInputError
from ..models import Document
from ..store.base import content_hash
from .dates import normalise_date

#: Fields a record, a manifest entry or a page can state about a document.
FIELDS = ("id", "title", "outlet", "published", "published_precision", "url")
PRECISIONS = ("day", "inferred", "approximate", "unknown")


@dataclass
class RawRecord:
    """One document as a reader found it, before defaults and the manifest are applied.

    ``given`` holds what the record states itself (a JSONL object, a CSV row); ``inferred``
    what was guessed from the content (a title from the first line, page metadata). A
    manifest entry overrides guesses but never what a record states.
    """

    source: str
    text: Any
    given: dict[str, Any] = field(default_factory=dict)
    inferred: dict[str, Any] = field(default_factory=dict)


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def _pick(name: str, *layers: Mapping[str, Any] | None) -> str | None:
    for layer in layers:
        if layer:
            value = _as_text(layer.get(name))
            if value is not None:
                return value
    return None


def _published(
    raw: RawRecord, manifest: Mapping[str, Any] | None, default: str | None
) -> tuple[str | None, str]:
    layers: tuple[Mapping[str, Any] | None, ...] = (
        raw.given,
        manifest,
        raw.inferred,
        {"published": default},
    )
    for layer in layers:
        if not layer:
            continue
        date = normalise_date(_as_text(layer.get("published")))
        if date is None:
            continue
        precision = _as_text(layer.get("published_precision")) or "day"
        return date, precision if precision in PRECISIONS else "day"
    return None, "unknown"


def build_document(
    raw: RawRecord,
    *,
    path: str | Path | None = None,
    manifest: Mapping[str, Any] | None = None,
    published: str | None = None,
    source: str | None = None,
) -> Document | InputError:
    """Apply the manifest entry and the defaults to ``raw`` and check its text."""
    from .text import clean_text

    if not isinstance(raw.text, str):
        return MalformedInputError("has no text field (text, content or body)", source=raw.source)
    text = clean_text(raw.text)
    if not text.strip():
        return EmptyInputError("has an empty text", source=raw.source)
    limit = settings.MAX_DOCUMENT_CHARS
    if len(text) > limit:
        return OversizedInputError(
            f"has {len(text):,} characters of text, more than the limit of {limit:,}",
            source=raw.source,
        )
    digest = content_hash(text)
    date, precision = _published(raw, manifest, published)
    return Document(
        id=_pick("id", raw.given) or digest[:16],
        text=text,
        title=_pick("title", raw.given, manifest, raw.inferred) or "",
        source=_pick("outlet", raw.given, manifest, raw.inferred, {"outlet": source}),
        url=_pick("url", raw.given, manifest, raw.inferred),
        published=date,
        published_precision=precision,
        path=str(path) if path is not None else None,
        content_hash=digest,
    )
