#!/usr/bin/env bash
# Decode benchmark for the pixel codecs (docs/benchmarks.md, "Pixel data (issue 5)"): 512x512 16-bit CT frames (the generated CT set of
# Imaging.Dicom.Benchmarks, i.e. copies of a real chest CT) compressed by DCMTK with each codec, then
#   - DCMTK: one dcmdrle / dcmdjpeg / dcmdjpls process per file, whole-process wall time (what a script pays);
#   - DCMTK again on one multi-frame file of all the frames (start-up paid once), minus dcmconv of the same
#     uncompressed file (reading and writing without a codec) as an estimate of decoding alone;
#   - ours:  Imaging.Codecs.Benchmarks, one process for all files, decode-only time per frame (median of --repeat passes
#            after warm-up), plus that process's wall time.
# A codec whose decoder is not registered in Imaging.Codecs.Benchmarks/CodecSetup.cs is reported as "no decoder".
# Not part of the test suite. Page cache is warm for every measurement.
#
# Usage: tests/benchmarks/run-codecs.sh [--data DIR] [--files N] [--runs N] [--codecs LIST]
#   --data DIR     cache folder (default: $IMAGING_BENCH_DATA or ${TMPDIR:-/tmp}/imaging-dicom-bench)
#   --files N      CT files (frames) per codec (default 50)
#   --runs N       repetitions of the DCMTK loop, median reported; also our --repeat (default 3)
#   --codecs LIST  comma-separated subset of: rle,jpeg-sv1,jpeg-p14-sv6,jpeg-baseline,jpeg-extended,jpegls,jpegls-near
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
data=${IMAGING_BENCH_DATA:-${TMPDIR:-/tmp}/imaging-dicom-bench}
files=50
runs=3
codecs=rle,jpeg-sv1,jpeg-p14-sv6,jpeg-baseline,jpeg-extended,jpegls,jpegls-near
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --codecs) codecs=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
data=$(mkdir -p "$data" && cd "$data" && pwd)
for tool in dcmcrle dcmdrle dcmcjpeg dcmdjpeg dcmcjpls dcmdjpls; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install dcmtk)" >&2; exit 1; }
done

gen=$here/Imaging.Dicom.Benchmarks
ours=$here/Imaging.Codecs.Benchmarks
echo "# building (Release)"
dotnet build "$gen/Imaging.Dicom.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$ours/Imaging.Codecs.Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
echo "# generating / checking the CT set in $data"
"$gen/bin/Release/net10.0/Imaging.Dicom.Benchmarks" generate --ct-only --data "$data" | sed 's/^/#   /'
mapfile -t sources < <(find "$data/ct400" -name 'ct_*.dcm' | sort | head -n "$files")
[[ ${#sources[@]} -eq $files ]] || { echo "expected $files CT files in $data/ct400" >&2; exit 1; }
frame_bytes=$((512 * 512 * 2))

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now_ns() { date +%s%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
calc() { awk "BEGIN { printf \"%.$1f\", $2 }"; }

# name|compressor and flags|decompressor
spec() {
  case "$1" in
    rle) echo "dcmcrle|dcmdrle" ;;
    jpeg-sv1) echo "dcmcjpeg +e1|dcmdjpeg" ;;
    jpeg-p14-sv6) echo "dcmcjpeg +el +sv 6|dcmdjpeg" ;;
    jpeg-baseline) echo "dcmcjpeg +eb|dcmdjpeg" ;;
    jpeg-extended) echo "dcmcjpeg +ee|dcmdjpeg" ;;
    jpegls) echo "dcmcjpls +el|dcmdjpls" ;;
    jpegls-near) echo "dcmcjpls +en|dcmdjpls" ;;
    *) echo "unknown codec $1" >&2; exit 2 ;;
  esac
}

# One multi-frame file of all the frames, so DCMTK can also be timed with process start-up paid once.
multi=$data/codecs/ct-multiframe-$files.dcm
if [[ ! -f "$multi" ]]; then
  mkdir -p "$data/codecs"
  "$ours/bin/Release/net10.0/Imaging.Codecs.Benchmarks" make-multiframe "$multi" "${sources[@]}"
