#!/usr/bin/env bash
# The project's tests, in groups run side by side: every test of
# `swift test --skip IdentityBoundaryTests`, each exactly once.
#
# usage: scripts/test.sh [--serial]
#
# Most of the suite's time is real-CLI lifecycles, which mostly wait (Python
# start-up, the CLI's own store lock): three `swift test` processes share the
# machine's cores better than one. The groups are
#   controls        FailureModeControlTests (the live failure-mode controls)
#   known-verdicts  ProtocolScriptTests.KnownVerdictsTests (one canary run, held to its known verdicts)
#   rest            everything else but IdentityBoundaryTests
# and `rest` is defined by what it skips, so no test falls between groups.
# Scenarios and controls in different processes stay apart through the host's
# daemon window (README, "Running one scenario").
#
# Each group's XCTest output is printed whole when the group ends (never
# interleaved); progress lines (a line every 20 s per long test) are followed
# live through CANARY_PROGRESS_FILE. Exit 0 only when every group passed; the
# last lines give each group's status, time and test count. `--serial` runs
# the same command as one `swift test`, for comparison.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=lib/heartbeat.sh
source scripts/lib/heartbeat.sh

with_heartbeat "test: build" swift build --build-tests

work="$(mktemp -d "${TMPDIR:-/tmp}/canary-tests.XXXXXX")"
progress="${CANARY_PROGRESS_FILE:-$work/progress}"
touch "$progress"
export CANARY_PROGRESS_FILE="$progress"
pids=()
cleanup() {
    # By pid: each group's subshell, and the swift test it started.
    for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${1:-}" == "--serial" ]]; then
    exec swift test --skip-build --skip IdentityBoundaryTests
fi

names=(controls known-verdicts rest)
filters=(
    "--filter FailureModeControlTests"
    "--filter ProtocolScriptTests.KnownVerdictsTests"
    "--skip IdentityBoundaryTests --skip FailureModeControlTests --skip ProtocolScriptTests.KnownVerdictsTests"
)

tail -n 0 -f "$progress" &
follower=$!
pids+=("$follower")
started=$(date +%s)
group_pids=()
for index in "${!names[@]}"; do
    # --ignore-lock: the groups share one build directory and only read it.
    # shellcheck disable=SC2086
    ( begun=$(date +%s); status=0
      swift test --skip-build --ignore-lock ${filters[$index]} >"$work/${names[$index]}.log" 2>&1 || status=$?
      echo "$status $(($(date +%s) - begun))" >"$work/${names[$index]}.status" ) &
    group_pids+=("$!")
    pids+=("$!")
done
echo "test: ${#names[@]} groups side by side: ${names[*]}"

# Print each group's output whole as it ends, in the order they end.
pending=("${!names[@]}")
while ((${#pending[@]})); do
    still=()
    for index in "${pending[@]}"; do
        if [[ -f "$work/${names[$index]}.status" ]]; then
            echo "===== test group ${names[$index]} ====="
            cat "$work/${names[$index]}.log"
        else
            still+=("$index")
        fi
    done
    pending=("${still[@]+"${still[@]}"}")
    if ((${#pending[@]})); then sleep 2; fi
done
for pid in "${group_pids[@]}"; do wait "$pid" || true; done
kill "$follower" 2>/dev/null || true

overall=0
echo "===== test groups (wall $(($(date +%s) - started))s) ====="
for name in "${names[@]}"; do
    read -r status seconds <"$work/$name.status"
    executed="$(grep -E '^[[:space:]]*Executed [0-9]+ tests?' "$work/$name.log" | tail -1 | sed -E 's/^[[:space:]]*//')"
    verdict=pass
    [[ "$status" == 0 ]] || { verdict="FAIL (exit $status)"; overall=1; }
    printf 'test: %-15s %-14s %5ss  %s\n' "$name" "$verdict" "$seconds" "${executed:-no XCTest summary}"
done
exit "$overall"
