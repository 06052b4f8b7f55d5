#!/usr/bin/env bash
# Release build of both pages into dist/: the round-based player (index.html) and the
# real-systems page (systems.html). Trunk builds one page per run and always names its page
# index.html, so the real-systems page is built apart and merged in as systems.html; the
# other files have content hashes in their names and do not collide.
#
#   scripts/build.sh
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
# Target before --release: `--release index.html` would read index.html as --release's value.
trunk build index.html --release --offline
systems_dist="$REPO_ROOT/target/systems-dist"
trunk build systems.html --release --offline --dist "$systems_dist"
for f in "$systems_dist"/*; do
  name=$(basename "$f")
  if [[ "$name" == index.html ]]; then
    cp "$f" dist/systems.html
  else
    cp "$f" dist/
  fi
done
echo "build.sh: dist/index.html (player) and dist/systems.html (real systems)"
