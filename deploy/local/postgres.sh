#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests, on loopback, in a folder of its own.
#   postgres.sh start DIR PORT   initdb DIR when empty (trust auth on loopback only, listen 127.0.0.1, fsync on), start
#                                it on PORT, create database "imaging"; prints the Npgsql connection string on stdout
#                                (the only stdout line). Already running: prints the string again.
#   postgres.sh stop DIR         fast shutdown; nothing running (or no DIR) is not an error.
# As root the cluster belongs to the "postgres" user (PostgreSQL refuses to run as root); DIR is chowned to it.
# Server binaries: $PG_BIN, else /usr/lib/postgresql/15/bin (installed through apt when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=peers.sh
source "$here/peers.sh"

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

log() { echo "postgres.sh: $*" >&2; }

# Runs a server binary as the cluster's owner: ourselves, or "postgres" when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [ -f "$dir/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

start() {
    if [ -z "$port" ] || ! [[ "$port" =~ ^[0-9]+$ ]]; then usage; fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi

    if [ ! -f "$dir/PG_VERSION" ]; then
        log "initdb $dir"
        as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-instructions >&2
        # Loopback only: a local socket in DIR and TCP on 127.0.0.1, both trusted; nothing else may connect.
        as_owner tee "$dir/pg_hba.conf" >/dev/null <<'HBA'
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
HBA
        as_owner tee -a "$dir/postgresql.conf" >/dev/null <<CONF

# deploy/local/postgres.sh: private cluster, loopback only. fsync and synchronous_commit keep their defaults (on):
# tests measure the same durability as production.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
CONF
    fi

    if is_running; then
        log "already running in $dir"
    else
        log "starting on 127.0.0.1:$port"
        if ! as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $port" -w -t 60 start >&2; then
            log "start failed; $dir/server.log:"
            tail -n 20 "$dir/server.log" >&2 || true
            exit 1
        fi
    fi
    # The running cluster's port (it may have been started earlier on another one).
    port="$(sed -n 4p "$dir/postmaster.pid" | tr -d '[:space:]')"
    if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'imaging'" | grep -q 1; then
        as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE imaging" >&2
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=imaging"
}

stop() {
    if ! is_running; then
        log "not running in $dir"
        return 0
    fi
    log "stopping $dir"
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w -t 60 stop >&2
}

command="${1:-}"
dir="${2:-}"
port="${3:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then usage; fi
dir="$(realpath -m "$dir")"

if ! bin="$(peers_postgresql_bin)"; then
    peers_require_postgresql >&2
    bin="$(peers_postgresql_bin)"
fi

case "$command" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
