#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests, on a loopback port.
#
#   eval "$(bash scripts/postgres.sh start)"   # installs if needed, starts, exports the URL
#   bash scripts/postgres.sh stop              # stops it and deletes its data folder
#
# `start` installs Debian's `postgresql` package when no server binaries are found
# (apt-get update first), creates a fresh cluster in a temporary folder owned by the
# `postgres` user (the server refuses to run as root), listens on 127.0.0.1 only
# (port $SOURCETRACE_PG_PORT, default 55432) with trust authentication, creates the
# database `sourcetrace_test` and prints one line for the shell:
#   export SOURCETRACE_TEST_PG=postgresql://postgres@127.0.0.1:55432/sourcetrace_test
# Everything else goes to stderr. The data folder's path is kept in
# /tmp/sourcetrace-pg-$PORT.dir so that `stop` can find it. Not for real data: no
# password, fsync off.
set -euo pipefail

PORT="${SOURCETRACE_PG_PORT:-55432}"
DB=sourcetrace_test
STATE="/tmp/sourcetrace-pg-${PORT}.dir"

log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
        echo "$dir"
    fi
}

install_server() {
    if [ -n "$(find_bin)" ]; then
        return
    fi
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL is not installed and installing it needs root"
        exit 1
    fi
    log "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
}

start() {
    install_server
    local bin
    bin=$(find_bin)
    if [ -z "$bin" ]; then
        log "no PostgreSQL server binaries under /usr/lib/postgresql"
        exit 1
    fi
    if [ -f "$STATE" ] && as_postgres "$bin/pg_ctl" -D "$(cat "$STATE")" status >/dev/null 2>&1; then
        log "already running on port $PORT (data in $(cat "$STATE"))"
    else
        local data
        data=$(mktemp -d /tmp/sourcetrace-pg.XXXXXX)
        chown postgres: "$data" 2>/dev/null || true
        chmod 700 "$data"
        as_postgres "$bin/initdb" -D "$data/cluster" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
        as_postgres "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $data -c fsync=off \
                -c synchronous_commit=off -c full_page_writes=off" start >&2
        echo "$data/cluster" > "$STATE"
    fi
    if ! as_postgres "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
        as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
    fi
    echo "export SOURCETRACE_TEST_PG=postgresql://postgres@127.0.0.1:${PORT}/${DB}"
}

stop() {
    local bin
    bin=$(find_bin)
    if [ ! -f "$STATE" ] || [ -z "$bin" ]; then
        log "no server started by this script on port $PORT"
        return
    fi
    local cluster
    cluster=$(cat "$STATE")
    as_postgres "$bin/pg_ctl" -D "$cluster" -m fast -w stop >&2 || true
    rm -rf "$(dirname "$cluster")" "$STATE"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) log "usage: $0 [start|stop]"; exit 2 ;;
esac
