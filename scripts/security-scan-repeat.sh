#!/usr/bin/env bash
# Runs `npm run security-scan` N times (default 20) over one build of out/ and checks that every run
# passes with the same findings: the evidence, in docs/security.md, that the scan does not fail at
# random. Usage: bash scripts/security-scan-repeat.sh [N]   (run `npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
[ -d out/main ] || { echo "out/ is missing: run 'npm run build' first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  if npx --no-install tsx scripts/security-scan.ts >"$work/run-$i.txt" 2>/dev/null; then
    status=pass
  else
    status=FAIL
    failed=$((failed + 1))
  fi
  # The findings are the lines the scan prints, without the scanner's network notices.
  grep -E '^[A-Z_]+ |^electronegativity:' "$work/run-$i.txt" >"$work/findings-$i.txt" || true
  echo "run $i: $status, $(tail -n 1 "$work/findings-$i.txt")"
done
distinct=$(sha256sum "$work"/findings-*.txt | cut -d' ' -f1 | sort -u | wc -l)
echo "security-scan: $runs runs, $failed failed, $distinct distinct set(s) of findings"
[ "$failed" -eq 0 ] && [ "$distinct" -eq 1 ]
