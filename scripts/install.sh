#!/usr/bin/env bash
# Installs everything a fresh Debian machine needs: system packages, then the npm dependencies.
# Electron's binary cannot always be downloaded (closed networks, CI): the build does not need it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
