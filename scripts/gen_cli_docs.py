"""Write the command-line reference (docs/cli.md) from the CLI itself."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import click  # noqa: E402

from frontlines.interfaces.cli import iter_commands, main  # noqa: E402


def render() -> str:
    lines = ["# Command-line reference", "",
             "Generated from the CLI by `scripts/gen_cli_docs.py` (`make docs`); "
             "a test fails when it is out of date.", ""]
    for name, cmd in [("frontlines", main), *iter_commands()]:
        ctx = click.Context(cmd, info_name=name, terminal_width=100, max_content_width=100)
        lines += [f"## `{name}`", "", "```", cmd.get_help(ctx).replace(ctx.command_path, name), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(render())
