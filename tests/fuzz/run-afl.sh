#!/usr/bin/env bash
# Builds the harness, instruments Imaging.Dicom.dll with SharpFuzz and runs AFL++ on it.
# Usage: tests/fuzz/run-afl.sh [seconds] [target]   (default 600 s, 0 = until Ctrl-C; target part10 (default), rle or jpeg)
# Needs: afl-fuzz (apt-get install afl++) and sharpfuzz (dotnet tool install --global SharpFuzz.CommandLine).
# Output: tests/fuzz/findings (part10) or tests/fuzz/findings-<target> (crashes/, hangs/, queue/); git ignores them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-600}"
target="${2:-part10}"
bin="$here/bin/afl"            # instrumented build: only usable under afl-fuzz
findings="$here/findings"
seeds="$here/seeds"
if [[ "$target" != part10 ]]; then
  findings="$here/findings-$target"
  seeds="$here/seeds-$target"
fi
sharpfuzz="$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }
[[ -x "$sharpfuzz" ]] || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine" >&2; exit 1; }

rm -rf "$bin"
dotnet build -c Release "$here/Imaging.Dicom.Fuzz/Imaging.Dicom.Fuzz.csproj" -o "$bin" >/dev/null
if [[ ! -d "$seeds" ]]; then
  # The part10 seeds are corpus files; other targets write their own (before instrumentation, which breaks plain runs).
  if [[ "$target" == part10 ]]; then "$here/make-seeds.sh" "$seeds"; else dotnet "$bin/Imaging.Dicom.Fuzz.dll" "$target" seeds "$seeds"; fi
fi
"$sharpfuzz" "$bin/Imaging.Dicom.dll"

timeout_cmd=()
[[ "$seconds" != 0 ]] && timeout_cmd=(timeout --foreground "$seconds")
# dotnet is not an AFL-instrumented binary (the DLL is): skip the binary check. -t: a cold .NET start is slow.
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  "${timeout_cmd[@]}" afl-fuzz -i "$seeds" -o "$findings" -t 10000 -m none -- dotnet "$bin/Imaging.Dicom.Fuzz.dll" "$target" afl || true

echo "crashes: $(ls "$findings"/default/crashes 2>/dev/null | grep -vc README || true), hangs: $(ls "$findings"/default/hangs 2>/dev/null | wc -l)"
echo "replay (uninstrumented): dotnet run -c Release --project $here/Imaging.Dicom.Fuzz -- $target run $findings/default/crashes"
