#!/usr/bin/env bash
# Sets up the app on a fresh Debian/Ubuntu machine and starts the wizard in demo mode: an
# embedded AWS emulator stands in for AWS, so no account is needed and nothing is billed.
# Without a screen (no DISPLAY/WAYLAND_DISPLAY) it runs offscreen. Extra arguments go to ec2nb.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup-env.sh
source scripts/setup-env.sh
ensure_system_packages libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 \
    libxcb-cursor0 openssh-server openssh-client
ensure_venv ".[demo]"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No screen found: running offscreen." >&2
    export QT_QPA_PLATFORM=offscreen
fi
exec .venv/bin/ec2nb --demo "$@"
