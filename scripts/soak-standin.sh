#!/usr/bin/env bash
# Soaks and fuzzes the stand-in on loopback, bounded (about 30 s), and prints what
# it tried and what held: malformed HTTP (8 MiB of CRLF, garbage, a 1 MiB header,
# bad and 16 MiB chunked bodies, a slowloris), bodies a real server refuses (a gzip
# bomb, 100000-deep nesting, 1e400, invalid UTF-8, junk after gzip, 2^53 + 1), a
# connection flood past the cap, eight witness readers against /health/, and three
# bursts of batches cut by kill -9 with the restarted store checked for every
# acknowledged event; then every accepted envelope is read back byte for byte.
#
#   scripts/soak-standin.sh          build (debug) and soak
#   scripts/soak-standin.sh --keep   keep the soak directory (store, stand-in logs)
#
# Exit 0 when everything held, 1 otherwise. Loopback only; every stand-in it starts
# is its own child, ended by pid.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source=lib/heartbeat.sh
source scripts/lib/heartbeat.sh
echo "soak-standin: building canary (debug)" >&2
with_heartbeat "soak-standin: building" swift build --product canary >&2
exec "$(swift build --show-bin-path)/canary" standin soak "$@"
