#!/usr/bin/env bash
# Benchmarks: the engine's criterion suite, then (if present) the bundle size report and the
# browser frame-time probe.
#
#   scripts/bench.sh [CRITERION ARGS...]    e.g. scripts/bench.sh --quick, scripts/bench.sh rumor
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

echo "==> cargo bench -p gossip-engine --bench engine"
cargo bench -p gossip-engine --bench engine -- "$@"

if [[ -f tests/e2e/frame-probe.mjs ]]; then
  bash scripts/setup.sh --for test
  echo "==> trunk build index.html --release --offline"
  trunk build index.html --release --offline
  echo "==> scripts/size.sh (bundle size)"
  bash scripts/size.sh dist
  echo "==> node tests/e2e/frame-probe.mjs"
  node tests/e2e/frame-probe.mjs
fi
