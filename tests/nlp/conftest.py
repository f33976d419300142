"""The real extractor (spaCy model, actor registry, gazetteer), shared by the tests here."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def extractor() -> Any:
    from frontlines.pipeline import get_extractor

    return get_extractor()
