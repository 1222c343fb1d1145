#!/usr/bin/env bash
# Runs every fuzz target under AFL++ for SECONDS each, one after the other, and writes a summary table.
# Usage: tests/fuzz/run-all.sh SECONDS [target...]   (default: every target; e.g. run-all.sh 1800 for the 30-minute campaigns)
# Output: the table on stdout and in tests/fuzz/results/summary-<UTC time>.md (git ignores results/; copy the table into
# docs/fuzzing.md). Findings stay in tests/fuzz/findings*/ and a second run resumes them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:?usage: run-all.sh SECONDS [target...]}"
shift
targets=("$@")
[[ ${#targets[@]} == 0 ]] && targets=(part10 rle jpeg pdu json jpegls j2k)
results="$here/results"
mkdir -p "$results"
summary="$results/summary-$(date -u +%Y%m%dT%H%M%SZ).md"

# One build for every target; each target then gets its own instrumented copy.
dotnet build -c Release "$here/Imaging.Dicom.Fuzz/Imaging.Dicom.Fuzz.csproj" -o "$here/bin/plain" >/dev/null

stat_of() { # stat_of FILE KEY -> value of "KEY : value" in an AFL fuzzer_stats file, or "-"
  local value
  value="$(awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$1" 2>/dev/null)"
  echo "${value:--}"
}

{
  echo "AFL++ $(afl-fuzz -h 2>&1 | head -1 | sed 's/\x1b\[[0-9;]*m//g' | grep -o '[0-9][0-9.]*[a-z]*' | head -1), ${seconds} s per target, started $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| target | result | executions | execs/s | corpus (paths) | edges covered | stability | crashes | hangs |"
  echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$summary"

for target in "${targets[@]}"; do
  findings="$here/findings"
  [[ "$target" != part10 ]] && findings="$here/findings-$target"
  status=0
  FUZZ_NO_BUILD=1 AFL_NO_UI=1 "$here/run-afl.sh" "$seconds" "$target" >"$results/$target.log" 2>&1 || status=$?
  stats="$findings/default/fuzzer_stats"
  if [[ $status == 2 ]]; then
    result="skipped: $(tail -1 "$results/$target.log")"
  elif [[ ! -f "$stats" ]]; then
    result="did not start (see results/$target.log)"
  else
    result="ran"
  fi
  crashes="$(stat_of "$stats" saved_crashes)"; [[ "$crashes" == - ]] && crashes="$(stat_of "$stats" unique_crashes)"
  hangs="$(stat_of "$stats" saved_hangs)"; [[ "$hangs" == - ]] && hangs="$(stat_of "$stats" unique_hangs)"
  echo "| $target | $result | $(stat_of "$stats" execs_done) | $(stat_of "$stats" execs_per_sec) | $(stat_of "$stats" corpus_count) | $(stat_of "$stats" bitmap_cvg) | $(stat_of "$stats" stability) | $crashes | $hangs |" | tee -a "$summary"
done

echo | tee -a "$summary"
echo "Counts are cumulative over resumed runs of the same findings folder. Replay crashes with:" | tee -a "$summary"
echo "dotnet $here/bin/plain/Imaging.Dicom.Fuzz.dll <target> run $here/findings-<target>/default/crashes" | tee -a "$summary"
echo "summary: $summary"
