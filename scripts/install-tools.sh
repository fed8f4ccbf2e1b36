#!/usr/bin/env bash
# Installs what the playground needs to build (`build`, the default) or to build and test (`test`).
# Every step checks first and skips what is already present at the right version, so a warm run
# takes a second or two. Versions come from one place each:
#   trunk           TRUNK_VERSION below (0.22 needs a newer rustc than we use)
#   wasm-bindgen    Cargo.lock (the CLI must match the library exactly)
#   wasm-opt        Trunk.toml's `wasm_opt = "version_N"` (npm binaryen@N, in .tools/)
#   e2e packages    tests/e2e/package-lock.json
#
# DRY_RUN=1 only reports what would be installed. TOOLS_DIR overrides .tools/ (for checks).
set -euo pipefail

mode=${1:-build}
case "$mode" in
build | test) ;;
*)
  echo "usage: $0 [build|test]" >&2
  exit 2
  ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

TRUNK_VERSION=0.21.14
TOOLS_DIR=${TOOLS_DIR:-$root/.tools}
DRY_RUN=${DRY_RUN:-}
WASM_TARGET=wasm32-unknown-unknown
export PATH="$TOOLS_DIR/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

say() { printf '[install] %s\n' "$*"; }
die() {
  printf '[install] error: %s\n' "$*" >&2
  exit 1
}

# Runs a command and reports how long it took, so slow fresh-machine steps are visible in logs.
timed() {
  local what=$1 start=$SECONDS
  shift
  if [ -n "$DRY_RUN" ]; then
    say "would $what: $*"
    return
  fi
  say "$what ..."
  "$@"
  say "$what: done in $((SECONDS - start)) s"
}

# The first line of `cmd --version`, or nothing if the command is missing or fails.
version_of() { "$@" --version 2>/dev/null | head -n 1 || true; }

wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

binaryen_version() {
  sed -n 's/^wasm_opt *= *"version_\([0-9][0-9]*\)".*/\1/p' Trunk.toml
}

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

ensure_apt_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*}
    pkg=${pair#*:}
    command -v "$cmd" >/dev/null || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages present"
    return
  fi
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
  timed "apt-get install ${missing[*]}" apt_install "${missing[@]}"
}

apt_install() {
  as_root apt-get update -q
  as_root apt-get install -y -q "$@"
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup (https://rustup.rs)"
  if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    say "rust target $WASM_TARGET present"
  else
    timed "rustup target add $WASM_TARGET" rustup target add "$WASM_TARGET"
  fi
  if [ "$mode" = test ]; then
    local component
    for component in rustfmt clippy; do
      if rustup component list --installed 2>/dev/null | grep -q "^$component"; then
        say "rust component $component present"
      else
        timed "rustup component add $component" rustup component add "$component"
      fi
    done
  fi
}

ensure_trunk() {
  if [ "$(version_of trunk)" = "trunk $TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION present"
  else
    timed "cargo install trunk $TRUNK_VERSION (several minutes on a fresh machine)" \
      cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || die "no wasm-bindgen entry in Cargo.lock"
  if [ "$(version_of wasm-bindgen)" = "wasm-bindgen $want" ] &&
    [ "$(version_of wasm-bindgen-test-runner)" = "wasm-bindgen-test-runner $want" ]; then
    say "wasm-bindgen-cli $want present"
  else
    # Not --locked: the CLI's own lockfile pins a crate version this registry does not carry.
    timed "cargo install wasm-bindgen-cli $want" cargo install --force wasm-bindgen-cli --version "$want"
  fi
}

ensure_wasm_opt() {
  local want
  want=$(binaryen_version)
  [ -n "$want" ] || die "Trunk.toml has no wasm_opt = \"version_N\" line"
  if version_of "$TOOLS_DIR/node_modules/.bin/wasm-opt" | grep -q "(version_$want)"; then
    say "wasm-opt $want present in .tools/"
  else
    mkdir -p "$TOOLS_DIR"
    timed "npm install binaryen@$want into .tools/" \
      npm install --prefix "$TOOLS_DIR" --no-save --no-audit --no-fund --loglevel=error "binaryen@$want.0.0"
  fi
}

ensure_e2e_packages() {
  local dir=tests/e2e stamp=tests/e2e/node_modules/.lock-sha256 sum
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    say "e2e npm packages present"
  else
    timed "npm ci in $dir" npm_ci "$dir" "$stamp" "$sum"
  fi
}

# Installs the e2e packages exactly as locked and records which lockfile they match.
npm_ci() {
  npm ci --prefix "$1" --no-audit --no-fund --loglevel=error
  printf '%s\n' "$3" >"$2"
}

start=$SECONDS
say "installing what '$mode' needs (skipping what is present)"
packages=(python3:python3 npm:npm node:nodejs)
if [ "$mode" = test ]; then
  packages+=(chromium:chromium chromedriver:chromium-driver brotli:brotli)
fi
ensure_apt_packages "${packages[@]}"
ensure_rust
ensure_trunk
ensure_wasm_bindgen
ensure_wasm_opt
if [ "$mode" = test ]; then
  ensure_e2e_packages
fi
timed "cargo fetch" cargo fetch --quiet ${CI:+--locked}
say "ready in $((SECONDS - start)) s"
