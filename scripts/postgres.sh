#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite and the benchmarks.
#
#   bash scripts/postgres.sh start        # prints DATADIR=... and URL=postgresql://...
#   bash scripts/postgres.sh stop DATADIR  # stops the server and removes its folder
#
# The server listens on 127.0.0.1 on a free port, trusts local connections, runs with
# fsync off, and holds one database, frontlines_test. When the server binaries are missing,
# `start` installs Debian's postgresql package (needs root and apt-get).
set -euo pipefail

DBNAME=frontlines_test

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  fi
}

ensure_binaries() {
  if [ -n "$(pg_bindir)" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "PostgreSQL server binaries not found under /usr/lib/postgresql and they cannot be installed here (needs root and apt-get); install the 'postgresql' package"
  fi
  echo "postgres.sh: installing the postgresql package" >&2
  if ! { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; }; then
    die "apt-get install postgresql failed; install the PostgreSQL server by hand"
  fi
  [ -n "$(pg_bindir)" ] || die "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

start() {
  ensure_binaries
  local bin datadir port user
  bin=$(pg_bindir)
  datadir=$(mktemp -d /tmp/frontlines-pg.XXXXXX)
  chmod 755 "$datadir"
  mkdir -p "$datadir/data" "$datadir/sock"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' system user to run the server as"
    chown -R postgres "$datadir"
    user=postgres
  else
    user=$(id -un)
  fi
  if ! as_postgres "$bin/initdb" -D "$datadir/data" -U postgres -A trust -E UTF8 \
      --locale=C >"$datadir/initdb.log" 2>&1; then
    cat "$datadir/initdb.log" >&2
    rm -rf "$datadir"
    die "initdb failed (ran as $user)"
  fi
  port=$(free_port)
  if ! as_postgres "$bin/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 \
      -o "-p $port -k $datadir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    cat "$datadir/server.log" >&2 || true
    rm -rf "$datadir"
    die "pg_ctl start failed"
  fi
  if ! as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DBNAME"; then
    as_postgres "$bin/pg_ctl" -D "$datadir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$datadir"
    die "createdb failed"
  fi
  echo "DATADIR=$datadir"
  echo "URL=postgresql://postgres@127.0.0.1:$port/$DBNAME"
}

stop() {
  local datadir=${1:-}
  [ -n "$datadir" ] || die "usage: postgres.sh stop DATADIR"
  [ -d "$datadir/data" ] || die "$datadir is not a folder made by 'postgres.sh start'"
  local bin
  bin=$(pg_bindir)
  if [ -n "$bin" ]; then
    as_postgres "$bin/pg_ctl" -D "$datadir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$datadir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: postgres.sh start | postgres.sh stop DATADIR" ;;
esac
