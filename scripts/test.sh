#!/usr/bin/env bash
# The whole test suite, from a fresh clone: install, lint, typecheck, build, then every test
# (engine, reference server, CLI, services against the real keychain, browser end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
npm run lint
npm run typecheck
npm run build
npm run security-scan
mkdir -p test-results
status=0
bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
node scripts/test-summary.mjs test-results/vitest.json
exit "$status"
