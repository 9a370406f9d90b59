# Sourced by the scripts: a long step says it is still working, so no minute is silent.
#
#   with_heartbeat LABEL COMMAND...
#
# Runs COMMAND and, every CANARY_HEARTBEAT_SECONDS (default 20) until it ends,
# prints "LABEL: still working (Ns)" to stderr. Returns COMMAND's exit status.
# The beat is ended by its pid, and its pending sleep with it.
with_heartbeat() {
    local label="$1"
    shift
    local interval="${CANARY_HEARTBEAT_SECONDS:-20}" started
    started="$(date +%s)"
    "$@" &
    local worker=$!
    (
        nap=""
        trap '[[ -n "$nap" ]] && kill "$nap" 2>/dev/null; exit 0' TERM
        while :; do
            sleep "$interval" &
            nap=$!
            wait "$nap"
            kill -0 "$worker" 2>/dev/null || exit 0
            printf '%s: still working (%ss)\n' "$label" "$(($(date +%s) - started))" >&2
        done
    ) &
    local beat=$!
    local status=0
    wait "$worker" || status=$?
    kill "$beat" 2>/dev/null || true
    wait "$beat" 2>/dev/null || true
    return "$status"
}
