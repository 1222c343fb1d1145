#!/usr/bin/env bash
# A private RabbitMQ node on loopback, for tests and local runs (recipe: /work/shared/PEERS.md).
#
#   rabbitmq.sh start DIR PORT [DIST_PORT]   start a node whose state and logs live under DIR, AMQP on 127.0.0.1:PORT;
#                                            prints its URI (amqp://guest:guest@127.0.0.1:PORT/) once it accepts AMQP
#   rabbitmq.sh stop DIR                     stop that node and wait until it has exited
#   rabbitmq.sh node DIR                     print the node's name, for rabbitmqctl -n / rabbitmq-diagnostics -n
#
# Each node has its own name (imaging-PORT@localhost), AMQP port, distribution port (DIST_PORT, default PORT+20000) and
# data folder, so several can run beside each other and beside a system broker; none reads /etc/rabbitmq. Both
# commands are idempotent: start on a running node prints its URI again, stop on a stopped node does nothing.
# Set RABBITMQ_MANAGEMENT_PORT to enable the management plugin (HTTP API on 127.0.0.1:that port); it adds seconds
# to the start, so tests leave it off. RABBITMQ_START_TIMEOUT (seconds, default 90) bounds the wait.
# Erlang's port mapper (epmd) is started by the first node and, as everywhere, left running for the next one.
# RABBITMQ_EXTRA_CONFIG is appended to the node's rabbitmq.conf (new-style key = value lines).
# RABBITMQ_NODE_NAME overrides the node's name (e.g. rabbit1@localhost: deploy/local/cluster.sh names its cluster's nodes).
set -euo pipefail

usage() {
    echo "usage: rabbitmq.sh start DIR PORT [DIST_PORT] | stop DIR | node DIR" >&2
    exit 2
}

# As root, Debian's wrappers in /usr/sbin run the server and tools as the rabbitmq user (whose Erlang cookie the tools
# then share); anyone else runs the scripts themselves with their own cookie.
tool_path() {
    local name="$1"
    if [ "$(id -u)" -eq 0 ] && [ -x "/usr/sbin/$name" ]; then
        echo "/usr/sbin/$name"
    elif [ -x "/usr/lib/rabbitmq/bin/$name" ]; then
        echo "/usr/lib/rabbitmq/bin/$name"
    elif command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
    else
        echo "rabbitmq.sh: $name is not installed (apt-get install rabbitmq-server, or source deploy/local/peers.sh and run peers_require_rabbitmq)" >&2
        return 1
    fi
}

tool() {
    local path
    path="$(tool_path "$1")" || exit 1
    shift
    "$path" "$@"
}

is_port() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

