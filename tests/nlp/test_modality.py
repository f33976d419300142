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
