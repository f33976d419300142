"""The real extractor (spaCy model, actor registry, gazetteer), shared by the tests here."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def extractor() -> Any:
    from frontlines.pipeline import get_extractor

    return get_extractor()


@pytest.fixture(scope="session")
def rules_extractor(extractor: Any) -> Any:
    """The same reader without the sentence classifier's gate, to test the rules alone."""
    from frontlines.nlp.extract import Extractor

    return Extractor(extractor.nlp, registry=extractor.registry, gazetteer=extractor.gazetteer,
                     classifier=extractor.classifier, event_threshold=0.0)
