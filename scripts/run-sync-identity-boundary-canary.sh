#!/usr/bin/env bash
# The four-run protocol of the sync identity-boundary canary.
#
# usage: scripts/run-sync-identity-boundary-canary.sh [--single] [--yes] [--tag TAG] [--help]
#
#   --single    one run instead of four
#   --yes       confirm a real-server target without a terminal (CI)
#   --tag TAG   name of the attempt directory (default: the CLI's version)
#
# Target: CANARY_STANDIN_URL if set (a stand-in someone else started and owns,
# e.g. the gate's: used as is, never stopped, no confirmation; its admin secret
# in CANARY_STANDIN_SECRET); else
# SPEC_KITTY_SAAS_URL if set (a real server; the runs create state there, so a
# terminal confirmation or --yes is required); else one embedded stand-in SaaS
# for the whole protocol, its store kept in the attempt folder.
# CLI: SPEC_KITTY_BIN if set, else the pinned version (installed on first use).
#
# Evidence: artifacts/sync_identity_boundary/<tag>-attempt<N>/ (a new N each
# time): latest.json, runs/run-N.json|.xml|.log, canary.log, MANIFEST.sha256.
# The verdict is read back from the run files, never from exit codes.
#
# Exit: 0 every run passes; 1 a run failed or left no run file; 2 preflight.
#
# CANARY_ARTIFACTS_DIR moves the bundle root (default: artifacts/sync_identity_boundary).
# CANARY_OUTCOME_FILE, when set, receives the outcome as JSON on every exit path
# ({"exit_status", "evidence_directory", "runs", "summary"}): callers (the gate)
# read that, never a log line.
# For testing this script's own plumbing only: CANARY_BIN names a built
# `canary` (the build step is skipped) and CANARY_RUN_COMMAND replaces the
# per-run `swift test` command.
set -euo pipefail

# /proc, setsid and the CLI's Linux daemon scan are what the canary stands on.
if [[ "$(uname -s)" != "Linux" ]]; then
    echo "canary: the sync identity-boundary canary runs on Linux only (this is $(uname -s))" >&2
    exit 2
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/heartbeat.sh
source "$repo_root/scripts/lib/heartbeat.sh"
runs=4
assume_yes=0
tag=""

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
    case "$1" in
        --single) runs=1 ;;
        --yes) assume_yes=1 ;;
        --tag)
            [[ $# -ge 2 && -n "$2" ]] || { echo "canary: --tag needs a value" >&2; exit 2; }
            tag="$2"; shift ;;
        --tag=*) tag="${1#--tag=}" ;;
        -h|--help) usage; exit 0 ;;
        *) echo "canary: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done

# Until the attempt folder exists, what we print is kept in a scratch log.
scratch_log="$(mktemp "${TMPDIR:-/tmp}/canary-log.XXXXXX")"
log_file="$scratch_log"
say() { printf 'canary: %s\n' "$*" | tee -a "$log_file"; }
summary_line=""
preflight_fail() { summary_line="canary: preflight failed: $*"; say "preflight failed: $*"; exit 2; }

json_string() {
    local text="${1//\\/\\\\}"
    text="${text//\"/\\\"}"
    text="${text//$'\n'/\\n}"
    text="${text//$'\t'/\\t}"
    text="${text//$'\r'/\\r}"
    printf '"%s"' "$text"
}

write_outcome() {
    [[ -n "${CANARY_OUTCOME_FILE:-}" ]] || return 0
    local directory="null"
    [[ -z "$attempt" ]] || directory="$(json_string "$attempt")"
    printf '{"exit_status": %d, "evidence_directory": %s, "runs": %d, "summary": %s}\n' \
        "$1" "$directory" "$runs" "$(json_string "$summary_line")" >"$CANARY_OUTCOME_FILE.tmp" \
        && mv -f "$CANARY_OUTCOME_FILE.tmp" "$CANARY_OUTCOME_FILE"
}

standin_pid=""
test_pid=""
attempt=""
finished=0

