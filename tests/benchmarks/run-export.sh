#!/usr/bin/env bash
# Research export throughput (issue 9): seeds COUNT synthetic CT instances (512x512, 16-bit, ~150 attributes, copies of
# the shared CT slice) into a SQLite store + blob folder, then exports them to a folder and to a ZIP (entries stored),
# RUNS times each, printing instances/s, MB/s and CPU ms per instance. Target: >= 500 CT instances/s on this machine.
# The real PS3.15 basic-profile de-identifier; --cheap uses a double that only remaps UIDs and the patient ID, so the
# pipeline's own cost can be told apart.
# Usage: tests/benchmarks/run-export.sh [--count N] [--runs N] [--workers N] [--dir DIR] [--cheap]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
count=2000
runs=3
workers=0
dir=""
cheap=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --cheap) cheap=(--cheap); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${dir:-${TMPDIR:-/tmp}}/export-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

proj=$here/Imaging.Export.Benchmarks
echo "# building (Release)"
dotnet build "$proj/Imaging.Export.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$proj/bin/Release/net10.0/Imaging.Export.Benchmarks" "$work" --count "$count" --runs "$runs" --workers "$workers" "${cheap[@]}"
