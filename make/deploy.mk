# Deployment targets, included by the main Makefile. Each target that talks to
# AWS first runs scripts/require_aws.sh, which stops it before anything happens
# when no credentials are usable.

TF_APPLY_FLAGS ?=
# APPLY=no deploys the code against infrastructure an operator has already
# applied: CI's deploy role (terraform/modules/github_oidc) may not change it.
APPLY ?= yes
infra-step = $(if $(filter no,$(APPLY)),init,apply)
PACKAGE_PYTHON := .venv-package/bin/python
CHECKOV_VENV := .venv-checkov
INFRA_PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)

.PHONY: require-aws init-dev init-prod plan-dev plan-prod apply-dev apply-prod \
	package deploy-dev deploy-prod frontend-env infra-tools infra-check

require-aws:
	@scripts/require_aws.sh

init-dev init-prod: init-%: require-aws
	scripts/tf_init.sh $*

plan-dev plan-prod: plan-%: init-% ## terraform plan for dev or prod (needs AWS credentials)
	terraform -chdir=terraform/envs/$* plan

apply-dev apply-prod: apply-%: init-% ## terraform apply for dev or prod (needs AWS credentials)
	terraform -chdir=terraform/envs/$* apply $(TF_APPLY_FLAGS)

package: ## Build dist/kefir-<stage>.zip from the runtime lock [STAGE=dev|prod, default dev]
	scripts/package.sh $(or $(STAGE),dev)

deploy-dev: require-aws ## Apply dev, package, zappa deploy/update, stage settings, smoke test [APPLY=no]
	$(MAKE) -f $(firstword $(MAKEFILE_LIST)) $(infra-step)-dev
	scripts/package.sh dev
	scripts/deploy.sh dev

# CONFIRM=prod answers the question for a pipeline that already has a human approval.
deploy-prod: require-aws ## The same for prod, after you type "prod" [APPLY=no] [CONFIRM=prod]
	@[ "$(CONFIRM)" = prod ] || { \
		printf 'Deploy to PRODUCTION? Type "prod" to continue: '; \
		read -r answer && [ "$$answer" = prod ]; \
	} || { echo; echo "Production deploy not confirmed; nothing was changed."; exit 1; }
	$(MAKE) -f $(firstword $(MAKEFILE_LIST)) $(infra-step)-prod
	scripts/package.sh prod
	scripts/deploy.sh prod

frontend-env: require-aws ## Write build/frontend/<stage>.env and .json for the Expo app and web host: STAGE=dev|prod
	@case "$(STAGE)" in dev|prod) ;; *) echo "Name the stage: make frontend-env STAGE=dev|prod"; exit 2;; esac
	$(MAKE) -f $(firstword $(MAKEFILE_LIST)) init-$(STAGE)
	@test -x $(PACKAGE_PYTHON) || scripts/package.sh $(STAGE)
	@mkdir -p build
	terraform -chdir=terraform/envs/$(STAGE) output -json > build/terraform-$(STAGE).json
	$(PACKAGE_PYTHON) scripts/frontend_env.py $(STAGE) --outputs build/terraform-$(STAGE).json

# checkov pins boto3 1.35 and ships its own hcl2 module, which would break the
# app's boto3 and python-hcl2: it lives in a virtualenv of its own.
$(CHECKOV_VENV)/bin/checkov: requirements/checkov.txt
	rm -rf $(CHECKOV_VENV)
	python3 -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/checkov.txt

infra-tools: $(CHECKOV_VENV)/bin/checkov

infra-check: infra-tools ## terraform fmt, checkov and tests/infra, offline
	terraform fmt -check -recursive terraform/
	$(INFRA_PYTHON) -m pytest tests/infra -m "not package"
