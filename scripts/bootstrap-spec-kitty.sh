#!/usr/bin/env bash
# Installs the pinned spec-kitty CLI into a project-local venv and prints the
# binary's path on stdout (progress goes to stderr). Idempotent: when the venv
# already holds the wanted version it only prints the path.
#
#   SPEC_KITTY_VERSION   version to install (default: the pin below)
#   SPEC_KITTY_VENV_ROOT where venvs live (default: <repo>/.venv-spec-kitty)
set -euo pipefail

readonly PINNED_VERSION="3.2.7"
version="${SPEC_KITTY_VERSION:-$PINNED_VERSION}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv_root="${SPEC_KITTY_VENV_ROOT:-$repo_root/.venv-spec-kitty}"
venv="$venv_root/$version"
bin="$venv/bin/spec-kitty"
marker="$venv/.canary-installed"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

# shellcheck source=lib/staged-venv.sh
source "$repo_root/scripts/lib/staged-venv.sh"
lock_venv bootstrap-spec-kitty "$venv"
if [[ -x "$bin" && -f "$marker" ]]; then
    echo "$bin"
    exit 0
fi

# Up to 3.2.3 (and in some later RCs, e.g. 3.2.6rc2) the CLI fails to start
# under typer 0.26+, which vendors click. Known cases get the pin up front;
# any other version that then fails to start is retried with it.
extra=()
case "$version" in
    3.2.0*|3.2.1|3.2.1[a-z]*|3.2.2|3.2.2[a-z]*|3.2.3|3.2.3[a-z]*) extra=("typer==0.25.1") ;;
esac

pin_typer_if_it_does_not_start() {
    local staging="$1"
    if ! "$staging/bin/spec-kitty" --version >/dev/null 2>&1 && ((${#extra[@]} == 0)); then
        echo "bootstrap-spec-kitty: $version does not start; pinning typer==0.25.1" >&2
        "$staging/bin/pip" install --disable-pip-version-check -q "typer==0.25.1" >&2
    fi
}

echo "bootstrap-spec-kitty: installing spec-kitty-cli==$version into $venv" >&2
staged_venv_install bootstrap-spec-kitty "$venv" pin_typer_if_it_does_not_start "spec-kitty-cli==$version" ${extra[@]+"${extra[@]}"}
"$bin" --version >&2
touch "$marker"
echo "$bin"
