# linux-tiny-exporter — the front door. `make help` lists the targets.
SHELL := /bin/bash
NODE ?= node
NPM ?= npm
BUNDLE := dist/linux-tiny-exporter.cjs
SOURCES := $(shell find src -name '*.ts') package.json build/bundle.mjs
ARGS ?=

.PHONY: help install deps build run test typecheck golden clean

help: ## List the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json ## Install the npm dependencies (npm ci)

deps: ## Install the Debian packages the full test suite uses (promtool, prometheus, qemu, ...)
	bash build/install-test-deps.sh

$(BUNDLE): node_modules/.package-lock.json $(SOURCES)
	$(NODE) build/bundle.mjs $(BUNDLE)

build: $(BUNDLE) ## Bundle src/ into dist/linux-tiny-exporter.cjs

run: build ## Install, build and start the exporter on :9101 (extra flags: make run ARGS='...')
	exec $(NODE) $(BUNDLE) $(ARGS)

typecheck: install ## TypeScript strict type check
	npx tsc --noEmit -p .

test: build typecheck ## Type check and run the whole test suite
	npx vitest run

golden: install ## Rewrite the golden expositions under test/golden (review the diff!)
	UPDATE_GOLDEN=1 npx vitest run

clean: ## Remove build output
	rm -rf dist
