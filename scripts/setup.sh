#!/usr/bin/env bash
# Install the tools that building, serving and testing need, each only when it is missing.
# Idempotent: a second run with everything installed takes a few seconds.
#
#   scripts/setup.sh [--for serve|test|all]     (default: all, which is the same as test)
#
#   serve: wasm32 target, Trunk, wasm-bindgen-cli (= Cargo.lock), wasm-opt (npm binaryen), cargo fetch
#   test:  serve + rustfmt/clippy, Debian chromium + chromium-driver, tests/e2e npm deps
#
# Meant for a fresh Debian 12 machine with rustup, Node 20 and Python 3 (run as root, or with sudo
# available for apt-get). Only the package registries are used (crates.io, npm, Debian apt).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

TRUNK_VERSION="0.22.1"
BINARYEN_VERSION="131.0.0"

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

MODE="all"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --for) MODE="${2:-}"; shift 2 || { usage >&2; exit 2; } ;;
    --for=*) MODE="${1#--for=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "setup.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$MODE" in
  serve|test|all) ;;
  *) echo "setup.sh: --for must be serve, test or all (got '$MODE')" >&2; exit 2 ;;
esac
want_test() { [[ "$MODE" == test || "$MODE" == all ]]; }

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }

for cmd in rustup cargo node npm; do
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not on PATH (expected rustup, Node 20 and npm)"
done

# Another `cargo install X` of the same tool (e.g. started by hand) would race with ours and double
# the build time on a small machine: wait for it to finish, then re-check.
wait_for_cargo_install() {
  local what="$1" waited=0
  while pgrep -f "cargo install .*${what}" >/dev/null 2>&1; do
    if (( waited == 0 )); then say "waiting for a running 'cargo install ${what}' to finish"; fi
    sleep 10
    waited=$((waited + 10))
  done
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# --- Rust target and components ------------------------------------------------------------------
if ! grep -qx 'wasm32-unknown-unknown' <<<"$(rustup target list --installed)"; then
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if want_test; then
  installed_components="$(rustup component list --installed)"
  for comp in rustfmt clippy; do
    if ! grep -q "^${comp}" <<<"$installed_components"; then
      say "installing rust component ${comp}"
      rustup component add "$comp"
    fi
  done
fi

# --- Trunk ------------------------------------------------------------------------------------------
if ! trunk --version >/dev/null 2>&1; then
  wait_for_cargo_install trunk
  hash -r
  if ! trunk --version >/dev/null 2>&1; then
    say "installing trunk ${TRUNK_VERSION} (cargo install; about 13 min on 2 cores)"
    # No fat LTO / 1 codegen unit: builds in ~60% of the time, and the binary works the same.
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version
  fi
fi

# --- wasm-bindgen-cli: exactly the wasm-bindgen in Cargo.lock ---------------------------------------
if [[ ! -f Cargo.lock ]]; then
  say "generating Cargo.lock"
  cargo generate-lockfile
fi
WB_VERSION="$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = /         { name = $3; gsub(/"/, "", name) }
  /^version = /      { if (name == "wasm-bindgen") { v = $3; gsub(/"/, "", v); print v; exit } }
' Cargo.lock)"
[[ -n "$WB_VERSION" ]] || die "no wasm-bindgen package in Cargo.lock"

installed_wb() { wasm-bindgen --version 2>/dev/null | awk '{print $2}'; }
if [[ "$(installed_wb)" != "$WB_VERSION" ]] || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  wait_for_cargo_install wasm-bindgen-cli
  hash -r
  if [[ "$(installed_wb)" != "$WB_VERSION" ]] || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "installing wasm-bindgen-cli ${WB_VERSION} (was: $(installed_wb || true); about 4 min)"
    # Not --locked: the registry mirror lags some of its freshest dependencies.
    cargo install wasm-bindgen-cli --version "=${WB_VERSION}" --force
  fi
fi

# --- wasm-opt (Node build of binaryen; Debian's binaryen is too old for wasm-bindgen's output) ------
if [[ "$(wasm-opt --version 2>/dev/null || true)" != *"version ${BINARYEN_VERSION%%.*}"* ]]; then
  say "installing wasm-opt (npm binaryen@${BINARYEN_VERSION} into .tools/)"
  npm install --prefix "$REPO_ROOT/.tools" --no-audit --no-fund --loglevel=error \
    "binaryen@${BINARYEN_VERSION}"
  hash -r
  wasm-opt --version >/dev/null || die "wasm-opt still not runnable after npm install"
fi

# --- Browser and end-to-end test dependencies (tests only) ------------------------------------------
if want_test; then
  # A CJK font, so that screenshots of the Chinese interface show characters, not boxes.
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]] || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
    say "installing chromium, chromium-driver and a CJK font (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
      install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei
  fi

  if [[ ! -d tests/e2e/node_modules ]]; then
    say "installing end-to-end test dependencies (npm ci in tests/e2e)"
    if [[ -f tests/e2e/package-lock.json ]]; then
      (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    else
      (cd tests/e2e && npm install --no-audit --no-fund --loglevel=error)
    fi
  fi
fi

# --- Crates, so that Trunk's offline build (cargo build --offline) finds everything -----------------
say "fetching crates (cargo fetch)"
cargo fetch --quiet

say "setup done (${MODE}): $(trunk --version), wasm-bindgen ${WB_VERSION}, $(wasm-opt --version)"
