#!/usr/bin/env bash
# Bone-scan analysis accuracy and speed on generated phantoms (issue 6; results in docs/analysis.md and docs/benchmarks.md).
#   accuracy: sensitivity, false positives per scan and structures counted over counts per view 0.2–1.5 M × contrast
#             1.5–4 (20 mm FWHM), and size 10–30 mm × contrast at 1.5 M; then the mixed suite the tests assert on
#   speed:    warm-up, then ms per study (two 256 × 1024 views) pinned to one core with taskset -c 0
# Usage: tests/benchmarks/run-bonescan.sh [accuracy|speed|all] [--scans N] [--studies N]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=${1:-all}
[[ $# -gt 0 ]] && shift
scans=6
studies=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scans) scans=$2; shift 2 ;;
    --studies) studies=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
out=$(mktemp -d "${TMPDIR:-/tmp}/bonescan-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "# building (Release)"
dotnet build "$here/Imaging.BoneScan.Benchmarks/Imaging.BoneScan.Benchmarks.csproj" -c Release -o "$out" --nologo -v q -clp:ErrorsOnly >/dev/null
bench=(dotnet "$out/Imaging.BoneScan.Benchmarks.dll")
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $mode == accuracy || $mode == all ]]; then
  "${bench[@]}" sweep --scans "$scans"
  echo
  echo "## Mixed suite (as asserted by BoneScanAccuracyTests), 1.5 M and 1.0 M counts per view"
  "${bench[@]}" mixed --scans 10 --quiet
  "${bench[@]}" mixed --scans 10 --counts 1000000 --quiet
fi
if [[ $mode == speed || $mode == all ]]; then
  echo
  echo "## Speed, one core (taskset -c 0)"
  if command -v taskset >/dev/null; then taskset -c 0 "${bench[@]}" speed --studies "$studies"; else "${bench[@]}" speed --studies "$studies"; fi
fi