stop_standin() {
    [[ -n "$standin_pid" ]] || return 0
    # The stand-in leads its own process group (setsid): end the group, by id.
    kill -TERM -- "-$standin_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 -- "-$standin_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 -- "-$standin_pid" 2>/dev/null; then
        say "stand-in did not stop on SIGTERM; sending SIGKILL to process group $standin_pid"
        kill -KILL -- "-$standin_pid" 2>/dev/null || true
    fi
    wait "$standin_pid" 2>/dev/null || true
    say "stand-in stopped (pid $standin_pid)"
    standin_pid=""
}

on_exit() {
    local code=$?
    # A run still going (the script was signalled): end it and every process
    # under it by pid. swift test starts its test process, and the harness
    # each CLI call, in process groups of their own, so one group kill is not enough.
    [[ -z "${test_pid:-}" ]] || end_tree "$test_pid"
    stop_standin
    if [[ -n "$attempt" && $finished -eq 0 ]]; then
        # Interrupted or failed mid-protocol: keep what exists, sealed.
        say "protocol ended early (exit $code); sealing the partial bundle"
        mv_log
        # finalize makes every file read-only; only if it could not seal is that left to chmod.
        "$canary" finalize "$attempt" --runs "$runs" >/dev/null 2>&1 || seal_permissions
    fi
    rm -f "$scratch_log"
    [[ -z "${secret_file:-}" ]] || rm -f "$secret_file"
    [[ -n "$summary_line" ]] || summary_line="canary: ended (exit $code)${attempt:+ evidence: $attempt}"
    write_outcome "$code" || true
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Every descendant of $1, deepest first, collected before anything is signalled.
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
        descendants "$child"
        echo "$child"
    done
}

end_tree() {
    local pids
    pids="$(descendants "$1") $1"
    kill -TERM $pids 2>/dev/null || true
    sleep 2
    kill -KILL $pids 2>/dev/null || true
}

mv_log() {
    if [[ "$log_file" == "$scratch_log" && -n "$attempt" ]]; then
        cat "$scratch_log" >> "$attempt/canary.log"
        log_file="$attempt/canary.log"
    fi
}

seal_permissions() {
    find "$attempt" -type f -exec chmod a-w {} + 2>/dev/null || true
}

cd "$repo_root"

# --- preflight ---------------------------------------------------------------
if [[ -n "${CANARY_BIN:-}" ]]; then
    canary="$CANARY_BIN"
else
    say "preflight: building the harness (about a minute on a fresh clone)"
    scripts/install-system-deps.sh || preflight_fail "system packages missing and could not be installed"
    with_heartbeat "canary: preflight: building the harness" swift build --build-tests >"$scratch_log.build" 2>&1 \
        || { cat "$scratch_log.build" >&2; preflight_fail "swift build failed"; }
    canary="$(swift build --show-bin-path)/canary"
    rm -f "$scratch_log.build"
fi
[[ -x "$canary" ]] || preflight_fail "canary executable not found: $canary"
# --ignore-lock: the tests are built already (--skip-build), and the matrix runs versions side by side.
run_command="${CANARY_RUN_COMMAND:-swift test --skip-build --ignore-lock --filter IdentityBoundary}"

if [[ -n "${SPEC_KITTY_BIN:-}" ]]; then
    cli="$SPEC_KITTY_BIN"
else
    say "preflight: locating the pinned CLI (installed on first use)"
    cli="$(scripts/bootstrap-spec-kitty.sh | tail -n 1)" || preflight_fail "could not install the pinned spec-kitty CLI"
fi
[[ -x "$cli" ]] || preflight_fail "spec-kitty CLI not found or not executable: $cli"

probe_home="$(mktemp -d "${TMPDIR:-/tmp}/canary-preflight.XXXXXX")"
cli_env=(env -i "PATH=$PATH" "HOME=$probe_home" "SPEC_KITTY_HOME=$probe_home" NO_COLOR=1
         SPEC_KITTY_NO_UPGRADE_CHECK=1 SPEC_KITTY_NON_INTERACTIVE=1)
version_line="$("${cli_env[@]}" "$cli" --version </dev/null 2>&1)" \
    || { rm -rf "$probe_home"; preflight_fail "the CLI does not run: $cli --version said: $version_line"; }
