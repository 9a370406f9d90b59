#!/usr/bin/env bash
# Harness overhead, measured side by side in one run: the wall time of a
# scenario run against the sum of the CLI calls' own durations inside it.
#
# usage: scripts/bench-harness.sh [FILTER]     (default: IdentityBoundaryTests.Scenario4)
#
# Prints, from the run document the observer wrote: per scenario, its wall
# time, the CLI time and the ratio; then the whole `swift test` process's wall
# time over the CLI time. A ratio near 1.0 means the harness adds almost
# nothing; machines here are noisy, so compare ratios, not seconds.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
filter="${1:-IdentityBoundaryTests.Scenario4}"

swift build --build-tests >/dev/null
canary="$(swift build --show-bin-path)/canary"
bundle="$(mktemp -d "${TMPDIR:-/tmp}/canary-bench.XXXXXX")"
trap 'chmod -R u+w "$bundle" 2>/dev/null; rm -rf "$bundle"' EXIT

start=$(date +%s.%N)
CANARY_EVIDENCE_DIR="$bundle" CANARY_RUN_NUMBER=1 swift test --skip-build --filter "$filter" >"$bundle/test.log" 2>&1 || true
end=$(date +%s.%N)

"$canary" report "$bundle" --runs 1 | grep -v '^canary:' || true
cli=$(grep -o '"seconds" : [0-9.]*' "$bundle/runs/run-1.json" | awk '{ s += $3 } END { printf "%.2f", s }')
awk -v start="$start" -v end="$end" -v cli="$cli" 'BEGIN {
    wall = end - start
    printf "bench: swift test wall %.1fs, CLI and git calls %.1fs: wall/CLI %.3f (includes XCTest start-up and the stand-in)\n", wall, cli, wall / cli
}'
