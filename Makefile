# linux-tiny-exporter — the front door. `make help` lists the targets.
SHELL := /bin/bash
NODE ?= node
NPM ?= npm
BUNDLE := dist/linux-tiny-exporter.cjs
SOURCES := $(shell find src -name '*.ts') package.json build/bundle.mjs build/otel-api-stub.cjs
ARGS ?=
DIST_BINS := dist/linux-tiny-exporter-linux-x64 dist/linux-tiny-exporter-linux-arm64
DIST_FILES := $(DIST_BINS) $(DIST_BINS:=.xz) dist/SHA256SUMS
VERSION := $(shell $(NODE) -p "require('./package.json').version")
PKG := dist/packages/linux-tiny-exporter_$(VERSION)
SELFCONTAINED := dist/linux-tiny-exporter-$(VERSION)-linux
TARBALLS := $(SELFCONTAINED)-x86_64.tar.gz $(SELFCONTAINED)-aarch64.tar.gz
DEBS := $(PKG)_amd64.deb $(PKG)_arm64.deb
IPK := $(PKG)_all.ipk
# OpenWrt package architectures of the self-contained packages (packaging/common.sh, openwrt_arch).
OPENWRT_AARCH64 ?= aarch64_cortex-a53
export OPENWRT_AARCH64
IMAGES := $(PKG)_amd64.oci.tar $(PKG)_arm64.oci.tar

.PHONY: help install deps build dist packages deb ipk apk container run test check typecheck golden clean bench bench-remote-write conformance FORCE

help: ## List the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json ## Install the npm dependencies (npm ci)

deps: ## Install the Debian packages and test roots the full suite uses (root or sudo; make test does this)
	bash build/install-test-deps.sh

$(BUNDLE): node_modules/.package-lock.json $(SOURCES)
	$(NODE) build/bundle.mjs $(BUNDLE)

build: $(BUNDLE) ## Bundle src/ into dist/linux-tiny-exporter.cjs

# The build tools an output depends on (strip for each architecture: without it the executables are
# built unstripped). The stamp changes when one appears or goes, and what it built is built again.
BUILD_TOOLS := $(shell for t in x86_64-linux-gnu-strip aarch64-linux-gnu-strip; do command -v $$t || echo "no $$t"; done)
dist/.build-tools: FORCE
	@mkdir -p dist
	@[ "$$(cat $@ 2>/dev/null)" = "$(BUILD_TOOLS)" ] || echo "$(BUILD_TOOLS)" >$@

$(DIST_FILES) &: $(BUNDLE) build/dist.sh build/sea.cjs node_modules/.package-lock.json dist/.build-tools
	bash build/dist.sh

dist: $(DIST_FILES) $(TARBALLS) ## Single-file executables for linux x64 and arm64 (+ .xz, SHA256SUMS) via pkg SEA, and their self-contained archives (musl or glibc)

