"""Display names of camps (the sides that hold places), from ``data/camps.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ..errors import KnowledgeError


@lru_cache(maxsize=1)
def _data() -> dict[str, object]:
    path = resources.files("frontlines.knowledge") / "data" / "camps.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read camps: {exc}", source=str(path)) from exc
    camps = data.get("camps")
    if not isinstance(camps, dict):
        raise KnowledgeError("camps.yaml needs a `camps` mapping", source=str(path))
    governments = data.get("governments") or []
    unknown = [g for g in governments if g not in camps]
    if not isinstance(governments, list) or unknown:
        raise KnowledgeError(f"camps.yaml: `governments` lists unknown camps {unknown}", source=str(path))
    return {"camps": {str(k): str(v) for k, v in camps.items()}, "governments": frozenset(governments)}


def camp_labels() -> dict[str, str]:
    labels = _data()["camps"]
    assert isinstance(labels, dict)
    return labels


def government_camps() -> frozenset[str]:
    """Camps of states' own forces, whose gains ACLED codes "Government regains territory";
    gains by foreign or rebel forces are "Non-state actor overtakes territory"."""
    camps = _data()["governments"]
    assert isinstance(camps, frozenset)
    return camps


#: The governments' camps, read once from ``camps.yaml``.
TERRITORIAL_GOVERNMENTS = government_camps()


def camp_label(camp: str) -> str:
    return camp_labels().get(camp, camp)
