# Sourced by the bootstrap scripts: one way to build a project-local venv.
#
#   staged_venv_install LABEL VENV POST_INSTALL PIP_ARG...
#
# Builds the venv beside its final place (VENV's parent) and moves it in, so an
# interrupted install never leaves a half-made venv that looks usable. POST_INSTALL
# names a function run with the staging venv's path before the move ("" for none).
# Progress goes to stderr; the caller checks the result and writes its marker.
staged_venv_install() {
    local label="$1" venv="$2" post_install="$3"
    shift 3
    local python="${PYTHON:-$(command -v python3 || true)}"
    if [[ -z "$python" ]]; then
        echo "$label: python3 not found on PATH" >&2
        return 1
    fi
    local venv_root
    venv_root="$(dirname "$venv")"
    local staging
    staging="$venv_root/.staging-$(basename "$venv")-$$"
    rm -rf "$staging"
    mkdir -p "$venv_root"
    # The caller's shell runs this trap if it dies mid-install; staging is the only thing to undo.
    trap "rm -rf $(printf '%q' "$staging")" EXIT
    "$python" -m venv "$staging"
    # shellcheck source=heartbeat.sh
    source "$(dirname "${BASH_SOURCE[0]}")/heartbeat.sh"
    with_heartbeat "$label: pip install $*" "$staging/bin/pip" install --disable-pip-version-check -q "$@" >&2
    if [[ -n "$post_install" ]]; then
        "$post_install" "$staging"
    fi
    rm -rf "$venv"
    mv "$staging" "$venv"
    trap - EXIT
    # venv scripts carry the staging path in their shebangs and activate files.
    grep -rlI --null "$staging" "$venv/bin" | xargs -0 -r sed -i "s#$staging#$venv#g"
}
