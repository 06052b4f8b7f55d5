#!/usr/bin/env bash
# Build the release bundle and serve it on http://127.0.0.1:${PORT:-8080}/ (loopback only).
#
#   scripts/serve.sh               setup (without browsers), trunk release build, serve dist/
#   PORT=9000 scripts/serve.sh     another port
#   scripts/serve.sh --no-build    serve the existing dist/ as is
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ $BUILD -eq 1 ]]; then
  bash scripts/setup.sh --for serve
  echo "==> building the release bundles of the three pages (scripts/build.sh)"
  bash scripts/build.sh
fi

exec node scripts/static-server.mjs dist --port "${PORT:-8080}"
