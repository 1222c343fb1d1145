#!/usr/bin/env bash
# Builds the harness, instruments the target's assemblies with SharpFuzz and runs AFL++ on one target.
# Usage: tests/fuzz/run-afl.sh [seconds] [target]   (default 600 s, 0 = until Ctrl-C; target: part10 (default), rle, jpeg,
#        pdu, json, jpegls or j2k)
# Needs: afl-fuzz (apt-get install afl++) and sharpfuzz (dotnet tool install --global SharpFuzz.CommandLine).
# Output: tests/fuzz/findings (part10) or tests/fuzz/findings-<target> (crashes/, hangs/, queue/, fuzzer_stats); git ignores
# them. A second run on the same findings folder resumes its queue (AFL_AUTORESUME).
# FUZZ_NO_BUILD=1 reuses tests/fuzz/bin/plain (run-all.sh builds once for every target).
# Exit code 2: the target cannot run here (a native library is missing); the target prints why.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-600}"
target="${2:-part10}"
plain="$here/bin/plain"          # normal build: writes seeds, replays findings
bin="$here/bin/afl-$target"      # instrumented copy: only usable under afl-fuzz
findings="$here/findings"
seeds="$here/seeds"
if [[ "$target" != part10 ]]; then
  findings="$here/findings-$target"
  seeds="$here/seeds-$target"
fi
# Only the assemblies that hold the code under test are instrumented: coverage of the rest is noise for AFL's map.
# The native libraries themselves (CharLS, OpenJPEG) are not instrumented; AFL sees our wrappers' paths only.
case "$target" in
  part10|rle|pdu|json) instrument=(Imaging.Dicom.dll) ;;
  jpeg) instrument=(Imaging.Dicom.Codecs.Jpeg.dll) ;;
  jpegls|j2k) instrument=(Imaging.Dicom.Codecs.Native.dll) ;;
  *) echo "unknown target $target (part10, rle, jpeg, pdu, json, jpegls, j2k)" >&2; exit 1 ;;
esac
sharpfuzz="$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }
[[ -x "$sharpfuzz" ]] || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine" >&2; exit 1; }

if [[ "${FUZZ_NO_BUILD:-0}" != 1 || ! -f "$plain/Imaging.Dicom.Fuzz.dll" ]]; then
  rm -rf "$plain"
  dotnet build -c Release "$here/Imaging.Dicom.Fuzz/Imaging.Dicom.Fuzz.csproj" -o "$plain" >/dev/null
fi
# Fails early (exit 2) when the target's native library is missing, before any instrumentation or seed.
status=0
dotnet "$plain/Imaging.Dicom.Fuzz.dll" "$target" run /dev/null >/dev/null || status=$?
if [[ $status == 2 ]]; then dotnet "$plain/Imaging.Dicom.Fuzz.dll" "$target" run /dev/null || true; exit 2; fi

if [[ ! -d "$seeds" ]]; then
  # The part10 seeds are corpus files; other targets write their own (with the plain build: instrumented ones die outside AFL).
  if [[ "$target" == part10 ]]; then "$here/make-seeds.sh" "$seeds"; else dotnet "$plain/Imaging.Dicom.Fuzz.dll" "$target" seeds "$seeds"; fi
  if [[ "$target" == j2k ]]; then "$here/make-seeds.sh" --j2k "$seeds"; fi
fi

rm -rf "$bin"
cp -r "$plain" "$bin"
for dll in "${instrument[@]}"; do "$sharpfuzz" "$bin/$dll" >/dev/null; done

timeout_cmd=()
if [[ "$seconds" != 0 ]]; then timeout_cmd=(timeout --foreground "$seconds"); fi
# dotnet is not an AFL-instrumented binary (the DLL is): skip the binary check. -t: a cold .NET start is slow, more so on a
# loaded machine (hence also the fork server's start timeout). No CPU binding: the machine is shared.
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_AUTORESUME=1 \
AFL_FORKSRV_INIT_TMOUT=60000 AFL_NO_UI="${AFL_NO_UI:-}" \
  "${timeout_cmd[@]}" afl-fuzz -i "$seeds" -o "$findings" -t 10000 -m none -- dotnet "$bin/Imaging.Dicom.Fuzz.dll" "$target" afl || true

echo "crashes: $(ls "$findings"/default/crashes 2>/dev/null | grep -vc README || true), hangs: $(ls "$findings"/default/hangs 2>/dev/null | wc -l)"
echo "replay (uninstrumented): dotnet $plain/Imaging.Dicom.Fuzz.dll $target run $findings/default/crashes"
