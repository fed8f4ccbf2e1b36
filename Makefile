# StatefulSet Playground. `make serve` and `make test` install whatever is missing first
# (scripts/install-tools.sh), so both work on a fresh machine.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO_HOME ?= $(HOME)/.cargo
# Tools installed by scripts/install-tools.sh come first: wasm-opt from .tools/, trunk and
# wasm-bindgen from cargo's bin folder.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

WASM := --target wasm32-unknown-unknown
PORT ?= 8080
# CI insists that Cargo.lock is up to date; locally cargo may refresh it.
LOCKED := $(if $(CI),--locked,)

.PHONY: help tools tools-test serve build lint test test-native test-wasm e2e size bench sequences clean \
	_lint _test-native _test-wasm _build _e2e _size

help: ## List the targets.
	@awk 'BEGIN { FS = ":.*## " } /^[a-z0-9-]+:.*## / { printf "  make %-12s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

tools: ## Install what building needs (Rust wasm target, trunk, wasm-bindgen-cli, wasm-opt).
	@scripts/install-tools.sh build

tools-test: ## Install what testing needs as well (Chromium, chromedriver, brotli, npm packages).
	@scripts/install-tools.sh test

serve: tools ## Build a release bundle and serve it on http://127.0.0.1:8080 (PORT=... to change).
	@$(MAKE) _build
	@python3 scripts/serve.py --port $(PORT) dist

build: tools ## Build the release bundle into dist/.
	@$(MAKE) _build

test: tools-test ## Run every tier: lint, native, wasm (headless Chromium), build, e2e, size.
	@start=$$SECONDS; \
	$(MAKE) _lint _test-native _test-wasm _build _e2e _size; \
	echo "== all tiers passed in $$((SECONDS - start)) s"

lint: tools-test ## cargo fmt --check, and clippy -D warnings natively and for wasm32.
	@$(MAKE) _lint

test-native: tools-test ## Native tests of the core, the command line and the architecture rules.
	@$(MAKE) _test-native

test-wasm: tools-test ## Browser tests (wasm-bindgen-test) in headless Chromium.
	@$(MAKE) _test-wasm

e2e: tools-test ## Build, then run the Playwright suite against the served bundle.
	@$(MAKE) _build _e2e

size: tools-test ## Print the bundle's size per file: raw, gzip -9, brotli -q 11.
	@test -d dist || $(MAKE) _build
	@$(MAKE) _size

bench: ## Benchmarks: settle 1000 / 100 / 10,000 replicas; kubectl get pods -o wide over 1000 pods; a lesson re-check at 100 pods.
	cargo run --release $(LOCKED) --example bench_settle
	cargo run --release $(LOCKED) --example bench_get
	cargo run --release $(LOCKED) --example bench_lesson

sequences: ## Ten thousand random operation sequences against the simulation invariants.
	SIM_SEQUENCES=10000 cargo test --release $(LOCKED) --test sim_properties

clean: ## Remove build output (keeps installed tools).
	cargo clean
	rm -rf dist

_lint:
	@echo "== lint"
	cargo fmt --all --check
	cargo clippy --all-targets $(LOCKED) -- -D warnings
	cargo clippy --all-targets $(LOCKED) $(WASM) -- -D warnings

_test-native:
	@echo "== native tests"
	cargo test $(LOCKED)

# Doc tests are left to the native run; here only test targets run, through the runner in
# .cargo/config.toml.
_test-wasm:
	@echo "== browser tests (wasm32, headless Chromium)"
	cargo test $(LOCKED) $(WASM) --lib --bins --tests

_build:
	@echo "== release build"
	trunk build --release

_e2e:
	@echo "== end-to-end (Playwright, headless Chromium)"
	scripts/e2e.sh

_size:
	@echo "== bundle size"
	@scripts/size.sh dist
