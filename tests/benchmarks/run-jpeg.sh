#!/usr/bin/env bash
# JPEG decode timings for docs/benchmarks.md ("JPEG decode benchmarks") (issue 5): 512x512 16-bit CT frames compressed by dcmcjpeg as
# JPEG Lossless SV1 (+e1) and JPEG Extended 12-bit (+ee), decoded by DCMTK's dcmdjpeg and by our decoders.
#   - whole process: one process decodes a 40-frame file, and the 1-frame file; per frame = (T40 - T1) / 39, which
#     removes process start-up (and JIT for us) from the per-frame figure. Medians of --runs runs, wall and CPU
#     (user + sys of the child). dcmdjpeg also writes its output file; ours decodes into memory only.
#   - in process: our decoders warm (after one pass), median of the passes, wall and CPU per frame.
# Not part of the test suite. Frames alternate between CT_WG04_CT1_ELE and CT_LCTSC_chest_TCIA of the corpus.
#
# Usage: tests/benchmarks/run-jpeg.sh [--data DIR] [--runs N]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${IMAGING_BENCH_DATA:-${TMPDIR:-/tmp}/imaging-jpeg-bench}
runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
corpus=${IMAGING_TESTDATA:-$root/../shared/testdata}
mkdir -p "$data"
dotnet build -c Release "$here/Imaging.Dicom.Codecs.Jpeg.Benchmarks" -v q -nologo >/dev/null
bench="$here/Imaging.Dicom.Codecs.Jpeg.Benchmarks/bin/Release/net10.0/Imaging.Dicom.Codecs.Jpeg.Benchmarks.dll"
inputs="$corpus/ct_mr/CT_WG04_CT1_ELE.dcm,$corpus/ct_mr/CT_LCTSC_chest_TCIA.dcm"
[[ -f "$data/ct40.dcm" ]] || dotnet "$bench" --make-multiframe "$data/ct40.dcm" 40 "$inputs"
[[ -f "$data/ct1.dcm" ]] || dotnet "$bench" --make-multiframe "$data/ct1.dcm" 1 "$inputs"
for n in 1 40; do
  [[ -f "$data/ct${n}_sv1.dcm" ]] || dcmcjpeg +e1 "$data/ct$n.dcm" "$data/ct${n}_sv1.dcm"
  [[ -f "$data/ct${n}_ext.dcm" ]] || dcmcjpeg +ee "$data/ct$n.dcm" "$data/ct${n}_ext.dcm"
done

# Median wall and CPU seconds of a command over $runs runs (children's rusage, so the whole process).
measure() {
  python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]
walls, cpus = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    walls.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(f"{statistics.median(walls):.3f} {statistics.median(cpus):.3f}")
PY
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| codec | decoder | 40 frames wall / CPU s | 1 frame wall / CPU s | per frame wall / CPU ms |"
echo "| --- | --- | --- | --- | --- |"
for kind in sv1 ext; do
  read -r w40 c40 < <(measure dcmdjpeg "$data/ct40_$kind.dcm" "$data/out.dcm")
  read -r w1 c1 < <(measure dcmdjpeg "$data/ct1_$kind.dcm" "$data/out.dcm")
  python3 -c "print(f'| $kind | dcmdjpeg (process) | $w40 / $c40 | $w1 / $c1 | {($w40-$w1)/39*1000:.1f} / {($c40-$c1)/39*1000:.1f} |')"
  read -r w40 c40 < <(measure dotnet "$bench" --once "$data/ct40_$kind.dcm")
  read -r w1 c1 < <(measure dotnet "$bench" --once "$data/ct1_$kind.dcm")
  python3 -c "print(f'| $kind | ours (process) | $w40 / $c40 | $w1 / $c1 | {($w40-$w1)/39*1000:.1f} / {($c40-$c1)/39*1000:.1f} |')"
  echo "| $kind | ours (in process, warm) | $(dotnet "$bench" "$data/ct40_$kind.dcm" --iterations 5) | | |"
done
rm -f "$data/out.dcm"
