#!/usr/bin/env bash
# WADO-RS series metadata of a 400-instance series (issue 8 target: < 100 ms): 400 copies of a real CT header ingested
# with their metadata sidecars, then REQUESTS timed GETs of .../series/{s}/metadata over Kestrel on loopback.
# Usage: tests/benchmarks/run-dicomweb-metadata.sh [--instances N] [--requests R] [--template FILE]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
instances=400
requests=50
template="${IMAGING_TESTDATA:-$root/../shared/testdata}/ct_mr/CT_LCTSC_chest_TCIA.dcm"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --template) template=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/dicomweb-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

proj=$here/Imaging.DicomWeb.Metadata.Benchmarks
echo "# building (Release)"
dotnet build "$proj/Imaging.DicomWeb.Metadata.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$proj/bin/Release/net10.0/Imaging.DicomWeb.Metadata.Benchmarks.dll" "$work" --template "$template" --instances "$instances" --requests "$requests"
