#!/usr/bin/env bash
# C-STORE ingest, ours vs DCMTK storescp, for docs/benchmarks.md "DICOM networking: C-STORE ingest (issue 3)".
# In one run, on loopback, with TCP_NODELAY=1 for the DCMTK tools:
#   1. one storescu association sending the 400 CT files (512x512x16) to our SCP (DicomServer +
#      FileSystemCStoreProvider: fsync of file and directories before each Success) and to storescp (-od DIR, which
#      writes WITHOUT fsync), alternating, RUNS times each: wall time of the storescu process;
#   2. 4 concurrent storescu processes (100 files each, one association each) to each, RUNS times each;
#   3. per-C-STORE latency p50/p99, client side: storescu's log timestamps (ms resolution) from
#      "Sending Store Request" to "Received Store Response", over all runs of 1 (and of 2, separately);
#      plus, for ours, the provider step alone (validate + fsync + rename + fsync dirs), from the server host.
# Usage: tests/benchmarks/run-ingest.sh [--data DIR] [--runs N] [--max-pdu BYTES] [--discard]
#   --max-pdu BYTES  the maximum PDU length our SCP announces (default: the library's AssociationPolicy default)
#   --discard        diagnostic: our SCP answers Success without keeping anything (streamed to a temp file, no fsync,
#                    deleted): the network path alone, without the durability work
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=${IMAGING_BENCH_DATA:-${TMPDIR:-/tmp}/imaging-dicom-bench}
runs=3
max_pdu=()
label_ours="ours (fsync)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --max-pdu) max_pdu=(--max-pdu "$2"); shift 2 ;;
    --discard) max_pdu+=(--discard); label_ours="ours (DISCARD: no fsync, nothing kept)"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
command -v storescp >/dev/null && command -v storescu >/dev/null || { echo "DCMTK not found (apt-get install dcmtk)" >&2; exit 1; }
export TCP_NODELAY=1

