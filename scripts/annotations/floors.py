"""Set the reading floors just under the figures a benchmark run printed.

    .venv/bin/python benchmarks/articles.py --json /tmp/figures.json
    .venv/bin/python scripts/annotations/floors.py /tmp/figures.json

Writes tests/data/reading_floors.json: each share of the development and held-out parts,
for each view, less 0.005, rounded down.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARES = ("precision", "recall", "recall_own_news", "fully_right_of_matched")
MARGIN = 0.005


def floor(value: float) -> float:
    return max(0.0, math.floor((value - MARGIN) * 1000) / 1000)


def main() -> None:
    figures = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    floors = {
        view: {
            part: {**{k: floor(parts[part][k]) for k in SHARES},
                   **{k: floor(v) for k, v in parts[part]["fields"].items()}}
            for part in ("dev", "heldout")
        }
        for view, parts in figures.items()
    }
    out = ROOT / "tests" / "data" / "reading_floors.json"
    out.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
