"""Crash safety: ``frontlines ingest`` killed with SIGKILL, then run again.

Two ways of crashing it:

* the real command, killed after random delays (the kills fall during start-up, parsing,
  the per-document writes or the merge, wherever they happen to fall);
* ``scripts/crash_test.py ingest --kill-at``, which kills the process just before a chosen
  SQL statement, so that every dangerous point is hit for sure: inside a document's
  transaction, just before its COMMIT, inside the merge that replaces the events table.

After every kill the store must be sound (no partial document, no duplicate, no dangling
link, no lock left), and after a final complete run it must hold exactly what an
uninterrupted run into a fresh database holds.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import FIGURES, ROOT, Reference

pytestmark = pytest.mark.slow


def _assert_same(crash_tool: ModuleType, db: Path, reference: Reference) -> None:
    got = crash_tool.snapshot(db)
    for table, rows in reference.snapshot.items():
        assert len(got[table]) == len(rows), table
        assert got[table] == rows, f"{table} differs from the uninterrupted run"


def _complete(crash_tool: ModuleType, articles: Path, db: Path) -> str:
    done = crash_tool.run_cli(str(articles), str(db))
    assert done.returncode == 0, done.stderr
    return str(done.stderr).strip()


def test_random_sigkills_then_resume(articles: Path, reference: Reference,
                                     crash_tool: ModuleType, tmp_path: Path) -> None:
    db = tmp_path / "crashed.db"
    seed = random.randrange(1_000_000)
    log = crash_tool.random_kills(str(articles), str(db), kills=7, seed=seed,
                                  min_delay=0.2 * reference.seconds,
                                  max_delay=reference.seconds,
                                  total=len(reference.reports))
    stored_after_kills = []
    for i, entry in enumerate(log, 1):
        assert entry.get("problems", []) == [], f"kill {i} (seed {seed}): {entry}"
        if db.exists():
            assert crash_tool.check_store(db, reference.reports) == []
        stored_after_kills.append(entry.get("documents", 0))
    assert stored_after_kills == sorted(stored_after_kills)  # nothing lost by a later kill
    summary = _complete(crash_tool, articles, db)
    assert crash_tool.check_store(db, reference.reports) == []
    _assert_same(crash_tool, db, reference)
    killed = sum(1 for e in log if e["killed"])
    points = ", ".join(f"{e['trigger']}" for e in log)
    FIGURES.append(
        f"random SIGKILLs (seed {seed}): {killed} of {len(log)} runs killed, at "
        f"{points}; documents stored after each: "
        f"{stored_after_kills}; final run: {summary}; store identical to the uninterrupted run"
    )


#: Kill points, in order, applied to one database: (statement regex, occurrence in that run).
KILL_POINTS = [
    (r"^INSERT INTO reports", 2),        # inside the first new document's transaction
    (r"^COMMIT", 3),                     # just before the third document commits
    (r"^INSERT INTO documents", 4),      # a document row about to be written
    (r"^INSERT INTO relations|^INSERT INTO provisional_actors", 1),
    (r"^COMMIT", 9),                     # later in the run, after a few documents
    (r"^INSERT INTO events", 1),         # the merge: its first event about to be written
    (r"^INSERT INTO event_reports", 10),  # the merge, half written
    (r"^COMMIT", 1),                     # every document stored: this COMMIT ends the merge
]


def test_kills_at_chosen_statements_then_resume(articles: Path, reference: Reference,
                                                crash_tool: ModuleType, tmp_path: Path) -> None:
    db = tmp_path / "targeted.db"
    script = ROOT / "scripts" / "crash_test.py"
    outcome = []
    for pattern, nth in KILL_POINTS:
        done = subprocess.run(
            [sys.executable, str(script), "ingest", str(articles), "--db", str(db),
             "--kill-at", f"{pattern}:{nth}"],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )
        # -9: killed at that statement; 0: the run finished before reaching it
        assert done.returncode in (-signal.SIGKILL, 0), done.stderr
        assert crash_tool.check_store(db, reference.reports) == [], (pattern, nth)
        docs = crash_tool.reports_per_document(db)
        outcome.append((pattern, nth, done.returncode == -signal.SIGKILL, len(docs)))
        if pattern == r"^INSERT INTO events" and done.returncode:
            # the merge was interrupted: the events table is left as it was before the run
            assert crash_tool.snapshot(db)["events"] != reference.snapshot["events"]
    killed = sum(1 for o in outcome if o[2])
    assert killed >= 6, outcome
    summary = _complete(crash_tool, articles, db)
    assert crash_tool.check_store(db, reference.reports) == []
    _assert_same(crash_tool, db, reference)
    FIGURES.append(
        f"kills before chosen SQL statements: {killed} of {len(outcome)} runs killed "
        f"({'; '.join(f'{p}#{n}->{d} docs' for p, n, k, d in outcome if k)}); "
        f"final run: {summary}; store identical to the uninterrupted run"
    )


def test_two_ingests_of_the_same_folder_at_once(articles: Path, reference: Reference,
                                               crash_tool: ModuleType, tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    command = [*crash_tool.frontlines_command(), "ingest", str(articles), "--db", str(db),
               "--quiet"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT) for _ in range(2)]
    outputs = [p.communicate() for p in procs]
    for p, (_, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    assert crash_tool.check_store(db, reference.reports) == []
    _assert_same(crash_tool, db, reference)
    FIGURES.append("two `frontlines ingest` of the same folder into one database at once: "
                   "both exit 0; " + "; ".join(err.strip() for _, err in outputs))
