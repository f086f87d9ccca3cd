#!/usr/bin/env bash
# The console floods (bench/flood-suite.ts) once per renderer and run, xterm's renderer pinned with
# RCON_DESK_RENDERER (tests/e2e/harness.ts): compares DOM, canvas and WebGL on this machine.
#   bash bench/compare-renderers.sh [runs] [out-dir] [renderers...]   (out-dir: a temp dir by default)
# Each run writes the suite's tables to OUT/RENDERER-RUN.md and its log (the renderer in use) to .log.
set -euo pipefail
runs="${1:-2}"
out="${2:-${TMPDIR:-/tmp}/rcon-desk-renderers}"
shift $(($# < 2 ? $# : 2))
renderers=("$@")
[ "${#renderers[@]}" -gt 0 ] || renderers=(dom canvas webgl)
mkdir -p "$out"
for run in $(seq 1 "$runs"); do
  for renderer in "${renderers[@]}"; do
    echo "run $run: $renderer" >&2
    RCON_DESK_RENDERER="$renderer" bash scripts/with-keyring.sh npx tsx bench/flood-suite.ts \
      >"$out/$renderer-$run.md" 2>"$out/$renderer-$run.log"
  done
done
