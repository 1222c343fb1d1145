#!/usr/bin/env bash
# Copies a few small files of the shared corpus into a seed folder for AFL++ / libFuzzer.
# Usage: tests/fuzz/make-seeds.sh [seed-folder]   (default: tests/fuzz/seeds; git ignores it, see tests/fuzz/.gitignore)
# The corpus is found like the tests find it: $IMAGING_TESTDATA, else ../shared/testdata beside the repository.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${IMAGING_TESTDATA:-$(cd "$repo/.." && pwd)/shared/testdata}"
out="${1:-$here/seeds}"

if [[ ! -d "$corpus" ]]; then
  echo "corpus not found at $corpus; set IMAGING_TESTDATA" >&2
  exit 1
fi

# Small files that between them cover every reader path: explicit/implicit LE, big endian, deflated, encapsulated
# fragments, private and empty sequences, no preamble, a meta group that lies about its length, a truncated tail.
seeds=(
  interop/malformed/GH220.dcm
  interop/malformed/GH223_private_SQ_empty_item.dcm
  interop/malformed/GH487_last_private_SQ_empty_items.dcm
  interop/malformed/no_preamble_dicm_in_data
  interop/malformed/GH179B_partial.dcm
  interop/malformed/Tag-0040-A170-VR-CS.dcm
  interop/ts/Deflated_with_SQ_fo1097.dcm
  interop/ts/report_dfl_Deflated_SR.dcm
  interop/ts/JPEGLSNearLossless_16.dcm
  interop/charset/chrGB2312.dcm
  interop/charset/GH1301_GB18030_badCS.dcm
  nm/WG04_NM1_J2KI.dcm
)

mkdir -p "$out"
for f in "${seeds[@]}"; do
  if [[ -f "$corpus/$f" ]]; then
    cp "$corpus/$f" "$out/$(basename "$f")"
    chmod u+w "$out/$(basename "$f")"
  else
    echo "warning: $f is not in the corpus; skipped" >&2
  fi
done
echo "$(ls "$out" | wc -l) seeds in $out (licences: see $corpus/MANIFEST.tsv)"
