"""The annotated articles: their schema, reading, and the checks a file must pass.

One JSON object a line (``annotations/*.jsonl``); ``docs/annotations.md`` describes every
field. An article holds its text (or a ``path`` to it, for texts that may not be copied),
its publication date, its split, and the complete list of events a coder found in it by
CODING.md, each with a verbatim evidence quote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import InputError
from ..knowledge.taxonomy import load_taxonomy
from .split import split_of

FACTUAL = ("asserted", "reported", "claimed", "alleged")
SETS = ("fakes", "voa", "seeds", "ucdp")

_STRICT = ConfigDict(extra="forbid", frozen=True)


class GoldPlace(BaseModel):
    """Where it happened: acceptable names of the most specific place, and its region."""

    model_config = _STRICT
    names: list[str] = Field(default_factory=list)
    admin1: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    precision: Literal[1, 2, 3]


class GoldDate(BaseModel):
    """When: an inclusive ISO range; ``unknown`` (both ends null) when the text gives no cue."""

    model_config = _STRICT
    start: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    end: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    precision: Literal["day", "week", "month", "year", "unknown"]

    @model_validator(mode="after")
    def _consistent(self) -> GoldDate:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end, or neither")
        if (self.start is None) != (self.precision == "unknown"):
            raise ValueError("precision 'unknown' exactly when start and end are null")
        if self.start and self.end and self.start > self.end:
            raise ValueError("start is after end")
        return self


class GoldEvent(BaseModel):
    """One happening as a careful coder codes it (CODING.md §3)."""

    model_config = _STRICT
    type: str
    subtype: str
    actor1: list[str]
    actor2: list[str]
    place: GoldPlace | None
    date: GoldDate
    fatalities: int | None = Field(ge=0)
    modality: Literal["asserted", "reported", "claimed", "alleged"]
    evidence: list[str] = Field(min_length=1)
    background: bool = False

    @model_validator(mode="after")
    def _known_subtype(self) -> GoldEvent:
        subtypes = load_taxonomy().subtypes
        if self.subtype not in subtypes:
            raise ValueError(f"unknown subtype {self.subtype!r}")
        if subtypes[self.subtype].type != self.type:
            raise ValueError(f"subtype {self.subtype!r} belongs to {subtypes[self.subtype].type!r}")
        return self


class GoldArticle(BaseModel):
    """One article with the complete list of its events."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    set: Literal["fakes", "voa", "seeds", "ucdp"]
    split: Literal["dev", "heldout"]
    title: str = ""
    text: str | None = None
    path: str | None = None
    source: str | None = None
    url: str | None = None
    published: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    published_from: Literal["dateline", "label", "metadata"]
    credit: str | None = None
    coder: str = Field(min_length=1)
    events: list[GoldEvent]
    not_events: list[str] = Field(default_factory=list)
    reference: list[dict[str, str]] | None = None

    @model_validator(mode="after")
    def _text_or_path(self) -> GoldArticle:
        if (self.text is None) == (self.path is None):
            raise ValueError("give either text or path")
        if self.split != split_of(self.id):
            raise ValueError(f"split must be {split_of(self.id)!r} (fixed by the id's hash)")
        return self


def article_text(article: GoldArticle, base: Path) -> str:
    """The article's text: stored, or read from ``path`` relative to ``base``."""
    if article.text is not None:
        return article.text
    assert article.path is not None
    target = (base / article.path).resolve()
    try:
        return target.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the text of {article.id}: {exc.strerror}",
                         source=str(target)) from exc


def read_articles(path: str | Path) -> list[GoldArticle]:
    """Every article of an annotation file; an invalid line raises with its line number."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(GoldArticle.model_validate_json(line))
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise InputError(f"{where}: {first['msg']}", source=f"{path}:{n}") from exc
    return out


def problems(article: GoldArticle, text: str) -> Iterator[str]:
    """What is wrong with an article beyond its schema: quotes not found verbatim."""
    for i, ev in enumerate(article.events):
        for q in ev.evidence:
            if q not in text:
                yield f"{article.id} event {i}: evidence not verbatim: {q[:80]!r}"
        if ev.place is not None and not ev.place.names and (ev.place.admin1 or not ev.place.country):
            yield f"{article.id} event {i}: a place with no name is a country (country, no admin1)"
    for q in article.not_events:
        if q not in text:
            yield f"{article.id} not_events: quote not verbatim: {q[:80]!r}"


def check_files(paths: Iterable[str | Path], base: Path) -> list[str]:
    """Every problem of the given annotation files, schema errors first."""
    found: list[str] = []
    ids: dict[str, str] = {}
    for path in paths:
        try:
            articles = read_articles(path)
        except InputError as exc:
            found.append(str(exc))
            continue
        for a in articles:
            if a.id in ids:
                found.append(f"{a.id} is in {ids[a.id]} and {path}")
            ids[a.id] = str(path)
            try:
                found.extend(problems(a, article_text(a, base)))
            except InputError as exc:
                found.append(str(exc))
    return found


def dump_article(article: GoldArticle) -> str:
    """One line of an annotation file: the article's fields, those it lacks left out."""
    data = {k: v for k, v in article.model_dump().items() if v is not None}
    return json.dumps(data, ensure_ascii=False)
