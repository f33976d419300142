"""Ingest speed: frontlines against a bare spaCy parse of the same texts, 1 and 2 processes.

Reads the FA-KES development split (338 Syrian-war articles) and measures, in one run:

* a bare ``nlp.pipe`` of the article texts through the same spaCy model
  (``spacy.load(frontlines.settings.model_name())``), in one process and with
  ``n_process=2``;
* a full frontlines ingest (read the CSV, extract, store in a fresh SQLite file, merge),
  in one process (``frontlines.pipeline.ingest``) and on a local Dask cluster of two
  worker processes (``frontlines.cluster.ingest_distributed``);
* words per second, articles per minute and the peak resident memory of the process tree
  (sampled with psutil) during each run; model loading and cluster start-up are timed
  apart from the runs;
* the time to the first event for one article from a cold start: a fresh
  ``frontlines extract FILE`` process, start to exit.

Prints a markdown table; asserts nothing.

    .venv/bin/python benchmarks/ingest.py [--quick] [--limit N] [--csv PATH]
"""

from __future__ import annotations

import os
import sys

# Other benchmark scripts sit beside this one; keep them from shadowing standard modules.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse
import csv
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontlines.settings import model_name

FAKES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "fakes" / "fakes-dev.csv"
COLUMNS = {"text": "article_content", "title": "article_title", "published": "date",
           "id": "unit_id", "source": "source"}


class PeakMemory:
    """Samples the resident memory of this process and all its descendants."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            import psutil
        except ImportError:  # fall back to this process's own peak
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        return int(total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def measure(fn: Callable[[], Any]) -> tuple[float, int, Any]:
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
    return seconds, mem.peak, result


def subset_csv(source: Path, limit: int | None, folder: Path) -> tuple[Path, list[str]]:
    """The first ``limit`` rows of ``source`` as a CSV of their own, and their texts."""
    with source.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if (r.get(COLUMNS["text"]) or "").strip()]
        fields = reader.fieldnames or []
    rows = rows[:limit] if limit else rows
    target = folder / "articles.csv"
    with target.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return target, [r[COLUMNS["text"]] for r in rows]


def cold_start(text: str, folder: Path, runs: int) -> list[float]:
    """Seconds for a fresh ``frontlines extract FILE`` process to print its events."""
    article = folder / "article.txt"
    article.write_text(text, encoding="utf-8")
    exe = Path(sys.executable).with_name("frontlines")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "frontlines.interfaces.cli"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([*cmd, "extract", str(article)], capture_output=True, text=True,
                              check=False)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            print(f"(frontlines extract failed: {done.stderr.strip()[-300:]})")
            break
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=FAKES)
    ap.add_argument("--quick", action="store_true", help="first 60 articles, one cold start")
    ap.add_argument("--limit", type=int, default=None, help="articles to read")
    ap.add_argument("--workers", type=int, default=2, help="processes for the parallel runs")
    args = ap.parse_args()
    if not args.csv.exists():
        print(f"(ingest benchmark skipped: {args.csv} not found)")
        return
    limit = args.limit or (60 if args.quick else None)
    n_proc = args.workers

    import spacy

    from frontlines.cluster import ingest_distributed, load_extractor
    from frontlines.pipeline import get_extractor, ingest
    from frontlines.store import open_store

    rows: list[tuple[str, float, int, int, int]] = []  # label, seconds, peak, docs, words
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path, texts = subset_csv(args.csv, limit, tmp)
        words = sum(len(t.split()) for t in texts)
        print(f"## Ingest: {len(texts)} FA-KES articles, {words:,} words,"
              f" model {model_name()}, {os.cpu_count()} CPUs\n")

        t0 = time.perf_counter()
        nlp = spacy.load(model_name())
        load_nlp = time.perf_counter() - t0

        def parse(processes: int) -> int:
            return sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=processes))

        for processes in (1, n_proc):
            s, peak, _ = measure(lambda: parse(processes))  # noqa: B023 - called at once
            label = "1 process" if processes == 1 else f"n_process={processes}"
            rows.append((f"spaCy nlp.pipe, {label}", s, peak, len(texts), words))

        t0 = time.perf_counter()
        get_extractor()
        load_fl = time.perf_counter() - t0
        store = open_store(str(tmp / "one.db"))
        s, peak, rep = measure(lambda: ingest([path], store, csv_columns=COLUMNS))
        rows.append(("frontlines ingest, 1 process", s, peak, rep.stored, words))
        one = (rep.stored, rep.reports, rep.events, len(rep.errors))
        store.close()

        import distributed

        t0 = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=n_proc, threads_per_worker=1,
                                           processes=True, dashboard_address=":0")
        client = distributed.Client(cluster)
        client.run(load_extractor)  # each worker loads the model before the clock starts
        start_cluster = time.perf_counter() - t0
        store = open_store(str(tmp / "two.db"))
        s, peak, rep = measure(lambda: ingest_distributed([path], store, client=client,
                                                          csv_columns=COLUMNS))
        rows.append((f"frontlines on Dask, {n_proc} workers", s, peak, rep.stored, words))
        two = (rep.stored, rep.reports, rep.events, len(rep.errors))
        store.close()
        client.close()
        cluster.close()

        cold = cold_start(texts[0], tmp, 1 if args.quick else 3)

    print("| run | seconds | words/s | articles/min | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|")
    for label, seconds, peak, docs, n_words in rows:
        print(f"| {label} | {seconds:.1f} | {n_words / seconds:,.0f} |"
              f" {docs / seconds * 60:,.0f} | {peak / 2**20:,.0f} |")
    print()
    print(f"- model load: spaCy {load_nlp:.1f} s; frontlines extractor {load_fl:.1f} s;"
          f" Dask cluster start with models loaded on {n_proc} workers {start_cluster:.1f} s")
    print(f"- stored (documents, reports, events, errors): 1 process {one};"
          f" Dask {two}")
    if cold:
        print(f"- time to first event, cold `frontlines extract FILE`: first"
              f" {cold[0]:.1f} s, median {statistics.median(cold):.1f} s over {len(cold)}")


if __name__ == "__main__":
    main()
