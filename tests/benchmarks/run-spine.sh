#!/usr/bin/env bash
# Spine CT analysis speed (issue 7: a 300-slice 512 × 512 series in under 5 s; results in docs/benchmarks.md).
#   analysis: writes one SpineCtPhantom series (304 × 512², 0.7 mm pixels, 1.7 mm slices, T1–S1) to a temp folder once, then
#             times load / steps 2–4 / measurement and the whole SpineAnalyzer.AnalyzeCtAsync (wall and process CPU),
#             median of --runs after --warmup
#   phantom:  times SpineCtPhantom.Generate of the test suite's default phantom (T1–S1, 256², 2 mm slices)
# Usage: tests/benchmarks/run-spine.sh [analysis|phantom|all] [--runs N] [--warmup N] [--json FILE (findings of the last run)]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=${1:-analysis}
[[ $# -gt 0 ]] && shift
extra=()
runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --warmup|--json) extra+=("$1" "$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
out=$(mktemp -d "${TMPDIR:-/tmp}/spine-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "# building (Release)"
dotnet build "$here/Imaging.Spine.Benchmarks/Imaging.Spine.Benchmarks.csproj" -c Release -o "$out/bin" --nologo -v q -clp:ErrorsOnly >/dev/null
bench=(dotnet "$out/bin/Imaging.Spine.Benchmarks.dll")
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $mode == analysis || $mode == all ]]; then
  "${bench[@]}" analysis --runs "$runs" --data "$out/series" "${extra[@]}"
fi
if [[ $mode == phantom || $mode == all ]]; then
  echo
  "${bench[@]}" phantom --runs "$runs"
fi
