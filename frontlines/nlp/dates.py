"""Date expressions in event sentences, resolved against the date of the document.

News reports past events, so resolution is biased to the past: "March 27" in a document
dated 2016-03-31 is 2016-03-27, and in a document dated 2016-03-20 it is 2015-03-27 (a
day no more than :data:`FUTURE_TOLERANCE_DAYS` ahead of the document is kept in its year,
for announced events). Expressions such as "three weeks later" are resolved against the
``anchor`` (the date of the previous event in the document) and left unresolved without one.

Every resolved value is a :class:`frontlines.models.EventDate` interval with a precision of
day, week, month or year (ACLED time precision 1, 2 and 3) and the mention text in ``text``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from frontlines.models import EventDate

__all__ = [
    "FUTURE_TOLERANCE_DAYS",
    "DateMention",
    "calendar_spans",
    "find_dates",
    "find_full_dates",
    "infer_document_date",
    "parse_published",
    "resolve_month_day",
]

#: A month-day without year that falls at most this many days after the document date is
#: read as an announced date of the same year rather than as a date of the previous year.
FUTURE_TOLERANCE_DAYS = 7

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple of": 2, "a few": 3, "few": 3, "several": 3, "some": 3, "couple of": 2,
}  # fmt: skip
#: Plain prepositions left out of a mention's span (they do not change its meaning).
PLAIN_PREPOSITIONS = frozenset(
    {"in", "on", "during", "of", "through", "throughout", "by", "from", "until", "till",
     "before", "after"}
)  # fmt: skip
#: Seasons of the northern hemisphere as (first month, last month); winter of a year runs
#: from December of the year before to February.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: character offsets, the text and its resolution.

    ``value`` is None for an expression relative to a previous event when no anchor is known.
    """

    start_char: int
    end_char: int
    text: str
    value: EventDate | None


# ---------------------------------------------------------------------------- intervals


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _day(d: dt.date, text: str) -> EventDate:
    return EventDate(start=_iso(d), end=_iso(d), precision="day", text=text)


def _span(start: dt.date, end: dt.date, precision: str, text: str) -> EventDate:
    return EventDate(start=_iso(start), end=_iso(end), precision=precision, text=text)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int, text: str, part: str | None = None) -> EventDate:
    """A month, or its early (1-10), middle (11-20) or late (21-end) part, at month precision."""
    first, last = dt.date(year, month, 1), _month_end(year, month)
    if part == "early":
        last = dt.date(year, month, 10)
    elif part == "mid":
        first, last = dt.date(year, month, 11), dt.date(year, month, 20)
    elif part == "late":
        first = dt.date(year, month, 21)
    return _span(first, last, "month", text)


def _year(year: int, text: str, part: str | None = None) -> EventDate:
    """A year (year precision), or its early (Jan-Apr), middle or late third (month precision)."""
    if part == "early":
        return _span(dt.date(year, 1, 1), dt.date(year, 4, 30), "month", text)
    if part == "mid":
        return _span(dt.date(year, 5, 1), dt.date(year, 8, 31), "month", text)
    if part == "late":
        return _span(dt.date(year, 9, 1), dt.date(year, 12, 31), "month", text)
    if part == "first half":
        return _span(dt.date(year, 1, 1), dt.date(year, 6, 30), "month", text)
    if part == "second half":
        return _span(dt.date(year, 7, 1), dt.date(year, 12, 31), "month", text)
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)


def _week_of(d: dt.date, text: str) -> EventDate:
    monday = d - dt.timedelta(days=d.weekday())
    return _span(monday, monday + dt.timedelta(days=6), "week", text)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _part(qualifier: str | None) -> str | None:
    """Map "late", "the end of", "mid" ... to early | mid | late | first half | second half."""
    if not qualifier:
        return None
    q = " ".join(qualifier.lower().replace("-", " ").split())
    if q in ("early", "the start of", "the beginning of", "the first days of"):
        return "early"
    if q in ("mid", "the middle of"):
        return "mid"
    if q in ("late", "the end of", "the last days of"):
        return "late"
    if q.endswith("first half of"):
        return "first half"
    if q.endswith("second half of"):
        return "second half"
    return None


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


