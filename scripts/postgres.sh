#!/usr/bin/env bash
# A throwaway local PostgreSQL for the test suite, without Docker.
#
#   eval "$(bash scripts/postgres.sh start)"   # install if missing, init, start, export
#   bash scripts/postgres.sh stop
#
# `start` prints only `export ...` lines on stdout (for eval); everything else
# goes to stderr. It installs Debian's `postgresql` package when no server is
# installed (needs root and apt), keeps the cluster in .pgdata/ (git-ignored),
# listens on 127.0.0.1:${PG_PORT:-5433} only, and reuses a cluster that is
# already running. When PostgreSQL cannot be had, it warns, prints nothing and
# exits 0, so the suite still runs on SQLite alone.
#
# Settings are for tests only: fsync is off (a crash can corrupt the cluster:
# delete .pgdata/ to start over) and the test user is the cluster's superuser,
# because TestDatabases creates and drops one database per test.
set -euo pipefail
# Keep stdout for the export lines alone: fd 3 is the real stdout, and every
# other command, ours or a tool's, writes to stderr.
exec 3>&1 1>&2

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PG_PORT:-5433}"
user="sentry_graph_test"

log() { echo "[postgres] $*"; }
# Not fatal for the suite: it falls back to SQLite.
give_up() { log "WARNING: $* — tests run on SQLite only"; exit 0; }

is_root() { [ "$(id -u)" = 0 ]; }
# The server refuses to run as root, so as root everything runs as `postgres`.
# From / because the caller's folder may be closed to that user (all paths are absolute).
as_pg() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# The newest installed server, or the one matching an existing cluster.
find_bindir() {
  local wanted="${1:-}" dir
  if [ -n "$wanted" ]; then
    dir="/usr/lib/postgresql/$wanted/bin"
    [ -x "$dir/postgres" ] && echo "$dir"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
}

install_server() {
  is_root || give_up "PostgreSQL is not installed and installing it needs root"
  command -v apt-get >/dev/null || give_up "PostgreSQL is not installed and there is no apt-get"
  export DEBIAN_FRONTEND=noninteractive
  local apt_opts=(-y -qq -o Dpkg::Use-Pty=0 --no-install-recommends)
  # Only refresh the package lists when they do not know the package (a fresh
  # machine has none) or when they are stale and the install fails.
  if ! apt-cache show postgresql >/dev/null 2>&1; then
    log "apt-get update"
    apt-get update -qq || give_up "apt-get update failed"
  fi
  log "installing Debian's postgresql package"
  if ! apt-get install "${apt_opts[@]}" postgresql; then
    apt-get update -qq || give_up "apt-get update failed"
    apt-get install "${apt_opts[@]}" postgresql || give_up "apt-get install postgresql failed"
  fi
}

# .pgdata/ in the repository, unless the `postgres` user cannot reach it (a
# checkout under /root, say): then a folder under /var/tmp named after it.
choose_base() {
  base="$root/.pgdata"
  if is_root && ! runuser -u postgres -- test -x "$root"; then
    base="/var/tmp/sentry-graph-pgdata-$(printf '%s' "$root" | sha1sum | cut -c1-12)"
    log "the postgres user cannot reach $root; keeping the cluster in $base"
  fi
  data="$base/data"
}

init_cluster() {
  local bindir="$1"
  log "initializing a cluster in $data"
  mkdir -p "$base"
  chmod 700 "$base"
  # A random password, kept next to the cluster so a reused cluster matches.
  # Letters and digits only, so it needs no escaping in a connection URL.
  local password
  password="$(head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
  (umask 077 && printf '%s' "${password:0:24}" >"$base/password")
  if is_root; then chown -R postgres: "$base"; fi
  as_pg "$bindir/initdb" -D "$data" -U "$user" --pwfile="$base/password" \
    --auth=scram-sha-256 --no-locale --encoding=UTF8 >/dev/null
  # TCP on loopback only: no socket directory to share with a system cluster.
  # Connections: each test opens a pool of up to 5 to its own database.
  cat >>"$data/postgresql.conf" <<'EOF'

# scripts/postgres.sh: a throwaway cluster for tests
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

cmd_start() {
  choose_base
  # An existing cluster needs the server version that made it.
  local version="" bindir
  if [ -f "$data/PG_VERSION" ]; then version="$(cat "$data/PG_VERSION")"; fi
  bindir="$(find_bindir "$version")"
  if [ -z "$bindir" ]; then
    install_server
    bindir="$(find_bindir "$version")"
    [ -n "$bindir" ] || give_up "no PostgreSQL ${version:-server} after installing (delete $base to start over)"
  fi
  if [ -z "$version" ]; then
    if is_root; then id postgres >/dev/null 2>&1 || give_up "there is no postgres user"; fi
    init_cluster "$bindir"
  fi

  local major
  major="$(cat "$data/PG_VERSION")"
  major="${major%%.*}"
  local var="BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING"
  local types="$root/node_modules/@backstage/backend-test-utils/dist/database/types.cjs.js"
  if [ -f "$types" ] && ! grep -q "$var" "$types"; then
    give_up "TestDatabases has no id for PostgreSQL $major"
  fi

  local started=0
  if as_pg "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    # Line 4 of postmaster.pid is the port it listens on.
    port="$(sed -n 4p "$data/postmaster.pid")"
    log "reusing the running PostgreSQL $major on 127.0.0.1:$port"
  else
    started=1
    log "starting PostgreSQL $major on 127.0.0.1:$port"
    # 3>&-: the server must not inherit the caller's stdout, or `$(...)`
    # around this script would wait for it to exit.
    if ! as_pg "$bindir/pg_ctl" start -D "$data" -w -t 60 -l "$base/postgres.log" -o "-p $port" >/dev/null 3>&-; then
      tail -n 20 "$base/postgres.log" || true
      log "ERROR: PostgreSQL did not start (is port $port taken? set PG_PORT)"
      exit 1
    fi
  fi

  local password
  password="$(cat "$base/password")"
  # Ready means it accepts this user's password, not only that it listens.
  local i
  for i in $(seq 1 60); do
    if PGPASSWORD="$password" PGCONNECT_TIMEOUT=2 "$bindir/psql" -h 127.0.0.1 -p "$port" \
      -U "$user" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
      printf 'export %s=%q\n' "$var" "postgresql://$user:$password@127.0.0.1:$port" >&3
      # Whether this call started it, so that its caller may stop it again.
      printf 'export SENTRY_GRAPH_TEST_PG_STARTED=%s\n' "$started" >&3
      return 0
    fi
    sleep 1
  done
  log "ERROR: PostgreSQL on 127.0.0.1:$port does not accept connections; see $base/postgres.log"
  exit 1
}

cmd_stop() {
  choose_base
  [ -f "$data/PG_VERSION" ] || { log "no cluster in $data"; return 0; }
  local bindir
  bindir="$(find_bindir "$(cat "$data/PG_VERSION")")"
  [ -n "$bindir" ] || { log "PostgreSQL $(cat "$data/PG_VERSION") is not installed"; return 0; }
  if as_pg "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    as_pg "$bindir/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) echo "usage: $0 start|stop" ; exit 2 ;;
esac