$(SELFCONTAINED)-x86_64.tar.gz: dist/linux-tiny-exporter-linux-x64 packaging/common.sh packaging/deb/copyright packaging/deb/node-LICENSE $(wildcard packaging/selfcontained/*)
	bash packaging/selfcontained/build.sh amd64
$(SELFCONTAINED)-aarch64.tar.gz: dist/linux-tiny-exporter-linux-arm64 packaging/common.sh packaging/deb/copyright packaging/deb/node-LICENSE $(wildcard packaging/selfcontained/*)
	bash packaging/selfcontained/build.sh arm64

packages: deb ipk apk container ## .deb (amd64, arm64), .ipk and .apk (OpenWrt) and container images in dist/packages (docs/packaging.md)

deb: $(DEBS) ## Debian packages of the executables: dist/packages/*.deb
$(PKG)_amd64.deb: dist/linux-tiny-exporter-linux-x64 packaging/common.sh $(wildcard packaging/deb/* packaging/*.1)
	bash packaging/deb/build.sh amd64
$(PKG)_arm64.deb: dist/linux-tiny-exporter-linux-arm64 packaging/common.sh $(wildcard packaging/deb/* packaging/*.1)
	bash packaging/deb/build.sh arm64

ipk: $(IPK) $(PKG)_x86_64.ipk $(PKG)_$(OPENWRT_AARCH64).ipk ## OpenWrt 24.10 packages: the bundle on node (*_all.ipk), self-contained (*_x86_64.ipk, *_aarch64_*.ipk)
$(IPK): $(BUNDLE) build/sea.cjs packaging/common.sh $(wildcard packaging/ipk/*)
	bash packaging/ipk/build.sh
$(PKG)_x86_64.ipk: $(SELFCONTAINED)-x86_64.tar.gz $(BUNDLE) packaging/common.sh $(wildcard packaging/ipk/*)
	bash packaging/ipk/build.sh amd64
$(PKG)_$(OPENWRT_AARCH64).ipk: $(SELFCONTAINED)-aarch64.tar.gz $(BUNDLE) packaging/common.sh $(wildcard packaging/ipk/*)
	bash packaging/ipk/build.sh arm64

apk: $(PKG)_x86_64.apk $(PKG)_$(OPENWRT_AARCH64).apk ## OpenWrt 25.12 packages (apk v2), self-contained: dist/packages/*.apk
$(PKG)_x86_64.apk: $(SELFCONTAINED)-x86_64.tar.gz $(BUNDLE) packaging/common.sh $(wildcard packaging/ipk/* packaging/apk/*)
	bash packaging/apk/build.sh amd64
$(PKG)_$(OPENWRT_AARCH64).apk: $(SELFCONTAINED)-aarch64.tar.gz $(BUNDLE) packaging/common.sh $(wildcard packaging/ipk/* packaging/apk/*)
	bash packaging/apk/build.sh arm64

container: $(IMAGES) ## Container images (podman, FROM scratch) + OCI archives in dist/packages
$(PKG)_amd64.oci.tar: dist/linux-tiny-exporter-linux-x64 Containerfile packaging/common.sh $(wildcard packaging/container/*)
	bash packaging/container/build.sh amd64
$(PKG)_arm64.oci.tar: dist/linux-tiny-exporter-linux-arm64 Containerfile packaging/common.sh $(wildcard packaging/container/*)
	bash packaging/container/build.sh arm64

# Small-heap V8 flags for the bundle on Node (the executables bake in theirs, build/sea.cjs; see bench/bench.ts).
NODE_FLAGS ?= --max-semi-space-size=2 --max-old-space-size=32

run: build ## Install, build and start the exporter on :9101 (extra flags: make run ARGS='...')
	exec $(NODE) $(NODE_FLAGS) $(BUNDLE) $(ARGS)

typecheck: install ## TypeScript strict type check
	npx tsc --noEmit -p .

FUZZ_RUNS ?= 10000
fuzz: install ## Fuzz every parser with fast-check, FUZZ_RUNS cases each (default 10000; FUZZ_SEED=n replays a run)
	FUZZ_RUNS=$(FUZZ_RUNS) npx vitest run test/fuzz

# The README's test command. On a fresh Debian/Ubuntu machine it first installs what the suite needs (as
# root or through sudo; without either it says so, and the tests that need a missing tool are skipped,
# each named), then builds everything and runs the whole suite.
test: ## Install what the tests need (root/sudo), build everything, type-check, run the whole suite
	bash build/install-test-deps.sh --if-possible
	$(MAKE) --no-print-directory check

check: build dist packages typecheck ## The same with what is installed now: installs nothing
	npx vitest run

golden: install ## Rewrite the golden expositions under test/golden (review the diff!)
	UPDATE_GOLDEN=1 npx vitest run

bench: $(BUNDLE) $(DIST_FILES) ## Benchmark against Debian's node_exporter, installed if absent (BENCH_ARGS=--short)
	$(NODE) bench/build.mjs
	$(NODE) bench/.bench.mjs $(BENCH_ARGS)

bench-remote-write: $(BUNDLE) ## Push benchmark: 50 exporters -> one Prometheus for 2 min, a full queue (BENCH_ARGS=--short)
	$(NODE) bench/build.mjs remote-write
	$(NODE) bench/.bench-remote-write.mjs $(BENCH_ARGS)

conformance: install ## node_exporter's e2e run on its fixtures (../shared): samples matched per collector
	$(NODE) bench/build.mjs conformance
	$(NODE) bench/.conformance.mjs

clean: ## Remove build output
	rm -rf dist
