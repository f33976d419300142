#!/usr/bin/env python
"""Crash an ingest on purpose and check that the SQLite store survives.

Three sub-commands:

``trace FOLDER --db DB``
    Ingest FOLDER and print every SQL statement the store runs (one per line), so that
    crash points can be chosen.
``ingest FOLDER --db DB --kill-at REGEX:N``
    Ingest FOLDER and kill this process with SIGKILL just before the N-th SQL statement
    that matches REGEX (statements are matched as SQLite traces them: ``BEGIN``,
    ``COMMIT``, one ``INSERT`` per row of an ``executemany``).
``random FOLDER --kills K --seed S``
    Run ``frontlines ingest FOLDER --quiet`` K times, killing it with SIGKILL after a
    random delay each time, then once to completion; compare the store with an
    uninterrupted run into a fresh database and print the figures.

The library functions :func:`snapshot` and :func:`check_store` are used by
``tests/reliability``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent

#: Columns whose values change from run to run and are left out of comparisons.
VOLATILE = {"documents": ("ingested_at",)}


def frontlines_command() -> list[str]:
    """The ``frontlines`` console script next to this Python, else ``python -m``."""
    script = Path(sys.executable).with_name("frontlines")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "frontlines.interfaces.cli"]


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def snapshot(db: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as dicts, sorted, without volatile columns; JSON columns decoded."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out: dict[str, list[dict[str, Any]]] = {}
        for table in ("documents", "reports", "events", "event_reports", "relations",
                      "provisional_actors"):
            rows = _rows(conn, f"SELECT * FROM {table}")
            for row in rows:
                for col in VOLATILE.get(table, ()):
                    row.pop(col, None)
                if isinstance(row.get("data"), str):
                    row["data"] = json.loads(row["data"])
            rows.sort(key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
            out[table] = rows
        return out
    finally:
        conn.close()


def check_store(db: str | Path, expected_reports: Optional[dict[str, int]] = None) -> list[str]:
    """Problems found in the store at ``db`` (an empty list when it is sound).

    Checks SQLite's own integrity check, that no write lock is left behind, that no
    document, report or event is stored twice, that no report, relation or link points to
    a missing row, and (with ``expected_reports``, document id -> count) that each stored
    document has all its reports.
    """
    problems: list[str] = []
    conn = sqlite3.connect(str(db), timeout=0)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity_check: {result}")
        try:  # a crashed writer must not leave the database locked
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            problems.append(f"cannot take the write lock: {exc}")
        for table, key in (("documents", "id"), ("documents", "content_hash"),
                           ("reports", "id"), ("events", "id"), ("relations", "id")):
            dup = conn.execute(
                f"SELECT {key}, COUNT(*) FROM {table} GROUP BY {key} HAVING COUNT(*) > 1"
            ).fetchall()
            if dup:
                problems.append(f"duplicate {table}.{key}: {dup[:3]}")
        dup_text = conn.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT text) FROM documents").fetchone()[0]
        if dup_text:
            problems.append(f"{dup_text} documents stored twice with the same text")
        for table in ("reports", "relations", "provisional_actors"):
            orphans = conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            if orphans:
                problems.append(f"{orphans} {table} rows without their document")
        dangling = conn.execute(
            "SELECT COUNT(*) FROM event_reports WHERE event_id NOT IN (SELECT id FROM events)"
            " OR report_id NOT IN (SELECT id FROM reports)"
        ).fetchone()[0]
        if dangling:
            problems.append(f"{dangling} event_reports links to missing rows")
        if expected_reports is not None:
            counts = dict(conn.execute(
                "SELECT d.id, (SELECT COUNT(*) FROM reports r WHERE r.doc_id = d.id)"
                " FROM documents d").fetchall())
            for doc_id, n in sorted(counts.items()):
                if doc_id not in expected_reports:
                    problems.append(f"unexpected document {doc_id}")
                elif n != expected_reports[doc_id]:
                    problems.append(
                        f"document {doc_id} has {n} reports, expected {expected_reports[doc_id]}"
                    )
    finally:
        conn.close()
    return problems


def reports_per_document(db: str | Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(conn.execute(
            "SELECT d.id, (SELECT COUNT(*) FROM reports r WHERE r.doc_id = d.id)"
            " FROM documents d").fetchall())
    finally:
        conn.close()


def _traced_ingest(folder: str, db: str, on_statement: Callable[[str], None]) -> None:
    """Ingest ``folder`` into ``db`` in this process, calling ``on_statement`` before each
    SQL statement run on ``db`` (other SQLite files, such as the gazetteer, are not traced)."""
    real_connect = sqlite3.connect
    target = Path(db).resolve()

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(database, *args, **kwargs)
        if isinstance(database, (str, Path)) and Path(database).resolve() == target:
            conn.set_trace_callback(on_statement)
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]
    from frontlines.pipeline import get_extractor, ingest
    from frontlines.store import open_store

    extractor = get_extractor()  # loaded before the first statement
    manifest = Path(folder) / "manifest.jsonl"
    store = open_store(db)
    try:
        report = ingest([folder], store, extractor=extractor,
                        manifest=manifest if manifest.exists() else None)
    finally:
        store.close()
    print(json.dumps(report.to_dict()), file=sys.stderr)


def cmd_trace(args: argparse.Namespace) -> int:
    statements: list[str] = []
    _traced_ingest(args.folder, args.db, lambda sql: statements.append(" ".join(sql.split())))
    for sql in statements:
        print(sql[:200])
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    pattern, _, nth = args.kill_at.rpartition(":")
    regex, target = re.compile(pattern), int(nth)
    seen = 0

    def on_statement(sql: str) -> None:
        nonlocal seen
        if regex.search(sql):
            seen += 1
            if seen == target:
                sys.stderr.flush()
                os.kill(os.getpid(), signal.SIGKILL)

    _traced_ingest(args.folder, args.db, on_statement)
    return 0


def run_cli(folder: str, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*frontlines_command(), "ingest", folder, "--db", db, "--quiet"],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def _stored(db: str | Path) -> int:
    """Documents stored so far (0 while the database does not exist yet)."""
    if not Path(db).exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # tables not created yet
        return 0


def random_kills(folder: str, db: str, kills: int, seed: int, max_delay: float,
                 min_delay: float = 0.5, total: int = 0) -> list[dict[str, Any]]:
    """Start ``frontlines ingest`` ``kills`` times and SIGKILL it at a random point; return
    what each kill left (when, whether the process was still running, stored counts).

    The point is either a random delay in [min_delay, max_delay] seconds or, when ``total``
    (the number of documents in ``folder``) is given, 70% of the time, the moment a random
    number of new documents (up to half of those left) has been stored, plus up to 20 ms,
    so that kills fall among the writes and not only during start-up.
    """
    rng = random.Random(seed)
    log = []
    for _ in range(kills):
        before = _stored(db)
        by_progress = total - before > 1 and rng.random() < 0.7
        target = before + rng.randint(1, max(1, (total - before) // 2)) if by_progress else 0
        delay = rng.uniform(min_delay, max_delay)
        extra = rng.uniform(0.0, 0.02)
        proc = subprocess.Popen([*frontlines_command(), "ingest", folder, "--db", db, "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        start = time.monotonic()
        if by_progress:
            while proc.poll() is None and _stored(db) < target:
                time.sleep(0.005)
            time.sleep(extra)
        else:
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                pass
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        entry: dict[str, Any] = {
            "trigger": f"{target - before} new documents" if by_progress else f"{delay:.2f} s",
            "after_s": round(time.monotonic() - start, 2), "killed": killed,
            "returncode": proc.returncode,
        }
        if Path(db).exists():
            entry["problems"] = check_store(db)
            counts = reports_per_document(db) if not entry["problems"] else {}
            entry["documents"] = len(counts)
            entry["reports"] = sum(counts.values())
        log.append(entry)
    return log


def cmd_random(args: argparse.Namespace) -> int:
    out = Path(args.work)
    out.mkdir(parents=True, exist_ok=True)
    ref, db = out / "reference.db", out / "crashed.db"
    for p in out.glob("*.db*"):
        p.unlink()
    start = time.monotonic()
    done = run_cli(args.folder, str(ref))
    full = time.monotonic() - start
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 1
    n_docs = len(reports_per_document(ref))
    log = random_kills(args.folder, str(db), args.kills, args.seed, max_delay=1.2 * full,
                       min_delay=0.3 * full, total=n_docs)
    final = run_cli(args.folder, str(db))
    expected = reports_per_document(ref)
    problems = check_store(db, expected)
    same = snapshot(db) == snapshot(ref)
    for i, entry in enumerate(log, 1):
        print(f"kill {i}: at {entry['trigger']} ({entry['after_s']:.2f} s), "
              f"killed={entry['killed']}, "
              f"documents={entry.get('documents')}, reports={entry.get('reports')}, "
              f"problems={entry.get('problems')}")
    print(f"uninterrupted run: {full:.1f} s, {len(expected)} documents, "
          f"{sum(expected.values())} reports")
    print(f"final run: exit {final.returncode}; {final.stderr.strip()}")
    print(f"problems: {problems or 'none'}; same content as the uninterrupted run: {same}")
    return 0 if same and not problems else 1


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("trace")
    p.add_argument("folder")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cmd_trace)
    p = sub.add_parser("ingest")
    p.add_argument("folder")
    p.add_argument("--db", required=True)
    p.add_argument("--kill-at", required=True, metavar="REGEX:N")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("random")
    p.add_argument("folder")
    p.add_argument("--kills", type=int, default=8)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", default="crash-test-work", help="Folder for the databases.")
    p.set_defaults(func=cmd_random)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
