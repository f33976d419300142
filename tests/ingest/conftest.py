"""Fixtures for the reader tests; prints how many generated inputs the property tests tried."""

from __future__ import annotations

import pytest
from ingest_helpers import TRIED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        total = sum(TRIED.values())
        parts = ", ".join(f"{name} {count}" for name, count in sorted(TRIED.items()))
        terminalreporter.write_line(
            f"ingest property tests: {total} generated inputs tried ({parts})"
        )
