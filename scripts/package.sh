#!/usr/bin/env bash
# Build dist/kefir-<stage>.zip with `zappa package`, from a virtualenv that holds
# the runtime lock (requirements.txt) and nothing else, so no dev tool ships;
# scripts/lambda_venv.py makes its compiled wheels loadable on Lambda.
set -euo pipefail

stage=${1:?usage: package.sh dev|prod}
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=.venv-package
site=$venv/lib/python3.11/site-packages
zappa_pin=zappa==0.63.0

if [ ! -f requirements.txt ]; then
    echo "requirements.txt (the runtime lock file) is missing; generate it before packaging." >&2
    exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "Packaging needs Python 3.11, the Lambda runtime's version (set PYTHON=...)." >&2
    exit 1
fi

# The handler Zappa puts in the zip imports zappa, so zappa is a runtime dependency.
extra=()
grep -qiE '^zappa==' requirements.txt || extra=("$zappa_pin")

stamp="$(cat requirements.txt; echo "${extra[*]}")"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.lock" 2>/dev/null)" != "$stamp" ]; then
    echo "Building $venv from requirements.txt"
    rm -rf "$venv"
    "$python" -m venv --without-pip "$venv"
    "$python" scripts/lambda_venv.py "$site" requirements.txt "${extra[@]}"
    printf '%s' "$stamp" > "$venv/.lock"
fi

mkdir -p dist
rm -f "dist/kefir-$stage.zip"
VIRTUAL_ENV="$PWD/$venv" "$venv/bin/python" -m zappa.cli package "$stage" -o "dist/kefir-$stage.zip"
