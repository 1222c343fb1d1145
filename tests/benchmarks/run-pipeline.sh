#!/usr/bin/env bash
# Pipeline ingest for docs/benchmarks.md, "Pipeline ingest (issue 4)". On loopback, TCP_NODELAY=1, in one script run:
#   a. 400 CT instances (512x512x16 bit, a new study and series per run) sent by DCMTK storescu to `imaging serve`
#      (the full path: blob fsync + rename + folder fsync, index row + outbox row committed, then Success) and to DCMTK
#      storescp (no fsync), one association x 400 and four concurrent associations x 100; RUNS runs each;
#      embedded (one process: SQLite + in-memory bus) and distributed (--role gateway / worker / api over a private
#      PostgreSQL and RabbitMQ started by deploy/local/postgres.sh and rabbitmq.sh);
#   b. for each series sent to us: time from its quiet deadline (newest received_at + quiet timeout, from the index)
#      to the "Series ... ready" log line and to the findings' producedAt (GET /api/series/{uid}/findings);
#   c. peak memory (VmHWM) of every process at the end of each mode;
#   plus, in every run, the durability floor: the bare fdatasync / rename + folder fsync / SQLite commit of 400
#   instance-sized files in sequence (Imaging.Storage.Benchmarks floor), what any fsync-before-response SCP pays.
# Before each timed send the page cache is flushed (`sync`), so neither side pays the other's writeback; after each run
# every side's stored files of that series are deleted (storescp's folder, our series folder once its findings exist).
# --before ROOT: also measure the `imaging` built in another checkout ROOT (e.g. the commit before a change), in the same
# runs, on its own data folder / database / RabbitMQ vhost: before and after on the same machine at the same load.
# Usage: tests/benchmarks/run-pipeline.sh [--data DIR] [--runs N] [--modes embedded,distributed] [--quiet SECONDS] [--before ROOT]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${IMAGING_BENCH_DATA:-${TMPDIR:-/tmp}/imaging-dicom-bench}
runs=3
modes=embedded,distributed
quiet=2
before=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --quiet) quiet=$2; shift 2 ;;
    --before) before=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in storescu storescp curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install dcmtk curl python3)" >&2; exit 1; }
done
export TCP_NODELAY=1

echo "# building (Release)"
for p in services/Imaging.Cli/Imaging.Cli.csproj tests/benchmarks/Imaging.Dicom.Benchmarks/Imaging.Dicom.Benchmarks.csproj \
         tests/benchmarks/Imaging.Storage.Benchmarks/Imaging.Storage.Benchmarks.csproj; do
  out=$(dotnet build "$root/$p" -c Release --nologo -v q -clp:ErrorsOnly 2>&1) || { echo "$out" >&2; exit 1; }
done
declare -A imaging=([new]=$root/services/Imaging.Cli/bin/Release/net10.0/imaging)
sides=(new)
if [[ -n $before ]]; then
  imaging[before]=$before/services/Imaging.Cli/bin/Release/net10.0/imaging
  [[ -x ${imaging[before]} ]] || { echo "no Release build at ${imaging[before]} (dotnet build services/Imaging.Cli -c Release there)" >&2; exit 1; }
  sides+=(before)
fi
dbench=$root/tests/benchmarks/Imaging.Dicom.Benchmarks/bin/Release/net10.0/Imaging.Dicom.Benchmarks
sbench=$root/tests/benchmarks/Imaging.Storage.Benchmarks/bin/Release/net10.0/Imaging.Storage.Benchmarks
"$dbench" generate --ct-only --data "$data" >/dev/null

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-pipeline.XXXXXX")
chmod 755 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  bash "$root/deploy/local/postgres.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
  bash "$root/deploy/local/rabbitmq.sh" stop "$tmp/rabbit" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
hwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

cat >"$tmp/log.cfg" <<'CFG'
log4cplus.rootLogger = INFO, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %D{%s.%q} %m%n
CFG

