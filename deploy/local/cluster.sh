#!/usr/bin/env bash
# The distributed deployment on one machine, all on loopback: a three-node RabbitMQ cluster with quorum queues, a private
# PostgreSQL cluster, two gateways, two workers and the API, each `imaging serve --role ...` its own process.
#
#   cluster.sh start    start whatever is not running yet (idempotent), wait until every part is ready, print endpoints
#   cluster.sh stop     stop the services, then the broker nodes and PostgreSQL; the state folder stays (a start resumes)
#   cluster.sh status   what runs, with its endpoints; exit status 0 only when everything runs
#   cluster.sh env      the endpoints as shell assignments (for scripts and tests)
#
# Environment (all optional):
#   IMAGING_CLUSTER_DIR        state folder (broker data, database, blobs, logs, pids); default /tmp/imaging-cluster
#   IMAGING_CLUSTER_PORT_BASE  B: RabbitMQ AMQP B+1..3, management B+11..13, distribution B+21..23, PostgreSQL B+30,
#                              gateways DICOM B+41..42 / HTTP B+51..52, workers HTTP B+61..62, API HTTP B+80;
#                              default 25600
#   IMAGING_CLUSTER_NODE_PREFIX  RabbitMQ node names PREFIX1..3@localhost; default rabbit
#   IMAGING_CLUSTER_MANAGEMENT   1 (default) enables the management plugin on each node; 0 starts faster
#   IMAGING_CLUSTER_SERVICES     0 starts only RabbitMQ and PostgreSQL (no imaging processes)
#   IMAGING_DLL                  the built imaging.dll; default services/Imaging.Cli/bin/{Release,Debug}/net10.0 (built
#                                in Release when neither exists)
#   IMAGING_CLUSTER_TIMEOUT      seconds to wait for each part to become ready; default 120
#   IMAGING_CLUSTER_ONLY         start: only these imaging processes (space-separated names: gateway1 worker2 api ...),
#                                beside a broker and database that already run
# Any other IMAGING_* variable set for this script reaches every imaging process (e.g. IMAGING_GATEWAY__SERIESQUIETTIMEOUT).
#
# The nodes share the Erlang cookie of the user they run as (as root, Debian's wrappers run them as the rabbitmq user,
# whose cookie rabbitmqctl then uses too), which is what lets them cluster and lets rabbitmqctl reach each of them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

state="${IMAGING_CLUSTER_DIR:-/tmp/imaging-cluster}"
base="${IMAGING_CLUSTER_PORT_BASE:-25600}"
prefix="${IMAGING_CLUSTER_NODE_PREFIX:-rabbit}"
management="${IMAGING_CLUSTER_MANAGEMENT:-1}"
with_services="${IMAGING_CLUSTER_SERVICES:-1}"
timeout_s="${IMAGING_CLUSTER_TIMEOUT:-120}"

[[ "$base" =~ ^[0-9]+$ ]] && [ "$base" -ge 1024 ] && [ "$base" -le 65440 ] \
    || { echo "cluster.sh: IMAGING_CLUSTER_PORT_BASE '$base' must be a number in 1024-65440" >&2; exit 2; }
[[ "$prefix" =~ ^[a-z][a-z0-9-]*$ ]] || { echo "cluster.sh: IMAGING_CLUSTER_NODE_PREFIX '$prefix' must be lower-case letters, digits, -" >&2; exit 2; }

mkdir -p "$state"
state="$(cd "$state" && pwd)"

log() { echo "cluster.sh: $*" >&2; }

amqp_port() { echo $((base + $1)); }
management_port() { echo $((base + 10 + $1)); }
dist_port() { echo $((base + 20 + $1)); }
node_name() { echo "$prefix$1@localhost"; }
postgres_port=$((base + 30))
api_http=$((base + 80))
api_dicom=$((base + 81))
gateway_dicom() { echo $((base + 40 + $1)); }
gateway_http() { echo $((base + 50 + $1)); }
worker_http() { echo $((base + 60 + $1)); }
worker_dicom() { echo $((base + 70 + $1)); }

cluster_nodes="127.0.0.1:$(amqp_port 1),127.0.0.1:$(amqp_port 2),127.0.0.1:$(amqp_port 3)"