def _month_number(token: str) -> int:
    return MONTHS[token.lower()[:3]]


def _year_number(token: str) -> int:
    y = int(token)
    if len(token) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def resolve_month_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The most recent ``month``/``day`` on or before ``ref`` (with the future tolerance)."""
    for year in (ref.year + 1, ref.year, ref.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= ref + dt.timedelta(days=FUTURE_TOLERANCE_DAYS):
            return candidate
    return None


def _last_weekday(weekday: int, ref: dt.date, strict: bool) -> dt.date:
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return ref - dt.timedelta(days=back)


# ----------------------------------------------------------------------------- patterns

_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_WEEKDAY_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?)(?![a-z])"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
    r"thirteen|fourteen|fifteen|twenty|thirty|a\s+couple\s+of|a\s+few|several|some)"
_QUAL_MONTH = (
    r"(?:early|mid|late|the\s+(?:start|beginning|end|middle|first\s+days|last\s+days)\s+of)"
)
_QUAL_YEAR = r"(?:early|mid|late|the\s+(?:start|beginning|end|middle|(?:first|second)\s+half)\s+of)"


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], dt.date, dt.date | None], EventDate | None]
    capitals: tuple[str, ...] = ()  # groups whose text must start with a capital letter


def _g(m: re.Match[str], name: str) -> str | None:
    value = m.group(name)
    return value if value is None else str(value)


def _full_mdy(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    try:
        d = dt.date(int(m["year"]), _month_number(m["month"]), int(re.sub(r"\D", "", m["day"])))
    except ValueError:
        return None
    return _day(d, m.group(0))


def _full_numeric(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    a, b, year = int(m["a"]), int(m["b"]), _year_number(m["year"])
    # Slashes are read month first (as in US usage) unless the first number cannot be a
    # month; dots and dashes day first (as in European and Arabic outlets).
    month, day = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
    if m["sep"] != "/" and b > 12 and a <= 12:
        month, day = a, b
    try:
        return _day(dt.date(year, month, day), m.group(0))
    except ValueError:
        return None


def _full_iso(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    try:
        return _day(dt.date(int(m["year"]), int(m["m"]), int(m["d"])), m.group(0))
    except ValueError:
        return None


def _month_day(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    day = int(re.sub(r"\D", "", m["day"]))
    d = resolve_month_day(_month_number(m["month"]), day, ref)
    return _day(d, m.group(0)) if d else None


def _month_year(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    return _month(int(m["year"]), _month_number(m["month"]), m.group(0), _part(_g(m, "q")))


def _bare_month(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    prep = (_g(m, "prep") or "").lower()
    qualifier = _g(m, "q")
    if not prep and not qualifier:
        return None
    month = _month_number(m["month"])
    if month == 5 and not qualifier and prep not in ("in", "since", "last", "this", "early"):
        return None  # "may" is more often a verb than a month
    year = ref.year if month <= ref.month else ref.year - 1
    if prep == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif prep == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif prep == "this":
        year = ref.year
    return _month(year, month, m.group(0), _part(qualifier))


def _season(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    first, last = SEASONS[m["season"].lower()]
    rel = (_g(m, "rel") or "").lower()
    if m["year"]:
        year = int(m["year"])
    elif rel in ("last", "this", "past"):
        # The most recent such season that has begun (strictly before the current one for last).
        year = ref.year + 1 if first == 12 else ref.year
        while True:
            start = dt.date(year - 1 if first == 12 else year, first, 1)
            end_season = _month_end(year, last)
            if start <= ref and (rel == "this" or end_season < ref):
                break
            year -= 1
    else:
        return None
    start = dt.date(year - 1 if first == 12 else year, first, 1)
    return _span(start, _month_end(year, last), "month", m.group(0))


def _part_year(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    return _year(int(m["year"]), m.group(0), _part(m["q"]))


def _plain_year(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    year = int(m["year"])
    if year > ref.year + 5:
        return None
    return _year(year, m.group(0))


def _relative_day(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    word = " ".join(m["w"].lower().split())
    text = m.group(0)
    if word in ("today", "tonight", "this morning", "this afternoon", "this evening",
                "earlier today", "later today"):  # fmt: skip
        return _day(ref, text)
    if word in ("yesterday", "last night", "yesterday morning", "yesterday evening"):
        return _day(ref - dt.timedelta(days=1), text)
    if word == "the day before yesterday":
        return _day(ref - dt.timedelta(days=2), text)
    if word == "tomorrow":
        return _day(ref + dt.timedelta(days=1), text)
    if word == "overnight":
        return _span(ref - dt.timedelta(days=1), ref, "day", text)
    return None


def _weekday(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    weekday = WEEKDAYS[m["wd"].lower()[:3]]
    rel = (_g(m, "rel") or "").lower()
    if rel == "next":
        ahead = (weekday - ref.weekday()) % 7 or 7
        return _day(ref + dt.timedelta(days=ahead), m.group(0))
    return _day(_last_weekday(weekday, ref, strict=rel in ("last", "past")), m.group(0))


def _relative_period(
    m: re.Match[str], ref: dt.date, anchor: dt.date | None
) -> EventDate | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    text = m.group(0)
    if rel.startswith("the "):
        rel = rel[4:]
        if rel in ("past", "last", "previous"):
            rel = "past"
    if rel in ("earlier this", "this"):
        rel = "this"
    if unit == "weekend":
        if rel == "next":
            saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7 or 7)
        else:
            saturday = _last_weekday(5, ref, strict=rel == "last" and ref.weekday() >= 5)
        return _span(saturday, saturday + dt.timedelta(days=1), "week", text)
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}.get(rel)
    if unit == "week":
        if rel == "past":
            return _span(ref - dt.timedelta(days=6), ref, "week", text)
        if shift is None:
            return None
        week = _week_of(ref + dt.timedelta(days=7 * shift), text)
        if shift == 0:
            week.end = _iso(ref)
        return week
    if unit == "month":
        if rel == "past":
            return _span(ref - dt.timedelta(days=29), ref, "month", text)
        if shift is None:
            return None
        year, month = _add_months(ref.year, ref.month, shift)
        value = _month(year, month, text)
        if shift == 0:
            value.end = _iso(ref)
        return value
    if unit == "year":
        if rel == "past":
            return _span(ref - dt.timedelta(days=364), ref, "year", text)
        if shift is None:
            return None
        value = _year(ref.year + shift, text)
        if shift == 0:
            value.end = _iso(ref)
        return value
    return None


def _shifted(
    base: dt.date, n: int, unit: str, sign: int, text: str, approximate: bool
) -> EventDate:
    if unit in ("hour", "minute"):
        return _day(base, text)
    if unit == "day":
        if approximate:  # "days later": within the following week
            lo, hi = (base + dt.timedelta(days=2), base + dt.timedelta(days=7))
            if sign < 0:
                lo, hi = base - dt.timedelta(days=7), base - dt.timedelta(days=2)
            return _span(lo, hi, "week", text)
        return _day(base + dt.timedelta(days=sign * n), text)
    if unit == "week":
        if approximate:
            n = 2
        centre = base + dt.timedelta(days=sign * 7 * n)
        return _span(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3), "week", text)
    if unit == "month":
        year, month = _add_months(base.year, base.month, sign * (2 if approximate else n))
        return _month(year, month, text)
    return _year(base.year + sign * (2 if approximate else n), text)


def _ago(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    n = _number(_g(m, "n"))
    unit = m["unit"].lower()
    return _shifted(ref, n or 2, unit, -1, m.group(0), approximate=n is None)


def _anchored(m: re.Match[str], ref: dt.date, anchor: dt.date | None) -> EventDate | None:
    if anchor is None:
        return None
    n = _number(_g(m, "n"))
    unit = m["unit"].lower()
    sign = 1 if m["dir"].lower().startswith(("later", "after")) else -1
    plural = m["unit_s"] is not None
    return _shifted(anchor, n or 1, unit, sign, m.group(0), approximate=n is None and plural)


def _anchored_day(
    m: re.Match[str], ref: dt.date, anchor: dt.date | None
) -> EventDate | None:
    if anchor is None:
        return None
    phrase = " ".join(m.group(0).lower().split())
    if any(w in phrase for w in ("next", "following", "after")):
        return _day(anchor + dt.timedelta(days=1), m.group(0))
    if any(w in phrase for w in ("previous", "before", "prior", "eve")):
        return _day(anchor - dt.timedelta(days=1), m.group(0))
    return _day(anchor, m.group(0))


_FIRST_LETTER = re.compile(r"(^|\(\?:|\(\?P<\w+>|\|)([a-z])")


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    """The patterns, compiled on first use. Earlier rules win ties of start and length."""

    def c(pattern: str) -> re.Pattern[str]:
        # Case-sensitive matching is several times faster than re.IGNORECASE; keywords may
        # start with a capital (at the start of a sentence), month and day names must.
        return re.compile(_FIRST_LETTER.sub(lambda m: f"{m[1]}[{m[2]}{m[2].upper()}]", pattern))

    wd_prefix = rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?"
    return (
        _Rule("mdy", c(rf"\b{wd_prefix}(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})"),
              _full_mdy, ("month", "wd")),
        _Rule("dmy", c(rf"\b{wd_prefix}(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH}),?"
                       rf"\s+(?P<year>{_YEAR})"), _full_mdy, ("month", "wd")),
        _Rule("mdy_glued", c(rf"\b(?P<month>{_MONTH})\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)\b"),
              _full_mdy, ("month",)),
        _Rule("iso", c(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), _full_iso),
        _Rule("numeric", c(r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
                           r"(?P<year>(?:19|20)\d\d)(?![\d])"), _full_numeric),
        _Rule("month_year", c(rf"\b(?:(?P<q>{_QUAL_MONTH})[\s-]+)?(?P<month>{_MONTH}),?\s+(?:of\s+)?"
                              rf"(?P<year>{_YEAR})"), _month_year, ("month",)),
        _Rule("month_day", c(rf"\b{wd_prefix}(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?![.,]?\d)"
                             r"(?!\s*(?:%|percent|per\s+cent|km|kilomet|mile))"),
              _month_day, ("month", "wd")),
        _Rule("day_month", c(rf"\b{wd_prefix}(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<month>{_MONTH})"
                             r"(?![a-z])"), _month_day, ("month", "wd")),
        _Rule("season", c(r"\b(?:the\s+)?(?:(?P<rel>last|this|past)\s+)?(?P<season>spring|summer|"
                          rf"fall|autumn|winter)(?:(?:\s+of)?\s+(?P<year>{_YEAR}))?"), _season),
        _Rule("part_year", c(rf"\b(?P<q>{_QUAL_YEAR})[\s-]+(?P<year>{_YEAR})"), _part_year),
        _Rule("bare_month", c(r"\b(?:(?P<prep>in|since|during|until|till|by|from|last|this|next|of|"
                              r"through|throughout|before|after)\s+)?(?:(?P<q>"
                              rf"{_QUAL_MONTH})[\s-]+)?(?P<month>{_MONTH})(?![a-z])(?![.,]?\s*\d)"),
              _bare_month, ("month",)),
        _Rule("relative_period", c(r"\b(?P<rel>last|this|next|previous|earlier\s+this|the\s+past|"
                                   r"the\s+previous|the\s+last|past)\s+(?P<unit>week|weekend|month|"
                                   r"year)\b"), _relative_period),
        _Rule("ago", c(rf"\b(?:(?P<n>{_NUM})\s+)?(?P<unit>day|week|month|year)s?\s+ago\b"), _ago),
        _Rule("anchored", c(rf"\b(?:(?P<n>{_NUM})\s+)?(?P<unit>hour|day|week|month|year)(?P<unit_s>s)?"
                            r"\s+(?P<dir>later|afterwards|after|earlier|before|prior|previously)\b"),
              _anchored),
        _Rule("anchored_day", c(r"\b(?:the\s+(?:next|following|previous|same)\s+day|the\s+day\s+"
                                r"(?:before|after)|later\s+that\s+day|(?:earlier|later)\s+that\s+"
                                r"(?:morning|evening|night)|on\s+the\s+eve)\b"), _anchored_day),
        _Rule("relative_day", c(r"\b(?P<w>the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|"
                                r"evening))?|today|tonight|tomorrow|overnight|last\s+night|this\s+"
                                r"(?:morning|afternoon|evening)|earlier\s+today|later\s+today)\b"),
              _relative_day),
        _Rule("weekday", c(rf"\b(?:(?P<rel>last|this|next|past|on)\s+)?(?P<wd>{_WEEKDAY_FULL})(?!s\b)"
                           r"(?![a-z])(?:\s+(?:morning|afternoon|evening|night))?"), _weekday,
              ("wd",)),
        _Rule("plain_year", c(r"(?<![\d,.$£€#/])(?<![A-Za-z]-)(?<!No\. )(?P<year>(?:19[5-9]|20[0-4])\d)(?![\d%])"
                              r"(?!-[a-z])(?![.,]\d)(?!\s*(?:%|percent|per\s+cent|people|persons|civilians|"
                              r"soldiers|fighters|troops|militants|rebels|men|women|children|"
                              r"families|refugees|dead|killed|wounded|km|kilomet|meters|metres|"
                              r"tons|tonnes|dollars|euros|hours|years|residents|members))"),
              _plain_year),
    )


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_FULL_RULES = ("mdy", "dmy", "mdy_glued", "iso", "numeric")


def _capitalised(m: re.Match[str], groups: tuple[str, ...]) -> bool:
    for name in groups:
        value = m.group(name)
        if value and not value[0].isupper():
            return False
    return True


def _after(m: re.Match[str], group: str) -> int:
    end = m.end(group)
    rest = m.string[end:m.end()]
    return end + len(rest) - len(rest.lstrip())


def _span_start(m: re.Match[str]) -> int:
    """Start of the mention, leaving out a leading plain preposition ("in May" -> "May")."""
    groups = m.re.groupindex
    if "prep" in groups and m.group("prep") and m.group("prep").lower() in PLAIN_PREPOSITIONS:
        return _after(m, "prep")
    if "rel" in groups and m.group("rel") and m.group("rel").lower() == "on":
        return _after(m, "rel")
    return m.start()


def _scan(
    text: str, ref: dt.date, anchor: dt.date | None, names: tuple[str, ...] | None = None
) -> list[DateMention]:
    candidates: list[tuple[int, int, int, re.Match[str], _Rule]] = []
    for order, rule in enumerate(_rules()):
        if names is not None and rule.name not in names:
            continue
        for m in rule.pattern.finditer(text):
            if not _capitalised(m, rule.capitals):
                continue
            start = _span_start(m)
            candidates.append((start, -(m.end() - start), order, m, rule))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    mentions: list[DateMention] = []
    taken_until = -1
    for start, _neg_len, _order, m, rule in candidates:
        end = m.end()
        if start < taken_until:
            continue
        value = rule.resolve(m, ref, anchor)
        if value is None and rule.name not in ("anchored", "anchored_day"):
            continue
        since = _SINCE.search(text, 0, start)
        if since:
            start = since.start()
        if value is not None and text[start:start + 5].lower() == "since" and value.start:
            value = EventDate(start=value.start, end=_iso(ref), precision=value.precision)
        mention_text = text[start:end]
        if value is not None:
            value.text = mention_text
        mentions.append(DateMention(start, end, mention_text, value))
        taken_until = end
    return mentions


def find_dates(
    text: str, ref: dt.date, *, anchor: dt.date | None = None
) -> list[DateMention]:
    """Find and resolve the date expressions of ``text`` against the document date ``ref``.

    ``anchor`` is the date of the previous event in the document; expressions relative to it
    ("three weeks later", "the next day") are returned with ``value=None`` when it is None.
    """
    return _scan(text, ref, anchor)


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of calendar dates ("12 February 2015", "March 27", "May 2016"), for
    readers that must not take their numbers for counts."""
    names = _FULL_RULES + ("month_year", "month_day", "day_month")
    return [(m.start_char, m.end_char) for m in _scan(text, dt.date(2100, 1, 1), None, names)]


