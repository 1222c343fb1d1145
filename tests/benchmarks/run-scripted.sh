#!/usr/bin/env bash
# Scripted (fresh-process) measurements of the DICOM data layer for docs/benchmarks.md, "DICOM data layer (issue 2)":
#   1. header read of two 1 GiB multi-frame files: wall time of the read and peak RSS of a fresh child process
#      (VmHWM from /proc/self/status inside the child, and /usr/bin/time's maximum RSS from outside);
#   2. the 400 CT files parsed by one fresh process (first pass = what a CLI pays, then warm passes), header-only,
#      stop-before-pixels, full, and full with DOTNET_GCLOHThreshold=2 MiB (a diagnostic for the LOH hot spot);
#   3. the same 400 files through DCMTK's dcmdump, one process per file and one process for all files,
#      against our parse from one process per file and from one process for all files.
# Not part of the test suite. Page cache is warm for every measurement (files are read once beforehand).
#
# Usage: tests/benchmarks/run-scripted.sh [--data DIR] [--runs N] [--process-runs N] [--no-per-process]
#   --data DIR        cache folder for the generated data (default: $IMAGING_BENCH_DATA or ${TMPDIR:-/tmp}/imaging-dicom-bench)
#   --runs N          repetitions of each single-process measurement; medians are reported (default 5)
#   --process-runs N  repetitions of the 400-processes loops (default 2)
#   --no-per-process  skip the one-process-per-file loops (~1-3 minutes per run for our .NET process)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=${IMAGING_BENCH_DATA:-${TMPDIR:-/tmp}/imaging-dicom-bench}
runs=5
process_runs=2
per_process=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --process-runs) process_runs=$2; shift 2 ;;
    --no-per-process) per_process=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
data=$(mkdir -p "$data" && cd "$data" && pwd)

