"""Negation read from the parse, with the real model (the rules alone: the sentences are
not all news of a specific event)."""

from __future__ import annotations

from typing import Any

from frontlines.models import Document
from frontlines.store import content_hash


def _modalities(extractor: Any, text: str) -> list[str]:
    doc = Document(id="m", text=text, title=None, source="test", published="2017-01-10",
                   content_hash=content_hash(text))
    return [e.modality for e in extractor.extract(doc).events if e.type != "Strategic developments"]


def test_not_just_is_not_a_negation(rules_extractor: Any) -> None:
    assert _modalities(rules_extractor, "The militias have not just massacred whole communities in Qusayr, "
                                  "but expelled them too.") == ["asserted"]


def test_did_not_is_a_negation(rules_extractor: Any) -> None:
    assert _modalities(rules_extractor, "The army did not shell Douma on Monday.") == ["negated"]


def _accounts(extractor: Any, text: str) -> list[tuple[str, str | None]]:
    doc = Document(id="m", text=text, title=None, source="test", published="2017-01-10",
                   content_hash=content_hash(text))
    return [(e.modality, e.attributed_to) for e in extractor.extract(doc).events]


def test_trailing_attribution_without_commas(rules_extractor: Any) -> None:
    assert _accounts(rules_extractor, "A car bomb killed 12 people at a checkpoint in Kismayo on "
                                      "Monday a police officer said") == [("reported", "a police officer")]
    assert _accounts(rules_extractor, "A blast tore through a bus in the old city killing six "
                                      "people AFP reports.") == [("reported", "AFP")]


def test_a_relative_clause_is_not_an_attribution(rules_extractor: Any) -> None:
    assert _accounts(rules_extractor, "Soldiers shot dead two men the police had reported "
                                      "missing in Gao on Friday.") == [("asserted", None)]


def test_a_side_speaking_of_its_fight_claims(rules_extractor: Any) -> None:
    assert _accounts(rules_extractor, "Jets bombed the town of Tessit on Tuesday, killing seven, "
                                      "the army said.") == [("claimed", "the army")]
