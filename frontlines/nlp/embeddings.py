"""Sentence embeddings from WordLlama's packaged static token vectors.

WordLlama ships its weights inside the package, so nothing is downloaded; embedding a
sentence costs a few microseconds, which lets every sentence of a batch be scored before
the parser runs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

#: The packaged WordLlama configuration and its width.
MODEL = "l2_supercat"
DIMENSIONS = 256


@lru_cache(maxsize=1)
def _model() -> Any:
    import wordllama
    from wordllama import WordLlama

    # The package keeps its weights and tokenizer under its own folder, laid out as the
    # cache it would otherwise download into.
    return WordLlama.load(config=MODEL, dim=DIMENSIONS,
                          cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised row of ``DIMENSIONS`` floats per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().embed(texts, norm=True), dtype=np.float32)