cli_version="$(sed -n 's/.*version[[:space:]]*\([^[:space:]]*\).*/\1/p' <<<"$version_line" | head -n 1)"
[[ -n "$cli_version" ]] || { rm -rf "$probe_home"; preflight_fail "the CLI reports no version: $version_line"; }
for surface in auth sync; do
    if ! "${cli_env[@]}" "$cli" "$surface" --help </dev/null >/dev/null 2>&1; then
        rm -rf "$probe_home"
        preflight_fail "cli.unsupported: spec-kitty-cli $cli_version has no '$surface' command; the identity-boundary canary does not apply"
    fi
done
rm -rf "$probe_home"
say "preflight: spec-kitty-cli $cli_version at $cli"

# The CLI's daemon scan is host-wide (3.2.7 counts every live run_sync_daemon
# process as an orphan): beside a daemon this run did not start, a red verdict
# would be the host's. Name it (pid and home) and refuse; never kill it.
host_check="$("$canary" host-check)" || preflight_fail "$host_check"
work_root="${CANARY_WORK_ROOT:-${TMPDIR:-/tmp}/spec-kitty-canary}"

standin_owner="script"
if [[ -n "${CANARY_STANDIN_URL:-}" ]]; then
    # The caller's stand-in (the gate's embedded one): its store is the one the caller
    # checks the historical digest of, so a second stand-in here would hide the runs from it.
    target="standin"
    standin_owner="caller"
    saas_url="${CANARY_STANDIN_URL%/}"
elif [[ -n "${SPEC_KITTY_SAAS_URL:-}" ]]; then
    target="remote"
    saas_url="${SPEC_KITTY_SAAS_URL%/}"
    if ((assume_yes == 0)); then
        if [[ -t 0 ]]; then
            read -r -p "canary: the runs create state on $saas_url; is this a trusted runner? [y/N] " answer
            [[ "$answer" == [yY]* ]] || preflight_fail "not confirmed"
        else
            preflight_fail "a real server ($saas_url) needs confirmation: pass --yes or run from a terminal"
        fi
    fi
else
    target="standin"
fi

tag="${tag:-$cli_version}"
[[ "$tag" =~ ^[A-Za-z0-9._-]+$ ]] || preflight_fail "--tag may hold letters, digits, '.', '_' and '-' only"
bundle_root="${CANARY_ARTIFACTS_DIR:-$repo_root/artifacts/sync_identity_boundary}"
attempt="$("$canary" claim-attempt "$bundle_root" "$tag")" || preflight_fail "cannot claim an attempt directory under $bundle_root"
mkdir -p "$attempt/runs"
mv_log
say "evidence: $attempt"

if [[ "$target" == "standin" ]]; then
    mkdir -p "$attempt/standin"
fi
if [[ "$target" == "standin" && "$standin_owner" == "caller" ]]; then
    say "stand-in: $saas_url (the caller's; not started or stopped here)"
elif [[ "$target" == "standin" ]]; then
    # setsid: the stand-in leads its own process group, ended by id at exit.
    # The admin secret stays out of the bundle: a 0600 file of its own, removed
    # once read (and at exit, for a start that failed).
    secret_file="$(mktemp "${TMPDIR:-/tmp}/canary-standin-secret.XXXXXX")"
    standin_flags=(--port 0 --db "$attempt/standin/store.sqlite" --profile "${CANARY_STANDIN_PROFILE:-deployed-dev-2026-05}"
                   --secret-file "$secret_file")
    if [[ "${CANARY_VALIDATE_PAYLOADS:-1}" != "0" ]]; then
        say "preflight: locating the payload validator (spec-kitty-events; installed on first use)"
        scripts/bootstrap-events-validator.sh >/dev/null || preflight_fail "could not install the payload validator (scripts/bootstrap-events-validator.sh)"
        standin_flags+=(--validate-payloads)
    fi
    say "stand-in: starting"
    setsid "$canary" standin "${standin_flags[@]}" \
        >"$attempt/standin/stdout.log" 2>"$attempt/standin/stderr.log" </dev/null &
    standin_pid=$!
    saas_url=""
    # It prints its URL once its store is open and its validator answers.
    for tick in $(seq 1 600); do
        saas_url="$(head -n 1 "$attempt/standin/stdout.log" 2>/dev/null || true)"
        [[ "$saas_url" == http* ]] && break
        kill -0 "$standin_pid" 2>/dev/null || break
        ((tick % 200 == 0)) && say "stand-in: still starting ($((tick / 10))s)"
        sleep 0.1
    done
    [[ "$saas_url" == http* ]] || preflight_fail "the stand-in did not start: $(tail -n 5 "$attempt/standin/stderr.log")"
    CANARY_STANDIN_SECRET="$(cat "$secret_file")"
    # Read once, so removed now: a script killed past this point (SIGKILL runs
    # no trap) leaves no admin secret behind in TMPDIR.
    rm -f "$secret_file"
    secret_file=""
    say "stand-in: $saas_url (pid $standin_pid, store $attempt/standin/store.sqlite)"