# send PORT LOG files...: one storescu association; exit code and E:/failure lines checked
send() {
  local port=$1 log=$2; shift 2
  storescu -lc "$tmp/log.cfg" -aec IMAGING 127.0.0.1 "$port" "$@" >"$log" 2>&1 || { echo "storescu failed:" >&2; tail "$log" >&2; exit 1; }
  if grep -q ' E: \|Store Response (\(Failure\|Warning\|Error\)' "$log"; then echo "store failures in $log" >&2; tail "$log" >&2; exit 1; fi
}
# send_pattern PORT one|four LOGPREFIX DIR: prints the wall time in ms
send_pattern() {
  local port=$1 pattern=$2 prefix=$3 dir=$4 files t0 t1 k
  mapfile -t files < <(find "$dir" -name 'ct_*.dcm' | sort)
  t0=$(now_ns)
  if [[ $pattern == one ]]; then
    send "$port" "$prefix-0.log" "${files[@]}"
  else
    local senders=()
    for k in 0 1 2 3; do send "$port" "$prefix-$k.log" "${files[@]:$((k * 100)):100}" & senders+=($!); done
    for k in "${senders[@]}"; do wait "$k"; done
  fi
  t1=$(now_ns)
  echo $(((t1 - t0) / 1000000))
}
# latencies LOG...: ms from each "Sending Store Request" to the next "Received Store Response"
latencies() {
  for f; do awk '/Sending Store Request/ { t = $1 } /Received Store Response/ { printf "%.1f\n", ($1 - t) * 1000 }' "$f"; done
}

# start_serve SIDE ROLE HTTP_PORT DICOM_PORT ARGS...: `imaging serve` of SIDE (new|before) in the background, log in
# $tmp/SIDE-ROLE.log, its pid in pid[SIDE-ROLE]; waits for /health
declare -A pid
start_serve() {
  local side=$1 role=$2 http=$3 dicom=$4; shift 4
  IMAGING_GATEWAY__SERIESQUIETTIMEOUT="00:00:$(printf %02d "$quiet")" \
    "${imaging[$side]}" serve --data "$tmp/$mode-$side" --http-port "$http" --dicom-port "$dicom" "$@" >"$tmp/$side-$role.log" 2>&1 &
  local p=$!
  pids+=("$p")
  pid[$side-$role]=$p
  for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$http/health" >/dev/null 2>&1 && return 0
    kill -0 "$p" 2>/dev/null || break
    sleep 0.1
  done
  echo "imaging serve ($side $role) did not become healthy:" >&2
  tail -n 30 "$tmp/$side-$role.log" >&2
  exit 1
}

# start_side SIDE: the embedded process, or gateway + worker + api on the side's database and RabbitMQ vhost;
# sets dicom[SIDE], api[SIDE], log[SIDE] (where "Series ... ready" is logged) and roles[SIDE]
declare -A dicom api log roles pg_db
start_side() {
  local side=$1
  rm -rf "$tmp/$mode-$side"
  dicom[$side]=$(free_port)
  if [[ $mode == embedded ]]; then
    api[$side]=$(free_port)
    start_serve "$side" all "${api[$side]}" "${dicom[$side]}"
    log[$side]=$tmp/$side-all.log
    roles[$side]="all"
  else
    local db=imaging_$side
    psql "postgresql://postgres@127.0.0.1:$pg_port/postgres" -qc "CREATE DATABASE $db" >/dev/null
    pg_db[$side]=$db
    rabbitmqctl -q -n "$rabbit_node" add_vhost "$side" >/dev/null
    rabbitmqctl -q -n "$rabbit_node" set_permissions -p "$side" guest '.*' '.*' '.*' >/dev/null
    local common=(--postgres "${pg_npgsql/Database=imaging/Database=$db}" --rabbitmq "${rabbit_uri%/}/$side")
    start_serve "$side" gateway "$(free_port)" "${dicom[$side]}" --role gateway "${common[@]}"
    start_serve "$side" worker "$(free_port)" "$(free_port)" --role worker "${common[@]}"
    api[$side]=$(free_port)
    start_serve "$side" api "${api[$side]}" "$(free_port)" --role api "${common[@]}"
    log[$side]=$tmp/$side-gateway.log
    roles[$side]="gateway worker api"
  fi
}

