"""Counts of people read from event sentences, coded as ACLED codes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines.models import Quantity
from frontlines.nlp.quantities import fatalities, find_quantities, group_counts

Row = tuple[str, int | None, int | None, int | None, str | None]


def rows(text: str) -> list[Row]:
    return [(q.kind, q.value, q.min, q.max, q.group) for q in find_quantities(text)]


# (sentence, [(kind, value, min, max, group), ...])
CASES: list[tuple[str, list[Row]]] = [
    # bounds and ranges: the conservative figure is the value
    ("At least 112 people were killed in the raids.", [("killed", 112, 112, None, None)]),
    ("More than 120 people have been killed since Friday.",
     [("killed", 120, 120, None, None)]),
    ("Up to 30 civilians were killed in the shelling.", [("killed", 30, None, 30, "civilians")]),
    ("Nearly 50 soldiers died in the ambush.", [("killed", 50, None, 50, "soldiers")]),
    ("About 30 government fighters were killed when rebels set off a bomb.",
     [("killed", 30, None, None, "soldiers")]),
    ("The town is held by 50 to 200 ISIS fighters.", [("fighters", 50, 50, 200, "fighters")]),
    ("Between 22,000 and 30,000 people fled the district.",
     [("displaced", 22000, 22000, 30000, None)]),
    ("Between 10 and 15 rebels were killed.", [("killed", 10, 10, 15, "fighters")]),
    ("Two or three children were wounded.", [("wounded", 2, 2, 3, "children")]),
    # number words and vague amounts
    ("Two dozen soldiers were killed at the checkpoint.", [("killed", 24, None, None, "soldiers")]),
    ("A dozen villagers were abducted.", [("abducted", 12, None, None, "civilians")]),
    ("Dozens of militants were killed in the raid.", [("killed", 12, None, None, "fighters")]),
    ("Hundreds of civilians have been killed.", [("killed", 100, None, None, "civilians")]),
    ("Thousands of residents were displaced by the fighting.",
     [("displaced", 1000, None, None, "civilians")]),
    ("Tens of thousands of people fled the city.", [("displaced", 10000, None, None, None)]),
    ("Twenty-nine rebels were killed.", [("killed", 29, None, None, "fighters")]),
    ("One hundred and fifty people were arrested.", [("detained", 150, None, None, None)]),
    ("Thirty one militants were killed.", [("killed", 31, None, None, "fighters")]),
    ("Half a dozen soldiers were captured.", [("captured", 6, None, None, "soldiers")]),
    ("Several civilians were injured.", [("wounded", 3, None, None, "civilians")]),
    # killed, with the groups named after the number
    ("Air strikes hit the market, killing 12 civilians including five children and three women.",
     [("killed", 12, None, None, "civilians"), ("killed", 5, None, None, "children"),
      ("killed", 3, None, None, "women")]),
    ("At least 29 Syrian rebels were killed in clashes.", [("killed", 29, 29, None, "fighters")]),
    ("12 soldiers and 8 militants were killed in the ambush.",
     [("killed", 12, None, None, "soldiers"), ("killed", 8, None, None, "fighters")]),
    ("Seven civilians including a child and a woman were killed.",
     [("killed", 7, None, None, "civilians"), ("killed", 1, None, None, "children"),
      ("killed", 1, None, None, "women")]),
    ("The bombing killed 43 people, among them 11 children.",
     [("killed", 43, None, None, None), ("killed", 11, None, None, "children")]),
    ("Jets killed 21 civilians, eight of them children.",
     [("killed", 21, None, None, "civilians"), ("killed", 8, None, None, "children")]),
    ("Rescuers pulled the bodies of 15 people from the rubble.", [("killed", 15, None, None, None)]),
    ("Four people died in hospital.", [("killed", 4, None, None, None)]),
    ("The blast left 40 dead.", [("killed", 40, None, None, None)]),
    ("40 dead in clashes near the capital.", [("killed", 40, None, None, None)]),
    ("The death toll rose to 45 on Monday.", [("killed", 45, None, None, None)]),
    ("Militants massacred 70 members of the tribe.", [("killed", 70, None, None, "fighters")]),
    ("The group executed three rebel officers.", [("executed", 3, None, None, "fighters")]),
    ("The attack claimed the lives of 18 worshippers.", [("killed", 18, None, None, "civilians")]),
    ("Eleven children were killed when a barrel bomb hit the school.",
     [("killed", 11, None, None, "children")]),
    # wounded and casualties are never killed
    ("Six people were killed and dozens others wounded.",
     [("killed", 6, None, None, None), ("wounded", 12, None, None, None)]),
    ("57 Civilians killed 150 Injured in attacks on the city.",
     [("killed", 57, None, None, "civilians"), ("wounded", 150, None, None, None)]),
    ("The army killed 28 and wounded 30 militants.",
     [("killed", 28, None, None, None), ("wounded", 30, None, None, "fighters")]),
    ("A car bomb killed or wounded 40 people.", [("casualties", 40, None, None, None)]),
    ("The shelling caused 30 casualties.", [("casualties", 30, None, None, None)]),
    ("Two civilians were killed and 12 received wounds of different severity.",
     [("killed", 2, None, None, "civilians"), ("wounded", 12, None, None, None)]),
    # other kinds
    ("Russia carried out at least 900 Russian air-raids on the province.",
     [("air_raids", 900, 900, None, None)]),
    ("Over 1 million people are expected to flee the city.",
     [("displaced", 1000000, 1000000, None, None)]),
    ("Over 8000 people were cleansed/displaced from the villages.",
     [("displaced", 8000, 8000, None, None)]),
    ("Security forces arrested 25 protesters.", [("detained", 25, None, None, "civilians")]),
    ("Gunmen kidnapped 40 passengers from the bus.", [("abducted", 40, None, None, "civilians")]),
    ("Some 500 people, including opposition fighters, boarded the buses.",
     [("other", 500, None, None, None)]),
    # cumulative tolls of a war are kept apart from an event's toll
    ("More than 280,000 people have been killed since the conflict began in 2011.",
     [("killed_cumulative", 280000, 280000, None, None)]),
    ("The conflict has killed more than 300,000 people.",
     [("killed_cumulative", 300000, 300000, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize("text,expected", CASES)
def test_reads_counts(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The $1.6 billion plan was approved.",
        "Rebels hold 60-70% of the city.",
        "A 12-year-old boy was among them.",  # an age
        "The 2,000-year-old temple was blown up.",
        "The 21st division moved north.",
        "The blast happened at 0914 GMT.",
        "The convoy left at 10:30 on Monday.",
        "In 2015 the group took the town.",
        "Resolution 2254 was adopted by 15 votes.",
        "The second convoy arrived on March 27.",
        "The front is 30 km from the city.",
        "The battle lasted three weeks.",
        "Su-24 jets struck the hills.",
        "No one was killed.",
        "A number of people were injured.",
        "About 40 percent of the city was destroyed.",
        "The rebels destroyed 12 tanks.",
    ],
)
def test_never_counts(text: str) -> None:
    assert find_quantities(text) == []


def test_quantity_keeps_its_text() -> None:
    (q,) = find_quantities("Witnesses said at least 29 Syrian rebels were killed overnight.")
    assert q == Quantity(kind="killed", value=29, min=29, max=None,
                         text="at least 29 Syrian rebels were killed", group="fighters")  # fmt: skip


# --------------------------------------------------------------------------- totals


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Air strikes killed 12 civilians including five children and three women.", 12),
        ("12 soldiers and 8 militants were killed.", 20),
        ("19 fighters from the group and four civilians were killed in the blast.", 23),
        ("Five children and three women were killed.", 8),
        ("The strike killed 32 people, including 5 soldiers.", 32),
        ("Six people were killed and dozens others wounded.", 6),
        ("At least 29 rebels were killed. The 29 fighters were from two factions.", 29),
        ("The raids killed 10. Later the death toll rose to 14.", 14),
        ("Fifty people were wounded.", None),
        ("A car bomb killed or wounded 40 people.", None),
        ("The war has killed more than 300,000 people. A bomb killed four civilians.", 4),
        ("ISIS executed 15 men and killed 3 soldiers.", 15),
    ],
)
def test_fatalities(text: str, expected: int | None) -> None:
    assert fatalities(find_quantities(text)) == expected


def test_group_counts() -> None:
    text = ("Air strikes killed 12 civilians including five children and three women, "
            "and 4 soldiers and 6 rebels were killed in clashes.")  # fmt: skip
    assert group_counts(find_quantities(text)) == {
        "civilians": 12, "children": 5, "women": 3, "noncivilians": 10,
    }  # fmt: skip
    assert fatalities(find_quantities(text)) == 22


def test_group_counts_without_killed() -> None:
    counts = group_counts(find_quantities("Twenty people were wounded."))
    assert counts == {"civilians": 0, "children": 0, "women": 0, "noncivilians": 0}


@given(st.integers(min_value=2, max_value=999_999), st.sampled_from(["civilians", "soldiers"]))
def test_any_written_count_is_read(n: int, noun: str) -> None:
    for written in (str(n), f"{n:,}"):
        (q,) = find_quantities(f"At least {written} {noun} were killed on Monday.")
        assert (q.kind, q.value, q.min) == ("killed", n, n)


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200))
def test_never_crashes(text: str) -> None:
    for q in find_quantities(text):
        assert q.value is None or q.value >= 0


def test_dead_and_wounded_counted_together_are_not_deaths() -> None:
    from frontlines.nlp.quantities import fatalities, find_quantities

    assert fatalities(find_quantities("Shelling left about 20 martyrs and wounded in Aleppo.")) is None
    assert fatalities(find_quantities("Shells injure and kill more than 16 people in Aleppo.")) is None
    found = find_quantities("Warplanes struck the town, killing 20 martyrs and dozens of wounded.")
    assert [(q.kind, q.value) for q in found] == [("killed", 20), ("wounded", 12)]
