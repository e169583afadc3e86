#!/usr/bin/env bash
# Install Debian's chromium for the headless browser tests, once; a no-op when present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
echo "==> installing chromium (Debian package) for the headless browser tests"
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing and installing it needs root: apt-get install -y chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
