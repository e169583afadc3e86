#!/usr/bin/env bash
# terraform init for one stage against the state bucket of the current account
# (kefir-tfstate-<account id>, created once by terraform/bootstrap).
set -euo pipefail

stage=${1:?usage: tf_init.sh dev|prod}
account=$(aws sts get-caller-identity --output text --query Account)
exec terraform -chdir="terraform/envs/$stage" init -input=false \
    -backend-config="bucket=kefir-tfstate-$account"
