"""Fixtures of the reliability tests: the articles, an uninterrupted reference ingest, the
crash tool (``scripts/crash_test.py``) and one real extractor per session.

Figures measured by the tests are gathered in :data:`FIGURES` and printed at the end of
the run.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from .articles import write_articles

if TYPE_CHECKING:
    from frontlines.nlp.extract import Extractor

ROOT = Path(__file__).resolve().parents[2]

#: Lines printed in the terminal summary ("what was tried and what held").
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def load_crash_tool() -> ModuleType:
    path = ROOT / "scripts" / "crash_test.py"
    spec = importlib.util.spec_from_file_location("frontlines_crash_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def crash_tool() -> ModuleType:
    return load_crash_tool()


@pytest.fixture(scope="session")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    write_articles(folder)
    return folder


@dataclass
class Reference:
    """An uninterrupted ``frontlines ingest`` of the articles into a fresh database."""

    db: Path
    seconds: float  # how long the whole command took (to spread the kills over)
    snapshot: dict[str, list[dict[str, Any]]]
    reports: dict[str, int]  # document id -> number of reports


@pytest.fixture(scope="session")
def reference(articles: Path, crash_tool: ModuleType,
              tmp_path_factory: pytest.TempPathFactory) -> Reference:
    db = tmp_path_factory.mktemp("reference") / "reference.db"
    start = time.monotonic()
    done = subprocess.run(
        [*crash_tool.frontlines_command(), "ingest", str(articles), "--db", str(db), "--quiet"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    seconds = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    reports = crash_tool.reports_per_document(db)
    assert len(reports) == 20 and sum(reports.values()) > 20, reports
    assert crash_tool.check_store(db, reports) == []
    FIGURES.append(f"uninterrupted ingest: {len(reports)} documents, "
                   f"{sum(reports.values())} reports in {seconds:.1f} s (model load included)")
    return Reference(db, seconds, crash_tool.snapshot(db), reports)


@pytest.fixture(scope="session")
def real_extractor() -> Extractor:
    from frontlines.pipeline import get_extractor

    return get_extractor()
