"""A secondary measure: the FA-KES crowd labels (338 real Syrian-war articles).

Per article, the main lethal event frontlines extracts is compared with the crowd label:
governorate, perpetrator camp, cause of death, and the number killed (civilians plus
non-civilians). Prints the four shares for the project's development and held-out parts
of the file (the split of ``frontlines.evaluation.split``, as for the annotated articles)
and the commonest confusions. These are development figures: the rules of the reader
were written while reading this file's development part.

    .venv/bin/python benchmarks/fakes.py [--csv PATH] [--limit N] [--confusions]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.evaluation import read_fakes, score_fakes, split_of
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
    pairs = list(zip(extractions, (row for _, row in rows)))
    parts = {name: score_fakes(p for p in pairs if split_of(f"fakes-{p[1]['unit_id']}") == name)
             for name in ("dev", "heldout")}
    score = score_fakes(pairs)
    print(f"FA-KES crowd labels: {score.articles} articles ({parts['dev'].articles} development, "
          f"{parts['heldout'].articles} held out), {score.with_event} with a lethal event "
          f"extracted, {elapsed:.1f} s")
    print("| field | development part | held-out part | keyword baseline | goal |")
    print("|---|---|---|---|---|")
    for k, goal in GOALS.items():
        print(f"| {k} | {parts['dev'].share(k):.3f} | {parts['heldout'].share(k):.3f} "
              f"| {BASELINE[k]:.2f} | {goal:.2f} |")
    if args.confusions:  # the development part only: the held-out part is read as figures
        for name, counter in parts["dev"].confusions.items():
            print(f"\n{name}: commonest errors in the development part (truth -> predicted)")
            for (truth, pred), n in counter.most_common(30):
                if truth != pred:
                    print(f"  {n:4}  {truth} -> {pred}")


if __name__ == "__main__":
    main()
