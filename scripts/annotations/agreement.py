"""Print how far two coders of the same articles agree, per set and in all.

    python scripts/annotations/agreement.py annotations/second.jsonl annotations/fakes.jsonl ...

The first file is the second coder's; the others are the annotation files it is compared
with. ``--disagreements N`` lists N disagreements per field to read and settle.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from frontlines.evaluation.agreement import AGREEMENT_FIELDS, agreement
from frontlines.evaluation.annotations import read_articles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("second")
    ap.add_argument("first", nargs="+")
    ap.add_argument("--disagreements", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    second = read_articles(args.second)
    first = [a for path in args.first for a in read_articles(path)]
    table = {}
    for name in ["all", *sorted({a.set for a in second})]:
        part = [a for a in second if name == "all" or a.set == name]
        table[name] = agreement(first, part)
    if args.json:
        print(json.dumps({k: v.to_dict() for k, v in table.items()}, indent=2))
        return
    cols = list(table)
    print(f"{'':<22}" + "".join(f"{c:>9}" for c in cols))
    rows = [("articles", "articles"), ("events, first coder", "events_first"),
            ("events, second coder", "events_second"), ("paired", "paired"),
            ("event agreement (F1)", "event_f1")]
    dicts = {k: v.to_dict() for k, v in table.items()}
    for label, key in rows:
        print(f"{label:<22}" + "".join(f"{dicts[c][key]!s:>9}" for c in cols))
    print("field agreement, paired events")
    for f in AGREEMENT_FIELDS:
        print(f"  {f:<20}" + "".join(f"{dicts[c]['fields'][f]!s:>9}" for c in cols))
    if args.disagreements:
        shown: dict[str, int] = {}
        for aid, fname, a, b in table["all"].disagreements:
            if shown.get(fname, 0) >= args.disagreements:
                continue
            shown[fname] = shown.get(fname, 0) + 1
            va, vb = (getattr(e, fname, e.place) for e in (a, b))
            print(f"\n[{fname}] {aid}: {a.evidence[0][:120]!r}\n  first:  {va}\n  second: {vb}")


if __name__ == "__main__":
    main()
