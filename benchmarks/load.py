"""The HTTP API under load: 50 concurrent clients for a bounded time.

Builds a SQLite store of 100,000 synthetic events (benchmarks/synthetic.py), serves it
with uvicorn in a subprocess on a free port (``frontlines.interfaces.api.create_app``),
and drives it with concurrent async clients (plain asyncio HTTP/1.1, one kept-alive
connection each), each looping over the event query
mix of benchmarks/synthetic.py and a few other read endpoints for the given time.
Prints throughput, median and 95th-percentile latency and the error count; asserts
nothing.

    .venv/bin/python benchmarks/load.py [--quick] [--clients 50] [--seconds 20]
"""

from __future__ import annotations

import os
import sys

# Other benchmark scripts sit beside this one; keep them from shadowing standard modules.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse
import asyncio
import socket
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, _HERE)

from synthetic import QUERIES, fill

from frontlines.store import EventQuery, open_store

OTHER = [("/api/stats", {}), ("/api/places", {"limit": "100"}), ("/api/events/ev0000042", {})]

SERVER = """
import sys, uvicorn
from frontlines.interfaces.api import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", workers=1)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"API server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("API server did not start")


Latencies = dict[str, list[float]]


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
              target: str) -> int:
    """One GET over a kept-alive HTTP/1.1 connection; returns the status code."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: bench\r\n\r\n".encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def drive(host: str, port: int, clients: int,
                seconds: float) -> tuple[Latencies, Counter[str]]:
    """Each client loops over the request mix on its own connection.

    A plain asyncio HTTP/1.1 client keeps the load generator's own CPU use small, so
    that the server, not the driver, sets the figures.
    """
    requests = [(f"events: {name}", "/api/events", p) for name, p in QUERIES]
    requests += [(path, path, p) for path, p in OTHER]
    targets = [(label, f"{path}?{urlencode(params)}" if params else path)
               for label, path, params in requests]
    latencies: Latencies = {label: [] for label, _ in targets}
    errors: Counter[str] = Counter()
    deadline = time.monotonic() + seconds

    async def one_client(n: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        i = n
        try:
            while time.monotonic() < deadline:
                label, target = targets[i % len(targets)]
                i += 1
                t0 = time.perf_counter()
                try:
                    status = await get(reader, writer, target)
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    errors[type(exc).__name__] += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                if status != 200:
                    errors[f"HTTP {status}"] += 1
                    continue
                latencies[label].append((time.perf_counter() - t0) * 1000)
        finally:
            writer.close()

    await asyncio.gather(*(one_client(n) for n in range(clients)))
    return latencies, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10,000 events, 5 seconds")
    ap.add_argument("--events", type=int, default=None)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=None)
    ap.add_argument("--db", default=None,
                    help="serve this SQLite store as it is instead of building one")
    args = ap.parse_args()
    n_events = args.events or (10_000 if args.quick else 100_000)
    seconds = args.seconds or (5.0 if args.quick else 20.0)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.db")
        store = open_store(db)
        if args.db:
            n_events = store.count_events(EventQuery())
        else:
            fill(store, n_events)
        store.close()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-c", SERVER, db, str(port)], cwd=ROOT)
        print(f"server pid {proc.pid}", file=sys.stderr)
        try:
            wait_ready(base, proc)
            t0 = time.perf_counter()
            latencies, errors = asyncio.run(drive("127.0.0.1", port, args.clients, seconds))
            elapsed = time.perf_counter() - t0
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    everything = [x for values in latencies.values() for x in values]
    print(f"## API under load: {args.clients} clients, {elapsed:.0f} s,"
          f" {n_events:,} events in SQLite, one uvicorn process\n")
    print("| requests ok | errors | requests/s | p50 ms | p95 ms |")
    print("|---:|---:|---:|---:|---:|")
    p50, p95 = quantiles(everything)
    print(f"| {len(everything):,} | {sum(errors.values())} |"
          f" {len(everything) / elapsed:,.1f} | {p50:.0f} | {p95:.0f} |")
    if errors:
        print("\nerrors: " + ", ".join(f"{k} x{v}" for k, v in errors.most_common()))
    print("\n| request | ok | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for label, values in latencies.items():
        p50, p95 = quantiles(values)
        print(f"| {label} | {len(values)} | {p50:.0f} | {p95:.0f} |")


def quantiles(values: list[float]) -> tuple[float, float]:
    if not values:
        return float("nan"), float("nan")
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


if __name__ == "__main__":
    main()
