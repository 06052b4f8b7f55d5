#!/usr/bin/env bash
# Bundle size report: raw and `gzip -9` bytes of every file a visitor of the player downloads
# from dist/ (page, boot script, wasm, JS glue, CSS, favicon), and their total. The embed
# example page is a demo for host pages and is listed apart.
#
#   scripts/size.sh [DIST]        (after `trunk build index.html --release`; default dist/)
set -euo pipefail
dist="${1:-dist}"
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
