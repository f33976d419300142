"""The weapon-signature file: valid, and its actors exist."""

from __future__ import annotations

from frontlines.knowledge.actors import get_registry
from frontlines.knowledge.signatures import load_signatures


def test_signatures_load_and_name_known_actors() -> None:
    sigs = load_signatures()
    assert sigs
    registry = get_registry()
    for sig in sigs:
        assert registry.get(sig.actor) is not None, sig.actor
        assert sig.countries and sig.source
    assert any(s.pattern.search("regime barrel bombs hit Daraya") for s in sigs)
