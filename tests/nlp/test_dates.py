"""Date expressions resolved against a document date, datelines, published fields."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines.models import EventDate
from frontlines.nlp.dates import (
    DateMention,
    calendar_spans,
    find_dates,
    infer_document_date,
    parse_published,
)

D = dt.date


def only(text: str, ref: dt.date, anchor: dt.date | None = None) -> DateMention:
    mentions = find_dates(text, ref, anchor=anchor)
    assert len(mentions) == 1, mentions
    return mentions[0]


def interval(text: str, ref: dt.date, anchor: dt.date | None = None) -> tuple[str, str, str]:
    value = only(text, ref, anchor).value
    assert value is not None and value.start and value.end
    return value.start, value.end, value.precision


# (sentence, document date, expected mention text, start, end, precision)
CASES = [
    # month and day, no year: the most recent one on or before the document
    ("Clashes erupted on March 27 near the town.", D(2016, 3, 31), "March 27",
     "2016-03-27", "2016-03-27", "day"),
    ("The strike on Dec. 11 hit a market.", D(2016, 12, 19), "Dec. 11",
     "2016-12-11", "2016-12-11", "day"),
    ("Rebels withdrew on December 28.", D(2017, 1, 3), "December 28",
     "2016-12-28", "2016-12-28", "day"),
    ("The offensive began on 5 June.", D(2015, 6, 2), "5 June",
     "2015-06-05", "2015-06-05", "day"),  # three days ahead: an announced date
    ("The siege ended on 20 June.", D(2015, 6, 2), "20 June",
     "2014-06-20", "2014-06-20", "day"),
    ("Troops entered the town on the 3rd of May.", D(2016, 5, 10), "the 3rd of May",
     "2016-05-03", "2016-05-03", "day"),
    ("The attack took place on October 14.", D(2016, 10, 20), "October 14",
     "2016-10-14", "2016-10-14", "day"),
    # weekdays
    ("A monitor said on Sunday that 12 were killed.", D(2016, 7, 10), "Sunday",
     "2016-07-10", "2016-07-10", "day"),  # the document is a Sunday: that Sunday
    ("Jets struck the town on Sunday.", D(2016, 7, 13), "Sunday",
     "2016-07-10", "2016-07-10", "day"),
    ("The convoy was hit last Friday.", D(2016, 7, 15), "last Friday",
     "2016-07-08", "2016-07-08", "day"),
    ("Shelling resumed on Tuesday morning.", D(2016, 7, 15), "Tuesday morning",
     "2016-07-12", "2016-07-12", "day"),
    # days relative to the document
    ("The army said yesterday it had retaken the hill.", D(2016, 3, 1), "yesterday",
     "2016-02-29", "2016-02-29", "day"),
    ("Talks resume today in Geneva.", D(2016, 3, 1), "today",
     "2016-03-01", "2016-03-01", "day"),
    ("Fighting raged overnight in the old city.", D(2016, 3, 1), "overnight",
     "2016-02-29", "2016-03-01", "day"),
    ("Explosions were heard last night.", D(2016, 3, 1), "last night",
     "2016-02-29", "2016-02-29", "day"),
    # weeks, months, years relative to the document
    ("Dozens were arrested last week.", D(2016, 7, 13), "last week",
     "2016-07-04", "2016-07-10", "week"),
    ("The town fell last month.", D(2016, 3, 15), "last month",
     "2016-02-01", "2016-02-29", "month"),
    ("The town fell last month.", D(2016, 1, 15), "last month",
     "2015-12-01", "2015-12-31", "month"),
    ("The group was formed last year.", D(2016, 3, 15), "last year",
     "2015-01-01", "2015-12-31", "year"),
    ("More strikes were carried out this year.", D(2016, 3, 15), "this year",
     "2016-01-01", "2016-03-15", "year"),
    ("The group was founded two years ago.", D(2016, 3, 15), "two years ago",
     "2014-01-01", "2014-12-31", "year"),
    ("The hospital was bombed three days ago.", D(2016, 3, 15), "three days ago",
     "2016-03-12", "2016-03-12", "day"),
    ("Aid arrived over the past week.", D(2016, 3, 15), "the past week",
     "2016-03-09", "2016-03-15", "week"),
    # months
    ("The rebels took the town in May.", D(2016, 8, 1), "May",
     "2016-05-01", "2016-05-31", "month"),
    ("The rebels took the town in May.", D(2016, 3, 1), "May",
     "2015-05-01", "2015-05-31", "month"),
    ("The siege started in May 2016.", D(2017, 1, 1), "May 2016",
     "2016-05-01", "2016-05-31", "month"),
    ("Fighting resumed in October 2016 near the dam.", D(2017, 1, 1), "October 2016",
     "2016-10-01", "2016-10-31", "month"),
    ("The offensive began in late September 2017.", D(2017, 11, 1), "late September 2017",
     "2017-09-21", "2017-09-30", "month"),
    ("Talks collapsed at the start of November 2014.", D(2016, 1, 1), "the start of November 2014",
     "2014-11-01", "2014-11-10", "month"),
    ("Fighting flared in mid-August.", D(2016, 9, 1), "mid-August",
     "2016-08-11", "2016-08-20", "month"),
    ("The town was besieged since March 2013.", D(2014, 2, 1), "since March 2013",
     "2013-03-01", "2014-02-01", "month"),
    # years and parts of years
    ("The camp was built in 2015.", D(2017, 1, 1), "2015",
     "2015-01-01", "2015-12-31", "year"),
    ("The group has held the town since 2014.", D(2017, 1, 1), "since 2014",
     "2014-01-01", "2017-01-01", "year"),
    ("The dam was captured in early 2016.", D(2017, 1, 1), "early 2016",
     "2016-01-01", "2016-04-30", "month"),
    ("The dam was captured in mid 2016.", D(2017, 1, 1), "mid 2016",
     "2016-05-01", "2016-08-31", "month"),
    ("The dam was captured in late 2016.", D(2017, 1, 1), "late 2016",
     "2016-09-01", "2016-12-31", "month"),
    ("The city was shelled in the fall of 2013.", D(2017, 1, 1), "the fall of 2013",
     "2013-09-01", "2013-11-30", "month"),
    ("Refugees froze in the winter of 2016.", D(2017, 1, 1), "the winter of 2016",
     "2015-12-01", "2016-02-29", "month"),
    ("Talks were held in the spring of 2014.", D(2017, 1, 1), "the spring of 2014",
     "2014-03-01", "2014-05-31", "month"),
    ("The offensive stalled in the summer of 2015.", D(2017, 1, 1), "the summer of 2015",
     "2015-06-01", "2015-08-31", "month"),
    # full dates
    ("The report is dated 19 January 2015.", D(2016, 1, 1), "19 January 2015",
     "2015-01-19", "2015-01-19", "day"),
    ("It happened on Tuesday, March 12, 2019.", D(2019, 3, 15), "Tuesday, March 12, 2019",
     "2019-03-12", "2019-03-12", "day"),
    ("The blast on Sept. 3, 2014 killed five.", D(2016, 1, 1), "Sept. 3, 2014",
     "2014-09-03", "2014-09-03", "day"),
    ("Posted 2016-12-19 by the agency.", D(2016, 12, 19), "2016-12-19",
     "2016-12-19", "2016-12-19", "day"),
    ("Sputnik 20.04.2017 The death toll rose.", D(2017, 4, 20), "20.04.2017",
     "2017-04-20", "2017-04-20", "day"),
]  # fmt: skip


@pytest.mark.parametrize("text,ref,expected_text,start,end,precision", CASES)
def test_resolves_date_expressions(
    text: str, ref: dt.date, expected_text: str, start: str, end: str, precision: str
) -> None:
    mention = only(text, ref)
    assert mention.text == expected_text
    assert text[mention.start_char:mention.end_char] == expected_text
    assert mention.value == EventDate(start=start, end=end, precision=precision, text=expected_text)


ANCHORED = [
    ("Three weeks later the town fell.", D(2016, 1, 10), "2016-01-28", "2016-02-03", "week"),
    ("Days later the rebels withdrew.", D(2016, 1, 10), "2016-01-12", "2016-01-17", "week"),
    ("One month prior the army had shelled it.", D(2016, 1, 10), "2015-12-01", "2015-12-31",
     "month"),
    ("A month earlier a car bomb killed ten.", D(2016, 3, 10), "2016-02-01", "2016-02-29",
     "month"),
    ("Two days later another strike hit.", D(2016, 1, 30), "2016-02-01", "2016-02-01", "day"),
    ("The next day the army entered.", D(2016, 12, 31), "2017-01-01", "2017-01-01", "day"),
    ("The previous day a mortar fell.", D(2016, 1, 1), "2015-12-31", "2015-12-31", "day"),
    ("Hours later a second blast hit.", D(2016, 1, 1), "2016-01-01", "2016-01-01", "day"),
]  # fmt: skip


@pytest.mark.parametrize("text,anchor,start,end,precision", ANCHORED)
def test_resolves_against_the_previous_event(
    text: str, anchor: dt.date, start: str, end: str, precision: str
) -> None:
    assert interval(text, D(2017, 6, 1), anchor) == (start, end, precision)


@pytest.mark.parametrize("text", ["Three weeks later the town fell.", "The next day it fell."])
def test_relative_expressions_without_anchor_have_no_value(text: str) -> None:
    mention = only(text, D(2017, 6, 1))
    assert mention.value is None


def test_several_mentions_in_order_without_overlap() -> None:
    text = "On Sunday, 10 July 2016, a day after clashes in May, rebels said that since 2014 ..."
    mentions = find_dates(text, D(2016, 7, 12))
    assert [m.text for m in mentions] == ["Sunday, 10 July 2016", "a day after", "May", "since 2014"]
    assert mentions[1].value is None  # relative to an event, and no anchor given


@pytest.mark.parametrize(
    "text",
    [
        "He may return to Aleppo.",  # a verb, not the month
        "Troops march on the city.",
        "The 2,000-year-old temple was damaged.",
        "A 12-year-old boy was wounded.",
        "Prices rose 2015 percent.",
        "Resolution 2254 was adopted.",
        "About 2015 people fled.",
        "The Su-2015 prototype crashed.",
        "They pray on Fridays.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, D(2016, 7, 12)) == []


# ------------------------------------------------------------------- document dates


@pytest.mark.parametrize(
    "text,start,source",
    [
        ("Tue 14 Mar 2017 at 1120 Hama official says the shelling hit a school.", "2017-03-14",
         "dateline: Tue 14 Mar 2017"),
        ("23 March 2015 Displacement grows as bombing goes on.", "2015-03-23",
         "dateline: 23 March 2015"),
        ("Sat 17 Sep 2016 14 Syria Soldiers Dead in Ambush.", "2016-09-17",
         "dateline: Sat 17 Sep 2016"),
        ("Mon Aug 22 2016 Russia bombs positions east of Hama.", "2016-08-22",
         "dateline: Mon Aug 22 2016"),
        ("19-11-2016 Rocket attacks kill residents in Latakia.", "2016-11-19",
         "dateline: 19-11-2016"),
        ("Seven dead in car bombing in Idlib NGO AFP Tuesday 14 Oct 2014 Seven people died.",
         "2014-10-14", "dateline: Tuesday 14 Oct 2014"),
        ("Last updated at Jan 092018 Mortars hit a market.", "2018-01-09",
         "dateline: Jan 092018"),
        ("Published November 3 2015 Rebels seized two hills.", "2015-11-03",
         "dateline: November 3 2015"),
    ],
)  # fmt: skip
def test_dateline(text: str, start: str, source: str) -> None:
    value = infer_document_date(text)
    assert value == EventDate(start=start, end=start, precision="day", text=source)


def test_body_date_when_no_dateline() -> None:
    text = (
        "On August 21 2013 the regime fired rockets on Ghouta. Inspectors arrived on "
        "26 August 2013 and left on 31 August 2013. Copyright 2014, updated 2 January 2014."
    )
    value = infer_document_date(text)
    assert value is not None
    assert (value.start, value.text) == ("2013-08-31", "body: 31 August 2013")


def test_no_document_date() -> None:
    assert infer_document_date("Rebels said on Sunday that they had withdrawn.") is None


# ------------------------------------------------------------------ published fields


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2016-12-19", "2016-12-19"),
        ("12/19/2016", "2016-12-19"),
        ("Dec 19, 2016", "2016-12-19"),
        ("2016-12-19T10:00:00Z", "2016-12-19"),
        ("4/7/17", "2017-04-07"),
        ("19/12/2016", "2016-12-19"),
        ("19.12.2016", "2016-12-19"),
        ("Monday, 19 December 2016 10:00 GMT", "2016-12-19"),
        ("", None),
        ("not a date", None),
        ("2016-13-45", None),
    ],
)
def test_parse_published(value: str, expected: str | None) -> None:
    assert parse_published(value) == expected


def test_calendar_spans() -> None:
    text = "On 12 February 2015 and March 27, 40 people died."
    assert [text[s:e] for s, e in calendar_spans(text)] == ["12 February 2015", "March 27"]


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)))
def test_full_dates_round_trip(day: dt.date) -> None:
    for text in (day.strftime("%d %B %Y"), day.strftime("%B %d, %Y"), day.isoformat()):
        assert parse_published(text) == day.isoformat()
        mention = only(f"It happened on {text} in the city.", D(2041, 1, 1))
        assert mention.value is not None and mention.value.start == day.isoformat()


@given(
    st.dates(min_value=D(2000, 3, 1), max_value=D(2030, 12, 31)),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)
def test_month_day_is_never_far_in_the_future(ref: dt.date, month: int, day: int) -> None:
    text = f"It happened on {dt.date(2000, month, day).strftime('%B')} {day}."
    value = only(text, ref).value
    assert value is not None and value.start is not None
    resolved = dt.date.fromisoformat(value.start)
    assert (resolved.month, resolved.day) == (month, day)
    assert -366 < (ref - resolved).days + 7 and (resolved - ref).days <= 7
