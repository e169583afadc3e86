#!/usr/bin/env bash
# Install Debian's LibreOffice Calc (no GUI) for the test that opens the CSV export in a
# real spreadsheet, once; a no-op when present.
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then
    exit 0
fi
echo "==> installing libreoffice-calc-nogui (Debian package) for the spreadsheet test"
if [ "$(id -u)" -ne 0 ]; then
    echo "LibreOffice is missing and installing it needs root:" \
         "apt-get install -y --no-install-recommends libreoffice-calc-nogui" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
