#!/usr/bin/env bash
# Runs the whole test suite. Starts a throw-away PostgreSQL server for the postgres tests
# when the server binaries are installed (Debian's postgresql package), and stops it after.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

pg_pid_dir=""
cleanup() {
  if [ -n "$pg_pid_dir" ]; then
    bash scripts/postgres.sh stop "$pg_pid_dir" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if [ -z "${FRONTLINES_TEST_POSTGRES:-}" ] && [ -f scripts/postgres.sh ]; then
  if out=$(bash scripts/postgres.sh start 2>&1); then
    pg_pid_dir=$(echo "$out" | sed -n 's/^DATADIR=//p')
    export FRONTLINES_TEST_POSTGRES=$(echo "$out" | sed -n 's/^URL=//p')
    echo "PostgreSQL for tests: $FRONTLINES_TEST_POSTGRES"
  else
    echo "PostgreSQL not started (postgres tests will be skipped): $out" | tail -3
  fi
fi

$PY -m pytest -q "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "no tests collected"
  rc=0
fi
exit $rc
