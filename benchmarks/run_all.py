"""Run every benchmark script in this folder in turn and print what each prints.

A benchmark script is a ``.py`` file here with a ``__main__`` block (modules it imports,
like ``synthetic.py``, are not run). ``--quick`` is passed on to the benchmarks that
accept it. A benchmark that fails is reported and the others still run; the exit status
is 1 when any failed.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    found = []
    for path in sorted(HERE.glob("*.py")):
        if path.name == Path(__file__).name:
            continue
        if "__name__ == \"__main__\"" in path.read_text(encoding="utf-8"):
            found.append(path)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs where offered")
    ap.add_argument("--only", nargs="*", default=None, help="benchmark names (e.g. ingest)")
    args = ap.parse_args()
    failed = []
    for path in scripts():
        if args.only and path.stem not in args.only:
            continue
        quick = args.quick and "--quick" in path.read_text(encoding="utf-8")
        cmd = [sys.executable, str(path)] + (["--quick"] if quick else [])
        print(f"\n# {path.name}\n", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=HERE.parent, check=False)
        took = time.perf_counter() - t0
        if done.returncode != 0:
            failed.append(path.name)
            print(f"\n({path.name} failed with exit status {done.returncode})", flush=True)
        print(f"\n({path.name}: {took:.0f} s)", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