ctl() {
    local node="$1"
    shift
    local tool=/usr/lib/rabbitmq/bin/rabbitmqctl
    if [ "$(id -u)" -eq 0 ] && [ -x /usr/sbin/rabbitmqctl ]; then tool=/usr/sbin/rabbitmqctl; fi
    timeout 60 "$tool" -q -n "$node" "$@"
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {
    local file="$1"
    [ -s "$file" ] || return 1
    local pid
    pid="$(cat "$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# Polls "$@" every 0.3 s until it succeeds or $timeout_s passes.
wait_until() {
    local what="$1"
    shift
    local started=$SECONDS
    until "$@"; do
        if [ $((SECONDS - started)) -ge "$timeout_s" ]; then
            log "timed out after ${timeout_s}s waiting for $what"
            return 1
        fi
        sleep 0.3
    done
}

# ---- RabbitMQ -------------------------------------------------------------------------------------------------------

start_node() {
    local i="$1" extra=""
    # pause_minority: a node cut off from the other two stops serving rather than diverging (three nodes: one may go).
    extra="cluster_partition_handling = pause_minority"
    if [ "$management" = 1 ]; then
        RABBITMQ_MANAGEMENT_PORT="$(management_port "$i")" RABBITMQ_NODE_NAME="$(node_name "$i")" RABBITMQ_EXTRA_CONFIG="$extra" \
            RABBITMQ_START_TIMEOUT="$timeout_s" \
            "$here/rabbitmq.sh" start "$state/rabbitmq/$prefix$i" "$(amqp_port "$i")" "$(dist_port "$i")" >/dev/null
    else
        RABBITMQ_NODE_NAME="$(node_name "$i")" RABBITMQ_EXTRA_CONFIG="$extra" RABBITMQ_START_TIMEOUT="$timeout_s" \
            "$here/rabbitmq.sh" start "$state/rabbitmq/$prefix$i" "$(amqp_port "$i")" "$(dist_port "$i")" >/dev/null
    fi
}

is_member() {
    local i="$1"
    ctl "$(node_name "$i")" cluster_status --formatter json 2>/dev/null | grep -q "\"$(node_name 1)\""
}

running_nodes() {
    ctl "$(node_name 1)" cluster_status --formatter json 2>/dev/null \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("running_nodes", [])))' 2>/dev/null || echo 0
}

start_rabbitmq() {
    # All three at once: a node that was not the last to stop waits at boot for the others, so one by one could stall.
    local pids=() i status=0
    for i in 1 2 3; do
        start_node "$i" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    [ "$status" -eq 0 ] || { log "a RabbitMQ node failed to start (logs under $state/rabbitmq)"; return 1; }

    for i in 2 3; do
        if ! is_member "$i"; then
            log "joining $(node_name "$i") to $(node_name 1)"
            ctl "$(node_name "$i")" stop_app
            ctl "$(node_name "$i")" join_cluster "$(node_name 1)"
            ctl "$(node_name "$i")" start_app
        fi
    done
    wait_until "3 running RabbitMQ nodes" test_three_running
    # Queue type comes from the declaring client (Messaging:QueueType); the policy adds what only a policy can: leaders
    # spread over the nodes, and a broker-side delivery limit as a backstop should a client declare none.
    # (RabbitMQ 3.10 knows no apply-to quorum_queues; delivery-limit and queue-leader-locator only act on quorum queues.)
    ctl "$(node_name 1)" set_policy --apply-to queues imaging-quorum '.*' \
        '{"queue-leader-locator":"balanced","delivery-limit":20}' 2>/dev/null \
        || ctl "$(node_name 1)" set_policy --apply-to queues imaging-quorum '.*' '{"delivery-limit":20}'
}

test_three_running() { [ "$(running_nodes)" = 3 ]; }

stop_rabbitmq() {
    # 3, 2, then 1: the node stopped last is the one the next start joins to first.
    local i
    for i in 3 2 1; do "$here/rabbitmq.sh" stop "$state/rabbitmq/$prefix$i" || true; done
}

# ---- PostgreSQL -----------------------------------------------------------------------------------------------------

postgres_connection() { echo "Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=imaging"; }

start_postgres() {
    "$here/postgres.sh" start "$state/postgres" "$postgres_port" >/dev/null
}

