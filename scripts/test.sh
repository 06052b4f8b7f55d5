#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run): setup, then each step in order, stopping at the first
# failure, then a summary.
#
#   scripts/test.sh [--skip-setup] [STEP...]
#
# Steps (default: all, in this order):
#   fmt          cargo fmt --check
#   clippy       clippy, native, whole workspace, all targets
#   clippy-wasm  clippy, wasm32: the app (all targets) and the engine without its native `cli` feature
#   test         native tests (engine, CLI, and the app's pure logic)
#   test-wasm    wasm-bindgen tests in headless Chromium (app, then engine)
#   build        scripts/build.sh (the three pages)  ->  dist/, then each page's size budget
#   e2e          node:test + playwright-core against dist/ (tests/e2e/*.test.mjs)
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

ALL_STEPS=(fmt clippy clippy-wasm test test-wasm build e2e)

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

SKIP_SETUP=0
STEPS=()
for arg in "$@"; do
  case "$arg" in
    --skip-setup) SKIP_SETUP=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "test.sh: unknown option: $arg" >&2; usage >&2; exit 2 ;;
    *)
      if [[ " ${ALL_STEPS[*]} " != *" $arg "* ]]; then
        echo "test.sh: unknown step '$arg' (steps: ${ALL_STEPS[*]})" >&2
        exit 2
      fi
      STEPS+=("$arg")
      ;;
  esac
done
[[ ${#STEPS[@]} -gt 0 ]] || STEPS=("${ALL_STEPS[@]}")

# Browser tests: wasm-bindgen-test-runner drives Chromium through chromedriver.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# A one-shot build on a fresh clone gains nothing from incremental compilation.
if [[ "${CI:-}" == "true" ]]; then export CARGO_INCREMENTAL=0; fi

RESULTS=()
START_ALL=$SECONDS

summary() {
  local status="$1"
  echo
  echo "================================ summary ================================"
  local line
  for line in "${RESULTS[@]}"; do echo "  $line"; done
  echo "-------------------------------------------------------------------------"
  echo "  $status   (total $((SECONDS - START_ALL)) s)"
  echo "========================================================================="
}

# run_step NAME DESCRIPTION COMMAND...: runs one command of a step; stops everything on failure.
run_step() {
  local name="$1" desc="$2"
  shift 2
  echo
  echo "==> [$name] $desc"
  echo "    \$ $*"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  local dt=$((SECONDS - t0))
  if [[ $rc -eq 0 ]]; then
    RESULTS+=("$(printf 'ok    %-12s %5ss  %s' "$name" "$dt" "$desc")")
  else
    RESULTS+=("$(printf 'FAIL  %-12s %5ss  %s (exit %s)' "$name" "$dt" "$desc" "$rc")")
    summary "FAILED at step '$name'"
    exit "$rc"
  fi
}

if [[ $SKIP_SETUP -eq 0 ]]; then
  run_step setup "install missing tools" bash scripts/setup.sh --for test
fi

e2e_tests() {
  shopt -s nullglob
  local files=(tests/e2e/*.test.mjs)
  shopt -u nullglob
  if [[ ${#files[@]} -eq 0 ]]; then
    echo "no tests/e2e/*.test.mjs files" >&2
    return 1
  fi
  # One file at a time: each starts its own Chromium, and the machine may have 2 cores.
  node --test --test-concurrency=1 "${files[@]}"
}

for step in "${STEPS[@]}"; do
  case "$step" in
    fmt)
      run_step fmt "rustfmt check" cargo fmt --all -- --check
      ;;
    clippy)
      run_step clippy "clippy (native, workspace, all targets)" \
        cargo clippy --workspace --all-targets -- -D warnings
      ;;
    clippy-wasm)
      run_step clippy-wasm "clippy (wasm32, app, all targets)" \
        cargo clippy --target wasm32-unknown-unknown -p gossip-playground --all-targets -- -D warnings
      run_step clippy-wasm "clippy (wasm32, engine without cli)" \
        cargo clippy --target wasm32-unknown-unknown -p gossip-engine --no-default-features \
        --features serde --lib --tests -- -D warnings
      ;;
    test)
      run_step test "native tests (workspace; the app's pure logic too)" \
        cargo test --workspace
      ;;
    test-wasm)
      # Doctests are left to the native run: a doctest is not a wasm-bindgen test.
      run_step test-wasm "wasm tests in headless Chromium (app)" \
        cargo test --target wasm32-unknown-unknown -p gossip-playground --all-targets
      run_step test-wasm "wasm tests in headless Chromium (engine without cli)" \
        cargo test --target wasm32-unknown-unknown -p gossip-engine --no-default-features \
        --features serde --lib --tests
      ;;
    build)
      run_step build "trunk release build of the three pages -> dist/" bash scripts/build.sh
      # Bytes are not timing: the bundle size is exact, so each page is held to issue #9's budget.
      run_step build "each page's bundle within 300 KB gzip (scripts/size.sh)" \
        bash scripts/size.sh dist --budget 300000
      ;;
    e2e)
      run_step e2e "end-to-end tests (tests/e2e, headless Chromium)" e2e_tests
      ;;
  esac
done

summary "ALL PASSED"
