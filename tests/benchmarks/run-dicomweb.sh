#!/usr/bin/env bash
# DICOMweb latency end to end over HTTP (Kestrel on loopback): seeds STUDIES studies (1-2 series, 1-2 instances each)
# into a fresh SQLite index and into a fresh PostgreSQL database (a private cluster from deploy/local/postgres.sh),
# then times each scenario of tests/benchmarks/Imaging.DicomWeb.Benchmarks/ScenarioList.cs: 20 warm-up requests, then
# REQUESTS sequential requests, p50/p95/max in ms. Release build.
# Usage: tests/benchmarks/run-dicomweb.sh [--studies N] [--requests R] [--sqlite-only] [--dir DIR]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
studies=10000
requests=200
postgres=1
dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --studies) studies=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --sqlite-only) postgres=0; shift ;;
    --dir) dir=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${dir:-${TMPDIR:-/tmp}}/dicomweb-bench.XXXXXX")
chmod 755 "$work"
cleanup() { bash "$root/deploy/local/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

proj=$here/Imaging.DicomWeb.Benchmarks
echo "# building (Release)"
dotnet build "$proj/Imaging.DicomWeb.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
bin=$proj/bin/Release/net10.0/Imaging.DicomWeb.Benchmarks
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

"$bin" sqlite "$work" --studies "$studies" --requests "$requests"
if [[ $postgres == 1 ]]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg=$(bash "$root/deploy/local/postgres.sh" start "$work/pg" "$port" 2>/dev/null)
  "$bin" postgres "$pg" --studies "$studies" --requests "$requests"
fi
