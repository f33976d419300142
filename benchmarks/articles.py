"""The reader scored on whole articles coded by hand (annotations/*.jsonl).

Precision, recall, the share of events with every field right and per-field accuracy,
for the development and held-out parts side by side, then per set: first for the events
as ingest stores them, then for the reader's reports before merging; the same figures as
``frontlines evaluate --articles annotations/*.jsonl [--view reports]``.

    .venv/bin/python benchmarks/articles.py [--show N] [--json PATH] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.evaluation.articles import VIEWS, evaluate_articles
from frontlines.evaluation.report import format_score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()
    files = args.files or sorted(str(p) for p in (ROOT / "annotations").glob("*.jsonl"))
    t0 = time.perf_counter()
    scores = evaluate_articles(files, views=VIEWS)
    took = time.perf_counter() - t0
    for view, score in scores.items():
        print(format_score(score, args.show if view == "ingest" else 0, view), end="\n\n")
    print(f"{len(files)} files read and scored in {took:.0f} s")
    if args.json:
        figures = {view: score.to_dict() for view, score in scores.items()}
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