stop_postgres() { "$here/postgres.sh" stop "$state/postgres" || true; }

# ---- imaging processes ----------------------------------------------------------------------------------------------

imaging_dll() {
    if [ -n "${IMAGING_DLL:-}" ]; then echo "$IMAGING_DLL"; return 0; fi
    local c
    for c in Release Debug; do
        if [ -f "$root/services/Imaging.Cli/bin/$c/net10.0/imaging.dll" ]; then echo "$root/services/Imaging.Cli/bin/$c/net10.0/imaging.dll"; return 0; fi
    done
    log "building services/Imaging.Cli (Release)"
    dotnet build "$root/services/Imaging.Cli/Imaging.Cli.csproj" -c Release -nologo -v q >&2
    echo "$root/services/Imaging.Cli/bin/Release/net10.0/imaging.dll"
}

# name role dicom-port http-port preferred-broker-node
start_service() {
    local name="$1" role="$2" dicom="$3" http="$4" node="$5"
    local pid_file="$state/pids/$name.pid" log_file="$state/logs/$name.log"
    mkdir -p "$state/pids" "$state/logs" "$state/data"
    if pid_alive "$pid_file"; then return 0; fi
    if listening "$http"; then log "port $http (for $name) is taken by another process"; return 1; fi
    local dotnet="${DOTNET_HOST_PATH:-dotnet}" dll
    dll="$(imaging_dll)"
    # Each process names the node it prefers first (its URI), then the whole list: MassTransit tries them in order, so
    # the connections spread over the cluster and each fails over to the next node when its own goes.
    (
        cd "$state"
        exec env \
            IMAGING_ROLE="$role" \
            IMAGING_DATADIRECTORY="$state/data" \
            IMAGING_DICOMPORT="$dicom" \
            IMAGING_HTTPPORT="$http" \
            IMAGING_AETITLE=IMAGING \
            IMAGING_RABBITMQ="amqp://guest:guest@127.0.0.1:$(amqp_port "$node")/" \
            IMAGING_MESSAGING__CLUSTERNODES="$cluster_nodes" \
            IMAGING_MESSAGING__QUEUETYPE=Quorum \
            IMAGING_MESSAGING__CONNECTIONNAME="imaging-$name" \
            IMAGING_POSTGRES="$(postgres_connection);Application Name=$name" \
            setsid "$dotnet" "$dll" serve </dev/null >>"$log_file" 2>&1
    ) &
    echo $! >"$pid_file"
    log "$name started (pid $(cat "$pid_file"), log $log_file)"
}

healthy() {
    local code
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1/health" 2>/dev/null || true)"
    [ "$code" = 200 ]
}

service_alive_and_healthy() {
    local name="$1" http="$2"
    pid_alive "$state/pids/$name.pid" || { log "$name exited; last lines of $state/logs/$name.log:"; tail -n 30 "$state/logs/$name.log" >&2; exit 1; }
    healthy "$http"
}

bus_started() { grep -q "Bus started" "$state/logs/$1.log" 2>/dev/null; }

services() {
    # name role dicom http node
    if [ -n "${IMAGING_CLUSTER_ONLY:-}" ]; then all_services | grep -E "^($(echo "$IMAGING_CLUSTER_ONLY" | tr ' ' '|')) "; else all_services; fi
}

all_services() {
    echo "gateway1 gateway $(gateway_dicom 1) $(gateway_http 1) 1"
    echo "gateway2 gateway $(gateway_dicom 2) $(gateway_http 2) 2"
    echo "worker1 worker $(worker_dicom 1) $(worker_http 1) 2"
    echo "worker2 worker $(worker_dicom 2) $(worker_http 2) 3"
    echo "api api $api_dicom $api_http 1"
}

start_services() {
    local name role dicom http node
    while read -r name role dicom http node; do
        start_service "$name" "$role" "$dicom" "$http" "$node"
    done < <(services)
    while read -r name role dicom http node; do
        wait_until "$name healthy on http://127.0.0.1:$http/health" service_alive_and_healthy "$name" "$http"
        if [ "$role" = worker ]; then wait_until "$name's bus started" bus_started "$name"; fi
    done < <(services)
}

