"""Event query latency over a large store, through the store and through the HTTP API.

Generates 100,000 synthetic events (benchmarks/synthetic.py) into a fresh SQLite file
with ``store.insert_events`` and times a mix of event queries (place, type, date range,
bbox, actor, paging, order), each repeated, directly through the store
(``query_events`` + ``count_events``, as the API does) and through
``create_app`` with FastAPI's in-process ``TestClient``. With ``FRONTLINES_BENCH_POSTGRES``
set to a ``postgresql://`` URL (an empty database: its tables are emptied), the same is
done with 1,000,000 events in PostgreSQL. Prints markdown tables; asserts nothing.

    .venv/bin/python benchmarks/api_latency.py [--quick] [--events N] [--repeat R]
"""

from __future__ import annotations

import os
import sys

# Other benchmark scripts sit beside this one; keep them from shadowing standard modules.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, _HERE)

from synthetic import QUERIES, fill

from frontlines.store import EventQuery, SQLStore, open_store


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def to_query(params: dict[str, str]) -> EventQuery:
    q = EventQuery(limit=int(params.get("limit", "100")), offset=int(params.get("offset", "0")))
    for key in ("place", "actor", "type", "since", "until", "modality", "order"):
        if key in params:
            setattr(q, key, params[key])
    if "bbox" in params:
        w, s, e, n = (float(x) for x in params["bbox"].split(","))
        q.bbox = (w, s, e, n)
    if "territorial" in params:
        q.territorial = params["territorial"] == "true"
    return q


def store_call(store: SQLStore, params: dict[str, str]) -> Callable[[], Any]:
    query = to_query(params)
    total = to_query(params)
    total.limit, total.offset = None, 0

    def run() -> tuple[int, int]:
        return len(store.query_events(query)), store.count_events(total)

    return run


def bench(url: str, n_events: int, repeat: int, label: str) -> None:
    store = open_store(url)
    t0 = time.perf_counter()
    inserted = fill(store, n_events)
    load_s = time.perf_counter() - t0
    print(f"\n### {label}: {inserted:,} events\n")
    print(f"insert_events: {load_s:.1f} s ({inserted / load_s:,.0f} events/s)\n")

    client = None
    try:
        import warnings

        warnings.filterwarnings("ignore", message=".*httpx.*")
        from fastapi.testclient import TestClient

        from frontlines.interfaces.api import create_app

        # Entered once, as a running server is: one event loop and its worker threads
        # (each with its store connection) serve every request.
        client = TestClient(create_app(url)).__enter__()
    except Exception as exc:  # noqa: BLE001 - the API is optional here
        print(f"(HTTP API not measured: {type(exc).__name__}: {exc})\n")

    print("Counts and name look-ups are kept until the events change: `API first ms` is a"
          " query's first request after the load, the other columns are warm.\n")
    print("| query | matches | API first ms | store p50 ms | store p95 ms | API p50 ms"
          " | API p95 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, params in QUERIES:
        first = a50 = a95 = float("nan")
        if client is not None:
            def api(http: Any = client, params: dict[str, str] = params) -> None:
                http.get("/api/events", params=params).raise_for_status()

            t0 = time.perf_counter()
            api()
            first = (time.perf_counter() - t0) * 1000
            a50, a95 = timed(api, repeat)
        matches = store_call(store, params)()[1]
        s50, s95 = timed(store_call(store, params), repeat)
        print(f"| {name} | {matches:,} | {first:.1f} | {s50:.1f} | {s95:.1f} | {a50:.1f}"
              f" | {a95:.1f} |")
    if client is not None:
        client.__exit__(None, None, None)
    store.close()


def empty_postgres(url: str) -> None:
    store = open_store(url)
    store.replace_events([])
    with store.transaction():
        for table in ("reports", "relations", "provisional_actors", "documents"):
            store._execute(f"DELETE FROM {table}")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10,000 events, fewer repeats")
    ap.add_argument("--events", type=int, default=None, help="events in SQLite")
    ap.add_argument("--repeat", type=int, default=None, help="timed runs per query")
    args = ap.parse_args()
    n = args.events or (10_000 if args.quick else 100_000)
    repeat = args.repeat or (10 if args.quick else 20)
    print("## Event query latency (warm cache, one client)")
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "bench.db"), n, repeat, "SQLite")
    pg = os.environ.get("FRONTLINES_BENCH_POSTGRES")
    if pg:
        empty_postgres(pg)
        try:
            bench(pg, 100_000 if args.quick else 1_000_000, repeat, "PostgreSQL")
        finally:
            empty_postgres(pg)
    else:
        print("\n(PostgreSQL not measured: set FRONTLINES_BENCH_POSTGRES to a URL)")


if __name__ == "__main__":
    main()
