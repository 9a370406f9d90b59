#!/usr/bin/env bash
# Installs the system packages the build and the script need (sqlite3 and zlib
# headers, git, pkg-config, python3-venv, curl, ps, flock),
# only when something is missing. Needs root (or sudo) for apt-get.
set -euo pipefail

missing=()
[[ -f /usr/include/sqlite3.h ]] || missing+=(libsqlite3-dev)
[[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
command -v git >/dev/null || missing+=(git)
command -v pkg-config >/dev/null || missing+=(pkg-config)
# The protocol script polls the stand-in with curl and walks process trees with ps;
# a slim image (the swift container in CI) may lack either.
command -v curl >/dev/null || missing+=(curl)
command -v ps >/dev/null || missing+=(procps)
# The bootstrap scripts serialize installs of one venv with flock.
command -v flock >/dev/null || missing+=(util-linux)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)

if ((${#missing[@]} == 0)); then
    exit 0
fi
echo "install-system-deps: installing ${missing[*]}" >&2
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
# shellcheck source=lib/heartbeat.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/heartbeat.sh"
with_heartbeat "install-system-deps: apt-get update" "${sudo_cmd[@]}" apt-get update -qq
with_heartbeat "install-system-deps: apt-get install" \
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
