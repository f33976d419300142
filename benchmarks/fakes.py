"""Extraction measured on the FA-KES development split (338 real Syrian-war articles).

Per article, the main lethal event frontlines extracts is compared with the crowd label:
governorate, perpetrator camp, cause of death, and the number killed (civilians plus
non-civilians). Prints the four shares and the commonest confusions.

    .venv/bin/python benchmarks/fakes.py [--csv PATH] [--limit N] [--confusions]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.evaluation import read_fakes, score_fakes
from frontlines.pipeline import get_extractor

DEFAULT = ROOT.parent / "shared" / "eval" / "fakes" / "fakes-dev.csv"
GOALS = {"governorate": 0.93, "camp": 0.75, "cause": 0.80, "deaths": 0.70}
BASELINE = {"governorate": 0.90, "camp": 0.37, "cause": 0.61, "deaths": 0.41}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default=str(DEFAULT))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--confusions", action="store_true")
    args = ap.parse_args()
    if not Path(args.csv).exists():
        print(f"FA-KES file not found: {args.csv}")
        return
    rows = read_fakes(args.csv)[: args.limit]
    extractor = get_extractor()
    t0 = time.perf_counter()
    extractions = list(extractor.extract_many(doc for doc, _ in rows))
    elapsed = time.perf_counter() - t0
    score = score_fakes(zip(extractions, (row for _, row in rows)))
    print(f"FA-KES development split: {score.articles} articles, {score.with_event} with a lethal "
          f"event extracted, {elapsed:.1f} s")
    print("| field | frontlines | keyword baseline | goal |")
    print("|---|---|---|---|")
    for k in GOALS:
        print(f"| {k} | {score.share(k):.3f} | {BASELINE[k]:.2f} | {GOALS[k]:.2f} |")
    if args.confusions:
        for name, counter in score.confusions.items():
            print(f"\n{name}: commonest errors (truth -> predicted)")
            for (truth, pred), n in counter.most_common(30):
                if truth != pred:
                    print(f"  {n:4}  {truth} -> {pred}")


if __name__ == "__main__":
    main()