proj=$here/Imaging.Dicom.Benchmarks
bin=$proj/bin/Release/net10.0/Imaging.Dicom.Benchmarks
echo "# building (Release)"
dotnet build "$proj/Imaging.Dicom.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
"$bin" generate --data "$data" >/dev/null
mapfile -t files < <(find "$data/ct400" -name 'ct_*.dcm' | sort)
[[ ${#files[@]} -eq 400 ]] || { echo "expected 400 CT files in $data/ct400" >&2; exit 1; }
bytes=$(cat "${files[@]}" | wc -c)   # also warms the page cache

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-ingest.XXXXXX")
ours_pid=; scp_pid=
cleanup() {
  exec 7>&- 2>/dev/null || true
  [[ -n $ours_pid ]] && kill "$ours_pid" 2>/dev/null || true
  [[ -n $scp_pid ]] && kill "$scp_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ns() { date +%s%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int(p*NR); if (i<p*NR) i++; if (i<1) i=1; print a[i]}'; }
calc() { awk "BEGIN { printf \"%.$1f\", $2 }"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

cat >"$tmp/log.cfg" <<'CFG'
log4cplus.rootLogger = INFO, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %D{%s.%q} %m%n
CFG

# ---- servers ----
mkdir -p "$tmp/ours" "$tmp/scp"
mkfifo "$tmp/ours.in"
"$bin" --scripted serve-store --out "$tmp/ours" --port 0 "${max_pdu[@]}" <"$tmp/ours.in" >"$tmp/ours.out" 2>&1 &
ours_pid=$!
exec 7>"$tmp/ours.in"
scp_port=$(free_port)
storescp -aet IMAGING -od "$tmp/scp" "$scp_port" >"$tmp/scp.log" 2>&1 &
scp_pid=$!
for _ in $(seq 100); do grep -q '^port=' "$tmp/ours.out" 2>/dev/null && break; sleep 0.1; done
ours_port=$(sed -n 's/^port=//p' "$tmp/ours.out")
ours_pdu=$(sed -n 's/^max_pdu=//p' "$tmp/ours.out")
sleep 0.5

# send LABEL PORT LOGFILE files...: storescu, one association; exit code and E: lines checked
send() {
  local port=$1 log=$2; shift 2
  storescu -lc "$tmp/log.cfg" -aec IMAGING 127.0.0.1 "$port" "$@" >"$log" 2>&1 || { echo "storescu failed:" >&2; tail "$log" >&2; exit 1; }
  if grep -q ' E: \|Store Response (\(Failure\|Warning\|Error\)' "$log"; then echo "store failures in $log" >&2; tail "$log" >&2; exit 1; fi
}
# latencies LOG...: ms from each "Sending Store Request" to the next "Received Store Response", one per line
latencies() {
  for f; do awk '/Sending Store Request/ { t = $1 } /Received Store Response/ { printf "%.0f\n", ($1 - t) * 1000 }' "$f"; done
}
stats_ours() {  # the server host's counters since the last call
  echo stats >&7
  for _ in $(seq 100); do [[ $(grep -c '^end$' "$tmp/ours.out") -gt ${1} ]] && break; sleep 0.1; done
  awk -v n="$1" '/^end$/ { k++; next } k == n' "$tmp/ours.out"
}

# warm-up (JIT, page cache, first-association costs) for both, not counted
send "$ours_port" "$tmp/warm-ours.log" "${files[@]:0:20}"
send "$scp_port" "$tmp/warm-scp.log" "${files[@]:0:20}"
stats_ours 0 >/dev/null

echo
echo "## Machine"
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- nproc: $(nproc); CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "- .NET: $(dotnet --version) SDK; DCMTK: $(storescu --version 2>&1 | sed -n 's/^\$dcmtk: storescu \(v[^ ]*\).*/\1/p' | head -n1)"
echo "- load average before: $(load)"
echo "- data: 400 files, $bytes bytes; our SCP announces max PDU $ours_pdu bytes; storescp announces its default (16384)"

# ---- 1. one association, alternating ----
for i in $(seq "$runs"); do
  for who in ours scp; do
    port=$ours_port; [[ $who == scp ]] && port=$scp_port
    t0=$(now_ns); send "$port" "$tmp/one-$who-$i.log" "${files[@]}"; t1=$(now_ns)
    echo $(( (t1 - t0) / 1000000 )) >>"$tmp/one-$who"
  done
done
stats_ours 1 >"$tmp/stats-one"

# ---- 2. four concurrent associations, 100 files each ----
for i in $(seq "$runs"); do
  for who in ours scp; do
    port=$ours_port; [[ $who == scp ]] && port=$scp_port
    t0=$(now_ns)
    pids=()
    for k in 0 1 2 3; do
      send "$port" "$tmp/four-$who-$i-$k.log" "${files[@]:$((k * 100)):100}" & pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    t1=$(now_ns)
    echo $(( (t1 - t0) / 1000000 )) >>"$tmp/four-$who"
  done
done
stats_ours 2 >"$tmp/stats-four"

n_ours=$(find "$tmp/ours" -name '*.dcm' -not -path '*/.incoming/*' | wc -l)
n_scp=$(find "$tmp/scp" -type f | wc -l)

row() {  # who label kind
  local who=$1 label=$2 kind=$3
  local w lat p50 p99 best
  w=$(median <"$tmp/$kind-$who"); best=$(sort -g "$tmp/$kind-$who" | head -n1)
  latencies "$tmp/$kind-$who-"*.log >"$tmp/lat-$kind-$who"
  p50=$(pct 0.50 <"$tmp/lat-$kind-$who"); p99=$(pct 0.99 <"$tmp/lat-$kind-$who")
  echo "| $label | $(tr '\n' ' ' <"$tmp/$kind-$who" | sed 's/ $//; s/ /, /g') | $w | $(calc 0 "400000/$w") | $(calc 0 "$bytes/1000/$w") | $p50 | $p99 | $(wc -l <"$tmp/lat-$kind-$who") |"
}
echo
echo "| SCP, load | wall per run (ms) | median wall (ms) | files/s | MB/s | C-STORE p50 (ms) | C-STORE p99 (ms) | C-STOREs timed |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
row ours "$label_ours, 1 association x 400" one
row scp "storescp (no fsync), 1 association x 400" one
row ours "$label_ours, 4 associations x 100" four
row scp "storescp (no fsync), 4 associations x 100" four
echo
echo "Latency: client side, storescu log timestamps (1 ms resolution), \"Sending Store Request\" to \"Received Store Response\"."
echo
echo "Our server host, provider step only (validate UIDs, fsync file, rename, fsync directories):"
echo "- 1 association: $(tr '\n' ' ' <"$tmp/stats-one")"
echo "- 4 associations: $(tr '\n' ' ' <"$tmp/stats-four")"
echo "- instances kept: ours $n_ours distinct files, storescp $n_scp distinct files"
echo "- load average after: $(load)"
