# Sourced by the bootstrap scripts: one way to build a project-local venv.
#
#   lock_venv LABEL VENV                               (first: one install at a time)
#   staged_venv_install LABEL VENV POST_INSTALL PIP_ARG...
#
# Builds the venv beside its final place (VENV's parent) and moves it in, so an
# interrupted install never leaves a half-made venv that looks usable. POST_INSTALL
# names a function run with the staging venv's path before the move ("" for none).
# Progress goes to stderr; the caller checks the result and writes its marker.

# The interpreter a venv is built on: $PYTHON when set, else the operating
# system's own /usr/bin/python3 when it can make a venv and is new enough, else
# the first python3 on PATH. The order matters for speed: a distribution's
# Python is built with profile-guided and link-time optimization, a source
# build (pyenv's, configure's default) is not, and every spec-kitty call spends
# about 4 CPU-s starting up (importing its whole command tree). Measured on a
# 2-core Debian 12 machine, the same spec-kitty-cli 3.2.7 with the same
# packages ran `--version` in 0.82 of the CPU time on Debian's 3.11.2 as on
# pyenv's 3.11.7. spec-kitty-cli and spec-kitty-events need Python 3.11 or later.
venv_python() {
    if [[ -n "${PYTHON:-}" ]]; then
        echo "$PYTHON"
        return 0
    fi
    local candidate
    for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
        [[ -n "$candidate" && -x "$candidate" ]] || continue
        if "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# Holds an exclusive lock on VENV's install until the calling script exits.
# Callers side by side (the test groups, matrix workers) would otherwise each
# build VENV and replace it under the other's feet (`rm -rf` and `mv` while the
# other runs from it). The caller checks its marker once it holds the lock, so
# a caller that waited finds the other's install done.
lock_venv() {
    local label="$1" venv="$2"
    mkdir -p "$(dirname "$venv")"
    exec {venv_lock_fd}>"$(dirname "$venv")/.$(basename "$venv").lock"
    if ! flock -n "$venv_lock_fd"; then
        echo "$label: waiting for another install of $venv to finish" >&2
        flock "$venv_lock_fd"
    fi
}

staged_venv_install() {
    local label="$1" venv="$2" post_install="$3"
    shift 3
    local python
    if ! python="$(venv_python)"; then
        echo "$label: no Python 3.11+ with venv found (/usr/bin/python3, python3 on PATH; or set PYTHON)" >&2
        return 1
    fi
    echo "$label: building the venv on $python ($("$python" --version 2>&1))" >&2
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
