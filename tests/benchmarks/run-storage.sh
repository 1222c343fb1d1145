#!/usr/bin/env bash
# Index ingest cost: 400 RecordInstanceAsync calls (one series) on SQLite (WAL,
# synchronous=FULL, group commit) and on PostgreSQL 15 (a private cluster from deploy/local/postgres.sh, fsync on),
# by 1 caller and by 4 concurrent callers (100 each), RUNS times each; with --blobs each instance also goes through
# FileSystemBlobStore.PutAsync (512 KiB, fsync + rename + folder fsync) first.
# Usage: tests/benchmarks/run-storage.sh [--runs N] [--blobs] [--dir DIR]   (DIR: where databases and the cluster live)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=3
extra=()
dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --blobs) extra+=(--blobs); shift ;;
    --dir) dir=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${dir:-${TMPDIR:-/tmp}}/storage-bench.XXXXXX")
chmod 755 "$work"
cleanup() { bash "$root/deploy/local/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

proj=$here/Imaging.Storage.Benchmarks
echo "# building (Release)"
dotnet build "$proj/Imaging.Storage.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
bin=$proj/bin/Release/net10.0/Imaging.Storage.Benchmarks

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg=$(bash "$root/deploy/local/postgres.sh" start "$work/pg" "$port" 2>/dev/null)

"$bin" sqlite "$work" --runs "$runs" "${extra[@]}"
"$bin" postgres "$pg" --runs "$runs" "${extra[@]}"
