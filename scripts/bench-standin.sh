#!/usr/bin/env bash
# Benchmarks the stand-in's batch ingest on loopback: events/s, p50 and p99 latency
# for batches of 1, 100 and 1000 envelopes (a bounded number of requests each).
#
#   scripts/bench-standin.sh            build release, bench an in-process stand-in
#   BUILD_CONFIG=debug scripts/...      bench the debug build (faster to build)
#   scripts/bench-standin.sh --url URL  bench a running `canary standin` instead
#   scripts/bench-standin.sh --profile deployed-dev-2026-05
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${BUILD_CONFIG:-release}"
cd "$repo_root"
echo "bench-standin: building canary ($config)" >&2
swift build -c "$config" --product canary >&2
bin="$(swift build -c "$config" --show-bin-path)/canary"
echo "bench-standin: $(uname -m), $(nproc) cores, $config build" >&2
exec "$bin" standin bench "$@"
