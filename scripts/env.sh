# shellcheck shell=bash
# Sourced by the other scripts: repository root and PATH for the project's tools.
#   ~/.cargo/bin                 trunk, wasm-bindgen, wasm-bindgen-test-runner (cargo install)
#   $REPO_ROOT/.tools/.../.bin   wasm-opt from npm binaryen (see scripts/setup.sh)
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

_gp_path_prepend() {
  case ":${PATH}:" in
    *":$1:"*) ;;
    *) PATH="$1:${PATH}" ;;
  esac
}
_gp_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
_gp_path_prepend "$REPO_ROOT/.tools/node_modules/.bin"
unset -f _gp_path_prepend
export PATH
