#!/usr/bin/env bash
# Installs spec-kitty-events (with its `conformance` extra, so validate_event runs
# both the pydantic and the JSON Schema layer, as a strict consumer does) into a
# project-local venv and prints the venv's python on the LAST stdout line
# (progress goes to stderr). Idempotent: when the venv already holds the wanted
# version it only prints the path.
#
#   SPEC_KITTY_EVENTS_VERSION  version to install (default: the one CLI 3.2.7 pulls)
#   EVENTS_VALIDATOR_VENV_ROOT where venvs live (default: <repo>/.venv-events-validator)
set -euo pipefail

# `pip show spec-kitty-events` in the pinned CLI's venv (spec-kitty-cli 3.2.7).
readonly PINNED_VERSION="6.1.0"
version="${SPEC_KITTY_EVENTS_VERSION:-$PINNED_VERSION}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv_root="${EVENTS_VALIDATOR_VENV_ROOT:-$repo_root/.venv-events-validator}"
venv="$venv_root/$version"
python_bin="$venv/bin/python"
marker="$venv/.canary-installed"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

# shellcheck source=lib/staged-venv.sh
source "$repo_root/scripts/lib/staged-venv.sh"
lock_venv bootstrap-events-validator "$venv"
if [[ -x "$python_bin" && -f "$marker" ]]; then
    echo "$python_bin"
    exit 0
fi
echo "bootstrap-events-validator: installing spec-kitty-events[conformance]==$version into $venv" >&2
staged_venv_install bootstrap-events-validator "$venv" "" "spec-kitty-events[conformance]==$version"
# Fail here, not in the first strict request, when the package does not import.
"$python_bin" -c "import jsonschema, spec_kitty_events.conformance as c; c.validate_event" >&2
touch "$marker"
echo "$python_bin"