# newest_received SIDE SERIES: unix seconds (float) of the series' newest instance, from the side's index
newest_received() {
  if [[ $mode == embedded ]]; then
    sqlite3 "$tmp/$mode-$1/index.db" "SELECT printf('%.6f', max(received_at) / 1e6) FROM instances WHERE series_instance_uid = '$2'"
  else
    psql "postgresql://postgres@127.0.0.1:$pg_port/${pg_db[$1]}" -tAc "SELECT extract(epoch FROM max(received_at)) FROM instances WHERE series_instance_uid = '$2'"
  fi
}

# wait_findings SIDE SERIES: waits for the findings, prints "deadline->ready_ms deadline->findings_ms ready->findings_ms"
wait_findings() {
  local side=$1 series=$2 body=""
  rm -f "$tmp/findings.json"
  for _ in $(seq 1200); do
    curl -sf "http://127.0.0.1:${api[$side]}/api/series/$series/findings" -o "$tmp/findings.json" 2>/dev/null || true
    grep -q '"producedAt"' "$tmp/findings.json" 2>/dev/null && { body=$tmp/findings.json; break; }
    sleep 0.05
  done
  [[ -n $body ]] || { echo "no findings for $series after 60 s ($side)" >&2; tail -n 20 "${log[$side]}" >&2; exit 1; }
  local newest
  newest=$(newest_received "$side" "$series")
  python3 - "$series" "$newest" "$quiet" "${log[$side]}" "$body" <<'PY'
import json, sys
from datetime import datetime
series, newest, quiet, log, body = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
deadline = newest + quiet
produced = min(datetime.fromisoformat(f["producedAt"]).timestamp() for f in json.load(open(body))["findings"])
ready = None
for line in open(log, errors="replace"):
    if f"Series {series} ready (version" in line:
        ready = datetime.fromisoformat(line.split(" ", 1)[0]).timestamp()
r = "?" if ready is None else f"{(ready - deadline) * 1000:.0f}"
f = "?" if ready is None else f"{(produced - ready) * 1000:.0f}"
print(f"{r} {(produced - deadline) * 1000:.0f} {f}")
PY
}

# forget SIDE STUDY: deletes the side's stored files of that study (as storescp's folder is emptied after each run)
forget() {
  local hash
  hash=$(printf %s "$2" | sha256sum | cut -c1-32)
  rm -rf "${tmp:?}/$mode-$1/$hash"
}

# floor: the bare durable system calls for 400 instance-sized files, in sequence (see DurabilityFloor.cs)
floor() {
  mkdir -p "$tmp/floor"
  "$sbench" floor "$tmp/floor" --count 400 | tr ' ' '\n' | sed -n 's/^\(fdatasync_total_ms\|rename_dirfsync_total_ms\|sqlite_commit_total_ms\|durable_sum_total_ms\|durable_sum_p50_ms\)=//p' | tr '\n' ' '
}

echo
echo "## Machine"
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- nproc: $(nproc); CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1); $(free -g | awk '/^Mem:/ { print $2 " GiB RAM" }')"
echo "- .NET: $(dotnet --version) SDK; DCMTK: $(storescu --version 2>&1 | sed -n 's/^\$dcmtk: storescu \(v[^ ]*\).*/\1/p' | head -n1); commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+changes')"
echo "- data: 400 CT files per series, $(cat "$data"/ct400/ct_*.dcm | wc -c) bytes; quiet timeout ${quiet} s; runs: $runs"
echo "- load average before: $(load)"

scp_port=$(free_port)
mkdir -p "$tmp/scp"
storescp -aet IMAGING -od "$tmp/scp" "$scp_port" >"$tmp/storescp.log" 2>&1 &
scp_pid=$!
pids+=("$scp_pid")
results=$tmp/results
: >"$results"
: >"$tmp/findings"
: >"$tmp/memory"