fi

ready="$(curl -sS --max-time 10 -w '\n%{http_code}' "$saas_url/health/ready/" 2>&1)" || preflight_fail "$saas_url/health/ready/ unreachable: $ready"
[[ "$(tail -n 1 <<<"$ready")" == "200" ]] || preflight_fail "saas.not_ready: $saas_url/health/ready/ answered $(tail -n 1 <<<"$ready"): $(head -n 1 <<<"$ready")"
say "target ($target) ready: $saas_url"
if [[ "$target" == "standin" ]]; then
    curl -sS --max-time 10 "$saas_url/__standin__/historical-digest" >"$attempt/standin/historical-before.json" || true
fi

# --- runs ----------------------------------------------------------------------
# Nothing is touched between runs: no server store, queue or daemon record.
for run in $(seq 1 "$runs"); do
    say "run $run/$runs: started"
    started=$SECONDS
    # swift test holds the test process's output until it ends; the observer
    # also appends its progress lines to a file, which is followed live here.
    progress="$(mktemp "${TMPDIR:-/tmp}/canary-progress.XXXXXX")"
    CANARY_RUN_NUMBER="$run" CANARY_EVIDENCE_DIR="$attempt" CANARY_WORK_ROOT="$work_root" \
        CANARY_PROGRESS_FILE="$progress" SPEC_KITTY_SAAS_URL="$saas_url" SPEC_KITTY_BIN="$cli" \
        CANARY_STANDIN_URL="$([[ $target == standin ]] && echo "$saas_url")" \
        CANARY_STANDIN_SECRET="$([[ $target == standin ]] && echo "${CANARY_STANDIN_SECRET:-}")" \
        setsid bash -c "$run_command" </dev/null >"$attempt/runs/run-$run.log" 2>&1 &
    test_pid=$!
    # Both in the background: a trapped signal interrupts `wait` at once,
    # where a foreground pipeline would hold it until the run ended.
    tail -n +1 -f --pid="$test_pid" "$progress" 2>/dev/null | tee -a "$log_file" &
    follower=$!
    wait "$test_pid" || true
    wait "$follower" || true
    test_pid=""
    rm -f "$progress"
    if [[ -f "$attempt/runs/run-$run.json" ]]; then
        outcome="$(grep -m 1 '"outcome"' "$attempt/runs/run-$run.json" | sed 's/.*: *"\([a-z]*\)".*/\1/')"
    else
        outcome="no run file"
    fi
    say "run $run/$runs: $outcome ($((SECONDS - started))s)"
done

if [[ "$target" == "standin" ]]; then
    curl -sS --max-time 10 "$saas_url/__standin__/historical-digest" >"$attempt/standin/historical-after.json" || true
    if ! cmp -s "$attempt/standin/historical-before.json" "$attempt/standin/historical-after.json"; then
        say "WARNING: the stand-in's historical rows changed during the protocol"
    fi
fi
stop_standin

# --- verdict -------------------------------------------------------------------
set +e
report="$("$canary" report "$attempt" --runs "$runs")"
verdict=$?
set -e
printf '%s\n' "$report" >>"$log_file"
finished=1
# The manifest is written last and covers canary.log, so nothing may be
# appended to the log after sealing: a sealing problem goes to stderr only.
if ! "$canary" finalize "$attempt" --runs "$runs" >/dev/null; then
    echo "canary: could not seal the bundle (MANIFEST.sha256) in $attempt" >&2
    verdict=1
    # Sealing makes every file read-only; when it failed, chmod does at least that.
    seal_permissions
fi
printf '%s\n' "$report"
summary_line="$(tail -n 1 <<<"$report")"
exit "$verdict"
