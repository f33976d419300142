"""Docs that cannot drift: the CLI reference is generated, the README names every command."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from frontlines.interfaces.cli import iter_commands

ROOT = Path(__file__).resolve().parents[1]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date() -> None:
    rendered = _generator().render()  # type: ignore[attr-defined]
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert rendered == current, "docs/cli.md is stale: run `make docs`"


def test_every_command_and_option_is_documented() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in iter_commands():
        assert f"## `{name}`" in reference
        top = name.split()[1]
        assert f"frontlines {top}" in readme, f"README does not mention `frontlines {top}`"
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in reference, f"{name} {opt} undocumented"


def test_settings_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for var in ("FRONTLINES_DB", "FRONTLINES_MODEL", "FRONTLINES_ACTORS", "FRONTLINES_CACHE",
                "FRONTLINES_FOCUS_COUNTRIES", "FRONTLINES_TOKEN"):
        assert var in readme, var
