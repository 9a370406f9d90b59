#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (expressions, job outputs, needs,
# matrix, action inputs) and GitHub's workflow JSON Schema (check-jsonschema's
# bundled copy), both from PyPI in a project-local venv (scripts/bootstrap-workflow-lint.sh).
# Exit 0 when both pass.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
bin="$(scripts/bootstrap-workflow-lint.sh | tail -n 1)"
workflows=(.github/workflows/*.yml)
"$bin/actionlint" "${workflows[@]}"
"$bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
echo "lint-workflows: ${#workflows[@]} workflow(s) pass actionlint and the GitHub workflow schema"