stop_services() {
    local name role dicom http node pid
    # Gateways first (no new instances), then workers and the API; SIGTERM is a clean stop (outbox and bus drained).
    while read -r name role dicom http node; do
        if pid_alive "$state/pids/$name.pid"; then
            pid="$(cat "$state/pids/$name.pid")"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done < <(services)
    while read -r name role dicom http node; do
        if pid_alive "$state/pids/$name.pid"; then
            pid="$(cat "$state/pids/$name.pid")"
            for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
            if kill -0 "$pid" 2>/dev/null; then log "$name did not stop on SIGTERM; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
            log "$name stopped"
        fi
        rm -f "$state/pids/$name.pid"
    done < <(services)
}

# ---- commands -------------------------------------------------------------------------------------------------------

print_env() {
    echo "IMAGING_CLUSTER_DIR=$state"
    echo "RABBITMQ_NODES='$(node_name 1) $(node_name 2) $(node_name 3)'"
    echo "RABBITMQ_CLUSTER_NODES=$cluster_nodes"
    local i
    for i in 1 2 3; do echo "RABBITMQ_AMQP_$i=amqp://guest:guest@127.0.0.1:$(amqp_port "$i")/"; done
    if [ "$management" = 1 ]; then
        for i in 1 2 3; do echo "RABBITMQ_MANAGEMENT_$i=http://127.0.0.1:$(management_port "$i")/"; done
    fi
    echo "POSTGRES='$(postgres_connection)'"
    echo "DATA_DIRECTORY=$state/data"
    if [ "$with_services" = 1 ]; then
        echo "GATEWAY_1_DICOM=127.0.0.1:$(gateway_dicom 1)"
        echo "GATEWAY_2_DICOM=127.0.0.1:$(gateway_dicom 2)"
        echo "GATEWAY_1_HTTP=http://127.0.0.1:$(gateway_http 1)/"
        echo "GATEWAY_2_HTTP=http://127.0.0.1:$(gateway_http 2)/"
        echo "WORKER_1_HTTP=http://127.0.0.1:$(worker_http 1)/"
        echo "WORKER_2_HTTP=http://127.0.0.1:$(worker_http 2)/"
        echo "API_HTTP=http://127.0.0.1:$api_http/"
        echo "AE_TITLE=IMAGING"
    fi
}

status() {
    local ok=0 i name role dicom http node
    for i in 1 2 3; do
        if ctl "$(node_name "$i")" status >/dev/null 2>&1; then
            echo "rabbitmq  $(node_name "$i")  running  amqp://127.0.0.1:$(amqp_port "$i")/"
        else
            echo "rabbitmq  $(node_name "$i")  stopped"; ok=1
        fi
    done
    echo "rabbitmq  cluster: $(running_nodes) of 3 nodes running"
    if listening "$postgres_port"; then echo "postgres  running  $(postgres_connection)"; else echo "postgres  stopped"; ok=1; fi
    if [ "$with_services" = 1 ]; then
        while read -r name role dicom http node; do
            if pid_alive "$state/pids/$name.pid" && healthy "$http"; then
                echo "$name  running  http://127.0.0.1:$http/health$([ "$role" = gateway ] && echo "  dicom IMAGING@127.0.0.1:$dicom")"
            else
                echo "$name  stopped"; ok=1
            fi
        done < <(services)
    fi
    return "$ok"
}

case "${1:-}" in
    start)
        started=$SECONDS
        # ONLY names imaging processes to (re)start beside a running broker and database: each rabbitmqctl call costs
        # an Erlang VM start, seconds on a loaded machine.
        if [ -z "${IMAGING_CLUSTER_ONLY:-}" ]; then
            start_postgres &
            postgres_job=$!
            start_rabbitmq
            wait "$postgres_job" || { log "PostgreSQL failed to start (log $state/postgres/server.log)"; exit 1; }
        fi
        if [ "$with_services" = 1 ]; then start_services; fi
        log "ready in $((SECONDS - started))s"
        print_env
        ;;
    stop)
        stop_services
        stop_rabbitmq
        stop_postgres
        ;;
    status) status ;;
    env) print_env ;;
    *)
        echo "usage: cluster.sh start|stop|status|env" >&2
        exit 2
        ;;
esac
