#!/usr/bin/env bash
# The project's tests: every test of `swift test --skip IdentityBoundaryTests`,
# each exactly once, in groups run side by side.
#
# usage: scripts/test.sh [--serial]
#
# Almost all of the suite's wall time is real-CLI work: one canary run (its
# four scenarios), the failure-mode controls, and the lifecycle tests that
# each spend about a third of their time waiting (3.2.7's own store lock in
# `mission create` and `setup-plan`). One `swift test` runs those one after
# another with a core idle; the groups below, balanced by what each took run
# alone, let them overlap:
#   host-daemon        the tests that start a host daemon impostor (seconds; below)
#   known-verdicts     one canary run held to its known verdicts, the matrix merge
#   identity-controls  the identity-switch controls, the driver's logged-out lifecycle
#   lifecycle-controls the lifecycle controls
#   stand-in-live      the real CLI against the stand-in (lenient; strict with the
#                      Teamspace MVP lifecycle), the protocol script
#   rest               everything else but IdentityBoundaryTests (unit tests, seconds)
# `rest` is what every other group's filters leave out, so no test falls
# between groups. Groups in different processes stay apart through the host's
# daemon window (README, "Running one scenario").
#
# Each group's XCTest output is printed whole when it ends (never interleaved);
# progress lines (one every 20 s naming each long test still running) are
# followed live through CANARY_PROGRESS_FILE. Exit 0 only when every group
# passed; the last lines give each group's status, time and test count.
# `--serial` runs the same tests as one `swift test`, for comparison.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=lib/heartbeat.sh
source scripts/lib/heartbeat.sh

case "${1:-}" in
    ""|--serial) ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test: unknown argument '$1' (usage: scripts/test.sh [--serial])" >&2; exit 2 ;;
esac

with_heartbeat "test: build" swift build --build-tests
# The pinned CLI and the payload validator (installed on first use) before any
# group starts, so no test's time includes an install. (Installs side by side
# are safe anyway: each venv's install holds a lock.)
if [[ "${CANARY_SKIP_REAL_CLI:-}" != "1" ]]; then
    scripts/bootstrap-spec-kitty.sh >/dev/null
    scripts/bootstrap-events-validator.sh >/dev/null
fi

if [[ "${1:-}" == "--serial" ]]; then
    exec swift test --skip-build --skip IdentityBoundaryTests
fi

# The tests that start a host daemon impostor hold the host's daemon window
# exclusively while it lives: every CLI call of every group waits, first for
# the calls already running to end (3.2.7's store-lock waits take 25 s), then
# for the test. In a group of their own they run in the first seconds, before
# the other groups have a long call running; inside a group they stalled the
# others mid-run (20 to 60 s of impostor tests per run, mostly waiting).
host_daemon="CanaryCoreTests.HostSyncDaemonTests/testALiveProcessIsFoundByPid \
ProtocolScriptTests.ProtocolScriptTests/testASyncDaemonAnywhereOnTheHost \
ProtocolScriptTests.ProtocolScriptTests/testScenariosBesideAHostDaemon"
names=(host-daemon known-verdicts identity-controls lifecycle-controls stand-in-live)
patterns=(
    "$host_daemon"
    "ProtocolScriptTests.KnownVerdictsTests ProtocolScriptTests.MatrixMergeTests"
    "FailureModeControlTests.IdentitySwitchControlTests CLIIntegrationTests"
    "FailureModeControlTests.LiveFailureModeControlTests"
    "StandInTests.StandInRealCLITests TeamspaceMVPTests ProtocolScriptTests.ProtocolScriptTests"
)
arguments=()
rest=(--skip IdentityBoundaryTests)
for index in "${!names[@]}"; do
    group=()
    for pattern in ${patterns[$index]}; do
        group+=(--filter "$pattern")
        rest+=(--skip "$pattern")
    done
    if [[ "${names[$index]}" != host-daemon ]]; then
        for pattern in $host_daemon; do group+=(--skip "$pattern"); done
    fi
    arguments+=("${group[*]}")
done
names+=(rest)
arguments+=("${rest[*]}")

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

tail -n 0 -f "$progress" &
follower=$!
pids+=("$follower")
started=$(date +%s)
group_pids=()
for index in "${!names[@]}"; do
    # --ignore-lock: the groups share one build directory and only read it.
    # shellcheck disable=SC2086
    ( begun=$(date +%s); status=0
      swift test --skip-build --ignore-lock ${arguments[$index]} >"$work/${names[$index]}.log" 2>&1 || status=$?
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
            read -r status seconds <"$work/${names[$index]}.status"
            echo "===== test group ${names[$index]} (exit $status, ${seconds}s) ====="
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
    printf 'test: %-18s %-14s %5ss  %s\n' "$name" "$verdict" "$seconds" "${executed:-no XCTest summary}"
done
exit "$overall"
