"""Weapon signatures: weapons only one side used, from ``data/signatures.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import KnowledgeError


@dataclass(frozen=True)
class Signature:
    pattern: re.Pattern[str]
    actor: str
    countries: frozenset[str]
    source: str


@lru_cache(maxsize=1)
def load_signatures() -> tuple[Signature, ...]:
    path = resources.files("frontlines.knowledge") / "data" / "signatures.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read weapon signatures: {exc}", source=str(path)) from exc
    out = []
    for i, raw in enumerate(data.get("signatures") or []):
        words = raw.get("words") or []
        if not words or not raw.get("actor") or not raw.get("countries"):
            raise KnowledgeError(f"signature {i} needs words, actor and countries", source=str(path))
        rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
        out.append(Signature(rx, str(raw["actor"]), frozenset(c.upper() for c in raw["countries"]),
                             str(raw.get("source", ""))))
    return tuple(out)
