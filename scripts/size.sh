#!/usr/bin/env bash
# Bundle size report: raw and `gzip -9` bytes of every file a visitor of the player downloads
# from dist/ (page, boot script, wasm, JS glue, CSS, favicon), and their total. The embed
# example page is a demo for host pages and is listed apart.
#
#   scripts/size.sh [DIST] [--budget BYTES]
#
# (after `trunk build index.html --release`; default dist/). With --budget, exits 1 when the
# player's gzip total is above BYTES: scripts/test.sh holds the bundle to issue #9's 300 KB.
set -euo pipefail
dist=dist
budget=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --budget) budget="$2"; shift 2 ;;
    *) dist="$1"; shift ;;
  esac
done
total_raw=0
total_gz=0
printf '%-50s %10s %10s\n' file raw gzip
for f in "$dist"/*.{wasm,js,css,html,svg}; do
  [[ -f "$f" ]] || continue
  name=$(basename "$f")
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  if [[ "$name" == embed-example* ]]; then
    printf '%-50s %10d %10d  (demo page, not counted)\n' "$name" "$raw" "$gz"
  else
    printf '%-50s %10d %10d\n' "$name" "$raw" "$gz"
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
  fi
done
printf '%-50s %10d %10d\n' "total (player)" "$total_raw" "$total_gz"
if [[ -n "$budget" ]]; then
  if ((total_gz > budget)); then
    echo "size.sh: the player is $total_gz bytes gzip, over the budget of $budget" >&2
    exit 1
  fi
  echo "within the budget of $budget bytes gzip ($((budget - total_gz)) to spare)"
fi
