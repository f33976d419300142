"""A manifest: one JSON line per file, stating its title, outlet and publication date."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import InputError, MalformedInputError

#: Manifest keys and the document field each fills.
KEYS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "published": "published",
    "published_precision": "published_precision",
    "url": "url",
}


@dataclass
class Manifest:
    """Manifest entries by file path (relative to the manifest's folder) and by base name."""

    path: Path
    by_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_name: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    def lookup(self, file: Path) -> dict[str, Any] | None:
        """The entry for ``file``: by its path under the manifest's folder, else its name."""
        try:
            relative = file.resolve().relative_to(self.path.resolve().parent).as_posix()
        except (ValueError, OSError):
            relative = None
        if relative is not None and relative in self.by_path:
            return self.by_path[relative]
        return self.by_name.get(file.name)


def _key(value: str) -> str:
    posix = PurePosixPath(value.replace("\\", "/"))
    parts = [p for p in posix.parts if p not in (".", "")]
    return "/".join(parts)


def load_manifest(path: Path, text: str) -> Manifest:
    """Parse the manifest ``text``; broken lines become errors named ``manifest:LINE``."""
    manifest = Manifest(path=path)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            manifest.errors.append(MalformedInputError("is not valid JSON", source=where))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            manifest.errors.append(
                MalformedInputError("has no \"file\" naming the file it describes", source=where)
            )
            continue
        values = {KEYS[k]: v for k, v in entry.items() if k in KEYS and v not in (None, "")}
        key = _key(entry["file"])
        manifest.by_path[key] = values
        manifest.by_name.setdefault(PurePosixPath(key).name, values)
    return manifest