proj=$here/Imaging.Dicom.Benchmarks
bin=$proj/bin/Release/net10.0/Imaging.Dicom.Benchmarks
command -v dcmdump >/dev/null || { echo "dcmdump not found (apt-get install dcmtk)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 1; }

echo "# building (Release)"
dotnet build "$proj/Imaging.Dicom.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
echo "# generating / checking data in $data"
"$bin" generate --data "$data" | sed 's/^/#   /'

ct_dir=$data/ct400
mapfile -t ct_files < <(find "$ct_dir" -name 'ct_*.dcm' | sort)
nm_file=$data/multiframe_nm_1gib.dcm
enh_file=$data/multiframe_enhanced_ct_1gib.dcm
[[ ${#ct_files[@]} -eq 400 ]] || { echo "expected 400 CT files in $ct_dir, found ${#ct_files[@]}" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ns() { date +%s%N; }
# median of numbers on stdin (one per line)
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# value of key=value from a file
kv() { sed -n "s/^$1=//p" "$2" | head -n1; }
fmt() { printf '%.*f' "$1" "$2"; }
calc() { awk "BEGIN { printf \"%.$1f\", $2 }"; }  # digits, arithmetic expression
warm_cache() { cat "$@" >/dev/null; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo
echo "## Machine"
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- nproc: $(nproc); CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "- memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "- .NET: $(dotnet --version) SDK; DCMTK: $(dcmdump --version 2>&1 | sed -n 's/^\$dcmtk: dcmdump \(v[^ ]*\).*/\1/p' | head -n1)"
echo "- load average before: $(load)"

# ---- 1. 1 GiB header read ------------------------------------------------------------------------------
echo
echo "## 1. Header read of a 1 GiB multi-frame file (fresh process per run, median of $runs)"
for i in $(seq "$runs"); do
  /usr/bin/time -f '%M' -o "$tmp/time" "$bin" --scripted noop >"$tmp/out"
  echo "$(kv vm_hwm_kb "$tmp/out") $(cat "$tmp/time")" >>"$tmp/noop"
done
noop_hwm=$(cut -d' ' -f1 "$tmp/noop" | median)
noop_max=$(cut -d' ' -f2 "$tmp/noop" | median)
echo "baseline (runtime start-up, no read): VmHWM $(calc 1 "$noop_hwm/1024") MB, /usr/bin/time max RSS $(calc 1 "$noop_max/1024") MB"
echo
echo "| file | header bytes | attributes | first read, cold (ms) | first read CPU (ms) | warm read, median (ms) | warm read CPU (ms) | peak RSS VmHWM (MB) | peak RSS /usr/bin/time (MB) | above baseline (MB) | managed alloc (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for f in "$nm_file" "$enh_file"; do
  head -c 8388608 "$f" >/dev/null
  : >"$tmp/cold"
  for i in $(seq "$runs"); do
    /usr/bin/time -f '%M' -o "$tmp/time" "$bin" --scripted header "$f" >"$tmp/out"
    echo "$(kv first_read_ms "$tmp/out") $(kv hwm_after_first_read_kb "$tmp/out") $(cat "$tmp/time") $(kv first_read_alloc_bytes "$tmp/out") $(kv first_read_cpu_ms "$tmp/out")" >>"$tmp/cold"
  done
  "$bin" --scripted header "$f" --repeat 50 >"$tmp/warm"
  cold_ms=$(cut -d' ' -f1 "$tmp/cold" | median)
  hwm=$(cut -d' ' -f2 "$tmp/cold" | median)
  maxrss=$(cut -d' ' -f3 "$tmp/cold" | median)
  alloc=$(cut -d' ' -f4 "$tmp/cold" | median)
  cold_cpu=$(cut -d' ' -f5 "$tmp/cold" | median)
  header_bytes=$(( $(kv file_bytes "$tmp/warm") - $(kv pixel_data_bytes "$tmp/warm") - 12 ))
  echo "| $(basename "$f") | $header_bytes | $(kv attributes_total "$tmp/warm") | $(fmt 1 "$cold_ms") | $(fmt 1 "$cold_cpu") | $(fmt 2 "$(kv warm_median_ms "$tmp/warm")") | $(fmt 2 "$(kv warm_cpu_ms_per_read "$tmp/warm")") | $(calc 1 "$hwm/1024") | $(calc 1 "$maxrss/1024") | $(calc 1 "($hwm-$noop_hwm)/1024") | $(calc 2 "$alloc/1048576") |"
done

# ---- 2. 400 CT files, one fresh process ---------------------------------------------------------------
ct_bytes=$(cat "${ct_files[@]}" | wc -c)   # also warms the page cache
echo
echo "## 2. 400 CT files (512x512x16, $ct_bytes bytes) parsed by one fresh process (median of $runs)"
echo
echo "Wall times suffer when other processes compete for the 2 cores; CPU time (user+sys, all threads) much less so."
echo
echo "| mode | process wall (ms) | first pass wall (ms) | first pass CPU (ms) | warm pass wall (ms) | warm pass CPU (ms) | warm files/s (wall) | warm MB/s (wall) | warm files/s (CPU) | alloc/file, warm (bytes) | gen2 GCs per warm pass |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
# The last mode is a diagnostic, not a configuration we ship: with the LOH threshold raised to 2 MiB the 512 KiB
# Pixel Data arrays of a full parse are allocated in gen0 instead of the large object heap (see docs/benchmarks.md).
for mode in header-only stop-before-pixels full full-GCLOHThreshold=2MiB; do
  env=()
  case $mode in
    header-only) flag=(--repeat 10) ;;
    stop-before-pixels) flag=(--stop-before-pixels --repeat 10) ;;
    full) flag=(--full --repeat 3) ;;   # ~2 s per pass or more: fewer passes
    full-GCLOHThreshold=2MiB) flag=(--full --repeat 3); env=(DOTNET_GCLOHThreshold=0x200000) ;;
  esac
  : >"$tmp/m"
  for i in $(seq "$runs"); do
    t0=$(now_ns)
    env "${env[@]}" "$bin" --scripted parse-all "${flag[@]}" --data "$data" >"$tmp/out"
    t1=$(now_ns)
    echo "$(( (t1 - t0) / 1000000 )) $(kv first_pass_ms "$tmp/out") $(kv first_pass_cpu_ms "$tmp/out") $(kv warm_median_ms "$tmp/out") $(kv warm_cpu_ms_per_pass "$tmp/out") $(kv warm_alloc_bytes_per_file "$tmp/out") $(kv warm_gen2_collections "$tmp/out")" >>"$tmp/m"
  done
  col() { cut -d' ' -f"$1" "$tmp/m" | median; }
  wall=$(col 1); first=$(col 2); first_cpu=$(col 3); warm=$(col 4); warm_cpu=$(col 5); alloc=$(col 6); gen2=$(col 7)
  echo "| $mode | $(fmt 0 "$wall") | $(fmt 1 "$first") | $(fmt 1 "$first_cpu") | $(fmt 1 "$warm") | $(fmt 1 "$warm_cpu") | $(calc 0 "400000/$warm") | $(calc 0 "$ct_bytes/1000/$warm") | $(calc 0 "400000/$warm_cpu") | $(fmt 0 "$alloc") | $(calc 1 "$gen2/${flag[-1]}") |"
done

# ---- 3. dcmdump comparison ----------------------------------------------------------------------------
echo
echo "## 3. dcmdump (DCMTK) vs our header parse, same 400 files, output to /dev/null"
echo
echo "CPU = user+sys of the process(es), from /usr/bin/time (children included for the one-process-per-file loops)."
echo
echo "| what | processes | runs | wall (ms) | CPU (ms) | wall ms/file | CPU ms/file |"
echo "|---|---:|---:|---:|---:|---:|---:|"
# measure RUNS LABEL PROCESSES cmd...: median wall (own clock) and median CPU (/usr/bin/time) over RUNS runs
measure() {
  local n=$1 label=$2 procs=$3; shift 3
  : >"$tmp/s"
  for i in $(seq "$n"); do
    t0=$(now_ns)
    /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    t1=$(now_ns)
    echo "$(( (t1 - t0) / 1000 )) $(awk '{ print ($1 + $2) * 1000 }' "$tmp/time")" >>"$tmp/s"
  done
  local us cpu
  us=$(cut -d' ' -f1 "$tmp/s" | median); cpu=$(cut -d' ' -f2 "$tmp/s" | median)
  echo "| $label | $procs | $n | $(calc 0 "$us/1000") | $(fmt 0 "$cpu") | $(calc 3 "$us/1000/400") | $(calc 3 "$cpu/400") |"
}
# one process per file: loop.sh N cmd(N words)... files...
loop=(bash -c 'n=$1; shift; cmd=("${@:1:n}"); shift "$n"; for f; do "${cmd[@]}" "$f" >/dev/null || exit 1; done' loop)
cat "${ct_files[@]}" >/dev/null
measure "$runs" "dcmdump -M (long values not loaded), all files as arguments" 1 dcmdump -M "${ct_files[@]}"
measure "$runs" "dcmdump +sb 7fe0,0010 (stop before Pixel Data), all files as arguments" 1 dcmdump +sb 7fe0,0010 "${ct_files[@]}"
measure "$runs" "dcmdump (default +M: all values loaded), all files as arguments" 1 dcmdump "${ct_files[@]}"
measure "$runs" "ours: --scripted parse (header-only), all files as arguments, whole process" 1 "$bin" --scripted parse "${ct_files[@]}"
if [[ $per_process -eq 1 ]]; then
  measure "$process_runs" "dcmdump -M FILE, one process per file" 400 "${loop[@]}" 2 dcmdump -M "${ct_files[@]}"
  measure "$process_runs" "dcmdump FILE (default +M), one process per file" 400 "${loop[@]}" 1 dcmdump "${ct_files[@]}"
  measure "$process_runs" "ours: --scripted parse FILE, one process per file" 400 "${loop[@]}" 3 "$bin" --scripted parse "${ct_files[@]}"
fi
echo
echo "Ours in process, steady state (same files, warm): see the header-only row of section 2 (warm pass) and the"
echo "BenchmarkDotNet CtParseBenchmarks table."
echo
echo "- load average after: $(load)"
