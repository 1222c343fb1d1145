#!/usr/bin/env bash
# Copies a few small files of the shared corpus into a seed folder for AFL++ / libFuzzer.
# Usage: tests/fuzz/make-seeds.sh [seed-folder]   (default: tests/fuzz/seeds; git ignores it, see tests/fuzz/.gitignore)
#        tests/fuzz/make-seeds.sh --j2k seed-folder   adds tiny JPEG 2000 codestreams made with opj_compress (the j2k target's
#        harness only finds corpus frames, which are large for a fuzzer; we have no JPEG 2000 encoder of our own)
# The corpus is found like the tests find it: $IMAGING_TESTDATA, else ../shared/testdata beside the repository.
set -euo pipefail

if [[ "${1:-}" == --j2k ]]; then
  out="${2:?usage: make-seeds.sh --j2k seed-folder}"
  command -v opj_compress >/dev/null || { echo "opj_compress not found (apt-get install libopenjp2-tools); j2k seeds are corpus frames only" >&2; exit 0; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # 16 x 16 gradients: 8-bit grey, 12-bit grey, 8-bit RGB (PGM/PPM, big-endian samples above 8 bits).
  python3 - "$work" <<'PY'
import sys
w, h, d = 16, 16, sys.argv[1]
g = lambda i, m: (i * 37 + i // 16 * 11) & m
open(f"{d}/g8.pgm", "wb").write(b"P5\n16 16\n255\n" + bytes(g(i, 255) for i in range(w * h)))
open(f"{d}/c8.ppm", "wb").write(b"P6\n16 16\n255\n" + bytes(g(i, 255) for i in range(w * h * 3)))
open(f"{d}/g12.pgm", "wb").write(b"P5\n16 16\n4095\n" + b"".join(g(i, 4095).to_bytes(2, "big") for i in range(w * h)))
PY
  # Lossless (5/3) and lossy (9/7), tiled with another progression order, a JP2 wrapper; 3 resolutions fit 16 x 16.
  while read -r input output options; do
    # shellcheck disable=SC2086
    opj_compress -i "$work/$input" -o "$out/$output" -n 3 $options >/dev/null 2>&1 || echo "warning: opj_compress failed for $output" >&2
  done <<'LIST'
g8.pgm opj-g8.j2k
c8.ppm opj-c8-mct.j2k
g12.pgm opj-g12.j2k
g8.pgm opj-g8-lossy.j2k -I -r 8
g8.pgm opj-g8-tiles.j2k -t 8,8 -p RPCL
c8.ppm opj-c8-lossy.jp2 -I -r 4
LIST
  echo "$(ls "$out" | wc -l) seeds in $out"
  exit 0
fi

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
