"""How reports of the same happening merge across outlets, on the FA-KES development split.

Ingests the 338 articles (15 outlets) into a fresh SQLite store, then prints how many
events have reports from two or more documents and from two or more outlets, and shows
ten of them with their outlets and evidence.

    .venv/bin/python -P benchmarks/merge_fakes.py [--show 10] [--db PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.evaluation import read_fakes
from frontlines.pipeline import ingest_documents
from frontlines.store import EventQuery, open_store

DEFAULT = ROOT.parent / "shared" / "eval" / "fakes" / "fakes-dev.csv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--db")
    args = ap.parse_args()
    if not Path(args.csv).exists():
        print(f"FA-KES file not found: {args.csv}")
        return
    db = args.db or str(Path(tempfile.mkdtemp()) / "fakes.db")
    docs = []
    from frontlines.ingest import normalise_date

    for doc, row in read_fakes(args.csv):
        doc.published = None  # the crowd's date is the event's, not the article's
        docs.append(doc)
        _ = row, normalise_date
    store = open_store(db)
    t0 = time.perf_counter()
    report = ingest_documents(store, docs)
    elapsed = time.perf_counter() - t0
    events = store.query_events(EventQuery(modality="asserted,reported,claimed,alleged"))
    multi_doc = [e for e in events if e.n_sources >= 2]
    multi_outlet = [e for e in events if e.n_outlets >= 2]
    print(f"{report.stored} articles, {report.reports} reports -> {report.events} events "
          f"({elapsed:.0f} s)")
    print(f"factual events: {len(events)}; reported by 2+ articles: {len(multi_doc)}; "
          f"by 2+ outlets: {len(multi_outlet)}; reports folded into them: "
          f"{sum(len(e.report_ids) for e in multi_outlet)}")
    lethal = sorted(
        (e for e in multi_outlet if e.type != "Strategic developments"),
        key=lambda e: (-e.n_outlets, -(e.fatalities or 0)),
    )
    for e in lethal[: args.show]:
        loc = e.location.name if e.location else "?"
        outlets = sorted({x.source or x.doc_id for x in e.evidence})
        who = e.actor1.name if e.actor1 else "?"
        print(f"\n- {e.date.start if e.date else '?'} {e.subtype} in {loc} by {who}; "
              f"fatalities {e.fatalities}; {e.n_sources} articles, outlets: {', '.join(outlets)}")
        for x in e.evidence[:3]:
            print(f"    [{x.source}] {x.sentence[:160]}")
    store.close()


if __name__ == "__main__":
    main()