fi
# Baseline for the multi-frame timing: dcmconv reads and writes the same uncompressed frames without a codec, so
# (decompressor time - dcmconv time) estimates DCMTK's decoding alone.
timed() { for ((r = 0; r < runs; r++)); do start=$(now_ns); "$@" >/dev/null; echo $(( $(now_ns) - start )); done | median; }
dcmconv "$multi" "$tmp/base.dcm"
base_ns=$(timed dcmconv "$multi" "$tmp/base.dcm")

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dcmdrle --version 2>&1 | head -n1 | tr -d '$')"
echo "# $files frames of 512x512x16 per codec, medians of $runs runs; ours: decode-only time per frame after 2 warm-up passes"
echo "# dcmconv of the $files-frame uncompressed file (baseline, no codec): $(calc 1 "$base_ns / 1e6") ms"
echo
echo "| codec | compressed MB | DCMTK, process per frame: ms/frame | DCMTK, one $files-frame file: ms/frame | DCMTK decode estimate: ms/frame (MB/s) | ours decode: median ms/frame (mean MB/s) | ours, $files single-frame files | ours, one $files-frame file |"
echo "|---|---|---|---|---|---|---|---|"
IFS=, read -ra selected <<<"$codecs"
for codec in "${selected[@]}"; do
  IFS='|' read -r compress decompress <<<"$(spec "$codec")"
  folder=$data/codecs/$codec
  if [[ ! -f "$folder/.complete" || ! -f "$folder/multiframe.mf" || $(find "$folder" -name 'ct_*.dcm' | wc -l) -lt $files ]]; then
    rm -rf "$folder" && mkdir -p "$folder"
    ok=1
    for src in "${sources[@]}"; do
      # shellcheck disable=SC2086
      if ! $compress "$src" "$folder/$(basename "$src")" 2>"$tmp/err"; then ok=0; break; fi
    done
    # shellcheck disable=SC2086
    [[ $ok == 1 ]] && { $compress "$multi" "$folder/multiframe.dcm.tmp" 2>"$tmp/err" || ok=0; }
    if [[ $ok == 0 ]]; then
      echo "| $codec | DCMTK cannot compress this data: $(head -n1 "$tmp/err" | cut -c1-90) | | | | | | |"
      rm -rf "$folder"
      continue
    fi
    mv "$folder/multiframe.dcm.tmp" "$folder/multiframe.mf"
    touch "$folder/.complete"
  fi
  mapfile -t inputs < <(find "$folder" -name 'ct_*.dcm' | sort | head -n "$files")
  compressed=$(cat "${inputs[@]}" | wc -c)

  # Warm the page cache and the DCMTK binaries once, then time whole loops.
  $decompress "${inputs[0]}" "$tmp/out.dcm"
  for ((r = 0; r < runs; r++)); do
    start=$(now_ns)
    for f in "${inputs[@]}"; do $decompress "$f" "$tmp/out.dcm"; done
    echo $(( $(now_ns) - start ))
  done >"$tmp/dcmtk"
  loop_ns=$(median <"$tmp/dcmtk")
  multi_ns=$(timed "$decompress" "$folder/multiframe.mf" "$tmp/out.dcm")
  net_ns=$(( multi_ns > base_ns ? multi_ns - base_ns : 0 ))

  cp "$folder/multiframe.mf" "$tmp/multiframe.dcm"
  ours_run() { "$ours/bin/Release/net10.0/Imaging.Codecs.Benchmarks" --repeat "$runs" "$@"; }
  start=$(now_ns); ours_run "${inputs[@]}" >"$tmp/ours"; ours_files_s=$(calc 2 "($(now_ns) - $start) / 1e9")
  start=$(now_ns); ours_run "$tmp/multiframe.dcm" >"$tmp/ours-mf"; ours_mf_s=$(calc 2 "($(now_ns) - $start) / 1e9")
  if grep -q '^# skipped' "$tmp/ours"; then
    ours_result="no decoder registered"
  else
    row=$(grep -v '^#' "$tmp/ours" | sed -n 2p)
    ours_result="$(cut -f6 <<<"$row") ($(cut -f5 <<<"$row"))"
  fi
  echo "| $codec | $(calc 1 "$compressed / 1e6") | $(calc 1 "$loop_ns / 1e6 / $files") | $(calc 2 "$multi_ns / 1e6 / $files") | $(calc 2 "$net_ns / 1e6 / $files") ($(calc 0 "$files * $frame_bytes / 1e6 / ($net_ns / 1e9 + 1e-9)")) | $ours_result | ${ours_files_s} s | ${ours_mf_s} s |"
done
