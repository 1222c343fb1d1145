#!/usr/bin/env bash
# The test command: installs the reference tools the tests use, builds the solution (warnings are errors), runs
# every test project, and ends with one line "N passed, N failed[, N skipped]". Exit status is non-zero when the
# build or any test fails. Extra arguments go to `dotnet test` (e.g. --filter Name~Dump).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=../deploy/local/peers.sh
source deploy/local/peers.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# DCMTK tools (and Orthanc) otherwise wait ~40 ms per message: Nagle plus delayed ACK.
export TCP_NODELAY=1

started=$SECONDS
step() { printf '\n==> [%4ds] %s\n' "$((SECONDS - started))" "$*"; }

results="$root/artifacts/test-results"
# A single test can hang (a peer that never answers); kill it and report instead of stalling CI forever.
hang_timeout="${IMAGING_TEST_HANG_TIMEOUT:-10m}"

step "Reference tools"
peers_require_dcmtk
peers_require_dicom3tools
peers_require_orthanc
peers_require_rabbitmq
peers_require_postgresql
peers_require_codecs
peers_require_chromium

step "Build (Release)"
if ! dotnet build Imaging.sln -c Release -nologo </dev/null; then
    echo
    echo "build failed"
    exit 1
fi

step "Tests"
rm -rf "$results"
mkdir -p "$results"
mapfile -t projects < <(dotnet sln Imaging.sln list </dev/null | tr '\\' '/' | grep -E '^tests/.*\.Tests\.csproj$' | sort)
if [ "${#projects[@]}" -eq 0 ]; then
    echo "no test projects found in Imaging.sln"
    exit 1
fi
status=0
for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    step "$name"
    if ! dotnet test "$project" -c Release --no-build \
            --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
            --results-directory "$results" \
            --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
            "$@" </dev/null; then
        status=1
    fi
done

# Count per-test outcomes in the TRX files (a project with no tests writes none).
count() {
    local outcome="$1"
    { cat "$results"/*.trx 2>/dev/null || true; } \
        | { grep -o '<UnitTestResult [^>]*outcome="[A-Za-z]*"' || true; } \
        | { grep -c "outcome=\"$outcome\"" || true; }
}
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count NotExecuted)

step "Done in $((SECONDS - started)) s; results in ${results#"$root"/}"
summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary="$summary, $skipped skipped"; fi
echo "$summary"
if [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