for mode in ${modes//,/ }; do
  if [[ $mode == distributed ]]; then
    pg_npgsql=$(bash "$root/deploy/local/postgres.sh" start "$tmp/pg" "$(free_port)" 2>"$tmp/pg.out") || { cat "$tmp/pg.out" >&2; exit 1; }
    pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$pg_npgsql")
    # The distribution port explicitly: the default PORT+20000 is out of range for a high free port.
    rabbit_uri=$(bash "$root/deploy/local/rabbitmq.sh" start "$tmp/rabbit" "$(free_port)" "$(free_port)" 2>"$tmp/rabbit.out") \
      || { cat "$tmp/rabbit.out" >&2; exit 1; }
    rabbit_node=$(bash "$root/deploy/local/rabbitmq.sh" node "$tmp/rabbit")
  fi
  for side in "${sides[@]}"; do start_side "$side"; done

  # Warm-up (JIT, tiering, first association, first analysis) on series of their own, not counted: a long-running
  # gateway is in this steady state; one series of each pattern.
  for pattern in one four; do
    read -r warm_study warm < <("$dbench" --scripted series-copy --out "$tmp/set" --seed "pipeline/$mode/warm/$pattern" --data "$data" \
      | sed -n 's/^study=//p; s/^series=//p' | paste -sd' ')
    for side in "${sides[@]}"; do
      send_pattern "${dicom[$side]}" "$pattern" "$tmp/warm-$side" "$tmp/set" >/dev/null
      wait_findings "$side" "$warm" >/dev/null
      forget "$side" "$warm_study"
    done
    send_pattern "$scp_port" "$pattern" "$tmp/warm-scp" "$tmp/set" >/dev/null
    rm -rf "$tmp/set" "$tmp/scp"/*
  done

  for i in $(seq "$runs"); do
    for pattern in one four; do
      read -r study series < <("$dbench" --scripted series-copy --out "$tmp/set" --seed "pipeline/$mode/$pattern/$i" --data "$data" \
        | sed -n 's/^study=//p; s/^series=//p' | paste -sd' ')
      cat "$tmp/set"/*.dcm >/dev/null
      fl=$(floor)
      la=$(cut -d' ' -f1 /proc/loadavg)
      walls=()
      for side in "${sides[@]}"; do
        sync
        walls+=("$(send_pattern "${dicom[$side]}" "$pattern" "$tmp/lat-$mode-$pattern-$i-$side" "$tmp/set")")
        echo "$mode $pattern $i $side $(wait_findings "$side" "$series")" >>"$tmp/findings"
        forget "$side" "$study"
      done
      sync
      w_scp=$(send_pattern "$scp_port" "$pattern" "$tmp/lat-$mode-$pattern-$i-scp" "$tmp/set")
      echo "$mode $pattern $i ${walls[0]} $w_scp $la ${walls[1]:--} $fl" >>"$results"
      rm -rf "$tmp/set" "$tmp/scp"/*
    done
  done

  for side in "${sides[@]}"; do
    for r in ${roles[$side]}; do
      echo "$mode: imaging serve $side ${r/all/(all roles)} $(hwm_mb "${pid[$side-$r]}")" >>"$tmp/memory"
    done
  done
  if [[ $mode == distributed ]]; then
    pg_main=$(head -n1 "$tmp/pg/postmaster.pid")
    pg_max=0
    for c in $pg_main $(pgrep -P "$pg_main"); do
      h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$c/status" 2>/dev/null || echo 0)
      [[ ${h:-0} -gt $pg_max ]] && pg_max=$h
    done
    echo "$mode: postgres (largest of $(( $(pgrep -P "$pg_main" | wc -l) + 1 )) processes, all sides) $(awk -v k="$pg_max" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$tmp/memory"
    echo "$mode: rabbitmq (beam.smp, all sides) $(hwm_mb "$(cat "$tmp/rabbit/rabbitmq.pid")")" >>"$tmp/memory"
  fi
  for side in "${sides[@]}"; do
    for r in ${roles[$side]}; do stop_pid "${pid[$side-$r]}"; done
    rm -rf "${tmp:?}/$mode-$side"
  done
  if [[ $mode == distributed ]]; then
    bash "$root/deploy/local/postgres.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
    bash "$root/deploy/local/rabbitmq.sh" stop "$tmp/rabbit" >/dev/null 2>&1 || true
  fi
done
echo "storescp $(hwm_mb "$scp_pid")" >>"$tmp/memory"

echo
echo "## a. Wall time, 400 CT instances (ms, per run; median; ratio = imaging serve / storescp of the same run)"
echo
before_cols=""; before_sep=""
[[ -n $before ]] && { before_cols=" before (ms) | median before |"; before_sep="---|---:|"; }
echo "| mode | associations | imaging serve (ms) | storescp (ms) | ratio per run | median ours | median storescp |$before_cols ours C-STORE p50 / p99 (ms) | storescp p50 / p99 (ms) |"
echo "|---|---|---|---|---|---:|---:|$before_sep---|---|"
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(p*NR); if (i<p*NR) i++; if (i<1) i=1; print a[i]}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
list() { paste -sd, | sed 's/,/, /g'; }
for mode in ${modes//,/ }; do
  for pattern in one four; do
    rows=$(awk -v m="$mode" -v p="$pattern" '$1 == m && $2 == p' "$results")
    [[ -n $rows ]] || continue
    ratio=$(awk '{printf "%s%.2f", (NR>1 ? ", " : ""), $4/$5}' <<<"$rows")
    lo=$(latencies "$tmp"/lat-"$mode-$pattern"-*-new-*.log)
    ls=$(latencies "$tmp"/lat-"$mode-$pattern"-*-scp-*.log)
    label=$([[ $pattern == one ]] && echo "1 x 400" || echo "4 x 100")
    bcols=""
    [[ -n $before ]] && bcols=" $(awk '{print $7}' <<<"$rows" | list) | $(awk '{print $7}' <<<"$rows" | median) |"
    echo "| $mode | $label | $(awk '{print $4}' <<<"$rows" | list) | $(awk '{print $5}' <<<"$rows" | list) | $ratio | $(awk '{print $4}' <<<"$rows" | median) | $(awk '{print $5}' <<<"$rows" | median) |$bcols $(pct 0.5 <<<"$lo") / $(pct 0.99 <<<"$lo") | $(pct 0.5 <<<"$ls") / $(pct 0.99 <<<"$ls") |"
  done
done
echo
echo "Latency: client side, storescu log timestamps (1 ms resolution), \"Sending Store Request\" to \"Received Store Response\" (includes the 512 KiB transfer)."
echo
echo "## Durability floor in the same runs (400 x 526 KB written and synced in sequence; ms in all: fdatasync, rename + folder fsync, SQLite commit, their sum; p50 of the sum per instance)"
echo
awk '{ printf "- %s %s run %s (load %s): %s / %s / %s / **%s** ms; p50 %s ms per instance\n", $1, $2, $3, $6, $8, $9, $10, $12, $11 }' "$results"
echo
echo "## b. Quiet deadline -> series ready -> findings (ms; deadline = newest received_at + ${quiet} s)"
echo
echo "| mode | associations | run | side | deadline -> SeriesReady log | **deadline -> findings producedAt** | SeriesReady -> producedAt |"
echo "|---|---|---:|---|---:|---:|---:|"
awk '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, ($2 == "one" ? "1 x 400" : "4 x 100"), $3, $4, $5, $6, $7 }' "$tmp/findings"
echo
echo "## c. Peak memory (VmHWM, MB) at the end of each mode"
echo
sed 's/^/- /' "$tmp/memory"
echo
echo "- load average after: $(load)"
