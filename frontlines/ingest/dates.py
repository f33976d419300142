"""Publication dates as written by outlets and feeds, normalised to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_ISO = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:$|[T\s])")
_COMPACT = re.compile(r"(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})$")
_US = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})$")
_DAY_MONTH = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})$",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$",
    re.IGNORECASE,
)
#: Longest string handed to the slow fallback parser.
_MAX_FALLBACK_CHARS = 64


def _build(year: int, month: int, day: int) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def _two_digit_year(year: int) -> int:
    # News dates: 00-69 are this century, 70-99 the last one (the POSIX convention).
    return year + (2000 if year < 70 else 1900)


def _fast_parse(text: str) -> str | None:
    match = _ISO.match(text + " ")
    if match:
        return _build(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _COMPACT.match(text)
    if match:
        return _build(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _US.match(text)
    if match:
        year = int(match["year"])
        if len(match["year"]) == 2:
            year = _two_digit_year(year)
        return _build(year, int(match["month"]), int(match["day"]))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.match(text)
        if match:
            month = _month_number(match["month"])
            if month is None:
                return None
            return _build(int(match["year"]), month, int(match["day"]))
    return None


def _fallback_parse(text: str) -> str | None:
    if len(text) > _MAX_FALLBACK_CHARS or not re.search(r"\d", text):
        return None
    import dateparser  # slow to import: only loaded for unusual formats

    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # noqa: BLE001 - dateparser raises many kinds of error on odd input
        return None
    if parsed is None:
        return None
    return _build(parsed.year, parsed.month, parsed.day)


def normalise_date(value: Any) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or ``None`` when it is not a full date.

    Accepts ISO dates and datetimes, ``M/D/YY`` and ``M/D/YYYY`` (US order, as in most
    English-language feeds), ``D Month YYYY`` and ``Month D, YYYY`` (with or without a
    weekday), ``datetime.date`` objects; anything else goes to ``dateparser``. Partial
    dates (a month or a year alone) give ``None``: they are not a publication day.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > 200:
        return None
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    return _fallback_parse(text)