def find_full_dates(text: str) -> list[DateMention]:
    """Only explicit day-month-year dates, which need no reference date."""
    return _scan(text, dt.date(2000, 1, 1), None, _FULL_RULES)


# ------------------------------------------------------------------- document dates

#: How far into a document a dateline may stand (after a repeated title and a byline).
DATELINE_WINDOW = 300
_DATELINE_BLOCKERS = re.compile(
    r"\b(?:on|in|since|until|till|from|before|after|of|between|and|by|to|during|since|"
    r"than|as\s+of)\s*,?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s+[A-Z\"]")
_FURNITURE = re.compile(
    r"copyright|\u00a9|\(c\)\s*\d{4}|all rights reserved|read more|related articles?|"
    r"terms of (?:use|service)|privacy policy|subscribe|newsletter",
    re.IGNORECASE,
)


def _line_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right]


def infer_document_date(text: str) -> EventDate | None:
    """The date of a document without a published date, read from its text.

    A dateline near the top ("Wed 05 Apr 2017 at 0914 ...", "12 February 2015 Casualties
    mount ...", or after a repeated title and a byline) wins; otherwise the latest explicit
    full date of the body outside page furniture (copyright lines, related links). The
    source of the answer is kept in ``text`` ("dateline: Wed 05 Apr 2017", "body: ...").
    """
    mentions = [m for m in find_full_dates(text) if m.value is not None and m.value.start]
    for mention in mentions:
        if mention.start_char > DATELINE_WINDOW:
            break
        before = text[max(0, mention.start_char - 30):mention.start_char]
        if mention.start_char > 0 and _DATELINE_BLOCKERS.search(before):
            continue
        if _SENTENCE_END.search(text, 0, mention.start_char) or _FURNITURE.search(
            _line_around(text, mention.start_char, mention.end_char)
        ):
            continue  # a dateline stands before the first sentence ends
        assert mention.value is not None
        return EventDate(
            start=mention.value.start,
            end=mention.value.end,
            precision="day",
            text=f"dateline: {mention.text.strip()}",
        )
    body = [
        m
        for m in mentions
        if not _FURNITURE.search(_line_around(text, m.start_char, m.end_char))
    ]
    if not body:
        return None
    latest = max(body, key=lambda m: (m.value.start if m.value else "", -m.start_char))
    assert latest.value is not None
    return EventDate(
        start=latest.value.start,
        end=latest.value.end,
        precision="day",
        text=f"body: {latest.text.strip()}",
    )


_PUBLISHED_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_PUBLISHED_NUMERIC = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:$|[T\s,])")


def parse_published(value: str) -> str | None:
    """Normalise a published field ("12/19/2016", "Dec 19, 2016", "2016-12-19T10:00:00Z",
    "4/7/17") to an ISO date, or None when it cannot be read as a full date."""
    if not value or not value.strip():
        return None
    m = _PUBLISHED_ISO.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = _PUBLISHED_NUMERIC.match(value)
    if m:
        a, b, year = int(m[1]), int(m[3]), _year_number(m[4])
        month, day = (a, b) if (m[2] == "/" and a <= 12) or b > 12 else (b, a)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    found = [d for d in find_full_dates(value) if d.value is not None]
    if found and found[0].value is not None:
        return found[0].value.start
    if not re.search(r"\d", value) or len(value) > 80:
        return None  # no day or year to read: spare the slow fallback
    return _parse_with_dateparser(value)


def _parse_with_dateparser(value: str) -> str | None:
    import dateparser  # imported here: it takes seconds to load

    try:
        parsed = dateparser.parse(
            value,
            settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"},
        )
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None
