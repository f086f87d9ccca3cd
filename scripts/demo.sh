#!/usr/bin/env bash
# From a fresh clone: install everything, build, and open the demo (the app, or the rcon shell
# where Electron cannot run) on the reference server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
npm run build
exec npx tsx scripts/demo.ts "$@"
