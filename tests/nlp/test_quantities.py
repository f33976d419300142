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
    ("More than 95 people have been killed since Tuesday.",
     [("killed", 95, 95, None, None)]),
    ("Up to 25 civilians were killed in the bombardment.", [("killed", 25, None, 25, "civilians")]),
    ("Nearly 50 soldiers died in the ambush.", [("killed", 50, None, 50, "soldiers")]),
    ("About 40 government fighters were killed when insurgents detonated a mine.",
     [("killed", 40, None, None, "soldiers")]),
    ("The village is defended by 80 to 150 ISIS fighters.",
     [("fighters", 80, 80, 150, "fighters")]),
    ("Between 14,000 and 19,000 people fled the valley.",
     [("displaced", 14000, 14000, 19000, None)]),
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
    ("Jets bombed the bakery, killing 14 civilians including six children and two women.",
     [("killed", 14, None, None, "civilians"), ("killed", 6, None, None, "children"),
      ("killed", 2, None, None, "women")]),
    ("At least 23 Syrian rebels were killed in clashes near Hama.",
     [("killed", 23, 23, None, "fighters")]),
    ("12 soldiers and 8 militants were killed in the ambush.",
     [("killed", 12, None, None, "soldiers"), ("killed", 8, None, None, "fighters")]),
    ("Nine civilians including a woman and a boy were killed in the strike.",
     [("killed", 9, None, None, "civilians"), ("killed", 1, None, None, "women"),
      ("killed", 1, None, None, "children")]),
    ("The shelling killed 36 people, among them 7 children.",
     [("killed", 36, None, None, None), ("killed", 7, None, None, "children")]),
    ("Helicopters killed 17 civilians, six of them children.",
     [("killed", 17, None, None, "civilians"), ("killed", 6, None, None, "children")]),
    ("Rescuers pulled the bodies of 15 people from the rubble.", [("killed", 15, None, None, None)]),
    ("Four people died in hospital.", [("killed", 4, None, None, None)]),
    ("The blast left 40 dead.", [("killed", 40, None, None, None)]),
    ("40 dead in clashes near the capital.", [("killed", 40, None, None, None)]),
    ("The death toll rose to 45 on Monday.", [("killed", 45, None, None, None)]),
    ("Militants massacred 70 members of the tribe.", [("killed", 70, None, None, "fighters")]),
    ("The group executed three rebel officers.", [("executed", 3, None, None, "fighters")]),
    ("The bombing claimed the lives of 22 worshippers.", [("killed", 22, None, None, "civilians")]),
    ("Eleven children were killed when a barrel bomb hit the school.",
     [("killed", 11, None, None, "children")]),
    # wounded and casualties are never killed
    ("Five people were killed at the bus station and dozens others wounded.",
     [("killed", 5, None, None, None), ("wounded", 12, None, None, None)]),
    ("34 Civilians killed 90 Injured in Rocket Fire on the Town.",
     [("killed", 34, None, None, "civilians"), ("wounded", 90, None, None, None)]),
    ("Troops killed 17 and wounded 25 militants.",
     [("killed", 17, None, None, None), ("wounded", 25, None, None, "fighters")]),
    ("A car bomb killed or wounded 40 people.", [("casualties", 40, None, None, None)]),
    ("The shelling caused 30 casualties.", [("casualties", 30, None, None, None)]),
    ("Three civilians were killed and 9 received wounds from shrapnel.",
     [("killed", 3, None, None, "civilians"), ("wounded", 9, None, None, None)]),
    # other kinds
    ("Activists counted at least 640 Russian air-raids on the district.",
     [("air_raids", 640, 640, None, None)]),
    ("Over 2 million people are expected to flee if the offensive starts.",
     [("displaced", 2000000, 2000000, None, None)]),
    ("Over 6500 people were expelled/displaced from the hamlets.",
     [("displaced", 6500, 6500, None, None)]),
    ("Security forces arrested 25 protesters.", [("detained", 25, None, None, "civilians")]),
    ("Gunmen kidnapped 40 passengers from the bus.", [("abducted", 40, None, None, "civilians")]),
    ("Some 350 people, including rebel gunmen, got on the coaches.",
     [("other", 350, None, None, None)]),
    # cumulative tolls of a war are kept apart from an event's toll
    ("Over 320,000 people have been killed since the rebellion started in 2011.",
     [("killed_cumulative", 320000, 320000, None, None)]),
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
        "Insurgents hold 40-50% of the valley.",
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
    (q,) = find_quantities("Medics said at least 18 Syrian rebels were killed overnight.")
    assert q == Quantity(kind="killed", value=18, min=18, max=None,
                         text="at least 18 Syrian rebels were killed", group="fighters")  # fmt: skip


# --------------------------------------------------------------------------- totals


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Air raids killed 14 civilians including six children and two women.", 14),
        ("12 soldiers and 8 militants were killed.", 20),
        ("16 fighters from the faction and three civilians were killed in the explosion.", 19),
        ("Five children and three women were killed.", 8),
        ("The strike killed 32 people, including 5 soldiers.", 32),
        ("Five people were killed at the bus station and dozens others wounded.", 5),
        ("At least 23 rebels were killed. The 23 fighters belonged to three brigades.", 23),
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
    text = ("Air raids killed 14 civilians including six children and two women, "
            "and 5 soldiers and 3 rebels died in fighting.")  # fmt: skip
    assert group_counts(find_quantities(text)) == {
        "civilians": 14, "children": 6, "women": 2, "noncivilians": 8,
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

    assert fatalities(find_quantities("Rockets left about 15 martyrs and wounded in Idlib.")) is None
    assert fatalities(find_quantities("Mortars injure and kill more than 11 people in Hama.")) is None
    found = find_quantities("Jets bombed the village, killing 13 martyrs and dozens of wounded.")
    assert [(q.kind, q.value) for q in found] == [("killed", 13), ("wounded", 12)]
