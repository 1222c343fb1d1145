#!/usr/bin/env bash
# Capacity of one gateway and one worker, measured on the cluster of deploy/local/cluster.sh (docs/capacity.md).
#
#   capacity.sh [CT_INSTANCES] [NM_SERIES] [CT_SERIES]      defaults 400 60 4
#
# Needs a running cluster (cluster.sh start; same IMAGING_CLUSTER_* variables). Three measurements:
#   gateway   CT_INSTANCES CT instances (512x512x16 bit, 526 KB) in one association to gateway 1: wall time of storescu =
#             instances acknowledged (stored, fsynced, indexed) per second by one gateway
#   bone scan both workers stopped; NM_SERIES whole-body bone-scan series (2 images each) sent and queued (ready); then
#             worker 1 alone starts and drains the queue: series analysed per second by one worker (metadata + bone-scan)
#   spine     the same with CT_SERIES spine CT series of 60 slices (metadata + spine analyzer)
# Both workers are started again at the end (cluster.sh start only starts what is missing). Prints one line per measurement.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ct_instances="${1:-400}"
nm_series="${2:-60}"
ct_series="${3:-4}"
ct_slices=60
export TCP_NODELAY=1

eval "$("$here/cluster.sh" env)"
state="$IMAGING_CLUSTER_DIR"
corpus="${IMAGING_TESTDATA:-$(cd "$here/../.." && pwd)/../shared/testdata}"
ct_source="$corpus/ct_mr/CT_WG04_CT1_ELE.dcm"
nm_source="$corpus/nm/WG04_NM1_UNC.dcm"
[ -f "$ct_source" ] && [ -f "$nm_source" ] || { echo "capacity.sh: corpus not found at $corpus (set IMAGING_TESTDATA)" >&2; exit 1; }
"$here/cluster.sh" status >/dev/null || { echo "capacity.sh: the cluster is not fully running (cluster.sh start)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
uid() { echo "2.25.$(od -An -N12 -tu8 /dev/urandom | tr -d ' \n' | cut -c1-30)"; }

# N copies of SOURCE as one new series: new study/series/SOP Instance UIDs, instance numbers 1..N.
make_series() {
    local source="$1" count="$2" folder="$3" study="$4" series i
    series="$(uid)"
    mkdir -p "$folder"
    for i in $(seq 1 "$count"); do
        cp "$source" "$folder/$i.dcm"
        dcmodify -nb -q -gin -i "StudyInstanceUID=$study" -i "SeriesInstanceUID=$series" -i "InstanceNumber=$i" \
            -i "BodyPartExamined=TSPINE" "$folder/$i.dcm"
    done
    echo "$series"
}

send() {
    local port="$1"
    shift
    storescu -aet CAPACITY -aec IMAGING -to 60 -ta 60 -td 120 127.0.0.1 "$port" "$@"
}

# Waits until every series in the file $1 has findings of its current ready version from every analyzer in $2 (comma
# list); prints the epoch seconds (fractional) at which the first and the last series became complete.
wait_findings() {
    python3 - "$API_HTTP" "$1" "$2" <<'PY'
import json, sys, time, urllib.request
api, listing, analyzers = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
pending = set(open(listing).read().split())
done, deadline = {}, time.time() + 900
while pending and time.time() < deadline:
    for uid in list(pending):
        try:
            body = json.load(urllib.request.urlopen(f"{api}api/series/{uid}/findings", timeout=10))
        except Exception:
            continue
        names = {f["analyzer"] for f in body["findings"] if f["readyVersion"] == body["readyVersion"]}
        if body["state"] == "ready" and all(any(n.startswith(a) for n in names) for a in analyzers):
            done[uid] = time.time(); pending.discard(uid)
    time.sleep(0.2)
if pending: sys.exit(f"capacity.sh: {len(pending)} series without findings after 15 min")
print(f"{min(done.values()):.3f} {max(done.values()):.3f}")
PY
}

gateway_port="${GATEWAY_1_DICOM##*:}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(rabbitmqctl --version 2>/dev/null || true)"

# ---- gateway ----
make_series "$ct_source" "$ct_instances" "$work/ct" "$(uid)" >/dev/null
cat "$work"/ct/*.dcm >/dev/null
sync
started=$(date +%s.%N)
send "$gateway_port" "$work"/ct/*.dcm
ended=$(date +%s.%N)
python3 -c "import sys; n,a,b=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(f'gateway: {n} CT instances in {b-a:.2f} s = {n/(b-a):.1f} instances/s = {n/(b-a)*86400/1e6:.2f} M instances/day (one association)')" \
    "$ct_instances" "$started" "$ended"

# ---- one worker ----
# Both workers stop; the series are sent and wait, ready, in the queue; then one worker starts and drains it alone.
stop_worker() {
    local pid
    pid="$(cat "$state/pids/$1.pid" 2>/dev/null || true)"
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
}

queued() {
    rabbitmqctl -q -n "${RABBITMQ_NODES%% *}" list_queues name messages 2>/dev/null | awk '$1 == "imaging-series-ready" { print $2 }'
}

measure_worker() {
    local label="$1" source="$2" series_count="$3" per_series="$4" analyzers="$5" i study
    stop_worker worker1
    stop_worker worker2
    : >"$work/$label.list"
    for i in $(seq 1 "$series_count"); do
        study="$(uid)"
        make_series "$source" "$per_series" "$work/$label/$i" "$study" >>"$work/$label.list"
    done
    for i in $(seq 1 "$series_count"); do send "$gateway_port" "$work/$label/$i"/*.dcm; done
    local waited=0
    until [ "$(queued)" = "$series_count" ]; do
        waited=$((waited + 1))
        [ "$waited" -lt 600 ] || { echo "capacity.sh: $series_count series never all queued (queue: $(queued))" >&2; exit 1; }
        sleep 1
    done
    IMAGING_CLUSTER_ONLY=worker1 "$here/cluster.sh" start >/dev/null 2>&1
    started=$(date +%s.%N)
    read -r first last < <(wait_findings "$work/$label.list" "$analyzers")
    python3 -c "import sys; l,n,k,s,f,z=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),*map(float,sys.argv[4:]); \
print(f'worker ({l}): {n} series x {k} instances queued; one worker, started cold, drained them in {z-s:.1f} s = {n/(z-s):.2f} series/s = {n*k/(z-s):.1f} instances/s; '
      f'first-to-last findings {z-f:.1f} s = {(n-1)/max(z-f,1e-3):.2f} series/s (warm)')" \
        "$label" "$series_count" "$per_series" "$started" "$first" "$last"
}

measure_worker bonescan "$nm_source" "$nm_series" 2 "metadata,bone"
measure_worker spine "$ct_source" "$ct_series" "$ct_slices" "metadata,spine"

IMAGING_CLUSTER_ONLY="worker1 worker2" "$here/cluster.sh" start >/dev/null
