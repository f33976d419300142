"""The reader on the annotated articles: the figures may not fall below their floors.

The floors (tests/data/reading_floors.json) are set just under the figures measured when
they were last raised, for the development and held-out parts; a change that silently
breaks a rule of the reader lowers one of them and fails here. Raise a floor when the
reader improves (``benchmarks/articles.py --json`` prints the figures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from frontlines.evaluation.articles import ArticleScore, evaluate_articles
from frontlines.interfaces.cli import main

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "tests/data/reading_floors.json").read_text(encoding="utf-8"))
SAMPLE = ROOT / "tests/data/articles_sample.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores() -> dict[str, ArticleScore]:
    return evaluate_articles(sorted(ROOT.glob("annotations/*.jsonl")), views=tuple(FLOORS))


def _floor_cases() -> list[tuple[str, str, str]]:
    return [(view, part, name) for view, parts in FLOORS.items()
            for part, figs in parts.items() for name in figs]


@pytest.mark.parametrize(("view", "part", "name"), _floor_cases(), ids=lambda v: str(v))
def test_figure_holds_its_floor(scores: dict[str, ArticleScore], view: str, part: str,
                                name: str) -> None:
    figures: dict[str, Any] = scores[view].to_dict()[part]
    value = figures["fields"][name] if name in figures["fields"] else figures[name]
    floor = FLOORS[view][part][name]
    assert value is not None and value >= floor, f"{view} {part} {name}: {value} < {floor}"


def test_evaluate_articles_command_prints_both_parts_as_json() -> None:
    result = CliRunner().invoke(main, ["evaluate", "--articles", str(SAMPLE), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    parts = json.loads(result.output)
    assert parts["dev"]["articles"] == 1 and parts["heldout"]["articles"] == 1
    assert parts["dev"]["gold_events"] == 1 and parts["heldout"]["gold_events"] == 0
    assert set(parts["all"]["fields"]) >= {"type", "actor1", "actor2", "place", "date",
                                           "fatalities", "modality"}


def test_show_lists_the_development_part_only() -> None:
    result = CliRunner().invoke(main, ["evaluate", "--articles", str(SAMPLE), "--show", "5"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "held out" in result.output and "development part" in result.output
    assert "sample-2" not in result.output  # the held-out article is never listed
