#!/usr/bin/env bash
# The serial and the side-by-side single run, measured one after the other in
# one invocation on one machine, and printed side by side.
#
# usage: scripts/bench-harness.sh [--repeat N] [FILTER]     (default: IdentityBoundary, all four scenarios)
#
# Runs `swift test --filter FILTER` twice, with CANARY_JOBS=1 (today's serial
# order) and with the default width (every scenario at once), each into a
# bundle of its own, and prints from each run document's `timing` block: the
# wall time, the sum of the CLI calls' own durations and their CPU time, the
# call count, the workers, then the ratio parallel/serial of the wall times and
# each run's wall/CLI (the harness's overhead when serial, the overlap when side
# by side), and the floor the CPU sets: the CLI's CPU time over the cores.
# Machines here are noisy: compare the ratios, not the seconds. The verdicts
# of both runs are printed too; they must be the same. `--repeat N` makes N
# side-by-side runs in a row (the flake check), each compared with the serial
# run's verdicts; exit 1 when any differs.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=lib/heartbeat.sh
source scripts/lib/heartbeat.sh
repeat=1
if [[ "${1:-}" == "--repeat" ]]; then
    [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/bench-harness.sh [--repeat N] [FILTER]" >&2; exit 64; }
    repeat="$2"
    shift 2
fi
filter="${1:-IdentityBoundary}"

swift build --build-tests >/dev/null
canary="$(swift build --show-bin-path)/canary"
scripts/bootstrap-spec-kitty.sh >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/canary-bench.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# run MODE JOBS: one single run into $work/MODE; prints nothing, leaves the run document.
run() {
    local mode="$1" jobs="$2"
    mkdir -p "$work/$mode"
    CANARY_JOBS="$jobs" CANARY_EVIDENCE_DIR="$work/$mode" CANARY_RUN_NUMBER=1 \
        with_heartbeat "bench: $mode run (CANARY_JOBS=$jobs)" \
        swift test --skip-build --filter "$filter" >"$work/$mode.log" 2>&1 || true
    [[ -f "$work/$mode/runs/run-1.json" ]] || { echo "bench: the $mode run wrote no run document; its log: $work/$mode.log" >&2; tail -20 "$work/$mode.log" >&2; exit 1; }
}

# field MODE KEY: a number from the run document's timing block (its last
# block: a scenario's notes may use the same key).
field() {
    awk -v key="\"$2\"" '$1 == key { value = $3 } END { gsub(/[",]/, "", value); print value }' "$work/$1/runs/run-1.json"
}

run serial 1
run parallel "${CANARY_JOBS:-4}"

printf '%-9s %9s %9s %9s %6s %8s %9s\n' mode wall_s cli_s cli_cpu_s calls workers wall/cli
for mode in serial parallel; do
    awk -v mode="$mode" -v wall="$(field "$mode" wall_seconds)" -v cli="$(field "$mode" cli_seconds)" \
        -v cpu="$(field "$mode" cli_cpu_seconds)" -v calls="$(field "$mode" cli_calls)" -v workers="$(field "$mode" workers)" \
        'BEGIN { printf "%-9s %9.1f %9.1f %9.1f %6d %8d %9.3f\n", mode, wall, cli, cpu, calls, workers, wall / cli }'
done
awk -v serial="$(field serial wall_seconds)" -v parallel="$(field parallel wall_seconds)" \
    'BEGIN { printf "bench: parallel/serial wall time %.3f (target at most 0.4)\n", parallel / serial }'
# No schedule beats the CPU: the side-by-side run's CLI CPU time spread over
# every core is the least wall time it can take, whatever overlaps.
cores="$(nproc)"
awk -v serial="$(field serial wall_seconds)" -v cpu="$(field parallel cli_cpu_seconds)" -v cores="$cores" \
    'BEGIN { if (cpu > 0) printf "bench: the CLI alone used %.1f CPU-s side by side: at least %.1f s of wall on %d cores, a parallel/serial floor of %.3f\n", cpu, cpu / cores, cores, cpu / cores / serial }'
# The verdicts, which must not depend on the schedule: one table row per scenario.
verdicts() { "$canary" report "$work/$1" --runs 1 --markdown 2>/dev/null | grep '^| [0-9]' || true; }
for mode in serial parallel; do
    echo "bench: $mode verdicts:"
    verdicts "$mode"
done

differ=0
for ((k = 1; k <= repeat; k++)); do
    mode=parallel
    if ((k > 1)); then
        mode="parallel-$k"
        run "$mode" "${CANARY_JOBS:-4}"
    fi
    if [[ "$(verdicts "$mode")" == "$(verdicts serial)" ]]; then
        printf 'bench: side-by-side run %d of %d: wall %ss, same verdicts as the serial run\n' "$k" "$repeat" "$(field "$mode" wall_seconds)"
    else
        differ=1
        printf 'bench: side-by-side run %d of %d: wall %ss, verdicts DIFFER from the serial run:\n' "$k" "$repeat" "$(field "$mode" wall_seconds)"
        verdicts "$mode"
        "$canary" report "$work/$mode" --runs 1 2>/dev/null || true
    fi
done
((repeat == 1)) || echo "bench: $repeat side-by-side runs in a row, $([[ $differ == 0 ]] && echo "none" || echo "some") with verdicts different from the serial run"
exit "$differ"