node_pid() {
    local pid_file="$1/rabbitmq.pid"
    [ -s "$pid_file" ] || return 1
    local pid
    pid="$(cat "$pid_file")"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

node_env() {
    local dir="$1" node="$2" port="$3" dist_port="$4"
    export RABBITMQ_NODENAME="$node"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$port"
    export RABBITMQ_DIST_PORT="$dist_port"
    export RABBITMQ_MNESIA_BASE="$dir/mnesia"
    export RABBITMQ_LOG_BASE="$dir/log"
    export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
    export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
    export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    # Distribution (node-to-tool traffic) on loopback too, and an epmd we start listens only there.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export ERL_EPMD_ADDRESS=127.0.0.1
}

start() {
    [ $# -ge 2 ] && [ $# -le 3 ] || usage
    local dir="$1" port="$2" dist_port="${3:-}"
    is_port "$port" || { echo "rabbitmq.sh: PORT '$port' is not a port number" >&2; exit 2; }
    [ -n "$dist_port" ] || dist_port=$((port + 20000))
    is_port "$dist_port" || { echo "rabbitmq.sh: distribution port $dist_port is out of range; pass DIST_PORT" >&2; exit 2; }
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    local node="${RABBITMQ_NODE_NAME:-imaging-$port@localhost}"
    local uri="amqp://guest:guest@127.0.0.1:$port/"

    if node_pid "$dir" >/dev/null && listening "$port"; then
        echo "$uri"
        return 0
    fi
    if listening "$port"; then
        echo "rabbitmq.sh: something else already listens on 127.0.0.1:$port" >&2
        exit 1
    fi

    echo "$node" >"$dir/nodename"
    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$port
loopback_users.guest = true
EOF
    if [ -n "${RABBITMQ_EXTRA_CONFIG:-}" ]; then printf '%s\n' "$RABBITMQ_EXTRA_CONFIG" >>"$dir/rabbitmq.conf"; fi
    : >"$dir/rabbitmq-env.conf"
    if [ -n "${RABBITMQ_MANAGEMENT_PORT:-}" ]; then
        is_port "$RABBITMQ_MANAGEMENT_PORT" || { echo "rabbitmq.sh: RABBITMQ_MANAGEMENT_PORT is not a port number" >&2; exit 2; }
        printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' "$RABBITMQ_MANAGEMENT_PORT" >>"$dir/rabbitmq.conf"
        echo '[rabbitmq_management].' >"$dir/enabled_plugins"
    else
        echo '[].' >"$dir/enabled_plugins"
    fi
    if [ "$(id -u)" -eq 0 ] && id rabbitmq >/dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$dir"; fi

    node_env "$dir" "$node" "$port" "$dist_port"
    rm -f "$dir/rabbitmq.pid"
    (cd "$dir" && tool rabbitmq-server -detached) >"$dir/start.out" 2>&1 || {
        echo "rabbitmq.sh: rabbitmq-server failed to start:" >&2
        cat "$dir/start.out" >&2
        exit 1
    }

    # Ready = the AMQP listener is up (opened last in the boot) and the node answers ping by its name, so the port is
    # ours and not some other process's. The port is polled cheaply; every ping starts an Erlang VM of its own.
    local timeout="${RABBITMQ_START_TIMEOUT:-90}" started=$SECONDS
    while true; do
        if listening "$port" && tool rabbitmq-diagnostics -q -n "$node" ping >/dev/null 2>&1; then
            break
        fi
        if [ $((SECONDS - started)) -ge "$timeout" ]; then
            echo "rabbitmq.sh: node $node not ready after ${timeout}s; last log lines:" >&2
            tail -n 20 "$dir/log/$node.log" >&2 2>/dev/null || cat "$dir/start.out" >&2
            stop "$dir" >/dev/null 2>&1 || true
            exit 1
        fi
        if [ -s "$dir/rabbitmq.pid" ] && ! node_pid "$dir" >/dev/null; then
            echo "rabbitmq.sh: node $node exited during start; last log lines:" >&2
            tail -n 20 "$dir/log/$node.log" >&2 2>/dev/null || cat "$dir/start.out" >&2
            exit 1
        fi
        sleep 0.2
    done
    echo "rabbitmq.sh: node $node ready in $((SECONDS - started))s (data $dir)" >&2
    echo "$uri"
}

stop() {
    [ $# -eq 1 ] || usage
    local dir="$1"
    [ -d "$dir" ] || return 0
    dir="$(cd "$dir" && pwd)"
    local pid
    pid="$(node_pid "$dir")" || { rm -f "$dir/rabbitmq.pid"; return 0; }
    local node
    node="$(cat "$dir/nodename" 2>/dev/null || true)"
    # A graceful stop first (queues are closed cleanly, so a restart recovers fast); then signals, by the node's own pid.
    if [ -n "$node" ]; then
        timeout 60 "$(tool_path rabbitmqctl)" -q -n "$node" stop "$dir/rabbitmq.pid" >/dev/null 2>&1 || true
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/rabbitmq.pid"
    echo "rabbitmq.sh: node ${node:-in $dir} stopped" >&2
}

node() {
    [ $# -eq 1 ] || usage
    cat "$1/nodename"
}

[ $# -ge 1 ] || usage
command="$1"
shift
case "$command" in
    start) start "$@" ;;
    stop) stop "$@" ;;
    node) node "$@" ;;
    *) usage ;;
esac
