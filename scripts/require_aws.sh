#!/usr/bin/env bash
# Stop a deploy before it touches anything when no AWS identity is usable.
set -uo pipefail

if ! command -v aws >/dev/null 2>&1; then
    echo "Deploying needs the AWS CLI (aws) on PATH, with credentials for the target account; nothing was changed." >&2
    exit 1
fi

if ! aws sts get-caller-identity --output text --query Account \
        --cli-connect-timeout 5 --cli-read-timeout 10 >/dev/null 2>&1; then
    echo "No usable AWS credentials (set AWS_PROFILE or run 'aws configure'); nothing was changed." >&2
    exit 1
fi
