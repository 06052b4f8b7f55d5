#!/usr/bin/env bash
# Bundle size report, page by page: raw and `gzip -9` bytes of every file a visitor of a
# page downloads from dist/ (the page, then every file it names, then every file those name:
# boot script, JS glue, wasm, CSS, favicon), and each page's total.
#
#   scripts/size.sh [DIST] [--budget BYTES]
#
# (after scripts/build.sh; default dist/). Pages: index.html (the player), systems.html (SWIM)
# and stores.html (the data stores), each with its own budget. With --budget, exits 1 when a page's
# gzip total is above BYTES: scripts/test.sh holds each page to issue #9's 300 KB.
#
# Web Workers (Trunk's data-type="worker": NAME_loader.js, NAME.js, NAME_bg.wasm) are fetched
# only when the page starts one, so they are not part of any page's download: each is reported
# on its own after the pages, without a budget.
set -euo pipefail
dist=dist
budget=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --budget) budget="$2"; shift 2 ;;
    *) dist="$1"; shift ;;
  esac
done
over=0
# report TITLE FILE...: each file's raw and gzip -9 bytes, and their totals in total_raw/total_gz.
report() {
  local title="$1" name raw gz
  shift
  total_raw=0
  total_gz=0
  printf '\n%-50s %10s %10s\n' "$title: file" raw gzip
  for name in "$@"; do
    raw=$(stat -c %s "$dist/$name")
    gz=$(gzip -9 -c "$dist/$name" | wc -c)
    printf '%-50s %10d %10d\n' "$name" "$raw" "$gz"
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
  done
  printf '%-50s %10d %10d\n' "total ($title)" "$total_raw" "$total_gz"
}
# Worker names: every NAME_loader.js that Trunk wrote.
workers=()
for g in "$dist"/*_loader.js; do
  [[ -f "$g" ]] && workers+=("$(basename "$g" _loader.js)")
done
is_worker_file() {
  local w
  for w in "${workers[@]}"; do
    [[ "$1" == "$w"_loader.js || "$1" == "$w".js || "$1" == "$w"_bg.wasm ]] && return 0
  done
  return 1
}
for page in index.html systems.html stores.html; do
  [[ -f "$dist/$page" ]] || continue
  files=("$page")
  # Two rounds of "files named by the files so far" reach the wasm (page -> boot -> glue/wasm).
  for _ in 1 2 3; do
    for g in "$dist"/*; do
      name=$(basename "$g")
      # Another page is a link, not a download; a worker is fetched only when started.
      [[ "$name" == *.html || " ${files[*]} " == *" $name "* ]] && continue
      is_worker_file "$name" && continue
      for f in "${files[@]}"; do
        if grep -qF "$name" "$dist/$f"; then files+=("$name"); break; fi
      done
    done
  done
  report "$page" "${files[@]}"
  if [[ -n "$budget" ]]; then
    if ((total_gz > budget)); then
      echo "size.sh: $page is $total_gz bytes gzip, over the budget of $budget" >&2
      over=1
    else
      echo "$page: within the budget of $budget bytes gzip ($((budget - total_gz)) to spare)"
    fi
  fi
done
for w in "${workers[@]}"; do
  parts=()
  for name in "$w"_loader.js "$w".js "$w"_bg.wasm; do
    [[ -f "$dist/$name" ]] && parts+=("$name")
  done
  report "worker $w (loaded on demand)" "${parts[@]}"
done
exit "$over"
