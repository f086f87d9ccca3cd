#!/usr/bin/env bash
# Installs everything a fresh Debian machine needs: system packages, then the npm dependencies.
# Electron's binary comes from outside the npm registry, which closed networks and CI cannot reach:
# the npm install never fetches it, then one attempt is made (skipped in CI); without it the build
# and the tests still work, and the demo opens the rcon shell instead of the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
if [ -z "${CI:-}" ] && [ -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ] && [ ! -f node_modules/electron/path.txt ]; then
  echo "Fetching Electron's binary (skip with ELECTRON_SKIP_BINARY_DOWNLOAD=1)..."
  if ! timeout 300 node node_modules/electron/install.js >/dev/null 2>&1; then
    echo "Electron's binary could not be downloaded here: the app cannot start, the demo will open the rcon shell."
  fi
fi
