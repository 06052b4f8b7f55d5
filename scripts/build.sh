#!/usr/bin/env bash
# Release build of the three pages into dist/: the round-based player (index.html), the
# SWIM page (systems.html) and the data-store page (stores.html). Trunk builds one page per
# run and always names its page index.html, so the other two are built apart and merged in
# under their own names; the other files have content hashes in their names and do not
# collide.
#
#   scripts/build.sh
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
# Target before --release: `--release index.html` would read index.html as --release's value.
trunk build index.html --release --offline
for page in systems stores; do
  page_dist="$REPO_ROOT/target/$page-dist"
  trunk build "$page.html" --release --offline --dist "$page_dist"
  for f in "$page_dist"/*; do
    name=$(basename "$f")
    if [[ "$name" == index.html ]]; then
      cp "$f" "dist/$page.html"
    else
      cp "$f" dist/
    fi
  done
done
echo "build.sh: dist/index.html (player), dist/systems.html (SWIM), dist/stores.html (data stores)"
