"""The reader scored on whole articles coded by hand (annotations/*.jsonl).

Precision, recall, the share of events with every field right and per-field accuracy,
for the development and held-out parts side by side, then per set; the same figures as
``frontlines evaluate --articles annotations/*.jsonl``.

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

from frontlines.evaluation.articles import evaluate_articles
from frontlines.evaluation.report import format_score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()
    files = args.files or sorted(str(p) for p in (ROOT / "annotations").glob("*.jsonl"))
    t0 = time.perf_counter()
    score = evaluate_articles(files)
    took = time.perf_counter() - t0
    print(format_score(score, args.show))
    print(f"\n{len(score.outcomes)} outcomes from {len(files)} files in {took:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(score.to_dict(), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
