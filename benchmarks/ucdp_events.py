"""Actors, dates and deaths read from UCDP headlines (short text the rules were not written on).

Each single-source row of the UCDP GED Syria development split is one event coded by
UCDP's researchers from one report, whose headline is given. The headline goes through
the whole extractor, dated by the report's date; the main lethal event (as for FA-KES) is
compared with UCDP's coding:

* event: a violent event was read from the headline at all;
* sides: of the events whose perpetrator (actor1) is named, the share whose camp is one
  of UCDP's two sides, and the share where actor1 and actor2 are both named and are
  UCDP's two sides (in either order);
* date: for rows UCDP dates to the day, the share whose event date range holds that day;
* deaths: for events with a count, the share equal to UCDP's best estimate and the share
  within UCDP's low-high range.

UCDP side names are mapped to camps through the actor registry ("Government of Syria" is
the Syrian government, "Syrian insurgents" the generic rebels). Camps "turkey" and
"opposition" count as one side, as UCDP codes the Turkish-backed factions as insurgents.

    .venv/bin/python -P benchmarks/ucdp_events.py [--csv PATH] [--limit N] [--misses N]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.evaluation import main_lethal_event
from frontlines.knowledge.actors import get_registry
from frontlines.models import Document
from frontlines.pipeline import get_extractor

DEFAULT = ROOT.parent / "shared" / "eval" / "ucdp" / "ucdp-syria-dev.csv"
#: UCDP's generic side names, by registry actor id.
UCDP_GENERIC = {"Syrian insurgents": "generic-rebels", "Civilians": "generic-civilians"}
#: Camps that UCDP does not tell apart.
SAME_SIDE = {"turkey": "opposition"}


def side_camp(name: str, registry: object) -> str | None:
    """The camp of a UCDP side ("IS", "Government of Syria", "HTS, Rahman Corps")."""
    camps = set()
    for part in (p.strip() for p in name.split(",")):
        if not part:
            continue
        key = UCDP_GENERIC.get(part)
        actor = registry.get(key) if key else None  # type: ignore[attr-defined]
        if actor is None:
            actor = registry.match(part)  # type: ignore[attr-defined]
        if actor is None and part.startswith("Government of "):
            actor = registry.match(part.removeprefix("Government of "))  # type: ignore[attr-defined]
        if actor is not None and actor.camp:
            camps.add(SAME_SIDE.get(actor.camp, actor.camp))
    return camps.pop() if len(camps) == 1 else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default=str(DEFAULT))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--misses", type=int, default=0, help="print N rows whose sides differ")
    args = ap.parse_args()
    if not Path(args.csv).exists():
        print(f"UCDP file not found: {args.csv}")
        return
    with open(args.csv, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["number_of_sources"] == "1"][: args.limit]
    registry = get_registry()
    extractor = get_extractor()
    docs = [Document(id=f"ucdp-{r['id']}", text=r["source_headline"], published=r["source_date"] or None)
            for r in rows]
    t0 = time.perf_counter()
    extractions = list(extractor.extract_many(docs))
    elapsed = time.perf_counter() - t0

    n = len(rows)
    found = named = side_ok = both = both_ok = 0
    day_rows = date_ok = 0
    counted = deaths_best = deaths_range = 0
    misses: list[str] = []
    for row, ex in zip(rows, extractions):
        ev = main_lethal_event(ex.events)
        if ev is None:
            continue
        found += 1
        sides = {side_camp(row["side_a"], registry), side_camp(row["side_b"], registry)} - {None}
        a1 = SAME_SIDE.get(ev.actor1.camp or "", ev.actor1.camp) if ev.actor1 else None
        a2 = SAME_SIDE.get(ev.actor2.camp or "", ev.actor2.camp) if ev.actor2 else None
        if a1 and sides:
            named += 1
            side_ok += a1 in sides
            if a1 not in sides and len(misses) < args.misses:
                misses.append(f"{row['side_a']} / {row['side_b']} | got {ev.actor1.name if ev.actor1 else None}"
                              f" | {row['source_headline'][:110]}")
            if a2:
                both += 1
                both_ok += {a1, a2} == sides
        if row["date_prec"] == "1" and row["date_start"] and ev.date and ev.date.start and ev.date.end:
            day_rows += 1
            day = dt.date.fromisoformat(row["date_start"][:10])
            start = dt.date.fromisoformat(ev.date.start[:10])
            end = dt.date.fromisoformat(ev.date.end[:10])
            date_ok += start <= day <= end
        if ev.fatalities:
            counted += 1
            best, low, high = (int(row[k] or 0) for k in ("best", "low", "high"))
            deaths_best += ev.fatalities == best
            deaths_range += low <= ev.fatalities <= high

    def share(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.3f}" if b else "-"

    print(f"UCDP single-source headlines: {n}, read in {elapsed:.1f} s")
    print("| measure | result |")
    print("|---|---|")
    print(f"| violent event read | {share(found, n)} |")
    print(f"| actor1 is one of UCDP's sides | {share(side_ok, named)} |")
    print(f"| actor1 and actor2 are UCDP's two sides | {share(both_ok, both)} |")
    print(f"| date range holds UCDP's day | {share(date_ok, day_rows)} |")
    print(f"| deaths equal UCDP's best | {share(deaths_best, counted)} |")
    print(f"| deaths within UCDP's low-high | {share(deaths_range, counted)} |")
    if misses:
        print("\nactor1 not one of UCDP's sides (UCDP sides | actor1 | headline):")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
