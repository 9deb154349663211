#!/usr/bin/env bash
# Sets up the app on a fresh Debian/Ubuntu machine and starts the wizard in demo mode: an
# embedded AWS emulator stands in for AWS, so no account is needed and nothing is billed.
# Without a screen (no DISPLAY/WAYLAND_DISPLAY) ec2nb says so and runs the command-line demo,
# which shows every step and the notebook's address; `--xvfb` (first argument) shows the wizard
# on a virtual display instead and says how to look at it. Extra arguments go to ec2nb.
# EC2NB_SKIP_SETUP=1 skips the package and .venv checks (a second run, or tests).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup-env.sh
source scripts/setup-env.sh
xvfb=0
if [ "${1:-}" = "--xvfb" ]; then
    xvfb=1
    shift
fi
if [ "${EC2NB_SKIP_SETUP:-}" != 1 ]; then
    extra=(openssh-server openssh-client)
    [ "$xvfb" -eq 0 ] || extra+=(xvfb)
    ensure_system_packages "${QT_XCB_PACKAGES[@]}" "${extra[@]}"
    ensure_venv ".[demo]"
fi
if [ "$xvfb" -eq 1 ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    start_virtual_display
    echo "No screen found: the wizard runs on the virtual display $DISPLAY (Xvfb)." >&2
    echo "Look at it with: DISPLAY=$DISPLAY import -window root demo.png" >&2
    # Not exec: the virtual display must stop when the wizard does.
    status=0
    .venv/bin/ec2nb --demo "$@" || status=$?
    exit "$status"
fi
exec .venv/bin/ec2nb --demo "$@"
