"""The fixed development / held-out split of every annotated set.

An article is held out when the SHA-1 of its id, read as a number, is divisible by three:
about a third of each set, decided by the id alone, so that the split never moves when
articles are added. No rule, word list, test sentence or model may be written or tuned
from held-out articles; only their figures are read.
"""

from __future__ import annotations

import hashlib

SPLITS = ("dev", "heldout")


def _digest(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def split_of(article_id: str) -> str:
    """``"heldout"`` for about a third of ids, ``"dev"`` for the rest."""
    return "heldout" if _digest(article_id) % 3 == 0 else "dev"


def rank_key(namespace: str, item_id: str) -> int:
    """A stable pseudo-random order for choosing a sample of a larger set."""
    return _digest(f"{namespace}:{item_id}")
