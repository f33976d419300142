"""Display names of camps (the sides that hold places), from ``data/camps.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ..errors import KnowledgeError

#: Governments whose gains ACLED codes "Government regains territory"; gains by foreign or
#: rebel forces are "Non-state actor overtakes territory".
TERRITORIAL_GOVERNMENTS = frozenset({"regime", "iraq_gov"})


@lru_cache(maxsize=1)
def camp_labels() -> dict[str, str]:
    path = resources.files("frontlines.knowledge") / "data" / "camps.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read camps: {exc}", source=str(path)) from exc
    camps = data.get("camps")
    if not isinstance(camps, dict):
        raise KnowledgeError("camps.yaml needs a `camps` mapping", source=str(path))
    return {str(k): str(v) for k, v in camps.items()}


def camp_label(camp: str) -> str:
    return camp_labels().get(camp, camp)
